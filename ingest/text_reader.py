"""Plain text and Markdown to blocks: the corpus' TAB table layout, headings, lists, pipe
tables, wrapped lines, notes and transcripts (decoding lives in `ingest.text_decode`)."""

from __future__ import annotations

import re

from ingest import structure
from ingest.attendees import (
    FIRST_NAMES,
    LEGEND_ENTRY,
    OFFICE_PREFIX,
    TITLE_PREFIX,
    TUSSENVOEGSELS,
)
from ingest.front_matter import split_front_matter
from ingest.html_reader import html_paragraphs
from ingest.records import Block
from ingest.text import ITEM, MORE, as_item, collapse_ws, strip_md

# --- plain text and Markdown ------------------------------------------------------------


def text_blocks(text: str) -> list[Block]:
    """Blocks from the Word-export text layout (`Label<TAB>Value` rows) or, without tabs,
    from a heading layout (`Label:` lines followed by paragraphs, as PDFs and notes have)."""
    meta, text = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_FOOTNOTE_REF.sub("", ln) for ln in text.split("\n") if not _FOOTNOTE_DEF.match(ln)]
    lines = [_BLOCKQUOTE.sub("", part) for line in lines for part in _INLINE_META.split(line)]
    rows = [_pipe_row(line) for line in lines]
    if any("\t" in line and line.strip() for line in rows):
        return meta + _tab_blocks([_pipe_row(line) for line in _setext_as_atx(lines)])
    return meta + heading_blocks(rows)


# Markdown footnotes: the marker "[^1]" in the text and the note "[^1]: …" below it are no
# part of a statement (the note is the writer's, added after the conversation).
# "… in Meeden gesproken. Aanwezig: A (Org), B (Org)": the attendee label after a sentence
# starts a line of its own.
_INLINE_META = re.compile(
    r"(?<=[.!?])\s+(?=(?:Aanwezig(?:en)?(?:\s+(?:waren|zijn))?|Deelnemers|Datum gesprek):\s)"
)
_FOOTNOTE_REF = re.compile(r"\[\^[\w-]{1,20}\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[\w-]{1,20}\]:")


def _setext_as_atx(lines: list[str]) -> list[str]:
    """A line alone over `===` or `---` is a heading (Markdown's setext form): as `# line`,
    before a pipe table's rule would take the underline for one of its own."""
    out = list(lines)
    for i in range(1, len(out)):
        above = out[i - 1].strip()
        if (
            _SETEXT.match(out[i].strip())
            and len(out[i].strip()) >= 3
            and above
            and len(above) <= 120
            and (i == 1 or not out[i - 2].strip())
            and not (_LIST_ITEM.match(above) or _PIPE_ROW.match(above) or "\t" in out[i - 1])
        ):
            out[i - 1], out[i] = f"# {above}", ""
    return out


# A Markdown (or e-mail) quote mark: the quoted text is the verslag's own paragraphs.
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|?)+\s*$")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_]{2,160}\1\s*:?\s*$")


def _pipe_row(line: str) -> str:
    """A Markdown table row `| label | value |` as the TAB layout's `label<TAB>value`."""
    if _PIPE_RULE.match(line) and "-" in line:
        return ""
    m = _PIPE_ROW.match(line)
    if not m:
        return line
    cells = [c.strip() for c in m.group(1).split("|")]
    return f"{cells[0]}\t{'<br>'.join(cells[1:])}" if len(cells) > 1 else cells[0]


def _clean_line(line: str) -> str:
    return collapse_ws(strip_md(line))


