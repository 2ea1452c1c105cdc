"""What the dashboard's pages share: the chosen review cycle, links to the filtered lists,
the charts of statuses and the answer to bad input."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from compact.languages import LocalizedText
from reports.charts import Bar, bar_chart
from tracker.models import MeasureStatus, PledgeStatus, ReviewCycle
from tracker.selectors import cycles as cycle_selectors


def shown(text: str, text_en: str, written_in: str, language: str) -> LocalizedText | None:
    """A text of an entry in the reader's language: its English version to an English reader
    when there is one, otherwise as written (marked when that is not the reader's language)."""
    if language == "en" and text_en:
        return LocalizedText(text_en, "en", language)
    return LocalizedText(text, written_in, language) if text else None


def show_texts(entries, field: str, language: str) -> None:
    """Give each measure or pledge `shown`: its `field` (title or text) as `shown` gives it."""
    for entry in entries:
        entry.shown = shown(
            getattr(entry, field), getattr(entry, f"{field}_en"), entry.language, language
        )


@dataclass
class CycleChoice:
    """The review cycle a page shows (the latest by period unless ?cycle= names another), the
    one before it, and all of them for the page's cycle selector."""

    cycles: list[ReviewCycle]
    cycle: ReviewCycle | None
    previous: ReviewCycle | None
    explicit: bool

    @property
    def suffix(self) -> str:
        """The query string that keeps an explicitly chosen cycle on links between pages."""
        return f"?{urlencode({'cycle': self.cycle.slug})}" if self.explicit else ""

    def query(self, **filters) -> dict:
        """Query-string values for a link from this page: the cycle if chosen explicitly."""
        if self.cycle is not None:
            filters = {"cycle": self.cycle.slug, **filters}
        return {name: value for name, value in filters.items() if value not in (None, "")}


def chosen_cycle(request) -> CycleChoice:
    cycles = cycle_selectors.cycles_latest_first()
    slug = request.GET.get("cycle", "")
    if not slug:
        cycle = cycles[0] if cycles else None
    else:
        cycle = next((cycle for cycle in cycles if cycle.slug == slug), None)
        if cycle is None:
            raise Http404("No such review cycle")
    return CycleChoice(cycles, cycle, cycle_selectors.previous_cycle(cycles, cycle), bool(slug))


def list_url(name: str, **filters) -> str:
    """The dashboard's list of measures or pledges, filtered as the query string says."""
    url = reverse(f"dashboard:{name}")
    filters = {name: value for name, value in filters.items() if value not in (None, "")}
    return f"{url}?{urlencode(filters)}" if filters else url


def status_chart(counts: dict[str, int], *, title: str, chart_id: str, links: dict | None = None):
    """A bar per measure status; each bar links to the measures it counts."""
    return _chart(MeasureStatus, "measures", counts, title, chart_id, links, _("Measures"))


def pledge_status_chart(counts: dict[str, int], *, title: str, chart_id: str, links=None):
    return _chart(PledgeStatus, "pledges", counts, title, chart_id, links, _("Pledges"))


def _chart(choices, list_name, counts, title, chart_id, links, value_label):
    bars = [
        Bar(
            label=str(label),
            value=counts.get(value, 0),
            href=list_url(list_name, **links, status=value) if links is not None else "",
            key=value,
        )
        for value, label in choices.choices
    ]
    return bar_chart(
        title=title,
        bars=bars,
        value_label=value_label,
        category_label=_("Status"),
        chart_id=chart_id,
    )


@dataclass
class Figure:
    """A number with the one of the previous cycle, for 'change since the previous cycle'."""

    label: str
    value: int
    previous: int | None = None
    href: str = ""
    key: str = ""

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "—"
        if change == 0:
            return _("no change")
        # A real minus sign: screen readers read a hyphen as 'dash'.
        return f"+{change}" if change > 0 else f"\u2212{-change}"


def status_figures(choices, counts, previous_counts, href=None) -> list[Figure]:
    return [
        Figure(
            label=str(label),
            value=counts.get(value, 0),
            previous=None if previous_counts is None else previous_counts.get(value, 0),
            href=href(value) if href else "",
            key=value,
        )
        for value, label in choices.choices
    ]


def bad_request(request, errors: list[tuple[str, str]], back_url: str, back_label: str):
    """A 400 page naming each problem, in the reader's language, with a way back."""
    return render(
        request,
        "reports/dashboards/400.html",
        {"errors": errors, "back_url": back_url, "back_label": back_label},
        status=400,
    )
