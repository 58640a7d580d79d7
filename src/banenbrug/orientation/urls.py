from django.urls import path

from banenbrug.orientation import views

app_name = "orientation"
urlpatterns = [
    path("", views.index, name="index"),
    path("vragenlijst/", views.questionnaire_page, name="questionnaire"),
    path("resultaat/", views.results, name="results"),
    path("beroep/<slug:uuid>/", views.story, name="story"),
    path("groepen/", views.groups, name="groups"),
    path("groepen/<slug:code>/", views.group, name="group"),
    path("ouders-en-leraren/", views.guide, name="guide"),
]