def _tab_blocks(lines: list[str]) -> list[Block]:
    """A TAB line with an empty label continues the row above: right below it, as more
    paragraphs of the same cell; after a blank line, as a page-break continuation (a row
    with an empty label, which the parser joins mid-sentence)."""
    blocks: list[Block] = []
    blank_before = False
    speakers = False  # inside a speaker table, whose empty speaker cell means nobody
    for raw in lines:
        if not raw.strip():
            blank_before = True
            continue
        after_blank, blank_before = blank_before, False
        if "\t" in raw:
            label, _, value = raw.partition("\t")
            if label.strip() == "--" and value.strip() in ("--", ""):
                continue  # the export's empty table row
            label = " ".join(html_paragraphs(_clean_line(label)))
            cells = tuple(c for c in (_clean_line(p) for p in html_paragraphs(value)) if c)
            if not blocks or blocks[-1].kind != "row":
                speakers = structure.speaker_table(label, cells) is not None
            continues = not (label or after_blank or speakers)
            if continues and blocks and blocks[-1].kind == "row":
                previous = blocks.pop()
                cells = previous.cells + cells
                label = previous.label
            blocks.append(Block("row", label=label, cells=cells))
        elif raw.lstrip().startswith("#") or _BOLD_LINE.match(raw):
            blocks.append(Block("title", text=_clean_line(raw)))
        else:
            # emphasis first: an italic line ("*Dit verslag …*") is no "*" bullet
            texts = [t for t in (_clean_line(p) for p in html_paragraphs(strip_md(raw))) if t]
            under_item = bool(blocks) and blocks[-1].text.startswith((ITEM, MORE))
            if raw[:2] == "  " and under_item and texts and not texts[0].startswith(ITEM):
                texts[0] = as_item(texts[0], more=True)  # indented under a Markdown bullet
            blocks.extend(Block("paragraph", text=t) for t in texts)
    return blocks


_ROW_LABEL = re.compile(
    r"^(?P<label>aanwezig(?:en)?|deelnemers|attendees|participants|ge[iï]nterviewd|"
    r"datum(?: gesprek)?|date|afsluiting|tot slot|wie|wanneer)\s*(?::\s*(?P<rest>.*)|$)",
    re.IGNORECASE,
)
# A line opening with a short `Label: ` (a mail header, "Afwezig:", "Humanitas:", "JB + AK:")
# starts a new paragraph even without a blank line before it; so does a notes line opening
# with one lower-case word and a colon ("iedereen: …", "ook: …").
_LABEL_LINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w .'’()+&/-]{0,30}|(?!(?:%s):)[a-zà-ÿ]{2,12}):\s+\S"
    % "|".join(  # a wrapped sentence goes on after these: "… zoals" / "bijvoorbeeld: de bus"
        "bijvoorbeeld namelijk zoals dus maar want nl bv oftewel ofwel kortom en of dat".split()
    )
)
_QUESTION = re.compile(r"^[A-Z][^.!]{5,140}\?$")
_ABSENT = re.compile(
    r"^(?:afwezig(?:en)?(?:\s+(?:m\.?\s?k\.?|met kennisgeving))?|verhinderd|afgemeld)\s*:$", re.I
)
_BARE = re.compile(r"^[a-zà-ÿ]{2,12}:$")  # a notes heading "actie:"
_TERSE_QUESTION = re.compile(r"^[a-z0-9][\w ]{2,30}\?$")  # a notes heading "visie?", "8 opgaven?"
_LIST_ITEM = re.compile(r"^\s*(?:[-•·▪◦*]|\d+[.)]|\[[ xX✓]\])\s+")  # "[ ]"/"[x]": a to-do
# A line framed by rules, "== question ==" or "-------- question (vanaf 00:01:05) --------":
# a heading; framing anything else ("-- einde aantekeningen --") it is a marker, no text.
_FRAMED = re.compile(r"^(?:-{2,}|={2,})\s*(?P<text>[^-=\s].*?)\s*(?:-{2,}|={2,})$")
# "(vanaf 00:01:05)" after a transcript's question.
_FROM_TIME = re.compile(r"\s*\((?:vanaf\s+|from\s+)?\d{1,2}:\d{2}(?::\d{2})?\)\s*$", re.IGNORECASE)
# A line all in parentheses, in notes: the writer's aside, a question or a note on the notes
# ("(vraag TS: …?)", "(getypt tijdens het gesprek, niet nagelezen)").
_ASIDE = re.compile(
    r"^\((?=(?:[^()]|\([^()]*\))*\?\)$|(?:vraag|noot|n\.?b\.?|opm|getypt|notulist)\b)"
    r"(?:[^()]|\([^()]*\))*\)$",
    re.IGNORECASE,
)
# Columns aligned with spaces ("Gerda Smit       wethouder, …"): one attendee per line.
_ALIGNED = re.compile(r"(?<=[^\s=:])\s{2,}(?=[^\s=])")
_PAGE_NO = re.compile(r"^\s*(?:(?:pagina|page|blz\.?)\s*)?\d+(?:\s*(?:/|van|of)\s*\d+)?\s*$", re.I)
TERMINAL = (".", "!", "?", ":", ";", '"', "”", ")")
_RULE = re.compile(r"^[-_*=~·•\s]{3,}$")  # Markdown rules and drawn lines: layout, not text
_SETEXT = re.compile(r"^(?:=+|-+)$")
_TITLE_WORD = re.compile(structure.TITLE_START, re.I)


