"""Server mode: with CHROMA_HOST/CHROMA_PORT set, the store is a real Chroma server
(`chroma run`) instead of the embedded one, and nothing else changes.

One `chroma run` on a free loopback port serves the whole module. The corpus is ingested
through the CLI in server mode, and what the CLI answers must equal what the embedded store
(the session's `corpus_store`) answers. A second local store dir (another machine) pointing at
the same server must see the verslagen, and must see a verslag the first one adds afterwards:
its local lexical index is a cache keyed by the server's generation marker and rebuilt when the
marker changes. Nothing may fall back to the embedded client: a store dir used in server mode
never gets a `chroma/` folder, and an unreachable server is an error.

The expensive part is loading the embedding model; the server-mode CLI runs while this process
builds its embedded reference, so the module stays well under a minute on an idle machine.
Tests run in file order: the answer comparisons come before a third verslag is added.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from vectorstore.store import ChromaStore

pytestmark = [pytest.mark.server, pytest.mark.timeout(600)]  # a hang guard only

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "ingest" / "data" / "verslagen"
GESPREK_VI = REPO / "tests" / "fixtures" / "gesprek-vi.md"
LOOPBACK = "127.0.0.1"
QUESTIONS = [
    "Wat zei Humanitas over de sociale teams?",
    "Wat vond Westerbroek van de professionals?",
    "Wat zei de GGD over armoede?",
    "What did Humanitas say about poverty?",
    "Wat is het parkeerbeleid?",
    "Welke opgaven werden genoemd?",
]
_DROP = ("CHROMA_", "RAADPLEEG_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def _env(port: int | None) -> dict[str, str]:
    """A clean environment for the CLI: server mode iff `port` is given, no proxies, offline."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(_DROP)}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUTF8="1",
        NO_PROXY=f"{LOOPBACK},localhost",
        no_proxy=f"{LOOPBACK},localhost",
    )
    if port is not None:
        env.update(CHROMA_HOST=LOOPBACK, CHROMA_PORT=str(port))
    return env


def _cli(*args: str, port: int | None, stdin: Path | None = None) -> subprocess.Popen[str]:
    """`raadpleeg ARGS` started in the background (server mode iff `port` is given)."""
    with open(stdin or os.devnull, "rb") as feed:
        return subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", *args],
            cwd=REPO,
            env=_env(port),
            stdin=feed,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )


def _finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, f"{proc.args} failed ({proc.returncode}):\n{err[-3000:]}"
    return out


def _settings(store: Path, port: int | None, recheck: float = 5.0) -> Settings:
    """What the CLI builds from its environment, built explicitly (no env involved)."""
    return Settings(
        store=store,
        store_recheck_seconds=recheck,
        opgaven=REPO / "ingest" / "data" / "opgaven.toml",
        synonyms=REPO / "ingest" / "data" / "synoniemen.toml",
        chroma_host=LOOPBACK if port is not None else None,
        chroma_port=port or 8000,
    )


def _heartbeat(port: int) -> bool:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=1)
    try:
        conn.request("GET", "/api/v2/heartbeat")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


