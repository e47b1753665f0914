"""The synonym groups of `data/synoniemen.toml`: widen a question's terms with the words the
verslagen may use instead ("betuttelend" -> "bevoogdend")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
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

    def synonyms(self, word: str) -> list[str]:
        """Other members of every group in which `word` (compared as stems) occurs."""
        key = stems(word, keep_stopwords=True)
        if not key:
            return []
        out: list[str] = []
        for group in self.groups:
            if any(stems(member, keep_stopwords=True) == key for member in group):
                out.extend(m for m in group if m not in out and m != word)
        return out

    def expand(self, text: str) -> list[str]:
        """Members of every group one of whose words or phrases occurs in `text`."""
        toks = stems(text, keep_stopwords=True)
        out: list[str] = []
        for group in self.groups:
            hit = [m for m in group if contains_phrase(toks, tuple(stems(m, keep_stopwords=True)))]
            if hit:
                out.extend(m for m in group if m not in hit and m not in out)
        return out
