"""The versioned engine caches: files built once per version, reused, older versions dropped,
damaged ones rebuilt; the in-memory memo built once per version across threads."""

import time
from concurrent.futures import ThreadPoolExecutor

from banenbrug.cache_files import load_or_build, load_pickle, save_pickle
from banenbrug.memo import Memo, Recent


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


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "thing-a-v1.pickle").write_bytes(b"not a pickle")
    value = load_or_build("thing", "a", "-v1.pickle", load=load_pickle,
                          build=lambda: {"rebuilt": True}, save=save_pickle)
    assert value == {"rebuilt": True}
    assert load_pickle(tmp_path / "cache" / "thing-a-v1.pickle") == {"rebuilt": True}


def test_memo_builds_once_per_version_even_when_threads_race_and_builders_nest():
    memo = Memo()
    calls = []

    def inner():
        calls.append("inner")
        return 1

    def outer():
        calls.append("outer")
        time.sleep(0.05)  # let the other threads arrive while this one builds
        return memo.get("inner", "v1", inner) + 1  # nested: the lock must be re-entrant

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: memo.get("outer", "v1", outer), range(8)))
    assert results == [2] * 8 and calls == ["outer", "inner"]
    assert memo.get("outer", "v2", lambda: 3) == 3  # a new version replaces the value
    assert memo.get("outer", "v2", outer) == 3 and calls == ["outer", "inner"]
    memo.clear()
    assert memo.get("inner", "v1", lambda: 9) == 9


def test_recent_keeps_the_last_answers_of_one_version():
    recent = Recent(2)
    built = []

    def answer(key, version="v1"):
        return recent.get(key, version, lambda: built.append(key) or f"{key}@{version}")

    assert answer("a") == "a@v1" and answer("b") == "b@v1"
    assert answer("a") == "a@v1" and built == ["a", "b"]  # kept
    answer("c")  # the least recently used ("b") makes room
    assert answer("a") == "a@v1" and built == ["a", "b", "c"]
    answer("b")
    assert built == ["a", "b", "c", "b"]
    assert answer("a", "v2") == "a@v2"  # a new version: nothing of the old one is reused
    assert answer("c", "v2") == "c@v2" and built[-2:] == ["a", "c"]
    recent.clear()
    answer("a", "v2")
    assert built[-1] == "a"
