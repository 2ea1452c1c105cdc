"""The public page of a measure or pledge: its current published version (what a coordinator
approved last), what links to it, and its revision record. It reads published records only,
never a working copy, and names nobody. Rendered once per data version, language and
comparison, then reused (reports/dashboards/cache.py)."""

from dataclasses import dataclass
from itertools import groupby

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compact.common.language import reader_language
from reports.dashboards.cache import cached_figures
from reports.dashboards.views import revisions
from reports.dashboards.views.common import bad_request, show_texts, shown
from tracker.models import PublishedMeasure, PublishedPledge, Stakeholder, TargetGroup
from tracker.selectors import evidence as evidence_selectors
from tracker.selectors import published as published_selectors


@dataclass(frozen=True)
class RecordKind:
    name: str
    model: type
    template: str
    back_label: object


MEASURE = RecordKind(
    "measure",
    PublishedMeasure,
    "reports/dashboards/measure_record.html",
    gettext_lazy("All approved measures"),
)
PLEDGE = RecordKind(
    "pledge",
    PublishedPledge,
    "reports/dashboards/pledge_record.html",
    gettext_lazy("All approved pledges"),
)
KINDS = {kind.name: kind for kind in (MEASURE, PLEDGE)}


def measure_record(request, entry_id: int):
    return _record_page(request, MEASURE, entry_id)


def pledge_record(request, entry_id: int):
    return _record_page(request, PLEDGE, entry_id)


def _record_page(request, kind: RecordKind, entry_id: int):
    page = record_page(
        request=request,
        kind=kind.name,
        entry_id=entry_id,
        language=reader_language(),
        compare=(request.GET.get("from", ""), request.GET.get("to", "")),
    )
    if page is None:
        raise Http404("No public record")
    if "error" in page:
        back = reverse(f"dashboard:{kind.name}", args=[entry_id])
        return bad_request(request, [(page["label"], page["error"])], back, page["title"])
    return render(request, "reports/dashboards/record.html", page)


@cached_figures(unkeyed=("request",))
def record_page(*, request, kind: str, entry_id: int, language: str, compare: tuple):
    """The page's title and body for the entry's current published record, in `language`,
    comparing the published versions `compare` names (from, to; empty: the latest two).
    None when the entry has no public record; the reason when the comparison cannot be made."""
    kind = KINDS[kind]
    record = published_selectors.public_record(kind.model, entry_id=entry_id)
    if record is None:
        return None
    title = _title(kind, record, language)
    versions = published_selectors.published_versions(kind.model, entry_id=entry_id)
    query = dict(zip(("from", "to"), compare, strict=True))
    try:
        chosen = revisions.chosen_versions(query, versions)
    except revisions.ComparisonError as error:
        return {"error": str(error), "label": _("Published versions"), "title": title.text}
    context = {
        "record": record,
        "title": title,
        "versions": versions,
        "chosen": chosen,
        "changes": revisions.comparison(record, older=chosen[0], newer=chosen[1], language=language)
        if chosen
        else [],
        "back_url": reverse(f"dashboard:{kind.name}s"),
        "back_label": kind.back_label,
        **(_measure(record, language) if kind is MEASURE else _pledge(record, language)),
    }
    return {"page_title": title.text, "body": render_to_string(kind.template, context, request)}


def _title(kind, record, language: str):
    if kind is MEASURE:
        return shown(record.title, record.title_en, record.language, language)
    return shown(record.text, record.text_en, record.language, language)


def _measure(record: PublishedMeasure, language: str) -> dict:
    updates = published_selectors.measure_updates(measure_id=record.entry_id)
    pledges = list(published_selectors.measure_pledges(measure=record))
    show_texts(pledges, "text", language)
    return {
        "description": shown(record.description, record.description_en, record.language, language),
        "target_groups": _labels(TargetGroup, record.target_groups),
        "stakeholders": _labels(Stakeholder, record.stakeholders),
        "pledges": pledges,
        "evidence": list(evidence_selectors.published_evidence(record)),
        "updates_by_cycle": [
            (cycle, [_update(update, record.language, language) for update in updates])
            for cycle, updates in groupby(updates, key=lambda update: update.cycle)
        ],
    }


def _update(update, written_in: str, language: str) -> dict:
    return {
        "update": update,
        **{
            name: shown(getattr(update, name), getattr(update, f"{name}_en"), written_in, language)
            for name in ("narrative", "results", "challenges")
        },
    }


def _pledge(record: PublishedPledge, language: str) -> dict:
    measures = list(published_selectors.pledge_measures(pledge_id=record.entry_id))
    show_texts(measures, "title", language)
    return {
        "measures": measures,
        "status_narrative": shown(record.status_narrative, "", record.language, language),
    }


def _labels(choices, values) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values or []]
