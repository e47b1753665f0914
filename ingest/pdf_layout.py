"""Layout recovery for PDF text: running headers and footers, and 2-column tables.

pypdf's layout mode keeps each page's text on a character grid, so a verslag drawn as a
2-column table shows as lines with the label on the left, a run of spaces, and the value
starting at one column position. A label that wraps ("Hoe kijk je tegen de" / "visie aan?")
is a second left-hand line right below the first. This module turns those lines back into
rows; everything else is left to the heading layout.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

from ingest import structure
from ingest.attendees import OFFICE_PREFIX, TITLE_PREFIX
from ingest.records import Block
from ingest.text import as_item, collapse_ws, fold

_GAP = re.compile(r"\S( {3,})(?=\S)")
_TERMINAL = (".", "!", "?", ";", '"', "”", ")")
_ITEM = re.compile(r"^(?:[-•·▪◦*]|\d+[.)])\s+")
MIN_COLUMN = 12  # a label column narrower than this is not a table
PAGE_BREAK = "\f"


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", fold(collapse_ws(line)))


_GLUED_PAGE_NO = re.compile(
    r"(?<=[^\W\d_]|[.,;:])\s*(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:/|van|of)\s*\d+)?\s*$",
    re.IGNORECASE,
)


_LINE_NO = re.compile(r"^(?P<pad>\s*)(?P<n>\d{1,4})(?=\s|$)")


def strip_line_numbers(lines: list[str]) -> list[str]:
    """A page whose lines carry consecutive numbers in the margin (line-numbered minutes and
    drafts): blank the numbers out, keeping every other character in its column."""
    filled = [ln for ln in lines if ln.strip()]
    numbered = [(i, m) for i, ln in enumerate(lines) if (m := _LINE_NO.match(ln))]
    if len(numbered) < 5 or len(numbered) < 0.6 * len(filled):
        return lines
    values = [int(m["n"]) for _, m in numbered]
    steps = sum(b == a + 1 for a, b in itertools.pairwise(values))
    if steps < 0.8 * (len(values) - 1):
        return lines
    out = list(lines)
    for i, m in numbered:
        out[i] = " " * m.end() + lines[i][m.end() :]
    return out


def strip_running(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers and footers: lines near a page's top or bottom that recur (digits
    aside) on at least two pages, and a page number the extractor glued to a line's end."""
    pages = [[_GLUED_PAGE_NO.sub("", ln) for ln in lines] for lines in pages]
    if len(pages) < 2:
        return pages
    edges: list[set[str]] = []
    for lines in pages:
        filled = [ln for ln in lines if ln.strip()]
        edges.append({_shape(ln) for ln in filled[:2] + filled[-2:]})
    counts = Counter(s for e in edges for s in e)
    running = {s for s, n in counts.items() if n >= 2 and len(s) <= 120}
    # A table's header row repeated on every page it spans ("Onderwerp    Inbreng"): a line
    # with a column gap that recurs on two pages is layout, wherever it stands.
    gapped = Counter(
        s for lines in pages for s in {_shape(ln) for ln in lines if _GAP.search(ln.strip())}
    )
    running |= {s for s, n in gapped.items() if n >= 2 and len(s) <= 120}
    out = []
    for lines in pages:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        near = set(filled[:2] + filled[-2:])
        out.append(
            [
                ln
                for i, ln in enumerate(lines)
                if not (_shape(ln) in running and (i in near or _GAP.search(ln.strip())))
            ]
        )
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _margin(lines: list[str]) -> int:
    """The column where a page's paragraphs start: the usual indent of its longer lines."""
    starts = Counter(_indent(ln) for ln in lines if len(ln.split()) >= 5)
    return starts.most_common(1)[0][0] if starts else 0


def strip_sidebar(pages: list[list[str]]) -> list[list[str]]:
    """A page printed from a wiki or intranet shows a page tree beside its content: short
    entries left of the content's margin, indented by level ("Sociaal Domein", "  Visie
    2019", "    Gesprekken"). Blank that sidebar; then, when a page had one, move every page's
    text to the left edge (the content column), so the rest reads as an ordinary page."""
    out, found = [], False
    for lines in pages:
        margin = _margin(lines)
        sidebar = [
            ln[:margin]
            for ln in lines
            if margin >= MIN_COLUMN and ln[:margin].strip() and ln[margin - 1 : margin] in ("", " ")
        ]
        levels = {_indent(ln) for ln in sidebar}
        tree = len(sidebar) >= 3 and len(levels) >= 3 and all(len(e.split()) <= 4 for e in sidebar)
        if tree:
            found = True
            lines = [" " * margin + ln[margin:] if ln[:margin] in sidebar else ln for ln in lines]
        out.append(lines)
    if not found:
        return pages
    return [
        [ln[min(map(_indent, filter(str.strip, lines)), default=0) :] for ln in lines]
        for lines in out
    ]


