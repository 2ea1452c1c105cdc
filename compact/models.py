"""The Global Compact for Migration as data: objectives, actions, round tables, principles;
beside it the EU Pact on Migration and Asylum: its parts and the items a measure can serve.

Every text has one column per language. A text that does not exist in a language is NULL,
never an empty string and never a copy of another language (the constraints enforce it), so
that the product can tell a reader which texts are missing.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from compact.languages import LANGUAGE_CODES, LocalizedText, localize


def _text_field(verbose_name: str) -> models.TextField:
    return models.TextField(verbose_name, null=True, blank=True)


def _not_empty_constraints(model_name: str, fields: tuple[str, ...]) -> list:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}_{code}__isnull": True}) | ~Q(**{f"{field}_{code}": ""}),
            name=f"{model_name}_{field}_{code}_null_not_empty",
            violation_error_message=f"{field}_{code} is empty: a text that does not exist in "
            "a language is stored as missing (null), never as an empty string.",
        )
        for field in fields
        for code in LANGUAGE_CODES
    ]


class LocalizedModel(models.Model):
    class Meta:
        abstract = True

    def localized(self, field: str, language: str) -> LocalizedText | None:
        return localize(self, field, language)


class RoundTable(LocalizedModel):
    """A round table of the 2022 International Migration Review Forum."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("round table")
        verbose_name_plural = _("round tables")

    def __str__(self) -> str:
        return f"Round table {self.number}"

    @property
    def title(self) -> str:
        """As the Progress Declaration titles it: 'Round table 1 (objectives 2, 5, 6, 12 and 18)',
        in the active language."""
        numbers = [str(objective.number) for objective in self.objectives.all()]
        if len(numbers) > 1:
            numbers_phrase = gettext("%(list)s and %(last)s") % {
                "list": ", ".join(numbers[:-1]),
                "last": numbers[-1],
            }
        else:
            numbers_phrase = "".join(numbers)
        return gettext("Round table %(number)s (objectives %(numbers)s)") % {
            "number": self.number,
            "numbers": numbers_phrase,
        }


class Objective(LocalizedModel):
    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    paragraph = models.PositiveSmallIntegerField(
        _("commitment paragraph"),
        unique=True,
        validators=[MinValueValidator(17), MaxValueValidator(39)],
    )
    round_table = models.ForeignKey(
        RoundTable,
        on_delete=models.PROTECT,
        related_name="objectives",
        verbose_name=_("round table"),
    )
    round_table_position = models.PositiveSmallIntegerField(
        _("position in its round table"),
        help_text=_("The order in which the Progress Declaration lists it in its round table."),
    )
    title_en = _text_field(_("title (English)"))
    title_sv = _text_field(_("title (Swedish)"))
    title_nb = _text_field(_("title (Norwegian)"))
    title_da = _text_field(_("title (Danish)"))
    commitment_en = _text_field(_("commitment (English)"))
    commitment_sv = _text_field(_("commitment (Swedish)"))
    commitment_nb = _text_field(_("commitment (Norwegian)"))
    commitment_da = _text_field(_("commitment (Danish)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["round_table", "round_table_position"],
                name="objective_unique_round_table_position",
            ),
            models.CheckConstraint(
                condition=Q(paragraph=models.F("number") + 16),
                name="objective_paragraph_follows_number",
            ),
            *_not_empty_constraints("objective", ("title", "commitment")),
        ]

    def __str__(self) -> str:
        title = self.localized("title", "en")
        return f"Objective {self.number}: {title}" if title else f"Objective {self.number}"


class Action(LocalizedModel):
    """A lettered action under an objective: (a), (b), ..."""

    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="actions", verbose_name=_("objective")
    )
    letter = models.CharField(_("letter"), max_length=2)
    position = models.PositiveSmallIntegerField(_("position"))
    text_en = _text_field(_("text (English)"))
    text_sv = _text_field(_("text (Swedish)"))
    text_nb = _text_field(_("text (Norwegian)"))
    text_da = _text_field(_("text (Danish)"))

    class Meta:
        ordering = ["objective__number", "position"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(fields=["objective", "letter"], name="action_unique_letter"),
            models.UniqueConstraint(
                fields=["objective", "position"], name="action_unique_position"
            ),
            *_not_empty_constraints("action", ("text",)),
        ]

    def __str__(self) -> str:
        return f"{self.objective.number}({self.letter})"


