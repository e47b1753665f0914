"""One organisation, one name across verslagen (ingest/names.py): table-driven on generated
records, and end to end through `raadpleeg ingest` with two verslagen by different hands."""

from __future__ import annotations

import json

import pytest

from ingest.names import align_organisations
from ingest.records import Attendee, Statement, Verslag


def _verslag(org: str | None) -> Verslag:
    return Verslag(
        "v2", 2, "Gesprek 2", "2019-04-02", "v2.md",
        attendees=(Attendee("Ria Bos", "wethouder", org),),
        statements=(Statement("s1", "v2", "", 0, "Het moet eenvoudiger.", "Ria Bos", org,
                              ("Ria Bos",), "explicit"),),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("known", "org", "expected"),
    [
        (["gemeente Midden-Groningen"], "Gemeente Midden-Groningen", "gemeente Midden-Groningen"),
        (["Cliëntenraad Sociaal Domein"], "Clientenraad  sociaal domein", "Cliëntenraad Sociaal Domein"),
        (["gemeente Midden-Groningen"], "gemeente", "gemeente"),  # another name: kept
        (["Humanitas"], None, None),
        ([], "Humanitas", "Humanitas"),
    ],
)  # fmt: skip
def test_a_new_verslag_takes_the_stores_spelling(known, org, expected) -> None:
    given = _verslag(org)
    v = align_organisations(given, known)
    assert v.attendees[0].organisation == expected
    assert v.statements[0].organisation == expected
    assert (v is given) is (org == expected)  # nothing to change: the same record


VERSLAG = """# Verslag gesprek visie sociaal domein {n}

**Datum gesprek:** {day} april 2019

**Aanwezig:** Ria Bos (wethouder, {org}); Piet Smit (coördinator, Voedselbank Hoogezand)

## Hoe kijk je tegen de visie aan?

- Piet Smit vindt dat de visie {topic} te weinig noemt.
- Ria Bos zegt toe dat de gemeente daarop terugkomt.
"""


def test_two_verslagen_one_organisation_name(cli, tmp_path) -> None:
    files = []
    for n, day, org, topic in [(31, 2, "gemeente Midden-Groningen", "armoede"),
                               (32, 9, "Gemeente Midden-Groningen", "eenzaamheid")]:  # fmt: skip
        f = tmp_path / f"verslag-{n}.md"
        f.write_text(VERSLAG.format(n=n, day=day, org=org, topic=topic), encoding="utf-8")
        files.append(f)
    store = tmp_path / "store"
    assert cli("ingest", "--store", store, *files).returncode == 0
    run = cli("verslagen", "--store", store, "--json")
    orgs = {a["organisation"] for v in json.loads(run.stdout) for a in v["attendees"]}
    assert orgs == {"gemeente Midden-Groningen", "Voedselbank Hoogezand"}
    run = cli("statements", "--store", store, "--json")
    said = {s["organisation"] for s in json.loads(run.stdout) if s["speaker"]}
    assert "Gemeente Midden-Groningen" not in said


def test_a_revision_can_correct_a_spelling(cli, tmp_path) -> None:
    first = tmp_path / "verslag-31.md"
    first.write_text(VERSLAG.format(n=31, day=2, org="Mee Groningen", topic="armoede"), "utf-8")
    store = tmp_path / "store"
    assert cli("ingest", "--store", store, first).returncode == 0
    fixed = tmp_path / "verslag-31-v2.md"
    text = VERSLAG.format(n=31, day=2, org="MEE Groningen", topic="armoede en schulden")
    fixed.write_text(text, "utf-8")
    assert cli("ingest", "--store", store, fixed).returncode == 0
    run = cli("verslagen", "--store", store, "--json")
    orgs = {a["organisation"] for v in json.loads(run.stdout) for a in v["attendees"]}
    assert "MEE Groningen" in orgs and "Mee Groningen" not in orgs
