"""Withdrawal and evidence become reviewed changes (ADR 0016).

Measures and pledges get `withdrawal_requested_at` (a withdrawal waiting for review); evidence
gets `public` (the officer's choice, not public by default: evidence added before this
migration stays off the public pages until its officer adds it again marked public) and
`removed_at`; a published measure gets the public evidence it was approved with. An entry
withdrawn (archived) while its published record was still current gets a withdrawn copy of
that record, so that it stays out of public view. The new
many-to-many table of published measures is refused every UPDATE and DELETE on PostgreSQL by
the trigger function of migration 0005, as that migration's tables are.
"""

from django.db import migrations, models

FUNCTION = "tracker_published_record_is_immutable"
TABLE = "tracker_publishedmeasure_evidence"


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {TABLE}_immutable BEFORE UPDATE OR DELETE ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )


def withdraw_archived(apps, schema_editor):
    """Entries withdrawn before withdrawals were reviewed left public view when archived; they
    keep out of it now that the public sees each entry's current record: a withdrawn copy of
    that record is published, dated when the entry was archived."""
    kept = {"id", "number", "version", "approved_at", "approved_by", "withdrawn", "history_id"}
    for name in ("measure", "pledge"):
        entries = apps.get_model("tracker", name)
        records = apps.get_model("tracker", f"published{name}")
        stale = entries.objects.filter(
            archived_at__isnull=False, published__isnull=False, published__withdrawn=False
        )
        for entry in stale.select_related("published"):
            last = entry.published
            copy = records(
                number=last.number + 1,
                version=entry.version,
                approved_at=entry.archived_at,
                approved_by_id=None,
                withdrawn=True,
                history_id=None,
                **{
                    field.attname: getattr(last, field.attname)
                    for field in records._meta.concrete_fields
                    if field.name not in kept
                },
            )
            copy.save()
            for field in records._meta.local_many_to_many:
                getattr(copy, field.name).set(getattr(last, field.name).all())
            entries.objects.filter(pk=entry.pk).update(published=copy)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_immutable ON {TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0005_published_records_kept'),
    ]

    operations = [
        migrations.AddField(
            model_name='evidence',
            name='public',
            field=models.BooleanField(default=False, help_text="Public evidence is shown with the measure's published version, to everyone, once a coordinator approves the measure.", verbose_name='public'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='removed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed at'),
        ),
        migrations.AddField(
            model_name='historicalevidence',
            name='public',
            field=models.BooleanField(default=False, help_text="Public evidence is shown with the measure's published version, to everyone, once a coordinator approves the measure.", verbose_name='public'),
        ),
        migrations.AddField(
            model_name='historicalevidence',
            name='removed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='removed at'),
        ),
        migrations.AddField(
            model_name='historicalmeasure',
            name='withdrawal_requested_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='withdrawal requested at'),
        ),
        migrations.AddField(
            model_name='historicalpledge',
            name='withdrawal_requested_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='withdrawal requested at'),
        ),
        migrations.AddField(
            model_name='measure',
            name='withdrawal_requested_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='withdrawal requested at'),
        ),
        migrations.AddField(
            model_name='pledge',
            name='withdrawal_requested_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='withdrawal requested at'),
        ),
        migrations.AddField(
            model_name='publishedmeasure',
            name='evidence',
            field=models.ManyToManyField(blank=True, related_name='+', to='tracker.evidence', verbose_name='public evidence'),
        ),
        migrations.RunPython(withdraw_archived, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
