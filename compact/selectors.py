"""Read paths for the Compact. Each returns everything its page or endpoint needs in a fixed
number of queries, whatever the number of objectives and actions."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from compact.models import Action, GuidingPrinciple, Objective, RoundTable


def round_table_list() -> QuerySet[RoundTable]:
    return RoundTable.objects.prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.order_by("round_table_position"),
        )
    )


def objective_list() -> QuerySet[Objective]:
    return Objective.objects.select_related("round_table").prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("position"))
    )


def objective_get(*, number: int) -> Objective:
    return get_object_or_404(objective_list(), number=number)


def guiding_principle_list() -> QuerySet[GuidingPrinciple]:
    return GuidingPrinciple.objects.all()
