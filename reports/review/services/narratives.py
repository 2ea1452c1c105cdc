"""The coordinator's narrative per round table, per cycle and language."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from compact.languages import LANGUAGE_CODES
from compact.models import RoundTable
from reports.models import RoundTableNarrative
from tracker.models import ReviewCycle
from tracker.rules import require
from tracker.services.workflow import StaleVersionError, entry_save


def narrative_save(
    *,
    actor,
    cycle: ReviewCycle,
    round_table: RoundTable,
    language: str,
    progress: str,
    challenges: str,
    next_steps: str,
    expected_version: int | None = None,
) -> RoundTableNarrative:
    """Write the narrative of `round_table` in `cycle`'s report in `language`, creating it the
    first time. A save based on an older version than the stored one is refused."""
    require(actor, "reports.write_narrative", cycle)
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("The report is not offered in this language.")]})
    with transaction.atomic():
        narrative = RoundTableNarrative.objects.select_for_update().filter(
            cycle=cycle, round_table=round_table, language=language
        ).first() or RoundTableNarrative(cycle=cycle, round_table=round_table, language=language)
        # A narrative not written yet is version 0: of two first saves, the second is refused.
        current_version = narrative.version if narrative.pk else 0
        if expected_version is not None and current_version != expected_version:
            raise StaleVersionError(narrative, expected_version)
        narrative.progress = progress.strip()
        narrative.challenges = challenges.strip()
        narrative.next_steps = next_steps.strip()
        entry_save(narrative, actor=actor, reason=gettext_noop("Narrative written"))
    return narrative
