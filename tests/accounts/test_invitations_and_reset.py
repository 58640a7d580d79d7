"""A coach's invitation (single use, expiring, into the caseload) and password reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from banenbrug.accounts.models import Invitation
from banenbrug.accounts.roles import COACH, JOB_SEEKER
from banenbrug.people.models import JobSeeker

pytestmark = pytest.mark.django_db
PASSWORD = "Warmtepomp-Monteur-7"


def path_in(message) -> str:
    return re.search(r"https?://testserver(\S+)", message.body).group(1)


@pytest.fixture
def coach():
    user = User.objects.create_user("coach", password=PASSWORD)
    user.groups.add(Group.objects.get(name=COACH))
    return user


def invite(client, coach, email="bram@voorbeeld.nl") -> str:
    client.force_login(coach)
    response = client.post(reverse("invite"), {"email": email})
    assert response.status_code == 302
    client.logout()
    return path_in(mail.outbox[-1])


def accept(client, path, password=PASSWORD):
    return client.post(path, {"password1": password, "password2": password, "consent": "on"})


def test_an_invited_job_seeker_registers_once_and_joins_the_caseload(client, coach):
    path = invite(client, coach)
    assert mail.outbox[0].to == ["bram@voorbeeld.nl"]
    invitation = Invitation.objects.get()
    assert path.rsplit("/", 2)[-2] not in invitation.token_hash  # only a hash is stored
    page = client.get(path).content.decode()
    assert "bram@voorbeeld.nl" in page
    response = accept(client, path)
    assert response.status_code == 302 and response["Location"] == reverse("matching:profile")
    user = User.objects.get(username="bram@voorbeeld.nl")
    assert user.is_active and list(user.groups.values_list("name", flat=True)) == [JOB_SEEKER]

    # the first saved profile lands in the coach's caseload
    client.post(reverse("matching:profile"), {"region": "AM01", "postcode": "3511",
                                              "hours_min": "24", "hours_max": "32",
                                              "situation": "ww"})
    assert JobSeeker.objects.get(user=user).coach == coach
    client.force_login(coach)
    assert "aangenomen" in client.get(reverse("invite")).content.decode()

    client.logout()
    assert client.get(path).status_code == 400  # single use
    assert accept(client, path).status_code == 400
    assert User.objects.filter(username="bram@voorbeeld.nl").count() == 1


def test_an_expired_or_unknown_invitation_is_refused(client, coach):
    path = invite(client, coach)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 400
    assert accept(client, path).status_code == 400
    assert client.get(reverse("accept-invitation", args=["niet-echt"])).status_code == 400
    assert not User.objects.filter(username="bram@voorbeeld.nl").exists()


def test_a_weak_password_on_an_invitation_is_refused_and_the_link_stays_usable(client, coach):
    path = invite(client, coach)
    html = accept(client, path, password="wachtwoord").content.decode()
    assert "Dit wachtwoord is te algemeen." in html
    assert Invitation.objects.get().accepted_at is None
    assert accept(client, path).status_code == 302


def test_only_coaches_invite(client):
    seeker = User.objects.create_user("js", password=PASSWORD)
    seeker.groups.add(Group.objects.get(name=JOB_SEEKER))
    client.force_login(seeker)
    assert client.post(reverse("invite"), {"email": "x@voorbeeld.nl"}).status_code == 403
    assert not Invitation.objects.exists() and mail.outbox == []


def test_password_reset_sets_a_new_password_through_the_mailed_link(client):
    User.objects.create_user("anna@voorbeeld.nl", email="anna@voorbeeld.nl", password=PASSWORD)
    response = client.post(reverse("password_reset"), {"email": "anna@voorbeeld.nl"})
    assert response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.subject == "Een nieuw wachtwoord voor Banenbrug"
    form = client.get(path_in(message), follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert "Dit wachtwoord is te kort" in weak.content.decode()
    done = client.post(set_url, {"new_password1": "Nieuw-Dak-2027", "new_password2":
                                 "Nieuw-Dak-2027"})
    assert done["Location"] == reverse("password_reset_complete")
    assert client.login(username="anna@voorbeeld.nl", password="Nieuw-Dak-2027")
    client.logout()
    spent = client.get(path_in(message), follow=True).content.decode()
    assert "werkt niet (meer)" in spent


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@voorbeeld.nl"})
    assert response["Location"] == reverse("password_reset_done") and mail.outbox == []
