"""A full Dutch skills file (ESCO's `skills_nl.csv`) next to the collection files: Dutch names for
every skill it lists, one source per label, and English fallbacks marked on the Dutch pages."""

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from banenbrug.taxonomy.esco_files import EscoInputError
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.taxonomy.models import ImportRun, Skill
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db
SKILL = "http://data.europa.eu/esco/skill/"
DUTCH = {"s-wiring": "elektrische bedrading aanleggen",
         "s-safety": "gezondheids- en veiligheidsnormen toepassen",
         "s-solar": "zonne-energie"}
MARK = "Engelse term"
# the portal's name for the full Dutch download
DUTCH_ZIP = "ESCO dataset - v1.2.1 - classification - nl - csv.zip"


@pytest.fixture
def skills_nl(tmp_path) -> Path:
    """A writable copy of the fixture folder that holds only `skills_nl.csv`."""
    target = tmp_path / "nl_full"
    shutil.copytree(FIXTURES / "esco_small_skills_nl", target)
    return target


def _dutch():
    return {uri.removeprefix(SKILL): (nl, source) for uri, nl, source in
            Skill.objects.values_list("uri", "label_nl", "labels_nl_source")}


def _hidden():
    return sorted(Skill.objects.values_list("uri", "hidden_labels_nl"))


def test_skills_nl_gives_every_listed_skill_its_dutch_labels(esco_small, skills_nl):
    report = import_esco([esco_small, skills_nl])
    wiring = Skill.objects.get(uri=SKILL + "s-wiring")
    assert wiring.label("nl") == "elektrische bedrading aanleggen"
    assert wiring.alt_labels("nl") == ["kabels leggen", "gebouwen bedraden"]
    assert wiring.hidden_labels_nl == "bedrading trekken"
    assert wiring.description("nl") == "Bedrading in gebouwen aanleggen."
    assert _dutch() == {**{k: (v, "skills") for k, v in DUTCH.items()}, "s-dough": ("", "")}
    # a Dutch row for a skill the English v1.1.1 files do not know: reported, not created
    assert report.unknown["skill labels (nl) for URIs not in the base files"] == 1
    assert Skill.objects.count() == 4
    assert not import_esco([skills_nl, esco_small]).changed  # idempotent, any order


def test_the_skills_file_wins_over_the_collections_now_and_later(esco_small, skills_nl):
    import_esco([esco_small])  # collections only: the solar skill's Dutch label is a stop-gap
    solar = Skill.objects.get(uri=SKILL + "s-solar")
    assert (solar.label_nl, solar.hidden_labels_nl, solar.labels_nl_source) == (
        "zonne-energie", "", "collection")
    import_esco([esco_small, skills_nl])  # given together: the skills file decides
    solar.refresh_from_db()
    assert (solar.hidden_labels_nl, solar.labels_nl_source) == ("zonnestroom", "skills")
    after_full = _dutch(), _hidden()
    # the collections alone afterwards do not take the labels back: no flip-flop
    runs = ImportRun.objects.count()
    assert not import_esco([esco_small]).changed
    assert (_dutch(), _hidden()) == after_full
    assert ImportRun.objects.count() == runs  # the data version (and every cache) stays


def test_the_full_dutch_zip_next_to_the_loose_dutch_files(esco_small, skills_nl, tmp_path):
    """The portal's nl zip holds the collections and occupations again: identical copies are
    used once; a copy that differs is refused, naming both files."""
    download = tmp_path / DUTCH_ZIP
    with zipfile.ZipFile(download, "w") as archive:
        for path in [*sorted(esco_small.glob("*_nl.csv")), skills_nl / "skills_nl.csv"]:
            archive.write(path, path.name)
    report = import_esco([esco_small, download])
    assert {k: v for k, (v, _) in _dutch().items()} == {**DUTCH, "s-dough": ""}
    copies = [p for p in report.ignored if "identical to" in p]
    assert len(copies) == 3 and all(DUTCH_ZIP in p for p in copies), report.ignored
    occupations = esco_small / "occupations_nl.csv"
    occupations.write_text(occupations.read_text().replace("elektricien,", "elektriciën,", 1))
    with pytest.raises(EscoInputError) as caught:
        import_esco([esco_small, download])
    assert "different content" in str(caught.value) and DUTCH_ZIP in str(caught.value)
    assert str(occupations) in str(caught.value)


def test_a_skill_listed_twice(esco_small, skills_nl):
    path = skills_nl / "skills_nl.csv"
    lines = path.read_text().splitlines(keepends=True)
    safety = next(line for line in lines if "s-safety" in line)
    path.write_text("".join(lines) + safety)  # the same row again: used once, reported
    report = import_esco([esco_small, skills_nl])
    assert report.repeated["skills_nl.csv"] == 1
    assert Skill.objects.get(uri=SKILL + "s-safety").label_nl == DUTCH["s-safety"]
    before = _dutch()
    path.write_text("".join(lines) + safety.replace("toepassen", "naleven"))
    with pytest.raises(EscoInputError) as caught:
        import_esco([esco_small, skills_nl])
    error = caught.value
    # rows are records, the header is row 1 (a quoted label may span lines)
    assert error.file.endswith("skills_nl.csv") and error.row == 6 and error.column == "conceptUri"
    assert "listed twice with different content (first in row 3)" in str(error)
    assert _dutch() == before


