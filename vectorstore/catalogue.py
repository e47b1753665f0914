"""An in-memory view of the store (statements, verslagen, BM25) cached on local disk.

The cache is keyed by the store's *generation*, which every committed write changes (and a
batch changes before its first write). A cache whose generation differs from the store's is
rebuilt from chroma, so after a crash, or a write by another machine to a Chroma server, the
lexical index and the vector store agree again. Statements whose verslag record is missing
(an ingest cut off before its commit marker) are left out, and so is an older record of a
verslag that has a newer one (a replacement cut off before the old version was removed).

Besides the generation, a snapshot records chroma's counts (verslag records, statements) when
it was taken: a snapshot whose counts differ from chroma's, or whose files are damaged, is
rebuilt (`CacheDamaged` names what is wrong), never served.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import Attendee, Statement, Verslag
from ingest.text import STEMMING
from vectorstore.lexical import LexicalIndex
from vectorstore.store import ChromaStore, verslag_from


class CacheDamaged(ValueError):
    """A cached snapshot exists for the generation but cannot be used; says which file."""


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def extra_of(meta: dict) -> dict:
    """What the view keeps of a verslag record's metadata besides the verslag itself."""
    return {k: meta[k] for k in ("ingested_at", "file", "sha256") if k in meta}


def _verslag_dict(v: Verslag) -> dict:
    return {**v.meta_dict(), "text": v.text}


def _verslag_load(d: dict) -> Verslag:
    return Verslag(
        id=d["id"],
        number=d["number"],
        title=d["title"],
        date=d["date"],
        source=d["source"],
        attendees=tuple(Attendee(**a) for a in d["attendees"]),
        text=d["text"],
    )


def _statement_load(d: dict) -> Statement:
    return Statement(
        **{
            **d,
            "persons": tuple(d["persons"]),
            "opgaven": tuple(d["opgaven"]),
            "opgave_reasons": tuple(d.get("opgave_reasons", ())),  # absent in older stores
            "span": tuple(d["span"]),
        }
    )


