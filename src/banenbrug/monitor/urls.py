from django.urls import path

from banenbrug.monitor import views

app_name = "monitor"
urlpatterns = [
    path("", views.index, name="index"),
    path("spanning/", views.tension, name="tension"),
    path("onderwijs-en-uitstroom/", views.education, name="education"),
    path("prognose/", views.forecast, name="forecast"),
    path("cbs/", views.cbs, name="cbs"),
    path("indicatoren.csv", views.indicators_csv, name="indicators_csv"),
    path("regios/<slug:kind>.geojson", views.regions_geojson, name="regions_geojson"),
    path("topojson/<slug:name>.json", views.empty_topojson, name="empty_topojson"),
]
