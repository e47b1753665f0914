"""The blind layout corpus (tests/fixtures/layouts/): verslagen written by hand, in layouts
nobody told the parser about, each scored against its truth file; and documents that are no
verslag, which must be refused. Its failures are read as failure classes of the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.layout_score import (
    THRESHOLDS,
    Tally,
    parse_bytes,
    score_truth_file,
    table,
    truth_files,
)
from ingest.errors import IngestError

LAYOUTS = Path(__file__).parents[1] / "fixtures" / "layouts"
FILES = truth_files(LAYOUTS)
NOT_VERSLAG = sorted((LAYOUTS / "not-verslag").iterdir())


@pytest.fixture(scope="module")
def tally() -> Tally:
    t = Tally()
    for path in FILES:
        score_truth_file(t, path)
    return t


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 16 and len(NOT_VERSLAG) >= 3


def test_blind_layouts_meet_the_variant_table(tally: Tally) -> None:
    report = table(tally, "blind layout corpus") + "\n" + "\n".join(tally.examples)
    rates = tally.rates()
    assert tally.refused == 0, report
    for name, target in THRESHOLDS.items():
        assert rates[name] >= target, report
    assert tally.false == 0, report


def test_layout_debris_never_becomes_a_statement(tally: Tally) -> None:
    assert tally.failures["debris in a statement"] == 0, "\n".join(tally.examples)


@pytest.mark.parametrize("path", NOT_VERSLAG, ids=lambda p: p.name)
def test_documents_that_are_no_verslag_are_refused(path: Path) -> None:
    with pytest.raises(IngestError, match="no verslag structure"):
        parse_bytes(path.read_bytes(), path.name)
