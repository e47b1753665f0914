"""Small pure text helpers shared by the parser, the opgaven tagger and the lexical index.

Dutch stemming lives here (PyStemmer's Snowball `dutch`) so that tagging and BM25 agree on
what a word is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_SPACE = re.compile(r"\s+")
# A bullet glyph or a list number: "1.", "2)", a decimal paragraph number before a capital
# ("1.1 SCHOLTEN merkt op", not "2.5 miljoen"), a typed to-do box "[ ]", "[x]".
_BULLET = re.compile(
    r"^\s*(?:[•·▪◦‣●○■□➢➤►–—-]|\*(?!\*)|\d+[.)](?=\s)|\[[ xX✓✔]?\](?=\s)"
    r"|\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-ZÀ-Þ]))\s*"
)

# Frequent Dutch function words: they carry no topic and only add noise to BM25.
STOPWORDS = frozenset(
    """de het een en van in op te dat die dit deze er is zijn was waren wordt worden werd
    met voor aan om als bij of ook niet maar dan door naar uit over tot zo wel nog al
    je jij u we wij ze zij hij men ik hun hen ons onze haar zich wat wie waar hoe
    kan kunnen moet moeten mag mogen wil willen zal zullen heeft hebben had
    veel meer minder geen iets iemand alle allen elk elke hier daar daarbij elkaar
    the a an of to and or is are was were be on for with what who how did does do""".split()
)

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def collapse_ws(text: str) -> str:
    """One space between words, no leading/trailing space; non-breaking spaces count as space."""
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def strip_bullet(text: str) -> str:
    """Remove a leading bullet glyph (the corpus puts `• ` inside every `<li>`)."""
    return _BULLET.sub("", text, count=1)


def strip_md(text: str) -> str:
    """Remove Markdown emphasis and heading marks, keeping the words verbatim."""
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    # `[^*]`, not `.`: an opening star without a closing one must not scan the whole line
    # again from every later star (quadratic: 90 s for a 180 kB line of "*a *b ").
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?![\s_])([^_]+?)(?<!\s)_(?![\w_])", r"\1", text)  # _italic_
    return text.replace("**", "")


def roman_to_int(numeral: str) -> int | None:
    """Convert a Roman numeral (I..MMM); None when it is not one."""
    s = numeral.upper()
    if not s or any(c not in ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def int_to_roman(n: int) -> str:
    """Roman numeral for 1..3999; other numbers stay decimal (a Roman numeral grows with
    the number: "gesprek 100000000" would become 100 000 M's)."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def cut(text: str, limit: int) -> str:
    """`text` shortened to at most `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names ("Coördinator" ~ "coordinator")."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).casefold()


# The classic Dutch Porter stemmer: Snowball 3's "dutch" strips "ge-" and more, which made
# "gemeente" and "menen", "gezin" and "zin", "geloof" and "loof" one term. Porter leaves
# plural pairs apart that `_plural_base` and `_stem_end` join. Stored lexical indexes name
# STEMMING, so one built with other stems is rebuilt (vectorstore/catalogue.py).
STEMMER = "dutch_porter"
STEMMING = f"{STEMMER}+plurals3"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMER)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, accents folded; hyphenated words also yield their parts."""
    out: list[str] = []
    for w in _WORD.findall(fold(text)):
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


# Plural forms Porter does not take back to the singular: "euro's", "organisaties",
# "maatjes", "ideeën", "kinderen". Two words keep a stem of their own: "ouderen" (the
# elderly; Porter gives it the stem of "ouders", parents) and the verb "werken" ("herstelgericht
# werken", "samen werken"; Porter gives it the stem of "werk", employment).
_PLURAL = (
    (re.compile(r"'s$"), ""),
    (re.compile(r"(?<=\w{3}[ij]e)s$"), ""),
    (re.compile(r"(?<=[ei]e)en$"), ""),
    (re.compile(r"(?<=\w{3}[^aeiou]en)s$"), ""),
    (re.compile(r"kinderen$"), "kind"),
    (re.compile(r"ouderen?$"), "oudere"),
)
_OWN_STEM = re.compile(r"\w*oudere|werken")


def _plural_base(word: str) -> str:
    for pattern, repl in _PLURAL:
        word = pattern.sub(repl, word)
    return word


# Porter undoubles only k, d and t after cutting "-en" ("gezinnen" stayed "gezinn" beside
# "gezin"), keeps the "v" and "z" of "brieven", "grenzen" ("brief", "grens"), and cuts the
# "s" of "huisarts" but not of "huisartsen" (the "en" goes first).
_STEM_END = (
    (re.compile(r"([bfglmnprs])\1$"), r"\1"),
    (re.compile(r"v$"), "f"),
    (re.compile(r"z$"), "s"),
    (re.compile(r"(?<=[^aeiouyj\W])s$"), ""),
)


def _stem_end(stem: str) -> str:
    for pattern, repl in _STEM_END:
        stem = pattern.sub(repl, stem)
    return stem


def stem_words(toks: list[str]) -> list[str]:
    """The stem of each word (from `words`), singular and plural alike."""
    toks = [_plural_base(t) for t in toks]
    return [
        t if _OWN_STEM.fullmatch(t) else _stem_end(st)
        for t, st in zip(toks, _stemmer().stemWords(toks), strict=True)
    ]


def stems(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Dutch stems of the words in `text` (stop words dropped unless asked), singular and
    plural alike."""
    toks = words(text)
    if not keep_stopwords:
        toks = [t for t in toks if t not in STOPWORDS]
    return stem_words(toks)


# Readers mark a list item (a bullet, a numbered item, a Word list paragraph) with this prefix,
# so the parser can tell a new bullet from a paragraph: a speaker's run never crosses a bullet.
ITEM = "\u2022 "
# A further paragraph of the same list item (a second <p> in an <li>, Word's "List Continue",
# an indented paragraph under a Markdown bullet): still that bullet's turn.
MORE = "\u21b3 "


def as_item(text: str, listed: bool = False, more: bool = False) -> str:
    """`text` without its bullet glyph or number; list items keep one ITEM mark, further
    paragraphs of an item one MORE mark."""
    stripped = strip_bullet(text)
    if more and stripped:
        return MORE + stripped
    return ITEM + stripped if (listed or stripped != text) and stripped else stripped


def split_item(text: str) -> tuple[bool, str]:
    """(is a new list item, text without the readers' mark)."""
    if text.startswith(ITEM):
        return True, text[len(ITEM) :]
    if text.startswith(MORE):
        return False, text[len(MORE) :]
    return False, text


def continues_item(text: str) -> bool:
    return text.startswith(MORE)
