"""Atomic ingest: an ingest cut off at any point leaves a store that opens, still serves what it
held, and whose views agree (catalogue == chroma statements with a verslag record, BM25 size ==
statement count); running the same ingest again finishes the job, with every file present
exactly once and no orphan statements or files.

Two kinds of cut: a real `raadpleeg ingest` process SIGKILLed mid-way (with another process
reading the store meanwhile, as the app does), and a child process that dies (os._exit) at each
write step of `RecordIndex` in turn, with a model-free embedder so it is quick and exact.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.pipeline import parse_file
from ingest.records import Verslag
from tests.fakes.embedder import HashEmbedder
from vectorstore.embedder import Embedder
from vectorstore.search import Filters, Query

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "ingest" / "data" / "verslagen"
CORPUS = sorted(DATA.glob("*.txt"))
OPGAVEN = REPO / "ingest" / "data" / "opgaven.toml"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def write_synth(outdir: Path, count: int, per_section: int = 4) -> list[Path]:
    """`count` synthetic verslagen in every format, cut to a few statements each so a full
    ingest stays quick; named `synth-…` so no source name collides with the corpus."""
    from bench.synth import ALL, Q_OPGAVEN, Q_VISIE, build_verslagen, format_cycle, render, roman

    outdir.mkdir(parents=True)
    paths: list[Path] = []
    for v, fmt in zip(build_verslagen(count * 60, seed=11), format_cycle(ALL), strict=False):
        if len(paths) == count:
            break
        kept = tuple(s for q in (Q_VISIE, Q_OPGAVEN) for s in v.section(q)[:per_section])
        path = outdir / f"synth-{roman(v.number)}.{fmt}"
        path.write_bytes(render(dataclasses.replace(v, statements=kept), fmt))
        paths.append(path)
    return paths


def reopen(store: Path, embedder: Embedder) -> Runtime:
    """A fresh view of a store another process wrote (chroma caches clients per path)."""
    SharedSystemClient.clear_system_cache()
    rt = Runtime(Settings(store=store, opgaven=OPGAVEN), embedder=embedder)
    return rt


def originals(store: Path) -> list[str]:
    files = store / "files"
    return sorted(p.name for p in files.iterdir()) if files.is_dir() else []


def check_consistent(rt: Runtime, expected: dict[str, Verslag]) -> dict[str, str]:
    """The invariants that must hold after ANY cut; returns source -> verslag id shown."""
    chroma = rt.index.chroma
    records = {vid: meta for vid, _, meta in chroma.verslag_records()}
    in_chroma = list(chroma.iter_statements())
    cat = rt.index.catalogue
    assert cat.generation == chroma.generation
    # The catalogue shows every committed verslag, one version (the newest) per source.
    newest: dict[str, str] = {}
    for vid, meta in sorted(records.items(), key=lambda r: r[1].get("ingested_at", 0.0)):
        newest[meta["source"]] = vid
    assert sorted(cat.verslagen) == sorted(newest.values()), "catalogue and chroma disagree"
    # Catalogue statements == chroma statements of those verslagen; nothing else.
    assert sorted(s.id for s in cat.statements) == sorted(
        s.id for s in in_chroma if s.verslag_id in cat.verslagen
    )
    assert all(s.verslag_id in cat.verslagen for s in cat.statements)
    assert cat.lexical is not None and cat.lexical.size == len(cat.statements)
    # Each shown verslag is complete: exactly the statements its file parses into.
    by_source = {v.source: v.id for v in cat.verslagen.values()}
    for source, vid in by_source.items():
        ids = sorted(s.id for s in cat.statements if s.verslag_id == vid)
        candidates = [v for v in expected.values() if v.source == source]
        assert any(ids == sorted(s.id for s in v.statements) for v in candidates), source
    return by_source


def check_finished(rt: Runtime, expected: dict[str, Verslag], store: Path) -> None:
    """After a complete re-run: every file once, exactly its statements, no leftovers."""
    by_source = check_consistent(rt, expected)
    assert by_source == {name: v.id for name, v in expected.items()}
    records = rt.index.chroma.verslag_records()
    assert sorted(vid for vid, _, _ in records) == sorted(v.id for v in expected.values())
    stored = [s.id for s in rt.index.chroma.iter_statements()]
    assert len(stored) == len(set(stored))
    want = sorted(s.id for v in expected.values() for s in v.statements)
    assert sorted(stored) == want, "orphan or missing statements in chroma"
    assert originals(store) == sorted(meta["file"] for _, _, meta in records)
    assert (store / "cache" / "CURRENT").read_text(encoding="utf-8") == rt.index.chroma.generation


def corpus_is_served(rt: Runtime, expected: dict[str, Verslag]) -> None:
    one, two = (expected[p.name] for p in CORPUS)
    assert {one.id, two.id} <= set(rt.index.catalogue.verslagen)
    for v in (one, two):
        assert [(s.id, s.text) for s in rt.index.statements(v.id)] == [
            (s.id, s.text) for s in v.statements
        ]
    hits = rt.searcher.search(Query("sociale teams", 5, Filters(verslag_ids=(two.id,))))
    assert hits and all(h.statement.verslag_id == two.id for h in hits)
    assert any("sociale teams" in h.statement.text for h in hits)


# --- a real ingest process, SIGKILLed mid-way ----------------------------------------------

# Another process reading the store (the app, say): imports first, then on a line on stdin
# opens the store, which builds its view and caches it on disk.
READER = """
import json, sys
from pathlib import Path
from vectorstore.embedder import Embedder
from vectorstore.index import RecordIndex
print("ready", flush=True)
sys.stdin.readline()
cat = RecordIndex(Path(sys.argv[1]), Embedder()).catalogue
print(json.dumps({"verslagen": len(cat.verslagen), "generation": cat.generation}), flush=True)
"""


def _cli(store: Path, *paths: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "assistant.cli",
        "ingest",
        *map(str, paths),
        "--store",
        str(store),
    ]


def _env() -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("RAADPLEEG_STORE", None)
    return env


def _wait(cond: Callable[[], bool], proc: subprocess.Popen, timeout: float, step: float) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert proc.poll() is None, "ingest finished before it could be cut off"
        assert time.monotonic() < end, "ingest made no progress"
        time.sleep(step)


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_sigkill_mid_ingest_then_rerun_finishes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    synth = write_synth(tmp_path / "synth", 40, per_section=2)
    expected = {p.name: parse_file(p) for p in [*CORPUS, *synth]}
    assert len({v.id for v in expected.values()}) == 42

    embedder = Embedder()
    first = reopen(store, embedder).ingest(list(CORPUS))
    assert [r.status for r in first] == ["added", "added"]
    SharedSystemClient.clear_system_cache()  # other processes write from here on

    def saved() -> int:  # originals are saved just before a verslag's statements are written
        return len(originals(store))

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store)],
        cwd=REPO,
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stdin is not None
    assert reader.stdout.readline().strip() == "ready"
    log = (tmp_path / "ingest.out").open("w")
    proc = subprocess.Popen(
        _cli(store, tmp_path / "synth"), cwd=REPO, env=_env(), stdout=log, stderr=log
    )
    try:
        _wait(lambda: saved() >= 2 + 5, proc, 240, 0.01)
        reader.stdin.write("go\n")
        reader.stdin.flush()
        seen = json.loads(reader.stdout.readline())["verslagen"]
        assert reader.wait(timeout=60) == 0
        # Cut off a few commits after the reader's snapshot, right as a verslag is written.
        _wait(lambda: saved() >= seen + 3, proc, 240, 0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        for p in (proc, reader):
            if p.poll() is None:
                p.kill()
        log.close()
    assert proc.returncode == -signal.SIGKILL

    rt = reopen(store, embedder)
    records = rt.index.chroma.verslag_records()
    synth_done = [vid for vid, _, m in records if m["source"].startswith("synth-")]
    assert 0 < len(synth_done) < 40, f"not cut off mid-way: {len(synth_done)} of 40 committed"
    assert rt.index.chroma.count() > sum(len(expected[p.name].statements) for p in CORPUS)
    assert seen < len(records), "the reader's snapshot is not older than the cut"
    check_consistent(rt, expected)
    corpus_is_served(rt, expected)

    rerun = subprocess.run(
        _cli(store, tmp_path / "synth"),
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    statuses = Counter(line.split()[0] for line in rerun.stdout.splitlines() if "synth-" in line)
    assert statuses == {"unchanged": len(synth_done), "added": 40 - len(synth_done)}, statuses
    rt = reopen(store, embedder)
    check_finished(rt, expected, store)
    corpus_is_served(rt, expected)


# --- a child that dies at each write step ----------------------------------------------------

CRASH = """
import os, sys
from pathlib import Path
from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.fakes.embedder import HashEmbedder
from vectorstore.catalogue import Catalogue
from vectorstore.index import RecordIndex
from vectorstore.store import ChromaStore

