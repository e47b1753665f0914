"""Render a `bench.layouts.Case` as .txt, .md, .html, .docx or .pdf in its drawn layout."""

from __future__ import annotations

import datetime as dt
import html

from bench.layout_parts import (
    Item,
    attendee_cells,
    attendee_entry,
    intro,
    is_bullet,
    item_bullet,
    place_line,
    question_text,
    rendered_parts,
    running_header,
    title_line,
    to_bytes_docx,
    wrap_label,
)
from bench.layouts import Case

CLOSING = "Afsluiting"


def _runon(case: Case) -> str:
    return " ".join(f"{p.name}, {p.role}" for p in case.attendees)


def _entries(case: Case) -> list[str]:
    return [attendee_entry(p, case.layout) for p in case.attendees]


def _att_label(case: Case) -> str:
    return "Aanwezigen" if case.number % 2 else "Aanwezig"


# -- text and Markdown ------------------------------------------------------------------------


def _text_items(items: tuple[Item, ...], case: Case, md: bool) -> list[str]:
    lay = case.layout
    out: list[str] = []
    for k, item in enumerate(items):
        marker = item_bullet(item, lay, k)
        if marker == "•" and md:
            marker = "-"
        text = rendered_parts(item, lay.bold_labels, "md" if md else "txt")
        out += [f"{marker} {text}" if marker else text, ""]
        if item.more:  # a further paragraph of the bullet, indented under it
            out += [f"  {item.more[0]}", ""]
    return out


def _cell_html(items: tuple[Item, ...], case: Case, fmt: str) -> str:
    """A table cell's value as HTML fragments (the corpus export's TAB layout, and HTML)."""
    lay = case.layout
    chunks: list[str] = []
    open_list: list[str] = []
    tag = "ol" if lay.items == "numbered" else "ul"

    def close() -> None:
        if open_list:
            chunks.append(f"<{tag}>" + "".join(open_list) + f"</{tag}>")
            open_list.clear()

    for item in items:
        text = rendered_parts(item, lay.bold_labels, "html" if fmt == "html" else fmt)
        if is_bullet(item, lay):
            glyph = "• " if tag == "ul" and fmt != "html" else ""
            more = item.more[0] if item.more else ""
            more = f"<p>{html.escape(more, quote=False) if fmt == 'html' else more}</p>"
            open_list.append(f"<li>{glyph}{text}{more if item.more else ''}</li>")
        else:
            close()
            chunks.append(f"<p>{text}</p>")
    close()
    return " ".join(chunks)


def render_txt(case: Case, md: bool = False) -> str:
    lay = case.layout
    lines = [f"# {title_line(case)}" if md else title_line(case), ""]
    if place_line(case):
        lines += [place_line(case) or "", ""]
    for p in intro():
        lines += [f"*{p}*" if md else p, ""]
    if lay.table and not md:
        shape = lay.attendees
        if shape == "lines":
            value = "".join(f"<p>{e}</p>" for e in _entries(case))
        elif shape == "inline":
            value = "; ".join(_entries(case))
        else:
            value = _runon(case)
        lines.append(f"{_att_label(case)}\t{value}")
        if lay.date == "row":
            lines.append(f"Datum gesprek\t{case.date_text}")
        for i, (q, items) in enumerate(case.sections):
            lines.append(f"{question_text(q, lay, i)}\t{_cell_html(items, case, 'txt')}")
        if lay.debris:
            lines.append("--\t--")
        lines += ["", *(c[2].text for c in case.closing.parts)]
        return "\n".join(lines) + "\n"
    if lay.table:  # Markdown pipe table
        rows = [("", "")]
        shape = lay.attendees
        if shape in ("lines", "table2"):
            rows.append((_att_label(case), "<br>".join(_entries(case))))
        elif shape == "inline":
            rows.append((_att_label(case), "; ".join(_entries(case))))
        else:
            rows.append((_att_label(case), _runon(case)))
        if lay.date == "row":
            rows.append(("Datum gesprek", case.date_text))
        for i, (q, items) in enumerate(case.sections):
            cell = "<br>".join(
                (f"{item_bullet(it, lay, k)} " if item_bullet(it, lay, k) else "")
                + rendered_parts(it, lay.bold_labels, "md", merge_more=True)
                for k, it in enumerate(items)
            )
            rows.append((question_text(q, lay, i), cell))
        lines.append("| | |")
        lines.append("|---|---|")
        lines += [f"| {a} | {b} |" for a, b in rows[1:]]
        lines += ["", *(c[2].text for c in case.closing.parts), ""]
        return "\n".join(lines) + "\n"
    lines += _flow_meta_text(case, md)
    for i, (q, items) in enumerate(case.sections):
        if lay.debris and md:
            lines += ["---", ""]
        elif lay.debris:  # a page footer, a form feed, the title repeated as running header
            lines += [f"Pagina {i + 1} van {len(case.sections) + 1}", f"\f{title_line(case)}", ""]
        qt = question_text(q, lay, i)
        if lay.question == "heading":
            lines += [f"## {qt}" if md else qt.upper() if not qt[:1].isdigit() else qt, ""]
        elif lay.question == "bold" and md:
            lines += [f"**{qt}**", ""]
        else:
            lines += [qt, ""]
        lines += _text_items(items, case, md)
        lines.append("")
    if lay.closing_heading:
        lines += [f"## {CLOSING}" if md else f"{CLOSING}:", ""]
    lines += [case.closing.parts[0][2].text, ""]
    return "\n".join(lines) + "\n"


