"""One organisation, one name across verslagen: verslagen written by different people spell
the same organisation with other capitals or accents ("Gemeente Midden-Groningen",
"gemeente Midden-Groningen"); a new verslag takes the spelling the store already has, so a
question, a filter or a list finds one organisation, not two."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ingest.records import Verslag
from ingest.text import collapse_ws, fold


def _key(name: str) -> str:
    return fold(collapse_ws(name))


def align_organisations(v: Verslag, known: Iterable[str]) -> Verslag:
    """`v` with each organisation written as in `known` when they differ only in case,
    accents or spacing (first spelling wins); `v` itself when nothing differs."""
    spelled: dict[str, str] = {}
    for name in known:
        spelled.setdefault(_key(name), name)

    def name(org: str | None) -> str | None:
        return spelled.get(_key(org), org) if org else org

    if all(name(o) == o for o in [*(a.organisation for a in v.attendees),
                                   *(s.organisation for s in v.statements)]):  # fmt: skip
        return v
    return dataclasses.replace(
        v,
        attendees=tuple(
            dataclasses.replace(a, organisation=name(a.organisation)) for a in v.attendees
        ),
        statements=tuple(
            dataclasses.replace(s, organisation=name(s.organisation)) for s in v.statements
        ),
    )
