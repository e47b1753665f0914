"""BM25 over alternatives: each asked idea counts once, however many synonyms it has, and a
phrase among the alternatives counts only when all its words are there. Generated texts whose
truth is known."""

from __future__ import annotations

import numpy as np
import pytest

from vectorstore.lexical import LexicalIndex

TEXTS = [
    "De mantelzorger en de mantelzorg zijn overbelast.",  # 0: the idea, in two words
    "Een pilot met respijtzorg aan huis.",  # 1: the rare asked word
    "Beide gasten vinden dat de opgaven naast elkaar staan.",  # 2: one word of a phrase
    "Het weer was goed.",  # 3: nothing
] + [f"Een zin over de visie nummer {i}." for i in range(20)]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(TEXTS)


def test_an_idea_asked_with_many_synonyms_counts_once(index) -> None:
    groups = [["respijtzorg"], ["mantelzorgers", "mantelzorg", "mantelzorger", "informele zorg"]]
    scores = index.scores_any(groups)
    assert scores[1] > 0 and scores[0] > 0
    summed = index.scores(" ".join(w for g in groups for w in g))
    # summed, the synonyms outweighed the rare word; as alternatives they do not
    assert summed[0] > summed[1]
    assert scores[0] == pytest.approx(index.scores_any([["mantelzorg", "mantelzorger"]])[0])


@pytest.mark.parametrize(
    ("alternatives", "row", "matches"),
    [
        (["zorgen voor een naaste"], 2, False),  # "naast" alone is not the phrase
        (["opgaven naast elkaar"], 2, True),
        (["weer"], 3, True),
        (["onbekendwoord"], 3, False),
    ],
)
def test_a_phrase_alternative_needs_all_its_words(index, alternatives, row, matches) -> None:
    assert bool(index.scores_any([alternatives])[row] > 0) is matches
    assert np.all(index.scores_any([alternatives]) >= 0)
