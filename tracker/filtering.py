"""The query logic that the API's lists (tracker/api/filters.py) and the dashboards' lists
(reports/dashboards/filters.py) share: searching the text fields and filtering on a many-to-many
relation. How each reads its parameters and answers a value it does not know stays its own."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from tracker.models import Measure, Pledge, PublishedMeasure, PublishedPledge

# The texts a search looks in: the entry as written and its English version.
SEARCH_FIELDS = {
    Measure: ("title", "description", "title_en", "description_en"),
    Pledge: ("text", "text_en", "occasion", "network_reference"),
}
# The public lists search the published records' same texts.
SEARCH_FIELDS[PublishedMeasure] = SEARCH_FIELDS[Measure]
SEARCH_FIELDS[PublishedPledge] = SEARCH_FIELDS[Pledge]


def search(queryset: QuerySet, words: str) -> QuerySet:
    """The entries with every one of `words` somewhere in their texts, in any case."""
    fields = SEARCH_FIELDS[queryset.model]
    matches = Q()
    for word in words.split():
        matches &= reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    return queryset.filter(matches)


def linked_to(queryset: QuerySet, relation: str, **lookups) -> QuerySet:
    """The entries linked through the many-to-many `relation` to a row that `lookups` select,
    such as linked_to(measures, "objectives", number=5). A subquery on the link table, not a
    join: an entry linked to two such rows is listed once."""
    field = queryset.model._meta.get_field(relation)
    target = field.m2m_reverse_field_name()
    links = field.remote_field.through.objects.filter(
        **{f"{target}__{lookup}": value for lookup, value in lookups.items()}
    )
    return queryset.filter(pk__in=links.values(field.m2m_field_name()))
