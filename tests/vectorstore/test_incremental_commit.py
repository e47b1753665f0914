"""Incremental commit: adding a verslag to a store derives the new local view from the old one
plus the batch's own writes (no read-back of chroma, only the new texts stemmed and embedded),
and that view equals a full rebuild from chroma; when another process wrote in between, the
commit falls back to the rebuild."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.fakes.embedder import HashEmbedder
from vectorstore.catalogue import Catalogue

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "ingest" / "data" / "verslagen"
OPGAVEN = REPO / "ingest" / "data" / "opgaven.toml"
QUERIES = ("armoede sociale teams", "geldgebrek", "Humanitas brievenbus", "vrijwilligers dorp")


def runtime(store: Path) -> Runtime:
    SharedSystemClient.clear_system_cache()
    rt = Runtime(Settings(store=store, opgaven=OPGAVEN), embedder=HashEmbedder())
    return rt


def synth_files(outdir: Path, count: int, seed: int = 5) -> list[Path]:
    from bench.synth import ALL, build_verslagen, format_cycle, render, roman

    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for v, fmt in zip(build_verslagen(count * 80, seed=seed), format_cycle(ALL), strict=False):
        if len(paths) == count:
            break
        kept = dataclasses.replace(v, statements=v.statements[:8])
        path = outdir / f"synth-{seed}-{roman(v.number)}.{fmt}"
        path.write_bytes(render(kept, fmt))
        paths.append(path)
    return paths


def assert_same_view(cat: Catalogue, rebuilt: Catalogue) -> None:
    assert cat.generation == rebuilt.generation
    assert list(cat.verslagen) == list(rebuilt.verslagen)
    assert cat.verslagen == rebuilt.verslagen
    assert cat.extra == rebuilt.extra
    assert cat.statements == rebuilt.statements
    assert cat.lexical is not None and rebuilt.lexical is not None
    assert set(cat.lexical.vocab) == set(rebuilt.lexical.vocab)
    for q in QUERIES:
        np.testing.assert_allclose(cat.lexical.scores(q), rebuilt.lexical.scores(q), rtol=1e-6)
    for stem in list(rebuilt.lexical.vocab)[:50]:
        assert cat.lexical.term_weight(stem) == pytest.approx(rebuilt.lexical.term_weight(stem))


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Generations for which the view was rebuilt from chroma."""
    calls: list[str] = []
    original = Catalogue.from_store.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Catalogue], store: object, generation: str) -> Catalogue:
        calls.append(generation)
        return original(cls, store, generation)

    monkeypatch.setattr(Catalogue, "from_store", classmethod(spy))
    return calls


def test_adding_a_verslag_updates_the_view_without_a_rebuild(
    tmp_path: Path, rebuilds: list[str]
) -> None:
    files = synth_files(tmp_path / "in", 5)
    store = tmp_path / "store"
    rt = runtime(store)
    assert all(r.ok for r in rt.ingest([DATA, *files[:4]]))
    before = {s.id for s in rt.index.catalogue.statements}
    embedded = rt.embedder.passages_embedded
    rebuilds.clear()

    (report,) = rt.ingest([files[4]])
    assert report.status == "added"
    assert rebuilds == []  # the view was derived, not read back
    assert rt.embedder.passages_embedded - embedded == report.statements  # only the new one
    cat = rt.index.catalogue
    assert before < {s.id for s in cat.statements}
    assert_same_view(cat, Catalogue.from_store(rt.index.chroma, rt.index.chroma.generation))
    # The snapshot on disk is the same view, for the next process.
    loaded = Catalogue.load(store / "cache", cat.generation)
    assert loaded is not None
    assert_same_view(loaded, cat)


def test_replacing_a_verslag_and_a_batch_of_new_ones(tmp_path: Path, rebuilds: list[str]) -> None:
    files = synth_files(tmp_path / "in", 4)
    store = tmp_path / "store"
    rt = runtime(store)
    rt.ingest([DATA, files[0]])
    changed = files[0].read_bytes().replace(b"Hoe kijk je tegen de visie aan?", b"Visie?", 1)
    assert changed != files[0].read_bytes()
    files[0].write_bytes(changed)
    rebuilds.clear()

    reports = rt.ingest(files)
    assert [r.status for r in reports] == ["replaced", "added", "added", "added"]
    assert rebuilds == []
    assert_same_view(
        rt.index.catalogue, Catalogue.from_store(rt.index.chroma, rt.index.chroma.generation)
    )
    assert len({v.source for v in rt.index.verslagen()}) == len(rt.index.verslagen()) == 6


def test_a_write_by_another_process_meanwhile_forces_a_rebuild(
    tmp_path: Path, rebuilds: list[str]
) -> None:
    files = synth_files(tmp_path / "in", 2)
    store = tmp_path / "store"
    first = runtime(store)
    first.ingest([DATA])
    assert len(first.index.catalogue.verslagen) == 2  # a view, now stale after the next write
    other = runtime(store)
    other.ingest([files[0]])
    rebuilds.clear()

    first.ingest([files[1]])
    # Its old view could not be the base: taking the write lock re-checked the store and
    # picked up the other process's view (its disk snapshot) before deriving the new one.
    cat = first.index.catalogue
    assert len(cat.verslagen) == 4
    assert_same_view(cat, Catalogue.from_store(first.index.chroma, first.index.chroma.generation))
