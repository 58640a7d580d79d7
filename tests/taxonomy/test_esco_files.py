"""Reading ESCO files: recognition and validation, on small files in ESCO's own format."""

import zipfile

import pytest

from banenbrug.taxonomy.esco_files import EscoInputError, classify, discover, read_bundle


def test_file_names_are_recognised_by_kind_and_language():
    assert classify("occupations_en.csv") == ("occupation", "en", None)
    assert classify("greenSkillsCollection_nl.csv") == ("collection", "nl", "green")
    assert classify("occupationSkillRelations.csv") == ("occupation_skill", None, None)
    assert classify("conceptSchemes_en.csv")[0] == "ignored"


def test_bundle_holds_labels_relations_and_collections(esco_small):
    bundle = read_bundle(discover([esco_small]))
    electrician = "http://data.europa.eu/esco/occupation/o-electrician"
    assert bundle.labels["occupation"]["nl"][electrician].preferred == "elektricien"
    assert bundle.labels["occupation"]["en"][electrician].alt == ["building electrician", "wireman"]
    assert bundle.concepts["occupation"][electrician]["isco_code"] == "7411"
    assert len(bundle.occupation_skills) == 7
    assert bundle.collections["green"] == {"http://data.europa.eu/esco/skill/s-solar"}
    # collection files separate alternative labels with ' | '
    nl_solar = bundle.collection_labels["nl"]["http://data.europa.eu/esco/skill/s-solar"]
    assert nl_solar.alt == ["fotovoltaïsche energie", "pv"]


def test_zip_and_folder_give_the_same_bundle(esco_small, tmp_path):
    archive = tmp_path / "esco.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in esco_small.iterdir():
            zf.write(path, path.name)
    from_zip = read_bundle(discover([archive]))
    from_folder = read_bundle(discover([esco_small]))
    assert from_zip.occupation_skills == from_folder.occupation_skills
    assert from_zip.labels == from_folder.labels


def _error(paths) -> EscoInputError:
    with pytest.raises(EscoInputError) as caught:
        read_bundle(discover(paths))
    return caught.value


def test_missing_column_names_file_row_and_field(esco_small):
    path = esco_small / "skills_en.csv"
    path.write_text(path.read_text().replace("skillType,", "kind,", 1))
    error = _error([esco_small])
    assert error.file.endswith("skills_en.csv") and error.row == 1 and error.column == "skillType"


def test_truncated_row_is_reported_with_its_row(esco_small):
    path = esco_small / "occupationSkillRelations.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines[:3], lines[3][:40]]) + "\n")
    error = _error([esco_small])
    assert error.file.endswith("occupationSkillRelations.csv") and error.row == 4


def test_broken_quote_is_reported(esco_small):
    path = esco_small / "occupations_nl.csv"
    path.write_text(path.read_text() + 'Occupation,"http://data.europa.eu/esco/occupation/x,')
    error = _error([esco_small])
    assert "broken CSV" in error.message and error.file.endswith("occupations_nl.csv")


def test_unknown_relation_type_and_bad_uri_and_bad_share_are_rejected(esco_small):
    rel = esco_small / "occupationSkillRelations.csv"
    original = rel.read_text()
    rel.write_text(original.replace("essential", "crucial", 1))
    assert _error([esco_small]).column == "relationType"
    rel.write_text(original.replace("http://data.europa.eu/esco/skill/s-wiring", "s-wiring", 1))
    assert _error([esco_small]).column == "skillUri"
    rel.write_text(original)
    share = esco_small / "greenShareOcc_nl.csv"
    share.write_text(share.read_text().replace("0.6", "1.6"))
    error = _error([esco_small])
    assert error.column == "greenShare" and error.row == 4


def test_missing_path_and_no_esco_files_are_errors(tmp_path):
    assert "no such file" in str(_error([tmp_path / "nope.zip"]))
    (tmp_path / "notes.csv").write_text("a,b\n")
    assert "no ESCO CSV files" in str(_error([tmp_path]))


def test_truncated_zip_is_an_error(esco_small, tmp_path):
    archive = tmp_path / "esco.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in esco_small.iterdir():
            zf.write(path, path.name)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    assert "zip" in str(_error([archive]))


def test_a_concept_with_two_different_green_shares_is_refused_naming_both_rows(esco_small):
    # before, the last row won silently
    share = esco_small / "greenShareOcc_nl.csv"
    lines = share.read_text().splitlines(keepends=True)
    uri, value = lines[1].split(",")[1], lines[1].strip().rsplit(",", 1)[1]
    share.write_text("".join(lines) + lines[1].replace(f",{value}\n", ",0.99\n"))
    error = _error([esco_small])
    assert (error.column, error.row) == ("conceptUri", len(lines) + 1)
    assert "first in row 2" in error.message and uri in error.message
    share.write_text("".join(lines) + lines[1])  # the same row again: harmless
    assert read_bundle(discover([esco_small])).green_share[uri] == float(value)
