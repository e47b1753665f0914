"""Damaged store files: every command says in one line what is damaged and rebuilds what can
be rebuilt from chroma; a damaged chroma database is a one-line error saying what to do.
`raadpleeg check` finds a cache that disagrees with chroma although its fingerprint matches.

Runs the real CLI on a copy of the corpus store (no model is loaded: nothing is embedded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from vectorstore.catalogue import Catalogue

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "ingest" / "data" / "verslagen"


def cli(store: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("RAADPLEEG_STORE", None)
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *map(str, args), "--store", str(store)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(store: Path) -> Path:
    cache = store / "cache"
    return cache / (cache / "CURRENT").read_text(encoding="utf-8").strip()


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def other_rows(snap: Path) -> None:
    """A readable counts.npz of the wrong size (another generation's, say)."""
    sparse.save_npz(snap / "counts.npz", sparse.csr_matrix(np.ones((3, 2), dtype=np.float32)))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated counts.npz": (lambda s: truncate(s / "counts.npz"), "counts.npz"),
    "counts.npz of another size": (other_rows, "counts.npz"),
    "vocab.json a list": (lambda s: (s / "vocab.json").write_text('["a", "b"]'), "vocab.json"),
    "vocab.json too small": (lambda s: (s / "vocab.json").write_text('{"a": 0}'), "vocab.json"),
    "vocab.json not JSON": (lambda s: (s / "vocab.json").write_bytes(b"\xff{"), "vocab.json"),
    "truncated catalogue.json": (lambda s: truncate(s / "catalogue.json"), "catalogue.json"),
}


def one_line(stderr: str, *words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("raadpleeg: ")
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.fixture(scope="module")
def listing(corpus_store: Path) -> tuple[list, list]:
    verslagen = json.loads(cli(corpus_store, "verslagen", "--json").stdout)
    statements = json.loads(cli(corpus_store, "statements", "--json").stdout)
    assert len(verslagen) == 2 and len(statements) > 20
    return verslagen, statements


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_cache_file_is_named_and_rebuilt(
    corpus_store_copy: Path, listing: tuple[list, list], case: str
) -> None:
    damage, name = DAMAGE[case]
    damage(snapshot(corpus_store_copy))
    got = cli(corpus_store_copy, "statements", "--json")
    assert got.returncode == 0, got.stderr
    one_line(got.stderr, name, "rebuilding it from Chroma")
    assert json.loads(got.stdout) == listing[1]
    again = cli(corpus_store_copy, "verslagen", "--json")  # the rebuilt cache was saved
    assert again.returncode == 0 and again.stderr == ""
    assert json.loads(again.stdout) == listing[0]


def test_ingest_on_a_damaged_cache_rebuilds_and_carries_on(
    corpus_store_copy: Path, listing: tuple[list, list]
) -> None:
    truncate(snapshot(corpus_store_copy) / "counts.npz")
    got = cli(corpus_store_copy, "ingest", DATA)
    assert got.returncode == 0, got.stderr
    one_line(got.stderr, "counts.npz")
    assert [line.split()[0] for line in got.stdout.splitlines()[:2]] == ["unchanged"] * 2
    assert json.loads(cli(corpus_store_copy, "verslagen", "--json").stdout) == listing[0]


def without_gesprek_ii(store: Path, counts: tuple[int, int] | None) -> None:
    """Replace the cache with a self-consistent one that lacks a verslag (as two unserialised
    ingests left it in issue 11), recording `counts` as what chroma held (None: keep)."""
    snap = snapshot(store)
    cat = Catalogue.load(store / "cache", snap.name)
    assert cat is not None and len(cat.verslagen) == 2
    keep = sorted(cat.verslagen)[:1]
    partial = Catalogue(
        cat.generation,
        {vid: cat.verslagen[vid] for vid in keep},
        [s for s in cat.statements if s.verslag_id in keep],
        {vid: cat.extra[vid] for vid in keep},
        chroma_counts=counts or cat.chroma_counts,
    )
    for f in snap.iterdir():
        f.unlink()
    snap.rmdir()
    partial.save(store / "cache")


def test_a_cache_that_disagrees_with_chroma_counts_is_rebuilt(
    corpus_store_copy: Path, listing: tuple[list, list]
) -> None:
    without_gesprek_ii(corpus_store_copy, counts=(1, 14))
    got = cli(corpus_store_copy, "verslagen", "--json")
    assert got.returncode == 0
    one_line(got.stderr, "disagree with Chroma", "rebuilding")
    assert json.loads(got.stdout) == listing[0]


def test_check_finds_and_repairs_a_tampered_cache(
    corpus_store_copy: Path, listing: tuple[list, list]
) -> None:
    without_gesprek_ii(corpus_store_copy, counts=None)  # the fingerprint still matches
    assert len(json.loads(cli(corpus_store_copy, "verslagen", "--json").stdout)) == 1
    found = cli(corpus_store_copy, "check")
    assert found.returncode == 1, found.stdout + found.stderr
    assert "Traceback" not in found.stderr
    assert "problem: the cached catalogue lists 1 verslagen, Chroma 2" in found.stdout
    assert "fixed: rebuilt the catalogue and lexical index from Chroma" in found.stdout
    assert json.loads(cli(corpus_store_copy, "verslagen", "--json").stdout) == listing[0]
    assert json.loads(cli(corpus_store_copy, "statements", "--json").stdout) == listing[1]
    clean = cli(corpus_store_copy, "check", "--repair")
    assert clean.returncode == 0, clean.stdout
    assert "consistent; 2 verslagen" in clean.stdout


def test_check_names_a_damaged_original(corpus_store_copy: Path) -> None:
    original = sorted((corpus_store_copy / "files").iterdir())[0]
    truncate(original)
    found = cli(corpus_store_copy, "check")
    assert found.returncode == 1
    assert f"problem: the original {original.name} of {original.stem} is damaged" in found.stdout


def test_check_on_an_empty_store_is_consistent(tmp_path: Path) -> None:
    got = cli(tmp_path / "empty", "check")
    assert got.returncode == 0, got.stdout + got.stderr
    assert "consistent; 0 verslagen, 0 statements" in got.stdout


def test_check_removes_leftovers_with_repair(corpus_store_copy: Path) -> None:
    stray = corpus_store_copy / "files" / "gesprek-ix-00000000.txt"
    stray.write_text("half-written original", encoding="utf-8")
    found = cli(corpus_store_copy, "check")
    assert found.returncode == 1 and "1 stored originals that no verslag names" in found.stdout
    assert stray.exists()  # only --repair removes anything from the store
    fixed = cli(corpus_store_copy, "check", "--repair")
    assert "fixed: original gesprek-ix-00000000.txt of an unfinished ingest" in fixed.stdout
    assert not stray.exists()
    assert cli(corpus_store_copy, "check").returncode == 0


@pytest.mark.parametrize("command", [("verslagen", "--json"), ("ingest", str(DATA)), ("check",)])
def test_a_damaged_chroma_database_is_a_one_line_error(
    corpus_store_copy: Path, command: tuple[str, ...]
) -> None:
    truncate(corpus_store_copy / "chroma" / "chroma.sqlite3")
    got = cli(corpus_store_copy, *command)
    assert got.returncode == 2
    one_line(got.stderr, "chroma.sqlite3", "cannot be read", "ingest the verslagen again")
