"""The taxonomy on the full real ESCO data, through the real command line."""

from tests.conftest import cli_json, run_cli


def test_full_import_holds_esco_v111_with_dutch_labels(real_env):
    report = cli_json(real_env, "import-esco", str(_esco_dir(real_env)))
    assert report["changed"] is False  # the session fixture imported it: nothing to do
    assert report["totals"]["occupation"] == 3007
    assert report["totals"]["skill"] == 13896
    assert report["totals"]["occupation_skill"] > 123_000


def _esco_dir(env):
    from banenbrug.conf.paths import data_dir

    return data_dir() / "esco"


def test_elektricien_finds_the_electricians_first(real_env):
    found = cli_json(real_env, "occupations", "elektricien", "--lang", "nl")
    assert found["query"] == "elektricien"
    top3 = found["results"][:3]
    # ESCO's electricians sit in ISCO unit groups 7411 (building) and 7412/7413 (electrical)
    assert all(r["isco_group"].startswith("741") for r in top3), top3
    assert any("elektricien" in r["matched_label"].lower() for r in top3)


def test_search_handles_dutch_compounds_word_order_typos_and_english(real_env):
    def first(text, lang="nl"):
        return cli_json(real_env, "occupations", text, "--lang", lang)["results"][0]

    assert "zonnepanelen" in first("zonnepanelen monteur")["label"]
    assert "zonnepanelen" in first("monteur zonnepanelen")["label"]
    assert "ontwikkelaar" in first("softwareontwikkelaar")["label"]
    assert "analist" in first("data analist")["label"]
    assert first("electricain", "en")["isco_group"].startswith("741")


def test_bad_input_exits_2_with_a_message_and_no_stdout(real_env, tmp_path):
    broken = tmp_path / "occupations_en.csv"
    broken.write_text("conceptType,conceptUri\nOccupation,http://data.europa.eu/esco/x\n")
    done = run_cli(real_env, "import-esco", str(broken))
    assert done.returncode == 2 and done.stdout == ""
    assert "occupations_en.csv" in done.stderr and "missing column" in done.stderr
    assert run_cli(real_env, "occupations", " ", "--format", "json").returncode == 2
