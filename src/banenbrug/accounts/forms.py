"""Registration and invitation forms. Passwords go through AUTH_PASSWORD_VALIDATORS, whose
messages Django translates (Dutch in the Dutch interface)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from banenbrug.accounts.registration import normalise_email

JOB_SEEKER, EMPLOYER = "job_seeker", "employer"


class PasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 8 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord."))
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def email_for_validation(self) -> str:
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            email = self.email_for_validation()
            try:  # the similarity check compares with the address that becomes the username
                password_validation.validate_password(first, User(username=email, email=email))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class RegistrationForm(PasswordMixin):
    email = forms.EmailField(label=_("E-mailadres"), max_length=150,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    role = forms.ChoiceField(
        label=_("Ik meld me aan als"), initial=JOB_SEEKER, widget=forms.RadioSelect,
        choices=[(JOB_SEEKER, _("werkzoekende (of iemand die wil overstappen)")),
                 (EMPLOYER, _("werkgever: ik werf voor een organisatie"))])
    organisation = forms.CharField(
        label=_("Naam van de organisatie"), max_length=200, required=False,
        help_text=_("Alleen voor werkgevers. Een beheerder bevestigt werkgeversaccounts "
                    "voordat je kandidaten kunt zien."))
    consent = forms.BooleanField(label=_("Ik ga akkoord met de privacyvoorwaarden"))
    field_order = ["email", "password1", "password2", "role", "organisation", "consent"]

    def email_for_validation(self) -> str:
        return normalise_email(self.cleaned_data.get("email", ""))

    def clean(self):
        data = super().clean()
        if data.get("role") == EMPLOYER and not data.get("organisation", "").strip():
            self.add_error("organisation", _("Vul de naam van je organisatie in."))
        return data


class InvitedRegistrationForm(PasswordMixin):
    """The invited address is fixed by the invitation; only a password and consent are asked."""

    consent = forms.BooleanField(label=_("Ik ga akkoord met de privacyvoorwaarden"))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def email_for_validation(self) -> str:
        return self.email


class LoginForm(AuthenticationForm):
    """E-mail addresses are usernames in lower case; people type them as they like."""

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        return normalise_email(username) if "@" in username else username


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de werkzoekende"), max_length=150,
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
