"""Pure HTML rendering for the Gradio app: answers, sources, the passage in its verslag.

Everything that comes from a verslag (or a user) is escaped here before it becomes markup;
the only tags in the output are the ones these functions write. No Gradio import: the
functions are plain str -> str and tested table-driven.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from assistant.answering.answer import Answer
from assistant.answering.citations import Citation
from assistant.nl import dutch_date, gesprek_no, numeral
from assistant.reports.markdown import to_html
from ingest.pipeline import FileReport
from ingest.records import Verslag
from vectorstore.search import Filters


def esc(text: object) -> str:
    """Text -> HTML text (quotes too, so the result is safe inside attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


# --- answers -----------------------------------------------------------------------------


def _chat_marker(citations: Iterable[Citation], turn: int) -> Callable[[int], str | None]:
    """`[n]` of a known citation as a focusable marker (classes `rp-t<turn> rp-n<n>` open that
    source; the chat's sanitiser drops data-* attributes but keeps classes, read by
    style.SOURCES_JS), with a preview of the quote, speaker and verslag shown on hover and
    keyboard focus (CSS). Every text in it is escaped."""
    known = {c.n: c for c in citations}

    def marker(n: int) -> str | None:
        c = known.get(n)
        if c is None:
            return None
        quote = c.text if len(c.text) <= PREVIEW else c.text[: PREVIEW - 1].rstrip() + "…"
        tip = (
            f'<span class="cite-tip" role="tooltip"><span class="cite-tip-who">{esc(c.who)}'
            f'</span><span class="cite-tip-where">{esc(c.where)}</span>'
            f'<span class="cite-tip-quote">{esc(quote)}</span></span>'
        )
        return (
            f'<span class="cite-ref rp-t{turn} rp-n{n}" tabindex="0" role="button" '
            f'aria-label="Bron {n}: {esc(c.who)}, {esc(c.where)}">[{n}]{tip}</span>'
        )

    return marker


PREVIEW = 280


def render_text(text: str, citations: Iterable[Citation], turn: int) -> str:
    """Answer text (Markdown, with `[n]` markers) as safe HTML on one line."""
    return to_html(text, marker=_chat_marker(citations, turn), breaks=True)


def filters_label(filters: Filters, verslagen: dict[str, Verslag] | None = None) -> str:
    """The filters an answer used, in Dutch ("organisatie Humanitas; gesprek II")."""
    verslagen = verslagen or {}
    parts = []
    if filters.verslag_ids:
        names = [
            f"gesprek {gesprek_no(verslagen[v])}" if v in verslagen else v
            for v in filters.verslag_ids
        ]
        parts.append("verslag " + ", ".join(names))
    if filters.organisations:
        parts.append("organisatie " + ", ".join(filters.organisations))
    if filters.persons:
        parts.append("persoon " + ", ".join(filters.persons))
    if filters.opgaven:
        parts.append("opgave " + ", ".join(filters.opgaven))
    return "; ".join(parts)


def render_answer(
    answer: Answer,
    turn: int,
    verslagen: dict[str, Verslag] | None = None,
    *,
    pending: bool = False,
    overruled: Iterable[str] = (),
) -> str:
    """An assistant message: the answer, which filters it used (and which UI choice the
    question overruled), notices, warnings and a copy button."""
    body = render_text(answer.text, answer.citations, turn)
    head = ""
    if answer.notice:
        head = f'<div class="ans-notice">{esc(answer.notice)}</div>'
    meta = []
    label = filters_label(answer.filters, verslagen)
    if label:
        meta.append(f'<div class="ans-filters">Gezocht binnen: {esc(label)}</div>')
    for note in overruled:
        meta.append(f'<div class="ans-overruled">{esc(note)}</div>')
    if answer.citations and not pending and turn == 0:  # the first answer explains
        meta.append(
            '<div class="ans-hint">Ga met de muis op een nummer staan (of tab ernaartoe) voor '
            "het citaat; klik erop om de uitspraak in het verslag te zien, onder Bronnen.</div>"
        )
    if answer.warnings:
        lis = "".join(f"<li>{esc(w)}</li>" for w in answer.warnings)
        meta.append(f'<div class="ans-warnings">Let op:<ul>{lis}</ul></div>')
    if not pending:
        meta.append(
            '<div class="ans-tools"><button type="button" class="ans-copy">'
            "Antwoord kopiëren</button></div>"
        )
    cls = "answer pending" if pending else "answer"
    return f'<div class="{cls}">{head}<div class="ans-body">{body}</div>{"".join(meta)}</div>'


def render_message(text: str, kind: str = "info") -> str:
    """A plain assistant message (empty store, errors, "searching"), escaped."""
    cls = "answer pending" if kind == "pending" else f"answer msg-{esc(kind)}"
    return f'<div class="{cls}"><p>{esc(text)}</p></div>'


# --- sources -----------------------------------------------------------------------------

NO_SOURCES = (
    "Nog geen bronnen. Stel een vraag: de uitspraken waarop het antwoord steunt, verschijnen hier."
)


def render_sources(
    citations: list[Citation],
    turn: int | None,
    selected: int | None = None,
    *,
    found: bool = True,
    question: str = "",
) -> str:
    """The sources panel: which question they belong to, one card per cited statement."""
    if turn is None:
        return f'<div class="src-empty">{esc(NO_SOURCES)}</div>'
    head = (
        f'<div class="src-question">Bij de vraag: <q>{esc(question)}</q></div>' if question else ""
    )
    if not citations:
        text = (
            "Bij dit antwoord horen geen bronnen: de verslagen bevatten geen uitspraken "
            "die deze vraag beantwoorden."
            if not found
            else "Bij dit antwoord horen geen bronnen."
        )
        return f'{head}<div class="src-empty">{esc(text)}</div>'
    cards = [_card(c, turn, c.n == selected) for c in citations]
    return f'{head}<div class="src-list">{"".join(cards)}</div>'


ATTRIBUTION_NOTES = {
    "inferred": "Vervolg van dezelfde spreker (afgeleid).",
    "none": "Het verslag schrijft deze uitspraak aan niemand toe.",
}


def attribution_note(attribution: str) -> str:
    """Why a statement is shown without (or with an inferred) speaker, for a source card."""
    text = ATTRIBUTION_NOTES.get(attribution)
    return f'<div class="src-note">{text}</div>' if text else ""


def _card(c: Citation, turn: int, selected: bool) -> str:
    data = f'data-turn="{turn}" data-cite="{c.n}"'
    note = attribution_note(c.attribution)
    rows = [
        ("Spreker", c.who),
        ("Organisatie", c.organisation or "—"),
        ("Verslag", c.where),
        ("Vraag", c.section or "—"),
    ]
    meta = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    cls = "src-card selected" if selected else "src-card"
    return (
        f'<article class="{cls}" id="bron-{turn}-{c.n}">'
        f'<header><span class="src-n">{c.n}</span><span class="src-who">{esc(c.who)}</span>'
        f'<span class="src-where">{esc(c.where)}</span></header>'
        f"<blockquote>{esc(c.text)}</blockquote>{note}"
        f'<dl class="src-meta">{meta}</dl>'
        f'<button type="button" class="src-open" {data}>Toon in verslag</button>'
        "</article>"
    )


# --- the passage inside its verslag ------------------------------------------------------


def locate(text: str, span: tuple[int, int], quote: str | None = None) -> tuple[int, int] | None:
    """Where to highlight: the span when it holds the quote (or there is no quote to check);
    else where the quote occurs; else the span clamped to the text; None when empty."""
    a, b = (max(0, min(int(x), len(text))) for x in span)
    if quote is not None and text[a:b] != quote:
        found = text.find(quote) if quote else -1
        if found >= 0:
            return found, found + len(quote)
    return (a, b) if a < b else None


def highlight(text: str, span: tuple[int, int], quote: str | None = None) -> str:
    """The full text, escaped, with the passage in `<mark>`."""
    where = locate(text, span, quote)
    if where is None:
        return esc(text)
    a, b = where
    return f'{esc(text[:a])}<mark id="passage">{esc(text[a:b])}</mark>{esc(text[b:])}'


NO_PASSAGE = "Kies een bron (Toon in verslag) om de passage in het volledige verslag te zien."


def render_passage(verslag: Verslag | None, citation: Citation | None) -> str:
    if citation is None:
        return f'<div class="passage-empty">{esc(NO_PASSAGE)}</div>'
    if verslag is None:
        return (
            '<div class="passage-empty">Dit verslag staat niet meer in de kennisbank '
            "(vervangen of verwijderd).</div>"
        )
    title = verslag.title or f"Verslag gesprek {gesprek_no(verslag)}"
    head = (
        f'<div class="passage-head"><span class="src-n">{citation.n}</span>'
        f"<strong>{esc(title)}</strong>"
        f'<span class="passage-meta">{esc(dutch_date(verslag.date))} · {esc(citation.who)} · '
        f"{esc(citation.section)}</span></div>"
    )
    body = highlight(verslag.text, citation.span, citation.text)
    return f'<div class="passage">{head}<div class="passage-body">{body}</div></div>'


# --- store status, filters, ingest reports -----------------------------------------------


def verslag_label(v: Verslag) -> str:
    return f"Gesprek {gesprek_no(v)} — {dutch_date(v.date)}"


def render_user(user: str | None) -> str:
    """The header's login line with the logout link (nothing without a login)."""
    if not user:
        return ""
    return (
        f'<div class="rp-user">Ingelogd als <strong>{esc(user)}</strong> '
        '<a class="rp-logout" href="logout">Uitloggen</a></div>'
    )


def render_status(verslagen: list[Verslag], n_statements: int) -> str:
    if not n_statements:
        return (
            '<div class="status empty"><strong>De kennisbank is leeg.</strong> Er zijn nog '
            "geen verslagen ingelezen, dus er valt nog niets te vragen. Voeg bij "
            "<em>Verslag toevoegen</em> (bij de tabbladen) een verslag toe.</div>"
        )
    names = ", ".join(esc(verslag_label(v)) for v in verslagen)
    return (
        f'<div class="status">{len(verslagen)} '
        f"{'verslag' if len(verslagen) == 1 else 'verslagen'}, {n_statements} uitspraken: "
        f"{names}</div>"
    )


STATUS_NL = {
    "added": "Toegevoegd",
    "replaced": "Vervangen (nieuwe versie)",
    "unchanged": "Ongewijzigd (stond er al in)",
    "failed": "Geweigerd",
}

# Ingest's reasons (English, like the CLI) as officials read them; the technical text stays
# available behind "Details".
REASONS_NL: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), nl)
    for p, nl in [
        (r"no verslag structure", "dit is geen verslag: er staat geen titel 'Verslag …', "
         "geen rij 'Aanwezig' of 'Datum gesprek' en geen vragen in"),
        (r"file is empty", "het bestand is leeg"),
        (r"binary, not text", "het bestand is geen tekstbestand"),
        (r"neither UTF-8", "de tekenset van het bestand is onbekend (geen UTF-8 of Windows-1252)"),
        (r"not a readable Word", "het Word-bestand is beschadigd of geen echt .docx-bestand"),
        (r"PDF is encrypted", "de PDF is beveiligd; sla een onbeveiligde kopie op"),
        (r"not a readable PDF", "de PDF is beschadigd of onvolledig"),
        (r"no extractable text", "de PDF bevat geen tekst (een scan?)"),
        (r"unsupported file type", "dit bestandstype wordt niet ondersteund"),
        (r"over the limit|too large|too big", "het bestand is te groot"),
        (r"too many|too long|bound|limit", "het bestand is te groot of te ingewikkeld om veilig "
         "te lezen"),
        (r"store is busy|locked", "de kennisbank is bezet; probeer het zo opnieuw"),
        (r"no such file|cannot read", "het bestand kon niet worden gelezen"),
    ]
]  # fmt: skip
GENERIC_REASON = "het bestand kon niet als verslag worden gelezen"
WARNINGS_NL: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), nl)
    for p, nl in [
        (r"no title", "geen titelregel 'Verslag gesprek …' gevonden"),
        (r"no attendees", "geen aanwezigen ('Aanwezig') gevonden"),
        (r"no date", "geen datum van het gesprek gevonden"),
        (r"no statements", "geen uitspraken gevonden (zijn de vragenrijen leeg?)"),
    ]
]
GENERIC_WARNING = "let op: zie de details"


