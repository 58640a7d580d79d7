from django.urls import path

from banenbrug.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("over", views.about, name="about"),
]
