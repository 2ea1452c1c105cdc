"""The spreadsheet formats of the measure and pledge lists: `?format=csv`, `?format=xlsx` or
the matching Accept header. The list view answers them with tracker/exports.py's file of all
filtered rows; these renderers only let content negotiation choose them."""

from rest_framework.renderers import BaseRenderer

from tracker.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE


class ExportRenderer(BaseRenderer):
    # Anything but the export's own response is an error, answered as JSON
    # (compact.common.api.ApiViewMixin.finalize_response).
    json_errors = True

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The view returns the export's own response, and renders anything else (errors)
        # as JSON; see EntryViewSet.list and json_errors above.
        raise NotImplementedError("Spreadsheets are made by tracker.exports, not rendered.")


class CSVRenderer(ExportRenderer):
    media_type = CSV_CONTENT_TYPE.split(";")[0]
    format = "csv"
    charset = "utf-8"


class XLSXRenderer(ExportRenderer):
    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
