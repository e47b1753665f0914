"""Which gesprekken a question or a command names: by id, number or file name (the CLI's
`--verslag`), by number, ordinal, date, month or as the latest one ("gesprek II", "het
tweede gesprek", "het gesprek van 9 januari", "in mei 2019", "het laatste gesprek"), or by
subject ("het gesprek over wonen en zorg", matched against titles and file names)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.terms import (
    DATE_REF,
    LAST_REF,
    MONTH_REF,
    ORDINALS,
    VERSLAG_REF,
    tokens,
)
from ingest.dates import MONTHS, parse_date
from ingest.records import Verslag
from ingest.text import fold, roman_to_int, stems

Verslagen = Sequence[Verslag]


def resolve_verslag(ref: str, verslagen: Verslagen) -> str | None:
    """A verslag id from an id, a number ("2", "II"), or a source file name."""
    ref = ref.strip()
    for v in verslagen:
        if ref in (v.id, v.source) or (v.id.startswith(ref) and len(ref) >= 6):
            return v.id
    num = int(ref) if ref.isdigit() else roman_to_int(ref)
    hits = [v.id for v in verslagen if num is not None and v.number == num]
    return hits[0] if len(hits) == 1 else None


def named_verslagen(question: str, verslagen: Verslagen) -> list[str]:
    """Gesprekken the question names by number ("gesprek II", "het tweede gesprek"), by
    date ("het gesprek van 9 januari", "op 21-01-2019") or as the latest one."""
    ids = []
    for m in DATE_REF.finditer(question):
        iso = parse_date(m.group(0))
        if iso:
            ids.extend(v.id for v in verslagen if v.date == iso)
        elif m.group("day"):  # day and month without a year
            month = MONTHS[m.group("month").lower()]
            md = f"-{month:02d}-{int(m.group('day')):02d}"
            ids.extend(v.id for v in verslagen if v.date and v.date.endswith(md))
    for m in VERSLAG_REF.finditer(question):
        if m.group("num"):
            raw = m.group("num")
            num = int(raw) if raw.isdigit() else roman_to_int(raw.upper())
        else:
            num = ORDINALS[m.group("ord").lower()]
        ids.extend(v.id for v in verslagen if v.number == num)
    if not ids:
        for m in MONTH_REF.finditer(question):  # "in mei 2019": every gesprek that month
            month = f"-{MONTHS[m.group('month').lower()]:02d}-"
            year = m.group("year") or ""
            ids.extend(
                v.id for v in verslagen if v.date and month in v.date and v.date.startswith(year)
            )
    if LAST_REF.search(question) and verslagen:
        last = max(verslagen, key=lambda v: (v.date or "", v.number or 0))
        ids.append(last.id)
    return list(dict.fromkeys(ids))


_GESPREK_WORD = frozenset(
    "gesprek gesprekken verslag bijeenkomst overleg meeting conversation".split()
)
_ABOUT_WORD = frozenset("over about on rond rondom".split())


def titled_verslagen(question: str, verslagen: Verslagen) -> tuple[list[str], set[int]]:
    """Gesprekken named by their subject ("het gesprek over wonen en zorg", "the meeting on
    youth"): the verslagen whose title or file name holds the words after "over", as many of
    them in a row as any title holds; and the token positions those words took."""
    toks = tokens(question)
    starts = [
        i + 2
        for i in range(len(toks) - 2)
        if fold(toks[i]) in _GESPREK_WORD and fold(toks[i + 1]) in _ABOUT_WORD
    ][:3]  # a question names a gesprek by subject once or twice, not at every word
    if not starts:
        return [], set()
    tok_stems = [set(stems(t)) for t in toks]
    best: list[str] = []
    used: set[int] = set()
    for v in verslagen:
        have = set(stems(f"{v.title} {v.source.replace('-', ' ')}"))
        for start in starts:
            took, j = [], start
            while j < len(toks) and tok_stems[j] <= have:
                took.append(j)
                j += 1
            while took and not tok_stems[took[-1]]:  # no trailing "en", "de"
                took.pop()
            if not took:
                continue
            if len(took) > len(used):
                best, used = [v.id], set(took)
            elif len(took) == len(used) and v.id not in best:
                best.append(v.id)
    return best, used
