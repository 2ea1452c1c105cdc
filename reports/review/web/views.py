"""The coordinator's pages for a cycle's voluntary national review report: the narratives per
round table, the pre-flight check, Generate, and the runs with their progress and files."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compact.common.forms import add_service_errors
from compact.common.language import reader_language
from compact.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from compact.selectors import round_table_list
from reports.models import ReportKind, ReportRun, ReportState, RoundTableNarrative
from reports.review.other_languages import Kind
from reports.review.preflight import report_preflight
from reports.review.services.narratives import narrative_save
from reports.review.services.runs import report_request, run_file_stem
from reports.review.web.forms import NARRATIVE_FIELDS, GenerateForm, NarrativeForm
from tracker.models import CycleKind, ReviewCycle
from tracker.rules import require
from tracker.services.workflow import StaleVersionError

RUNS_PER_PAGE = 20


def cycle_get(request, slug: str, permission: str) -> ReviewCycle:
    """The cycle, if the user may do `permission` on its report: 404 for no such cycle, 403
    for a user who is not allowed."""
    cycle = get_object_or_404(ReviewCycle, slug=slug)
    require(request.user, permission, cycle)
    return cycle


def run_get(request, pk: int) -> ReportRun:
    run = get_object_or_404(ReportRun.objects.select_related("cycle", "requested_by"), pk=pk)
    require(request.user, "reports.view_reportrun", run)
    return run


def page_language(request) -> str:
    """The report language the page works in: ?lang=, else the interface's language."""
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else reader_language()


def page_report_kind(request, cycle: ReviewCycle) -> str:
    """The report the page checks: ?report=, else the EU Pact's for a cycle of that kind and
    the voluntary national review for the others."""
    report_kind = request.GET.get("report", "")
    if report_kind in ReportKind.values:
        return report_kind
    return ReportKind.PACT if cycle.kind == CycleKind.EU_PACT else ReportKind.REVIEW


def report_url(cycle: ReviewCycle, language: str, anchor: str = "", report_kind: str = "") -> str:
    query = {"lang": language, **({"report": report_kind} if report_kind else {})}
    url = f"{reverse('report:cycle', args=[cycle.slug])}?{urlencode(query)}"
    return f"{url}#{anchor}" if anchor else url


@login_required
def cycle_report(request, slug: str):
    cycle = cycle_get(request, slug, "reports.view_reportrun")
    return _cycle_page(request, cycle, page_language(request))


def _cycle_page(
    request,
    cycle: ReviewCycle,
    language: str,
    *,
    bound_narrative: tuple[int, NarrativeForm] | None = None,
    generate_form: GenerateForm | None = None,
):
    """The report page; a form the user just sent with an error is shown as she sent it."""
    report_kind = page_report_kind(request, cycle)
    narratives = {
        narrative.round_table_id: narrative
        for narrative in RoundTableNarrative.objects.filter(cycle=cycle, language=language)
    }
    sections = []
    for round_table in round_table_list():
        if bound_narrative and bound_narrative[0] == round_table.number:
            form = bound_narrative[1]
        else:
            narrative = narratives.get(round_table.pk) or RoundTableNarrative(
                cycle=cycle, round_table=round_table, language=language
            )
            form = NarrativeForm(narrative=narrative, prefix=_prefix(round_table.number))
        sections.append((round_table, form))
    preflight = report_preflight(cycle=cycle, language=language, report_kind=report_kind)
    # The page's round tables, whose objectives are fetched once, make the titles.
    unwritten = {round_table.pk for round_table in preflight.round_tables_without_narrative}
    user = request.user
    return render(
        request,
        "reports/review/cycle_report.html",
        {
            "cycle": cycle,
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "report_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES],
            "report_kind": report_kind,
            "report_kinds": [
                (value, label, report_url(cycle, language, report_kind=value))
                for value, label in ReportKind.choices
            ],
            "sections": sections,
            "preflight": preflight,
            "narratives_elsewhere": _narratives_elsewhere(preflight, sections),
            "round_tables_without_narrative": [
                round_table for round_table, _form in sections if round_table.pk in unwritten
            ],
            "generate_form": generate_form
            or GenerateForm(initial={"language": language, "report_kind": report_kind}),
            "runs": _runs(request, cycle, language),
            "can_write": user.has_perm("reports.write_narrative", cycle),
            "can_generate": user.has_perm("reports.generate_report", cycle),
        },
    )