_KEY_VALUE = re.compile(r"^(?P<key>\S.{0,30}?)\s{3,}(?P<value>\S.*)$")


def _key(text: str) -> bool:
    return structure.meta(f"{collapse_ws(text)}:") is not None


def key_values(lines: list[str]) -> list[str]:
    """A page-properties block printed as a small grid ("Datum        02 jul. 2019", a label
    "Deelnemers" centred beside its people, one per line) as `Label: value` lines, each
    person a list item, so the heading layout reads it; other lines unchanged."""
    out = list(lines)
    column = None
    pairs: dict[int, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        m = _KEY_VALUE.match(line)
        if m and _key(m["key"]):
            out[i], column = f"{m['key']}: {m['value']}", m.start("value")
            pairs[i] = (m["key"], m["value"])
    if column is None:
        return lines
    aligned = {i for i, ln in enumerate(lines) if ln.strip() and abs(_indent(ln) - column) <= 2}
    keys = {
        i
        for i, ln in enumerate(lines)
        if out[i] != ln or (ln.strip() and _key(ln.strip()) and len(ln.split()) <= 3)
    }
    values: set[int] = set()  # the grid's lines only: aligned lines running on from a key's
    for k in keys:
        for step in (1, -1):
            i = k + step
            while i in aligned and i not in keys:
                values.add(i)
                i += step
    for i in values:
        out[i] = f"- {lines[i].strip()}"
    for i, line in enumerate(lines):
        if line.strip() and _key(line.strip()) and len(line.strip().split()) <= 3:
            start = i
            while start - 1 in values:
                start -= 1
            out[i] = f"{line.strip()}:"
            if start < i and (start == 0 or not lines[start - 1].strip()) and i + 1 in values:
                out[start : i + 1] = [out[i], *out[start:i]]  # a label centred on its values
    # A key whose value goes on below ("Deelnemers   A" / "   B"): every value one item.
    split = {i: f"{key}:\n- {value}" for i, (key, value) in pairs.items() if i + 1 in values}
    return [ln for i, line in enumerate(out) for ln in split.get(i, line).split("\n")]


def value_column(lines: list[str]) -> int | None:
    """The character column where a table's value cells start on this page, if any."""
    starts: Counter[int] = Counter()
    filled = 0
    for line in lines:
        if not line.strip():
            continue
        filled += 1
        indent = len(line) - len(line.lstrip(" "))
        if indent >= MIN_COLUMN:
            starts[indent] += 1
            continue
        m = _GAP.search(line)
        if m and m.end() >= MIN_COLUMN and len(line[: m.start(1)].strip()) <= 45:
            starts[m.end()] += 1
    if not starts:
        return None
    column, n = starts.most_common(1)[0]
    near = sum(k for c, k in starts.items() if abs(c - column) <= 2)
    return column if n >= 3 and near >= 0.25 * filled else None


def _split(line: str, column: int) -> tuple[str, str] | None:
    """(left, right) when the line fits the table grid; None for a full-width line."""
    for c in range(column - 2, column + 3):
        if c <= 0 or c >= len(line):
            continue
        if line[c] != " " and line[c - 1] == " " and (not line[:c].strip() or
                                                        line[c - 3 : c] == "   "):  # fmt: skip
            return line[:c].strip(), line[c:].strip()
    return None


_SEAM = re.compile(r"(?<=[a-z0-9?])(?=[A-Z])")


def _seam(line: str, column: int) -> tuple[str, str] | None:
    """A label that fills its column runs into the value ("Hoe kijk je tegen deGGD: …"):
    split at the first lower-to-upper seam left of the value column."""
    for m in _SEAM.finditer(line):
        if 6 <= m.start() <= column + 2 and " " in line[: m.start()].strip():
            return line[: m.start()].strip(), line[m.start() :].strip()
    return None


def _value_only(item: tuple[str, str] | str) -> bool:
    return isinstance(item, tuple) and not item[0] and bool(item[1])


def _centred_labels(page: list[tuple[str, str] | str], column: int | None) -> None:
    """A label centred beside its value lines ("Deelnemers" between the second and third of
    four people): the value lines above it, after a blank line, are its too."""
    for i, item in enumerate(page):
        if not (column and isinstance(item, str) and item.strip()):
            continue
        label = item.strip()
        if len(item.rstrip()) >= column - 2 or len(label.split()) > 3 or label.endswith(_TERMINAL):
            continue
        start = i
        while start > 0 and _value_only(page[start - 1]):
            start -= 1
        opened = start == 0 or (isinstance(page[start - 1], str) and not page[start - 1].strip())
        if start < i and opened and i + 1 < len(page) and _value_only(page[i + 1]):
            page[start : i + 1] = [(label, ""), *page[start:i]]


def table_lines(pages: list[list[str]]) -> list[tuple[str, str] | str]:
    """Each line as (left, right) inside a table grid, or as plain text outside one."""
    out: list[tuple[str, str] | str] = []
    columns = [value_column(lines) for lines in pages]
    found = Counter(c for c in columns if c)
    usual = found.most_common(1)[0][0] if found else None
    for lines, column in zip(pages, columns, strict=True):
        column = column or usual  # a page with little of the table on it
        page: list[tuple[str, str] | str] = []
        for line in lines:
            parts = _split(line, column) if column and line.strip() else None
            page.append(parts if parts else line)
        _centred_labels(page, column)
        for i, item in enumerate(page):  # a label's last line, with no value beside it
            before = page[i - 1] if i else None
            if (
                column
                and isinstance(item, str)
                and item.strip()
                and len(item.rstrip()) < column - 2
                and isinstance(before, tuple)
                and before[0]
            ):
                page[i] = (item.strip(), "")
        for i, item in enumerate(page):  # a full line inside the table: a label run into it
            after = next((x for x in page[i + 1 :] if isinstance(x, tuple) or x.strip()), None)
            if column and isinstance(item, str) and item.strip() and isinstance(after, tuple):
                page[i] = _seam(item.strip(), column - (len(item) - len(item.lstrip()))) or item
        out.extend(page)
        out.append(PAGE_BREAK)
    return out


def rows_and_text(
    items: list[tuple[str, str] | str],
    flow: Callable[..., list[Block]],
    join: Callable[[list[str]], str],
) -> list[Block]:
    """Rows from the grid lines (wrapped lines glued by `join`), the rest through `flow`
    (the heading layout reader)."""
    blocks: list[Block] = []
    text: list[str] = []
    label: list[str] = []
    paras: list[list[str]] = []
    listed: list[bool] = []
    left_before = False  # the previous line had a label part
    blank = False

    def flush_row() -> None:
        if label or paras:
            cells = tuple(
                collapse_ws(as_item(join(p), item)) for p, item in zip(paras, listed, strict=True)
            )
            blocks.append(Block("row", label=" ".join(label), cells=tuple(c for c in cells if c)))
        label.clear()
        paras.clear()
        listed.clear()

    page_break = False
    widths = sorted(len(i[1]) for i in items if isinstance(i, tuple) and i[1])
    full = 0.85 * widths[int(len(widths) * 0.9)] if widths else float("inf")
    last_width = 0
    for item in items:
        if isinstance(item, str):
            if item == PAGE_BREAK:
                page_break = True
                continue
            if not item.strip():
                blank = True
                text.append(item)
                continue
            flush_row()
            text.append(item)
            left_before = False
            continue
        if text:
            blocks.extend(flow(text, wrapped=True))
            text = []
        left, right = item
        if left:
            if not (label and ((left_before and not blank) or left[:1].islower())):
                flush_row()
            label.append(left)
        if right:
            new_item = bool(_ITEM.match(right))
            ended = bool(paras) and paras[-1][-1].endswith(_TERMINAL)
            # After a gap, a new paragraph unless the text runs on: a lower-case start, or a
            # last line that filled the column (a footer or page break fell in between).
            listing = (structure.meta(" ".join(label)) or ("",))[0] == "attendees"
            fresh = (
                ended
                or (
                    (last_width < full or listing)  # attendees: one per paragraph
                    and (
                        not right[:1].islower()
                        or TITLE_PREFIX.match(right)
                        or OFFICE_PREFIX.match(right)
                    )
                )
            )
            # After a gap a new paragraph starts; across a page break only when the last one
            # ended a sentence (a split paragraph is safer than two merged speakers).
            if page_break:
                fresh = ended
            if not paras or new_item or ((blank or page_break) and fresh):
                paras.append([_ITEM.sub("", right) if new_item else right])
                listed.append(new_item)
            else:
                paras[-1].append(right)
            last_width = len(right)
        left_before, blank, page_break = bool(left), False, False
    flush_row()
    if text:
        blocks.extend(flow(text, wrapped=True))
    return blocks
