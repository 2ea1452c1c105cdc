"""The API of an entry's history, as its history page shows it: every change, newest first,
with the entry's version, when, who, why, and each field from what to what
(tracker/selectors/history.py).

The same rules as the history page (tracker/rules.py): the entry's organisation and the
coordinators. An entry one may not see is 404; its history, for one who may see the entry
but not its history, 403.
"""

from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from compact.common.api import LANG_PARAMETER, ApiViewMixin
from tracker import selectors
from tracker.selectors.history import entry_history


class FieldChangeSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="The field's name, in the request's language.")
    old = serializers.CharField(help_text="The value before, as the pages show it.")
    new = serializers.CharField(help_text="The value after, as the pages show it.")


class HistoryRowSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The entry's version after the change.")
    when = serializers.DateTimeField()
    who = serializers.CharField(help_text="The name of whoever made the change.")
    reason = serializers.CharField(help_text="Why, such as “Submitted for review”; may be empty.")
    changes = FieldChangeSerializer(many=True)


class EntryHistoryViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Shared by the histories of measures, pledges and progress updates."""

    serializer_class = HistoryRowSerializer
    pagination_class = None
    filter_backends = []
    model_name = ""

    @property
    def object_permissions(self) -> dict[str, str]:
        return {"list": f"tracker.view_history_{self.model_name}"}

    def get_entry(self):
        raise NotImplementedError

    @extend_schema(parameters=[LANG_PARAMETER])
    def list(self, request, *args, **kwargs):
        entry = self.get_entry()
        self.check_object_permissions(request, entry)
        with translation.override(self.language):
            rows = entry_history(entry)
            return Response(self.get_serializer(rows, many=True).data)


class MeasureHistoryViewSet(EntryHistoryViewSet):
    """The measure's history: every change, newest first."""

    model_name = "measure"

    def get_entry(self):
        return selectors.measure_get(user=self.request.user, pk=self.kwargs["measure_id"])


class PledgeHistoryViewSet(EntryHistoryViewSet):
    """The pledge's history: every change, newest first."""

    model_name = "pledge"

    def get_entry(self):
        return selectors.pledge_get(user=self.request.user, pk=self.kwargs["pledge_id"])


class ProgressUpdateHistoryViewSet(EntryHistoryViewSet):
    """The progress update's history: every change, newest first."""

    model_name = "progressupdate"

    def get_entry(self):
        measure = selectors.measure_get(user=self.request.user, pk=self.kwargs["measure_id"])
        update = selectors.progress_update_get(user=self.request.user, pk=self.kwargs["update_id"])
        if update.measure_id != measure.pk:
            raise Http404("No such progress update of this measure")
        return update
