"""Published records: what the public may see of an entry, fixed when a coordinator approves it.

Approving a measure, pledge or progress update writes a published record of that version: a
row with real columns (and many-to-many tables of its own) copying every field the public may
see, numbered per entry (published version 1, 2, ...), with who approved it and when. The
entry's `published` points to its current record, as Wagtail's page points to its live
revision while editors change the latest draft. An edit changes the working copy only; the
public keeps the published record until the change is approved, which publishes a new one.

A published record is never updated or deleted: the model refuses it, and on PostgreSQL a
trigger refuses it too (migrations 0005 and 0006), for the rows and their many-to-many tables alike.

A closed review cycle keeps a snapshot: the published records current when it closed
(CycleSnapshot), from which its figures and reports are read ever after. Reopening the cycle
drops the snapshot; closing it again takes a new one.

The design: docs/architecture/decisions/0011-published-records-and-snapshots.md.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from tracker.models.measures import Measure, ProgressUpdate
from tracker.models.pledges import Pledge


class ImmutableRecordError(Exception):
    """A published record cannot change once written."""


def _copy(model, name: str) -> models.Field:
    """The field `name` of `model`, as declared there (type, choices, validators, labels); a
    relation keeps no reverse accessor and protects what it points to."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        return models.ManyToManyField(
            field.remote_field.model,
            related_name="+",
            blank=field.blank,
            verbose_name=field.verbose_name,
        )
    if field.is_relation:
        return models.ForeignKey(
            field.remote_field.model,
            on_delete=models.PROTECT,
            related_name="+",
            null=field.null,
            blank=field.blank,
            verbose_name=field.verbose_name,
        )
    _name, _path, args, kwargs = field.deconstruct()
    return type(field)(*args, **kwargs)


