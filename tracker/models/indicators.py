"""Indicators: national figures per period beside the measures (Progress Declaration, para. 70).

An indicator (GCM-5.1, say) has a unit, a source and the disaggregations it carries, each a
dimension (sex, age group, ...) with its categories. Its values are recorded per period (a
year) by the desk officers of the organisation that records it, a statistics office or agency.

The reviewable entry is `IndicatorDataset`: one indicator's values for one period. Two million
values cannot be reviewed one by one; a coordinator reviews "indicator X, 2025" as one change,
sees its changed values, and approves it once, which publishes the dataset with its values
(tracker/models/published_indicators.py). Each value names its combination of categories by a
`key`, built and read in one place here (`category_key`, `key_categories`, `key_check`).

Texts in several languages follow the review cycles' convention: `name` and `definition` are
English, `name_sv`, `name_nb`, `name_da` (and the definitions) the other languages; a missing
one is read in the closest language that has it, marked as a fallback (`text_in`).

The design: docs/architecture/decisions/0024-indicator-data.md.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compact.languages import FALLBACKS, LocalizedText, normalize_language
from tracker.models.workflow import ReviewedEntry

# The separators of a key: "age=15-24;sex=female". Codes are slugs, which contain neither.
PAIR_SEPARATOR = ";"
CATEGORY_SEPARATOR = "="

validate_sdg_code = RegexValidator(
    r"^[1-9][0-9]?\.([1-9][0-9]?|[a-z])\.[1-9][0-9]?$",
    _("Give an SDG indicator code such as 10.7.2 or 10.c.1."),
    code="sdg_code",
)
validate_indicator_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("The code may contain only letters, digits, full stops, hyphens and underscores."),
    code="indicator_code",
)


class TranslatedTexts:
    """Texts kept in English (`field`) and in Swedish, Norwegian and Danish (`field_sv`, ...)."""

    def text_in(self, field: str, language: str) -> LocalizedText | None:
        """`field` in `language`, else in the closest language that has it, marked as a
        fallback (compact/languages.py); None when no language has it."""
        language = normalize_language(language)
        for candidate in (language, *FALLBACKS[language]):
            text = getattr(self, field if candidate == "en" else f"{field}_{candidate}")
            if text:
                return LocalizedText(text=text, language=candidate, requested=language)
        return None

    def name_in(self, language: str) -> LocalizedText:
        """The name in `language` or the closest one; the English name always exists."""
        return self.text_in("name", language) or LocalizedText(self.name, "en", language)


def _name_fields() -> tuple[models.Field, ...]:
    return (
        models.CharField(_("name"), max_length=200, help_text=_("In English.")),
        models.CharField(_("name in Swedish"), max_length=200, blank=True),
        models.CharField(_("name in Norwegian"), max_length=200, blank=True),
        models.CharField(_("name in Danish"), max_length=200, blank=True),
    )


class Dimension(TranslatedTexts, models.Model):
    """A disaggregation, such as sex, age group or citizenship."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Such as sex; a column in imports.")
    )
    name, name_sv, name_nb, name_da = _name_fields()

    class Meta:
        ordering = ["code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.code


class Category(TranslatedTexts, models.Model):
    """One category of a dimension, such as female of sex."""

    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        related_name="categories",
        verbose_name=_("dimension"),
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Such as female or 15-24."))
    name, name_sv, name_nb, name_da = _name_fields()
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension__code", "order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="category_code_once_per_dimension",
                violation_error_message=_("This dimension already has a category with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}={self.code}"


class Indicator(TranslatedTexts, models.Model):
    """A national figure measured per period, informing some of the Compact's objectives."""

    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        validators=[validate_indicator_code],
        help_text=_("A short stable code, such as GCM-5.1; used in imports and links."),
    )
    name, name_sv, name_nb, name_da = _name_fields()
    definition = models.TextField(_("definition"), blank=True, help_text=_("In English."))
    definition_sv = models.TextField(_("definition in Swedish"), blank=True)
    definition_nb = models.TextField(_("definition in Norwegian"), blank=True)
    definition_da = models.TextField(_("definition in Danish"), blank=True)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("Such as persons or %."))
    source_organisation = models.ForeignKey(
        "tracker.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators_sourced",
        verbose_name=_("source organisation"),
        help_text=_("The statistics office or agency whose desk officers record the values."),
    )
    source_name = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("link to the source"), max_length=1000, blank=True)
    sdg_code = models.CharField(
        _("SDG indicator"),
        max_length=10,
        blank=True,
        validators=[validate_sdg_code],
        help_text=_("Such as 10.7.2 or 10.c.1."),
    )
    objectives = models.ManyToManyField(
        "compact.Objective", blank=True, related_name="indicators", verbose_name=_("objectives")
    )
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="indicators", verbose_name=_("disaggregations")
    )
    is_demonstration = models.BooleanField(
        _("demonstration"),
        default=False,
        help_text=_("Made-up figures for demonstrating the tracker, not official statistics."),
    )

    history = HistoricalRecords(m2m_fields=[objectives, dimensions])

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.code

    def allowed_categories(self) -> dict[str, set[str]]:
        """{dimension code: its category codes} of the disaggregations the indicator carries."""
        return allowed_categories([self.pk])[self.pk]


