"""The written stories file and the technical rule (pure)."""

import re

import pytest

from banenbrug.orientation import content, technical

GOOD = '''
[[story]]
uri = "http://data.europa.eu/esco/occupation/x"
label = "monteur"
day = """Je begint
om zeven uur."""
contribution = "Zonder jou geen warmtepomp. En meer."
routes = [{ level = "mbo", text = "Mbo niveau 3." }, { level = "BBL", text = "Leren en werken." }]
'''


def test_a_story_reads_with_whitespace_folded_and_example_by_default():
    story = content.parse(GOOD, "s.toml")["http://data.europa.eu/esco/occupation/x"]
    assert story.day == "Je begint om zeven uur." and story.is_example
    assert [r.level for r in story.routes] == ["mbo", "BBL"]
    assert story.framing == "Zonder jou geen warmtepomp."


@pytest.mark.parametrize(("text", "message"), [
    ("[[story]\n", "s.toml: not valid TOML"),
    (GOOD.replace('day = """Je begint\nom zeven uur."""', ""), "story 1 (monteur): missing day"),
    (GOOD.replace('level = "mbo"', 'level = "mavo"'), "story 1 (monteur): a route needs a level"),
    (GOOD + GOOD.replace("monteur", "tweede"), "story 2 (tweede): http://data.europa.eu/esco/"
                                                "occupation/x appears twice"),
])
def test_bad_story_files_name_the_file_entry_and_field(text, message):
    with pytest.raises(content.ContentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        content.parse(text, "s.toml")


def test_the_shipped_stories_read_and_each_has_two_routes():
    stories = content.stories()
    assert len(stories) >= 40
    assert all(len(s.routes) >= 2 and len(s.day.split()) >= 30 for s in stories.values())


def test_technical_by_group_mixed_groups_and_the_list():
    assert technical.is_technical("u", "7411", False)  # electricians
    assert technical.is_technical("u", "2512", False)  # software developers
    assert not technical.is_technical("u", "2163", False)  # fashion designer: not as such
    assert not technical.is_technical("u", "8153", False)  # sewing machine operators
    assert not technical.is_technical("u", "2166", False)  # illustrator
    assert technical.is_technical("u", "2166", True)  # digital games designer
    assert not technical.is_technical("u", "2131", False)  # physiologist
    assert technical.is_technical("u", "2133", True)  # environmental scientist (green)
    assert not technical.is_technical("u", "2642", True)  # vlogger: digital, not technical
    industrial_designer = "http://data.europa.eu/esco/occupation/ab7bccb2-6f81-4a3d-a0c0-fca5d47d2775"
    assert technical.is_technical(industrial_designer, "2163", False)


GENDERED = r"\b(hij|zij|hem|haar|zijn eigen|man|vrouw|mannen|vrouwen|jongens?|meisjes?)\b(?!-)"


def test_the_shipped_stories_carry_no_gender_cue():
    """Written in the second person ("je"); nobody in them is a he or a she."""
    for story in content.stories().values():
        text = f"{story.day} {story.contribution} " + " ".join(r.text for r in story.routes)
        assert not re.search(GENDERED, text, re.I), (story.label, re.search(GENDERED, text, re.I))