class GuidingPrinciple(LocalizedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name_en = _text_field(_("name (English)"))
    name_sv = _text_field(_("name (Swedish)"))
    name_nb = _text_field(_("name (Norwegian)"))
    name_da = _text_field(_("name (Danish)"))
    description_en = _text_field(_("description (English)"))
    description_sv = _text_field(_("description (Swedish)"))
    description_nb = _text_field(_("description (Norwegian)"))
    description_da = _text_field(_("description (Danish)"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        constraints = _not_empty_constraints("guidingprinciple", ("name", "description"))

    def __str__(self) -> str:
        return self.name_en or self.code


class PactPart(LocalizedModel):
    """A part (I to VI) of the Commission's 2024 communication on the EU Pact on Migration
    and Asylum. Its texts, like every Pact text, exist only in Swedish."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1)]
    )
    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("Its roman numeral, as in the text.")
    )
    source_line = models.PositiveIntegerField(_("line in the source document"))
    title_en = _text_field(_("title (English)"))
    title_sv = _text_field(_("title (Swedish)"))
    title_nb = _text_field(_("title (Norwegian)"))
    title_da = _text_field(_("title (Danish)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("EU Pact part")
        verbose_name_plural = _("EU Pact parts")
        constraints = _not_empty_constraints("pactpart", ("title",))

    def __str__(self) -> str:
        return f"{self.code}. {self.title_sv}"


class PactItem(LocalizedModel):
    """What a measure can serve in the EU Pact: a numbered section of a part ("III.2"), a
    sub-heading under a section or a part ("III.2.c", "V.a"), or a legal act ("ACT-04").

    `code` is the stable key: the loader matches rows by it, keeping primary keys."""

    class Kind(models.TextChoices):
        SECTION = "section", _("section")
        SUBHEADING = "subheading", _("sub-heading")
        ACT = "act", _("legal act")

    code = models.CharField(_("code"), max_length=16, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        _("position"),
        help_text=_("Reading order: sections and sub-headings as the text runs, then the acts."),
    )
    part = models.ForeignKey(
        PactPart,
        on_delete=models.PROTECT,
        related_name="items",
        null=True,
        blank=True,
        verbose_name=_("part"),
    )
    section = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="subheadings",
        null=True,
        blank=True,
        verbose_name=_("section"),
        limit_choices_to={"kind": "section"},
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("A section's number in its part; an act's place in the list of acts."),
    )
    source_line = models.PositiveIntegerField(_("line in the source document"))
    title_en = _text_field(_("title (English)"))
    title_sv = _text_field(_("title (Swedish)"))
    title_nb = _text_field(_("title (Norwegian)"))
    title_da = _text_field(_("title (Danish)"))
    note_en = _text_field(_("note (English)"))
    note_sv = _text_field(_("note (Swedish)"))
    note_nb = _text_field(_("note (Norwegian)"))
    note_da = _text_field(_("note (Danish)"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("EU Pact item")
        verbose_name_plural = _("EU Pact items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="section", part__isnull=False, section__isnull=True)
                    & Q(number__isnull=False)
                )
                | Q(kind="subheading", part__isnull=False, number__isnull=True)
                | Q(kind="act", part__isnull=True, section__isnull=True, number__isnull=False),
                name="pactitem_place_fits_kind",
                violation_error_message="A section has a part and a number, a sub-heading a part "
                "(and perhaps a section) but no number, an act a number and no part.",
            ),
            models.CheckConstraint(
                condition=Q(kind="act")
                | Q(note_en__isnull=True, note_sv__isnull=True, note_nb__isnull=True)
                & Q(note_da__isnull=True),
                name="pactitem_only_acts_have_notes",
                violation_error_message="Only a legal act has a note.",
            ),
            models.UniqueConstraint(
                fields=["part", "number"],
                condition=Q(kind="section"),
                name="pactitem_unique_section_number",
            ),
            models.UniqueConstraint(
                fields=["number"], condition=Q(kind="act"), name="pactitem_unique_act_number"
            ),
            *_not_empty_constraints("pactitem", ("title", "note")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_sv}"

    def clean(self) -> None:
        super().clean()
        section = self.section
        if section is not None and (
            section.kind != self.Kind.SECTION or section.part_id != self.part_id
        ):
            raise ValidationError(
                {"section": f"{self.code}: its section must be a section of the same part."}
            )