def allowed_categories(indicator_ids) -> dict[int, dict[str, set[str]]]:
    """For each indicator, {dimension code: its category codes} of the disaggregations it
    carries, in two queries whatever the number of indicators."""
    allowed: dict[int, dict[str, set[str]]] = {pk: {} for pk in indicator_ids}
    by_dimension: dict[int, set[str]] = {}
    carried = Indicator.dimensions.through.objects.filter(indicator_id__in=allowed)
    categories = Category.objects.filter(dimension__in=carried.values("dimension_id"))
    for dimension_id, code in categories.order_by().values_list("dimension_id", "code"):
        by_dimension.setdefault(dimension_id, set()).add(code)
    for indicator_id, dimension_id, dimension in carried.values_list(
        "indicator_id", "dimension_id", "dimension__code"
    ):
        allowed[indicator_id][dimension] = by_dimension.get(dimension_id, set())
    return allowed


def category_key(categories: Mapping[str, str]) -> tuple[str, str]:
    """The (key, dimensions) of a combination {dimension code: category code}: the pairs
    "dimension=category" sorted by dimension code and joined by ";", and the dimension codes
    so joined; ("", "") for the total. A blank category (a total over that dimension) is left
    out."""
    pairs = sorted((dimension, category) for dimension, category in categories.items() if category)
    key = PAIR_SEPARATOR.join(f"{dimension}{CATEGORY_SEPARATOR}{c}" for dimension, c in pairs)
    return key, PAIR_SEPARATOR.join(dimension for dimension, _c in pairs)


def key_categories(key: str) -> dict[str, str]:
    """The combination {dimension code: category code} a key names; {} for the total."""
    if not key:
        return {}
    return dict(pair.split(CATEGORY_SEPARATOR, 1) for pair in key.split(PAIR_SEPARATOR))


def key_check(categories: Mapping[str, str], allowed: Mapping[str, set[str]]) -> None:
    """Refuse a combination naming a dimension the indicator does not carry, or a category
    its dimension does not have; the error names the dimension (a column in imports)."""
    for dimension, category in categories.items():
        if not category:
            continue
        if dimension not in allowed:
            raise ValidationError(
                {
                    dimension: _("The indicator is not disaggregated by %(dimension)s.")
                    % {"dimension": dimension}
                }
            )
        if category not in allowed[dimension]:
            raise ValidationError(
                {
                    dimension: _("%(category)s is not a category of %(dimension)s.")
                    % {"category": category, "dimension": dimension}
                }
            )


class ValueStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class IndicatorDataset(ReviewedEntry):
    """One indicator's values for one period: the entry reviewed and published as one."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="datasets", verbose_name=_("indicator")
    )
    period = models.PositiveSmallIntegerField(_("period"), help_text=_("The year."))
    organisation = models.ForeignKey(
        "tracker.Organisation",
        on_delete=models.PROTECT,
        related_name="indicator_datasets",
        verbose_name=_("recording organisation"),
    )
    # The current published record (tracker/models/published_indicators.py): what the public
    # sees, until a coordinator approves a change; None before the first approval.
    published = models.ForeignKey(
        "tracker.PublishedIndicatorDataset",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published version"),
    )

    # One record per change of the dataset (values saved, submitted, approved, ...); the values
    # of each approved version are kept by its published record.
    history = HistoricalRecords(excluded_fields=["published"])

    class Meta:
        ordering = ["indicator__code", "-period"]
        verbose_name = _("indicator dataset")
        verbose_name_plural = _("indicator datasets")
        indexes = [models.Index(fields=["updated_at"], name="indicatordataset_updated")]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="indicator_dataset_once_per_period",
                violation_error_message=_("This indicator already has values for this period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class IndicatorValue(models.Model):
    """A value of a dataset for one combination of categories (`key`), or the total."""

    dataset = models.ForeignKey(
        IndicatorDataset, on_delete=models.CASCADE, related_name="values", verbose_name=_("dataset")
    )
    key = models.CharField(_("categories"), max_length=255, blank=True)
    dimensions = models.CharField(_("disaggregation"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.PROVISIONAL
    )

    class Meta:
        ordering = ["dataset", "dimensions", "key"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "key"], name="indicator_value_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.key or 'total'}: {self.value}"
