"""The public pages of the indicators: their list, filterable by review cycle, round table and
objective, and a page per indicator with its definition, its source, its time series (the
total or a disaggregation, chosen in the query string: ?by=sex) and the measures of the
objectives it informs. Only published values are read (tracker/selectors/indicator_series.py);
the series' data table downloads as CSV or XLSX like every chart's (tables.py)."""

import itertools
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from compact.common.language import reader_language
from compact.languages import LocalizedText
from reports.charts.series import series_chart, value_text
from reports.dashboards.indicator_figures import indicator_table, series_figures
from reports.dashboards.indicator_filters import IndicatorFilter
from reports.dashboards.views.common import bad_request, chosen_cycle, list_url, show_texts
from reports.dashboards.views.tables import offer_downloads
from tracker.filtering import linked_to
from tracker.models import Indicator, ValueStatus
from tracker.models.indicators import key_categories
from tracker.selectors import cycles as cycle_selectors
from tracker.selectors import indicator_series as selectors
from tracker.selectors.indicators import indicator_get

MEASURES_SHOWN = 20


@dataclass
class IndicatorRow:
    """An indicator as a list shows it: its name, unit, latest value and trend."""

    indicator: Indicator
    name: LocalizedText
    latest: selectors.Latest
    url: str

    @property
    def latest_text(self) -> str:
        return "—" if self.latest.value is None else value_text(self.latest.value)

    @property
    def change_text(self) -> str:
        return change_text(self.latest.change)

    @property
    def trend(self) -> str:
        """up, down, flat, or "" without two periods: a class and the words beside it."""
        change = self.latest.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "flat"


def change_text(change: Decimal | None) -> str:
    if change is None:
        return "—"
    if change == 0:
        return _("no change")
    # A real minus sign: screen readers read a hyphen as 'dash'.
    text = value_text(abs(change))
    return f"+{text}" if change > 0 else f"\u2212{text}"


def indicator_rows(cycle, among=None, suffix: str = "") -> list[IndicatorRow]:
    """The indicators `among` (by default all) with their latest public value, in the
    reader's language, each linked to its page (with `suffix`, the chosen cycle)."""
    language = reader_language()
    return [
        IndicatorRow(
            indicator=indicator,
            name=indicator.name_in(language),
            latest=latest,
            url=reverse("dashboard:indicator", args=[indicator.code]) + suffix,
        )
        for indicator, latest in selectors.indicator_lines(cycle=cycle, among=among)
    ]


def indicator_list(request):
    url = reverse("dashboard:indicators")
    filterset = IndicatorFilter(request.GET, queryset=Indicator.objects.all(), request=request)
    if not filterset.is_valid():
        errors = [
            (filterset.form.fields[name].label, error)
            for name, messages in filterset.errors.items()
            for error in messages
        ]
        return bad_request(request, errors, url, _("All indicators"))
    cycles = cycle_selectors.cycles_latest_first()
    cycle = filterset.form.cleaned_data.get("cycle") or (cycles[0] if cycles else None)
    suffix = f"?{urlencode({'cycle': cycle.slug})}" if request.GET.get("cycle") else ""
    count, table = indicator_table(
        request=request,
        rows=lambda: indicator_rows(cycle, filterset.qs, suffix),
        scope=f"list?{request.GET.urlencode()}",
        language=reader_language(),
        cycle=cycle,
        caption=_("Indicators with their latest value"),
    )
    context = {
        "form": filterset.form,
        "filtered": any(request.GET.get(name) for name in ("round_table", "objective")),
        "cycle": cycle,
        "count": count,
        "table": table,
    }
    return render(request, "reports/dashboards/indicators.html", context)


def indicator_detail(request, code: str):
    indicator = indicator_get(code=code)
    choice = chosen_cycle(request)
    by = request.GET.get("by", selectors.TOTAL)
    options = disaggregations(indicator)
    if by != selectors.TOTAL and by not in options:
        message = _("The indicator has no disaggregation %(value)s.") % {"value": by}
        return bad_request(request, [(_("Disaggregation"), message)], request.path, code)
    series = series_figures(indicator=indicator, dimensions=by, cycle=choice.cycle)
    language = reader_language()
    categories = _categories(indicator)
    context = {
        "choice": choice,
        "by": by,
        "indicator": indicator,
        "name": indicator.name_in(language),
        "definition": indicator.text_in("definition", language),
        "source": _source(indicator, language),
        "latest": series.total,
        "latest_text": value_text(series.total.value),
        "change_text": change_text(series.total.change),
        "choices": _choices(request, indicator, options, by, language),
        "chart": _chart(indicator, series, categories, language),
        **_about_values(series, categories, language),
        "objectives": [
            (objective, objective.localized("title", language))
            for objective in indicator.objectives.all()
        ],
        "measures": _measures(choice, indicator, language),
        "measure_links": [
            (objective.number, list_url("measures", **choice.query(objective=objective.number)))
            for objective in indicator.objectives.all()
        ],
    }
    page = "-".join(part for part in ("indicator", indicator.code, by.replace(";", "-")) if part)
    download = offer_downloads(request, context, page=page, cycle=choice.cycle)
    return (
        download
        if download is not None
        else render(request, "reports/dashboards/indicator.html", context)
    )


