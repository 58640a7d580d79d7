from django.contrib.auth import views as auth_views
from django.urls import path

from banenbrug.accounts import views

urlpatterns = [
    path("", views.account, name="account"),
    path("inloggen/", views.Login.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("imports/", views.import_history, name="import-history"),
    path("privacy/", views.privacy_terms, name="privacy"),
    path("registreren/", views.register, name="register"),
    path("registreren/verstuurd/", views.register_done, name="register-done"),
    path("bevestigen/<str:uidb64>/<str:token>/", views.confirm, name="confirm"),
    path("uitnodigen/", views.invite, name="invite"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("werkgevers/", views.employer_requests, name="employer-requests"),
    path("werkgevers/<int:request_id>/", views.decide_employer_request,
         name="decide-employer-request"),
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt"),
        name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("wachtwoord/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html"), name="password_reset_confirm"),
    path("wachtwoord/klaar/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("oidc/start/", views.oidc_start, name="oidc_authentication_init"),
    path("oidc/terug/", views.oidc_callback, name="oidc_authentication_callback"),
]
