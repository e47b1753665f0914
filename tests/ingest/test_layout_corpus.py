"""The blind layout corpora (tests/fixtures/layouts/ … layouts8/): verslagen
written by hand, in layouts nobody told the parser about, each scored against its truth file;
and documents that are no verslag, which must be refused. Their failures are read as failure
classes of the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.layout_score import (
    LAYOUT_CORPORA,
    THRESHOLDS,
    Tally,
    parse_bytes,
    score_corpus,
    table,
    truth_files,
)
from ingest.errors import IngestError

# (corpus, minimum verslagen, minimum non-verslagen): a corpus that shrinks fails loudly.
CORPORA = {
    "layouts": (16, 3),
    "layouts2": (10, 2),
    "layouts3": (8, 1),
    "layouts4": (8, 1),
    "layouts5": (5, 0),  # verslagen only: no not-verslag/ folder
    "layouts6": (7, 2),
    "layouts7": (8, 2),
    "layouts8": (8, 2),
}
DIRS = {d.name: d for d in LAYOUT_CORPORA}


def not_verslagen(corpus: Path) -> list[Path]:
    """A corpus' documents that are no verslag; a corpus without that folder has none."""
    folder = corpus / "not-verslag"
    return sorted(folder.iterdir()) if folder.is_dir() else []


NOT_VERSLAG = [p for d in LAYOUT_CORPORA for p in not_verslagen(d)]


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> tuple[str, Tally]:
    return request.param, score_corpus(DIRS[request.param])


def test_the_corpora_are_there() -> None:
    for name, (verslagen, others) in CORPORA.items():
        assert len(truth_files(DIRS[name])) >= verslagen, name
        assert len(not_verslagen(DIRS[name])) >= others, name


def test_blind_layouts_meet_the_variant_table(corpus: tuple[str, Tally]) -> None:
    name, tally = corpus
    report = table(tally, f"blind layout corpus {name}") + "\n" + "\n".join(tally.examples)
    rates = tally.rates()
    assert tally.refused == 0, report
    for measure, target in THRESHOLDS.items():
        assert rates[measure] >= target, report
    assert tally.false == 0, report


def test_layout_debris_never_becomes_a_statement(corpus: tuple[str, Tally]) -> None:
    _, tally = corpus
    assert tally.failures["debris in a statement"] == 0, "\n".join(tally.examples)


@pytest.mark.parametrize("path", NOT_VERSLAG, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_documents_that_are_no_verslag_are_refused(path: Path) -> None:
    with pytest.raises(IngestError, match="no verslag structure"):
        parse_bytes(path.read_bytes(), path.name)