def _flow_meta_text(case: Case, md: bool) -> list[str]:
    lay = case.layout
    out: list[str] = []
    label = _att_label(case)
    if lay.attendees == "inline":
        out += [f"**{label}:** " + "; ".join(_entries(case)) if md else
                f"{label}: " + "; ".join(_entries(case)), ""]  # fmt: skip
    elif lay.attendees in ("list", "table2") and md and lay.attendees == "table2":
        out += [f"## {label}", "", "| Naam | Functie |", "|---|---|"]
        out += [f"| {a} | {b} |" for a, b in attendee_cells(case)] + [""]
    elif lay.attendees in ("list", "table2"):
        out += [f"**{label}**" if md else f"{label}:", ""]
        out += [f"- {e}" for e in _entries(case)] + [""]
    else:
        out += [f"{label}: {_runon(case)}", ""]
    if lay.date == "line":
        out += [f"Datum: {case.date_text}", ""]
    elif lay.date == "row":
        out += [f"Datum gesprek: {case.date_text}", ""]
    return out


# -- HTML -------------------------------------------------------------------------------------


def render_html(case: Case) -> str:
    lay = case.layout
    e = html.escape
    body = [f"<h1>{e(title_line(case))}</h1>"] + [f"<p><em>{e(p)}</em></p>" for p in intro()]
    if place_line(case):
        body.insert(1, f"<p>{e(place_line(case) or '')}</p>")
    if lay.debris:
        body.insert(0, '<nav><a href="index.html">Terug naar het overzicht</a></nav>')
    label = _att_label(case)
    if lay.table:
        rows: list[tuple[str, str]] = []
        if lay.attendees == "lines":
            rows.append((label, "".join(f"<p>{e(x)}</p>" for x in _entries(case))))
        elif lay.attendees == "inline":
            rows.append((label, e("; ".join(_entries(case)))))
        elif lay.attendees == "runon":
            rows.append((label, e(_runon(case))))
        else:
            body.append(f"<h2>{label}</h2><table><tr><th>Naam</th><th>Functie</th></tr>")
            body += [f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in attendee_cells(case)]
            body.append("</table>")
        if lay.date == "row":
            rows.append(("Datum gesprek", e(case.date_text)))
        for i, (q, items) in enumerate(case.sections):
            qt = question_text(q, lay, i)
            lab = "<br>".join(map(e, wrap_label(qt))) if lay.wrap_labels else e(qt)
            rows.append((lab, _cell_html(items, case, "html")))
        body.append("<table>")
        body += [f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows]
        body.append("</table>")
        if lay.debris:
            body.append("<hr>")
    else:
        if lay.attendees == "inline":
            body.append(f"<p><strong>{label}:</strong> {e('; '.join(_entries(case)))}</p>")
        elif lay.attendees == "list":
            body.append(f"<p><strong>{label}</strong></p><ul>")
            body += [f"<li>{e(x)}</li>" for x in _entries(case)] + ["</ul>"]
        elif lay.attendees == "table2":
            body.append(f"<h2>{label}</h2><table><tr><th>Naam</th><th>Functie</th></tr>")
            body += [f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in attendee_cells(case)]
            body.append("</table>")
        else:
            body.append(f"<p>{label}: {e(_runon(case))}</p>")
        if lay.date != "title":
            body.append(f"<p>Datum: {e(case.date_text)}</p>")
        for i, (q, items) in enumerate(case.sections):
            if lay.debris:
                body.append("<hr>")
            qt = e(question_text(q, lay, i))
            body.append(
                {"heading": f"<h2>{qt}</h2>", "bold": f"<p><strong>{qt}</strong></p>"}.get(
                    lay.question, f"<p>{qt}</p>"
                )
            )
            body.append(_cell_html(items, case, "html"))
        if lay.closing_heading:
            body.append(f"<h2>{CLOSING}</h2>")
    body.append(f"<p>{e(case.closing.parts[0][2].text)}</p>")
    if lay.debris:
        body.append("<footer>Gemeente Midden-Groningen | Postbus 3 | 9600 AA Hoogezand</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{e(case.title)}'
        "</title></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


# -- Word -------------------------------------------------------------------------------------


def _docx_item(paragraph, item: Item, case: Case, k: int) -> None:
    lay = case.layout
    marker = item_bullet(item, lay, k)
    if marker and not lay.debris:  # list styles carry no glyph in the text
        paragraph.style = "List Bullet" if marker == "•" else "List Number"
    elif marker:
        paragraph.add_run(f"{marker} ")
    for j, (label, body, _) in enumerate(item.parts):
        space = " " if j else ""
        if label is None:
            paragraph.add_run(space + body)
        else:
            paragraph.add_run(f"{space}{label}:").bold = lay.bold_labels
            paragraph.add_run(f" {body}")


def _docx_more(container, paragraph, item: Item, case: Case, k: int) -> None:
    """A further paragraph of a bullet: Word's "List Continue", or run on when bullets are
    typed glyphs (then nothing marks a paragraph as belonging to the bullet)."""
    if not item.more:
        return
    if item_bullet(item, case.layout, k) and not case.layout.debris:
        container.add_paragraph(item.more[0], style="List Continue")
    else:
        paragraph.add_run(" " + item.more[0])


def render_docx(case: Case) -> bytes:
    from docx import Document

    lay = case.layout
    doc = Document()
    doc.core_properties.author = "raadpleeg layouts"
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2019, 1, 1)
    if lay.debris:
        doc.sections[0].header.paragraphs[0].text = running_header(case)
        doc.sections[0].footer.paragraphs[0].text = "Pagina 1"
    doc.add_heading(title_line(case), level=1)
    if place_line(case):
        doc.add_paragraph(place_line(case))
    for p in intro():
        doc.add_paragraph().add_run(p).italic = True
    label = _att_label(case)

    def att_table() -> None:
        doc.add_heading(label, level=2)
        t = doc.add_table(rows=1, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Naam", "Functie"
        for a, b in attendee_cells(case):
            cells = t.add_row().cells
            cells[0].text, cells[1].text = a, b

    if lay.table:
        if lay.attendees == "table2":
            att_table()
        table = doc.add_table(rows=0, cols=2)
        if lay.attendees != "table2":
            cells = table.add_row().cells
            cells[0].text = label
            if lay.attendees == "lines":
                for j, x in enumerate(_entries(case)):
                    (cells[1].paragraphs[0] if j == 0 else cells[1].add_paragraph()).text = x
            else:
                joiner = "; " if lay.attendees == "inline" else " "
                value = joiner.join(_entries(case)) if lay.attendees == "inline" else _runon(case)
                cells[1].text = value
        if lay.date == "row":
            cells = table.add_row().cells
            cells[0].text, cells[1].text = "Datum gesprek", case.date_text
        for i, (q, items) in enumerate(case.sections):
            cells = table.add_row().cells
            lines = wrap_label(question_text(q, lay, i)) if lay.wrap_labels else [
                question_text(q, lay, i)]  # fmt: skip
            cells[0].text = lines[0]
            for extra in lines[1:]:
                cells[0].add_paragraph(extra)
            for k, item in enumerate(items):
                p = cells[1].paragraphs[0] if k == 0 else cells[1].add_paragraph()
                _docx_item(p, item, case, k)
                _docx_more(cells[1], p, item, case, k)
    else:
        if lay.attendees == "inline":
            p = doc.add_paragraph()
            p.add_run(f"{label}:").bold = True
            p.add_run(" " + "; ".join(_entries(case)))
        elif lay.attendees == "list":
            doc.add_paragraph().add_run(label).bold = True
            for x in _entries(case):
                doc.add_paragraph(x, style="List Bullet")
        elif lay.attendees == "table2":
            att_table()
        else:
            doc.add_paragraph(f"{label}: {_runon(case)}")
        if lay.date != "title":
            doc.add_paragraph(f"Datum: {case.date_text}")
        for i, (q, items) in enumerate(case.sections):
            qt = question_text(q, lay, i)
            if lay.question == "heading":
                doc.add_heading(qt, level=2)
            elif lay.question == "bold":
                doc.add_paragraph().add_run(qt).bold = True
            else:
                doc.add_paragraph(qt)
            for k, item in enumerate(items):
                p = doc.add_paragraph()
                _docx_item(p, item, case, k)
                _docx_more(doc, p, item, case, k)
        if lay.closing_heading:
            doc.add_heading(CLOSING, level=2)
    doc.add_paragraph(case.closing.parts[0][2].text)
    return to_bytes_docx(doc)
