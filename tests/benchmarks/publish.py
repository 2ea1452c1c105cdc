# ruff: noqa: S608 - the SQL is built from the models' own table and column names.
"""The published records of the seeded approved entries (tracker/models/published.py), written
in SQL as an approval would write them one by one: the dashboards and the report read only
published records. Entries already published are left as they are, so seeding more keeps the
earlier records. Closed cycles then get the snapshot closing them takes (as the migration gives
existing closed cycles theirs), so that their figures are read from it as in the product."""

from django.db import connection, transaction

from tracker.models import (
    Measure,
    Pledge,
    ProgressUpdate,
    PublishedMeasure,
    PublishedPledge,
    PublishedUpdate,
    ReviewCycle,
)
from tracker.models.published import RECORD_FIELDS
from tracker.services.publication import cycle_snapshot_take

KINDS = ((Measure, PublishedMeasure), (Pledge, PublishedPledge), (ProgressUpdate, PublishedUpdate))


def publish_seeded() -> None:
    with connection.cursor() as cursor:
        for entry_model, record_model in KINDS:
            for statement in _statements(entry_model, record_model):
                cursor.execute(statement)
    for cycle in ReviewCycle.objects.filter(closed_at__isnull=False, snapshot__isnull=True):
        with transaction.atomic():
            cycle_snapshot_take(cycle=cycle, taken_at=cycle.closed_at)


def _statements(entry_model, record_model) -> list[str]:
    entries, records = entry_model._meta.db_table, record_model._meta.db_table
    copied = [
        field.column
        for field in record_model._meta.concrete_fields
        if field.name not in RECORD_FIELDS
    ]
    withdrawn = "e.archived_at IS NOT NULL" if hasattr(entry_model, "archived_at") else "false"
    statements = [
        f"INSERT INTO {records} (entry_id, number, version, approved_at, approved_by_id, "
        f"withdrawn, {', '.join(copied)}) SELECT e.id, 1, e.version, "
        f"COALESCE(e.reviewed_at, e.updated_at), e.reviewed_by_id, {withdrawn}, "
        f"{', '.join(f'e.{column}' for column in copied)} FROM {entries} e "
        f"WHERE e.workflow_state = 'approved' AND e.published_id IS NULL"
    ]
    for field in record_model._meta.local_many_to_many:
        if not entry_model._meta.get_field(field.name).many_to_many:
            # A record's evidence is the measure's public evidence; the seed adds none.
            continue
        through = field.remote_field.through._meta
        entry_field = entry_model._meta.get_field(field.name).remote_field.through._meta
        target = field.m2m_reverse_name()
        statements.append(
            f"INSERT INTO {through.db_table} ({field.m2m_column_name()}, {target}) "
            f"SELECT r.id, l.{target} FROM {entry_field.db_table} l JOIN {records} r "
            f"ON r.entry_id = l.{entry_model._meta.get_field(field.name).m2m_column_name()} "
            f"JOIN {entries} e ON e.id = r.entry_id AND e.published_id IS NULL"
        )
    statements.append(
        f"UPDATE {entries} e SET published_id = r.id FROM {records} r "
        f"WHERE r.entry_id = e.id AND e.published_id IS NULL"
    )
    return statements
