"""The real app for end-to-end tests: `raadpleeg serve` started by the CLI on a fresh store,
on a free loopback port, with a login. Shared by the browser and load tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
USERS = {"ambtenaar": "veerkracht-2019", "collega": "tweede-wachtwoord"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class RunningApp:
    url: str
    pid: int


@contextlib.contextmanager
def serve_app(
    store: Path, users: dict[str, str] = USERS, extra_env: dict[str, str] | None = None
) -> Iterator[RunningApp]:
    """`raadpleeg serve --ingest-if-empty` on an empty `store`, on a free loopback port, with
    a login; yields the app once it answers and has ingested the sample record."""
    log_path = store.parent / f"serve-{store.name}.log"
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().endswith("_proxy") and k != "RAADPLEEG_LLM"
    }
    env.update(
        RAADPLEEG_AUTH=",".join(f"{u}:{p}" for u, p in users.items()),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        NO_PROXY="127.0.0.1,localhost",
    )
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "assistant.cli", "serve", "--store", str(store)]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--ingest-if-empty"]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"serve exited {proc.returncode}:\n{log_path.read_text()}")
            if "raadpleeg: serving" in log_path.read_text():
                try:
                    with urllib.request.urlopen(url, timeout=5) as r:
                        if r.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
            if time.monotonic() > deadline:
                pytest.fail(f"serve did not answer in time:\n{log_path.read_text()}")
            time.sleep(0.5)
        out = log_path.read_text()
        assert "added     verslag-gesprek-II.txt" in out  # --ingest-if-empty ingested the record
        assert f"http://localhost:{port}/; login required" in out
        yield RunningApp(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
