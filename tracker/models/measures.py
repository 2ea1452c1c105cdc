from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import LANGUAGE_CHOICES
from tracker.models.validators import validate_currency, validate_evidence_file
from tracker.models.workflow import ReviewedEntry, WorkflowState


class MeasureKind(models.TextChoices):
    LEGISLATION = "legislation", _("Legislation")
    POLICY = "policy", _("Policy or strategy")
    PROGRAMME = "programme", _("Programme or project")
    BUDGET = "budget", _("Budget")
    INSTITUTIONAL = "institutional", _("Institutional")
    INTERNATIONAL_COOPERATION = "international_cooperation", _("International cooperation")
    DATA_RESEARCH = "data_research", _("Data and research")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("Women and girls")
    CHILDREN = "children", _("Children")
    UNACCOMPANIED_CHILDREN = "unaccompanied_children", _("Unaccompanied and separated children")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    VICTIMS_OF_TRAFFICKING = "victims_of_trafficking", _("Victims of trafficking")
    IRREGULAR_MIGRANTS = "irregular_migrants", _("Migrants in an irregular situation")
    RETURNEES = "returnees", _("Returning migrants")
    DIASPORA = "diaspora", _("Diaspora")
    PERSONS_WITH_DISABILITIES = "persons_with_disabilities", _("Persons with disabilities")
    OLDER_PERSONS = "older_persons", _("Older persons")
    ALL_MIGRANTS = "all_migrants", _("All migrants")


class Stakeholder(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MIGRANT_DIASPORA_ORGANISATIONS = (
        "migrant_diaspora_organisations",
        _("Migrant and diaspora organisations"),
    )
    TRADE_UNIONS = "trade_unions", _("Trade unions")
    ACADEMIA = "academia", _("Academia")
    NATIONAL_HUMAN_RIGHTS_INSTITUTION = (
        "national_human_rights_institution",
        _("National human rights institution"),
    )


class Measure(ReviewedEntry):
    """Something a ministry did or does to implement the Compact."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language the title and description are written in."),
    )
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    lead_organisation = models.ForeignKey(
        "tracker.Organisation",
        on_delete=models.PROTECT,
        related_name="measures_led",
        verbose_name=_("lead organisation"),
    )
    partner_organisations = models.ManyToManyField(
        "tracker.Organisation",
        blank=True,
        related_name="measures_partnered",
        verbose_name=_("partner organisations"),
    )
    objectives = models.ManyToManyField(
        "compact.Objective", related_name="measures", verbose_name=_("objectives")
    )
    actions = models.ManyToManyField(
        "compact.Action", blank=True, related_name="measures", verbose_name=_("actions")
    )
    guiding_principles = models.ManyToManyField(
        "compact.GuidingPrinciple",
        blank=True,
        related_name="measures",
        verbose_name=_("guiding principles"),
    )
    pact_items = models.ManyToManyField(
        "compact.PactItem",
        blank=True,
        related_name="measures",
        verbose_name=_("EU Pact items"),
        help_text=_("The legal acts and sections of the EU Pact on Migration and Asylum served."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeasureKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_amount = models.DecimalField(
        _("budget amount"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(
        _("budget currency"),
        max_length=3,
        blank=True,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, such as SEK, NOK, DKK or EUR."),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    stakeholders = models.JSONField(_("stakeholders involved"), default=list, blank=True)
    pledges = models.ManyToManyField(
        "tracker.Pledge", blank=True, related_name="measures", verbose_name=_("linked pledges")
    )
    archived_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # A withdrawal of a published measure, waiting for a coordinator's approval
    # (docs/architecture/decisions/0016-withdrawal-and-evidence-as-reviewed-changes.md).
    withdrawal_requested_at = models.DateTimeField(
        _("withdrawal requested at"), null=True, blank=True, editable=False
    )
    # The current published record (tracker/models/published.py): what the public sees, until a
    # coordinator approves a change; None before the first approval.
    published = models.ForeignKey(
        "tracker.PublishedMeasure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published version"),
    )

    history = HistoricalRecords(
        m2m_fields=[
            objectives,
            actions,
            guiding_principles,
            partner_organisations,
            pledges,
            pact_items,
        ],
        excluded_fields=["published"],
    )

    constraint_fields = {
        "measure_end_after_start": "end_date",
        "measure_budget_not_negative": "budget_amount",
        "measure_budget_has_currency": "budget_currency",
    }

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        # For the public dashboards (reports/dashboards/figures.py).
        indexes = [
            # The latest save, which versions the dashboards' cache.
            models.Index(fields=["updated_at"], name="measure_updated"),
            # The pages of the lists of approved measures not withdrawn, in their order.
            models.Index(
                F("updated_at").desc(),
                F("id").desc(),
                condition=Q(workflow_state=WorkflowState.APPROVED, archived_at__isnull=True),
                name="measure_public_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="measure_end_after_start",
                violation_error_code="measure_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | Q(budget_amount__gte=0),
                name="measure_budget_not_negative",
                violation_error_code="measure_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | ~Q(budget_currency=""),
                name="measure_budget_has_currency",
                violation_error_code="measure_budget_has_currency",
                violation_error_message=_("Give the currency of the budget."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def withdrawal_pending(self) -> bool:
        return self.withdrawal_requested_at is not None and self.archived_at is None


class ProgressUpdate(ReviewedEntry):
    """What happened to a measure in one review cycle's reporting period. It is written in its
    measure's language; the *_en fields hold the English for the report to the UN."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="updates", verbose_name=_("measure")
    )
    cycle = models.ForeignKey(
        "tracker.ReviewCycle",
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("review cycle"),
    )
    status = models.CharField(
        _("status at the end of the period"), max_length=20, choices=MeasureStatus.choices
    )
    narrative = models.TextField(_("what happened"))
    results = models.TextField(_("results"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    narrative_en = models.TextField(_("what happened, in English"), blank=True)
    results_en = models.TextField(_("results, in English"), blank=True)
    challenges_en = models.TextField(_("challenges, in English"), blank=True)
    # The current published record (tracker/models/published.py): what the public sees, until a
    # coordinator approves a change; None before the first approval.
    published = models.ForeignKey(
        "tracker.PublishedUpdate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published version"),
    )

    history = HistoricalRecords(excluded_fields=["published"])

    class Meta:
        ordering = ["-cycle__period_start", "measure_id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [
            models.Index(fields=["updated_at"], name="progressupdate_updated"),
            # A cycle's approved updates joined to their measures, with the status they give.
            models.Index(
                fields=["cycle", "measure", "status"],
                condition=Q(workflow_state=WorkflowState.APPROVED),
                name="update_approved_by_cycle",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "cycle"],
                name="one_update_per_measure_and_cycle",
                violation_error_message=_("This measure already has an update for this cycle."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} ({self.cycle})"


class Evidence(models.Model):
    """A link or a file that documents a measure, optionally for one progress update.

    Adding or removing evidence is an edit of the measure: it reaches the public only when a
    coordinator approves the measure, whose published record then lists its public evidence.
    Evidence is never deleted (published records may point at it): removing it dates
    `removed_at`."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("measure")
    )
    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("progress update"),
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(
        _("file"), upload_to="evidence/%Y/%m/", blank=True, validators=[validate_evidence_file]
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Public evidence is shown with the measure's published version, to everyone, once "
            "a coordinator approves the measure."
        ),
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="evidence_is_a_link_or_a_file",
                violation_error_message=_("Give either a link or a file."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
