"""CSV lines written by PostgreSQL itself: COPY (SELECT ...) TO STDOUT, each column turned into
the text that files.csv_text writes for the value files.typed_rows gives.

The statement is put together from querysets Django compiles: the exported rows (the given
queryset, numbered in its order) and, per many-to-many column, the related codes of every
entry, joined in the database and joined to the rows by hash instead of one subquery per row.

Python's csv module and COPY's CSV format then agree byte for byte: both quote a field that
holds a comma, a quote, a CR or an LF, double the quotes inside, and end lines with LF
(files._Lines); empty text and NULL are both written as nothing (NULLIF), so COPY has no
quoted empty field to write. tests/tracker/test_exports.py compares the two on the same rows.
"""

import contextlib
import json
from collections.abc import Iterator, Sequence

from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Expression, F, Func, QuerySet, TextField, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast, NullIf
from django.utils import timezone

from tracker.exports.columns import FORMULA_PART, LIST_SEPARATOR, Column, Kind, Related

# What the response is written in at a time; COPY hands over one line at a time.
CHUNK_BYTES = 256 * 1024


@contextlib.contextmanager
def plain_plans(connection):
    """On PostgreSQL, a transaction in which an export's query is not compiled to machine
    code (JIT): at national scale that costs more than a second, and saves nothing on a
    query that mostly moves rows."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def _text_function(name: str, *expressions) -> Func:
    return Func(*expressions, function=name, output_field=TextField())


def _written(text: Expression) -> Expression:
    """The text with an apostrophe before each part that begins as a formula, as
    files.csv_text writes it (columns.neutralised)."""
    return _text_function(
        "REGEXP_REPLACE",
        NullIf(text, Value("")),
        Value(FORMULA_PART),
        Value("\\1'\\2"),
        Value("g"),
    )


class _CodesArray(Func):
    """The codes of a JSON list as an array, in the list's order, each replaced by its label
    where `labels` (a JSON object) has one."""

    template = (
        "ARRAY(SELECT COALESCE(CAST(%(labels)s AS JSONB) ->> code, code) "
        "FROM JSONB_ARRAY_ELEMENTS_TEXT(%(expressions)s) "
        "WITH ORDINALITY AS item(code, position) ORDER BY position)"
    )
    output_field = TextField()

    def __init__(self, expression, labels: dict[str, str] | None):
        super().__init__(expression)
        self.labels = json.dumps(labels or {})

    def as_sql(self, compiler, connection, **extra_context):
        # The labels come before the list in the statement, so their parameter does too.
        labels_sql, labels_params = compiler.compile(Value(self.labels))
        sql, params = super().as_sql(compiler, connection, labels=labels_sql, **extra_context)
        return sql, [*labels_params, *params]


def column_text(column: Column, zone: str) -> Expression:
    value = F(column.value)
    if column.kind is Kind.NUMBER:
        return Cast(value, output_field=TextField())
    if column.kind is Kind.DATE:
        return _text_function("TO_CHAR", value, Value("YYYY-MM-DD"))
    if column.kind is Kind.MOMENT:
        local = Func(Value(zone), value, function="TIMEZONE")
        return _text_function("TO_CHAR", local, Value("YYYY-MM-DD HH24:MI:SS"))
    if column.kind is Kind.CODES:
        return _written(
            _text_function(
                "ARRAY_TO_STRING", _CodesArray(value, column.labels), Value(LIST_SEPARATOR)
            )
        )
    return _written(value)


def _related_codes(model, related: Related) -> QuerySet:
    """Every entry's related codes, joined: (entry, codes) rows."""
    field = model._meta.get_field(related.relation)
    code = related.code()
    return (
        field.remote_field.through.objects.order_by()
        .values(entry=F(field.m2m_field_name()))
        .annotate(codes=_written(StringAgg(code, LIST_SEPARATOR, order_by=related.ordering)))
    )


def _order_keys(queryset: QuerySet) -> list[OrderBy]:
    """The queryset's ordering, each as an OrderBy expression."""
    query = queryset.query
    ordering = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    keys = []
    for item in ordering:
        if isinstance(item, str):
            keys.append(OrderBy(F(item.removeprefix("-")), descending=item.startswith("-")))
        else:
            keys.append(item if isinstance(item, OrderBy) else OrderBy(item))
    return keys


def copy_statement(queryset: QuerySet, columns: Sequence[Column]) -> tuple[str, list]:
    """The COPY statement and its parameters: the rows (with the queryset's ordering keys)
    joined to the related codes, sorted once."""
    zone = timezone.get_current_timezone_name()
    keys = _order_keys(queryset)
    texts = {
        f"column_{index}": column_text(column, zone)
        for index, column in enumerate(columns)
        if column.kind is not Kind.RELATED
    }
    rows = (
        queryset.prefetch_related(None)
        .order_by()
        .values(
            row_id=F("pk"),
            **{f"key_{index}": key.expression for index, key in enumerate(keys)},
            **texts,
        )
    )
    sql, params = rows.query.sql_with_params()
    select, joins, params = [], [], list(params)
    for index, column in enumerate(columns):
        if column.kind is not Kind.RELATED:
            select.append(f'"rows"."column_{index}"')
            continue
        related_sql, related_params = _related_codes(
            queryset.model, column.value
        ).query.sql_with_params()
        joins.append(
            f'LEFT JOIN ({related_sql}) AS "related_{index}" '
            f'ON "related_{index}"."entry" = "rows"."row_id"'
        )
        params.extend(related_params)
        select.append(f'"related_{index}"."codes"')
    order = ", ".join(
        f'"rows"."key_{index}" {"DESC" if key.descending else "ASC"}'
        + (" NULLS FIRST" if key.nulls_first else " NULLS LAST" if key.nulls_last else "")
        for index, key in enumerate(keys)
    )
    # Every part is SQL that Django compiled, with its values as parameters.
    statement = (
        f'COPY (SELECT {", ".join(select)} FROM ({sql}) AS "rows" {" ".join(joins)} '  # noqa: S608  # nosec B608
        f"{'ORDER BY ' + order if order else ''}) TO STDOUT (FORMAT csv)"
    )
    return statement, params


def copy_csv_lines(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[bytes]:
    """The rows of `queryset` as CSV lines, in chunks of about CHUNK_BYTES. The statement is
    put together now, before the response starts: a queryset that Django knows matches nothing
    (.none(), or a number past its column's range) has no SQL and gives no lines, where failing
    later would break off a download already answered 200."""
    if queryset.query.is_empty():
        return iter(())
    try:
        statement, params = copy_statement(queryset, columns)
    except EmptyResultSet:
        return iter(())
    return _copied_lines(connections[queryset.db], statement, params)


def _copied_lines(connection, statement: str, params: list) -> Iterator[bytes]:
    buffer = bytearray()
    with plain_plans(connection), connection.cursor() as cursor:
        # Logged like any query where queries are (DEBUG, tests counting them).
        logged = (
            cursor.debug_sql(statement, params)
            if connection.queries_logged
            else contextlib.nullcontext()
        )
        with logged, cursor.cursor.copy(statement, params) as copy:
            for line in copy:
                buffer += line
                if len(buffer) >= CHUNK_BYTES:
                    yield bytes(buffer)
                    buffer.clear()
    yield bytes(buffer)
