"""Bounds on everything a document controls (sizes, counts, lengths, numbers) and the checks
that enforce them.

A verslag is a few pages; a file far outside these bounds is hostile or broken, and without a
bound one 347-byte title ("Verslag gesprek 99999999999999") or a 4 MB zip bomb can take
gigabytes. This is the one home of those numbers: readers and the parser take a `Limits`
(the defaults below), nothing else repeats them. Each default is far above the sample record
(gesprek II: 7.4 kB, 21 lines, the longest 1 759 characters, 15 statements).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.records import Block
from ingest.text import cut


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one file. A file over a bound is refused with a reason naming it,
    except where noted (a value that is merely implausible is dropped, not the file)."""

    # Text, after decoding or extraction (text, Markdown, HTML, Word, PDF): about 500 pages.
    max_text_chars: int = 1_000_000
    # One line of a text file, or one paragraph/cell of any format: longer is not prose.
    max_line_chars: int = 50_000
    # Lines of a text file (the text layout's work grows faster than their number).
    max_lines: int = 20_000
    # Paragraphs, table cells and headings per file; statements per verslag.
    max_blocks: int = 5_000
    max_statements: int = 2_000
    # A verslag number above this is not a conversation number: it is dropped (number unset).
    max_number: int = 10_000
    # A first line longer than this is not a title line.
    max_title_chars: int = 160
    # A row label (question) longer than this is cut, with "…"; it is shown as a heading.
    max_label_chars: int = 300
    # An attendee name or organisation longer than this is not one (dropped, with a warning);
    # a longer role is cut. Aliases of an organisation grow with the square of its words.
    max_name_chars: int = 80
    max_role_chars: int = 300
    max_attendees: int = 200
    # Word (.docx) is a zip: its parts' total uncompressed size (pictures included), that of
    # its XML parts (parsed into a tree: 45 MB of small paragraphs took 713 MB), their number,
    # and the compression ratio of any part over `zip_ratio_from` bytes (text XML: ~10 to 1;
    # a table of 2 000 rows of 20 mostly empty cells: 159 to 1; a zip bomb: up to ~1 000 to 1).
    max_unzipped_bytes: int = 50_000_000
    max_unzipped_xml_bytes: int = 10_000_000
    max_zip_members: int = 1_000
    max_zip_ratio: int = 300
    zip_ratio_from: int = 1_000_000
    # PDF pages, and their decoded content streams, per page and in all (pypdf turns each
    # content byte into Python objects: a 5 MB stream, 17 kB compressed, took 346 MB and 6 s).
    max_pdf_pages: int = 500
    max_pdf_page_content_bytes: int = 2_000_000
    max_pdf_content_bytes: int = 20_000_000


DEFAULT_LIMITS = Limits()


def count(n: int, unit: str = "characters") -> str:
    """A quantity as the refusals print it: "1,234,567 characters"."""
    return f"{n:,} {unit}"


def over(limit: int, unit: str = "characters") -> str:
    """The tail of every refusal for a bound: "over the limit of 50,000 characters"."""
    return f"over the limit of {count(limit, unit)}"


def check_zip(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip bomb from its directory, before anything is decompressed: the declared
    sizes bound what `zipfile` will inflate (it stops at a member's declared size)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(path, f"not a readable Word document ({type(exc).__name__})") from exc
    if len(members) > limits.max_zip_members:
        raise IngestError(
            path,
            f"the Word document has {len(members):,} parts, "
            f"{over(limits.max_zip_members, 'parts')}",
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise IngestError(
            path,
            f"the Word document unpacks to {count(total, 'bytes')}, "
            f"{over(limits.max_unzipped_bytes, 'bytes')} (a zip bomb?)",
        )
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if xml > limits.max_unzipped_xml_bytes:
        raise IngestError(
            path,
            f"the Word document's text unpacks to {count(xml, 'bytes')}, "
            f"{over(limits.max_unzipped_xml_bytes, 'bytes')}",
        )
    for m in members:
        ratio = m.file_size / max(1, m.compress_size)
        if m.file_size > limits.zip_ratio_from and ratio > limits.max_zip_ratio:
            raise IngestError(
                path,
                f"part {m.filename} of the Word document is compressed {ratio:,.0f} to 1, "
                f"over the limit of {limits.max_zip_ratio} to 1 (a zip bomb?)",
            )


class Budget:
    """Counts what a reader produces and refuses the file as soon as it is over a bound, so a
    huge document is not read to the end first."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.chars = self.blocks = 0

    def take(self, text: str, blocks: int = 0) -> None:
        self.chars += len(text)
        self.blocks += blocks
        if self.chars > self.limits.max_text_chars:
            raise IngestError(self.path, f"the text is {over(self.limits.max_text_chars)}")
        if self.blocks > self.limits.max_blocks:
            raise IngestError(
                self.path,
                f"the document has more than {count(self.limits.max_blocks, 'paragraphs')}",
            )


def pdf_content_bytes(page: object) -> int:
    """Decoded size of a PDF page's content streams (pypdf bounds each decoding itself)."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")  # type: ignore[attr-defined]
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    return sum(len(s.get_object().get_data()) for s in streams)


def check_blocks(blocks: list[Block], path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Bound what any reader produced: the number of paragraphs and each one's length (the
    parser's work grows with both); over-long row labels and headings are cut: they only
    name a section."""
    if sum(1 + len(b.cells) for b in blocks) > limits.max_blocks:
        raise IngestError(
            path, f"the document has more than {count(limits.max_blocks, 'paragraphs')}"
        )
    out = []
    for b in blocks:
        longest = max(len(t) for t in (b.text, b.label, *b.cells))
        if longest > limits.max_line_chars:
            raise IngestError(
                path,
                f"a paragraph is {count(longest)} long, {over(limits.max_line_chars)}",
            )
        label = cut(b.label, limits.max_label_chars)
        text = cut(b.text, limits.max_label_chars) if b.kind == "title" else b.text
        out.append(Block(b.kind, text, label, b.cells) if (label, text) != (b.label, b.text) else b)
    return out
