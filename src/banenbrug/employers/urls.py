from django.urls import path

from banenbrug.employers import selfscan_views, views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("vacatures/<int:vacancy_id>/jobcarving/", views.carving, name="carving"),
    path("vacatures/<int:vacancy_id>/jobcarving/publiceren/", views.publish, name="publish"),
    path("tekstcheck/", views.text_check, name="text_check"),
    path("scan/", selfscan_views.index, name="scan_index"),
    path("scan/<int:employer_id>/", selfscan_views.result, name="scan"),
    path("scan/<int:employer_id>/invullen/", selfscan_views.fill_in, name="scan_form"),
    path("scan/<int:employer_id>/export.<str:fmt>", selfscan_views.export, name="scan_export"),
]
