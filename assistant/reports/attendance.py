"""Attendance per organisation: in which conversations it was present, spoke, or had nothing
attributed; the municipality's hosts (ingest/hosts.py) apart from the consulted parties.

Pure functions over the records (`Attendee`, `Statement`, `Verslag`), tested table-driven.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ingest.hosts import consulted, hosts, is_host, municipal
from ingest.parse import CLOSING
from ingest.records import Statement, Verslag
from ingest.text import fold


def host_speakers(v: Verslag, statements: Sequence[Statement]) -> set[str]:
    """Speakers who speak for the municipality: a host attendee (by name), or a person no
    attendee row names who speaks only in the closing ("Jan Jakob Boersma concludeert …")."""
    out: set[str] = set()
    names = {fold(a.name): a for a in v.attendees}
    orgs = {fold(a.organisation) for a in v.attendees if a.organisation and not is_host(a)}
    spoken: dict[str, set[str]] = {}
    for s in statements:
        if s.attribution != "none" and s.speaker:
            spoken.setdefault(s.speaker, set()).add(s.section)
    for speaker, sections in spoken.items():
        key = fold(speaker)
        a = names.get(key) or next((x for k, x in names.items() if key in k or k in key), None)
        if a is not None:
            if is_host(a):
                out.add(speaker)
        elif key not in orgs and sections == {CLOSING}:
            out.add(speaker)
    for s in statements:  # "Wethouder Ten Brink zegt toe …": the organisation is ours
        if s.speaker and municipal(s.organisation):
            out.add(s.speaker)
    return out


def host_names(verslagen: Sequence[Verslag], statements: Sequence[Statement]) -> frozenset[str]:
    """Every speaker who speaks for the municipality, across the conversations."""
    by_verslag: dict[str, list[Statement]] = {}
    for s in statements:
        by_verslag.setdefault(s.verslag_id, []).append(s)
    return frozenset(n for v in verslagen for n in host_speakers(v, by_verslag.get(v.id, [])))


Status = Literal["sprak", "aanwezig", "niet aanwezig"]


@dataclass(frozen=True)
class Presence:
    """One consulted organisation across the conversations."""

    organisation: str
    per_verslag: tuple[tuple[str, Status, int], ...]  # (verslag id, status, statements)

    @property
    def spoke(self) -> int:
        return sum(n for *_, n in self.per_verslag)

    @property
    def present(self) -> int:
        return sum(status != "niet aanwezig" for _, status, _ in self.per_verslag)


def attendance(verslagen: Sequence[Verslag], statements: Sequence[Statement]) -> list[Presence]:
    """Per consulted organisation (record order), its status in each conversation: "sprak"
    (statements attributed), "aanwezig" (present, nothing attributed) or "niet aanwezig"."""
    by_verslag: dict[str, list[Statement]] = {}
    for s in statements:
        by_verslag.setdefault(s.verslag_id, []).append(s)
    names: list[str] = []
    for v in verslagen:
        names += [a.organisation for a in consulted(v.attendees) if a.organisation]
    for s in statements:
        if s.attribution != "none" and s.organisation:
            names.append(s.organisation)
    hosted = {n for v in verslagen for n in host_speakers(v, by_verslag.get(v.id, []))} | {
        a.organisation for v in verslagen for a in hosts(v.attendees) if a.organisation
    }
    out = []
    for org in dict.fromkeys(n for n in names if n not in hosted):
        rows = []
        for v in verslagen:
            n = sum(
                1
                for s in by_verslag.get(v.id, [])
                if s.attribution != "none" and s.organisation == org
            )
            here = any(a.organisation == org for a in v.attendees)
            status: Status = "sprak" if n else ("aanwezig" if here else "niet aanwezig")
            rows.append((v.id, status, n))
        out.append(Presence(org, tuple(rows)))
    return out
