from django.urls import path

from banenbrug.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.index, name="index"),
    path("initiatief/<slug:key>/", views.initiative, name="initiative"),
    path("tafel/<slug:key>/", views.table, name="table"),
    path("welke-tafel/", views.finder, name="finder"),
    path("versnippering/", views.fragmentation, name="fragmentation"),
    path("regios/", views.regions, name="regions"),
    path("regios/<str:code>/", views.region, name="region"),
    path("banengaranties/", views.pledges, name="pledges"),
]
