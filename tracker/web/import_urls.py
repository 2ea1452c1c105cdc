from django.urls import path, re_path

from tracker.web import imports

app_name = "imports"
urlpatterns = [
    path("", imports.import_measures, name="measures"),
    re_path(r"^template\.(?P<file_format>xlsx|csv)$", imports.template, name="template"),
]
