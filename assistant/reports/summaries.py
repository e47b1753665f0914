"""Follow-up summaries: a Dutch draft per verslag, organisation or opgave, every point cited.

Pure functions over the record index, for the CLI and the UI alike: `resolve_scope` turns what a
user typed into a `Scope` (or a `ScopeError` that lists what is known), `summarize` builds a
`Summary` record whose `markdown()` is the draft: an opening (who, when, about what), "Wat komt
terug" (points several organisations raised, `recurring.find_recurring`), then per opgave (per
gesprek for an opgave summary) the remaining statements, each once, quoted in whole sentences.
With an LLM (`llm`: prompt -> text) the opening and the recurring points are written by it from
the same numbered statements and pass `check_citations`; otherwise they are built extractively.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import prompts
from assistant.answering.citations import Citation, check_citations
from assistant.answering.context import context_block, sanitise
from assistant.answering.gesprekken import resolve_verslag
from assistant.answering.vocabulary import build_vocabulary, resolve_organisation, speaker_names
from assistant.nl import KIND_LABEL, OVERIG, dutch_date, gesprek_no, plural
from assistant.reports.attendance import host_names
from assistant.reports.draft import (
    CUT,
    OPENING,
    RECURRING,
    Group,
    Point,
    Recurring,
    Scope,
    Summary,
    and_list,
    body_markdown,
    recurring_markdown,
    shorten,
    without_label,
)
from assistant.reports.opening import gesprek, header, opening_text
from assistant.reports.recurring import Embed, find_recurring
from assistant.reports.recurring import Recurring as Found
from ingest.hosts import consulted
from ingest.opgaven import Taxonomy
from ingest.records import Statement, Verslag
from ingest.text import fold
from vectorstore.index import RecordIndex

DRAFT_NOTE = (
    "Concept, samengesteld uit de verslagen. Citaten zijn letterlijk overgenomen, zo nodig "
    "ingekort tot hele zinnen ([…]); de nummers [n] verwijzen naar de bronnen onderaan. "
    "Controleer de tekst voordat u hem gebruikt."
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
_IN_TEXT = re.compile(r"in de tekst: “([^”]+)”|trefwoord “([^”]+)”")

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
                f"gesprek {gesprek_no(v)} ({dutch_date(v.date)}, {v.source}, id {v.id})"
                for v in verslagen
            )
            raise ScopeError(f"Onbekend verslag {verslag!r}. Bekende verslagen: {known or '-'}.")
        v = next(v for v in verslagen if v.id == vid)
        return Scope("verslag", vid, f"gesprek {gesprek_no(v)} ({dutch_date(v.date)})")
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
    """Organisations with statements, then those that only attended (the municipality's
    hosts are no consulted party); in record order."""
    spoke = [s.organisation for s in index.statements() if s.organisation]
    attended = [
        a.organisation for v in index.verslagen() for a in consulted(v.attendees) if a.organisation
    ]
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
    index: RecordIndex,
    taxonomy: Taxonomy,
    scope: Scope,
    llm: Llm | None = None,
    embed: Embed | None = None,
) -> Summary:
    """The draft for `scope`. Recurring points are found with `embed` (the runtime's
    embedder) or, without it, lexically. With `llm` the opening and the recurring points are
    model-written and checked; the extractive draft is the fallback when the model fails or
    attributes a point to someone it does not cite."""
    statements = select_statements(index, scope)
    verslagen = {v.id: v for v in index.verslagen()}
    found = [] if scope.kind == "organisation" else find_recurring(statements, embed)
    numbers: dict[str, Citation] = {}
    own = host_names(index.verslagen(), index.statements())

    def point(s: Statement, focus: str = "", shown: str = "") -> Point:
        if s.id not in numbers:
            numbers[s.id] = Citation.of(len(numbers) + 1, s, verslagen.get(s.verslag_id))
        c = numbers[s.id]
        names = (c.who, c.organisation or "", c.speaker or "") if c.attribution != "none" else ()
        text = without_label(s.text, names)
        if not shown:
            return Point(c, shorten(text, focus=focus), host=s.speaker in own)
        whole, part = " ".join(text.split()), without_label(" ".join(shown.split()), names)
        before = "" if whole.startswith(part) else CUT.strip() + " "
        return Point(c, before + part + ("" if whole.endswith(part) else CUT))

    recurring = [
        Recurring(_topic(r, scope), r.organisations, tuple(point(s, shown=t) for s, t in _pairs(r)))
        for r in found
    ]
    taken = {s.id for r in found for s in r.statements}
    groups = _groups(
        [s for s in statements if s.id not in taken], scope, taxonomy, verslagen, point
    )
    citations = list(numbers.values())
    opening = opening_text(scope, statements, verslagen, index)
    summary = Summary(
        scope=scope,
        title=TITLES[scope.kind].format(scope.label),
        header=header(scope, statements, verslagen),
        body="",
        citations=citations,
        groups=groups,
        recurring=recurring,
        opening=opening,
        remarks=[DRAFT_NOTE, *_remarks(scope, statements)],
    )
    summary.body = body_markdown(opening, recurring_markdown(recurring), groups, True)
    if not citations:
        summary.body = f"## {OPENING}\n\n{opening}\n\n{_empty_body(scope, index)}"
    if llm is None or not citations:
        return summary
    prompt = prompts.render(
        "summary",
        scope=sanitise(scope.label, 300),
        facts=sanitise(opening, 3000),
        recurring=_recurring_hint(recurring) if recurring else "geen",
        context=context_block([(g.title, [p.citation for p in g.points]) for g in _all(summary)]),
    )
    try:
        text = llm(prompt)
    except Exception as exc:  # unreachable, timeout: the extractive draft, with a notice
        return replace(summary, notice=LLM_FAILED, warnings=[f"taalmodel: {exc!s:.200}"])
    speakers = speaker_names(build_vocabulary(index.verslagen(), index.statements(), taxonomy))
    checked = check_citations(text, citations, speakers)
    written = _sections(checked.text)
    if checked.misattributed or not written.get(OPENING):
        notice = LLM_MISATTRIBUTED if checked.misattributed else LLM_FAILED
        return replace(summary, notice=notice, warnings=checked.warnings)
    recurring_text = written.get(RECURRING, "") if recurring else ""
    body = body_markdown(written[OPENING], recurring_text, groups, True)
    return replace(
        summary, body=body, opening=written[OPENING], mode="llm", warnings=checked.warnings
    )


def _topic(r: Found, scope: Scope) -> str:
    """A recurring point's title: the opgave its statements share (unless the summary is
    about that opgave), else the words the sentences share."""
    topic, words = r.topic, r.words
    if topic and not (scope.kind == "opgave" and topic == scope.value):
        return topic
    return f"Over {and_list(list(words))}" if words else ""


def _pairs(r: Found) -> list[tuple[Statement, str]]:
    return list(zip(r.statements, r.sentences, strict=True))


def _all(summary: Summary) -> list[Group]:
    """Every statement of the draft under a heading, for the prompt: recurring points first."""
    out = [
        Group(f"{RECURRING}: {r.topic or 'gedeeld punt'}", "", r.points) for r in summary.recurring
    ]
    return out + summary.groups


def _recurring_hint(recurring: list[Recurring]) -> str:
    return "; ".join(
        f"{r.topic or 'gedeeld punt'}: " + ", ".join(f"[{p.citation.n}]" for p in r.points)
        for r in recurring
    )


def _sections(text: str) -> dict[str, str]:
    """The model's "## Samenvatting" and "## Wat komt terug" sections (text under each)."""
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = line.strip().lstrip("#").strip() if line.lstrip().startswith("#") else None
        if heading is not None:
            current = next((k for k in (OPENING, RECURRING) if fold(heading) == fold(k)), None)
            continue
        if current:
            out.setdefault(current, []).append(line)
    return {k: "\n".join(v).strip() for k, v in out.items() if "\n".join(v).strip()}


