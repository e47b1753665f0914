"""Small rendering helpers shared by the layout renderers (bench/layout_render.py, _pdf.py)."""

from __future__ import annotations

import html
import io

from bench.layouts import TITLES, Case, Item, Layout, Person
from bench.synth import INTRO, _stable_zip


def attendee_entry(p: Person, layout: Layout) -> str:
    """One attendee as a line: title, name, role, 'namens' before or after the organisation."""
    name = display_name(p, layout)
    if layout.namens == "before" and p.organisation:
        return f"namens {p.organisation}: {name} ({p.role.split()[0]})"
    if layout.namens == "after" and p.organisation:
        return f"{name} ({p.role.split()[0]}) namens {p.organisation}"
    return f"{name}, {p.role}"


def attendee_cells(case: Case) -> list[tuple[str, str]]:
    """(name, role and organisation) pairs for a two-column attendee table."""
    return [(display_name(p, case.layout), p.role) for p in case.attendees]


def display_name(p: Person, layout: Layout) -> str:
    """The name as an attendee list writes it: "mevr. drs. Anne Bakker", "wethouder Jan Stol"."""
    if not layout.titles:
        return p.name
    if p.honorific == "wethouder":
        return f"wethouder {p.name}"
    return " ".join(x for x in (TITLES[p.female], p.honorific, p.name) if x)


def place_line(case: Case) -> str | None:
    """ "Hoogezand, 2 april 2019" under the title, when the layout dates the verslag so."""
    return f"Hoogezand, {case.date_text}" if case.layout.date == "place" else None


def date_line(case: Case) -> str:
    return case.date_text


def title_line(case: Case) -> str:
    if case.layout.date == "title":
        return f"{case.title} – {case.date_text}"
    return case.title


def question_text(q: str, layout: Layout, i: int) -> str:
    text = q if layout.qmark else q.rstrip("?")
    if layout.question == "numbered":
        return f"{i + 1}. {text}"
    return text


def wrap_label(text: str) -> list[str]:
    """The label as it wraps in a narrow column: about 22 characters a line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= 22:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def item_bullet(item: Item, layout: Layout, k: int) -> str:
    """The list marker an item gets in this layout ('' for a paragraph)."""
    if layout.items == "paragraphs":
        return ""
    if layout.items == "bullets" or (layout.items == "mixed" and item.bullet):
        return "•"
    if layout.items == "numbered":
        return f"{k + 1}."
    return ""


def is_bullet(item: Item, layout: Layout) -> bool:
    return layout.items in ("bullets", "numbered") or (layout.items == "mixed" and item.bullet)


def plain_parts(item: Item, merge_more: bool = False) -> str:
    """The item as plain text; `merge_more` runs a further paragraph on in the same one."""
    more = [item.more[0]] if merge_more and item.more else []
    return " ".join([*(t.text for _, _, t in item.parts), *more])


def rendered_parts(item: Item, bold: bool, fmt: str, merge_more: bool = False) -> str:
    out = []
    for label, body, _ in item.parts:
        if label is None:
            out.append(html.escape(body, quote=False) if fmt == "html" else body)
        elif bold and fmt == "md":
            out.append(f"**{label}:** {body}")
        elif bold and fmt == "html":
            out.append(f"<strong>{html.escape(label)}:</strong> {html.escape(body, quote=False)}")
        elif fmt == "html":
            out.append(html.escape(f"{label}: {body}", quote=False))
        else:
            out.append(f"{label}: {body}")
    if merge_more and item.more:
        out.append(html.escape(item.more[0], quote=False) if fmt == "html" else item.more[0])
    return " ".join(out)


def intro() -> tuple[str, ...]:
    return INTRO[:2]


def running_header(case: Case) -> str:
    return f"Gemeente Midden-Groningen · {case.title}"


def to_bytes_docx(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())
