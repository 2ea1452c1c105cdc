from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compact.languages import LANGUAGE_CHOICES
from compact.models import Action, GuidingPrinciple, Objective, RoundTable


class LocalizedTextSerializer(serializers.Serializer):
    text = serializers.CharField()
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, help_text="The text's language.")
    is_fallback = serializers.BooleanField(
        help_text="True when the text does not exist in the requested language and is given "
        "in another."
    )


@extend_schema_field(LocalizedTextSerializer(allow_null=True))
class LocalizedTextField(serializers.Field):
    """A Compact text in the request's language, or the closest language that has it."""

    def __init__(self, field: str, **kwargs):
        self.text_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        text = instance.localized(self.text_field, self.context["language"])
        if text is None:
            return None
        return {"text": text.text, "language": text.language, "is_fallback": text.is_fallback}


class ActionSerializer(serializers.ModelSerializer):
    text = LocalizedTextField("text")

    class Meta:
        model = Action
        fields = ["letter", "text"]


class ObjectiveSerializer(serializers.ModelSerializer):
    round_table = serializers.IntegerField(source="round_table.number", read_only=True)
    title = LocalizedTextField("title")
    commitment = LocalizedTextField("commitment")
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["number", "paragraph", "round_table", "title", "commitment", "actions"]


class ObjectiveSummarySerializer(serializers.ModelSerializer):
    title = LocalizedTextField("title")

    class Meta:
        model = Objective
        fields = ["number", "title"]


class RoundTableSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    objectives = ObjectiveSummarySerializer(many=True, read_only=True)

    class Meta:
        model = RoundTable
        fields = ["number", "title", "objectives"]

    def get_title(self, round_table) -> str:
        """As the Progress Declaration titles it: 'Round table 1 (objectives 2, 5, ...)'."""
        with translation.override(self.context["language"]):
            return round_table.title


class GuidingPrincipleSerializer(serializers.ModelSerializer):
    name = LocalizedTextField("name")
    description = LocalizedTextField("description")

    class Meta:
        model = GuidingPrinciple
        fields = ["code", "name", "description"]
