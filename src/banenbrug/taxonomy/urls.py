from django.urls import path

from banenbrug.taxonomy import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("beroepen/<slug:uuid>/", views.occupation_detail, name="occupation"),
    path("vaardigheden/<slug:uuid>/", views.skill_detail, name="skill"),
]
