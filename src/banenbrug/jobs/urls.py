from django.urls import path

from banenbrug.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:job_id>/", views.detail, name="detail"),
    path("<int:job_id>/bestand", views.output, name="output"),
]
