"""Roles are groups with permissions, enforced on the server."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from banenbrug.accounts.roles import ADMINISTRATOR, ANALYST, JOB_SEEKER, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


def _user(role: str) -> User:
    user = User.objects.create_user(f"user-{role}", password="x-long-password-1")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_every_role_exists_with_exactly_its_permissions():
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(codenames)


@pytest.mark.parametrize("role", [JOB_SEEKER, ANALYST])
def test_a_role_without_the_permission_gets_403(client, role):
    client.force_login(_user(role))
    response = client.get(reverse("import-history"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_the_administrator_may_and_the_anonymous_visitor_must_log_in(client, esco_small):
    from banenbrug.taxonomy.esco_import import import_esco
    from banenbrug.taxonomy.models import ImportRun

    import_esco([esco_small])
    run = ImportRun.objects.latest("id")
    response = client.get(reverse("import-history"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(_user(ADMINISTRATOR))
    html = client.get(reverse("import-history")).content.decode()
    assert f"<tr><td>{run.id}</td>" in html and "Nog geen imports" not in html


def test_login_and_logout_pages_work(client):
    _user(JOB_SEEKER)
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": f"user-{JOB_SEEKER}",
                                              "password": "x-long-password-1"})
    assert response.status_code == 302
    assert "Werkzoekende" in client.get(reverse("account")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("account")).status_code == 302
