"""Points that come back: what more than one organisation said, found from the statements.

Two sentences of statements by different organisations make the same point when their
statements share an opgave, the sentences share a content word that is not common in the set,
and either their embeddings are close (when an embedder is passed: the runtime's own) or,
without one, they share at least two such words. Statements linked this way form a
recurring point that cites all of them. Pure functions; tested on generated statements whose
truth is known and on the sample record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answering.citations import sentences
from ingest.records import Statement
from ingest.text import STOPWORDS, stems, words

Embed = Callable[[list[str]], Sequence[Sequence[float]]]
"""texts -> unit-length vectors (the runtime's `embedder.embed_passages`)."""

DENSE_MIN = 0.58  # cosine of two sentences that make the same point (MiniLM, Dutch)
LEXICAL_MIN = 2  # shared uncommon content stems, when no embedder is passed
COMMON = 0.2  # a stem in more than this share of the sentences is no shared topic
MAX_SENTENCES = 2000  # bounds time and memory (the similarity matrix) for a large record
_MIN_WORDS = 5  # shorter sentences ("Dan wordt het schieten met hagel.") carry no point
_MIN_STEM = 4  # content stems shorter than this ("gat", "kan") are no shared topic


@dataclass(frozen=True)
class Recurring:
    """One point raised by several organisations: its statements (record order) and, per
    statement, the sentence that makes the point."""

    statements: tuple[Statement, ...]
    sentences: tuple[str, ...]
    topic: str  # the opgave most members share, or "" when they share none
    words: tuple[str, ...] = ()  # the uncommon words the sentences share, as written

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.organisation or "" for s in self.statements))


@dataclass(frozen=True)
class _Sentence:
    owner: int  # index of its statement
    text: str
    stems: frozenset[str]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry a topic (no stop words, no short words)."""
    kept = [w for w in words(text) if w not in STOPWORDS and len(w) >= _MIN_STEM]
    return frozenset(s for s in stems(" ".join(kept)) if len(s) >= _MIN_STEM)


def _sentences(statements: Sequence[Statement]) -> list[_Sentence]:
    out = []
    for i, s in enumerate(statements):
        for text in sentences(s.text):
            if len(text.split()) >= _MIN_WORDS:
                out.append(_Sentence(i, text, content_stems(text)))
    return out


def find_recurring(
    statements: Sequence[Statement],
    embed: Embed | None = None,
    *,
    dense_min: float = DENSE_MIN,
    lexical_min: int = LEXICAL_MIN,
) -> list[Recurring]:
    """Recurring points among the attributed statements with an organisation, most
    organisations first; a statement belongs to at most one point."""
    pool = [s for s in statements if s.attribution != "none" and s.organisation and s.opgaven]
    parts = _sentences(pool)[:MAX_SENTENCES]
    if len({s.organisation for s in pool}) < 2 or not parts:
        return []
    df = Counter(st for p in parts for st in p.stems)
    common = {st for st, n in df.items() if n > max(3, COMMON * len(parts))}
    # Only sentences whose statements share an opgave are compared: pairs per opgave.
    by_opgave: dict[str, list[int]] = {}
    for i, p in enumerate(parts):
        for tag in pool[p.owner].opgaven:
            by_opgave.setdefault(tag, []).append(i)
    pairs = {(a, b) for members in by_opgave.values() for a in members for b in members if a < b}
    sims = None
    if embed is not None:
        m = np.asarray(embed([p.text for p in parts]), dtype=float)
        sims = m @ m.T
    best: dict[int, tuple[float, int]] = {}  # statement -> (score, its best sentence)
    shared_by: dict[int, set[str]] = {}  # statement -> stems it shares with its partners
    parent = list(range(len(pool)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(pairs):
        pa, pb = parts[a], parts[b]
        if pool[pa.owner].organisation == pool[pb.owner].organisation:
            continue
        shared = (pa.stems & pb.stems) - common
        if not shared:
            continue
        if sims is not None:
            score = float(sims[a, b])
            same = score >= dense_min
        else:
            score = float(len(shared))
            same = score >= lexical_min
        if not same:
            continue
        parent[root(pa.owner)] = root(pb.owner)
        for owner in (pa.owner, pb.owner):
            shared_by.setdefault(owner, set()).update(shared)
        for owner, sentence in ((pa.owner, a), (pb.owner, b)):
            if score > best.get(owner, (-1.0, 0))[0]:
                best[owner] = (score, sentence)
    clusters: dict[int, list[int]] = {}
    for i in best:
        clusters.setdefault(root(i), []).append(i)
    points = []
    for members in clusters.values():
        members.sort()
        group = tuple(pool[i] for i in members)
        if len({s.organisation for s in group}) < 2:
            continue
        tags = Counter(t for s in group for t in s.opgaven)
        topic = tags.most_common(1)[0][0] if tags else ""
        said = tuple(parts[best[i][1]].text for i in members)
        common_stems = set.union(*(shared_by[i] for i in members))
        surface = [w for w in words(said[0]) if content_stems(w) & common_stems]
        points.append(Recurring(group, said, topic, tuple(dict.fromkeys(surface))[:4]))
    points.sort(key=lambda p: (-len(p.organisations), p.statements[0].position))
    return points
