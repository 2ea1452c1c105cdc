"""Who may open which page and press which button: every role against a ministry's entries.

404: the user may not see the entry (another ministry's draft never shows, not even as
"forbidden"); 403: she may see it but not do this; 302: done and redirected, or, for an
anonymous visitor, sent to log in."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tracker.models import Evidence, ReviewCycle, WorkflowState

pytestmark = pytest.mark.django_db

ROLES = ("own_officer", "other_officer", "coordinator", "committee_reader", "administrator")


@pytest.fixture
def entries(ministry, cycle):
    return {
        "draft": measure_in(WorkflowState.DRAFT, ministry, title="Draft measure"),
        "submitted": measure_in(WorkflowState.SUBMITTED, ministry, title="Submitted measure"),
        "approved": measure_in(WorkflowState.APPROVED, ministry, title="Approved measure"),
        "cycle": cycle,
    }


def _post(client, name, measure, **data):
    return client.post(reverse(name, args=[measure.pk]), {"version": measure.version, **data})


OPERATIONS = {
    "view draft measure": lambda c, e: c.get(
        reverse("tracker:measure-detail", args=[e["draft"].pk])
    ),
    "view approved measure": lambda c, e: c.get(
        reverse("tracker:measure-detail", args=[e["approved"].pk])
    ),
    "create measure": lambda c, e: c.get(reverse("tracker:measure-create")),
    "create pledge": lambda c, e: c.get(reverse("tracker:pledge-create")),
    "edit draft": lambda c, e: c.get(reverse("tracker:measure-edit", args=[e["draft"].pk])),
    "edit approved": lambda c, e: c.get(reverse("tracker:measure-edit", args=[e["approved"].pk])),
    "submit": lambda c, e: _post(c, "tracker:measure-submit", e["draft"]),
    "withdraw": lambda c, e: _post(c, "tracker:measure-withdraw", e["draft"]),
    "add update": lambda c, e: c.get(reverse("tracker:update-create", args=[e["draft"].pk])),
    "add evidence": lambda c, e: c.post(
        reverse("tracker:evidence-add", args=[e["draft"].pk]),
        {"evidence-title": "Report", "evidence-url": "https://example.org/report"},
    ),
    "approve": lambda c, e: _post(c, "tracker:measure-approve", e["submitted"]),
    "return": lambda c, e: _post(c, "tracker:measure-return", e["submitted"], comment="Fix it"),
    "view history of draft": lambda c, e: c.get(
        reverse("tracker:measure-history", args=[e["draft"].pk])
    ),
    "view history of approved": lambda c, e: c.get(
        reverse("tracker:measure-history", args=[e["approved"].pk])
    ),
    "my entries": lambda c, e: c.get(reverse("tracker:my-entries")),
    "review queue": lambda c, e: c.get(reverse("tracker:review-queue")),
    "cycle list": lambda c, e: c.get(reverse("tracker:cycle-list")),
    "create cycle": lambda c, e: c.get(reverse("tracker:cycle-create")),
    "close cycle": lambda c, e: c.post(reverse("tracker:cycle-close", args=[e["cycle"].slug])),
}

# own officer, other ministry's officer, coordinator, committee reader, administrator, anonymous
EXPECTED = {
    "view draft measure": (200, 404, 200, 404, 404, 302),
    "view approved measure": (200, 200, 200, 200, 200, 200),
    "create measure": (200, 200, 403, 403, 403, 302),
    "create pledge": (200, 200, 403, 403, 403, 302),
    "edit draft": (200, 404, 403, 404, 404, 302),
    "edit approved": (200, 403, 403, 403, 403, 302),
    "submit": (302, 404, 403, 404, 404, 302),
    "withdraw": (302, 404, 403, 404, 404, 302),
    "add update": (200, 404, 403, 404, 404, 302),
    "add evidence": (302, 404, 403, 404, 404, 302),
    "approve": (403, 404, 302, 404, 404, 302),
    "return": (403, 404, 302, 404, 404, 302),
    "view history of draft": (200, 404, 200, 404, 404, 302),
    "view history of approved": (200, 403, 200, 403, 403, 302),
    "my entries": (200, 200, 200, 200, 200, 302),
    "review queue": (403, 403, 200, 403, 403, 302),
    "cycle list": (200, 200, 200, 200, 200, 302),
    "create cycle": (403, 403, 200, 403, 403, 302),
    "close cycle": (403, 403, 302, 403, 403, 302),
}

# What a successful POST changes, to tell "done" from "refused" beyond the status code.
EFFECTS = {
    "submit": lambda e: _state(e["draft"]) == WorkflowState.SUBMITTED,
    "withdraw": lambda e: _reload(e["draft"]).archived_at is not None,
    "add evidence": lambda e: Evidence.objects.filter(measure=e["draft"]).exists(),
    "approve": lambda e: _state(e["submitted"]) == WorkflowState.APPROVED,
    "return": lambda e: _state(e["submitted"]) == WorkflowState.RETURNED,
    "close cycle": lambda e: ReviewCycle.objects.get(pk=e["cycle"].pk).closed_at is not None,
}


def _reload(entry):
    return type(entry).objects.get(pk=entry.pk)


def _state(entry) -> str:
    return _reload(entry).workflow_state


CASES = [
    pytest.param(operation, role, EXPECTED[operation][index], id=f"{operation}-{role}")
    for operation in OPERATIONS
    for index, role in enumerate((*ROLES, "anonymous"))
]


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_the_page_answers_each_role_as_the_rules_say(as_user, entries, operation, role, expected):
    response = OPERATIONS[operation](as_user(role), entries)

    assert response.status_code == expected
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith(reverse("login"))
    if operation in EFFECTS:
        done = expected == 302 and role != "anonymous"
        assert EFFECTS[operation](entries) is done


@pytest.mark.parametrize("role", ["other_officer", "committee_reader", "administrator"])
def test_no_page_of_another_ministrys_draft_answers_200(as_user, entries, role):
    draft = entries["draft"]
    pledge = pledge_in(WorkflowState.DRAFT, draft.lead_organisation)
    update = update_in(WorkflowState.DRAFT, draft, entries["cycle"])
    client = as_user(role)
    urls = [
        reverse(name, args=[draft.pk])
        for name in (
            "tracker:measure-detail",
            "tracker:measure-edit",
            "tracker:measure-history",
            "tracker:measure-return",
            "tracker:update-create",
        )
    ] + [
        reverse("tracker:pledge-detail", args=[pledge.pk]),
        reverse("tracker:pledge-edit", args=[pledge.pk]),
        reverse("tracker:pledge-history", args=[pledge.pk]),
        reverse("tracker:update-detail", args=[update.pk]),
        reverse("tracker:update-edit", args=[update.pk]),
        reverse("tracker:update-history", args=[update.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert draft.title.encode() not in response.content
    listing = client.get(reverse("tracker:my-entries")).content.decode()
    assert draft.title not in listing
    if role != "other_officer":  # an officer's list holds her own ministry's entries only
        assert "Approved measure" in listing
