"""chromadb storage: the only module that imports chromadb.

Embedded (`PersistentClient`) by default; a Chroma server (`HttpClient`) when a host is given.
Chroma is the source of truth: statements with their vectors, and one record per verslag
(metadata plus its normalised text) written *after* its statements, as the commit marker.
We always pass vectors ourselves and create collections without an embedding function, so
chromadb never falls back to its default model (which would download one).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.records import Attendee, Statement, Verslag

STATEMENTS = "raadpleeg-statements"
VERSLAGEN = "raadpleeg-verslagen"
_PAGE = 2000


class EmbedderMismatch(RuntimeError):
    """The store holds vectors from a different embedding model."""


class StoreUnavailable(RuntimeError):
    """The configured Chroma server cannot be reached (never a silent embedded fallback)."""


class StoreDamaged(RuntimeError):
    """Chroma's own database cannot be read: nothing here can rebuild it."""


def _client(path: Path, host: str | None, port: int) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        try:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        except ValueError as exc:  # chromadb's "Could not connect to a Chroma server"
            raise StoreUnavailable(
                f"cannot use the Chroma server at {host}:{port} (CHROMA_HOST/CHROMA_PORT): {exc}"
            ) from exc
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path / "chroma"), settings=settings)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _statement_meta(s: Statement) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "verslag_id": s.verslag_id,
        "section": s.section,
        "position": s.position,
        "attribution": s.attribution,
        "span_start": s.span[0],
        "span_end": s.span[1],
    }
    if s.speaker:
        meta["speaker"] = s.speaker
    if s.organisation:
        meta["organisation"] = s.organisation
    if s.persons:
        meta["persons"] = list(s.persons)
    if s.opgaven:
        meta["opgaven"] = list(s.opgaven)
    return meta


def statement_from(sid: str, text: str, meta: dict[str, Any]) -> Statement:
    return Statement(
        id=sid,
        verslag_id=meta["verslag_id"],
        section=meta.get("section", ""),
        position=int(meta.get("position", 0)),
        text=text,
        speaker=meta.get("speaker"),
        organisation=meta.get("organisation"),
        persons=tuple(meta.get("persons") or ()),
        attribution=meta.get("attribution", "none"),
        opgaven=tuple(meta.get("opgaven") or ()),
        span=(int(meta.get("span_start", 0)), int(meta.get("span_end", 0))),
    )


def verslag_from(vid: str, text: str, meta: dict[str, Any]) -> Verslag:
    return Verslag(
        id=vid,
        number=meta.get("number"),
        title=meta.get("title", ""),
        date=meta.get("date"),
        source=meta.get("source", ""),
        attendees=tuple(Attendee(**a) for a in json.loads(meta.get("attendees", "[]"))),
        text=text,
    )


def as_stored(v: Verslag, meta: dict[str, Any]) -> tuple[Verslag, list[Statement]]:
    """The verslag and its statements as reading them back from the store would give them
    (`meta` as the store returns the verslag's record), without reading the statements."""
    view = verslag_from(v.id, v.text, meta)
    return view, [statement_from(s.id, s.text, _statement_meta(s)) for s in v.statements]