def _runs(request, cycle: ReviewCycle, language: str):
    """The page of the cycle's runs asked for, with the links to the pages beside it."""
    runs = Paginator(
        ReportRun.objects.filter(cycle=cycle).select_related("requested_by"), RUNS_PER_PAGE
    ).get_page(request.GET.get("runs_page"))
    runs.previous_url = (
        _runs_page_url(cycle, language, runs.previous_page_number()) if runs.has_previous() else ""
    )
    runs.next_url = (
        _runs_page_url(cycle, language, runs.next_page_number()) if runs.has_next() else ""
    )
    return runs


def _narratives_elsewhere(preflight, sections) -> list:
    """The page's round tables whose narrative the report prints in another language, each with
    that language (the page's round tables have their objectives fetched: they make the
    titles)."""
    return [
        (round_table, item.language)
        for group in preflight.other_language
        if group.kind == Kind.NARRATIVE
        for item in group.items
        for round_table, _form in sections
        if round_table.pk == item.key
    ]


def _prefix(number: int) -> str:
    return f"round-table-{number}"


def _runs_page_url(cycle: ReviewCycle, language: str, number: int) -> str:
    return f"{report_url(cycle, language)}&{urlencode({'runs_page': number})}#runs"


@login_required
@require_POST
def narrative_save_view(request, slug: str, number: int):
    cycle = cycle_get(request, slug, "reports.write_narrative")
    round_table = get_object_or_404(round_table_list(), number=number)
    form = NarrativeForm(
        request.POST,
        narrative=RoundTableNarrative(cycle=cycle, round_table=round_table),
        prefix=_prefix(number),
    )
    if form.is_valid():
        language = form.cleaned_data["language"]
        try:
            narrative_save(
                actor=request.user,
                cycle=cycle,
                round_table=round_table,
                language=language,
                expected_version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in NARRATIVE_FIELDS},
            )
        except StaleVersionError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The narrative of %(round_table)s in %(language)s is saved.")
                % {"round_table": round_table.title, "language": LANGUAGE_NAMES[language]},
            )
            # Back to the narratives, which an EU Pact cycle's page shows for the review only.
            review = ReportKind.REVIEW if cycle.kind == CycleKind.EU_PACT else ""
            return redirect(report_url(cycle, language, _prefix(number), report_kind=review))
    messages.error(
        request,
        _("The narrative of %(round_table)s was not saved: the reason is given at its form.")
        % {"round_table": round_table.title},
    )
    language = form.cleaned_data.get("language") or page_language(request)
    return _cycle_page(request, cycle, language, bound_narrative=(number, form))


@login_required
@require_POST
def report_generate_view(request, slug: str):
    cycle = cycle_get(request, slug, "reports.generate_report")
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            requested = report_request(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if requested.joined:
                messages.info(
                    request,
                    _(
                        "This report was already being built, so no second build was started: "
                        "below is the build that was under way."
                    ),
                )
            else:
                messages.success(request, _("The report was requested."))
            return redirect("report:run", requested.run.pk)
    messages.error(request, _("Nothing was generated: the reason is given at the form."))
    return _cycle_page(request, cycle, page_language(request), generate_form=form)


@login_required
def run_detail(request, pk: int):
    run = run_get(request, pk)
    return render(request, "reports/review/run_detail.html", {"run": run})


@login_required
def run_progress(request, pk: int):
    """The part of a run's page that changes while it is built; the page polls it (htmx)."""
    run = run_get(request, pk)
    # Nothing changed since the last poll: htmx keeps the page as it is, and a screen reader
    # hears nothing new.
    if request.htmx and request.GET.get("seen") == f"{run.state}-{run.stage}-{run.progress}":
        return HttpResponse(status=HTTPStatus.NO_CONTENT)
    return render(request, "reports/review/_run_progress.html", {"run": run})


@login_required
def run_file(request, pk: int):
    run = run_get(request, pk)
    if run.state != ReportState.DONE or not run.file:
        raise Http404("This run has no file")
    return FileResponse(
        run.file.open("rb"),
        as_attachment=True,
        filename=f"{run_file_stem(run)}.pdf",
        content_type="application/pdf",
    )