@pytest.mark.parametrize(("cut_after", "row"), [("kabels leggen", 2), ("Veiligheidsregels", 3)])
def test_a_truncated_skills_file_is_refused_and_nothing_changes(esco_small, skills_nl, cut_after,
                                                                 row):
    import_esco([esco_small])
    before = _dutch()
    path = skills_nl / "skills_nl.csv"
    text = path.read_text()
    # cut inside a quoted label, or inside the last field of a row (all fields still there)
    path.write_text(text[:text.index(cut_after) + len(cut_after)])
    with pytest.raises(EscoInputError) as caught:
        import_esco([esco_small, skills_nl])
    assert caught.value.file.endswith("skills_nl.csv") and caught.value.row == row
    assert _dutch() == before


def _skill_items(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_pages_and_api_show_the_dutch_names_and_mark_the_english_one(client, esco_small,
                                                                     skills_nl, monkeypatch):
    # labels, not ranking: the lexical search alone, whatever text vectors are cached
    monkeypatch.setenv("BANENBRUG_TEXT_MODEL", "none")
    import_esco([esco_small, skills_nl])
    wiring = client.get("/vaardigheden/s-wiring/").content.decode()
    assert '<h1 lang="nl">elektrische bedrading aanleggen</h1>' in wiring and MARK not in wiring
    dough = client.get("/vaardigheden/s-dough/").content.decode()
    marked = re.search(r'<h1 lang="nl"><span class="fallback"><span lang="en">knead dough</span>'
                       r'<small class="fallback__mark" title="[^"]+"> Engelse term</small>', dough)
    assert marked, dough

    electrician = client.get("/beroepen/o-electrician/").content.decode()
    skills = _skill_items(electrician, "kop-essentieel") + _skill_items(electrician,
                                                                        "kop-optioneel")
    for name in DUTCH.values():
        assert f">{name}</a>" in skills
    assert MARK not in skills
    baker = client.get("/beroepen/o-baker/").content.decode()
    essential = _skill_items(baker, "kop-essentieel")
    assert '<span lang="en">knead dough</span>' in essential and MARK in essential
    assert f">{DUTCH['s-safety']}</a>" in _skill_items(baker, "kop-optioneel")

    found = client.get("/zoeken/", {"q": "bedrading"}).content.decode()
    column = found.split('id="kop-vaardigheden"', 1)[1]
    assert "elektrische bedrading aanleggen</a>" in column
    found = client.get("/zoeken/", {"q": "knead dough"}).content.decode()
    column = found.split('id="kop-vaardigheden"', 1)[1]
    assert '<span lang="en">knead dough</span>' in column and MARK in column

    api = client.get("/api/skills", {"q": "bedrading", "lang": "nl"}).json()["results"][0]
    assert (api["label"], api["label_lang"]) == ("elektrische bedrading aanleggen", "nl")
    api = client.get("/api/skills", {"q": "knead dough", "lang": "nl"}).json()["results"][0]
    assert (api["label"], api["label_lang"]) == ("knead dough", "en")
    detail = client.get("/api/occupations/o-baker", {"lang": "nl"}).json()
    assert detail["label_lang"] == "en"  # ESCO's Dutch file has no baker in this fixture
    assert {(s["label"], s["label_lang"]) for s in detail["essential_skills"]} == {
        ("knead dough", "en")}
    skill = client.get("/api/skills/s-solar", {"lang": "nl"}).json()
    assert (skill["label"], skill["label_lang"], skill["label_en"]) == (
        "zonne-energie", "nl", "solar energy")
    assert {o["label_lang"] for o in skill["essential_for"]} == {"nl"}


def test_the_english_interface_marks_nothing(client, esco_small, skills_nl):
    import_esco([esco_small, skills_nl])
    client.cookies["django_language"] = "en"
    for url in ("/vaardigheden/s-dough/", "/beroepen/o-baker/", "/beroepen/o-electrician/"):
        page = client.get(url).content.decode()
        assert '<html lang="en">' in page
        assert "fallback" not in page and "English term" not in page and MARK not in page
    assert "<h1 lang=\"en\">install electrical wiring</h1>" in client.get(
        "/vaardigheden/s-wiring/").content.decode()


def test_a_term_keeps_its_language_and_the_filter_escapes():
    import json
    import pickle

    from django.utils import translation

    from banenbrug.taxonomy.models import Skill, Term
    from banenbrug.taxonomy.templatetags.esco import term, terms

    english = Skill(label_en="R&D <planning>").label("nl")
    assert isinstance(english, Term) and english.lang == "en" and english == "R&D <planning>"
    copy = pickle.loads(pickle.dumps(english))
    assert (copy, copy.lang) == (english, "en") and json.dumps(english) == '"R&D <planning>"'
    with translation.override("nl"):
        html = term(english)
        assert html.startswith('<span class="fallback"><span lang="en">R&amp;D &lt;planning&gt;')
        assert term(Term("zonne-energie", "nl")) == "zonne-energie"
        assert term("plain <b>") == "plain &lt;b&gt;"  # no language known: the page's
        assert terms([{"label": Term("a", "nl")}, Term("b", "en")], " + ").startswith(
            'a + <span class="fallback">')
    with translation.override("en"):
        assert term(english) == "R&amp;D &lt;planning&gt;"
        assert term(Term("zonne-energie", "nl")) == '<span lang="nl">zonne-energie</span>'
