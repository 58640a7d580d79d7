from django.urls import path

from banenbrug.transitions import views

app_name = "transitions"
urlpatterns = [
    path("", views.explorer, name="index"),
    path("vergelijk/", views.compare, name="compare"),
    path("suggesties/", views.suggestions, name="suggestions"),
]
