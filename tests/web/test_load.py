"""Load: the real app (`raadpleeg serve --ingest-if-empty`, with a login) on loopback under a
bounded burst of concurrent chats, driven through its API with gradio_client.

20 logged-in clients (threads) each loop over known questions for a bounded time and number
of requests; meanwhile one more client uploads a new verslag (gesprek VI) through the upload
endpoint. Then every client asks each question once more. No request may fail, every answer
must be correct (and each session must see only its own conversation), and the GGD question
must switch cleanly from "not found" to gesprek VI once the upload is in. Latency (p50/p95)
and throughput are printed and written to tmp_path/load.json and /tmp/raadpleeg-load.json.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.app_server import USERS, serve_app

gradio_client = pytest.importorskip("gradio_client")

pytestmark = [pytest.mark.slow, pytest.mark.load, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
UPLOAD = ROOT / "tests" / "fixtures" / "gesprek-vi.md"
REPORT = Path("/tmp/raadpleeg-load.json")

CLIENTS = 20
BURST_S = 20.0  # the burst: each client asks until this deadline ...
MAX_PER_CLIENT = 30  # ... or this many requests, whichever comes first
UPLOAD_AFTER_S = 5.0  # the upload starts this far into the burst
REQUEST_TIMEOUT_S = 60.0

HUMANITAS = "Wat zei Humanitas over de sociale teams?"
WESTERBROEK_Q = "Wat vond Westerbroek van de professionals?"
GGD = "Wat zei de GGD over armoede?"
QUESTIONS = (HUMANITAS, WESTERBROEK_Q, GGD)
WESTERBROEK = "Vereniging Dorpsbelangen Westerbroek"
GESPREK_II = "gesprek II, 9 januari 2019"
GESPREK_VI = "gesprek VI, 5 april 2019"
GGD_NOT_FOUND = "geen uitspraken van GGD Groningen"

CARD = re.compile(r'<span class="src-who">(.*?)</span><span class="src-where">(.*?)</span>')
HEADING = re.compile(r"<p><strong>(.*?)</strong> — (.*?):</p>")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The real CLI entry point on an empty store, with a login: ingests the sample record,
    then serves on a free loopback port. Yields its URL and process id."""
    with serve_app(tmp_path_factory.mktemp("load-store")) as app:
        yield app.url, app.pid


def connect(url: str, user: str) -> gradio_client.Client:
    """A logged-in client (its own session) that talks to loopback only."""
    return gradio_client.Client(
        url,
        auth=(user, USERS[user]),
        verbose=False,
        download_files=False,
        analytics_enabled=False,
        httpx_kwargs={"trust_env": False},  # never a proxy
    )


# --- reading an answer -----------------------------------------------------------------------


@dataclass
class Result:
    client: int
    phase: str  # "burst" | "after"
    question: str
    start: float
    end: float
    error: str | None = None
    answer: str = ""  # the last assistant message (HTML)
    cards: list[tuple[str, str]] = field(default_factory=list)  # (who, where) per source card
    headings: list[tuple[str, str]] = field(default_factory=list)  # (speaker, where) in answer
    sources_empty: bool = False
    ggd: str = ""  # for the GGD question: "before" | "after" | "" (neither)

    @property
    def latency(self) -> float:
        return self.end - self.start


def read(result: Result, output: tuple, asked: int) -> None:
    """Fill `result` from an /ask output; a malformed or foreign conversation is an error."""
    chat, _question_box, sources, *_rest = output  # then passage, download, filters, ...
    if len(chat) != 2 * asked:  # the session holds exactly this client's conversation
        result.error = f"chat has {len(chat)} messages after {asked} questions"
        return
    user, bot = chat[-2], chat[-1]
    asked_text = user["content"][0]["text"] if user["content"] else ""
    if user["role"] != "user" or html.unescape(asked_text) != result.question:
        result.error = f"last question in the chat is {asked_text!r}"
        return
    result.answer = bot["content"][0]["text"]
    result.cards = [(html.unescape(w), html.unescape(s)) for w, s in CARD.findall(sources)]
    result.headings = [
        (html.unescape(w), html.unescape(s)) for w, s in HEADING.findall(result.answer)
    ]
    result.sources_empty = 'class="src-empty"' in sources
    if result.question == GGD:
        result.ggd = ggd_state(result)


