from django.utils import translation
from rest_framework import serializers

from compact.common.serializers import LocalizedTextField, ObjectiveSummarySerializer
from compact.models import Action, GuidingPrinciple, Objective, RoundTable


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
