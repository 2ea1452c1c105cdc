from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import LANGUAGE_CHOICES
from tracker.models.workflow import ReviewedEntry


class PledgeType(models.TextChoices):
    """As on the UN Network on Migration's pledge form."""

    FINANCIAL = "financial", _("Financial")
    HUMAN_RESOURCES = "human_resources", _("Human resources")
    PROCESS_ORIENTED = "process_oriented", _("Process-oriented")
    POLICY_ORIENTED = "policy_oriented", _("Policy-oriented")


class PledgeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pledge(ReviewedEntry):
    """A public commitment the government made, tracked to fulfilment."""

    text = models.TextField(_("pledge"))
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language the pledge is written in."),
    )
    text_en = models.TextField(_("pledge in English"), blank=True)
    lead_organisation = models.ForeignKey(
        "tracker.Organisation",
        on_delete=models.PROTECT,
        related_name="pledges_led",
        verbose_name=_("lead organisation"),
    )
    co_pledging_organisations = models.ManyToManyField(
        "tracker.Organisation",
        blank=True,
        related_name="pledges_joined",
        verbose_name=_("co-pledging organisations"),
    )
    pledge_type = models.CharField(_("type"), max_length=20, choices=PledgeType.choices)
    objectives = models.ManyToManyField(
        "compact.Objective", related_name="pledges", verbose_name=_("objectives")
    )
    pact_items = models.ManyToManyField(
        "compact.PactItem",
        blank=True,
        related_name="pledges",
        verbose_name=_("EU Pact items"),
        help_text=_("The legal acts and sections of the EU Pact on Migration and Asylum served."),
    )
    made_on = models.DateField(_("date made"))
    occasion = models.CharField(
        _("occasion"), max_length=200, help_text=_("For example IMRF 2022.")
    )
    network_reference = models.CharField(
        _("reference with the UN Network on Migration"), max_length=100, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.NOT_STARTED
    )
    status_narrative = models.TextField(_("status narrative"), blank=True)
    status_updated_on = models.DateField(_("status last updated on"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # A withdrawal of a published pledge, waiting for a coordinator's approval (as a measure's).
    withdrawal_requested_at = models.DateTimeField(
        _("withdrawal requested at"), null=True, blank=True, editable=False
    )
    # The current published record (tracker/models/published.py): what the public sees, until a
    # coordinator approves a change; None before the first approval.
    published = models.ForeignKey(
        "tracker.PublishedPledge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published version"),
    )

    history = HistoricalRecords(
        m2m_fields=[co_pledging_organisations, objectives, pact_items],
        excluded_fields=["published"],
    )

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        indexes = [models.Index(fields=["updated_at"], name="pledge_updated")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def withdrawal_pending(self) -> bool:
        return self.withdrawal_requested_at is not None and self.archived_at is None