def _focus(s: Statement, opgave: str) -> str:
    """The words that got `s` its tag `opgave` (from its reason), to quote that sentence."""
    if opgave not in s.opgaven or len(s.opgave_reasons) != len(s.opgaven):
        return ""
    m = _IN_TEXT.search(s.opgave_reasons[s.opgaven.index(opgave)])
    return (m.group(1) or m.group(2)) if m else ""


def _groups(
    statements: list[Statement],
    scope: Scope,
    taxonomy: Taxonomy,
    verslagen: dict[str, Verslag],
    point: Callable[..., Point],
) -> list[Group]:
    """Opgaven in taxonomy order, then Overig (gesprekken for an opgave summary); a statement
    sits under its first opgave only, and names the others it touches."""
    buckets: dict[str, list[Statement]] = {}
    names = taxonomy.names
    order = {n: i for i, n in enumerate(names)}
    for s in statements:
        if scope.kind == "opgave":
            key = s.verslag_id
        else:
            tags = sorted(s.opgaven, key=lambda t: (order.get(t, len(order)), t))
            key = tags[0] if tags else OVERIG
        buckets.setdefault(key, []).append(s)
    keys = list(buckets)
    if scope.kind != "opgave":
        keys.sort(key=lambda k: (k == OVERIG, order.get(k, len(order)), k))
    groups = []
    for key in keys:
        members = buckets[key]
        points = []
        for s in members:
            p = point(s, focus=_focus(s, key))
            also = tuple(t for t in s.opgaven if t != key and t != scope.value)
            points.append(replace(p, also=also))
        title, note = _group_heading(key, len(members), scope, taxonomy, verslagen)
        groups.append(Group(title, note, tuple(points)))
    return groups


# --- wording -----------------------------------------------------------------------------


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
            f" {scope.value} was aanwezig bij {', '.join(gesprek(v) for v in attended)}, maar "
            "wie daar wat zei, staat niet in het verslag."
        )
    return text


def _group_heading(
    key: str, n: int, scope: Scope, taxonomy: Taxonomy, verslagen: dict[str, Verslag]
) -> tuple[str, str]:
    count = plural(n, "uitspraak", "uitspraken")
    if scope.kind == "opgave":
        v = verslagen.get(key)
        return (f"Gesprek {gesprek_no(v)} — {dutch_date(v.date)}" if v else key), count
    if key == OVERIG:
        return OVERIG, f"Zonder opgave · {count}"
    opgave = taxonomy.find(key)
    kind = KIND_LABEL.get(opgave.kind, opgave.kind) if opgave else "Opgave"
    return key, f"{kind} · {count}"
