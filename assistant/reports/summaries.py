"""Follow-up summaries: a Dutch draft per verslag, organisation or opgave, every point cited.

Pure functions over the record index, for the CLI and the UI alike: `resolve_scope` turns what a
user typed into a `Scope` (or a `ScopeError` that lists what is known), `summarize` builds a
`Summary` record whose `markdown()` is the draft. Without an LLM the draft is extractive:
verbatim quotes grouped by opgave (by gesprek for an opgave summary), then by question, with
attributed and unattributed statements apart. With an LLM (`llm`: prompt -> text) the body is
model-written from the same numbered statements and checked; the source list stays the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import prompts
from assistant.answering.citations import Citation, check_citations
from assistant.answering.context import context_block, sanitise
from assistant.answering.query import (
    build_vocabulary,
    resolve_organisation,
    resolve_verslag,
    speaker_names,
)
from assistant.nl import KIND_LABEL, OVERIG, dutch_date, plural, roman
from assistant.reports.draft import Group, Part, Scope, Summary, attendee_label, extractive_body
from ingest.opgaven import Taxonomy
from ingest.records import Statement, Verslag
from vectorstore.index import RecordIndex

DRAFT_NOTE = (
    "Concept, samengesteld uit de verslagen. Citaten zijn letterlijk overgenomen; de nummers "
    "[n] verwijzen naar de bronnen onderaan. Controleer de tekst voordat u hem gebruikt."
)
NONE_ATTRIBUTED = (
    "Dit verslag schrijft geen uitspraken toe aan personen of organisaties: wie wat zei, staat "
    "er niet in. De aanwezigen staan hierboven alleen als deelnemers vermeld."
)
LLM_FAILED = "Het taalmodel reageerde niet; hieronder staat de letterlijke samenvatting."
LLM_MISATTRIBUTED = (
    "Het taalmodel schreef een punt toe aan een spreker zonder een uitspraak van die spreker "
    "aan te halen; hieronder staat daarom de letterlijke samenvatting."
)

TITLES = {
    "verslag": "Conceptsamenvatting {}",
    "organisation": "Conceptsamenvatting: uitspraken van {}",
    "opgave": "Conceptsamenvatting {}",
}

Llm = Callable[[str], str]
"""A prompt -> text function (the runtime's LLM, or a fake in tests)."""


class ScopeError(ValueError):
    """A verslag, organisation or opgave the store does not know; the message lists the known
    ones (in Dutch: the UI shows it as is)."""


def resolve_scope(
    index: RecordIndex,
    taxonomy: Taxonomy,
    *,
    verslag: str | None = None,
    organisation: str | None = None,
    opgave: str | None = None,
) -> Scope:
    """Exactly one of verslag (id, number "2"/"II", file name), organisation (fuzzy) or opgave."""
    given = [x for x in (verslag, organisation, opgave) if x]
    if len(given) != 1:
        raise ScopeError("Kies precies één van: verslag, organisatie of opgave.")
    verslagen = index.verslagen()
    if verslag:
        vid = resolve_verslag(verslag, verslagen)
        if vid is None:
            known = "; ".join(
                f"gesprek {roman(v.number)} ({dutch_date(v.date)}, {v.source}, id {v.id})"
                for v in verslagen
            )
            raise ScopeError(f"Onbekend verslag {verslag!r}. Bekende verslagen: {known or '-'}.")
        v = next(v for v in verslagen if v.id == vid)
        return Scope("verslag", vid, f"gesprek {roman(v.number)} ({dutch_date(v.date)})")
    if organisation:
        vocab = build_vocabulary(verslagen, index.statements(), taxonomy)
        org = resolve_organisation(organisation, vocab)
        known_orgs = known_organisations(index)
        if org not in known_orgs:
            raise ScopeError(
                f"Onbekende organisatie {organisation!r}. Bekende organisaties: "
                f"{', '.join(known_orgs) or '-'}."
            )
        return Scope("organisation", org, org)
    found = taxonomy.find(opgave or "")
    if found is None:
        raise ScopeError(
            f"Onbekende opgave {opgave!r}. Bekende opgaven: {', '.join(taxonomy.names)}."
        )
    return Scope("opgave", found.name, f"{found.kind} {found.name}")


def known_organisations(index: RecordIndex) -> list[str]:
    """Organisations with statements, then those that only attended; in record order."""
    spoke = [s.organisation for s in index.statements() if s.organisation]
    attended = [a.organisation for v in index.verslagen() for a in v.attendees if a.organisation]
    return list(dict.fromkeys([*spoke, *attended]))


def select_statements(index: RecordIndex, scope: Scope) -> list[Statement]:
    """The scope's statements in record order. An organisation gets only the statements whose
    organisation *is* that organisation: never unattributed ones."""
    order = {v.id: i for i, v in enumerate(index.verslagen())}
    if scope.kind == "verslag":
        chosen = index.statements(scope.value)
    elif scope.kind == "organisation":
        chosen = [
            s
            for s in index.statements()
            if s.organisation == scope.value and s.attribution != "none"
        ]
    else:
        chosen = [s for s in index.statements() if scope.value in s.opgaven]
    return sorted(chosen, key=lambda s: (order.get(s.verslag_id, len(order)), s.position))


# --- building ----------------------------------------------------------------------------


def summarize(
    index: RecordIndex, taxonomy: Taxonomy, scope: Scope, llm: Llm | None = None
) -> Summary:
    """The draft for `scope`; model-written when `llm` is given, extractive otherwise (and as
    the fallback when the model fails or attributes a point to someone it does not cite)."""
    statements = select_statements(index, scope)
    verslagen = {v.id: v for v in index.verslagen()}
    groups, citations = _group(statements, scope, taxonomy, verslagen)
    summary = Summary(
        scope=scope,
        title=TITLES[scope.kind].format(scope.label),
        header=_header(scope, statements, verslagen),
        body=_empty_body(scope, index),
        citations=citations,
        groups=groups,
        remarks=[DRAFT_NOTE, *_remarks(scope, statements)],
    )
    if citations:
        summary.body = extractive_body(groups, name_gesprek=scope.kind != "opgave")
    if llm is None or not citations:
        return summary
    sections = [
        (f"{g.title} ({g.note})", [c for p in g.parts for c in (*p.attributed, *p.unattributed)])
        for g in groups
    ]
    prompt = prompts.render(
        "summary", scope=sanitise(scope.label, 300), context=context_block(sections)
    )
    try:
        text = llm(prompt)
    except Exception as exc:  # unreachable, timeout: the extractive draft, with a notice
        return replace(summary, notice=LLM_FAILED, warnings=[f"taalmodel: {exc!s:.200}"])
    speakers = speaker_names(build_vocabulary(index.verslagen(), index.statements(), taxonomy))
    checked = check_citations(text, citations, speakers)
    if checked.misattributed or not checked.text.strip():
        notice = LLM_MISATTRIBUTED if checked.misattributed else LLM_FAILED
        return replace(summary, notice=notice, warnings=checked.warnings)
    return replace(summary, body=checked.text, mode="llm", warnings=checked.warnings)


def _header(
    scope: Scope, statements: list[Statement], verslagen: dict[str, Verslag]
) -> list[tuple[str, str]]:
    subject = {
        "verslag": f"alle uitspraken in het verslag van {scope.label}",
        "organisation": f"alle uitspraken die in de verslagen aan {scope.value} zijn toegeschreven",
        "opgave": f"alle uitspraken over {_article(scope.label)} {scope.label}",
    }[scope.kind]
    ids = [scope.value] if scope.kind == "verslag" else [s.verslag_id for s in statements]
    used = [verslagen[i] for i in dict.fromkeys(ids) if i in verslagen]
    header = [("Onderwerp", subject), ("Verslagen", ", ".join(map(_gesprek, used)) or "geen")]
    for v in used:
        people = "; ".join(attendee_label(a) for a in v.attendees) or "niet vermeld"
        header.append((f"Aanwezig bij gesprek {roman(v.number)}", people))
    n, n_none = len(statements), sum(s.attribution == "none" for s in statements)
    counts = (
        f"{plural(n, 'uitspraak', 'uitspraken')} "
        f"({n - n_none} toegeschreven, {n_none} niet toegeschreven)"
    )
    return [*header, ("Uitspraken", counts)]


def _gesprek(v: Verslag) -> str:
    return f"gesprek {roman(v.number)} ({dutch_date(v.date)})"


def _remarks(scope: Scope, statements: list[Statement]) -> list[str]:
    if scope.kind == "verslag" and statements and all(s.attribution == "none" for s in statements):
        return [NONE_ATTRIBUTED]
    return []


def _empty_body(scope: Scope, index: RecordIndex) -> str:
    if scope.kind != "organisation":
        return "In de verslagen staan geen uitspraken voor dit onderwerp."
    text = f"In de verslagen staan geen uitspraken die aan {scope.value} zijn toegeschreven."
    attended = [
        v for v in index.verslagen() if any(a.organisation == scope.value for a in v.attendees)
    ]
    if attended:
        text += (
            f" {scope.value} was aanwezig bij {', '.join(_gesprek(v) for v in attended)}, maar "
            "wie daar wat zei, staat niet in het verslag."
        )
    return text


def _group(
    statements: list[Statement],
    scope: Scope,
    taxonomy: Taxonomy,
    verslagen: dict[str, Verslag],
) -> tuple[list[Group], list[Citation]]:
    """Groups (opgaven in taxonomy order, then Overig; gesprekken for an opgave summary) and
    the citations, numbered in order of first appearance."""
    buckets: dict[str, list[Statement]] = {}
    if scope.kind == "opgave":
        for s in statements:
            buckets.setdefault(s.verslag_id, []).append(s)
    else:
        names = taxonomy.names
        tags = sorted(
            {t for s in statements for t in s.opgaven},
            key=lambda t: (names.index(t) if t in names else len(names), t),
        )
        for tag in tags:
            buckets[tag] = [s for s in statements if tag in s.opgaven]
        untagged = [s for s in statements if not s.opgaven]
        if untagged:
            buckets[OVERIG] = untagged
    numbers: dict[str, Citation] = {}

    def cite(s: Statement) -> Citation:
        if s.id not in numbers:
            numbers[s.id] = Citation.of(len(numbers) + 1, s, verslagen.get(s.verslag_id))
        return numbers[s.id]

    groups = []
    for key, members in buckets.items():
        parts = []
        for section in dict.fromkeys(s.section for s in members):
            in_section = [s for s in members if s.section == section]
            attributed = tuple(cite(s) for s in in_section if s.attribution != "none")
            unattributed = tuple(cite(s) for s in in_section if s.attribution == "none")
            parts.append(Part(section, attributed, unattributed))
        title, note = _group_heading(key, len(members), scope, taxonomy, verslagen)
        groups.append(Group(title, note, tuple(parts)))
    return groups, list(numbers.values())


def _group_heading(
    key: str, n: int, scope: Scope, taxonomy: Taxonomy, verslagen: dict[str, Verslag]
) -> tuple[str, str]:
    count = plural(n, "uitspraak", "uitspraken")
    if scope.kind == "opgave":
        v = verslagen.get(key)
        return (f"Gesprek {roman(v.number)} — {dutch_date(v.date)}" if v else key), count
    if key == OVERIG:
        return OVERIG, f"Zonder opgave · {count}"
    opgave = taxonomy.find(key)
    kind = KIND_LABEL.get(opgave.kind, opgave.kind) if opgave else "Opgave"
    return key, f"{kind} · {count}"


def _article(label: str) -> str:
    return "het" if label.startswith("thema") else "de"
