"""The word lists officials edit: synonym groups (`synoniemen.toml`: "betuttelend" ->
"bevoogdend") and the English-Dutch glossary (`glossary.toml`: "poverty" -> "armoede"), used to
widen a question's terms with the words the verslagen may use instead."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ingest.errors import ConfigError
from ingest.opgaven import contains_phrase
from ingest.text import fold, stems


def _load_toml(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file ({exc})") from exc


def _strings(values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


@dataclass(frozen=True)
class Thesaurus:
    groups: tuple[tuple[str, ...], ...] = ()
    glossary: dict[str, str] = field(default_factory=dict)
    # kinds of organisation: (nouns a question uses, beginnings of name words that mark one)
    sectors: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    @classmethod
    def load(cls, synonyms: Path | None, glossary: Path | None = None) -> Thesaurus:
        """Both word lists; a missing or broken configured file is a ConfigError naming it."""
        lists = _load_toml(synonyms)
        groups, sectors = lists.get("groups", []), lists.get("sectoren", [])
        words = _load_toml(glossary).get("glossary", {})
        if not (
            isinstance(groups, list)
            and isinstance(words, dict)
            and isinstance(sectors, list)
            and all(isinstance(s, dict) for s in sectors)
        ):
            raise ConfigError(f"{synonyms or glossary}: unexpected structure")
        return cls(
            tuple(tuple(str(w) for w in g) for g in groups),
            {str(k).lower(): str(v) for k, v in words.items()},
            tuple((_strings(s.get("names")), _strings(s.get("marks"))) for s in sectors),
        )

    def sectors_of(self, organisation: str) -> list[str]:
        """The nouns for the kinds of organisation `organisation` is, by its name's words."""
        name = fold(organisation).replace("-", " ").split()
        return [
            n
            for names, marks in self.sectors
            if any(w.startswith(fold(m)) for w in name for m in marks)
            for n in names
        ]

    def translate(self, word: str) -> tuple[str, ...]:
        """Dutch equivalents of an English word (empty when the glossary has none)."""
        return tuple(self.glossary.get(word, "").split())

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

    @cached_property
    def _content(self) -> tuple[tuple[frozenset[str], ...], ...]:
        return tuple(tuple(frozenset(stems(m)) for m in g) for g in self.groups)

    def phrases(self, have: set[str]) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        """Groups with a phrase member whose content words all occur among the stems `have`
        ("moeite ... lezen" in "moeite hebben met lezen"), with the stems that phrase used:
        the words of a question that together name one idea."""
        out = []
        for group, members in zip(self.groups, self._content, strict=True):
            used = frozenset().union(*(m for m in members if len(m) >= 2 and m <= have))
            if used:
                out.append((group, used))
        return out