def ggd_state(r: Result) -> str:
    answer = html.unescape(r.answer)
    if not r.cards and r.sources_empty and GGD_NOT_FOUND in answer:
        return "before"
    if (
        r.cards
        and all(w.startswith("GGD Groningen") and s == GESPREK_VI for w, s in r.cards)
        and r.headings
        and all(w.startswith("GGD Groningen") and s == GESPREK_VI for w, s in r.headings)
    ):
        return "after"
    return ""


def problems(r: Result) -> list[str]:
    """What is wrong with one answer (GGD timing is checked across results)."""
    if r.error:
        return [r.error]
    if not r.answer.startswith('<div class="answer">'):
        return [f"not a final answer: {r.answer[:120]!r}"]
    out = []
    if r.question in (HUMANITAS, WESTERBROEK_Q):
        org = "Humanitas" if r.question == HUMANITAS else WESTERBROEK
        if not r.cards:
            out.append("no sources")
        for who, where in r.cards + r.headings:
            if not who.startswith(org) or where != GESPREK_II:
                out.append(f"cites {who!r} in {where!r}")
        if r.question == HUMANITAS and any("Westerbroek" in w for w, _ in r.cards):
            out.append("a Westerbroek source for the Humanitas question")
    elif not r.ggd:
        out.append(f"GGD answer is neither not-found nor gesprek VI: {r.cards} {r.headings}")
    return out


# --- the load --------------------------------------------------------------------------------


