"""How the API names the things an entry refers to: objectives by number (5), actions by
objective number and letter ("5c"), organisations by code ("MOJ"), guiding principles by
code ("human_rights"), pledges and cycles by id and slug.

A list of them (many=True) names its most items (max_items), which a longer list is refused for
before any item is read, and is resolved in one query whatever its length."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField

from compact.codes import ACTION_CODE, parse_action_code
from compact.common.api import CodeField as OneCodeField
from compact.models import Action, GuidingPrinciple, Objective, PactItem
from tracker import selectors
from tracker.models import Organisation, Pledge, ReviewCycle

MAX_ID = 2**63 - 1  # the largest id a database integer column holds

TOO_MANY = _("Give at most {max_items} items; the list has {count}.")


def _too_many(max_items: int) -> MaxLengthValidator:
    # Never reached (the length is checked first); it puts maxItems in the API's schema.
    return MaxLengthValidator(max_items, message=TOO_MANY.format(max_items=max_items, count=""))


class CodeList(ManyRelatedField):
    """A list of at most `max_items` rows, looked up together by the child's `rows`."""

    default_error_messages = {"max_items": TOO_MANY}

    def __init__(self, *, max_items: int, **kwargs):
        self.max_items = max_items
        super().__init__(**kwargs)
        self.validators.append(_too_many(max_items))

    def to_internal_value(self, data):
        if isinstance(data, str | dict) or not hasattr(data, "__len__"):
            self.fail("not_a_list", input_type=type(data).__name__)
        if len(data) > self.max_items:
            self.fail("max_items", max_items=self.max_items, count=f"{len(data):,}")
        if not self.allow_empty and len(data) == 0:
            self.fail("empty")
        return self.child_relation.rows(list(data))


class BoundedListField(serializers.ListField):
    """A ListField whose length is checked before its items are."""

    default_error_messages = {"max_items": TOO_MANY}

    def __init__(self, *, max_items: int, **kwargs):
        self.max_items = max_items
        super().__init__(**kwargs)
        self.validators.append(_too_many(max_items))

    def to_internal_value(self, data):
        if isinstance(data, list | tuple) and len(data) > self.max_items:
            self.fail("max_items", max_items=self.max_items, count=f"{len(data):,}")
        return super().to_internal_value(data)


class ManyInOneQuery:
    """many=True makes a CodeList, which must be given max_items."""

    @classmethod
    def many_init(cls, *args, max_items: int, **kwargs):
        many = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return CodeList(child_relation=cls(*args, **kwargs), max_items=max_items, **many)

    def _found(self, keys: list, found: dict, values: list, name: str, **context) -> list:
        """The rows `found` by key in the order of `keys`; the first missing one fails
        does_not_exist with its value (as given, in `values`) as `name`."""
        for key, value in zip(keys, values, strict=True):
            if key not in found:
                self.fail("does_not_exist", **{name: value}, **context)
        return [found[key] for key in keys]


class CodeField(ManyInOneQuery, OneCodeField):
    """A row by its code, number or slug (compact/common/api.py), and a list of them in one
    query."""

    def rows(self, values: list) -> list:
        field = self.get_queryset().model._meta.get_field(self.slug_field)
        keys = []
        for value in values:
            if isinstance(value, str):
                ProhibitNullCharactersValidator()(value)
            try:
                keys.append(field.to_python(value))
            except ValidationError:
                self.fail("invalid")
        found = {
            getattr(row, self.slug_field): row
            for row in self.get_queryset().filter(**{f"{self.slug_field}__in": keys})
        }
        return self._found(keys, found, values, "value", slug_name=self.slug_field)


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


# The EU Pact's 50 sections, sub-headings and legal acts, with room for a later edition.
MAX_PACT_ITEMS = 100


def pact_item_codes(**kwargs) -> CodeField:
    """A measure's or pledge's EU Pact items, as a list of their codes."""
    kwargs = {"many": True, "max_items": MAX_PACT_ITEMS, "required": False, **kwargs}
    return CodeField(
        slug_field="code",
        queryset=PactItem.objects.all(),
        error_messages={
            "does_not_exist": _(
                "{value} is not an item of the EU Pact; give codes such as III.2 or ACT-04."
            )
        },
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
class ActionCodeField(ManyInOneQuery, serializers.RelatedField):
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

    def rows(self, values: list) -> list:
        keys = []
        for value in values:
            match = ACTION_CODE.match(str(value).strip().lower())
            if match is None:
                self.fail("invalid", value=value)
            keys.append((int(match[1]), match[2]))
        numbers = {number for number, _letter in keys}
        actions = self.get_queryset().filter(objective__number__in=numbers)
        found = {(action.objective.number, action.letter): action for action in actions}
        codes = [f"{number}{letter}" for number, letter in keys]
        return self._found(keys, found, codes, "value")


class VisiblePledgeField(ManyInOneQuery, serializers.PrimaryKeyRelatedField):
    """A pledge by id, among those the requesting user may see: linking a measure to a pledge
    one may not read is "not found", as reading it would be."""

    default_error_messages = {"does_not_exist": _("There is no pledge with the id {pk_value}.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Pledge.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        return selectors.pledge_list(user=user, include_archived=True)

    def rows(self, values: list) -> list:
        keys = []
        for value in values:
            try:
                keys.append(Pledge._meta.pk.to_python(value))
            except ValidationError:
                self.fail("incorrect_type", data_type=type(value).__name__)
        # An id beyond the database's integer range is no pledge's: asking the database for it
        # would be an overflow error, not "not found".
        asked = [key for key in keys if 0 < key <= MAX_ID]
        found = {pledge.pk: pledge for pledge in self.get_queryset().filter(pk__in=asked)}
        return self._found(keys, found, values, "pk_value")


class TextOnlyField(serializers.CharField):
    """A text that must be sent as a string: DRF's CharField turns 114 into "114", which the
    schema (type string) says is refused."""

    default_error_messages = {"not_a_string": _("Give a text (a string), not {input_type}.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", input_type=type(data).__name__)
        return super().to_internal_value(data)


class TextOnlyModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose text columns take strings only (TextOnlyField)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextOnlyField,
        models.TextField: TextOnlyField,
    }
