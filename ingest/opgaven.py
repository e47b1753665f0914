"""The opgaven taxonomy (`data/opgaven.toml`) and tagging statements with it.

Tagging is deliberately explainable: a statement gets an opgave when it mentions the opgave's
name or one of its keywords (compared as Dutch stems, so inflections match). An optional
similarity function adds tags above a threshold; it never removes an explicit mention.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.text import fold, stems

KINDS = ("opgave", "voorgestelde opgave", "thema")


@dataclass(frozen=True)
class Opgave:
    name: str
    kind: str
    description: str
    keywords: tuple[str, ...]

    def phrases(self) -> list[tuple[str, ...]]:
        """Stemmed keyword phrases, the name first."""
        out = []
        for phrase in (self.name, *self.keywords):
            s = tuple(stems(phrase, keep_stopwords=True))
            if s and s not in out:
                out.append(s)
        return out


@dataclass(frozen=True)
class Taxonomy:
    opgaven: tuple[Opgave, ...]

    @property
    def names(self) -> list[str]:
        return [o.name for o in self.opgaven]

    def find(self, name: str) -> Opgave | None:
        """Case/accent-insensitive lookup by name."""
        key = fold(name)
        return next((o for o in self.opgaven if fold(o.name) == key), None)


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate the taxonomy file; errors name the file and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IngestError(path, f"cannot read the opgaven taxonomy ({exc})") from exc
    opgaven = []
    for i, entry in enumerate(data.get("opgave", []), start=1):
        name = str(entry.get("name", "")).strip()
        kind = str(entry.get("kind", "opgave")).strip()
        if not name:
            raise IngestError(path, f"opgave #{i} has no name")
        if kind not in KINDS:
            raise IngestError(path, f"opgave {name!r} has kind {kind!r}; use one of {KINDS}")
        opgaven.append(
            Opgave(
                name=name,
                kind=kind,
                description=str(entry.get("description", "")),
                keywords=tuple(str(k) for k in entry.get("keywords", [])),
            )
        )
    return Taxonomy(tuple(opgaven))


def contains_phrase(haystack: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the stem sequence `phrase` occurs contiguously in `haystack`."""
    if not phrase:
        return False
    n = len(phrase)
    return any(tuple(haystack[i : i + n]) == phrase for i in range(len(haystack) - n + 1))


Similarity = Callable[[list[str]], list[list[float]]]
"""texts -> per text, a similarity to each opgave (in taxonomy order)."""


class Tagger:
    """Tags texts with opgaven; build once per taxonomy (stems are precomputed)."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        similarity: Similarity | None = None,
        threshold: float = 0.6,
    ) -> None:
        self.taxonomy = taxonomy
        self._phrases = [(o.name, o.phrases()) for o in taxonomy.opgaven]
        self._similarity = similarity
        self._threshold = threshold

    def keyword_tags(self, text: str) -> tuple[str, ...]:
        toks = stems(text, keep_stopwords=True)
        return tuple(
            name
            for name, phrases in self._phrases
            if any(contains_phrase(toks, p) for p in phrases)
        )

    def tag_many(self, texts: list[str]) -> list[tuple[str, ...]]:
        tags = [self.keyword_tags(t) for t in texts]
        if self._similarity is None or not texts:
            return tags
        sims = self._similarity(texts)
        names = self.taxonomy.names
        out = []
        for found, row in zip(tags, sims, strict=True):
            extra = {names[j] for j, s in enumerate(row) if s >= self._threshold}
            out.append(tuple(n for n in names if n in found or n in extra))
        return out
