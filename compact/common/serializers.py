"""The Compact's texts in the API's answers, in the request's language (`language` in the
serializer's context, see compact.common.api): shared by the Compact's own API and the
tracker's, whose entries name the objectives they serve."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compact.languages import LANGUAGE_CHOICES
from compact.models import Objective


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


class ObjectiveSummarySerializer(serializers.ModelSerializer):
    title = LocalizedTextField("title")

    class Meta:
        model = Objective
        fields = ["number", "title"]
