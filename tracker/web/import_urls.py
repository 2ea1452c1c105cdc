from django.urls import path, re_path

from tracker.web import imports

FORMAT = r"(?P<file_format>xlsx|csv)"

app_name = "imports"
urlpatterns = [
    path("", imports.import_entries, {"kind": "measures"}, name="measures"),
    re_path(rf"^template\.{FORMAT}$", imports.template, {"kind": "measures"}, name="template"),
    path("pledges/", imports.import_entries, {"kind": "pledges"}, name="pledges"),
    re_path(
        rf"^pledges/template\.{FORMAT}$",
        imports.template,
        {"kind": "pledges"},
        name="pledges-template",
    ),
    path("updates/", imports.import_entries, {"kind": "updates"}, name="updates"),
    re_path(
        rf"^updates/template\.{FORMAT}$",
        imports.template,
        {"kind": "updates"},
        name="updates-template",
    ),
]
