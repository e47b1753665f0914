"""Word content python-docx does not surface: content controls (`w:sdt`).

Templates put their values in content controls: a block control in a table cell holding
paragraphs (one attendee per paragraph), an inline control inside a paragraph (a title, a date
picker's "11-6-2019"). python-docx's `cell.paragraphs`, `iter_inner_content()` and
`paragraph.text` skip them; these helpers read them in document order. A control still
showing its placeholder ("Klik of tik om tekst in te voeren.") holds no text.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

_SDT, _CONTENT, _PLACEHOLDER = qn("w:sdt"), qn("w:sdtContent"), qn("w:showingPlcHdr")
_P, _TBL, _R = qn("w:p"), qn("w:tbl"), qn("w:r")
# Inline containers whose runs are part of the paragraph's text.
_INLINE = {qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:customXml")}
_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}


def _placeholder(sdt) -> bool:
    pr = sdt.find(qn("w:sdtPr"))
    return pr is not None and pr.find(_PLACEHOLDER) is not None


def _sdt_children(sdt) -> list:
    content = sdt.find(_CONTENT)
    return [] if content is None or _placeholder(sdt) else list(content)


def block_items(elements, parent) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables among `elements` (a body's or a cell's children) in order, also
    those inside block content controls."""
    for child in elements:
        if child.tag == _P:
            yield Paragraph(child, parent)
        elif child.tag == _TBL:
            yield Table(child, parent)
        elif child.tag == _SDT:
            yield from block_items(_sdt_children(child), parent)


def _inline_text(element) -> str:
    parts: list[str] = []
    for child in element:
        if child.tag == _R:
            for piece in child:
                if piece.tag in _RUN_TEXT:
                    parts.append(_RUN_TEXT[piece.tag] or piece.text or "")
        elif child.tag == _SDT and not _placeholder(child):
            parts.extend(_inline_text(inner) for inner in child.iterchildren(_CONTENT))
        elif child.tag in _INLINE:
            parts.append(_inline_text(child))
    return "".join(parts)


def paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text with its inline content controls (python-docx's when it has none)."""
    if paragraph._p.find(_SDT) is None:
        return paragraph.text
    return _inline_text(paragraph._p)