@dataclass
class Catalogue:
    generation: str
    verslagen: dict[str, Verslag]
    statements: list[Statement]
    extra: dict[str, dict] = field(default_factory=dict)  # per verslag: ingested_at, file …
    lexical: LexicalIndex | None = None
    chroma_counts: tuple[int, int] | None = None  # (records, statements) it was built from
    _row: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.statements.sort(key=lambda s: (s.verslag_id, s.position))
        self._row = {s.id: i for i, s in enumerate(self.statements)}
        if self.lexical is None or self.lexical.size != len(self.statements):
            self.lexical = LexicalIndex.build([s.text for s in self.statements])

    def row(self, statement_id: str) -> int | None:
        return self._row.get(statement_id)

    def get(self, statement_id: str) -> Statement | None:
        i = self._row.get(statement_id)
        return None if i is None else self.statements[i]

    # --- building from chroma and caching --------------------------------------------------

    @classmethod
    def from_store(cls, store: ChromaStore, generation: str) -> Catalogue:
        verslagen: dict[str, Verslag] = {}
        extra: dict[str, dict] = {}
        counts = store.counts()
        records = sorted(store.verslag_records(), key=lambda r: r[2].get("ingested_at", 0.0))
        # A replacement cut off before the old version was removed leaves two records of one
        # verslag: show only the newest (the next ingest's repair removes the other).
        views = [(verslag_from(vid, text, meta), meta) for vid, text, meta in records]
        newest = {v.identity: v.id for v, _ in views}
        for v, meta in views:
            if newest[v.identity] != v.id:
                continue
            verslagen[v.id] = v
            extra[v.id] = extra_of(meta)
        statements = [s for s in store.iter_statements() if s.verslag_id in verslagen]
        return cls(generation, verslagen, statements, extra, chroma_counts=counts)

    def updated(
        self,
        generation: str,
        added: list[tuple[Verslag, list[Statement], dict]],
        removed: set[str],
        counts: tuple[int, int] | None = None,
    ) -> Catalogue:
        """This view after a commit whose writes are all known: verslagen `removed`, and
        `added` ones (as the store gives them back, with their statements and extra). Equal
        to `from_store` afterwards, but reads nothing back and stems only the new texts (at
        25,000 statements a full rebuild took many seconds per added verslag)."""
        assert self.lexical is not None
        new_ids = {v.id for v, _, _ in added}
        gone = removed | new_ids
        verslagen = {vid: v for vid, v in self.verslagen.items() if vid not in gone}
        extra = {vid: e for vid, e in self.extra.items() if vid not in gone}
        for v, _, ex in added:  # newest last, as from_store orders by ingested_at
            verslagen[v.id] = v
            extra[v.id] = ex
        rows: list[tuple[Statement, int | str]] = [
            (s, i) for i, s in enumerate(self.statements) if s.verslag_id not in gone
        ]
        rows += [(s, s.text) for _, statements, _ in added for s in statements]
        rows.sort(key=lambda r: (r[0].verslag_id, r[0].position))
        lexical = self.lexical.rebuilt([r for _, r in rows])
        return Catalogue(generation, verslagen, [s for s, _ in rows], extra, lexical, counts)

    def save(self, cache_dir: Path) -> None:
        """Write a generation-named snapshot, then switch `CURRENT` to it atomically."""
        target = cache_dir / self.generation
        tmp = cache_dir / f".tmp-{self.generation}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        payload = {
            "generation": self.generation,
            "verslagen": [_verslag_dict(v) for v in self.verslagen.values()],
            "extra": self.extra,
            "statements": [s.to_dict() for s in self.statements],
            "chroma_counts": list(self.chroma_counts) if self.chroma_counts else None,
            "stemmer": STEMMING,
        }
        (tmp / "catalogue.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        assert self.lexical is not None
        self.lexical.save(tmp)
        # Several processes (the app, a CLI call; readers after another machine's write) may
        # save the same generation at once: a complete snapshot of it is kept, not replaced
        # (one in an older layout, without the lexical counts, is replaced).
        if not all((target / f).is_file() for f in ("catalogue.json", *LexicalIndex.FILES)):
            shutil.rmtree(target, ignore_errors=True)  # a half-removed leftover
            try:
                os.replace(tmp, target)
            except OSError:  # "Directory not empty": another process's snapshot won the race
                if not target.is_dir():
                    raise
        shutil.rmtree(tmp, ignore_errors=True)
        pointer = cache_dir / f".CURRENT-{os.getpid()}"
        pointer.write_text(self.generation, encoding="utf-8")
        os.replace(pointer, cache_dir / "CURRENT")
        for old in cache_dir.iterdir():
            if old.is_dir() and old.name != self.generation and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def discard(cache_dir: Path, generation: str) -> None:
        """Remove a damaged snapshot, so the rebuilt one replaces it (`save` keeps a
        complete-looking snapshot of its generation, which another process may have won)."""
        if generation and not generation.startswith("."):
            shutil.rmtree(cache_dir / generation, ignore_errors=True)

    @classmethod
    def load(cls, cache_dir: Path, generation: str) -> Catalogue | None:
        """The cached snapshot for `generation`; None when there is none (or one in an older
        layout); CacheDamaged when there is one that cannot be read. (Whether it matches
        chroma's counts is the caller's check.)"""
        try:
            current = (cache_dir / "CURRENT").read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if current != generation:
            return None
        snap = cache_dir / current
        try:
            text = (snap / "catalogue.json").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise CacheDamaged(f"{snap / 'catalogue.json'} is unreadable ({exc})") from exc
        try:
            payload = json.loads(text)
            counts = payload.get("chroma_counts")
            rows = len(payload["statements"])
        except Exception as exc:  # truncated JSON, a missing key, a value of the wrong type
            raise CacheDamaged(f"{snap / 'catalogue.json'} is damaged ({_why(exc)})") from exc
        if payload.get("stemmer") != STEMMING:
            return None  # counted with another stemmer: rebuilt from the store
        try:
            lexical = LexicalIndex.load(snap, rows=rows)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise CacheDamaged(f"the lexical index in {snap} is damaged: {exc}") from exc
        try:
            cat = cls(
                generation=generation,
                verslagen={d["id"]: _verslag_load(d) for d in payload["verslagen"]},
                statements=[_statement_load(d) for d in payload["statements"]],
                extra=dict(payload.get("extra", {})),
                lexical=lexical,
                chroma_counts=(int(counts[0]), int(counts[1])) if counts else None,
            )
        except Exception as exc:
            raise CacheDamaged(f"{snap / 'catalogue.json'} is damaged ({_why(exc)})") from exc
        return cat
