"""Which ESCO texts get vectors, building them (setup, import), and the per-version indexes.

Embedding costs ~7–13 ms per short label on this hardware, so not every label is embedded:
occupations get their preferred labels in both languages and their Dutch alternative and hidden
labels (people type job titles, and the informal ones live there), skills their preferred labels
(the lexical index still covers their 98,000 alternative labels), and occupations their
descriptions for transitions. docs/understanding.md has the measurements behind this choice.

Vectors are built only by `build_vectors` (run by `banenbrug setup` and after an import); the
indexes read whatever is cached and never embed, so no request waits for the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from banenbrug import cache_files
from banenbrug.memo import Memo
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.understanding.model import TextModel, get_model
from banenbrug.understanding.semantic import SemanticIndex
from banenbrug.understanding.vectors import Progress, VectorCache

_memo = Memo()


def _lines(value: str) -> list[str]:
    return [t.strip() for t in value.split("\n") if t.strip()]


def label_texts(kind: str) -> Iterator[tuple[int, str]]:
    """(concept id, text) for the search vectors of one kind."""
    if kind == "occupation":
        # English alternative labels (33,000) are left to the lexical index: they would double
        # the setup time, and a Dutch query reaches the English preferred label by meaning.
        columns = ("id", "label_nl", "label_en", "alt_labels_nl", "hidden_labels_nl",
                   "hidden_labels_en")
        for pk, *values in Occupation.objects.values_list(*columns).iterator(chunk_size=2000):
            for value in values:
                for text in _lines(value):
                    yield pk, text
    else:
        for pk, label_nl, label_en in Skill.objects.values_list(
                "id", "label_nl", "label_en").iterator(chunk_size=5000):
            for text in {label_nl, label_en} - {""}:
                yield pk, text


def description_texts() -> Iterator[tuple[int, str]]:
    """(occupation id, English description): one language is enough for occupation-to-occupation
    similarity, and English is complete in ESCO."""
    for pk, description in Occupation.objects.values_list("id", "description_en").iterator(
            chunk_size=2000):
        if description.strip():
            yield pk, description.strip()


def all_texts() -> list[str]:
    """Skills and descriptions first: they are fewer, and extraction and transitions need them
    whole, while occupation search degrades gracefully on a part of its labels."""
    texts = [t for _, t in label_texts("skill")]
    texts.extend(t for _, t in description_texts())
    texts.extend(t for _, t in label_texts("occupation"))
    return texts


def build_vectors(progress: Progress | None = None, model: TextModel | None = None) -> int:
    """Embed every text that has no cached vector yet; the number embedded (0 without a model)."""
    model = model or get_model()
    if model is None:
        return 0
    return VectorCache(model).fill(all_texts(), progress)


def _index(name: str, texts: Callable[[], Iterator[tuple[int, str]]]) -> SemanticIndex | None:
    model = get_model()
    if model is None:
        return None

    complete = False

    def build() -> SemanticIndex | None:
        nonlocal complete
        pairs = list(texts())
        # The vector cache is read afresh for each index (~0.2 s) and not kept: the indexes hold
        # what they need, and the whole cache would add ~45 MB to every process.
        vectors, found = VectorCache(model).lookup([t for _, t in pairs])
        complete = bool(found.all())
        if not found.any():
            return None
        kept = [pair for pair, ok in zip(pairs, found, strict=True) if ok]
        return SemanticIndex([pk for pk, _ in kept], vectors[found], [t for _, t in kept])

    def load_or_build(version: str) -> SemanticIndex | None:
        # Reading all texts from the database and finding their vectors takes ~0.5 s, every
        # process (each CLI command); the finished index loads from var/cache/ in a few ms. It is
        # kept only once every text has its vector: a partial one is rebuilt by the next process.
        return cache_files.load_or_build(
            f"semantic-{name}", f"{model.name}-{version}", ".pickle",
            load=cache_files.load_pickle, build=build, save=cache_files.save_pickle,
            keep=lambda made: made is not None and complete)

    version = ImportRun.data_version()
    index: SemanticIndex | None = _memo.get(name, (model.name, version),
                                            lambda: load_or_build(version))
    return index


def label_index(kind: str) -> SemanticIndex | None:
    """Search vectors of one kind, or None without the model or before `build_vectors`."""
    return _index(f"labels-{kind}", lambda: label_texts(kind))


def description_index() -> SemanticIndex | None:
    return _index("descriptions", description_texts)
