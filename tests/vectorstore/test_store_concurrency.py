"""Several processes on one embedded store: writers are serialised by the store's write lock
(a second one waits, or fails with "store is busy" after its timeout), and a long-lived reader
(the app) sees what another process wrote: its view, its lexical index and its vector queries.

The end-to-end test runs two real `raadpleeg ingest` processes on one store, with same-named
files in their folders, beside a long-lived reader `Runtime` standing in for the app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.pipeline import parse_file
from ingest.records import Verslag
from tests.fakes.embedder import HashEmbedder
from tests.synth_files import synth
from vectorstore.lock import write_lock
from vectorstore.search import Filters, Query

REPO = Path(__file__).resolve().parents[2]
OPGAVEN = REPO / "ingest" / "data" / "opgaven.toml"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def env(**extra: str) -> dict[str, str]:
    out = {**os.environ, "HF_HUB_OFFLINE": "1", **extra}
    out.pop("RAADPLEEG_STORE", None)
    return out


def cli(store: Path, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", *map(str, args), "--store", str(store)]


def hash_runtime(store: Path) -> Runtime:
    rt = Runtime(
        Settings(store=store, opgaven=OPGAVEN, store_recheck_seconds=0), embedder=HashEmbedder()
    )
    return rt


WRITER = """
import sys
from pathlib import Path
from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.fakes.embedder import HashEmbedder
rt = Runtime(Settings(store=Path(sys.argv[1]), opgaven=Path(sys.argv[2])), embedder=HashEmbedder())
reports = rt.ingest([Path(p) for p in sys.argv[3:]])
assert all(r.status == "added" for r in reports), [r.line() for r in reports]
"""


def test_a_long_lived_reader_sees_another_process_write(tmp_path: Path) -> None:
    files = synth(tmp_path / "in", 6, seed=3)
    store = tmp_path / "store"
    reader = hash_runtime(store)
    assert [r.status for r in reader.ingest(files[:2])] == ["added", "added"]
    assert len(reader.index.verslagen()) == 2  # a view, and a chroma client, in memory
    assert reader.searcher.search(Query("gemeente", 3))

    subprocess.run(
        [sys.executable, "-c", WRITER, str(store), str(OPGAVEN), *map(str, files[2:])],
        cwd=REPO,
        env=env(),
        check=True,
        timeout=120,
    )
    want = {parse_file(p).id for p in files}
    assert {v.id for v in reader.index.verslagen()} == want
    cat = reader.index.catalogue
    assert cat.lexical is not None and cat.lexical.size == len(cat.statements)
    assert sorted(s.id for s in cat.statements) == sorted(
        s.id for s in reader.index.chroma.iter_statements()
    )
    newest = parse_file(files[-1])
    hits = reader.searcher.search(
        Query(newest.statements[0].text, 3, Filters(verslag_ids=(newest.id,)))
    )
    assert hits and hits[0].statement.verslag_id == newest.id  # the vector index is current


def test_a_second_writer_waits_then_says_the_store_is_busy(tmp_path: Path) -> None:
    store = tmp_path / "store"
    files = synth(tmp_path / "in", 1, seed=3)
    with write_lock(store, timeout=5):
        got = subprocess.run(
            cli(store, "ingest", *files),
            cwd=REPO,
            env=env(RAADPLEEG_STORE_LOCK_TIMEOUT="1"),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert got.returncode == 2, got.stdout + got.stderr
    assert "Traceback" not in got.stderr
    lines = got.stderr.strip().splitlines()
    assert lines[0].startswith(f"raadpleeg: waiting for the store {store}")
    assert lines[-1].startswith(
        f"raadpleeg: store is busy (another ingest is running: pid {os.getpid()})"
    )
    assert got.stdout == ""
    # It wrote nothing.
    done = subprocess.run(
        cli(store, "verslagen", "--json"), cwd=REPO, env=env(), capture_output=True, text=True
    )
    assert json.loads(done.stdout) == []


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_two_ingests_and_a_reader_agree_afterwards(tmp_path: Path) -> None:
    a = synth(tmp_path / "a", 25, seed=21)
    b = synth(tmp_path / "b", 25, seed=22)
    expected: dict[str, Verslag] = {}
    for p in [*a, *b]:
        v = parse_file(p)
        expected[v.id] = v
    assert len({(v.number, v.date) for v in expected.values()}) == 50  # 50 verslagen …
    assert {p.name for p in a} == {p.name for p in b}  # … under 25 shared file names
    want_statements = sorted(s.id for v in expected.values() for s in v.statements)

    store = tmp_path / "store"
    # The app: a long-lived runtime on the same embedded store, re-checking on every access.
    app = Runtime(Settings(store=store, opgaven=OPGAVEN, store_recheck_seconds=0))
    assert app.index.verslagen() == []
    logs = [(tmp_path / f"{n}.out").open("w+") for n in ("a", "b")]
    errs = [(tmp_path / f"{n}.err").open("w+") for n in ("a", "b")]
    procs = [
        subprocess.Popen(cli(store, "ingest", folder), cwd=REPO, env=env(), stdout=out, stderr=err)
        for folder, out, err in zip((tmp_path / "a", tmp_path / "b"), logs, errs, strict=True)
    ]
    seen: list[int] = []
    try:
        while any(p.poll() is None for p in procs):
            seen.append(len(app.index.verslagen()))
            time.sleep(0.5)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    outs, stderrs = [], []
    for p, out, err in zip(procs, logs, errs, strict=True):
        out.seek(0)
        err.seek(0)
        outs.append(out.read())
        stderrs.append(err.read())
        assert p.returncode == 0, outs[-1] + stderrs[-1]
    for out in outs:
        statuses = [line.split()[0] for line in out.splitlines() if " synth-" in line]
        assert statuses == ["added"] * 25, out
    assert any("waiting for the store" in e for e in stderrs), stderrs  # one waited
    assert seen == sorted(seen), seen  # the app's view never went back

    ids = sorted(expected)
    records = app.index.chroma.verslag_records()
    assert sorted(vid for vid, _, _ in records) == ids
    assert sorted(s.id for s in app.index.chroma.iter_statements()) == want_statements

    def run_json(*args: str) -> list[dict]:
        got = subprocess.run(
            cli(store, *args), cwd=REPO, env=env(), capture_output=True, text=True, timeout=120
        )
        assert got.returncode == 0 and got.stderr == "", got.stderr
        return json.loads(got.stdout)

    assert sorted(v["id"] for v in run_json("verslagen", "--json")) == ids
    assert sorted(s["id"] for s in run_json("statements", "--json")) == want_statements
    # The app, which was open all along, agrees: view, lexical index, vector queries.
    assert sorted(v.id for v in app.index.verslagen()) == ids
    cat = app.index.catalogue
    assert sorted(s.id for s in cat.statements) == want_statements
    assert cat.lexical is not None and cat.lexical.size == len(want_statements)
    for folder in (a, b):
        v = parse_file(folder[-1])
        hits = app.searcher.search(Query(v.statements[0].text, 3, Filters(verslag_ids=(v.id,))))
        assert hits and hits[0].statement.id == v.statements[0].id
    check = subprocess.run(
        cli(store, "check"), cwd=REPO, env=env(), capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stdout + check.stderr
