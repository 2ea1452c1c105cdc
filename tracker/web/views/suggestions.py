"""The measure form's "Suggest objectives" panel: the suggestions for the title and
description written so far, and a click that ticks one of them. Without JavaScript both are
buttons that reload the form; with htmx the panel alone is fetched, and a tick swaps the form."""

from dataclasses import dataclass, field

from django.shortcuts import render

from compact.suggestions.checks import SuggestionInputError
from tracker.rules import require
from tracker.selectors.suggestions import SuggestedObjective, measure_suggestions
from tracker.web.forms.common import unbound_copy
from tracker.web.forms.measures import MeasureForm

SUGGEST, TICK = "suggest", "tick"


@dataclass(frozen=True)
class SuggestionPanel:
    suggestions: list[SuggestedObjective] = field(default_factory=list)
    problem: str = ""

    @property
    def status(self) -> int:
        return 400 if self.problem else 200


def wants_suggestions(post) -> bool:
    return SUGGEST in post or TICK in post


def ticked(post):
    """The posted form with the ticked suggestion added to its choices: "objective-<pk>", or
    "action-<objective pk>-<action pk>", which ticks the action and its objective."""
    data = post.copy()
    kind, _, keys = post.get(TICK, "").partition("-")
    parts = [part for part in keys.split("-") if part.isdigit()]
    if (kind == "objective" and len(parts) == 1) or (kind == "action" and len(parts) == 2):
        if parts[0] not in data.getlist("objectives"):
            data.appendlist("objectives", parts[0])
        if kind == "action" and parts[1] not in data.getlist("actions"):
            data.appendlist("actions", parts[1])
    return data


def suggestion_panel(*, user, values: dict) -> SuggestionPanel:
    require(user, "tracker.suggest_objectives")
    try:
        suggestions = measure_suggestions(
            text=f"{values.get('title') or ''}\n{values.get('description') or ''}",
            language=values.get("language") or "",
            chosen_objectives=values.get("objectives") or (),
            chosen_actions=values.get("actions") or (),
        )
    except SuggestionInputError as error:
        return SuggestionPanel(problem=str(error.reason))
    return SuggestionPanel(suggestions)


def suggestions_page(request, measure, form_kwargs: dict):
    """The form as posted (a ticked suggestion added) with the suggestions panel; for htmx's
    "Suggest objectives" the panel alone. A text the suggestions cannot read answers 400
    with the reason in the panel."""
    form = unbound_copy(MeasureForm(ticked(request.POST), **form_kwargs), **form_kwargs)
    panel = suggestion_panel(user=request.user, values=form.initial)
    if request.htmx and SUGGEST in request.POST:
        return render(
            request, "tracker/_measure_suggestions.html", {"panel": panel}, status=panel.status
        )
    context = {
        "form": form,
        "measure": measure,
        "organisation": request.user.organisation,
        "suggestions": panel,
    }
    return render(request, "tracker/measure_form.html", context, status=panel.status)
