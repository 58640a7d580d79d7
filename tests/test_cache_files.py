"""The versioned engine cache: build once per version, reuse, drop older versions."""

from banenbrug.cache_files import load_or_build


def test_builds_once_per_version_and_removes_older_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return f"value {len(built)}"

    def use(version):
        return load_or_build("thing", version, "-v1.txt", load=lambda p: p.read_text(),
                             build=build, save=lambda value, p: p.write_text(value))

    assert use("a") == "value 1"
    assert use("a") == "value 1" and len(built) == 1  # the second call reads the file
    assert use("b") == "value 2"
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert names == ["thing-b-v1.txt"]  # version a is gone, no temporary files left
