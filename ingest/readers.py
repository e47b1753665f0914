"""One reader per file format, each turning a file into normalised text blocks.

The parser never sees a format: it sees `Block`s (title, paragraph, or a table row with a label
and its cell paragraphs). Markup is removed here, words are kept verbatim. Text and Markdown
live in text_reader.py (decoding in text_decode.py), HTML in html_reader.py; Word and PDF
here, with the dispatch.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from ingest import structure
from ingest.errors import IngestError
from ingest.html_reader import html_blocks
from ingest.limits import (
    DEFAULT_LIMITS,
    Budget,
    Limits,
    check_blocks,
    check_zip,
    count,
    over,
    pdf_content_bytes,
)
from ingest.pdf_layout import (
    key_values,
    rows_and_text,
    strip_line_numbers,
    strip_running,
    strip_sidebar,
    table_lines,
    value_column,
)
from ingest.records import Block
from ingest.text import ITEM, MORE, as_item, collapse_ws, strip_bullet
from ingest.text_decode import decode, text_file
from ingest.text_reader import TERMINAL, heading_blocks, join_wrapped, text_blocks


def docx_blocks(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Body paragraphs and table rows in document order; label in column 0, value after."""
    import docx  # python-docx: only needed for .docx files
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from ingest.docx_parts import block_items, paragraph_text

    check_zip(data, path, limits)
    budget = Budget(path, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors …
        raise IngestError(path, f"not a readable Word document ({type(exc).__name__})") from exc
    blocks: list[Block] = []
    for item in block_items(document.element.body, document._body):
        if isinstance(item, Table):
            for row in item.rows:
                seen: list[object] = []
                texts: list[list[str]] = []
                try:
                    cells = row.cells
                except ValueError:  # a vMerge continuation in the first row: no cell above
                    cells = [_Cell(tc, item) for tc in row._tr.tc_lst]
                for cell in cells:
                    if any(cell._tc is s for s in seen):  # merged cells repeat
                        continue
                    seen.append(cell._tc)
                    paragraphs = block_items(cell._tc, cell)  # also in content controls
                    texts.append([_docx_text(p) for p in paragraphs if isinstance(p, Paragraph)])
                if not texts:
                    continue
                label = " ".join(strip_bullet(t) for t in texts[0] if t)
                values = [t for cell in texts[1:] for t in cell if t]
                columns = tuple(sum(1 for t in cell if t) for cell in texts[1:])
                budget.take(label + "".join(values), 1 + len(values))
                blocks.append(Block("row", label=label, cells=tuple(values), columns=columns))
        else:
            text = _docx_text(item)
            if not text:
                continue
            last = blocks[-1].text if blocks and blocks[-1].kind == "paragraph" else ""
            if last.startswith((ITEM, MORE)) and _continues_item(item, text):
                text = MORE + text  # an indented paragraph under a list item: more of it
            budget.take(text, 1)
            style = (item.style.name or "").lower() if item.style is not None else ""
            runs = [r for r in item.runs if r.text.strip()]
            bold = bool(runs) and all(r.bold for r in runs) and len(text) <= 160
            kind = "title" if style.startswith(("title", "heading")) or bold else "paragraph"
            lines = [collapse_ws(ln) for ln in paragraph_text(item).split("\n") if ln.strip()]
            if len(lines) > 1 and not style.startswith("list"):  # soft line breaks: one line
                blocks.extend(Block("paragraph", text=ln) for ln in lines)  # per person, say
            else:
                blocks.append(Block(kind, text=text))
    return _header_title(document) + blocks if not _titled(blocks) else blocks


_TITLE_LINE = re.compile(structure.TITLE_START, re.IGNORECASE)


def _titled(blocks: list[Block]) -> bool:
    """A title line ("Verslag …") among the first paragraphs of the body."""
    return any(b.kind != "row" and _TITLE_LINE.match(b.text) for b in blocks[:12])


def _header_title(document) -> list[Block]:
    """The title of a document whose body has none, from its page header (where some
    templates print it): the first header line that reads as a verslag's title."""
    section = document.sections[0] if document.sections else None
    if section is None:
        return []
    for header in (section.first_page_header, section.header):
        for paragraph in header.paragraphs if not header.is_linked_to_previous else ():
            text = collapse_ws(paragraph.text)
            if _TITLE_LINE.match(text):
                return [Block("title", text=text)]
    return []


def _continues_item(paragraph, text: str) -> bool:
    """A paragraph indented like the list item above it, without a bullet or number of its
    own (no hanging first line): a further paragraph of that item."""
    if text.startswith((ITEM, MORE)):
        return False
    fmt = paragraph.paragraph_format
    left = fmt.left_indent
    if left is None and paragraph.style is not None:
        left = paragraph.style.paragraph_format.left_indent
    hanging = fmt.first_line_indent is not None and fmt.first_line_indent < 0
    return bool(left and left > 0) and not hanging


def _docx_text(paragraph) -> str:
    """The paragraph's text; a Word list paragraph (bullets, numbering) becomes a list item."""
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    listed = style.startswith("list") or (
        paragraph._p.pPr is not None and (paragraph._p.pPr.numPr is not None)
    )
    more = style.startswith("list continue")
    from ingest.docx_parts import paragraph_text

    return collapse_ws(as_item(collapse_ws(paragraph_text(paragraph)), listed and not more, more))


def pdf_blocks(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """PDF text comes as wrapped lines without table structure: use the heading layout."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "the PDF is encrypted; save an unprotected copy")
        n_pages = len(reader.pages)
        if n_pages > limits.max_pdf_pages:
            raise IngestError(
                path, f"the PDF has {n_pages:,} pages, {over(limits.max_pdf_pages, 'pages')}"
            )
        budget = Budget(path, limits)
        pages = []
        content = 0
        for n, page in enumerate(reader.pages, 1):  # stop at the first page over a bound
            size = pdf_content_bytes(page)
            content += size
            if size > limits.max_pdf_page_content_bytes:
                raise IngestError(
                    path,
                    f"page {n} of the PDF has {count(size, 'bytes')} of drawing instructions, "
                    f"{over(limits.max_pdf_page_content_bytes, 'bytes')} a page",
                )
            if content > limits.max_pdf_content_bytes:
                raise IngestError(
                    path,
                    f"the PDF has over {count(limits.max_pdf_content_bytes, 'bytes')} of "
                    f"drawing instructions by page {n}",
                )
            pages.append(page.extract_text(extraction_mode="layout") or "")
            budget.take(pages[-1])
    except IngestError:
        raise
    except DependencyError as exc:  # AES encryption, even without a password to open it
        raise IngestError(
            path,
            "the PDF is encrypted with AES, which needs the Python package 'cryptography'; "
            "install it or save an unprotected copy",
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(path, f"not a readable PDF ({type(exc).__name__})") from exc
    if not any(p.strip() for p in pages):
        raise IngestError(path, "the PDF has no extractable text (a scan?)")
    page_lines = strip_running([strip_line_numbers(p.strip("\n").split("\n")) for p in pages])
    page_lines = strip_sidebar(page_lines)
    if any(value_column(lines) for lines in page_lines):
        return rows_and_text(table_lines(page_lines), heading_blocks, join_wrapped)
    text = ""
    for page in ("\n".join(key_values(lines)) for lines in page_lines):
        # A page that ends mid-sentence continues on the next one: no paragraph break.
        glue = "\n" if text.rstrip().endswith(TERMINAL) is False and text else "\n\n"
        text = f"{text}{glue}{page}" if text else page
    return heading_blocks(text.split("\n"), wrapped=True)


Reader = Callable[[bytes, Path, Limits], list[Block]]

READERS: dict[str, Reader] = {
    ".txt": lambda data, path, limits: text_blocks(text_file(data, path, limits)),
    ".text": lambda data, path, limits: text_blocks(text_file(data, path, limits)),
    ".md": lambda data, path, limits: text_blocks(text_file(data, path, limits)),
    ".markdown": lambda data, path, limits: text_blocks(text_file(data, path, limits)),
    ".html": lambda data, path, limits: html_blocks(decode(data, path, limits)),
    ".htm": lambda data, path, limits: html_blocks(decode(data, path, limits)),
    ".docx": docx_blocks,
    ".pdf": pdf_blocks,
}

SUPPORTED = tuple(sorted(READERS))


def read_blocks(
    path: Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Read `path` (or its already loaded bytes) into blocks; IngestError names the problem."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; use {', '.join(SUPPORTED)}"
        )
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(path, f"cannot read the file ({exc.strerror})") from exc
    if not data.strip():
        raise IngestError(path, "the file is empty")
    return check_blocks(reader(data, path, limits), path, limits)
