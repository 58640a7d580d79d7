"""Self-registration end to end with the test client and Django's outbox: the confirmation link,
consent, the employer request an administrator decides, weak passwords in Dutch."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from banenbrug.accounts import privacy
from banenbrug.accounts.models import EmployerRequest, PrivacyConsent
from banenbrug.accounts.registration import ConfirmationTokens
from banenbrug.accounts.roles import ADMINISTRATOR, EMPLOYER, JOB_SEEKER
from banenbrug.people.models import Employer

pytestmark = pytest.mark.django_db
PASSWORD = "Zonnepaneel-Dak-42"


def register(client, email="Anna@Voorbeeld.nl", password=PASSWORD, **extra):
    data = {"email": email, "password1": password, "password2": password,
            "role": "job_seeker", "consent": "on", **extra}
    return client.post(reverse("register"), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_job_seeker_registers_confirms_once_and_logs_in(client):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == reverse("register-done")
    user = User.objects.get(username="anna@voorbeeld.nl")
    assert not user.is_active and user.email == "anna@voorbeeld.nl"
    consent = PrivacyConsent.objects.get(user=user)
    assert consent.version == privacy.VERSION and consent.given_at is not None
    assert list(user.groups.values_list("name", flat=True)) == [JOB_SEEKER]

    # not confirmed: the password does not open the account yet
    assert not client.login(username="anna@voorbeeld.nl", password=PASSWORD)
    (message,) = mail.outbox
    assert message.to == ["anna@voorbeeld.nl"] and "Bevestig" in message.subject
    path = link_in(message).split("testserver", 1)[1]

    # the GET only asks; a scanner that opens the link spends nothing
    page = client.get(path)
    assert page.status_code == 200 and "Account bevestigen" in page.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("matching:profile")
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("matching:profile")).status_code == 200  # logged in, job seeker

    client.logout()
    again = client.post(path)
    assert again.status_code == 400 and "al gebruikt" in again.content.decode()
    assert client.login(username="anna@voorbeeld.nl", password=PASSWORD)


def test_an_expired_or_damaged_link_is_refused(client, monkeypatch):
    register(client)
    path = link_in(mail.outbox[0]).split("testserver", 1)[1]
    broken = path[:-3] + "xyz/"
    assert client.post(broken).status_code == 400
    later = datetime.now() + timedelta(days=4)  # PASSWORD_RESET_TIMEOUT is three days
    monkeypatch.setattr(ConfirmationTokens, "_now", lambda self: later)
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400
    assert not User.objects.get(username="anna@voorbeeld.nl").is_active


def test_a_weak_password_is_refused_with_the_validators_dutch_message(client):
    response = register(client, password="12345678")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit wachtwoord is te algemeen." in html
    assert "Dit wachtwoord bevat alleen cijfers." in html
    short = register(client, password="kort1").content.decode()
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in short
    similar = register(client, password="anna@voorbeeld.nl").content.decode()
    assert "lijkt te veel op" in similar
    assert not User.objects.exists() and mail.outbox == []


def test_registration_needs_consent_and_matching_passwords(client):
    html = register(client, consent="").content.decode()
    assert "Dit veld is verplicht." in html
    html = register(client, password2="iets-anders-99").content.decode()
    assert "De twee wachtwoorden zijn niet gelijk." in html
    assert not User.objects.exists()


def test_a_known_address_gets_a_note_not_a_second_account(client):
    User.objects.create_user("anna@voorbeeld.nl", email="anna@voorbeeld.nl", password=PASSWORD)
    response = register(client)
    assert response["Location"] == reverse("register-done")  # the same page: nothing leaks
    assert User.objects.count() == 1
    (message,) = mail.outbox
    assert "al een account" in message.subject and "/account/wachtwoord-vergeten/" in message.body


def test_an_employer_gets_no_role_until_an_administrator_grants_it(client):
    register(client, email="baas@bouw.nl", role="employer", organisation="Bouw BV")
    user = User.objects.get(username="baas@bouw.nl")
    assert not user.groups.exists()
    assert EmployerRequest.objects.get(user=user).status == "pending"
    client.post(link_in(mail.outbox[0]).split("testserver", 1)[1])
    assert client.get(reverse("matching:employer")).status_code == 403
    assert "wacht op bevestiging" in client.get(reverse("account")).content.decode()

    job_seeker = User.objects.create_user("js", password=PASSWORD)
    job_seeker.groups.add(Group.objects.get(name=JOB_SEEKER))
    client.force_login(job_seeker)
    assert client.get(reverse("employer-requests")).status_code == 403
    request_id = EmployerRequest.objects.get(user=user).pk
    decide = reverse("decide-employer-request", args=[request_id])
    assert client.post(decide, {"decision": "grant"}).status_code == 403
    assert not user.groups.exists()

    admin = User.objects.create_user("beheer", password=PASSWORD)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    assert "Bouw BV" in client.get(reverse("employer-requests")).content.decode()
    client.post(decide, {"decision": "grant"})
    assert list(user.groups.values_list("name", flat=True)) == [EMPLOYER]
    assert list(Employer.objects.filter(members=user).values_list("name", flat=True)) == [
        "Bouw BV"]
    assert client.post(decide, {"decision": "refuse"}).status_code == 404  # decided already
    client.force_login(user)
    assert client.get(reverse("matching:employer")).status_code == 200


def test_a_refused_employer_stays_without_a_role(client):
    register(client, email="nep@bouw.nl", role="employer", organisation="Nep BV")
    admin = User.objects.create_user("beheer", password=PASSWORD)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    item = EmployerRequest.objects.get()
    client.post(reverse("decide-employer-request", args=[item.pk]), {"decision": "refuse"})
    item.refresh_from_db()
    assert item.status == "refused" and item.decided_by == admin
    assert not item.user.groups.exists() and not Employer.objects.exists()


def test_an_employer_must_name_the_organisation(client):
    html = register(client, role="employer", organisation=" ").content.decode()
    assert "Vul de naam van je organisatie in." in html and not User.objects.exists()


def test_the_login_page_links_to_registration_and_password_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("register")}"' in html
    assert f'href="{reverse("password_reset")}"' in html
    assert "DigiD" not in html  # the identity provider is off by default


def test_an_account_without_current_consent_can_give_it(client):
    user = User.objects.create_user("oud", password=PASSWORD)
    client.force_login(user)
    assert "nog niet ingestemd" in client.get(reverse("account")).content.decode()
    client.post(reverse("privacy"))
    assert PrivacyConsent.objects.get(user=user).version == privacy.VERSION
    assert "nog niet ingestemd" not in client.get(reverse("account")).content.decode()


def test_the_pages_and_the_mail_speak_english_after_the_switch(client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("register")).content.decode()
    assert "<h1>Register</h1>" in html and "I agree to the privacy terms" in html
    weak = register(client, password="kort1").content.decode()
    assert "This password is too short. It must contain at least 8 characters." in weak
    register(client)
    assert mail.outbox[0].subject == "Confirm your Banenbrug account"


def test_registering_again_before_confirming_sends_a_new_link(client):
    register(client)
    register(client, password="Een-Ander-Wachtwoord-9")
    assert User.objects.count() == 1 and len(mail.outbox) == 2
    assert "Bevestig" in mail.outbox[1].subject
    client.post(link_in(mail.outbox[1]).split("testserver", 1)[1])
    client.logout()
    assert client.login(username="anna@voorbeeld.nl", password=PASSWORD)  # the first one


def test_the_e_mail_address_logs_in_however_it_is_typed(client):
    User.objects.create_user("anna@voorbeeld.nl", email="anna@voorbeeld.nl", password=PASSWORD)
    response = client.post(reverse("login"), {"username": " Anna@Voorbeeld.NL",
                                              "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account")