def warning_nl(warning: str) -> str:
    """An ingest warning (English) in Dutch."""
    return next((nl for p, nl in WARNINGS_NL if p.search(warning)), GENERIC_WARNING)


def reason_nl(error: str | None) -> str:
    """Ingest's (English) reason in Dutch; a generic Dutch reason when it is not known."""
    for pattern, nl in REASONS_NL:
        if pattern.search(error or ""):
            return nl
    return GENERIC_REASON


def details(text: str) -> str:
    """Technical detail behind a "Details" toggle."""
    return (
        f'<details class="report-details"><summary>Details</summary>'
        f'<pre class="report-line">{esc(text)}</pre></details>'
    )


def render_report(reports: list[FileReport]) -> str:
    """The ingest report in Dutch; the technical line behind "Details"."""
    rows = []
    for r in reports:
        name = esc(r.path.replace("\\", "/").rsplit("/", 1)[-1])
        status = STATUS_NL.get(r.status, r.status)
        if r.ok:
            when = dutch_date(r.date) if r.date else "datum onbekend"
            who = "; ".join(r.attendees) or "geen aanwezigen gevonden"
            no = numeral(r.number, r.path)
            text = (
                f"gesprek {esc(no)} ({esc(when)}), {r.statements} uitspraken. Aanwezig: {esc(who)}."
            )
            warn = "".join(f"<li>{esc(warning_nl(w))}</li>" for w in r.warnings)
            if warn:
                text += f'<ul class="report-warnings">{warn}</ul>'
        else:
            text = f"{esc(reason_nl(r.error))}. Er is niets aan de kennisbank veranderd."
        cls = "report ok" if r.ok else "report failed"
        rows.append(
            f'<div class="{cls}"><strong>{esc(status)}:</strong> {name} — {text}'
            f"{details(r.line())}</div>"
        )
    return "".join(rows)


def render_refusal(name: str, reason: str, technical: str | None = None) -> str:
    """An upload refused before ingest (type, size, name)."""
    more = details(technical) if technical else ""
    return (
        f'<div class="report failed"><strong>Geweigerd:</strong> {esc(name)} — {esc(reason)} '
        f"Er is niets aan de kennisbank veranderd.{more}</div>"
    )


def render_cancelled(name: str) -> str:
    return (
        f'<div class="report"><strong>Niet vervangen:</strong> {esc(name)}. Er is niets aan '
        "de kennisbank veranderd.</div>"
    )


def render_confirm(name: str, label: str, old_name: str) -> str:
    """The question before an upload replaces a stored verslag."""
    return (
        f'<div class="report confirm"><strong>Vervangen?</strong> {esc(name)} gaat over '
        f"hetzelfde gesprek als {esc(label)} of heeft dezelfde bestandsnaam (nu in de "
        f"kennisbank als {esc(old_name)}). Als je doorgaat, vervangt het dat verslag en zijn "
        "uitspraken. Doorgaan?</div>"
    )
