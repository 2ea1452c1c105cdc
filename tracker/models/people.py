from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import LANGUAGE_CHOICES, LocalizedText, localize


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency")
    OTHER = "other", _("Other public body")


class Organisation(models.Model):
    """A ministry or agency that records measures and pledges."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("A short stable code, such as MOJ; used in imports and links."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=200, blank=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_(
            "The language its officers write in, unless they choose their own; new entries "
            "start in it. Empty: the site's language."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_en="", name_sv="", name_nb="", name_da=""),
                name="organisation_has_a_name",
                violation_error_message=_("Give the organisation's name in at least one language."),
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z0-9-]+$"),
                name="organisation_code_format",
                violation_error_message=_(
                    "The code may contain only capital letters, digits and hyphens."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def localized(self, field: str, language: str) -> LocalizedText | None:
        return localize(self, field, language)

    def name(self, language: str) -> str:
        text = self.localized("name", language)
        return text.text if text else self.code


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("Desk officer")
    COORDINATOR = "coordinator", _("Coordinator")
    COMMITTEE_READER = "committee_reader", _("Committee reader")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    """A person with one organisation and one role (see tracker/rules.py for what each may do)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COMMITTEE_READER
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_(
            "The language new entries start in and reminders are sent in. Empty: the "
            "organisation's language."
        ),
    )

    # Who gave whom which role is on record; credentials are not copied into the history.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="desk_officer") | Q(organisation__isnull=False),
                name="desk_officer_has_organisation",
                violation_error_message=_("A desk officer must belong to an organisation."),
            ),
        ]

    @property
    def working_language(self) -> str:
        """The language the user works in: her own choice, else her organisation's; empty
        when neither is set (the pages then use the language she reads the site in, e-mails
        the site's). New entries start in it; her reminders are written in it."""
        organisation_language = self.organisation.language if self.organisation else ""
        return self.preferred_language or organisation_language
