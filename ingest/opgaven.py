"""The opgaven taxonomy (`data/opgaven.toml`) and tagging statements with it.

Tagging is deliberately explainable: a statement gets an opgave when it mentions the opgave's
name or one of its keywords (compared as Dutch stems, so inflections match). An optional
similarity function adds tags above a threshold; it never removes an explicit mention.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.resources import data_path
from ingest.text import fold, stem_words, stems, words

KINDS = ("opgave", "voorgestelde opgave", "thema")


@dataclass(frozen=True)
class Opgave:
    name: str
    kind: str
    description: str
    keywords: tuple[str, ...]

    def phrases(self) -> list[tuple[str, ...]]:
        """Stemmed keyword phrases, the name first."""
        return [p for _, p in self.keyword_phrases()]

    def keyword_phrases(self) -> list[tuple[str, tuple[str, ...]]]:
        """(keyword as written, its stems) per keyword phrase, the name first."""
        out: list[tuple[str, tuple[str, ...]]] = []
        for phrase in (self.name, *self.keywords):
            s = tuple(stems(phrase, keep_stopwords=True))
            if s and s not in [p for _, p in out]:
                out.append((phrase, s))
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


def find_phrase(haystack: Sequence[str], phrase: tuple[str, ...]) -> int:
    """Where the stem sequence `phrase` first occurs contiguously in `haystack` (-1: not)."""
    n = len(phrase)
    if not n:
        return -1
    return next(
        (i for i in range(len(haystack) - n + 1) if tuple(haystack[i : i + n]) == phrase), -1
    )


def contains_phrase(haystack: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the stem sequence `phrase` occurs contiguously in `haystack`."""
    return find_phrase(haystack, phrase) >= 0


Tags = tuple[tuple[str, str], ...]
"""(opgave, reason) pairs of one text."""

Word = tuple[str, str]  # (folded word, its stem)

# Derivations that the stemmer folds onto another word ("houding" -> "houd" = "houden",
# "scholing" -> "school"): two words match only when both or neither carry one.
_DERIVED = (("ingen", "ing"), ("ing", "ing"), ("heden", "heid"), ("heid", "heid"))
# A compound ("armoedepact", "basisschool") names its parts; a suffix that only makes an
# adjective or noun of the word ("gemeenschappelijk") does not.
_NOT_A_PART = ("lijk", "elijk", "pelijk", "ig", "ige", "heid", "ing", "isch", "baar", "loos")
_CROWDED = 3  # from this many tags on, tags resting on one word in passing are dropped
_MIN_PART = 5  # a keyword shorter than this ("geld", "baan") only matches as a whole word


def _derivation(word: str) -> str:
    return next(
        (cls for end, cls in _DERIVED if word.endswith(end) and len(word) > len(end) + 2), ""
    )


def _keyword(phrase: str) -> tuple[Word, ...]:
    ws = words(phrase)
    return tuple(zip(ws, stem_words(ws), strict=True))


def _same(tok: Word, kw: Word, alone: bool) -> bool:
    """Whether text word `tok` mentions keyword word `kw`: the same stem (and derivation),
    or, for a keyword of one word, a compound that starts or ends with it."""
    (word, stem), (kword, kstem) = tok, kw
    if stem == kstem:
        return word == kword or _derivation(word) == _derivation(kword)
    if not alone or len(kword) < _MIN_PART:
        return False
    if word.startswith(kword):
        rest = word[len(kword) :].lstrip("s")
        return len(rest) >= 3 and not rest.startswith(_NOT_A_PART)
    core = word[:-2] if word.endswith("en") else word[:-1] if word.endswith(("s", "e")) else word
    return len(kword) > _MIN_PART and any(
        w.endswith(kword) and len(w) - len(kword) >= 3 for w in (word, core)
    )


def _find_all(toks: Sequence[Word], phrase: tuple[Word, ...]) -> list[int]:
    """Where `phrase` occurs in `toks`."""
    n, alone = len(phrase), len(phrase) == 1
    return [
        i
        for i in range(len(toks) - n + 1)
        if all(_same(toks[i + j], phrase[j], alone) for j in range(n))
    ]


