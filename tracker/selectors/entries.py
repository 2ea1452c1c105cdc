"""Read paths of the tracker. Every list is scoped to what the user may see (tracker/rules.py)
and loads its related rows in a fixed number of queries. The review queue: review.py."""

from django.core.validators import slug_re
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from compact.models import Action
from tracker.models import (
    Measure,
    Organisation,
    Pledge,
    ProgressUpdate,
    ReviewCycle,
    WorkflowState,
)
from tracker.rules import is_coordinator, is_desk_officer


def _visible(queryset: QuerySet, user, organisation_path: str) -> QuerySet:
    """What `user` may read: coordinators everything, desk officers their organisation's
    entries and everyone's approved ones, everybody else approved entries only: the queryset
    form of `can_view_entry` in tracker/rules.py, asking its predicates."""
    approved = Q(workflow_state=WorkflowState.APPROVED)
    if is_coordinator(user):
        return queryset
    if is_desk_officer(user):
        return queryset.filter(approved | Q(**{organisation_path: user.organisation_id}))
    return queryset.filter(approved)


def measure_list(*, user, include_archived: bool = False) -> QuerySet[Measure]:
    queryset = Measure.objects.select_related("lead_organisation", "published").prefetch_related(
        "objectives",
        Prefetch("actions", queryset=Action.objects.select_related("objective")),
        "partner_organisations",
        "guiding_principles",
        "pact_items",
    )
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return _visible(queryset, user, "lead_organisation_id")


def measure_get(*, user, pk: int) -> Measure:
    try:
        return measure_list(user=user, include_archived=True).get(pk=pk)
    except Measure.DoesNotExist as error:
        raise Http404("No such measure") from error


def pledge_list(*, user, include_archived: bool = False) -> QuerySet[Pledge]:
    queryset = Pledge.objects.select_related("lead_organisation", "published").prefetch_related(
        "objectives", "co_pledging_organisations", "pact_items"
    )
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return _visible(queryset, user, "lead_organisation_id")


def pledge_get(*, user, pk: int) -> Pledge:
    try:
        return pledge_list(user=user, include_archived=True).get(pk=pk)
    except Pledge.DoesNotExist as error:
        raise Http404("No such pledge") from error


def progress_update_list(*, user) -> QuerySet[ProgressUpdate]:
    queryset = ProgressUpdate.objects.select_related(
        "measure", "measure__lead_organisation", "cycle", "published"
    )
    return _visible(queryset, user, "measure__lead_organisation_id")


def progress_update_get(*, user, pk: int) -> ProgressUpdate:
    try:
        return progress_update_list(user=user).get(pk=pk)
    except ProgressUpdate.DoesNotExist as error:
        raise Http404("No such progress update") from error


def cycle_list() -> QuerySet[ReviewCycle]:
    return ReviewCycle.objects.all()


def cycle_by_slug(slug: str | None) -> ReviewCycle | None:
    """The review cycle named `slug`; None for none, and for text that is no slug at all."""
    if not slug or not slug_re.fullmatch(slug):
        return None
    return ReviewCycle.objects.filter(slug=slug).first()


def cycle_current() -> ReviewCycle | None:
    """The open cycle whose period is the latest: where new progress updates go."""
    return ReviewCycle.objects.filter(closed_at__isnull=True).order_by("-period_start").first()


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent")