@dataclass
class Server:
    port: int
    proc: subprocess.Popen[bytes]
    path: Path


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    exe = Path(sys.executable).with_name("chroma")
    assert exe.is_file(), f"no chroma CLI next to {sys.executable}"
    tmp = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp / "db"), "--host", LOOPBACK, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp,
        env=_env(None),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _heartbeat(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                text = (tmp / "server.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"chroma run did not come up on port {port}:\n{text}")
            time.sleep(0.2)
        with pytest.MonkeyPatch.context() as mp:  # this process's HttpClients: no proxy
            for var in ("NO_PROXY", "no_proxy"):
                mp.setenv(var, f"{LOOPBACK},localhost")
            yield Server(port, proc, tmp / "db")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@dataclass
class Ingested:
    store: Path  # the first machine's local dir (cache + originals); chroma is the server
    reports: list[dict]
    reference: Path  # the embedded store holding the same corpus


@pytest.fixture(scope="module")
def ingested(
    chroma_server: Server, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Ingested:
    store = tmp_path_factory.mktemp("machine-a") / "store"
    proc = _cli("ingest", str(DATA), "--json", "--store", str(store), port=chroma_server.port)
    reference = request.getfixturevalue("corpus_store")  # built meanwhile, in this process
    return Ingested(store, json.loads(_finish(proc)), reference)


def _server_view(port: int, tmp: Path) -> ChromaStore:
    return ChromaStore(tmp, host=LOOPBACK, port=port)


def test_ingest_writes_to_the_server_not_an_embedded_store(
    ingested: Ingested, chroma_server: Server, tmp_path: Path
) -> None:
    assert [r["status"] for r in ingested.reports] == ["added", "added"]
    assert not (ingested.store / "chroma").exists(), "fell back to the embedded client"
    assert len(list((ingested.store / "files").iterdir())) == 2  # originals stay local
    server = _server_view(chroma_server.port, tmp_path)
    embedded = Runtime(_settings(ingested.reference, None)).index.chroma
    assert server.count() == embedded.count() > 0
    assert sorted(r[0] for r in server.verslag_records()) == sorted(
        r[0] for r in embedded.verslag_records()
    )
    assert (ingested.store / "cache" / "CURRENT").read_text() == server.generation != ""
    assert not list(tmp_path.iterdir()), "a server-mode ChromaStore wrote to its path"


def _key(answer: dict) -> dict:
    """An answer without its scores (compared separately, with a tolerance)."""
    return {
        **answer,
        "retrieved": [{k: v for k, v in r.items() if k != "score"} for r in answer["retrieved"]],
    }


def test_answers_equal_the_embedded_store(
    ingested: Ingested, chroma_server: Server, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    store = str(ingested.store)
    proc = _cli("ask", "-", "--json", "--store", store, port=chroma_server.port, stdin=questions)
    embedded = Runtime(_settings(ingested.reference, None))
    expected = [embedded.assistant.ask(q).to_json() for q in QUESTIONS]
    got = [json.loads(line) for line in _finish(proc).splitlines() if line.strip()]

    assert [a["question"] for a in got] == QUESTIONS
    for want, have in zip(expected, got, strict=True):
        q = want["question"]
        assert have["found"] == want["found"], q
        assert [c["statement_id"] for c in have["citations"]] == [
            c["statement_id"] for c in want["citations"]
        ], q
        assert [r["statement_id"] for r in have["retrieved"]] == [
            r["statement_id"] for r in want["retrieved"]
        ], q
        assert [r["score"] for r in have["retrieved"]] == pytest.approx(
            [r["score"] for r in want["retrieved"]], abs=1e-5
        ), q
        assert _key(have) == _key(want), q
    # Not a vacuous comparison: some questions are answered, and some are not.
    assert any(a["found"] for a in got) and not all(a["found"] for a in got)
    assert any(a["retrieved"] for a in got)


def test_verslagen_json_equal_in_both_modes(ingested: Ingested, chroma_server: Server) -> None:
    server = _cli("verslagen", "--json", "--store", str(ingested.store), port=chroma_server.port)
    embedded = _cli("verslagen", "--json", "--store", str(ingested.reference), port=None)
    rows = json.loads(_finish(server))
    assert rows == json.loads(_finish(embedded))
    assert [r["number"] for r in rows] == [1, 2]


def test_another_machine_follows_the_server(
    ingested: Ingested, chroma_server: Server, tmp_path: Path
) -> None:
    port = chroma_server.port
    other = tmp_path / "machine-b"
    rt_b = Runtime(_settings(other, port, recheck=0.0))  # the app, re-checking every read
    reference = Runtime(_settings(ingested.reference, None))
    # A machine with an empty local dir builds its cache from the server.
    assert [v.id for v in rt_b.index.verslagen()] == [v.id for v in reference.index.verslagen()]
    generation = rt_b.index.chroma.generation
    assert (other / "cache" / "CURRENT").read_text() == generation
    assert not (other / "chroma").exists(), "fell back to the embedded client"
    question = "Wat zei Humanitas over de sociale teams?"
    answer_b = rt_b.assistant.ask(question).to_json()
    assert _key(answer_b) == _key(reference.assistant.ask(question).to_json())

    # The first machine adds a verslag (sharing the loaded model, to stay quick).
    rt_a = Runtime(_settings(ingested.store, port), embedder=rt_b.embedder)
    reports = rt_a.ingest([GESPREK_VI])
    assert [r.status for r in reports] == ["added"], [r.line() for r in reports]
    vi_id = reports[0].verslag_id
    assert vi_id in {v.id for v in rt_a.index.verslagen()}
    assert rt_a.index.chroma.generation != generation

    # The next process on machine B (the CLI) sees it: its cached generation is stale.
    cli_b = _cli("verslagen", "--json", "--store", str(other), port=port)
    # A fresh runtime on machine B sees it at once, and rewrites B's cache.
    fresh_b = Runtime(_settings(other, port), embedder=rt_b.embedder)
    assert vi_id in {v.id for v in fresh_b.index.verslagen()}
    assert (other / "cache" / "CURRENT").read_text() == rt_a.index.chroma.generation
    assert [r["id"] for r in json.loads(_finish(cli_b))].count(vi_id) == 1

    # The long-running runtime on machine B re-checks the generation (interval 0 here).
    assert vi_id in {v.id for v in rt_b.index.verslagen()}
    answer = rt_b.assistant.ask("Wat zei de school Tweeklank over armoede?").to_json()
    assert vi_id in {r["verslag_id"] for r in answer["retrieved"]}, answer["retrieved"]
    assert len(rt_b.index.statements()) == rt_a.index.chroma.count()
    assert not (other / "chroma").exists() and not (ingested.store / "chroma").exists()


def test_an_unreachable_server_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    store = tmp_path / "store"
    port = _free_port()  # nothing listens there
    proc = _cli("verslagen", "--json", "--store", str(store), port=port)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0, out
    assert f"Chroma server at {LOOPBACK}:{port}" in err, err[-2000:]
    assert not (store / "chroma").exists()


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _address(hex_addr: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    raw = bytes.fromhex(hex_addr.split(":")[0])
    # /proc/net/* prints each 32-bit word in host (little-endian) byte order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    ip = ipaddress.ip_address(words)
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip


def test_the_server_uses_loopback_only(chroma_server: Server) -> None:
    if sys.byteorder != "little" or not Path(f"/proc/{chroma_server.proc.pid}/fd").is_dir():
        pytest.skip("needs Linux /proc on a little-endian machine")
    inodes = _socket_inodes(chroma_server.proc.pid)
    seen = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path(f"/proc/net/{table}")
        if not path.is_file():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                local, remote = _address(fields[1]), _address(fields[2])
                seen.append((table, str(local), str(remote)))
                assert local.is_loopback, seen
                assert remote.is_loopback or remote.is_unspecified, seen
    assert any(t.startswith("tcp") and local == LOOPBACK for t, local, _ in seen), seen
