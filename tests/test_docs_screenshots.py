"""scripts/docs_screenshots.py: the user guide's screenshots cut from the browser run's."""

import importlib.util

import pytest
from PIL import Image

from banenbrug.conf.paths import PROJECT_ROOT

spec = importlib.util.spec_from_file_location(
    "docs_screenshots", PROJECT_ROOT / "scripts" / "docs_screenshots.py")
assert spec and spec.loader
docs_screenshots = importlib.util.module_from_spec(spec)
spec.loader.exec_module(docs_screenshots)


@pytest.mark.parametrize(("size", "expected"), [
    ((1280, 3000), (960, 600)),  # a long desktop page: one 1280 x 800 screen, scaled down
    ((1280, 500), (960, 375)),  # shorter than a screen: all of it
    ((390, 2000), (390, 844)),  # a phone page: one phone screen, its own size
    ((893, 1263), (893, 800)),  # a rendered PDF page: not scaled up
])
def test_one_screen_cuts_the_top_and_scales_desktop_pages_down(size, expected):
    page = Image.new("RGB", size, "white")
    page.paste((200, 0, 0), (0, 0, size[0], 10))  # a red bar at the top must survive
    cut = docs_screenshots.one_screen(page)
    assert cut.size == expected
    assert cut.mode == "P" and len(cut.getcolors()) <= 128
    assert cut.convert("RGB").getpixel((5, 2)) == (200, 0, 0)


def test_a_step_with_a_focus_starts_the_screen_just_above_it(tmp_path):
    page = Image.new("RGB", (1280, 4000), "white")
    page.paste((0, 0, 200), (0, 2000, 1280, 2010))  # the focus, 2000 px down the page
    page.save(tmp_path / "05-x.png")
    (tmp_path / "05-x.json").write_text('{"top": 2000}')
    top = docs_screenshots.focus_top(tmp_path / "05-x.png")
    assert top == 2000 - docs_screenshots.MARGIN
    cut = docs_screenshots.one_screen(page, top)
    assert cut.convert("RGB").getpixel((5, round(docs_screenshots.MARGIN * 0.75) + 2)) == (
        0, 0, 200)  # 100 px down the screen, scaled by 960/1280
    assert docs_screenshots.one_screen(page, 3900).size == (960, 600)  # never past the end
    (tmp_path / "05-x.json").unlink()
    assert docs_screenshots.focus_top(tmp_path / "05-x.png") == 0


@pytest.fixture
def run(tmp_path, monkeypatch):
    """The script on a temporary tree: one screenshot from a browser run, one stale picture
    in the guide's folder; it is given the selection to make."""
    source, target = tmp_path / "screenshots", tmp_path / "docs"
    (source / "ontdek").mkdir(parents=True)
    Image.new("RGB", (390, 900)).save(source / "ontdek" / "01-start.png")
    (target / "jongeren").mkdir(parents=True)
    (target / "jongeren" / "old.png").write_bytes(b"stale")
    monkeypatch.setattr(docs_screenshots, "ROOT", tmp_path)
    monkeypatch.setattr(docs_screenshots, "SOURCE", source)
    monkeypatch.setattr(docs_screenshots, "TARGET", target)

    def main(steps):
        monkeypatch.setattr(docs_screenshots, "SELECTION", {"jongeren": steps})
        return docs_screenshots.main(), sorted(p.name for p in (target / "jongeren").iterdir())
    return main


def test_missing_screenshots_are_named_and_nothing_is_written(run, capsys):
    code, names = run([("ontdek", "01-start"), ("ontdek", "05-resultaat")])
    assert code == 1
    assert "screenshots/ontdek/05-resultaat.png" in capsys.readouterr().err
    assert names == ["old.png"]


def test_the_selection_replaces_the_role_folders(run, tmp_path):
    code, names = run([("ontdek", "01-start")])
    assert code == 0
    assert names == ["ontdek-01-start.png"]
    with Image.open(tmp_path / "docs" / "jongeren" / "ontdek-01-start.png") as out:
        assert out.size == (390, 844)
