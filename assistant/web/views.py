"""Pure HTML for the app's Samenvatting and Overzicht tabs: a summary draft, the conversations
table, the attendance per organisation, the clickable heatmap table, an opgave's statements
(each with "Toon in verslag" and why it got its opgaven: `render_tag_reasons`, which the chat's
sources panel can use too).

Like `ui_render`, everything that comes from a verslag is escaped here before it becomes markup
(the summary's Markdown holds verbatim quotes: it is escaped first, then the small Markdown
subset the drafts use becomes tags). No Gradio import: plain functions, tested table-driven.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping

from assistant.answering.citations import Citation
from assistant.nl import dutch_date, gesprek_no, plural
from assistant.reports.draft import Scope, Summary, source_line
from assistant.reports.markdown import to_html
from assistant.reports.overview import (
    HOST_COLUMN,
    PRESENCE_LABEL,
    UNATTRIBUTED_COLUMN,
    Overview,
    column_of,
)
from assistant.web.render import attribution_note, esc
from ingest.records import Attendee, Statement, Verslag
from ingest.text import fold

# --- the summary draft ----------------------------------------------------------------------

MODE_NOTE = {
    "extractive": "Letterlijke samenvatting: de uitspraken zelf, gegroepeerd per opgave.",
    "llm": "Geschreven door het taalmodel uit de genummerde uitspraken; elk nummer is "
    "gecontroleerd tegen de bronnen.",
}


def summary_filename(scope: Scope) -> str:
    """A plain file stem for a draft ("samenvatting-organisatie-humanitas")."""
    kind = {"verslag": "", "organisation": "organisatie", "opgave": ""}[scope.kind]
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{kind} {scope.label}")).strip("-")
    return f"samenvatting-{slug[:80].rstrip('-')}" if slug else "samenvatting"


def render_summary(summary: Summary) -> str:
    """The draft as shown in the app: what the .md holds, with the source list as cards."""
    refs = {c.n: f"{_who(c)} — {c.where}" for c in summary.citations}
    markdown = summary.markdown()
    if summary.citations:
        head, sep, _ = markdown.rpartition("\n## Bronnen\n")
        markdown = head if sep else markdown
    parts = [
        f'<div class="sum-mode sum-{esc(summary.mode)}">{esc(MODE_NOTE[summary.mode])}</div>',
        f'<div class="sum-body">{to_html(markdown, marker=_ref(refs), shift=1)}</div>',
    ]
    if summary.citations:
        cards = "".join(_source(c) for c in summary.citations)
        parts.append(f'<section class="sum-sources"><h3>Bronnen</h3><ol>{cards}</ol></section>')
    if summary.warnings:
        lis = "".join(f"<li>{esc(w)}</li>" for w in summary.warnings)
        parts.append(
            f'<details class="sum-warnings"><summary>Controlemeldingen '
            f"({len(summary.warnings)})</summary><ul>{lis}</ul></details>"
        )
    return f'<article class="sum-draft">{"".join(parts)}</article>'


def _ref(refs: Mapping[int, str]) -> Callable[[int], str | None]:
    """`[n]` of a known source as a marker linking to its entry in the source list."""

    def marker(n: int) -> str | None:
        if n not in refs:
            return None
        return f'<a class="sum-ref" href="#sum-bron-{n}" title="{esc(refs[n])}">[{n}]</a>'

    return marker


def _who(c: Citation) -> str:
    return "niet toegeschreven" if c.attribution == "none" else c.who


def _source(c: Citation) -> str:
    return (
        f'<li class="sum-source" id="sum-bron-{c.n}"><span class="src-n">{c.n}</span>'
        f'<span class="src-who">{esc(_who(c))}</span> <span class="src-where">{esc(c.where)}'
        f'</span><div class="sum-question">{esc(c.section)}</div>'
        f"<details><summary>Citaat</summary><blockquote>{esc(c.text)}</blockquote></details>"
        f'<span class="sum-id" title="{esc(source_line(c))}">{esc(c.statement_id)}</span></li>'
    )


def render_note(text: str, kind: str = "info") -> str:
    """A plain message in a tab's panel (empty store, a scope to choose, an error)."""
    return f'<div class="tab-note tab-{esc(kind)}">{esc(text)}</div>'


# --- the overview -----------------------------------------------------------------------------


