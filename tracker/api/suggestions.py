"""POST /api/v1/suggestions/: the objectives and actions of the Compact that a measure's text
serves, ranked, with scores and the Compact's words that matched (compact/suggestions/)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from compact.common.api import ApiViewMixin
from compact.languages import LANGUAGE_CODES
from compact.suggestions.checks import MAX_CHARACTERS, SuggestionInputError
from tracker.selectors.suggestions import measure_suggestions


class SuggestionRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=f"The measure's title and description, at most {MAX_CHARACTERS} characters.",
    )
    language = serializers.CharField(
        help_text=f"The text's language: one of {', '.join(LANGUAGE_CODES)}."
    )


class SuggestedActionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='The objective\'s number and the letter: "5.c".')
    letter = serializers.CharField()
    score = serializers.FloatField(help_text="From 0 to 1; 1 is the best suggestion's.")
    text = serializers.CharField(source="text.text.text")
    text_language = serializers.CharField(
        source="text.text.language",
        help_text="The language of the text: the request's, or the closest the Compact has.",
    )
    matched_words = serializers.ListField(child=serializers.CharField(), source="text.matched")


class SuggestedObjectiveSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    score = serializers.FloatField(help_text="From 0 to 1; 1 is the best suggestion's.")
    title = serializers.CharField(source="title.text.text")
    title_language = serializers.CharField(source="title.text.language")
    matched_words = serializers.ListField(child=serializers.CharField(), source="title.matched")
    actions = SuggestedActionSerializer(many=True)


class SuggestionsSerializer(serializers.Serializer):
    objectives = SuggestedObjectiveSerializer(many=True)


class SuggestionViewSet(ApiViewMixin, viewsets.ViewSet):
    """Suggested objectives and actions for a measure's text in Swedish, Norwegian, Danish or
    English: up to five objectives, best first, each with its best actions. An empty text, one
    over 20,000 characters, an unknown language or a text in a language the tracker does not
    offer is a 400 naming the field and the reason."""

    default_permission = "tracker.suggest_objectives_api"

    @extend_schema(request=SuggestionRequestSerializer, responses={200: SuggestionsSerializer})
    def create(self, request):
        given = SuggestionRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            suggestions = measure_suggestions(**given.validated_data)
        except SuggestionInputError as error:
            raise serializers.ValidationError({error.field: [str(error.reason)]}) from error
        return Response(SuggestionsSerializer({"objectives": suggestions}).data)
