"""The onboarding briefing for a new official (`raadpleeg overview --out DIR` writes it as
briefing.docx): the conversations, who was consulted and who hosted, and the main points per
opgave with numbered sources. Written as Markdown once and turned into Word through
`reports.markdown` (the one Markdown path); A4, Word heading styles.
"""

from __future__ import annotations

from pathlib import Path

from assistant.answering.citations import Citation
from assistant.nl import KIND_LABEL, OVERIG, dutch_date, gesprek_no, plural
from assistant.reports.draft import and_list, attendee_label, shorten, source_line, without_label
from assistant.reports.markdown import a4, add_to_docx
from assistant.reports.overview import (
    HOST_COLUMN,
    PRESENCE_LABEL,
    UNATTRIBUTED_COLUMN,
    Overview,
    column_of,
    rows_of,
)
from ingest.records import Statement
from vectorstore.index import RecordIndex

TITLE = "Kennismaking: de gesprekken over de visie op het sociaal domein"
POINTS_PER_OPGAVE = 4  # the main points: the first statements of distinct speakers first
QUOTE_WORDS = 30


def briefing_markdown(ov: Overview, index: RecordIndex) -> str:
    """The briefing as Markdown (title, conversations, attendance, points, sources)."""
    verslagen = {c.verslag.id: c.verslag for c in ov.conversations}
    n = sum(c.n_statements for c in ov.conversations)
    out = [
        f"# {TITLE}",
        "",
        f"De gemeente sprak in {plural(len(ov.conversations), 'gesprek', 'gesprekken')} met "
        f"organisaties uit de gemeente over de visie; de verslagen bevatten "
        f"{plural(n, 'uitspraak', 'uitspraken')}. Dit document zet op een rij wie er is "
        "geraadpleegd en wat de belangrijkste punten per opgave zijn. De nummers [n] "
        "verwijzen naar de bronnen achterin.",
        "",
        "## De gesprekken",
        "",
    ]
    for c in ov.conversations:
        v = c.verslag
        people = "; ".join(attendee_label(a) for a in c.attendees) or "niet vermeld"
        line = f"- **Gesprek {gesprek_no(v)}, {dutch_date(v.date)}**: met {people}."
        if c.hosts:
            line += f" Namens de gemeente: {and_list(list(c.hosts))}."
        topics = and_list([name for name, _ in c.opgaven[:3]])
        line += f" {plural(c.n_statements, 'uitspraak', 'uitspraken')}"
        out.append(line + (f", vooral over {topics}." if topics else "."))
    out += ["", "## Wie is geraadpleegd", ""]
    for p in ov.presence:
        seen = [
            f"gesprek {gesprek_no(verslagen[vid])}: {PRESENCE_LABEL[status](k)}"
            for vid, status, k in p.per_verslag
            if status != "niet aanwezig" and vid in verslagen
        ]
        out.append(f"- **{p.organisation}**: {'; '.join(seen)}.")
    if not ov.presence:
        out.append("- Nog niemand: er zijn geen verslagen ingelezen.")
    out += ["", "## Hoofdpunten per opgave", ""]
    cited: dict[str, Citation] = {}
    for row in ov.rows:
        statements = [s for s in index.statements() if row in rows_of(s)]
        if not statements:
            continue
        who = [f"{c} {ov.count(row, c)}" for c in ov.columns if ov.count(row, c)]
        kind = KIND_LABEL.get(ov.kinds.get(row, ""), "Zonder opgave" if row == OVERIG else "")
        out += [f"### {row}", "", f"_{kind} · {plural(len(statements), 'uitspraak', 'uitspraken')}"]
        out[-1] += f": {', '.join(who)}._" if who else "._"
        out.append("")
        firsts: dict[str, Statement] = {}
        for s in statements:
            firsts.setdefault(column_of(s, ov.host_names), s)
        for speaker, s in list(firsts.items())[:POINTS_PER_OPGAVE]:
            c = cited.setdefault(s.id, Citation.of(len(cited) + 1, s, verslagen.get(s.verslag_id)))
            lead = "In het gesprek werd opgemerkt" if speaker == UNATTRIBUTED_COLUMN else speaker
            if speaker == HOST_COLUMN:
                lead = f"{c.speaker} (namens de gemeente)"
            quote = shorten(without_label(c.text, (speaker, c.who, c.speaker or "")), QUOTE_WORDS)
            out.append(f'- {lead}: "{quote}" [{c.n}] ({c.where})')
        out.append("")
    if cited:
        out += ["## Bronnen", ""]
        out += [f"- [{c.n}] {source_line(c)}" for c in cited.values()]
    return "\n".join(out).rstrip() + "\n"


def write_briefing(ov: Overview, index: RecordIndex, path: Path) -> Path:
    """The briefing as a Word document (A4, Title + Heading styles)."""
    from docx import Document

    markdown = briefing_markdown(ov, index)
    title, _, rest = markdown.partition("\n")
    doc = Document()
    a4(doc)
    doc.core_properties.title = TITLE
    doc.add_heading(title.lstrip("# "), level=0)
    add_to_docx(doc, rest, top_level=0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
