"""HTML (web pages, Word's "save as HTML") to blocks: paragraphs, table rows with their label
and cells, headings; page furniture (navigation, footers) left out. lxml's parser, which is
linear in its input where Python's own slows down on unclosed tags."""

from __future__ import annotations

import re

from lxml import etree

from ingest.records import Block
from ingest.text import ITEM, MORE, as_item, collapse_ws

_BLOCK_TAGS = {
    "p", "div", "li", "br", "ul", "ol", "table", "blockquote", "section", "article", "body",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "pre",
}  # fmt: skip
# Page furniture, not content: navigation, page header and footer.
_SKIP_TAGS = {"script", "style", "head", "template", "noscript", "nav", "header", "footer", "aside"}
# The same furniture as a <div class="footer">, <div id="breadcrumbs">, <section class="menu">,
# Dutch <div class="voettekst"> (not "kop", which names a heading as often as a header).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:header|footer|nav|navbar|navigation|menu|breadcrumbs?|cookies?|sidebar|"
    r"site-header|site-footer|koptekst|kopregel|voet|voettekst|voetregel|"
    # sharing buttons, readers' comments and replies, related pages, "last changed"
    r"share|sharing|social|comments?|reacties|replies|related|gerelateerd|changed)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Word's "save as HTML" keeps its page header and footer as <div style='mso-element:footer'>.
_MSO_FURNITURE = re.compile(
    r"mso-element\s*:\s*(?:header|footer|footnote|endnote|comment)",
    re.I,  # comment-list too
)
_CONTAINERS = ("div", "section")
# An indented paragraph (a Word "List Continue" or MsoListParagraph without its own bullet, a
# Google Docs paragraph whose class sets a left margin) right under a list item continues it.
_INDENT = re.compile(r"(?:margin|padding)-left\s*:\s*(?:0*[1-9]|0*\.\d*[1-9])")
_LIST_CONTINUE = re.compile(r"^MsoList(?:Paragraph|Continue)", re.IGNORECASE)
_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
# A document comment's or footnote's anchor in the text ("[a]", "[1]": `href="#cmnt1"`) and
# the back link that opens the comment or note itself (`href="#cmnt_ref1"`), Google Docs' and
# Word's export: neither is the verslag's text.
_NOTE_ANCHOR = re.compile(r"^#?_?(?:cmnt|ftnt|ftn|edn|msocom|comment|footnote)", re.I)
_NOTE_BACK = re.compile(r"^#?_?(?:cmnt_?ref|ftnt_?ref|ftnref|ednref|footnote-?ref)", re.I)


