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

Writers hold the store's write lock (`vectorstore.lock`) for a whole batch, so writes of two
processes never interleave. Readers re-check the store every `recheck_seconds` (0: on every
access): when the generation or chroma's counts differ from the view's, the view is taken from
the disk cache or rebuilt, and an embedded chroma client is reopened when another process
wrote, so a long-running app sees what a CLI ingest added. A damaged cache is reported (one
line, through `notify`) and rebuilt from chroma.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.names import align_organisations
from ingest.records import Statement, Stored, Verslag
from vectorstore.catalogue import CacheDamaged, Catalogue, extra_of
from vectorstore.embedder import Embedder
from vectorstore.lock import StoreBusy, write_lock
from vectorstore.store import ChromaStore, as_stored, verslag_from

_log = logging.getLogger("raadpleeg.store")


@dataclass
class _Delta:
    """A batch's writes, while they are all known, relative to the view they started from."""

    base: Catalogue
    added: list[tuple[Verslag, list[Statement], dict]] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)

    def conflicts(self, v: Verslag) -> bool:
        """Cases the simple update does not model (the same verslag twice; an id whose older
        statements may linger in chroma): those commits read the store back."""
        seen = {a.id for a, _, _ in self.added} | set(self.base.verslagen)
        return v.id in seen or v.identity in {a.identity for a, _, _ in self.added}