def _mask(toks: list[Word], name: list[str]) -> None:
    """Blank every occurrence of the word sequence `name` in `toks`."""
    n = len(name)
    if not n:
        return
    for i in range(len(toks) - n + 1):
        if [w for w, _ in toks[i : i + n]] == name:
            toks[i : i + n] = [("", "")] * n


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
        self._phrases = [
            (o.name, [(k, _keyword(k)) for k, _ in o.keyword_phrases()]) for o in taxonomy.opgaven
        ]
        self._similarity = similarity
        self._threshold = threshold

    def keyword_tags(self, text: str) -> tuple[str, ...]:
        return tuple(name for name, _ in self.explain(text))

    def explain(self, text: str, ignore: Sequence[str] = ()) -> Tags:
        """(opgave, reason) per tag of `text`, in taxonomy order; the reason names the
        keyword that matched and, when it differs, the words of the text it matched.
        Words of the `ignore` names (organisations, speakers) are no mention: "Welzijn MG"
        says nothing about welzijn."""
        text_words = words(text)
        toks = list(zip(text_words, stem_words(text_words), strict=True))
        for name in ignore:
            _mask(toks, words(name))
        found: list[tuple[str, str, bool]] = []  # (opgave, reason, strong evidence)
        for opgave, phrases in self._phrases:
            hits = [(k, p, at) for k, p in phrases for at in _find_all(toks, p)]
            if not hits:
                continue
            keyword, phrase, at = min(hits, key=lambda h: h[2])
            said = " ".join(w for w, _ in toks[at : at + len(phrase)])
            reason = f"trefwoord “{keyword}”"
            if fold(keyword) != said:
                reason += f" (in de tekst: “{said}”)"
            named = any(k == opgave or len(p) > 1 for k, p, _ in hits)
            found.append((opgave, reason, named or len({h[2] for h in hits}) > 1))
        if len(found) >= _CROWDED and any(strong for *_, strong in found):
            # A word in passing beside the statement's clear subjects is no subject itself.
            found = [f for f in found if f[2]]
        return tuple((opgave, reason) for opgave, reason, _ in found)

    def tag_many(self, texts: list[str]) -> list[tuple[str, ...]]:
        return [tuple(name for name, _ in tags) for tags in self.explain_many(texts)]

    def explain_many(self, texts: list[str], ignore: Sequence[str] = ()) -> list[Tags]:
        """`explain` per text, plus the opgaven whose description the text resembles (when
        a similarity function is set), with the score as the reason."""
        tags = [self.explain(t, ignore) for t in texts]
        if self._similarity is None or not texts:
            return tags
        sims = self._similarity(texts)
        names = self.taxonomy.names
        out = []
        for found, row in zip(tags, sims, strict=True):
            reasons = dict(found)
            for j, score in enumerate(row):
                if score >= self._threshold and names[j] not in reasons:
                    reasons[names[j]] = f"lijkt op de beschrijving (gelijkenis {score:.2f})"
            out.append(tuple((n, reasons[n]) for n in names if n in reasons))
        return out


@functools.cache
def _topic_keys() -> frozenset[tuple[str, ...]]:
    """Stems of the packaged taxonomy's opgave names, of their heads ("Veiligheid" of
    "Veiligheid en herstelgericht werken") and of its abstract one-word keywords
    ("laaggeletterdheid", "armoedebestrijding"); not keywords that may be an organisation's
    name ("bibliotheek", "taalhuis")."""
    taxonomy = load_taxonomy(data_path("opgaven.toml"))
    phrases: set[str] = set()
    for o in taxonomy.opgaven:
        phrases |= {o.name, re.split(r"\s+(?:en|van|als|voor|in|op)\s+", o.name)[0]}
        phrases |= {k for k in o.keywords if " " not in k and _ABSTRACT.search(k)}
    return frozenset(tuple(stems(p, keep_stopwords=True)) for p in phrases)


_ABSTRACT = re.compile(r"(?:heid|ing|ingen|schap|isme|problemen|bestrijding|armoede)$")


def names_topic(label: str) -> bool:
    """A label that names an opgave ("Brievenbusproblemen:", "Armoede:", "Veiligheid:") says
    what is discussed, not who speaks. The packaged taxonomy: topics are the same words in
    every verslag, and an edited taxonomy only adds to them."""
    key = tuple(stems(label, keep_stopwords=True))
    return bool(key) and key in _topic_keys()
