"""The record index: chroma (truth) + catalogue (fast local view) + original files.

This is what ingest writes into and search reads from. Writes are ordered so a crash at any
point leaves the previous state usable: the generation is changed first (marking caches
stale), statements are written, then the verslag record (commit marker), then old versions
are removed, then the generation changes again (also within a batch, so no cache taken
meanwhile outlives the next commit); re-running the same ingest finishes the job.

The commit derives the new local view from the previous one plus the batch's own writes when
the generation shows that nobody else wrote in between (adding one verslag to 25,000
statements then costs that verslag, not a re-read of the store); otherwise, and after a
repair, it is rebuilt from chroma.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import Statement, Verslag
from vectorstore.catalogue import Catalogue, extra_of
from vectorstore.embedder import Embedder
from vectorstore.store import ChromaStore, as_stored


@dataclass
class _Delta:
    """A batch's writes, while they are all known, relative to the view they started from."""

    base: Catalogue
    added: list[tuple[Verslag, list[Statement], dict]] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)

    def conflicts(self, v: Verslag) -> bool:
        """Cases the simple update does not model (the same verslag or source twice; an id
        whose older statements may linger in chroma): those commits read the store back."""
        seen = {a.id for a, _, _ in self.added} | set(self.base.verslagen)
        return v.id in seen or v.source in {a.source for a, _, _ in self.added}


