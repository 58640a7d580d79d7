from django.urls import path

from banenbrug.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("vacatures/<int:vacancy_id>/jobcarving/", views.carving, name="carving"),
    path("vacatures/<int:vacancy_id>/jobcarving/publiceren/", views.publish, name="publish"),
    path("tekstcheck/", views.text_check, name="text_check"),
]
