from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import FALLBACKS, LocalizedText, normalize_language
from tracker.models.workflow import FieldConstraintsMixin


class CycleKind(models.TextChoices):
    IMRF = "imrf", _("International Migration Review Forum (every four years)")
    GENERAL_ASSEMBLY = "general_assembly", _("General Assembly review (every two years)")
    NATIONAL = "national", _("National round")
    # The Commission's communication sets no date for the national implementation plans: the
    # coordinator sets the deadline, as for the other kinds.
    EU_PACT = "eu_pact", _("EU Pact national implementation plan")


class ReviewCycle(FieldConstraintsMixin, models.Model):
    """A reporting round: its period, the deadline for updates and, at its end, a report.

    Progress updates belong to a cycle; once the cycle is closed they can no longer change.
    Its `name` is in English, the language of the report to the UN; name_sv, name_nb and
    name_da give it in the other languages, for the report in each (name_in).
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("In English."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_nb = models.CharField(_("name in Norwegian"), max_length=200, blank=True)
    name_da = models.CharField(_("name in Danish"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Used in links and commands.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CycleKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateTimeField(_("deadline for updates"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    constraint_fields = {"cycle_period_end_after_start": "period_end"}

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="cycle_period_end_after_start",
                violation_error_code="cycle_period_end_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> LocalizedText:
        """The name in `language`, else in the closest language that has one, marked as a
        fallback (compact/languages.py); the English name always exists."""
        language = normalize_language(language)
        for candidate in (language, *FALLBACKS[language]):
            text = self.name if candidate == "en" else getattr(self, f"name_{candidate}")
            if text:
                return LocalizedText(text=text, language=candidate, requested=language)
        return LocalizedText(text=self.name, language="en", requested=language)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() > self.deadline
