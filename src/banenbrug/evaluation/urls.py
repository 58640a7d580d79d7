from django.urls import path

from banenbrug.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("uploaden/", views.upload, name="upload"),
    path("sjabloon.csv", views.template_csv, name="template"),
    path("uitkomstenlus/", views.outcome_loop, name="outcome_loop"),
    path("vervolgvragen/", views.follow_up, name="follow_up"),
    path("<slug:slug>/", views.initiative_report, name="initiative"),
    path("<slug:slug>/rapport.pdf", views.initiative_pdf, name="pdf"),
]
