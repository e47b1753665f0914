"""Bounds on everything a document controls: sizes, counts, lengths and numbers.

A verslag is a few pages; a file far outside these bounds is hostile or broken, and without a
bound one 347-byte title ("Verslag gesprek 99999999999999") or a 4 MB zip bomb can take
gigabytes. This is the one home of those numbers: readers and the parser take a `Limits`
(the defaults below), nothing else repeats them. Each default is far above the sample record
(gesprek II: 7 kB, 1 762-character longest line, 27 statements).
"""

from __future__ import annotations

from dataclasses import dataclass


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
