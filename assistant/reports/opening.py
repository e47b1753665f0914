"""The start of a summary draft: its header lines and the opening paragraph (who, when,
about what), in Dutch, from the records only. Used by `summaries.summarize`."""

from __future__ import annotations

from collections import Counter

from assistant.nl import dutch_date, gesprek_no, plural
from assistant.reports.attendance import host_speakers
from assistant.reports.draft import Scope, and_list, attendee_label
from ingest.hosts import consulted, hosts
from ingest.records import Statement, Verslag
from vectorstore.index import RecordIndex


def _people(v: Verslag) -> str:
    people = [
        f"{a.name} ({a.organisation})" if a.organisation else a.name for a in consulted(v.attendees)
    ]
    return and_list(people) or "niet vermelde deelnemers"


def _topics(statements: list[Statement]) -> str:
    tags = Counter(t for s in statements for t in s.opgaven).most_common(3)
    return and_list([f"{t} ({n})" for t, n in tags])


def opening_text(
    scope: Scope, statements: list[Statement], verslagen: dict[str, Verslag], index: RecordIndex
) -> str:
    """Who, when, about what: in plain sentences, from the records only."""
    topics = _topics(statements)
    about = f" De meeste uitspraken gaan over {topics}." if topics else ""
    if scope.kind == "verslag":
        v = verslagen[scope.value]
        own_people = host_speakers(v, index.statements(v.id))
        host = and_list([attendee_label(a) for a in hosts(v.attendees)] + sorted(own_people))
        text = (
            f"Op {dutch_date(v.date)} sprak de gemeente in gesprek {gesprek_no(v)} met "
            f"{_people(v)} over de visie op het sociaal domein."
        )
        if host:
            text += f" Namens de gemeente: {host}."
        said = Counter(
            s.organisation or s.speaker
            for s in statements
            if s.attribution != "none" and (s.organisation or s.speaker) not in own_people
        )
        n = plural(len(statements), "uitspraak", "uitspraken")
        if said:
            who = and_list([f"{w} ({k})" for w, k in said.most_common()])
            text += f" Het verslag bevat {n}; aan het woord waren {who}."
        else:
            text += (
                f" Het verslag bevat {n}, maar schrijft er geen toe aan een persoon of "
                "organisatie: de deelnemers waren aanwezig, wie wat zei staat er niet in."
            )
        return text + about
    if scope.kind == "organisation":
        present = [
            (v, [a for a in v.attendees if a.organisation == scope.value])
            for v in index.verslagen()
        ]
        present = [(v, people) for v, people in present if people]
        where = and_list(
            [
                f"gesprek {gesprek_no(v)} ({dutch_date(v.date)}, met "
                f"{and_list([a.name for a in people])})"
                for v, people in present
            ]
        )
        text = f"{scope.value} was aanwezig bij {where}." if where else ""
        n = plural(len(statements), "uitspraak", "uitspraken")
        return f"{text} Het verslag schrijft {n} aan {scope.value} toe.{about}".strip()
    used = [verslagen[i] for i in dict.fromkeys(s.verslag_id for s in statements) if i in verslagen]
    gesprekken = and_list([f"gesprek {gesprek_no(v)} ({dutch_date(v.date)})" for v in used])
    who = Counter(s.organisation or s.speaker or "" for s in statements if s.attribution != "none")
    unattributed = sum(s.attribution == "none" for s in statements)
    parts = [f"{w} ({k})" for w, k in who.most_common() if w]
    if unattributed:
        parts.append(f"{unattributed} niet toegeschreven")
    n = plural(len(statements), "uitspraak", "uitspraken")
    text = f"Over {article(scope.label)} {scope.label} gaan {n}"
    text += f", in {gesprekken}." if gesprekken else "."
    return text + (f" Ze komen van {and_list(parts)}." if parts else "")


def header(
    scope: Scope, statements: list[Statement], verslagen: dict[str, Verslag]
) -> list[tuple[str, str]]:
    subject = {
        "verslag": f"alle uitspraken in het verslag van {scope.label}",
        "organisation": f"alle uitspraken die in de verslagen aan {scope.value} zijn toegeschreven",
        "opgave": f"alle uitspraken over {article(scope.label)} {scope.label}",
    }[scope.kind]
    ids = [scope.value] if scope.kind == "verslag" else [s.verslag_id for s in statements]
    used = [verslagen[i] for i in dict.fromkeys(ids) if i in verslagen]
    header = [("Onderwerp", subject), ("Verslagen", ", ".join(map(gesprek, used)) or "geen")]
    for v in used:
        people = "; ".join(attendee_label(a) for a in consulted(v.attendees)) or "niet vermeld"
        header.append((f"Aanwezig bij gesprek {gesprek_no(v)}", people))
        own = "; ".join(attendee_label(a) for a in hosts(v.attendees))
        if own:
            header.append((f"Namens de gemeente bij gesprek {gesprek_no(v)}", own))
    return [*header, ("Uitspraken", _counts(statements))]


def _counts(statements: list[Statement]) -> str:
    n, n_none = len(statements), sum(s.attribution == "none" for s in statements)
    total = plural(n, "uitspraak", "uitspraken")
    if n_none == 0:
        return f"{total}, alle toegeschreven aan een spreker" if n else total
    if n_none == n:
        return f"{total}, geen ervan toegeschreven aan een spreker"
    return f"{total}, waarvan {n - n_none} toegeschreven en {n_none} niet toegeschreven"


def gesprek(v: Verslag) -> str:
    return f"gesprek {gesprek_no(v)} ({dutch_date(v.date)})"


def article(label: str) -> str:
    return "het" if label.startswith("thema") else "de"
