"""The semantic indexes are kept in var/cache/ once complete, so a new process (every CLI
command) loads them instead of reading every text and its vector again (~0.5 s)."""

import pytest

from banenbrug.taxonomy import semantic_service
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.understanding.model import get_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(esco_small, tmp_path, monkeypatch):
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BANENBRUG_VECTOR_CACHE", str(tmp_path / "vectors"))
    if get_model() is None:
        pytest.skip("no text model installed")
    import_esco([esco_small])
    semantic_service._memo.clear()
    yield tmp_path / "var" / "cache"
    semantic_service._memo.clear()


def _texts_are_not_read(monkeypatch):
    def refuse(kind):
        raise AssertionError("the texts were read again")
    monkeypatch.setattr(semantic_service, "label_texts", refuse)


def test_a_complete_index_is_loaded_by_the_next_process(small, monkeypatch):
    semantic_service.build_vectors()
    built = semantic_service.label_index("occupation")
    assert built is not None and len(built) > 0
    assert len(list(small.glob("semantic-labels-occupation-*.pickle"))) == 1
    semantic_service._memo.clear()  # as a new process starts
    _texts_are_not_read(monkeypatch)
    loaded = semantic_service.label_index("occupation")
    assert loaded is not None
    assert loaded.owners.tolist() == built.owners.tolist()
    assert loaded.texts == built.texts


def test_a_partial_index_is_not_kept(small, monkeypatch):
    """Before `build_vectors` has embedded everything an index holds what is there, and the next
    process must look again rather than load the partial one for good."""
    model = get_model()
    texts = [t for _, t in semantic_service.label_texts("occupation")]
    semantic_service.VectorCache(model).fill(texts[:3])
    partial = semantic_service.label_index("occupation")
    assert partial is not None and len(partial) == 3
    assert list(small.glob("semantic-labels-occupation-*")) == []
    semantic_service.build_vectors()
    semantic_service._memo.clear()
    complete = semantic_service.label_index("occupation")
    assert complete is not None and len(complete) == len(texts)


def test_the_search_page_embeds_its_query_once_for_both_kinds(small, client, monkeypatch):
    semantic_service.build_vectors()
    model = get_model()
    calls = []
    real = model.queries
    monkeypatch.setattr(model, "queries", lambda texts: calls.append(list(texts)) or real(texts))
    html = client.get("/zoeken/?q=elektricien").content.decode()
    assert calls == [["elektricien"]]  # one vector for the occupations and the skills
    assert "elektricien" in html.lower()
