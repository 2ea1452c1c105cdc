"""The sections of an import template's Help sheet that list codes: each a title and its rows
of a code (first column) and what it means (third column). A template has the sections its
columns name (tracker/exports/import_columns.py), in the order below."""

from django.utils.translation import gettext as _

from compact.common.language import reader_language
from compact.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from compact.models import Action, GuidingPrinciple, Objective, PactItem
from tracker.models import (
    MeasureKind,
    MeasureStatus,
    Organisation,
    PledgeStatus,
    PledgeType,
    Stakeholder,
    TargetGroup,
)
from tracker.selectors.entries import cycle_list, measure_list

# The currencies the drop-down offers; any other ISO 4217 code imports too.
CURRENCIES = ("SEK", "NOK", "DKK", "ISK", "EUR", "USD", "GBP", "CHF")


def action_code(action) -> str:
    """An action as the sheets write it: objective number and letter, such as 5c."""
    return f"{action.objective.number}{action.letter}"


def _named(choices):
    return ((value, str(label)) for value, label in choices.choices)


def _text(instance, name, language):
    localized = instance.localized(name, language)
    return localized.text if localized else ""


def _own_measures(actor, language):
    measures = measure_list(user=actor).prefetch_related(None)
    own = measures.filter(lead_organisation_id=actor.organisation_id).order_by("pk")
    return ((measure.pk, measure.title) for measure in own)


def _open_cycles(actor, language):
    cycles = cycle_list().filter(closed_at__isnull=True).order_by("-period_start")
    return ((cycle.slug, cycle.name_in(language).text) for cycle in cycles)


def _sections() -> dict:
    """Per section: its title and a function of the actor and the reader's language that gives
    its rows."""
    return {
        "objectives": (
            _("Objectives"),
            lambda actor, language: (
                (o.number, _text(o, "title", language)) for o in Objective.objects.all()
            ),
        ),
        "actions": (
            _("Actions"),
            lambda actor, language: (
                (action_code(a), _text(a, "text", language))
                for a in Action.objects.select_related("objective")
            ),
        ),
        "languages": (
            _("Languages"),
            lambda actor, language: ((code, str(LANGUAGE_NAMES[code])) for code in LANGUAGE_CODES),
        ),
        "currencies": (
            _("Currencies"),
            lambda actor, language: ((code, _("Usual currency")) for code in CURRENCIES),
        ),
        "kinds": (_("Kinds"), lambda actor, language: _named(MeasureKind)),
        "statuses": (_("Statuses"), lambda actor, language: _named(MeasureStatus)),
        "target_groups": (_("Target groups"), lambda actor, language: _named(TargetGroup)),
        "stakeholders": (_("Stakeholders"), lambda actor, language: _named(Stakeholder)),
        "guiding_principles": (
            _("Guiding principles"),
            lambda actor, language: (
                (p.code, _text(p, "name", language)) for p in GuidingPrinciple.objects.all()
            ),
        ),
        "pact": (
            _("EU Pact"),
            lambda actor, language: (
                (item.code, _text(item, "title", language)) for item in PactItem.objects.all()
            ),
        ),
        "organisations": (
            _("Organisations"),
            lambda actor, language: (
                (o.code, o.name(language)) for o in Organisation.objects.all()
            ),
        ),
        "pledge_types": (_("Pledge types"), lambda actor, language: _named(PledgeType)),
        "pledge_statuses": (_("Pledge statuses"), lambda actor, language: _named(PledgeStatus)),
        "open_cycles": (_("Review cycles"), _open_cycles),
        "own_measures": (_("Your measures"), _own_measures),
    }


def section_titles() -> dict[str, str]:
    return {key: title for key, (title, _rows) in _sections().items()}


def help_sections(columns, *, actor):
    """The Help sheet's rows of the sections `columns` name: an empty row, the section's title
    alone, then its codes, each with what it means in the third column."""
    language = reader_language()
    named = {column.section for column in columns if column.section}
    for key, (title, rows) in _sections().items():
        if key not in named:
            continue
        yield ()
        yield (title,)
        for code, meaning in rows(actor, language):
            yield (code, "", meaning)
