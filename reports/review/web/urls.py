from django.urls import path

from reports.review.web import views

app_name = "report"
urlpatterns = [
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run-progress"),
    path("runs/<int:pk>/file/", views.run_file, name="run-file"),
    path("<slug:slug>/", views.cycle_report, name="cycle"),
    path("<slug:slug>/generate/", views.report_generate_view, name="generate"),
    path(
        "<slug:slug>/round-tables/<int:number>/narrative/",
        views.narrative_save_view,
        name="narrative",
    ),
]
