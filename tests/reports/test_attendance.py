"""Hosts and consulted parties (table-driven over Attendee), host speakers, attendance."""

from __future__ import annotations

import pytest

from assistant.reports.attendance import attendance, host_speakers
from ingest.hosts import host_role
from ingest.parse import CLOSING
from ingest.records import Attendee, Statement, Verslag


@pytest.mark.parametrize(
    ("name", "role", "organisation", "expected"),
    [
        (
            "Rutger ten Brink",
            "wethouder sociaal domein (voorzitter)",
            "gemeente Midden-Groningen",
            "wethouder",
        ),
        ("Henk van der Molen", "wethouder", None, "wethouder"),
        ("wethouder Henk van der Molen", "", "gemeente Midden-Groningen", "wethouder"),
        ("Hilde Dijkstra", "gespreksleider", "gemeente Midden-Groningen", "gespreksleider"),
        ("Marieke van Dijk", "gespreksleider", None, "gespreksleider"),
        ("Ineke Smit", "beleidsmedewerker", "gemeente Midden-Groningen", "beleidsmedewerker"),
        ("Femke Wolters", "beleidsmedewerker werk en inkomen", None, "beleidsmedewerker"),
        (
            "Bram Veenstra",
            "programmamanager sociaal domein",
            "gemeente Midden-Groningen",
            "programmamanager",
        ),
        ("Piet de Vries", "dagvoorzitter", None, "dagvoorzitter"),
        (
            "Anna Bakker",
            "directeur (voorzitter)",
            "Gemeente Midden-Groningen",
            "voorzitter van het gesprek",
        ),
        ("Kees Smit", "adviseur", "Gemeente Midden-Groningen", "gemeente"),
        # consulted parties: a chair of their own organisation, a policy officer elsewhere
        ("Bert Kolk", "voorzitter Humanitas (en andere organisaties)", "Humanitas", None),
        ("Jan ter Veer", "voorzitter", "Kledingbank Sappemeer", None),
        ("Els Mulder", "beleidsmedewerker", "GGD Groningen", None),
        ("Anouk Meijer", "teamleider", "Sociaal Team Hoogezand-Noord", None),
        ("Fenna Bos", "schuldhulpmaatje", "Humanitas Midden-Groningen", None),
        (
            "Marja ter Horst",
            "bestuurslid, voorheen coördinator aanpak tegen mensenhandel",
            None,
            None,
        ),
        ("Jos Rietveld", "directeur Publieke gezondheid GGD Groningen", "GGD Groningen", None),
    ],
)
def test_host_role(name: str, role: str, organisation: str | None, expected: str | None) -> None:
    assert host_role(Attendee(name, role, organisation)) == expected


def _s(i: int, section: str, speaker: str | None, org: str | None, vid: str = "v1") -> Statement:
    attribution = "explicit" if speaker or org else "none"
    return Statement(f"{vid}-s{i}", vid, section, i, "tekst", speaker, org, (), attribution)


def test_closing_speaker_who_is_no_attendee_is_a_host() -> None:
    v = Verslag(
        "v1", 2, "Verslag", "2019-01-09", "x.txt",
        attendees=(Attendee("Bert Kolk", "voorzitter Humanitas", "Humanitas"),),
    )  # fmt: skip
    statements = [
        _s(0, "Vraag", "Humanitas", "Humanitas"),
        _s(1, CLOSING, "Jan Jakob Boersma", None),
        _s(2, "Vraag", "Piet Post", None),  # a person speaking on a question: consulted
    ]
    assert host_speakers(v, statements) == {"Jan Jakob Boersma"}


def test_attendance_present_spoke_and_hosts_apart() -> None:
    one = Verslag(
        "v1", 1, "I", None, "i.txt",
        attendees=(
            Attendee("A", "directeur", "GGD Groningen"),
            Attendee("B", "wethouder", "gemeente Midden-Groningen"),
        ),
    )  # fmt: skip
    two = Verslag(
        "v2", 2, "II", None, "ii.txt",
        attendees=(Attendee("C", "voorzitter Humanitas", "Humanitas"),),
    )  # fmt: skip
    statements = [_s(0, "Vraag", None, None, "v1"), _s(0, "Vraag", "Humanitas", "Humanitas", "v2")]
    rows = {p.organisation: p for p in attendance([one, two], statements)}
    assert set(rows) == {"GGD Groningen", "Humanitas"}  # the municipality is no consulted party
    assert rows["GGD Groningen"].per_verslag == (("v1", "aanwezig", 0), ("v2", "niet aanwezig", 0))
    assert rows["Humanitas"].per_verslag == (("v1", "niet aanwezig", 0), ("v2", "sprak", 1))