def _person(a: Attendee) -> str:
    org = (
        f'<span class="ov-org">{esc(a.organisation)}</span>'
        if a.organisation
        else '<span class="ov-org none">geen organisatie vermeld</span>'
    )
    role = f'<span class="ov-role">{esc(a.role)}</span>' if a.role else ""
    return f'<li><span class="ov-name">{esc(a.name)}</span>{role}{org}</li>'


def render_conversations(ov: Overview) -> str:
    """Who was consulted when: one row per gesprek (number, date, attendees with role and
    organisation, what it yielded)."""
    if not ov.conversations:
        return render_note("Nog geen gesprekken: er zijn nog geen verslagen ingelezen.")
    rows = []
    for c in ov.conversations:
        v = c.verslag
        people = "".join(_person(a) for a in c.attendees) or '<li class="none">niet vermeld</li>'
        if c.hosts:
            people += (
                f'<li class="ov-host"><span class="ov-role">{HOST_COLUMN}:</span> '
                f"{esc('; '.join(c.hosts))}</li>"
            )
        said = [(who, n) for who, n in c.speakers if who != UNATTRIBUTED_COLUMN]
        if said:
            who = "; ".join(f"{esc(w)} {n}" for w, n in said)
            rest = dict(c.speakers).get(UNATTRIBUTED_COLUMN, 0)
            who += f"; niet toegeschreven {rest}" if rest else ""
        else:
            who = "het verslag schrijft niets aan iemand toe"
        topics = ", ".join(f"{esc(name)} {n}" for name, n in c.opgaven[:4]) or "geen"
        rows.append(
            f'<tr><td class="ov-num">{esc(gesprek_no(v))}</td>'
            f'<td class="ov-date">{esc(dutch_date(v.date))}</td>'
            f'<td><ul class="ov-people">{people}</ul></td>'
            f'<td class="ov-yield"><strong>{plural(c.n_statements, "uitspraak", "uitspraken")}'
            f"</strong><div>Wie: {who}</div><div>Meest genoemd: {topics}</div>"
            f'<div class="ov-source">{esc(v.source)}</div></td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("Gesprek", "Datum", "Aanwezig", "Opbrengst"))
    n = sum(c.n_statements for c in ov.conversations)
    orgs = [c for c in ov.columns if c not in (UNATTRIBUTED_COLUMN, HOST_COLUMN)]
    lead = (
        f"{plural(len(ov.conversations), 'gesprek', 'gesprekken')}, "
        f"{plural(n, 'uitspraak', 'uitspraken')}; toegeschreven aan: "
        f"{esc(', '.join(orgs)) or 'niemand'}."
    )
    return (
        f'<p class="ov-lead">{lead}</p>'
        f'<table class="ov-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def opgave_choices(ov: Overview) -> list[tuple[str, str]]:
    """The matrix rows for a dropdown: "Armoede — 7 uitspraken"."""
    return [
        (f"{ov.row_label(r)} — {plural(ov.row_total(r), 'uitspraak', 'uitspraken')}", r)
        for r in ov.rows
    ]


NO_OPGAVE = "Kies een opgave of thema: de uitspraken erover verschijnen hier, letterlijk."


def render_statements(
    statements: list[Statement],
    verslagen: Mapping[str, Verslag],
    label: str,
    column: str | None = None,
    host_names: frozenset[str] = frozenset(),
) -> str:
    """An opgave's statements (optionally one column's), in record order, each with speaker,
    organisation, verslag and question."""
    order = {vid: i for i, vid in enumerate(verslagen)}
    ranked = sorted(statements, key=lambda s: (order.get(s.verslag_id, len(order)), s.position))
    scope = f"{label} · {column}" if column else label
    head = (
        f'<div class="ov-stmts-head"><strong>{esc(scope)}</strong>: '
        f"{plural(len(ranked), 'uitspraak', 'uitspraken')}"
    )
    per = Counter(column_of(s, host_names) for s in ranked)
    if not column and per:
        head += " (" + ", ".join(f"{esc(w)} {n}" for w, n in per.most_common()) + ")"
    head += "</div>"
    if not ranked:
        return head + render_note("Hierover staan geen uitspraken in de verslagen.")
    cards = [_statement(s, verslagen.get(s.verslag_id)) for s in ranked]
    return f'{head}<div class="ov-stmts">{"".join(cards)}</div>'


def render_tag_reasons(opgaven: tuple[str, ...], reasons: tuple[str, ...]) -> str:
    """Why a statement (or citation) got each opgave: "Armoede — trefwoord “armoede”".
    Empty for a statement without opgaven; a store without reasons shows the tags only."""
    if not opgaven:
        return ""
    items = []
    for i, name in enumerate(opgaven):
        why = reasons[i] if i < len(reasons) and len(reasons) == len(opgaven) else ""
        items.append(
            f'<li><span class="tag-name">{esc(name)}</span>'
            + (f' <span class="tag-why">{esc(why)}</span>' if why else "")
            + "</li>"
        )
    return (
        f'<div class="tag-reasons"><span>Opgaven, en waarom:</span><ul>{"".join(items)}</ul></div>'
    )


def _statement(s: Statement, v: Verslag | None) -> str:
    c = Citation.of(0, s, v)
    note = attribution_note(s.attribution)
    rows = [
        ("Spreker", _who(c)),
        ("Organisatie", s.organisation if s.attribution != "none" and s.organisation else "—"),
        ("Verslag", c.where),
        ("Vraag", s.section or "—"),
    ]
    meta = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return (
        f'<article class="src-card ov-stmt"><header><span class="src-who">{esc(_who(c))}</span>'
        f'<span class="src-where">{esc(c.where)}</span></header>'
        f"<blockquote>{esc(s.text)}</blockquote>{note}"
        f'<dl class="src-meta">{meta}</dl>{render_tag_reasons(s.opgaven, s.opgave_reasons)}'
        f'<button type="button" class="ov-open" data-stmt="{esc(s.id)}">Toon in verslag</button>'
        "</article>"
    )


# --- attendance and the heatmap table ---------------------------------------------------------


def render_attendance(ov: Overview) -> str:
    """Per consulted organisation, per conversation: spoke (n), present without anything
    attributed, or not there. The municipality's hosts are not listed."""
    if not ov.presence:
        return ""
    heads = "".join(
        f'<th scope="col">Gesprek {esc(gesprek_no(c.verslag))}</th>' for c in ov.conversations
    )
    rows = []
    for p in ov.presence:
        cells = "".join(
            f'<td class="at-{status.replace(" ", "-")}">{esc(PRESENCE_LABEL[status](n))}</td>'
            for _, status, n in p.per_verslag
        )
        rows.append(f'<tr><th scope="row">{esc(p.organisation)}</th>{cells}</tr>')
    return (
        '<div class="at-wrap"><table class="at-table"><thead><tr><th scope="col">Organisatie'
        f"</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_heatmap_table(ov: Overview) -> str:
    """The opgave × organisation matrix as a table: each cell with statements is a button
    (data-row, data-col) that opens them; a row's label opens the whole row."""
    if not ov.conversations:
        return render_note("Nog geen gesprekken: er zijn nog geen verslagen ingelezen.")
    peak = max((ov.count(r, c) for r in ov.rows for c in ov.columns), default=0) or 1
    apart = (UNATTRIBUTED_COLUMN, HOST_COLUMN)
    heads = "".join(
        f'<th scope="col" class="hm-col{" hm-apart" if c in apart else ""}">'
        f"<span>{esc(c)}</span></th>"
        for c in ov.columns
    )
    body = []
    for r in ov.rows:
        total = ov.row_total(r)
        label = esc(ov.row_label(r))
        row_head = (
            f'<button type="button" class="hm-row" data-row="{esc(r)}" data-col="" '
            f'aria-label="{label}: alle {total} uitspraken">{label}</button>'
            if total
            else f'<span class="hm-row-empty">{label}</span>'
        )
        cells = []
        for c in ov.columns:
            n = ov.count(r, c)
            if not n:
                cells.append('<td class="hm-zero" aria-label="geen">·</td>')
                continue
            level = round(0.15 + 0.85 * n / peak, 2)
            word = plural(n, "uitspraak", "uitspraken")
            cells.append(
                f'<td><button type="button" class="hm-cell{" hm-dark" if level > 0.6 else ""}" '
                f'data-row="{esc(r)}" data-col="{esc(c)}" style="--hm:{level}" '
                f'aria-label="{label} · {esc(c)}: {word}" title="{label} · {esc(c)}: {word}">'
                f"{n}</button></td>"
            )
        body.append(f'<tr><th scope="row">{row_head}</th>{"".join(cells)}</tr>')
    return (
        '<div class="hm-wrap"><table class="hm-table"><thead><tr><th scope="col" class="hm-corner">'
        f"Opgave</th>{heads}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        '<p class="hm-note">Klik op een getal om de uitspraken te lezen, of op een opgave voor '
        "alle uitspraken erover. Een uitspraak kan bij meer opgaven horen.</p>"
    )
