from django.urls import path

from reports.dashboards.views import indicators, lists, overview, pact, pages, records

app_name = "dashboard"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("round-tables/<int:number>/", pages.round_table_detail, name="round-table"),
    path("objectives/<int:number>/", pages.objective_detail, name="objective"),
    path("organisations/<str:code>/", pages.organisation_detail, name="organisation"),
    path("eu-pact/", pact.eu_pact, name="eu-pact"),
    path("indicators/", indicators.indicator_list, name="indicators"),
    path("indicators/<str:code>/", indicators.indicator_detail, name="indicator"),
    path("measures/", lists.measure_list, name="measures"),
    path("pledges/", lists.pledge_list, name="pledges"),
    path("measures/<int:entry_id>/", records.measure_record, name="measure"),
    path("pledges/<int:entry_id>/", records.pledge_record, name="pledge"),
]