# How one person's line of an attendee list opens: "mw. H. Mulder", "wethouder A. Brouwer",
# "J. de Boer", "JdV = Jolanda de Vries", or a common first name before a capitalised word.
_ENTRY_INITIALS = re.compile(r"^(?:[A-Z]\.\s?)+(?:[a-z]+\s+)*[A-ZÀ-Þ][a-zà-ÿ]")
# "Ria Tuinstra — mantelzorgmaatje, …": a name, a dash, the role (lines of the same shape).
_DASHED_ENTRY = re.compile(
    r"^[A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-Þ][\w'’-]+|%s))*\s[–—]\s" % "|".join(TUSSENVOEGSELS)
)


def entry_start(line: str, previous: str) -> bool:
    """`line` opens the next person of a one-per-line attendee list (typed or printed lines,
    which a reader would otherwise join as one wrapped paragraph): it starts with a form of
    address, an office, initials, a legend entry or a common first name, and `previous` does
    not end inside a name ("… Jan" / "Jakob Boersma") or before it ("namens X:"). (A line
    that filled a PDF's measure was wrapped by the layout: its caller never splits there.)"""
    last = (previous.split() or [""])[-1]
    if last.lower() in FIRST_NAMES | TUSSENVOEGSELS or previous.endswith(("-", ":")):
        return False
    words = line.split()
    first_name = (
        len(words) >= 2
        and words[0].lower() in FIRST_NAMES
        and (words[1][:1].isupper() or words[1].lower() in TUSSENVOEGSELS)
    )
    return bool(
        TITLE_PREFIX.match(line)
        or (_DASHED_ENTRY.match(line) and _DASHED_ENTRY.match(previous))
        or OFFICE_PREFIX.match(line)
        or _ENTRY_INITIALS.match(line)
        or LEGEND_ENTRY.match(line)
        or first_name
    )


