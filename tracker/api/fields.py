"""How the API names the things an entry refers to: objectives by number (5), actions by
objective number and letter ("5c"), organisations by code ("MOJ"), guiding principles by
code ("human_rights"), pledges and cycles by id and slug."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compact.codes import ACTION_CODE, parse_action_code
from compact.common.api import CodeField
from compact.models import Action, GuidingPrinciple, Objective
from tracker import selectors
from tracker.models import Organisation, Pledge, ReviewCycle


def objective_numbers(**kwargs) -> CodeField:
    return CodeField(
        slug_field="number",
        queryset=Objective.objects.all(),
        error_messages={
            "does_not_exist": _("{value} is not an objective of the Compact (1 to 23)."),
            "invalid": _("Give objectives by their number, such as 5."),
        },
        **kwargs,
    )


def organisation_codes(**kwargs) -> CodeField:
    return CodeField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        error_messages={"does_not_exist": _("There is no organisation with the code {value}.")},
        **kwargs,
    )


def guiding_principle_codes(**kwargs) -> CodeField:
    return CodeField(
        slug_field="code",
        queryset=GuidingPrinciple.objects.all(),
        error_messages={"does_not_exist": _("{value} is not a guiding principle of the Compact.")},
        **kwargs,
    )


def cycle_slug(**kwargs) -> CodeField:
    return CodeField(
        slug_field="slug",
        queryset=ReviewCycle.objects.all(),
        error_messages={"does_not_exist": _("There is no review cycle {value}.")},
        **kwargs,
    )


@extend_schema_field(
    {
        "type": "string",
        "pattern": ACTION_CODE.pattern,
        "example": "5c",
        "description": "An action of the Compact: its objective's number and its letter.",
    }
)
class ActionCodeField(serializers.RelatedField):
    """An action as its objective's number followed by its letter: "5c" is action (c) of
    objective 5."""

    default_error_messages = {
        "does_not_exist": _("{value} is not an action of the Compact."),
        "invalid": _(
            "{value} is not an action: give its objective's number and its letter, such as 5c."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Action.objects.select_related("objective"))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = str(data).strip().lower()
        parsed = parse_action_code(code)
        if parsed is None:
            self.fail("invalid", value=data)
        number, letter = parsed
        try:
            return self.get_queryset().get(objective__number=number, letter=letter)
        except Action.DoesNotExist:
            self.fail("does_not_exist", value=code)

    def to_representation(self, value) -> str:
        return f"{value.objective.number}{value.letter}"


class VisiblePledgeField(serializers.PrimaryKeyRelatedField):
    """A pledge by id, among those the requesting user may see: linking a measure to a pledge
    one may not read is "not found", as reading it would be."""

    default_error_messages = {"does_not_exist": _("There is no pledge with the id {pk_value}.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Pledge.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        return selectors.pledge_list(user=user, include_archived=True)
