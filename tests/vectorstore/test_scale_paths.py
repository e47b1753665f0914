"""The fast paths taken for scale give exactly what the plain ones gave: numpy filter masks
== `Filters.matches`, an extended BM25 index == a fresh build, cached thesaurus stems ==
stemming on every call. Model-free and quick."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest

from assistant.answering.thesaurus import Thesaurus
from ingest.pipeline import parse_file
from ingest.text import stems
from vectorstore.catalogue import Catalogue
from vectorstore.lexical import LexicalIndex
from vectorstore.search import Filters, _Columns

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    *sorted((ROOT / "ingest" / "data" / "verslagen").iterdir()),
    *sorted((ROOT / "tests" / "fixtures").glob("gesprek-*")),
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    verslagen = [parse_file(f) for f in FILES]
    statements = [s for v in verslagen for s in v.statements]
    # Opgaven are tagged at ingest; give some statements one or two, to filter on.
    rng = random.Random(3)
    tagged = [
        dataclasses.replace(s, opgaven=tuple(rng.sample(["A", "B", "C"], rng.randint(0, 2))))
        for s in statements
    ]
    return Catalogue("g", {v.id: v for v in verslagen}, tagged)


def test_filter_masks_match_filters_matches(catalogue: Catalogue) -> None:
    cat = catalogue
    vids = list(cat.verslagen)
    orgs = sorted({s.organisation for s in cat.statements if s.organisation})
    persons = sorted({p for s in cat.statements for p in s.persons})
    assert orgs and persons
    cases = [
        Filters(verslag_ids=(vids[0],)),
        Filters(verslag_ids=(vids[1], vids[-1], "unknown")),
        Filters(organisations=(orgs[0],)),
        Filters(organisations=("nobody",)),
        Filters(persons=(persons[0],), verslag_ids=tuple(vids)),
        Filters(opgaven=("A",)),
        Filters(opgaven=("A", "C"), organisations=tuple(orgs)),
        Filters(verslag_ids=(vids[1],), organisations=(orgs[0],), opgaven=("B",)),
    ]
    columns = _Columns(cat)
    for f in cases:
        want = np.array([f.matches(s) for s in cat.statements])
        np.testing.assert_array_equal(columns.mask(f), want, err_msg=str(f))


def test_an_extended_lexical_index_equals_a_fresh_build(catalogue: Catalogue) -> None:
    texts = [s.text for s in catalogue.statements]
    half = len(texts) // 2
    old = LexicalIndex.build(texts[:half])
    rows: list[int | str] = [*range(3, half), *texts[half:]]  # drop three, add the rest
    random.Random(7).shuffle(rows)
    new = old.rebuilt(rows)
    fresh = LexicalIndex.build([texts[r] if isinstance(r, int) else r for r in rows])
    assert old.size == half  # the old index is left as it was
    assert set(new.vocab) == set(fresh.vocab)  # terms only the dropped rows used are gone
    for q in ("armoede sociale teams", "geldgebrek", "Humanitas brievenbus", texts[0], "zzz"):
        np.testing.assert_allclose(new.scores(q), fresh.scores(q), rtol=1e-6)
    for stem in fresh.vocab:
        assert new.term_weight(stem) == pytest.approx(fresh.term_weight(stem))


def test_the_thesaurus_answers_as_it_did_without_its_stem_cache() -> None:
    thesaurus = Thesaurus.load(ROOT / "ingest" / "data" / "synoniemen.toml")
    assert thesaurus.groups

    def synonyms(word: str) -> list[str]:  # the uncached original
        key = stems(word, keep_stopwords=True)
        out: list[str] = []
        for group in thesaurus.groups:
            if key and any(stems(m, keep_stopwords=True) == key for m in group):
                out.extend(m for m in group if m not in out and m != word)
        return out

    words = [w for g in thesaurus.groups for m in g for w in m.split()][:200]
    for w in [*words, "betuttelend", "armoede", "xyz", ""]:
        assert thesaurus.synonyms(w) == synonyms(w), w