store, opgaven, point, *paths = sys.argv[1:]


def die(*args, **kwargs):
    os._exit(9)


def record_deleted_then_die(self, vid):
    self.verslagen.delete(ids=[vid])
    os._exit(9)


if point == "original saved, no statements":
    ChromaStore.add_statements = die
elif point == "statements written, no record":
    ChromaStore.put_verslag = die
elif point == "new record written, old version not removed":
    RecordIndex._delete = die
elif point == "old record removed, its statements not":
    ChromaStore.delete_verslag = record_deleted_then_die
elif point == "all written, cache not saved":
    Catalogue.save = die
rt = Runtime(Settings(store=Path(store), opgaven=Path(opgaven)), embedder=HashEmbedder())
rt.ingest([Path(p) for p in paths])
os._exit(0)
"""

# crash point -> what the cut-off store must show (proof the child died where intended)
POINTS = {
    "original saved, no statements": "orphan original",
    "statements written, no record": "orphan statements",
    "new record written, old version not removed": "two records of one source",
    "old record removed, its statements not": "orphan statements",
    "all written, cache not saved": "stale cache",
}


@pytest.fixture(scope="module")
def edited_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """An edited gesprek II (same name) first, then two new verslagen."""
    d = tmp_path_factory.mktemp("set")
    edited = d / CORPUS[1].name
    text = CORPUS[1].read_text(encoding="utf-8")
    edited.write_text(text.replace("Dan wordt het schieten met hagel.", "Dat is hagel."), "utf-8")
    return [edited, *write_synth(d / "synth", 2)]


@pytest.mark.parametrize("point", list(POINTS))
def test_cut_at_each_write_step(tmp_path: Path, edited_set: list[Path], point: str) -> None:
    store = tmp_path / "store"
    embedder = HashEmbedder()
    rt = reopen(store, embedder)
    assert [r.status for r in rt.ingest(list(CORPUS))] == ["added", "added"]
    before = {p.name: parse_file(p) for p in CORPUS}
    after = {p.name: parse_file(p) for p in edited_set}
    expected_any = {**{f"old:{k}": v for k, v in before.items()}, **after}
    del rt
    SharedSystemClient.clear_system_cache()

    child = subprocess.run(
        [sys.executable, "-c", CRASH, str(store), str(OPGAVEN), point, *map(str, edited_set)],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 9, child.stderr

    rt = reopen(store, embedder)
    chroma = rt.index.chroma
    records = chroma.verslag_records()
    known = {vid for vid, _, _ in records}
    orphans = [s.id for s in chroma.iter_statements() if s.verslag_id not in known]
    files = set(originals(store))
    sources = Counter(m["source"] for _, _, m in records)
    current = (store / "cache" / "CURRENT").read_text(encoding="utf-8")
    shows = {
        "orphan original": not orphans and files - {m["file"] for _, _, m in records},
        "orphan statements": bool(orphans),
        "two records of one source": sources[CORPUS[1].name] == 2,
        "stale cache": current != chroma.generation and len(records) == 2 + 2,
    }
    assert shows[POINTS[point]], (point, shows)

    check_consistent(rt, expected_any)
    shown = {v.source: v.id for v in rt.index.catalogue.verslagen.values()}
    assert shown[CORPUS[0].name] == before[CORPUS[0].name].id  # untouched
    assert shown[CORPUS[1].name] in (before[CORPUS[1].name].id, after[CORPUS[1].name].id)
    hits = rt.searcher.search(
        Query("sociale teams", 5, Filters(verslag_ids=(shown[CORPUS[1].name],)))
    )
    assert hits

    reports = rt.ingest(edited_set)
    assert all(r.ok for r in reports), [r.line() for r in reports]
    rt = reopen(store, embedder)
    final = {CORPUS[0].name: before[CORPUS[0].name], **after}
    check_finished(rt, final, store)
    assert "Dan wordt het schieten met hagel." not in " ".join(
        s.text for s in rt.index.statements()
    )
