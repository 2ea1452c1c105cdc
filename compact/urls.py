from django.urls import path

from compact import views

app_name = "compact"
urlpatterns = [
    path("", views.round_table_index, name="index"),
    path("objectives/<int:number>/", views.objective_detail, name="objective"),
    path("principles/", views.guiding_principle_list, name="principles"),
    path("eu-pact/", views.eu_pact, name="eu-pact"),
]
