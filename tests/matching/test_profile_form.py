"""Regressions on the job seeker's profile page (issue 15): the availability date survives a
save of the page as the browser sends it back, and work experience that names no single
occupation keeps what was typed and offers the occupations to choose from."""

from __future__ import annotations

from html.parser import HTMLParser

from django.urls import reverse

from banenbrug.people.models import WorkExperience
from banenbrug.taxonomy.models import Occupation
from tests.world import ELECTRICIAN, ESCO


class FormValues(HTMLParser):
    """What a browser submits from the profile form: each named field with its shown value."""

    def __init__(self, form_action: str):
        super().__init__()
        self.action, self.inside, self.values = form_action, False, {}
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action", "") in ("", self.action) and a.get("method") == "post"
        elif self.inside and tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.values[a["name"]] = "on"
            else:
                self.values[a["name"]] = a.get("value", "")
        elif self.inside and tag == "select":
            self.select = a["name"]
        elif self.inside and tag == "option" and self.select and "selected" in a:
            self.values[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None


def shown_values(html: str) -> dict[str, str]:
    parser = FormValues("")
    parser.feed(html)
    return parser.values


def test_available_from_is_shown_as_an_iso_date_and_survives_the_next_save(client, world):
    client.force_login(world.seeker_user)
    first = {"region": "AM01", "postcode": "9711", "hours_min": "24", "hours_max": "36",
             "situation": "ww", "available_from": "2027-01-01"}
    assert client.post(reverse("matching:profile"), first).status_code == 302
    html = client.get(reverse("matching:profile")).content.decode()
    values = shown_values(html)
    assert values["available_from"] == "2027-01-01"  # what <input type=date> can show
    # save again exactly what the page shows, changing only the hours
    values["hours_max"] = "32"
    assert client.post(reverse("matching:profile"), values).status_code == 302
    world.seeker.refresh_from_db()
    assert str(world.seeker.available_from) == "2027-01-01" and world.seeker.hours_max == 32


def _two_occupations_called(name: str) -> list[Occupation]:
    return [Occupation.objects.create(uri=f"{ESCO}occupation/o-{n}", label_en=f"fitter {n}",
                                      label_nl=f"monteur {n}", alt_labels_nl=f"{name}\nanders",
                                      isco_code="7411")
            for n in ("gebouwen", "industrie")]


def test_an_ambiguous_occupation_keeps_the_input_and_offers_clickable_choices(client,
                                                                                esco_world):
    w = esco_world
    first, second = _two_occupations_called("stroomspecialist")
    client.force_login(w.seeker_user)
    response = client.post(reverse("matching:experience"),
                           {"occupation": "Stroomspecialist", "years": "4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Stroomspecialist"' in html and 'id="jaren"' in html and 'value="4"' in html
    for occupation in (first, second):
        assert (f'name="choice" value="{occupation.uri}" data-fill="{occupation.label_nl}"'
                in html)
    assert not WorkExperience.objects.filter(seeker=w.seeker,
                                             occupation__in=[first, second]).exists()
    # choosing one (the button posts its URI with the years that were typed)
    done = client.post(reverse("matching:experience"),
                       {"occupation": "Stroomspecialist", "years": "4", "choice": second.uri})
    assert done.status_code == 302
    assert w.seeker.experience.get(occupation=second).years == 4


def test_an_alternative_name_of_one_occupation_is_accepted(client, esco_world):
    w = esco_world
    client.force_login(w.other_user)  # the baker
    response = client.post(reverse("matching:experience"),
                           {"occupation": "bouwelektricien", "years": "2"})
    assert response.status_code == 302
    assert w.other.experience.get(occupation__uri=ELECTRICIAN).years == 2


def test_missing_years_keep_the_occupation_typed(client, esco_world):
    client.force_login(esco_world.other_user)
    html = client.post(reverse("matching:experience"),
                       {"occupation": "bouwelektricien", "years": ""}).content.decode()
    assert "Vul het aantal jaren in als heel getal." in html
    assert 'value="bouwelektricien"' in html
    assert not esco_world.other.experience.filter(occupation__uri=ELECTRICIAN).exists()
