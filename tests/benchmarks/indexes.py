"""Indexes the benchmark suggests when a page misses its target, and can try (--try-indexes)
on its throwaway database to show what they change. Adding them to the product is a model and
migration change for the tracker's owner; each comes with the Django declaration to paste."""

from dataclasses import dataclass

PUBLIC = "workflow_state = 'approved' AND archived_at IS NULL"
PUBLIC_Q = 'Q(workflow_state="approved", archived_at__isnull=True)'


@dataclass(frozen=True)
class Candidate:
    name: str
    why: str
    sql: tuple[str, ...]
    django: str


CANDIDATES = {
    candidate.name: candidate
    for candidate in (
        Candidate(
            "latest_save",
            "the cache's data version, MAX(updated_at) of measures, pledges and progress "
            "updates on every request: read from the end of an index instead of a full scan",
            tuple(
                f"CREATE INDEX {table}_updated_at ON tracker_{table} (updated_at)"
                for table in ("measure", "pledge", "progressupdate")
            ),
            'ReviewedEntry.Meta.indexes: models.Index(fields=["updated_at"], '
            'name="%(app_label)s_%(class)s_updated")',
        ),
        Candidate(
            "measure_public",
            "the public measures with what the cycle counts read from them: an index-only "
            "scan instead of reading every wide measure row",
            (
                "CREATE INDEX measure_public ON tracker_measure (id) INCLUDE (status, "
                f"start_date, end_date, lead_organisation_id) WHERE {PUBLIC}",
            ),
            'Measure.Meta.indexes: models.Index(fields=["id"], include=["status", '
            '"start_date", "end_date", "lead_organisation"], condition=' + PUBLIC_Q + ", "
            'name="measure_public")',
        ),
        Candidate(
            "measure_public_by_organisation",
            "one organisation's public measures (its page, the heatmap cells' lists)",
            (
                "CREATE INDEX measure_public_by_org ON tracker_measure "
                f"(lead_organisation_id, status) INCLUDE (start_date, end_date) WHERE {PUBLIC}",
            ),
            'Measure.Meta.indexes: models.Index(fields=["lead_organisation", "status"], '
            'include=["start_date", "end_date"], condition=' + PUBLIC_Q + ", "
            'name="measure_public_by_org")',
        ),
        Candidate(
            "measure_public_recent",
            "the lists' first pages in their order (-updated_at, -id) without sorting "
            "every public measure",
            (
                "CREATE INDEX measure_public_recent ON tracker_measure "
                f"(updated_at DESC, id DESC) WHERE {PUBLIC}",
            ),
            'Measure.Meta.indexes: models.Index(F("updated_at").desc(), F("id").desc(), '
            "condition=" + PUBLIC_Q + ', name="measure_public_recent")',
        ),
        Candidate(
            "update_by_cycle",
            "a cycle's approved progress updates joined to their measures (status in the "
            "cycle, staleness) without reading the update texts",
            (
                "CREATE INDEX update_approved_by_cycle ON tracker_progressupdate "
                "(cycle_id, measure_id) INCLUDE (status) WHERE workflow_state = 'approved'",
            ),
            'ProgressUpdate.Meta.indexes: models.Index(fields=["cycle", "measure"], '
            'include=["status"], condition=Q(workflow_state="approved"), '
            'name="update_approved_by_cycle")',
        ),
        Candidate(
            "measure_objective_by_objective",
            "the measures of given objectives (round table, objective, heatmap cell) by "
            "index only; the through table has (measure_id, objective_id) and objective_id "
            "alone",
            (
                "CREATE INDEX measure_objectives_by_objective ON tracker_measure_objectives "
                "(objective_id, measure_id)",
            ),
            "an explicit through model for Measure.objectives with "
            'models.Index(fields=["objective", "measure"]), or a RunSQL migration',
        ),
        Candidate(
            "measure_action_by_action",
            "the measures serving each action of an objective, by index only",
            (
                "CREATE INDEX measure_actions_by_action ON tracker_measure_actions "
                "(action_id, measure_id)",
            ),
            "an explicit through model for Measure.actions with "
            'models.Index(fields=["action", "measure"]), or a RunSQL migration',
        ),
        Candidate(
            "measure_text_trigram",
            "word search (icontains, which Django writes as UPPER(column) LIKE UPPER(...)) "
            "without scanning every description",
            (
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                *(
                    f"CREATE INDEX measure_{column}_trgm ON tracker_measure "
                    f"USING gin (UPPER({column}) gin_trgm_ops)"
                    for column in ("title", "description", "title_en", "description_en")
                ),
            ),
            "django.contrib.postgres (TrigramExtension migration operation) and "
            'Measure.Meta.indexes: GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), '
            'name="measure_title_trgm"), the same for description, title_en, description_en',
        ),
    )
}
