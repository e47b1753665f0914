"""Shared fixtures. Tests never reach a real LLM or the network: the HTTP path to an LLM is
tested against tests/fakes/openai_server.py on loopback."""

from __future__ import annotations

import io
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "ingest" / "data" / "verslagen"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
for var in ("RAADPLEEG_LLM", "RAADPLEEG_AUTH", "CHROMA_HOST", "RAADPLEEG_CHROMA_HOST"):
    os.environ.pop(var, None)  # a developer's shell must not change what tests see


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the two corpus verslagen, built once per session. Read-only: tests
    that write take `corpus_store_copy`."""
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    store = tmp_path_factory.mktemp("corpus-store")
    reports = Runtime(Settings(store=store)).ingest([DATA])
    assert [r.status for r in reports] == ["added", "added"]
    return store


@pytest.fixture
def corpus_store_copy(corpus_store: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus store, for tests that write."""
    target = tmp_path / "store"
    shutil.copytree(corpus_store, target)
    return target


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`raadpleeg ARGS` run in-process (`main(argv)`), with its exit code and output."""
    from assistant.cli import main

    def run(*args: object, stdin: str | None = None) -> CliRun:
        capsys.readouterr()
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliRun(code, out, err)

    return run