def join_wrapped(lines: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen before a lower-case word is one word."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and out[-2:-1].isalpha() and line[:1].isalpha():
            # "verant-" + "woordelijk" is one word; "Hoogezand-" + "Sappemeer" keeps its hyphen
            out = out[:-1] + line if line[:1].islower() and out[-2:-1].islower() else out + line
        else:
            out += " " + line
    return out


def heading_blocks(lines: list[str], wrapped: bool = False) -> list[Block]:
    """Blocks from lines without tabs. Wrapped lines are joined into paragraphs; a paragraph
    ends at a blank line, a list item, a row label, or a line ending a sentence followed by one
    starting a new sentence in a capital (PDF text comes without paragraph marks). In
    `wrapped` text (a PDF) a line that fills the measure is never a paragraph's last line."""
    measure = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    full = 0.85 * measure[int(len(measure) * 0.9)] if wrapped and measure else float("inf")
    # Text with blank lines between its paragraphs marks them: no guessing from sentence ends.
    spaced = wrapped and sum(not ln.strip() for ln in lines) >= 0.1 * len(measure)
    previous_length = 0
    blocks: list[Block] = []
    label: str | None = None
    cells: list[str] = []
    para: list[str] = []
    listed = False  # the open paragraph is a list item
    more = False  # the open paragraph is an indented further paragraph of a list item
    titled = ""  # the `Verslag …` title line, once seen
    inline = False  # the open row is an inline `Label: value` paragraph
    attending = False  # inside an attendee list: a line opening a person is a new entry
    entry = False  # the open paragraph is such an entry ("wethouder X" joins nothing above)
    indent = 0  # of the line before, in a PDF's layout text

    def flush_para() -> None:
        nonlocal listed, inline, more, entry
        if para:
            text = collapse_ws(as_item(join_wrapped(para), listed, more))
            was_listed, listed, more = listed or more, False, False
            para.clear()
            target = cells if label is not None else blocks
            last = target[-1] if target else None
            previous = last.text if isinstance(last, Block) and last.kind == "paragraph" else last
            if (
                isinstance(previous, str)
                and previous
                and not was_listed
                and not entry
                and text[:1].islower()
                and not previous.endswith((".", "!", "?", "…"))
                and not _LABEL_LINE.match(text)  # "iedereen: …" is a turn of its own
            ):  # a paragraph cut by a page break (headers and footers in between)
                joined = f"{previous} {text}"
                if label is not None:
                    cells[-1] = joined
                else:
                    blocks[-1] = Block("paragraph", text=joined)
            elif text and label is None:
                blocks.append(Block("paragraph", text=text))
            elif text:
                cells.append(text)
        entry = False
        if inline:
            inline = False
            flush_row()

    def flush_row() -> None:
        nonlocal label, attending
        attending = False
        flush_para()
        if label is not None:
            blocks.append(Block("row", label=label, cells=tuple(cells)))
        cells.clear()
        label = None

    for raw in lines:
        stamped = not wrapped and bool(structure.TIMESTAMP.match(raw.lstrip()))
        raw = structure.TIMESTAMP.sub("", raw.lstrip()) if stamped else raw
        aligned = attending and not wrapped and bool(_ALIGNED.search(raw.strip()))
        line = _clean_line(_ALIGNED.sub(", ", raw.strip()) if aligned else raw)
        last_length, previous_length = previous_length, len(raw.rstrip())
        last_indent, indent = indent, len(raw) - len(raw.lstrip(" "))
        if wrapped and line and abs(indent - last_indent) >= 30:
            flush_para()  # a right-aligned line ("Gemaakt door …") beside a title: its own
        framed = _FRAMED.match(line)
        if framed:  # "== question ==": a heading; "-- einde aantekeningen --": a marker
            heading = _FROM_TIME.sub("", framed["text"])
            flush_row()
            marker = line.startswith("-") and not structure.section_word(heading)
            if structure.question(heading, heading=True) or not marker:  # "== Inleiding =="
                blocks.append(Block("title", text=heading.rstrip(":")))
            continue
        if structure.stage_note(line):
            flush_para()  # "[onverstaanbaar]"
            continue
        if not wrapped and _ASIDE.match(line) and len(line.split()) >= 4:
            flush_para()  # "(vraag TS: wat is dan de rol van de gemeente?)"
            continue
        if stamped:
            flush_para()  # every time-stamped line of a transcript is a new turn
        if _SETEXT.match(line) and len(para) == 1 and label is None:
            heading, listed = para.pop(), False  # "Overige punten" over a line of === or ---
            blocks.append(Block("title", text=heading))
            continue
        if not line or _PAGE_NO.match(line) or _RULE.match(line):
            attending = attending and bool(line)  # a blank line ends the attendee list
            page_end = para and para[-1].endswith((".", "!", "?"))  # a page break after a
            if not line or _RULE.match(line) or page_end:  # sentence end: a new paragraph
                flush_para()
            continue
        if not titled and label is None and line[:1].isupper() and _TITLE_WORD.match(line):
            flush_para()  # a running header may sit above the title
            blocks.append(Block("title", text=line.rstrip(":")))
            titled = line
            continue
        wraps = titled.endswith((",", "–", "—")) and len(line) <= 30
        if wraps and blocks and blocks[-1].text == titled:  # "… domein," / "nr. 47"
            blocks[-1] = Block("title", text=f"{titled} {line}")
            titled = blocks[-1].text
            continue
        if line == titled:  # the title repeated as a running header on a later page
            continue
        if _ATX_HEADING.match(raw):  # a Markdown heading ends any open row or paragraph
            flush_row()
            blocks.append(Block("title", text=line.rstrip(":")))
            continue
        if _BOLD_LINE.match(raw) and label is None:
            flush_para()
            blocks.append(Block("title", text=line.rstrip(":")))
            attending = (structure.meta(line) or ("",))[0] == "attendees"  # "**Aanwezig:**"
            continue
        if _ABSENT.match(line) and label is None:  # "Afwezig:" over one absentee per line
            flush_para()
            blocks.append(Block("paragraph", text=line))
            attending = True
            continue
        m = _ROW_LABEL.match(line)
        listing = bool(m) and (structure.meta(m.group("label")) or ("",))[0] == "attendees"
        if m and not (m.group("rest") or "").strip():  # a bare `Aanwezig:` heading: the parser
            flush_row()  # decides what follows it (a list, a table, a date)
            blocks.append(Block("title", text=m.group("label")))
            attending = listing
            continue
        asked = _QUESTION.match(line) or (not wrapped and _TERSE_QUESTION.match(line))
        if m or (asked and not para):
            flush_row()
            attending = listing
            label = m.group("label") if m else line
            rest = (m.group("rest") or "").strip() if m else ""
            if rest:  # an inline `Datum: …` / `Aanwezig: …` paragraph is a whole row
                para.append(rest)
                inline = True
            continue
        if line == "--":
            flush_row()
            continue
        if _LIST_ITEM.match(line):
            flush_para()
            target = cells if label is not None else [b.text for b in blocks[-1:]]
            # "  - item" under an item: part of that item, like a further paragraph of it
            nested = not wrapped and raw[:2] == "  " and bool(target)
            nested = nested and target[-1].startswith((ITEM, MORE))
            para.append(_LIST_ITEM.sub("", line))
            listed, more = not nested, nested
            continue
        if listed and not wrapped and raw[:1].isupper() and not para[-1].endswith((",", "-")):
            flush_para()  # an unindented line in capitals after a list item: a new paragraph
        ended = para and para[-1].endswith(TERMINAL) and last_length < full and not spaced
        if ended and line[:1].isupper() and not inline:
            flush_para()
        elif para and _LABEL_LINE.match(line) and (structure.meta(line) or not (wrapped or inline)):
            flush_row() if inline else flush_para()
        elif attending and para and last_length < full and (aligned or entry_start(line, para[-1])):
            if label is not None:  # "Aanwezig:   A" with B, C aligned below: one cell each
                cells.append(collapse_ws(join_wrapped(para)))
                para.clear()
            else:
                flush_para()
                entry = True
        if not wrapped and line[:1].islower() and (_LABEL_LINE.match(line) or _BARE.match(line)):
            entry = True  # "iedereen: …" is no page-break continuation of the line above
        if not para and raw[:2] == "  " and not wrapped:  # indented under a list item, after a
            target = cells if label is not None else [b.text for b in blocks[-1:]]  # blank line
            more = bool(target) and target[-1].startswith((ITEM, MORE))  # or a sentence end
        para.append(line)
    flush_row()
    return blocks
