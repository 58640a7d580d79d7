"""The engine on the real ESCO data, judged against O*NET (skipped when the data is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from banenbrug.transitions.engine import TransitionEngine
from banenbrug.transitions.esco_csv import EscoData, load_esco
from banenbrug.transitions.validation import baseline_matrix, evaluate, load_reference

DATA_DIR = Path(
    os.environ.get("BANENBRUG_DATA_DIR", Path(__file__).resolve().parents[3] / "shared" / "data")
)

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(not (DATA_DIR / "esco").is_dir(), reason=f"no ESCO data in {DATA_DIR}"),
]


@pytest.fixture(scope="module")
def esco() -> EscoData:
    return load_esco(DATA_DIR)


@pytest.fixture(scope="module")
def engine(esco: EscoData) -> TransitionEngine:
    return TransitionEngine.build(esco.arrays)


def test_loader_shapes(esco: EscoData) -> None:
    a = esco.arrays
    assert len(a.occupation_uris) > 2900 and len(a.skill_uris) > 13000
    assert len(a.essential) > 60000 and len(a.optional) > 55000
    assert 500 < int(a.green_skill.sum()) < 700 and 1000 < int(a.digital_skill.sum()) < 1400


def test_electrician_reaches_electrical_occupations(
    esco: EscoData, engine: TransitionEngine
) -> None:
    labels = esco.occupation_labels
    origin = labels.index("electrician")
    top = [labels[t.dest] for t in engine.top([origin], top=20)]
    assert "electrician" not in top
    electrical = [x for x in top if "electric" in x or "solar" in x]
    assert len(electrical) >= 5, top
    green = engine.top([origin], top=20, green=True)
    assert green and all(t.green for t in green)


def test_engine_beats_baseline_on_onet(esco: EscoData, engine: TransitionEngine) -> None:
    ref = load_reference(DATA_DIR, esco.occupation_codes)
    assert len(ref.evaluable) > 2000
    ours = evaluate(engine.similarity_matrix(), ref)
    base = evaluate(baseline_matrix(esco.arrays), ref)
    assert ours.precision > base.precision
    assert ours.mrr > base.mrr