class _HtmlBlocks:
    """Collects paragraphs, headings and table rows from HTML (a document or a fragment).

    A parser target for libxml2's HTML parser (lxml), which is linear on any input; the
    standard library's HTMLParser takes quadratic time on unclosed tags (60 kB of "<a ": 35 s).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.paragraphs: list[str] = []  # top-level paragraphs, for fragments
        self._buf: list[str] = []
        self._row: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._heading = False
        self._skip = 0
        self._items = 0  # open <li> elements
        self._item_text = False  # the open <li> already gave a paragraph
        self._term = 0  # open <dt>: a definition list's term reads as a list item
        self._definition = 0  # open <dd>: its description, a further paragraph of that item
        self._bold = 0  # open <strong>/<b> elements
        self._bold_chars = 0  # letters inside them in the current buffer
        self._containers: list[bool] = []  # open <div>/<section>: is it page furniture?
        self._style: list[str] = []  # the text of the open <style> sheet
        self._in_style = False
        self._indenting: set[str] = set()  # classes whose rule sets a left margin
        self._indented = False  # the open <p> is indented and has no bullet of its own
        self._anchors: list[bool] = []  # open <a>: is it a comment's or footnote's anchor?
        self._note = False  # inside a comment or footnote body outside any container

    def start(self, tag: str, attrib: object) -> None:
        if tag in _CONTAINERS:
            get = getattr(attrib, "get", lambda _k, _d=None: None)
            names = f"{get('class', '') or ''} {get('id', '') or ''}"
            style = get("style", "") or ""
            furniture = bool(_FURNITURE.search(names) or _MSO_FURNITURE.search(style))
            self._containers.append(furniture)
            self._skip += furniture
        if tag == "a":
            get = getattr(attrib, "get", lambda _k, _d=None: None)
            href = get("href", "") or ""
            if _NOTE_BACK.match(href) and self._containers and not self._containers[-1]:
                self._containers[-1] = True  # the comment's own <div>: furniture from here
                self._skip += 1
            elif _NOTE_BACK.match(href):
                self._note = True
            self._anchors.append(bool(_NOTE_ANCHOR.match(href)))
            self._skip += self._anchors[-1]
        if tag in _SKIP_TAGS:
            self._skip += 1
            self._in_style = tag == "style"
        elif tag in ("strong", "b"):
            self._bold += 1
        elif tag == "small":  # "Org<small>A. Dijkstra</small>" in a margin: two names
            self._buf.append(" ")
        elif tag == "tr":
            self._flush()
            self._row = []
        elif tag in ("td", "th"):
            self._flush()
            self._cell = []
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._heading = tag in ("h1", "h2", "h3", "h4") and self._cell is None
            if tag == "li":
                self._items += 1
                self._item_text = False
            self._indented = tag == "p" and not self._items and self._indents(attrib)
            self._term += tag == "dt"
            self._definition += tag == "dd"

    def end(self, tag: str) -> None:
        if tag == "a" and self._anchors and self._anchors.pop():
            self._skip = max(0, self._skip - 1)
        if tag in _CONTAINERS and self._containers and self._containers.pop():
            self._skip = max(0, self._skip - 1)
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            if self._in_style:
                sheet, self._style, self._in_style = "".join(self._style), [], False
                self._indenting |= {
                    m[1] for m in _CLASS_RULE.finditer(sheet) if _INDENT.search(m[2])
                }
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("td", "th"):
            self._flush()
            if self._row is not None and self._cell is not None:
                self._row.append(self._cell)
            self._cell = None
        elif tag == "tr":
            self._flush()
            if self._row:
                label = " ".join(self._row[0])
                cells = tuple(p for cell in self._row[1:] for p in cell)
                columns = tuple(len(cell) for cell in self._row[1:])
                self.blocks.append(Block("row", label=label, cells=cells, columns=columns))
            self._row = None
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._heading = False
            if tag == "li":
                self._items = max(0, self._items - 1)
            elif tag == "dt":
                self._term = max(0, self._term - 1)
            elif tag == "dd":
                self._definition = max(0, self._definition - 1)

    def _indents(self, attrib: object) -> bool:
        get = getattr(attrib, "get", lambda _k, _d=None: None)
        style, names = get("style", "") or "", (get("class", "") or "").split()
        if "mso-list" in style:
            return False  # a Word list paragraph with its own bullet
        if any(_LIST_CONTINUE.match(n) for n in names) or _INDENT.search(style):
            return True
        return any(n in self._indenting for n in names)

    def data(self, data: str) -> None:
        if self._in_style:
            self._style.append(data)
        if not self._skip:
            self._buf.append(data)
            if self._bold:
                self._bold_chars += sum(c.isalnum() for c in data)

    def close(self) -> None:
        self._flush()

    def _flush(self) -> None:
        raw = collapse_ws("".join(self._buf))
        bold, self._bold_chars = self._bold_chars, 0
        # A `<dl>` pair ("<dt>Name</dt><dd>role, Org</dd>", "<dt>Org</dt><dd>remark</dd>") is
        # an item with its further paragraphs, the way a nested list or a List Continue is.
        more = (self._items > 0 and self._item_text) or (self._definition > 0 and not self._term)
        last = self.blocks[-1].text if self.blocks and self._cell is None else ""
        more = more or (self._indented and last.startswith((ITEM, MORE)))
        listed = self._items > 0 or self._term > 0
        text = collapse_ws(as_item(raw, listed=listed, more=more))
        self._buf = []
        if self._note:  # a comment's or footnote's text: dropped with its block
            self._note = False
            return
        if not text:
            return
        self._item_text = self._items > 0
        if self._cell is not None:
            self._cell.append(text)
        elif self._row is None:
            self.paragraphs.append(text)
            # A paragraph all in bold, short, is a heading ("<p><b>Aanwezig</b></p>").
            letters = sum(c.isalnum() for c in raw)
            heading = self._heading or (bold >= letters > 0 and len(raw) <= 160)
            self.blocks.append(Block("title" if heading else "paragraph", text=text))


def _parse_html(markup: str) -> _HtmlBlocks:
    target = _HtmlBlocks()
    if markup.strip():
        parser = etree.HTMLParser(target=target, no_network=True, remove_comments=True)
        parser.feed(markup)
        parser.close()
    return target


def html_paragraphs(fragment: str) -> list[str]:
    """Split a cell value mixing plain text, `<p>` and `<ul><li>` into paragraphs/bullets."""
    if "<" not in fragment and "&" not in fragment:  # no markup: one paragraph, no parser
        text = collapse_ws(as_item(collapse_ws(fragment)))
        return [text] if text else []
    return _parse_html(fragment).paragraphs


def html_blocks(text: str) -> list[Block]:
    return _parse_html(text).blocks
