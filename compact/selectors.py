"""Read paths for the Compact. Each returns everything its page or endpoint needs in a fixed
number of queries, whatever the number of objectives and actions."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from compact.models import Action, GuidingPrinciple, Objective, PactItem, PactPart, RoundTable


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


def pact_part_list() -> QuerySet[PactPart]:
    """The EU Pact's parts, each with its sections and sub-headings (`items`) in reading order."""
    return PactPart.objects.prefetch_related(
        Prefetch("items", queryset=PactItem.objects.order_by("position"))
    )


def pact_act_list() -> QuerySet[PactItem]:
    """The Pact's legal acts, in the order the communication lists them."""
    return PactItem.objects.filter(kind=PactItem.Kind.ACT)


def pact_item_list() -> QuerySet[PactItem]:
    """Every item a measure can serve (sections, sub-headings, acts), in reading order."""
    return PactItem.objects.select_related("part", "section")


@dataclass(frozen=True)
class PactSection:
    """A section of a part with its sub-headings; `section` is None for the sub-headings that
    stand directly under a part."""

    section: PactItem | None
    subheadings: list[PactItem]


def pact_outline() -> list[tuple[PactPart, list[PactSection]]]:
    """The Pact's parts in order, each with its sections and their sub-headings in reading
    order, in two queries whatever the number of items."""
    outline = []
    for part in pact_part_list():
        sections: list[PactSection] = []
        for item in part.items.all():
            if item.kind == PactItem.Kind.SECTION:
                sections.append(PactSection(item, []))
            elif item.section_id is None and (not sections or sections[-1].section is not None):
                sections.append(PactSection(None, [item]))
            else:
                sections[-1].subheadings.append(item)
        outline.append((part, sections))
    return outline
