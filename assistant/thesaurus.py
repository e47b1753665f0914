"""The synonym groups of `data/synoniemen.toml`: widen a question's terms with the words the
verslagen may use instead ("betuttelend" -> "bevoogdend")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ingest.opgaven import contains_phrase
from ingest.text import stems


@dataclass(frozen=True)
class Thesaurus:
    groups: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def load(cls, path: Path) -> Thesaurus:
        if not path.is_file():
            return cls()
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(tuple(str(w) for w in g) for g in data.get("groups", [])))

    @cached_property
    def _stemmed(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Each member's stems, computed once: stemming the whole thesaurus again for every
        question word was the largest part of a warm query."""
        return tuple(tuple(tuple(stems(m, keep_stopwords=True)) for m in g) for g in self.groups)

    def synonyms(self, word: str) -> list[str]:
        """Other members of every group in which `word` (compared as stems) occurs."""
        key = tuple(stems(word, keep_stopwords=True))
        if not key:
            return []
        out: list[str] = []
        for group, stemmed in zip(self.groups, self._stemmed, strict=True):
            if key in stemmed:
                out.extend(m for m in group if m not in out and m != word)
        return out

    def expand(self, text: str) -> list[str]:
        """Members of every group one of whose words or phrases occurs in `text`."""
        toks = stems(text, keep_stopwords=True)
        out: list[str] = []
        for group, stemmed in zip(self.groups, self._stemmed, strict=True):
            hit = [m for m, st in zip(group, stemmed, strict=True) if contains_phrase(toks, st)]
            if hit:
                out.extend(m for m in group if m not in hit and m not in out)
        return out