class RecordIndex:
    def __init__(
        self,
        store_dir: Path,
        embedder: Embedder,
        *,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        recheck_seconds: float = 2.0,
        lock_timeout: float = 600.0,
        notify: Callable[[str], None] | None = None,
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
        # Verslagen written (with their original's name) and ids removed since the last
        # commit: the view does not show them yet, but a later file of the batch may revise
        # one of them.
        self._pending: dict[str, tuple[Verslag, str]] = {}
        self._gone: set[str] = set()
        self._lock_depth = 0
        self._view_lock = threading.RLock()  # the app reads from several threads
        self._write_mutex = threading.RLock()
        self.server_mode = bool(chroma_host)
        self.recheck_seconds = recheck_seconds
        self.lock_timeout = lock_timeout
        self.notify = notify or _log.warning

    # --- reading ---------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The local view; re-validated against the store's fingerprint (generation and
        counts) at most every `recheck_seconds`, and never while this process holds the
        write lock (nobody else can write then)."""
        cat = self._catalogue
        if cat is not None and (
            self._lock_depth or time.monotonic() - self._checked < self.recheck_seconds
        ):
            return cat
        with self._view_lock:
            self._checked = time.monotonic()
            gen = self.chroma.generation
            counts = self.chroma.counts()
            cat = self._catalogue
            if cat is None or cat.generation != gen or cat.chroma_counts != counts:
                self.chroma.refresh()  # reopens an embedded client after another's write
                self._catalogue = self._view(gen, counts)
            return self._catalogue

    def _view(self, gen: str, counts: tuple[int, int]) -> Catalogue:
        """The view for this fingerprint: the disk cache when it matches, else rebuilt."""
        unusable = True  # a snapshot of this generation exists but must be replaced
        try:
            cat = Catalogue.load(self.cache_dir, gen)
        except CacheDamaged as exc:
            self.notify(f"{exc}; rebuilding it from Chroma")
            cat = None
        else:
            unusable = cat is not None
        if cat is not None and cat.chroma_counts is not None and cat.chroma_counts != counts:
            self.notify(
                f"the cached catalogue and lexical index ({cat.chroma_counts[0]} verslag "
                f"records, {cat.chroma_counts[1]} statements) disagree with Chroma "
                f"({counts[0]}, {counts[1]}); rebuilding them from Chroma"
            )
            cat = None
        if cat is None or cat.chroma_counts is None:  # (no counts: an older layout)
            cat = Catalogue.from_store(self.chroma, gen)
            if gen:
                if unusable:
                    Catalogue.discard(self.cache_dir, gen)
                cat.save(self.cache_dir)
        return cat

    def rebuild(self) -> Catalogue:
        """Rebuild the view and its disk cache from chroma, whatever the cache says."""
        with self._view_lock:
            gen = self.chroma.generation
            self._catalogue = Catalogue.from_store(self.chroma, gen)
            if gen:
                Catalogue.discard(self.cache_dir, gen)
                self._catalogue.save(self.cache_dir)
            self._checked = time.monotonic()
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
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock (re-entrant). On taking it, pick up what another
        process wrote meanwhile: the client is reopened if needed and the view re-checked."""
        # Threads of one process (the app's uploads) take turns too; re-entrant per thread.
        if not self._write_mutex.acquire(timeout=self.lock_timeout):
            raise StoreBusy(
                f"store is busy (another ingest is running: pid {os.getpid()}, this process); "
                f"waited {self.lock_timeout:.0f} s for {self.dir}"
            )
        try:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            with self._locked():
                yield
        finally:
            self._write_mutex.release()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with write_lock(self.dir, self.lock_timeout, self.notify):
            self.chroma.refresh()
            self._checked = float("-inf")
            if self._catalogue is not None:
                _ = self.catalogue  # re-validated: another process may have written
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several upserts under one hold of the write lock: the lexical index is
        rebuilt once, at the end."""
        with self.writing():
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
        self._pending, self._gone = {}, set()
        if delta is not None and self.chroma.generation != self._last_gen:
            delta = None  # another process wrote meanwhile: read the store back
        gen = self._bump()
        self._dirty = False
        if delta is not None:
            counts = self.chroma.counts()
            self._catalogue = delta.base.updated(gen, delta.added, delta.removed, counts)
        else:
            self._catalogue = Catalogue.from_store(self.chroma, gen)
        self._catalogue.save(self.cache_dir)
        self._checked = time.monotonic()

    def repair(self) -> list[str]:
        """Remove leftovers of an interrupted ingest: statements without a verslag record,
        older records of a verslag that has a newer one, and original files no record names.
        Returns what was removed."""
        with self.writing():
            return self._repair()

    def _repair(self) -> list[str]:
        records = self.chroma.verslag_records()
        known = {vid for vid, _, _ in records}
        removed: list[str] = []
        orphans = self.chroma.statement_ids_outside(sorted(known))
        if orphans:
            self._begin_write()
            self._delta = None
            self.chroma.delete_statements(orphans)
            removed.append(f"{len(orphans)} statements of an unfinished ingest")
        newest: dict[str, tuple[str, str | None, str]] = {}
        for vid, _, meta in sorted(records, key=lambda r: r[2].get("ingested_at", 0.0)):
            key = verslag_from(vid, "", meta).identity
            if key in newest:
                old, file, source = newest[key]
                self._begin_write()
                self._delta = None
                self._delete(old, file)  # the catalogue does not show it: pass its file
                removed.append(f"older version {old} of {source}")
            newest[key] = (vid, meta.get("file"), meta.get("source", ""))
        # An original saved (or half-written) just before the cut, or left by a removal cut
        # off before its unlink, is named by no record: nothing would ever remove it.
        named = {file for _, file, _ in newest.values()}
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

    def upsert_verslag(self, v: Verslag, original: bytes, suffix: str) -> Stored:
        """Store a parsed verslag. A stored verslag with the same identity (number and date,
        see `Verslag.identity`) and other content is replaced; the file name plays no part."""
        with self.writing():
            return self._upsert(v, original, suffix)

    def _upsert(self, v: Verslag, original: bytes, suffix: str) -> Stored:
        cat = self.catalogue
        pending = [p for p, _ in self._pending.values()]
        v = align_organisations(  # "Gemeente X" where the store writes "gemeente X"
            v,
            (  # not from the verslag it revises: a corrected spelling must take effect
                a.organisation
                for o in [*cat.verslagen.values(), *pending]
                if o.id != v.id and o.identity != v.identity
                for a in o.attendees
                if a.organisation
            ),
        )
        ids = [s.id for s in v.statements]
        # (A verslag without statements is unchanged too: no truthiness test on the ids.)
        if v.id in cat.verslagen and sorted(self.chroma.statement_ids(v.id)) == sorted(ids):
            tags = {
                s.id: (s.opgaven, s.opgave_reasons) for s in cat.statements if s.verslag_id == v.id
            }
            if all(tags.get(s.id) == (s.opgaven, s.opgave_reasons) for s in v.statements):
                return Stored("unchanged")
            # Same text, other opgave tags (the taxonomy was edited): metadata only, in place.
            self._begin_write()
            self._delta = None  # statements changed in place: read the store back at commit
            self.chroma.update_statement_metadata(v.statements)
            if self._batch_depth:
                self._bump()
            else:
                self._commit()
            return Stored("retagged")
        if v.id in self._pending:  # the same verslag twice in one batch
            return Stored("unchanged")
        known = {**cat.verslagen, **{vid: p for vid, (p, _) in self._pending.items()}}
        older = [
            o
            for o in known.values()
            if o.identity == v.identity and o.id != v.id and o.id not in self._gone
        ]
        before = Counter(
            s.text
            for o in older
            for s in (o.statements if o.id in self._pending else self.statements(o.id))
        )
        after = Counter(s.text for s in v.statements)
        vectors = self.embedder.embed_passages([s.text for s in v.statements])
        self._begin_write()
        try:
            self._write(v, original, suffix, older, vectors)
        except BaseException:
            self._delta = None  # what reached chroma is unknown: read it back at commit
            if not self._batch_depth:
                with suppress(Exception):  # the first error is the one to report
                    self._commit()
            raise
        if not older:
            return Stored("added")
        return Stored(
            "replaced",
            replaced=tuple(f"{o.source} ({o.id})" for o in older),
            statements_added=sum((after - before).values()),
            statements_removed=sum((before - after).values()),
        )

    def _write(
        self, v: Verslag, original: bytes, suffix: str, older: list[Verslag], vectors: np.ndarray
    ) -> None:
        """The writes of one new verslag, in crash-safe order (see the module docstring)."""
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
        self._pending[v.id] = (v, name)
        for old in older:
            self._delete(old.id, self._pending.pop(old.id, (old, None))[1])
            self._gone.add(old.id)
        if self._delta is not None:
            meta = self.chroma.verslag_meta(v.id)
            if meta is None or self._delta.conflicts(v):
                self._delta = None
            else:
                self._delta.added.append((*as_stored(v, meta), extra_of(meta)))
                self._delta.removed.update(o.id for o in older)
        if self._batch_depth:
            # Committed: a snapshot another process cached during the batch is stale now (were
            # the batch cut off later, that snapshot would otherwise pass for the final state).
            self._bump()
        else:
            self._commit()