def ask(client: gradio_client.Client, cid: int, phase: str, q: str, asked: int) -> Result:
    r = Result(cid, phase, q, time.perf_counter(), 0.0)
    try:
        out = client.submit(q, api_name="/ask").result(timeout=REQUEST_TIMEOUT_S)
        r.end = time.perf_counter()
        read(r, out, asked)
    except Exception as exc:  # a failed request is a finding, not a crash of the harness
        r.end = time.perf_counter()
        r.error = f"{type(exc).__name__}: {exc}"
    return r


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_concurrent_chats_and_upload(server: tuple[str, int], tmp_path: Path) -> None:
    url, pid = server
    with ThreadPoolExecutor(CLIENTS + 1) as pool:
        clients = list(pool.map(lambda _: connect(url, "ambtenaar"), range(CLIENTS)))
        uploader = connect(url, "collega")
    asked = [0] * CLIENTS
    results: list[Result] = []
    lock = threading.Lock()
    upload: dict = {}
    ggd_answered = threading.Event()  # the upload waits for a GGD answer from before it

    def chat(cid: int, phase: str, until: float, limit: int) -> None:
        client = clients[cid]
        for k in range(limit):
            if time.perf_counter() >= until:
                break
            q = QUESTIONS[(cid + k) % len(QUESTIONS)]  # clients are spread over the questions
            asked[cid] += 1
            r = ask(client, cid, phase, q, asked[cid])
            with lock:
                results.append(r)
            if q == GGD:
                ggd_answered.set()

    def burst(cid: int) -> None:
        chat(cid, "burst", t0 + BURST_S, MAX_PER_CLIENT)

    def add_verslag() -> None:
        time.sleep(max(0.0, t0 + UPLOAD_AFTER_S - time.perf_counter()))
        ggd_answered.wait(BURST_S)
        upload["start"] = time.perf_counter()
        try:
            report, *_rest = uploader.predict(  # then the file control and the
                gradio_client.handle_file(str(UPLOAD)), None, api_name="/upload"
            )  # confirmation box (not shown: a new verslag replaces nothing)
            upload["report"] = report
        except Exception as exc:
            upload["error"] = f"{type(exc).__name__}: {exc}"
        upload["end"] = time.perf_counter()

    try:
        server_cpu0, client_cpu0 = cpu_seconds(pid), time.process_time()
        t0 = time.perf_counter()
        threads = [threading.Thread(target=burst, args=(i,)) for i in range(CLIENTS)]
        threads.append(threading.Thread(target=add_verslag))
        for t in threads:
            t.start()
        for t in threads:
            t.join(BURST_S + 3 * REQUEST_TIMEOUT_S)
        assert not any(t.is_alive() for t in threads), "the burst did not finish"
        assert "error" not in upload, upload.get("error")
        # After the upload: every client asks every question once more, concurrently.
        with ThreadPoolExecutor(CLIENTS) as pool:
            ends = [time.perf_counter() + 3 * REQUEST_TIMEOUT_S] * CLIENTS
            list(pool.map(chat, range(CLIENTS), ["after"] * CLIENTS, ends, [3] * CLIENTS))
    finally:
        for c in [*clients, uploader]:
            c.close()

    # --- figures
    load_avg = os.getloadavg()
    server_cpu = cpu_seconds(pid) - server_cpu0
    client_cpu = time.process_time() - client_cpu0
    done = sorted(results, key=lambda r: r.start)
    latencies = [r.latency for r in done]
    wall = max(r.end for r in done) - min(r.start for r in done)
    burst_results = [r for r in done if r.phase == "burst"]
    burst_wall = max(r.end for r in burst_results) - min(r.start for r in burst_results)
    errors = [(r.client, r.question, p) for r in done for p in problems(r)]
    figures = {
        "clients": CLIENTS,
        "requests": len(done),
        "burst_requests": len(burst_results),
        "errors": len(errors),
        "p50_s": round(percentile(latencies, 50), 3),
        "p95_s": round(percentile(latencies, 95), 3),
        "max_s": round(max(latencies), 3),
        "throughput_rps": round(len(done) / wall, 2),
        "burst_throughput_rps": round(len(burst_results) / burst_wall, 2),
        "wall_s": round(wall, 2),
        "upload_s": round(upload["end"] - upload["start"], 2),
        "requests_during_upload": sum(
            r.start < upload["end"] and r.end > upload["start"] for r in done
        ),
        "per_question": {q: sum(r.question == q for r in done) for q in QUESTIONS},
        "load_average_1_5_15": [round(x, 2) for x in load_avg],
        "cpus": os.cpu_count(),
        "server_cpu_s": round(server_cpu, 1),  # the app, over the whole load
        "client_cpu_s": round(client_cpu, 1),  # this process: the 21 gradio_clients
    }
    print("\nload:", json.dumps(figures, indent=2))
    (tmp_path / "load.json").write_text(json.dumps(figures, indent=2))
    shutil.copy(tmp_path / "load.json", REPORT)

    # --- nothing failed, every answer correct
    assert not errors, errors[:10]
    assert all(n > 0 for n in figures["per_question"].values())
    assert "Toegevoegd" in upload["report"], upload["report"]
    assert "gesprek VI (5 april 2019), 12 uitspraken" in upload["report"], upload["report"]
    assert figures["requests_during_upload"] > 0  # the ingest really ran under load

    # --- the GGD answer: not found before the upload, gesprek VI after it, no flip-back
    ggd = [r for r in done if r.question == GGD]
    before = [r for r in ggd if r.end < upload["start"]]
    after = [r for r in ggd if r.start > upload["end"]]
    assert before and after
    assert all(r.ggd == "before" for r in before), [r.ggd for r in before]
    assert all(r.ggd == "after" for r in after), [r.ggd for r in after]
    first_new = min(r.end for r in ggd if r.ggd == "after")
    stale = [r for r in ggd if r.start > first_new and r.ggd != "after"]
    assert not stale, f"{len(stale)} answers went back to the old record"
