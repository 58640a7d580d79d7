"""Free text to filters: places, target groups, kinds, themes, leftover words."""

from banenbrug.registry.query import parse


def codes(parsed):
    return sorted(p.code for p in parsed.places)


def test_place_target_group_and_theme(small_atlas):
    parsed = parse("initiatieven voor vrouwen in ICT in Noorddorp", small_atlas)
    assert codes(parsed) == ["GM0001"]
    assert parsed.target_groups == ("women",)
    assert parsed.themes == ("ict",)
    assert parsed.terms == ()
    assert parsed.scope == "initiative"


def test_a_shared_name_means_every_place_unless_qualified(small_atlas):
    assert codes(parse("Middenstad", small_atlas)) == ["ES02", "GM0003"]
    assert codes(parse("RES-regio Middenstad", small_atlas)) == ["ES02"]
    assert codes(parse("gemeente middenstad", small_atlas)) == ["GM0003"]


def test_english_tables_on_heat_pump_installers_in_a_res_region(small_atlas):
    parsed = parse("tables on heat-pump installers in the RES region Kustenergie", small_atlas)
    assert codes(parsed) == ["ES01"]
    assert parsed.themes == ("heat_pump", "installation")
    assert parsed.scope == "table"
    assert parsed.terms == ()


def test_leftover_words_become_terms_and_short_theme_words_match_whole(small_atlas):
    parsed = parse("bootcamp itemlijst jongeren", small_atlas)
    assert parsed.target_groups == ("youth",)
    assert parsed.themes == ()  # 'itemlijst' is not the theme word 'it'
    assert parsed.terms == ("bootcamp", "itemlijst")


def test_kind_words_and_accents(small_atlas):
    parsed = parse("Zij-instroom voor statushouders in Zuídveen", small_atlas)
    assert parsed.kinds == ("side_entry",)
    assert parsed.target_groups == ("migration",)
    assert codes(parsed) == ["GM0004"]


def test_empty_text_parses_to_nothing(small_atlas):
    assert parse("", small_atlas).is_empty
    assert parse("de het een", small_atlas).is_empty
