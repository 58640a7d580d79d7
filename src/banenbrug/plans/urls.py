from django.urls import path

from banenbrug.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("mijn/", views.mine, name="mine"),
    path("opleidingen/", views.catalogue, name="catalogue"),
    path("regelingen/", views.schemes, name="schemes"),
    path("<int:person_id>/", views.plan, name="plan"),
    path("<int:person_id>/versies/", views.plan_versions, name="versions"),
    path("<int:person_id>/pdf", views.plan_as_pdf, name="pdf"),
    path("<int:person_id>/situatie/", views.situation, name="situation"),
    path("<int:person_id>/suggesties/", views.suggestions, name="suggestions"),
]
