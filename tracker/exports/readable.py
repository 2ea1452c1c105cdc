"""The public lists' downloads, for people: column headings and values in the reader's
language, beside the machine-readable sheets (columns.py) that the API and the officers'
pages give, with codes and snake_case headings.

Choices are written as their labels, organisations and guiding principles by their names in
the reader's language (or the closest that has one), measure titles and descriptions and
pledge texts in English to an English reader where they exist, with the language they are
in. Objectives are written as their numbers and actions as their codes (5c), as the Compact
names them. A measure's row says the cycle and status of its latest published progress update.

Every label and name is worked out in the database, as part of the rows' one query, so the
files are written as the machine-readable ones are (files.py, copy.py): streamed, in
constant memory. They are sheets of published records (tracker/models/published.py).
"""

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import Exact
from django.http import HttpResponseBase
from django.utils.translation import gettext as _

from compact.languages import FALLBACKS, LANGUAGE_CHOICES
from tracker.exports.columns import Column, Kind, Related, pact_item_column
from tracker.exports.files import rows_export
from tracker.models import (
    MeasureKind,
    MeasureStatus,
    PledgeStatus,
    PledgeType,
    Stakeholder,
    TargetGroup,
)
from tracker.selectors import cycles as cycle_selectors

TEXT_WIDTH = 60


def labelled(expression, choices, *, default=True) -> Case:
    """`expression`'s value written as the label `choices` give it (or else itself, unless
    not `default`)."""
    value = expression if not isinstance(expression, str) else F(expression)
    return Case(
        *(When(Exact(value, Value(code)), then=Value(str(label))) for code, label in choices),
        default=value if default else None,
        output_field=CharField(),
    )


def localized_name(
    prefix: str, language: str, *, fallback: str = "code", english: str = "", field: str = "name"
):
    """The `field` (name) of the row at `prefix` in `language`, else in the closest language
    that has one (compact/languages.py), else its `fallback` field."""
    names = [
        NullIf(
            F(f"{prefix}{english if code == 'en' and english else f'{field}_{code}'}"), Value("")
        )
        for code in (language, *FALLBACKS[language])
    ]
    return Coalesce(*names, F(f"{prefix}{fallback}"), output_field=CharField())


def in_language(text: str, text_en: str, language: str) -> dict:
    """The entry's text in `language` (its English version to an English reader when there
    is one, otherwise as written), as annotations `shown_<text>` and `shown_language`."""
    if language != "en":
        return {f"shown_{text}": F(text), "shown_language": labelled("language", LANGUAGE_CHOICES)}
    english = ~Exact(F(text_en), Value(""))
    return {
        f"shown_{text}": Case(When(english, then=F(text_en)), default=F(text)),
        "shown_language": labelled(
            Case(When(english, then=Value("en")), default=F("language")), LANGUAGE_CHOICES
        ),
    }


def _names(relation: str, language: str) -> Related:
    """The related organisations' names, joined, in the order of their codes."""
    name = localized_name("organisation__", language)
    return Related(relation, (name,), ("organisation__code",))


def measures_readable_export(
    queryset: QuerySet, file_format: str, *, name: str, language: str
) -> HttpResponseBase:
    """The published measures of `queryset`, in its order, as a spreadsheet in `language`
    named `name` and today's date. Their status is the one in the chosen cycle when the
    queryset gives it (`cycle_status`)."""
    queryset, columns = readable_measures(queryset, language)
    widths = {column.name: TEXT_WIDTH for column in columns[1:3]}
    return rows_export(name, _("Measures"), queryset, columns, file_format, widths)


