"""The suggestion index of the Compact as the database holds it, built once per process for
each content of the Compact: a fingerprint of the texts (an MD5 the database computes, two
small queries) tells whether the index in memory is still the Compact's. Loading the Compact
(compact.services.compact_load, run by loadcompact) builds it."""

import hashlib
import threading

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection
from django.db.models import CharField, Value
from django.db.models.functions import MD5, Cast, Concat

from compact.languages import LANGUAGE_CODES
from compact.models import Action, Objective
from compact.suggestions.checks import check_input
from compact.suggestions.index import (
    ActionText,
    ObjectiveSuggestion,
    ObjectiveText,
    SuggestionIndex,
)

_lock = threading.Lock()
_built: dict[str, SuggestionIndex] = {}
KEPT = 3


def _digest(queryset, fields: list[str]) -> str:
    """An MD5 of the rows' fields, computed by PostgreSQL (one query, nothing sent back but
    the digest); on another database (SQLite in `make run`) in Python from the rows."""
    if connection.vendor != "postgresql":
        rows = repr(list(queryset.order_by("pk").values_list(*fields)))
        return hashlib.md5(rows.encode(), usedforsecurity=False).hexdigest()
    row = Concat(*[Cast(name, CharField()) for name in fields], Value("|"))
    result = queryset.aggregate(digest=MD5(StringAgg(row, delimiter="\n", order_by="pk")))
    return result["digest"] or ""


def compact_fingerprint() -> str:
    languages = list(LANGUAGE_CODES)
    objective_fields = ["number"] + [
        f"{kind}_{code}" for kind in ("title", "commitment") for code in languages
    ]
    action_fields = ["objective__number", "letter"] + [f"text_{code}" for code in languages]
    return _digest(Objective.objects.all(), objective_fields) + _digest(
        Action.objects.all(), action_fields
    )


def _texts_from_database() -> tuple[list[ObjectiveText], list[ActionText]]:
    objectives = [
        ObjectiveText(
            objective.number,
            {code: getattr(objective, f"title_{code}") for code in LANGUAGE_CODES},
            {code: getattr(objective, f"commitment_{code}") for code in LANGUAGE_CODES},
        )
        for objective in Objective.objects.order_by("number")
    ]
    actions = [
        ActionText(
            action.objective.number,
            action.letter,
            {code: getattr(action, f"text_{code}") for code in LANGUAGE_CODES},
        )
        for action in Action.objects.select_related("objective")
    ]
    return objectives, actions


def suggestion_index() -> SuggestionIndex:
    """The index of the Compact in the database, built if its texts changed since the last.
    The last few are kept, so that texts changed and changed back (a test's rolled-back
    transaction, a reverted load) find theirs again."""
    fingerprint = compact_fingerprint()
    with _lock:
        index = _built.pop(fingerprint, None)
        if index is None:
            index = SuggestionIndex(*_texts_from_database())
        _built[fingerprint] = index
        while len(_built) > KEPT:
            del _built[next(iter(_built))]
    return index


def suggestion_list(*, text: str, language: str, limit: int = 5) -> list[ObjectiveSuggestion]:
    """Up to `limit` objectives a measure described by `text` serves, best first, each with
    its best-matching actions. Raises SuggestionInputError for a text it cannot read."""
    text = check_input(text=text, language=language)
    return suggestion_index().rank(text=text, language=language, limit=limit)
