"""How record answers name a gesprek and cite the verslag rows they rest on (`Aanwezig`,
`Datum gesprek`), and the order and scope helpers they share."""

from __future__ import annotations

from assistant.answering.citations import Citation, quoted
from assistant.nl import dutch_date, gesprek_no
from ingest.records import Attendee, Statement, Verslag

PRESENT_ROW = "Aanwezig"
DATE_ROW = "Datum gesprek"


def person(a: Attendee) -> str:
    role = f", {a.role}" if a.role else ""
    return quoted(f"{a.name}{role}")


def present_row(n: int, v: Verslag) -> Citation:
    return Citation.of_row(n, v, PRESENT_ROW, "; ".join(person(a) for a in v.attendees))


def date_row(n: int, v: Verslag) -> Citation:
    return Citation.of_row(n, v, DATE_ROW, dutch_date(v.date))


def gesprek_name(v: Verslag) -> str:
    """`gesprek II`, or the verslag's title when it has no number."""
    return (
        f"gesprek {gesprek_no(v)}" if v.number else quoted(f"het verslag '{v.title or v.source}'")
    )


def gesprek_at(v: Verslag) -> str:
    """`gesprek II (9 januari 2019)`."""
    return f"{gesprek_name(v)} ({dutch_date(v.date)})" if v.date else gesprek_name(v)


def absent(orgs: tuple[str, ...], persons: tuple[str, ...]) -> str:
    """ "niemand namens GGD Groningen", or "Bert Kolk niet"."""
    if orgs:
        return f"niemand namens {quoted(' en '.join(orgs))}"
    return f"{quoted(' en '.join(persons))} niet"


def ordered(verslagen: list[Verslag]) -> list[Verslag]:
    return sorted(verslagen, key=lambda v: (v.number is None, v.number or 0, v.date or ""))


def with_orgs(orgs: tuple[str, ...], verslagen: tuple[Verslag, ...], stmts: list[Statement]):
    """Verslagen an organisation attended or spoke in."""
    spoke = {s.verslag_id for s in stmts if s.organisation in orgs and s.attribution != "none"}
    return [
        v for v in verslagen if v.id in spoke or any(a.organisation in orgs for a in v.attendees)
    ]