def readable_measures(queryset: QuerySet, language: str) -> tuple[QuerySet, tuple]:
    """The queryset annotated with what the readable columns write, and the columns."""
    status = "cycle_status" if "cycle_status" in queryset.query.annotations else "status"
    cycles = cycle_selectors.cycles_latest_first()
    queryset = cycle_selectors.with_latest_update(queryset).annotate(
        **in_language("title", "title_en", language),
        shown_description=_description(language),
        shown_lead=localized_name("lead_organisation__", language),
        shown_kind=labelled("kind", MeasureKind.choices),
        shown_status=labelled(status, MeasureStatus.choices),
        shown_update_cycle=labelled(
            "latest_update_cycle_id",
            [(cycle.pk, cycle.name_in(language).text) for cycle in cycles],
            default=False,
        ),
        shown_update_status=labelled("latest_update_status", MeasureStatus.choices),
    )
    principle = localized_name("guidingprinciple__", language, english="name_en")
    columns = (
        Column(_("ID"), "entry_id", Kind.NUMBER),
        Column(_("Title"), "shown_title"),
        Column(_("Description"), "shown_description"),
        Column(_("Language"), "shown_language"),
        Column(_("Lead organisation"), "shown_lead"),
        Column(_("Partner organisations"), _names("partner_organisations", language), Kind.RELATED),
        Column(_("Objectives"), _numbers(), Kind.RELATED),
        Column(_("Actions"), _actions(), Kind.RELATED),
        Column(
            _("Guiding principles"),
            Related("guiding_principles", (principle,), ("guidingprinciple__position",)),
            Kind.RELATED,
        ),
        *_pact_items(language),
        Column(_("Kind"), "shown_kind"),
        Column(_("Status"), "shown_status"),
        Column(_("Latest progress update"), "shown_update_cycle"),
        Column(_("Status in the latest progress update"), "shown_update_status"),
        Column(_("Start date"), "start_date", Kind.DATE),
        Column(_("End date"), "end_date", Kind.DATE),
        Column(_("Budget"), "budget_amount", Kind.NUMBER),
        Column(_("Currency"), "budget_currency"),
        Column(_("Target groups"), "target_groups", Kind.CODES, _labels(TargetGroup.choices)),
        Column(_("Stakeholders"), "stakeholders", Kind.CODES, _labels(Stakeholder.choices)),
        Column(_("Last updated"), "approved_at", Kind.MOMENT),
    )
    return queryset, columns


def _description(language: str):
    if language != "en":
        return F("description")
    english = ~Exact(F("title_en"), Value("")) & ~Exact(F("description_en"), Value(""))
    return Case(When(english, then=F("description_en")), default=F("description"))


def _pact_items(language: str) -> tuple[Column, Column]:
    """An entry's EU Pact items: their codes, and their titles in `language` or the closest
    language that has them (the Pact's texts exist in Swedish)."""
    title = localized_name("pactitem__", language, field="title")
    return pact_item_column(_("EU Pact item codes")), pact_item_column(
        _("EU Pact item names"), title
    )


def _numbers() -> Related:
    return Related("objectives", ("objective__number",), ("objective__number",))


def _actions() -> Related:
    return Related(
        "actions",
        ("action__objective__number", "action__letter"),
        ("action__objective__number", "action__position"),
    )


def _labels(choices) -> dict[str, str]:
    """Each code's label, as text in the active language."""
    return {code: str(label) for code, label in choices}


def pledges_readable_export(
    queryset: QuerySet, file_format: str, *, name: str, language: str
) -> HttpResponseBase:
    """As measures_readable_export, for published pledges."""
    queryset, columns = readable_pledges(queryset, language)
    widths = {
        column.name: TEXT_WIDTH
        for column in columns
        if column.value in ("shown_text", "status_narrative")
    }
    return rows_export(name, _("Pledges"), queryset, columns, file_format, widths)


def readable_pledges(queryset: QuerySet, language: str) -> tuple[QuerySet, tuple]:
    """As readable_measures, for published pledges."""
    queryset = queryset.annotate(
        **in_language("text", "text_en", language),
        shown_lead=localized_name("lead_organisation__", language),
        shown_type=labelled("pledge_type", PledgeType.choices),
        shown_status=labelled("status", PledgeStatus.choices),
    )
    columns = (
        Column(_("ID"), "entry_id", Kind.NUMBER),
        Column(_("Pledge"), "shown_text"),
        Column(_("Language"), "shown_language"),
        Column(_("Lead organisation"), "shown_lead"),
        Column(
            _("Co-pledging organisations"),
            _names("co_pledging_organisations", language),
            Kind.RELATED,
        ),
        Column(_("Type"), "shown_type"),
        Column(_("Objectives"), _numbers(), Kind.RELATED),
        *_pact_items(language),
        Column(_("Made on"), "made_on", Kind.DATE),
        Column(_("Occasion"), "occasion"),
        Column(_("Network reference"), "network_reference"),
        Column(_("Status"), "shown_status"),
        Column(_("Status narrative"), "status_narrative"),
        Column(_("Status updated on"), "status_updated_on", Kind.DATE),
        Column(_("Last updated"), "approved_at", Kind.MOMENT),
    )
    return queryset, columns
