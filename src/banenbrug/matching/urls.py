from django.urls import path

from banenbrug.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.index, name="index"),
    path("profiel/", views.profile, name="profile"),
    path("profiel/werkervaring/", views.experience, name="experience"),
    path("profiel/vaardigheden/", views.skills, name="skills"),
    path("profiel/cv/", views.cv, name="cv"),
    path("profiel/cv/bevestigen/", views.cv_confirm, name="cv_confirm"),
    path("profiel/export/", views.export, name="export"),
    path("profiel/verwijderen/", views.delete, name="delete"),
    path("profiel/statistiek/", views.statistics, name="statistics"),
    path("matches/", views.matches, name="matches"),
    path("open-hiring/", views.places, name="places"),
    path("open-hiring/<int:entry_id>/<str:action>/", views.place_action, name="place_action"),
    path("vacatures/<int:vacancy_id>/", views.vacancy, name="vacancy"),
    path("vacatures/<int:vacancy_id>/aanmelden/", views.sign_up, name="sign_up"),
    path("werkgever/", views.employer, name="employer"),
    path("werkgever/nieuw/", views.vacancy_form, name="vacancy_new"),
    path("werkgever/<int:vacancy_id>/", views.employer_vacancy, name="employer_vacancy"),
    path("werkgever/<int:vacancy_id>/bewerken/", views.vacancy_form, name="vacancy_edit"),
    path("werkgever/<int:vacancy_id>/rij/<int:entry_id>/", views.queue_action,
         name="queue_action"),
    path("coach/", views.caseload, name="caseload"),
    path("coach/<int:seeker_id>/", views.caseload_person, name="caseload_person"),
    path("eerlijkheid/", views.fairness, name="fairness"),
]
