"""Published records never change, and the data of before them gets its published records.

On PostgreSQL a trigger refuses every UPDATE and DELETE of a published record and of its
many-to-many rows, whatever tries it (the admin, a command, SQL by hand); the models refuse it
too (tracker/models/published.py), on every database.

Existing data: every approved entry gets a published record of its current version, numbered 1,
approved when its latest approval in its history says (else its review time); an approved entry
that was withdrawn gets one marked withdrawn. Every closed cycle gets its snapshot, taken now,
with the meaning of tracker/services/publication.py's cycle_snapshot_take.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

PUBLISHED = ("publishedmeasure", "publishedpledge", "publishedupdate")
FUNCTION = "tracker_published_record_is_immutable"


def _tables(apps) -> list[str]:
    tables = []
    for name in PUBLISHED:
        model = apps.get_model("tracker", name)
        tables.append(model._meta.db_table)
        tables += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
        ]
    return tables


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'a published record cannot be changed or deleted (%%: %%)', "
        "TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql"
    )
    for table in _tables(apps):
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


COPIED = {
    "measure": (
        ["title", "description", "language", "title_en", "description_en",
         "lead_organisation_id", "kind", "status", "start_date", "end_date", "budget_amount",
         "budget_currency", "target_groups", "stakeholders"],
        ["partner_organisations", "objectives", "actions", "guiding_principles", "pledges"],
    ),
    "pledge": (
        ["text", "language", "text_en", "lead_organisation_id", "pledge_type", "made_on",
         "occasion", "network_reference", "status", "status_narrative", "status_updated_on"],
        ["co_pledging_organisations", "objectives"],
    ),
    "progressupdate": (
        ["measure_id", "cycle_id", "status", "narrative", "results", "challenges",
         "narrative_en", "results_en", "challenges_en"],
        [],
    ),
}
RECORD = {"measure": "publishedmeasure", "pledge": "publishedpledge",
          "progressupdate": "publishedupdate"}


def _approved_at(apps, name, entry):
    history = apps.get_model("tracker", f"historical{name}")
    approval = (
        history.objects.filter(id=entry.pk, history_change_reason="Approved")
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return approval or entry.reviewed_at or entry.updated_at


def publish_existing(apps, schema_editor):
    for name, (fields, many) in COPIED.items():
        entries = apps.get_model("tracker", name)
        record_model = apps.get_model("tracker", RECORD[name])
        for entry in entries.objects.filter(workflow_state="approved", published__isnull=True):
            record = record_model.objects.create(
                entry_id=entry.pk,
                number=1,
                # The approval's save raised the version: the one approved is the one before.
                version=max(entry.version - 1, 1),
                approved_at=_approved_at(apps, name, entry),
                approved_by_id=entry.reviewed_by_id,
                history_id=apps.get_model("tracker", f"historical{name}")
                .objects.filter(id=entry.pk)
                .order_by("-history_id")
                .values_list("history_id", flat=True)
                .first(),
                withdrawn=getattr(entry, "archived_at", None) is not None,
                **{field: getattr(entry, field) for field in fields},
            )
            for relation in many:
                getattr(record, relation).set(getattr(entry, relation).all())
            entries.objects.filter(pk=entry.pk).update(published=record)


def snapshot_closed_cycles(apps, schema_editor):
    cycles = apps.get_model("tracker", "reviewcycle")
    snapshots = apps.get_model("tracker", "cyclesnapshot")
    current = {
        RECORD[name]: apps.get_model("tracker", RECORD[name]).objects.filter(
            pk__in=apps.get_model("tracker", name)
            .objects.filter(published__isnull=False)
            .values("published_id"),
            withdrawn=False,
        )
        for name in COPIED
    }
    now = timezone.now()
    for cycle in cycles.objects.filter(closed_at__isnull=False, snapshot__isnull=True):
        updates = current["publishedupdate"].filter(cycle_id=cycle.pk)
        active = (Q(start_date__isnull=True) | Q(start_date__lte=cycle.period_end)) & (
            Q(end_date__isnull=True) | Q(end_date__gte=cycle.period_start)
        )
        updated = Exists(updates.filter(measure_id=OuterRef("entry_id")))
        snapshot = snapshots.objects.create(cycle=cycle, taken_at=now)
        snapshot.measures.set(current["publishedmeasure"].filter(active | updated))
        snapshot.pledges.set(current["publishedpledge"].filter(made_on__lte=cycle.period_end))
        snapshot.updates.set(updates)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0004_published_records")]

    operations = [
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
        migrations.RunPython(snapshot_closed_cycles, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