class ChromaStore:
    """Statements (with vectors) and verslag records in two chroma collections."""

    def __init__(
        self, path: Path, *, host: str | None = None, port: int = 8000, embedder_id: str = ""
    ) -> None:
        self.path, self.host, self.port = Path(path), host, port
        try:
            self._open()
        except (StoreUnavailable, EmbedderMismatch):
            raise
        except Exception as exc:  # chromadb.errors.InternalError "database disk image is …"
            if host:
                raise
            raise StoreDamaged(
                f"the Chroma database {self.path / 'chroma' / 'chroma.sqlite3'} cannot be read "
                f"({_first_line(exc)}); restore the store from a backup, or move it aside and "
                f"ingest the verslagen again (the stored originals are in {self.path / 'files'})"
            ) from exc
        self._known = self.generation  # the last generation this client is known to show
        stored = (self.statements.metadata or {}).get("embedder")
        if embedder_id and stored and stored != embedder_id and self.statements.count():
            raise EmbedderMismatch(
                f"the store was built with embedder {stored!r}, not {embedder_id!r}; "
                "use another --store or re-ingest into an empty one"
            )
        self.embedder_id = embedder_id or stored or ""

    def _open(self) -> None:
        self.client = _client(self.path, self.host, self.port)
        self.statements = self.client.get_or_create_collection(
            STATEMENTS,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
        )
        self.verslagen = self.client.get_or_create_collection(VERSLAGEN, embedding_function=None)

    # --- generation: changes on every committed write, so caches know they are stale ------

    @property
    def generation(self) -> str:
        self.statements = self.client.get_collection(STATEMENTS, embedding_function=None)
        return str((self.statements.metadata or {}).get("generation", ""))

    def bump_generation(self) -> str:
        gen = uuid.uuid4().hex
        self.statements.modify(metadata={"generation": gen, "embedder": self.embedder_id})
        self._known = gen
        return gen

    def counts(self) -> tuple[int, int]:
        """(verslag records, statements) as chroma counts them: cheap, and with the
        generation a fingerprint of what a cached view was built from."""
        return self.verslagen.count(), self.statements.count()

    def refresh(self) -> bool:
        """Reopen the embedded client when another process wrote since this one last looked;
        True when it did. An embedded chromadb client sees another process's counts and
        metadata but keeps serving its own in-memory vector index, so its queries would miss
        (or fail on) the new statements. A server client always sees the server's state."""
        gen = self.generation
        if self.host or gen == self._known:
            return False
        from chromadb.api.shared_system_client import SharedSystemClient

        # chromadb shares one System per path inside a process; drop it (not stop: another
        # thread may be mid-query on it) so the next client starts a fresh one.
        SharedSystemClient._identifier_to_system.pop(str(self.path / "chroma"), None)
        self._open()
        self._known = gen
        return True

    # --- writes ----------------------------------------------------------------------------

    def update_statement_metadata(self, statements: Sequence[Statement]) -> None:
        """Rewrite stored statements' metadata (e.g. new opgave tags) without new vectors."""
        for i in range(0, len(statements), _PAGE):
            chunk = statements[i : i + _PAGE]
            # chroma merges metadata on update; None removes a key the statement no longer has
            optional = dict.fromkeys(("speaker", "organisation", "persons", "opgaven"))
            self.statements.update(
                ids=[s.id for s in chunk],
                metadatas=[{**optional, **_statement_meta(s)} for s in chunk],
            )

    def add_statements(self, statements: Sequence[Statement], vectors: np.ndarray) -> None:
        for i in range(0, len(statements), _PAGE):
            chunk = statements[i : i + _PAGE]
            self.statements.upsert(
                ids=[s.id for s in chunk],
                embeddings=vectors[i : i + _PAGE],
                documents=[s.text for s in chunk],
                metadatas=[_statement_meta(s) for s in chunk],
            )

    def put_verslag(self, v: Verslag, extra: dict[str, Any]) -> None:
        """Write the verslag record: the commit marker for its statements."""
        meta: dict[str, Any] = {
            "title": v.title,
            "source": v.source,
            "attendees": json.dumps([a.__dict__ for a in v.attendees], ensure_ascii=False),
            "statement_count": len(v.statements),
            **extra,
        }
        if v.number is not None:
            meta["number"] = v.number
        if v.date:
            meta["date"] = v.date
        self.verslagen.upsert(ids=[v.id], embeddings=[[1.0]], documents=[v.text], metadatas=[meta])

    def delete_verslag(self, vid: str) -> None:
        """Remove a verslag record and every statement of it."""
        self.verslagen.delete(ids=[vid])
        self.statements.delete(where={"verslag_id": vid})

    def delete_statements(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), _PAGE):
            self.statements.delete(ids=list(ids[i : i + _PAGE]))

    # --- reads -----------------------------------------------------------------------------

    def verslag_records(self) -> list[tuple[str, str, dict[str, Any]]]:
        got = self.verslagen.get(include=["documents", "metadatas"])
        return list(zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True))

    def verslag_meta(self, vid: str) -> dict[str, Any] | None:
        """One verslag record's metadata as chroma returns it (floats do not round-trip
        exactly, so a view built from what was written would differ from one read back)."""
        got = self.verslagen.get(ids=[vid], include=["metadatas"])
        metas = got["metadatas"] or []
        return dict(metas[0] or {}) if got["ids"] else None

    def iter_statements(self) -> Iterator[Statement]:
        total = self.statements.count()
        for offset in range(0, total, _PAGE):
            got = self.statements.get(
                include=["documents", "metadatas"], limit=_PAGE, offset=offset
            )
            for sid, text, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
            ):
                yield statement_from(sid, text, meta or {})

    def statement_ids_outside(self, verslag_ids: Sequence[str]) -> list[str]:
        """Ids of statements of no verslag in `verslag_ids`, reading ids only (at 25,000
        statements, reading them all back took seconds on every ingest)."""
        where = {"verslag_id": {"$nin": list(verslag_ids)}} if verslag_ids else None
        return list(self.statements.get(where=where, include=[])["ids"])

    def statement_ids(self, verslag_id: str) -> list[str]:
        return list(self.statements.get(where={"verslag_id": verslag_id}, include=[])["ids"])

    def count(self) -> int:
        return self.statements.count()

    def query(
        self,
        vector: np.ndarray,
        n: int,
        where: dict[str, Any] | None = None,
        total: int | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Nearest statements as (id, cosine similarity), best first, among `ids` when given
        (at 25,000 statements chroma answered an id list 2-3x faster than the equivalent
        `where`). `total`, a lower bound of the count, saves asking chroma for it."""
        total = self.statements.count() if total is None else total
        if total == 0 or (ids is not None and not ids):
            return []
        got = self.statements.query(
            query_embeddings=[vector],
            n_results=min(n, total),
            where=where,
            ids=list(ids) if ids is not None else None,
            include=["distances"],
        )
        ids = got["ids"][0]
        dists = (got["distances"] or [[]])[0]
        return [(sid, 1.0 - float(d)) for sid, d in zip(ids, dists, strict=True)]
