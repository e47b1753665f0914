"""Conversations kept per user in the store, so a reload or a later visit can go back to them.

One JSON file per conversation: `<store>/conversations/<user>/<id>.json`, the user being the
login name ("anonymous" without a login). A file holds the questions, the filters chosen in the
UI and each answer with its citations (never rendered HTML: the page is re-rendered, escaped,
from the data). Writes are atomic (temporary file, then rename).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answering.answer import Answer
from assistant.answering.citations import Citation
from assistant.web.uploads import safe_filename
from vectorstore.search import Filters

ANONYMOUS = "anonymous"
ID = re.compile(r"^[0-9a-f]{32}$")
MAX_LISTED = 50
MAX_TITLE = 90


def answer_to_json(a: Answer) -> dict[str, Any]:
    """What a conversation keeps of an answer (not the retrieved hits)."""
    return {
        "question": a.question,
        "text": a.text,
        "found": a.found,
        "mode": a.mode,
        "kind": a.kind,
        "filters": {f.name: list(getattr(a.filters, f.name)) for f in dataclasses.fields(Filters)},
        "citations": [dataclasses.asdict(c) for c in a.citations],  # tuples become lists
        "warnings": list(a.warnings),
        "notice": a.notice,
    }


def answer_from_json(d: dict[str, Any]) -> Answer:
    """The inverse of `answer_to_json`; unknown keys are ignored."""
    names = {f.name for f in dataclasses.fields(Citation)}
    citations = []
    for c in d.get("citations", []):
        # Every sequence field of a Citation is a tuple (span, persons, opgaven, reasons).
        c = {k: tuple(v) if isinstance(v, list) else v for k, v in c.items() if k in names}
        citations.append(Citation(**c))
    fnames = {f.name for f in dataclasses.fields(Filters)}
    filters = Filters(**{k: tuple(v) for k, v in (d.get("filters") or {}).items() if k in fnames})
    return Answer(
        question=str(d.get("question", "")),
        text=str(d.get("text", "")),
        found=bool(d.get("found")),
        filters=filters,
        citations=citations,
        mode=str(d.get("mode", "extractive")),
        kind=str(d.get("kind", "said")),
        warnings=[str(w) for w in d.get("warnings", [])],
        notice=d.get("notice"),
    )


@dataclass
class Exchange:
    """One question as asked (with the UI's filter choices), its answer, and the notes on
    filters the question overruled."""

    question: str
    ui: dict[str, str]
    answer: Answer
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "ui": self.ui,
            "answer": answer_to_json(self.answer),
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Exchange:
        ui = {str(k): str(v) for k, v in (d.get("ui") or {}).items()}
        notes = [str(n) for n in d.get("notes") or []]
        return cls(str(d.get("question", "")), ui, answer_from_json(d.get("answer") or {}), notes)


@dataclass
class Conversation:
    id: str
    user: str
    exchanges: list[Exchange] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)

    @property
    def title(self) -> str:
        first = self.exchanges[0].question if self.exchanges else "Nieuw gesprek"
        first = " ".join(first.split())
        return first if len(first) <= MAX_TITLE else first[: MAX_TITLE - 1] + "…"


def new_id() -> str:
    return uuid.uuid4().hex


def user_dir_name(user: str | None) -> str:
    """A login name as a directory name (never a path; "anonymous" without a login)."""
    name = safe_filename(user or "") if user else ""
    return name.replace(" ", "_") or ANONYMOUS


class ConversationStore:
    """Conversations under `root` (`<store>/conversations`)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, user: str | None, cid: str) -> Path | None:
        if not ID.match(cid or ""):
            return None
        return self.root / user_dir_name(user) / f"{cid}.json"

    def save(self, conv: Conversation) -> None:
        path = self._path(conv.user, conv.id)
        if path is None:
            raise ValueError(f"invalid conversation id {conv.id!r}")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        conv.updated = time.time()
        data = {
            "id": conv.id,
            "user": conv.user,
            "created": conv.created,
            "updated": conv.updated,
            "title": conv.title,
            "exchanges": [e.to_json() for e in conv.exchanges],
        }
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)

    def load(self, user: str | None, cid: str) -> Conversation | None:
        """The conversation, or None when it does not exist or cannot be read."""
        path = self._path(user, cid)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Conversation(
                id=cid,
                user=user or ANONYMOUS,
                exchanges=[Exchange.from_json(e) for e in data.get("exchanges", [])],
                created=float(data.get("created", 0)),
                updated=float(data.get("updated", 0)),
            )
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def listed(self, user: str | None) -> list[tuple[str, str, float]]:
        """(id, title, updated) of the user's conversations, most recent first."""
        folder = self.root / user_dir_name(user)
        rows = []
        for p in folder.glob("*.json") if folder.is_dir() else []:
            if not ID.match(p.stem):
                continue
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
                rows.append((p.stem, str(data.get("title", "")), float(data.get("updated", 0))))
            except (OSError, ValueError, TypeError, AttributeError):
                continue
        rows.sort(key=lambda r: r[2], reverse=True)
        return rows[:MAX_LISTED]
