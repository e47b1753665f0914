"""The one Markdown path: answers and drafts are written as Markdown once, and markdown-it-py
(shipped with Gradio) turns them into HTML for the app and into Word paragraphs for .docx.

Raw HTML in the Markdown is never passed through (verbatim quotes from a verslag may contain
`<script>`): markdown-it escapes it, and links and images are switched off, so the only tags
in the output are the ones markdown-it and `marker` write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from assistant.answering.citations import MARKER, numbers

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token

Marker = Callable[[int], str | None]
"""HTML for the citation marker `[n]` (None leaves it as text)."""


@cache
def _parser(breaks: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": breaks, "linkify": False})
    return md.disable(["link", "image", "html_inline", "html_block", "reference"])


def to_html(
    markdown: str, *, marker: Marker | None = None, shift: int = 0, breaks: bool = False
) -> str:
    """Markdown as safe HTML; headings move down `shift` levels (a panel has its own title);
    `breaks` keeps single line breaks (chat answers)."""
    tokens = _parser(breaks).parse(markdown)
    if shift:
        for t in tokens:
            if t.type in ("heading_open", "heading_close"):
                t.tag = f"h{min(int(t.tag[1]) + shift, 6)}"
    md = _parser(breaks)
    # One line: the chat shows HTML as is, and a blank line there would read as Markdown.
    html = md.renderer.render(tokens, md.options, {}).strip()
    html = re.sub(r">\n<", "><", html).replace("\n", " ")
    if marker is None:
        return html

    def markers(m: re.Match[str]) -> str:
        return "".join(marker(n) or f"[{n}]" for n in numbers(m.group(1)))

    return MARKER.sub(markers, html)


def add_to_docx(doc: DocxDocument, markdown: str, *, top_level: int = 1) -> None:
    """Append Markdown to a Word document with Word's own styles, so the document has a
    navigable outline: `#` becomes Heading `top_level` (never the level-0 Title, which is
    the document's own), deeper levels follow, up to Heading 4; list items List Bullet /
    List Number, quotes Quote; bold, italic and code inline."""
    lists: list[str] = []
    quote = 0
    para: Paragraph | None = None
    for t in _parser(False).parse(markdown):
        if t.type == "heading_open":
            level = min(max(int(t.tag[1]) - 1 + top_level, 1), 4)
            para = doc.add_heading("", level=level)
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if t.type == "bullet_list_open" else "List Number")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "blockquote_open":
            quote += 1
        elif t.type == "blockquote_close":
            quote -= 1
        elif t.type == "paragraph_open":
            style = lists[-1] if lists else ("Quote" if quote else None)
            para = doc.add_paragraph(style=style)
        elif t.type == "inline" and para is not None:
            _runs(para, t.children or [])
        elif t.type == "code_block" or t.type == "fence":
            doc.add_paragraph(t.content.rstrip()).runs[0].font.name = "Consolas"
        elif t.type in ("heading_close", "paragraph_close"):
            para = None


def add_inline(p: Paragraph, markdown: str) -> None:
    """One line of Markdown (bold, italic, code) as runs of an existing Word paragraph."""
    tokens = _parser(False).parseInline(markdown)
    _runs(p, tokens[0].children or [] if tokens else [])


def _runs(p: Paragraph, children: list[Token]) -> None:
    bold = italic = False
    for c in children:
        if c.type == "strong_open":
            bold = True
        elif c.type == "strong_close":
            bold = False
        elif c.type == "em_open":
            italic = True
        elif c.type == "em_close":
            italic = False
        elif c.type == "softbreak":
            p.add_run(" ")
        elif c.type == "hardbreak":
            p.add_run().add_break()
        elif c.type in ("text", "code_inline") and c.content:
            run = p.add_run(c.content)
            run.bold = bold or None
            run.italic = italic or None
            if c.type == "code_inline":
                run.font.name = "Consolas"
