"""Which tables a backup holds, in which order, and how one table's rows are written."""

import datetime
import io
import json
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.migrations.recorder import MigrationRecorder

from tracker.backup.archive import COPY_CHUNK, DigestingWriter

# Reference data that `loadcompact` may already have put into the database being restored.
REFERENCE_APPS = ("compact",)
# Every table of the product's own apps is in the archive: a new model is backed up without
# anyone having to remember it.
PRODUCT_APPS = ("compact", "tracker", "reports")
# The government's records that Django's own apps keep: groups of users and their
# permissions, and the admin's log of the changes made there.
OTHER_TABLES = ("auth.group", "auth.group_permissions", "admin.logentry")
LEFT_OUT = {
    "contenttypes.contenttype": "Made by migrate; the archive names content types by natural key.",
    "auth.permission": "Made by migrate; the archive names permissions by natural key.",
    "sessions.session": "Logins are not carried over: people log in again.",
    "authtoken.token": "API tokens are credentials: API clients ask for new ones.",
    "axes.accessattempt": "Failed logins and lockouts are not carried over.",
    "axes.accessattemptexpiration": "Failed logins and lockouts are not carried over.",
    "axes.accessfailurelog": "Failed logins and lockouts are not carried over.",
    "axes.accesslog": "The log of logins is not carried over.",
}
LEFT_OUT_OTHERWISE = "Another application's working state, not the tracker's records."
# Named by natural key: migrate gives their rows other primary keys in each database.
NUMBERED_BY_MIGRATE = ("contenttypes.contenttype", "auth.permission")
ROWS_PER_QUERY = 2000


@dataclass(frozen=True)
class Table:
    model: type[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def member(self) -> str:
        return f"tables/{self.label}.jsonl"

    @property
    def foreign_keys(self) -> list[models.Field]:
        return [field for field in self.model._meta.local_concrete_fields if field.remote_field]

    @property
    def uses_natural_keys(self) -> bool:
        return any(
            field.related_model._meta.label_lower in NUMBERED_BY_MIGRATE
            for field in self.foreign_keys
        )

    @property
    def is_secondary(self) -> bool:
        """A many-to-many or history table, rather than one of the records themselves."""
        return bool(self.model._meta.auto_created) or hasattr(self.model, "instance_type")

    @property
    def holds_password_hashes(self) -> bool:
        return self.model is get_user_model()

    def field_names(self, *, include_password_hashes: bool) -> list[str]:
        """The fields to write, as Django's serializers select them: every column but the
        primary key (written as "pk"), and no many-to-many lists (their through tables are
        written instead, without a query per row)."""
        names = [
            field.attname[:-3] if field.remote_field else field.attname
            for field in self.model._meta.local_concrete_fields
            if not field.primary_key
        ]
        if self.holds_password_hashes and not include_password_hashes:
            names.remove("password")
        return names

    def file_fields(self) -> list[tuple[str, models.FileField]]:
        """Columns holding stored file names, with the FileField that stores them. A history
        table holds the names as text; its `instance_type` is the model with the FileField."""
        source = getattr(self.model, "instance_type", self.model)
        found = []
        for field in self.model._meta.local_concrete_fields:
            try:
                original = source._meta.get_field(field.name)
            except FieldDoesNotExist:
                continue
            if isinstance(original, models.FileField):
                found.append((field.attname, original))
        return found


def archived_tables() -> list[Table]:
    """The tables of the archive, each after the tables its natural keys point at."""
    chosen = [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.managed
        and (model._meta.app_label in PRODUCT_APPS or model._meta.label_lower in OTHER_TABLES)
    ]
    by_app = [
        (config, [model for model in chosen if model._meta.app_config is config])
        for config in apps.get_app_configs()
    ]
    return [Table(model) for model in serializers.sort_dependencies(by_app, allow_cycles=True)]


def left_out_tables() -> dict[str, str]:
    archived = {table.label for table in archived_tables()}
    return {
        model._meta.label_lower: LEFT_OUT.get(model._meta.label_lower, LEFT_OUT_OTHERWISE)
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.label_lower not in archived
    }


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds, as JavaScript does; a backup keeps the
    microseconds, or restored rows would differ from the originals."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class JSONLinesSerializer(jsonl.Serializer):
    """Django's JSON Lines serializer, writing each row with one json.dumps, whose encoder is
    in C, rather than json.dump, which encodes and writes piece by piece in Python: three
    times faster on large tables, and the same text."""

    def end_object(self, obj):
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


def table_write(table: Table, target=None, *, include_password_hashes: bool) -> DigestingWriter:
    """Write the table's rows as JSON Lines to the binary `target` (None: only digest them),
    in primary-key order, a chunk of rows at a time. Returns the digest and the row count."""
    rows = table.model._base_manager.order_by("pk")
    if table.uses_natural_keys:
        rows = rows.select_related(*(field.name for field in table.foreign_keys))
    sink = DigestingWriter(target)
    with io.TextIOWrapper(
        io.BufferedWriter(sink, COPY_CHUNK), encoding="utf-8", newline=""
    ) as text:
        JSONLinesSerializer().serialize(
            rows.iterator(chunk_size=ROWS_PER_QUERY),
            stream=text,
            fields=table.field_names(include_password_hashes=include_password_hashes),
            use_natural_foreign_keys=table.uses_natural_keys,
            cls=ExactJSONEncoder,
        )
    return sink


def migration_state(connection) -> dict[str, str]:
    """App -> the last migration applied to the database (migration names are numbered)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))
