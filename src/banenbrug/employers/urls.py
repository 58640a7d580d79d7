from django.urls import path

from banenbrug.employers import cohort_views, selfscan_views, views

app_name = "employers"
urlpatterns = [
    path("", views.index, name="index"),
    path("vacatures/<int:vacancy_id>/jobcarving/", views.carving, name="carving"),
    path("vacatures/<int:vacancy_id>/jobcarving/publiceren/", views.publish, name="publish"),
    path("tekstcheck/", views.text_check, name="text_check"),
    path("cohorten/", cohort_views.cohort_list, name="cohorts"),
    path("cohorten/nieuw/", cohort_views.new, name="cohort_new"),
    path("cohorten/<int:cohort_id>/", cohort_views.cohort, name="cohort"),
    path("cohorten/<int:cohort_id>/aanmelden/", cohort_views.apply, name="cohort_apply"),
    path("cohorten/<int:cohort_id>/beheer/", cohort_views.manage, name="cohort_manage"),
    path("cohorten/<int:cohort_id>/selectie/", cohort_views.select, name="cohort_select"),
    path("cohorten/<int:cohort_id>/aanmelden-open/", cohort_views.open_or_close,
         name="cohort_open"),
    path("cohorten/<int:cohort_id>/banengaranties/", cohort_views.pledge, name="cohort_pledge"),
    path("cohorten/<int:cohort_id>/uitkomsten/<int:application_id>/", cohort_views.outcomes,
         name="cohort_outcomes"),
    path("scan/", selfscan_views.index, name="scan_index"),
    path("scan/<int:employer_id>/", selfscan_views.result, name="scan"),
    path("scan/<int:employer_id>/invullen/", selfscan_views.fill_in, name="scan_form"),
    path("scan/<int:employer_id>/export.<str:fmt>", selfscan_views.export, name="scan_export"),
]
