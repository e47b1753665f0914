"""YAML front matter of a Markdown verslag (`---` … `---` at the top): its title, date and
attendee list are the verslag's metadata; its other keys (tags, layout, author) are no text."""

from __future__ import annotations

import datetime
import re

from ingest import structure
from ingest.records import Block

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
MAX_LINES = 200  # a front matter is a handful of keys; longer is no front matter
TITLE_KEYS = frozenset("title titel onderwerp subject".split())


_NAME_KEYS = ("name", "naam")


def _text(value: object) -> str:
    """A scalar as text; a mapping (`- name: X` / `organisation: Y`) as "X, Y", name first."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]).lower() not in _NAME_KEYS)
        return ", ".join(t for t in (_text(v) for _, v in items) if t)
    return str(value).strip() if value is not None else ""


def split_front_matter(text: str) -> tuple[list[Block], str]:
    """(blocks for the front matter's metadata, the text after it); no front matter, or one
    YAML cannot read: ([], text) unchanged."""
    import yaml  # PyYAML: only needed for Markdown with front matter

    opened = _OPEN.match(text)
    closed = _CLOSE.search(text, opened.end()) if opened else None
    if not closed or text.count("\n", 0, closed.start()) > MAX_LINES:
        return [], text
    try:
        data = yaml.safe_load(text[opened.end() : closed.start()])
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # "datum: 2019-02-30"
        return [], text
    if not isinstance(data, dict):
        return [], text
    blocks: list[Block] = []
    for key, value in data.items():
        name = _text(key).lower()
        values = [_text(v) for v in value] if isinstance(value, list) else [_text(value)]
        values = [v for v in values if v]
        kind = (structure.meta(f"{name}:") or ("",))[0]
        if name in TITLE_KEYS and values:
            blocks.append(Block("title", text=values[0]))
        elif kind == "date" and values:
            blocks.append(Block("row", label="Datum", cells=tuple(values[:1])))
        elif kind == "attendees" and values:
            blocks.append(Block("row", label="Aanwezig", cells=tuple(values)))
    return blocks, text[closed.end() :]
