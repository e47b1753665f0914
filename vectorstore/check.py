"""`raadpleeg check`: verify the local view (catalogue + lexical index, cached on disk) and the
stored originals against chroma, the source of truth, and rebuild what disagrees.

Reading the whole store back is what the cheap fingerprint (generation + counts, checked on
every access) saves; this is the thorough version, for a store someone distrusts. The cache is
always rebuilt when it disagrees (it is derived data); leftovers in chroma itself (statements
of an unfinished ingest, an older version of a replaced verslag, stray originals) are only
removed with `repair=True`, under the write lock.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from vectorstore.catalogue import CacheDamaged, Catalogue
from vectorstore.index import RecordIndex


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    verslagen: int = 0
    statements: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _lexical_equal(a: Catalogue, b: Catalogue) -> bool:
    """Same term counts per statement, whatever the column order of the two vocabularies."""
    la, lb = a.lexical, b.lexical
    if la is None or lb is None or set(la.vocab) != set(lb.vocab):
        return False
    if la.counts.shape != lb.counts.shape:
        return False
    order = np.array([la.vocab[t] for t in sorted(lb.vocab, key=lb.vocab.__getitem__)])
    diff = la.counts[:, order] - lb.counts if order.size else la.counts - lb.counts
    return bool(diff.nnz == 0 or not np.any(diff.data))


def _view_problems(cached: Catalogue, fresh: Catalogue) -> list[str]:
    out: list[str] = []
    if set(cached.verslagen) != set(fresh.verslagen):
        missing = len(set(fresh.verslagen) - set(cached.verslagen))
        extra = len(set(cached.verslagen) - set(fresh.verslagen))
        out.append(
            f"the cached catalogue lists {len(cached.verslagen)} verslagen, Chroma "
            f"{len(fresh.verslagen)} ({missing} missing, {extra} not in Chroma)"
        )
    mine = {s.id: s for s in cached.statements}
    truth = {s.id: s for s in fresh.statements}
    if set(mine) != set(truth):
        out.append(
            f"the cached catalogue holds {len(mine)} statements, Chroma {len(truth)} "
            f"({len(set(truth) - set(mine))} missing, {len(set(mine) - set(truth))} extra)"
        )
    else:
        differ = sum(mine[i] != truth[i] for i in truth)
        if differ:
            out.append(f"{differ} cached statements differ from Chroma's text or metadata")
    if not _lexical_equal(cached, fresh):
        out.append("the cached lexical (BM25) index does not match Chroma's statements")
    return out


def _cache_problems(index: RecordIndex, fresh: Catalogue) -> list[str]:
    try:
        cached = Catalogue.load(index.cache_dir, fresh.generation)
    except CacheDamaged as exc:
        return [str(exc)]
    if cached is None:  # (a store nothing was ever written to has no cache to check)
        gen = fresh.generation
        return [f"no cached view of the current generation {gen!r}"] if gen else []
    out = []
    if cached.chroma_counts != fresh.chroma_counts:
        out.append(
            f"the cache was built from {cached.chroma_counts} Chroma records and statements, "
            f"Chroma holds {fresh.chroma_counts}"
        )
    return out + _view_problems(cached, fresh)


def _store_problems(index: RecordIndex, fresh: Catalogue) -> list[str]:
    """Leftovers in chroma and the originals folder (what `RecordIndex.repair` removes), and
    originals that are missing (which only ingesting the file again restores)."""
    out = []
    records = index.chroma.verslag_records()
    if len(records) > len(fresh.verslagen):
        out.append(f"{len(records) - len(fresh.verslagen)} older versions of verslagen in Chroma")
    orphans = index.chroma.statement_ids_outside(sorted(vid for vid, _, _ in records))
    if orphans:
        out.append(f"{len(orphans)} statements without a verslag record in Chroma")
    for vid in fresh.verslagen:
        extra = fresh.extra.get(vid, {})
        name, digest = extra.get("file"), extra.get("sha256")
        path = index.files_dir / name if name else None
        if path is None:
            continue
        if not path.is_file():
            out.append(f"the original {name} of {vid} is missing (ingest its file again)")
        elif digest and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            out.append(f"the original {name} of {vid} is damaged (ingest its file again)")
    named = {meta.get("file") for _, _, meta in records}
    if index.files_dir.is_dir():
        stray = [f for f in index.files_dir.iterdir() if f.is_file() and f.name not in named]
        if stray:
            out.append(f"{len(stray)} stored originals that no verslag names")
    return out


def check_store(index: RecordIndex, repair: bool = False) -> CheckReport:
    """Compare the cache with chroma and the originals with the records; fix what can be."""
    report = CheckReport()
    with index.writing():  # a writer meanwhile would make anything look inconsistent
        fresh = Catalogue.from_store(index.chroma, index.chroma.generation)
        cache = _cache_problems(index, fresh)
        report.problems = cache + _store_problems(index, fresh)
        if repair:
            report.fixed += index.repair()
        if cache:
            index.rebuild()
            report.fixed.append("rebuilt the catalogue and lexical index from Chroma")
        view = index.catalogue
        report.verslagen, report.statements = len(view.verslagen), len(view.statements)
    return report
