"""Render a `bench.layouts.Case` as a PDF: flowing text or a drawn 2-column table, with
running headers, page numbers and hyphenated line breaks when the layout asks for them."""

from __future__ import annotations

import datetime as dt

from bench.layout_parts import (
    intro,
    item_bullet,
    place_line,
    plain_parts,
    question_text,
    running_header,
    title_line,
)
from bench.layout_render import _att_label, _entries, _runon
from bench.layouts import Case

LABEL_W = 48.0  # mm, the label column of a drawn table
GAP = 6.0


class _Pdf:
    def __init__(self, case: Case) -> None:
        from fpdf import FPDF

        self.case = case
        self.pdf = FPDF(format="A4")
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_creation_date(dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
        self.pdf.set_auto_page_break(False)
        self.page = 0
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        pdf, lay = self.pdf, self.case.layout
        if self.page and lay.debris:
            pdf.set_font("helvetica", "", 8)
            pdf.text(pdf.w / 2 - 10, pdf.h - 10, f"Pagina {self.page}")
        pdf.add_page()
        self.page += 1
        self.y = pdf.t_margin
        if lay.debris:
            pdf.set_font("helvetica", "", 8)
            pdf.text(pdf.l_margin, 8, running_header(self.case))

    def finish(self) -> bytes:
        if self.case.layout.debris:
            self.pdf.set_font("helvetica", "", 8)
            self.pdf.text(self.pdf.w / 2 - 10, self.pdf.h - 10, f"Pagina {self.page}")
        return bytes(self.pdf.output())

    def wrap(self, text: str, width: float, style: str = "", size: float = 10) -> list[str]:
        pdf = self.pdf
        pdf.set_font("helvetica", style, size)
        lines: list[str] = []
        line = ""
        for word in text.split():
            trial = f"{line} {word}" if line else word
            if pdf.get_string_width(trial) <= width:
                line = trial
                continue
            if self.case.layout.hyphenate and len(word) >= 10 and word.isalpha() and line:
                for cut in range(len(word) - 4, 3, -1):
                    head = f"{line} {word[:cut]}-"
                    if word[:cut].islower() and pdf.get_string_width(head) <= width:
                        lines.append(head)
                        word = word[cut:]
                        break
                else:
                    lines.append(line)
                line = word
                continue
            if line:
                lines.append(line)
            line = word
        if line:
            lines.append(line)
        return lines

    def para(self, text: str, style: str = "", size: float = 10, gap: float = 1.0) -> None:
        pdf = self.pdf
        step = size * 0.5
        for line in self.wrap(text, pdf.epw, style, size):
            if self.y + step > pdf.h - pdf.b_margin:
                self.new_page()
            pdf.set_font("helvetica", style, size)
            self.y += step
            pdf.text(pdf.l_margin, self.y, line)
        self.y += step * gap

    def row(self, label: str, values: list[str], label_style: str = "B") -> None:
        """A drawn table row: the label wraps in the left column, values in the right."""
        pdf = self.pdf
        left = self.wrap(label, LABEL_W, label_style)
        right: list[str] = []
        for k, value in enumerate(values):
            if k:
                right.append("")
            right += self.wrap(value, pdf.epw - LABEL_W - GAP)
        step = 5.0
        for i in range(max(len(left), len(right))):
            if self.y + step > pdf.h - pdf.b_margin:
                self.new_page()
            self.y += step
            if i < len(left):
                pdf.set_font("helvetica", label_style, 10)
                pdf.text(pdf.l_margin, self.y, left[i])
            if i < len(right) and right[i]:
                pdf.set_font("helvetica", "", 10)
                pdf.text(pdf.l_margin + LABEL_W + GAP, self.y, right[i])
        self.y += step


def render_pdf(case: Case) -> bytes:
    lay = case.layout
    doc = _Pdf(case)
    doc.para(title_line(case), "B", 14)
    if place_line(case):
        doc.para(place_line(case) or "")
    for p in intro():
        doc.para(p, "I")
    label = _att_label(case)
    entries = _entries(case)
    if lay.table:
        value = entries if lay.attendees == "lines" else [_runon(case)]
        doc.row(label, value)
        if lay.date == "row":
            doc.row("Datum gesprek", [case.date_text])
        for i, (q, items) in enumerate(case.sections):
            values = []
            for k, item in enumerate(items):
                marker = item_bullet(item, lay, k)
                text = plain_parts(item, merge_more=True)
                values.append(f"{marker} {text}" if marker else text)
            doc.row(question_text(q, lay, i), values)
    else:
        if lay.attendees == "inline":
            doc.para(f"{label}: " + "; ".join(entries))
        elif lay.attendees == "list":
            doc.para(label, "B", gap=0)
            for x in entries:
                doc.para(f"• {x}", gap=0.2)
            doc.para("")
        else:
            doc.para(f"{label}: {_runon(case)}")
        if lay.date != "title":
            doc.para(f"Datum: {case.date_text}")
        for i, (q, items) in enumerate(case.sections):
            style = "B" if lay.question in ("heading", "bold") else ""
            doc.para(question_text(q, lay, i), style, 12 if lay.question == "heading" else 10)
            for k, item in enumerate(items):
                marker = item_bullet(item, lay, k)
                text = plain_parts(item, merge_more=True)
                doc.para(f"{marker} {text}" if marker else text)
        if lay.closing_heading:
            doc.para("Afsluiting", "B", 12)
    doc.para(case.closing.parts[0][2].text)
    return doc.finish()