class RecordIndex:
    def __init__(
        self,
        store_dir: Path,
        embedder: Embedder,
        *,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        recheck_seconds: float = 5.0,
    ) -> None:
        self.dir = Path(store_dir)
        self.embedder = embedder
        self.chroma = ChromaStore(
            self.dir, host=chroma_host, port=chroma_port, embedder_id=embedder.fingerprint
        )
        self.files_dir = self.dir / "files"
        self.cache_dir = self.dir / "cache"
        self._catalogue: Catalogue | None = None
        self._checked = 0.0
        self._batch_depth = 0
        self._dirty = False
        self._delta: _Delta | None = None
        self._last_gen: str | None = None  # the generation this process wrote last
        self.server_mode = bool(chroma_host)
        self.recheck_seconds = recheck_seconds

    # --- reading ---------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The local view; re-validated against the store's generation (cheaply, at most
        every few seconds in server mode, where another machine may write)."""
        now = time.monotonic()
        if self._catalogue is not None and (
            not self.server_mode or now - self._checked < self.recheck_seconds or self._batch_depth
        ):
            return self._catalogue
        self._checked = now
        gen = self.chroma.generation
        if self._catalogue is None or self._catalogue.generation != gen:
            cat = Catalogue.load(self.cache_dir, gen)
            if cat is None:
                cat = Catalogue.from_store(self.chroma, gen)
                if gen:
                    cat.save(self.cache_dir)
            self._catalogue = cat
        return self._catalogue

    def verslagen(self) -> list[Verslag]:
        return sorted(
            self.catalogue.verslagen.values(), key=lambda v: (v.number or 10**6, v.date or "")
        )

    def verslag(self, vid: str) -> Verslag | None:
        return self.catalogue.verslagen.get(vid)

    def statements(self, verslag_id: str | None = None) -> list[Statement]:
        return [
            s for s in self.catalogue.statements if verslag_id is None or s.verslag_id == verslag_id
        ]

    def nearest(
        self, text: str, n: int, *, ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """The `n` statements (among `ids`, when given) nearest to `text` by cosine."""
        vector = self.embedder.embed_query(text)
        return self.chroma.query(vector, n, total=len(self.catalogue.statements), ids=ids)

    def original_path(self, vid: str) -> Path | None:
        name = self.catalogue.extra.get(vid, {}).get("file")
        path = self.files_dir / name if name else None
        return path if path is not None and path.is_file() else None

    # --- writing ---------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several upserts: the lexical index is rebuilt once, at the end."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._commit()

    def _bump(self) -> str:
        self._last_gen = self.chroma.bump_generation()
        return self._last_gen

    def _begin_write(self) -> None:
        if not self._dirty:
            base = self._catalogue
            current = base is not None and base.generation == self.chroma.generation
            self._delta = _Delta(base) if current and base is not None else None
            self._bump()  # caches are stale from here on
            self._dirty = True

    def _commit(self) -> None:
        delta, self._delta = self._delta, None
        if delta is not None and self.chroma.generation != self._last_gen:
            delta = None  # another process wrote meanwhile: read the store back
        gen = self._bump()
        self._dirty = False
        if delta is not None:
            self._catalogue = delta.base.updated(gen, delta.added, delta.removed)
        else:
            self._catalogue = Catalogue.from_store(self.chroma, gen)
        self._catalogue.save(self.cache_dir)
        self._checked = time.monotonic()

    def repair(self) -> list[str]:
        """Remove leftovers of an interrupted ingest: statements without a verslag record,
        older records of a source that has a newer one, and original files no record names.
        Returns what was removed."""
        records = self.chroma.verslag_records()
        known = {vid for vid, _, _ in records}
        removed: list[str] = []
        orphans = self.chroma.statement_ids_outside(sorted(known))
        if orphans:
            self._begin_write()
            self._delta = None
            self.chroma.delete_statements(orphans)
            removed.append(f"{len(orphans)} statements of an unfinished ingest")
        newest: dict[str, tuple[str, str | None]] = {}
        for vid, _, meta in sorted(records, key=lambda r: r[2].get("ingested_at", 0.0)):
            src = meta.get("source", "")
            if src in newest:
                self._begin_write()
                self._delta = None
                self._delete(*newest[src])  # the catalogue does not show it: pass its file
                removed.append(f"older version {newest[src][0]} of {src}")
            newest[src] = (vid, meta.get("file"))
        # An original saved (or half-written) just before the cut, or left by a removal cut
        # off before its unlink, is named by no record: nothing would ever remove it.
        named = {file for _, file in newest.values()}
        if self.files_dir.is_dir():
            for f in self.files_dir.iterdir():
                if f.is_file() and f.name not in named:
                    f.unlink(missing_ok=True)
                    removed.append(f"original {f.name} of an unfinished ingest")
        if self._dirty and not self._batch_depth:
            self._commit()
        return removed

    def _delete(self, vid: str, name: str | None = None) -> None:
        name = name or self.catalogue.extra.get(vid, {}).get("file")
        self.chroma.delete_verslag(vid)
        if name:
            (self.files_dir / name).unlink(missing_ok=True)

    def _save_original(self, v: Verslag, original: bytes, suffix: str) -> str:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = f"{v.id}{suffix.lower()}"
        tmp = self.files_dir / f".{name}.{uuid.uuid4().hex}"
        tmp.write_bytes(original)
        os.replace(tmp, self.files_dir / name)
        return name

    def upsert_verslag(self, v: Verslag, original: bytes, suffix: str) -> str:
        """Store a parsed verslag; returns "added", "replaced", "retagged" or "unchanged"."""
        cat = self.catalogue
        ids = [s.id for s in v.statements]
        # (A verslag without statements is unchanged too: no truthiness test on the ids.)
        if v.id in cat.verslagen and sorted(self.chroma.statement_ids(v.id)) == sorted(ids):
            tags = {s.id: (s.opgaven, s.opgave_reasons) for s in cat.statements}
            if all(tags.get(s.id) == (s.opgaven, s.opgave_reasons) for s in v.statements):
                return "unchanged"
            # Same text, other opgave tags (the taxonomy was edited): metadata only, in place.
            self._begin_write()
            self._delta = None  # statements changed in place: read the store back at commit
            self.chroma.update_statement_metadata(v.statements)
            if self._batch_depth:
                self._bump()
            else:
                self._commit()
            return "retagged"
        older = [o.id for o in cat.verslagen.values() if o.source == v.source and o.id != v.id]
        vectors = self.embedder.embed_passages([s.text for s in v.statements])
        self._begin_write()
        name = self._save_original(v, original, suffix)
        self.chroma.add_statements(v.statements, vectors)
        self.chroma.put_verslag(
            v,
            {
                "ingested_at": time.time(),
                "file": name,
                "sha256": hashlib.sha256(original).hexdigest(),
            },
        )
        for old in older:
            self._delete(old)
        if self._delta is not None:
            meta = self.chroma.verslag_meta(v.id)
            if meta is None or self._delta.conflicts(v):
                self._delta = None
            else:
                self._delta.added.append((*as_stored(v, meta), extra_of(meta)))
                self._delta.removed.update(older)
        if self._batch_depth:
            # Committed: a snapshot another process cached during the batch is stale now (were
            # the batch cut off later, that snapshot would otherwise pass for the final state).
            self._bump()
        else:
            self._commit()
        return "replaced" if older else "added"
