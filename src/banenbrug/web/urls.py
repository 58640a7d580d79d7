from django.urls import path

from banenbrug.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),  # readiness
    path("live", views.live, name="live"),  # liveness
    path("over", views.about, name="about"),
]