def disaggregations(indicator: Indicator) -> list[str]:
    """The disaggregations the indicator carries, as a series names them: each dimension
    and each combination of them ("sex", "age;sex"), by size then name."""
    codes = sorted(dimension.code for dimension in indicator.dimensions.all())
    return [
        ";".join(chosen)
        for size in range(1, len(codes) + 1)
        for chosen in itertools.combinations(codes, size)
    ]


def _source(indicator: Indicator, language: str) -> LocalizedText | None:
    if indicator.source_name:
        return LocalizedText(indicator.source_name, language, language)
    organisation = indicator.source_organisation
    return organisation.localized("name", language) if organisation else None


@dataclass
class Choice:
    label: str
    url: str
    current: bool


def _choices(request, indicator, options: list[str], by: str, language: str) -> list[Choice]:
    """The total and each disaggregation the indicator carries, each a permanent link."""
    names = {dimension.code: dimension for dimension in indicator.dimensions.all()}
    query = request.GET.copy()
    for name in ("by", "download", "format"):
        query.pop(name, None)
    choices = [Choice(_("Total"), _with(query, by=""), by == selectors.TOTAL)]
    for option in options:
        label = " \N{MULTIPLICATION SIGN} ".join(
            _marked(names[code].name_in(language)) if code in names else code
            for code in option.split(";")
        )
        choices.append(Choice(label, _with(query, by=option), option == by))
    return choices


def _with(query, **values) -> str:
    query = query.copy()
    for name, value in values.items():
        if value:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _marked(text: LocalizedText) -> str:
    """A name as plain text (a chart's legend, a link), with its language when not the
    reader's."""
    return f"{text.text} ({text.language_name})" if text.is_fallback else text.text


def _key_label(key: str, categories: dict, language: str) -> str:
    if not key:
        return _("Total")
    return ", ".join(
        _marked(categories[pair].name_in(language)) if pair in categories else pair[1]
        for pair in key_categories(key).items()
    )


def _categories(indicator: Indicator) -> dict:
    """The indicator's categories by (dimension code, category code)."""
    return {
        (dimension.code, category.code): category
        for dimension in indicator.dimensions.all()
        for category in dimension.categories.all()
    }


def _about_values(series: selectors.Series, categories: dict, language: str) -> dict:
    """What the data table does not say of its values (`series.rows`): the periods whose
    values shown are all provisional, the provisional values of the other periods
    ([(period, "Women, Men")]), and each value's note ([(period, series name, note)]), first
    period first."""
    provisional: dict[int, list[str]] = {}
    for row in series.rows:
        if row["status"] == ValueStatus.PROVISIONAL:
            provisional.setdefault(row["period"], []).append(row["key"])
    shown = Counter(row["period"] for row in series.rows)
    return {
        "provisional_periods": [p for p, keys in provisional.items() if len(keys) == shown[p]],
        "provisional_values": [
            (period, ", ".join(_key_label(key, categories, language) for key in keys))
            for period, keys in provisional.items()
            if len(keys) < shown[period]
        ],
        "value_notes": [
            (row["period"], _key_label(row["key"], categories, language), row["note"])
            for row in series.rows
            if row["note"]
        ],
    }


def _chart(indicator: Indicator, series: selectors.Series, categories: dict, language: str):
    order = {pair: (category.order, pair) for pair, category in categories.items()}
    keys = sorted(
        series.keys,
        key=lambda key: [order.get(pair, (0, pair)) for pair in key_categories(key).items()],
    )
    label = _("%(indicator)s: values by period") % {"indicator": indicator.code}
    return series_chart(
        title=label,
        periods=series.periods,
        series=[
            (
                _key_label(key, categories, language),
                [series.values.get((period, key)) for period in series.periods],
            )
            for key in keys
        ],
        value_label=indicator.unit or _("Value"),
        category_label=_("Period"),
        chart_id="indicator-series",
    )


def _measures(choice, indicator: Indicator, language: str) -> list:
    """The latest published measures serving an objective the indicator informs."""
    objectives = indicator.objectives.all()
    if not objectives:
        return []
    serving = linked_to(
        cycle_selectors.public_measures(choice.cycle),
        "objectives",
        pk__in=[objective.pk for objective in objectives],
    )
    measures = list(
        serving.select_related("lead_organisation").order_by("-approved_at", "-pk")[:MEASURES_SHOWN]
    )
    show_texts(measures, "title", language)
    return measures