class Immutable(models.Model):
    """A row written once: the model refuses to change or delete it (and on PostgreSQL a
    trigger refuses it too)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError(f"{self._meta.verbose_name} {self.pk} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(f"{self._meta.verbose_name} {self.pk} cannot be deleted.")


class PublishedRecord(Immutable):
    """What the published records of every kind of entry share."""

    number = models.PositiveIntegerField(
        _("published version"), help_text=_("1 for the entry's first approval, then 2, 3, ...")
    )
    version = models.PositiveIntegerField(_("version of the entry"))
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    history_id = models.PositiveIntegerField(
        _("history record"),
        null=True,
        blank=True,
        help_text=_("The entry's history record of the version published."),
    )
    withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_("An approved withdrawal: the entry has left public view."),
    )

    class Meta:
        abstract = True


# The fields that describe a published version rather than the entry's content: never copied
# from the entry, and no difference of theirs is a change of content.
RECORD_FIELDS = frozenset(
    {"id", "entry", *(field.name for field in PublishedRecord._meta.local_fields)}
)


def _entry_constraints(prefix: str) -> list:
    return [
        models.UniqueConstraint(fields=["entry", "version"], name=f"{prefix}_once_per_version"),
        models.UniqueConstraint(fields=["entry", "number"], name=f"{prefix}_numbered_once"),
    ]


class PublishedMeasure(PublishedRecord):
    entry = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="published_versions")
    title = _copy(Measure, "title")
    description = _copy(Measure, "description")
    language = _copy(Measure, "language")
    title_en = _copy(Measure, "title_en")
    description_en = _copy(Measure, "description_en")
    lead_organisation = _copy(Measure, "lead_organisation")
    partner_organisations = _copy(Measure, "partner_organisations")
    objectives = _copy(Measure, "objectives")
    actions = _copy(Measure, "actions")
    guiding_principles = _copy(Measure, "guiding_principles")
    pact_items = _copy(Measure, "pact_items")
    kind = _copy(Measure, "kind")
    status = _copy(Measure, "status")
    start_date = _copy(Measure, "start_date")
    end_date = _copy(Measure, "end_date")
    budget_amount = _copy(Measure, "budget_amount")
    budget_currency = _copy(Measure, "budget_currency")
    target_groups = _copy(Measure, "target_groups")
    stakeholders = _copy(Measure, "stakeholders")
    pledges = _copy(Measure, "pledges")
    # The measure's evidence its officer marked public and had not removed when approved.
    evidence = models.ManyToManyField(
        "tracker.Evidence", blank=True, related_name="+", verbose_name=_("public evidence")
    )

    class Meta:
        # The public lists' order: the latest approved first.
        ordering = ["-approved_at", "-id"]
        indexes = [
            models.Index(F("approved_at").desc(), F("id").desc(), name="published_measure_recent")
        ]
        verbose_name = _("published measure")
        verbose_name_plural = _("published measures")
        constraints = _entry_constraints("published_measure")

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class PublishedPledge(PublishedRecord):
    entry = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="published_versions")
    text = _copy(Pledge, "text")
    language = _copy(Pledge, "language")
    text_en = _copy(Pledge, "text_en")
    lead_organisation = _copy(Pledge, "lead_organisation")
    co_pledging_organisations = _copy(Pledge, "co_pledging_organisations")
    pledge_type = _copy(Pledge, "pledge_type")
    objectives = _copy(Pledge, "objectives")
    made_on = _copy(Pledge, "made_on")
    occasion = _copy(Pledge, "occasion")
    network_reference = _copy(Pledge, "network_reference")
    status = _copy(Pledge, "status")
    status_narrative = _copy(Pledge, "status_narrative")
    status_updated_on = _copy(Pledge, "status_updated_on")

    class Meta:
        # The public lists' order: the latest approved first.
        ordering = ["-approved_at", "-id"]
        indexes = [
            models.Index(F("approved_at").desc(), F("id").desc(), name="published_pledge_recent")
        ]
        verbose_name = _("published pledge")
        verbose_name_plural = _("published pledges")
        constraints = _entry_constraints("published_pledge")

    def __str__(self) -> str:
        return f"{self.text[:60]} ({self.number})"


class PublishedUpdate(PublishedRecord):
    entry = models.ForeignKey(
        ProgressUpdate, on_delete=models.PROTECT, related_name="published_versions"
    )
    measure = _copy(ProgressUpdate, "measure")
    cycle = _copy(ProgressUpdate, "cycle")
    status = _copy(ProgressUpdate, "status")
    narrative = _copy(ProgressUpdate, "narrative")
    results = _copy(ProgressUpdate, "results")
    challenges = _copy(ProgressUpdate, "challenges")
    narrative_en = _copy(ProgressUpdate, "narrative_en")
    results_en = _copy(ProgressUpdate, "results_en")
    challenges_en = _copy(ProgressUpdate, "challenges_en")

    class Meta:
        # The public lists' order: the latest approved first.
        ordering = ["-approved_at", "-id"]
        indexes = [
            models.Index(F("approved_at").desc(), F("id").desc(), name="published_update_recent")
        ]
        verbose_name = _("published progress update")
        verbose_name_plural = _("published progress updates")
        constraints = _entry_constraints("published_update")

    def __str__(self) -> str:
        return f"{self.measure_id} / {self.cycle_id} ({self.number})"


class CycleSnapshot(models.Model):
    """The published records of a closed cycle's measures, pledges, updates and indicator
    datasets, as they were when it closed. Dropped when a coordinator reopens the cycle."""

    cycle = models.OneToOneField(
        "tracker.ReviewCycle", on_delete=models.PROTECT, related_name="snapshot"
    )
    taken_at = models.DateTimeField(_("taken at"))
    measures = models.ManyToManyField(PublishedMeasure, related_name="+")
    pledges = models.ManyToManyField(PublishedPledge, related_name="+")
    updates = models.ManyToManyField(PublishedUpdate, related_name="+")
    # The published datasets of indicators current when it closed, of its periods and before.
    indicator_datasets = models.ManyToManyField(
        "tracker.PublishedIndicatorDataset", related_name="+"
    )

    class Meta:
        verbose_name = _("snapshot of a closed cycle")
        verbose_name_plural = _("snapshots of closed cycles")

    def __str__(self) -> str:
        return f"{self.cycle} ({self.taken_at:%Y-%m-%d})"
