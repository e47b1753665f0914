"""The real served app (`raadpleeg serve`, with a login) over HTTP, no browser: the MCP tools
on loopback, login throttling, a refused upload leaving nothing in Gradio's temp directory,
the app picking up a CLI ingest into the same store, and SIGTERM removing the exports."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_server import FIXTURES, ROOT, USERS, RunningApp, serve_app
from tests.synth_files import synth

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

RECHECK = "0"  # the app re-checks the store on every access: no waiting in tests


@pytest.fixture(scope="module")
def gradio_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gradio-tmp")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, gradio_tmp: Path
) -> Iterator[tuple[RunningApp, Path]]:
    store = tmp_path_factory.mktemp("served") / "store"
    env = {"GRADIO_TEMP_DIR": str(gradio_tmp), "RAADPLEEG_STORE_RECHECK_SECONDS": RECHECK}
    with serve_app(store, extra_env=env) as app:
        yield app, store


def basic(user: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{USERS[user]}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def _mcp(url: str, headers: dict[str, str], calls: list[tuple[str, dict]]) -> tuple:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    async with (
        streamablehttp_client(url, headers=headers, timeout=30) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        tools = await session.list_tools()
        results = []
        for name, args in calls:
            res = await session.call_tool(name, args)
            results.append("".join(c.text for c in res.content if hasattr(c, "text")))
        return [t.name for t in tools.tools], results


def mcp(app: RunningApp, calls: list[tuple[str, dict]], user: str = "ambtenaar") -> tuple:
    url = app.url + "gradio_api/mcp/"
    return asyncio.run(asyncio.wait_for(_mcp(url, basic(user), calls), timeout=90))


def test_mcp_lists_the_tools_and_answers_with_citations(served) -> None:
    app, _ = served
    q = {"question": "Wat zei Humanitas over de sociale teams?"}
    names, (answer, summary) = mcp(
        app, [("ask", q), ("summary", {"soort": "organisatie", "waarde": "Humanitas"})]
    )
    assert names == ["ask", "summary", "overview"]
    data = json.loads(answer)
    assert data["found"] is True and "[1]" in data["answer"]
    assert data["citations"] and {c["organisation"] for c in data["citations"]} == {"Humanitas"}
    assert {c["verslag_number"] for c in data["citations"]} == {2}
    assert summary.startswith("# Conceptsamenvatting: uitspraken van Humanitas")


def test_mcp_requires_the_login(served) -> None:
    app, _ = served
    for headers in ({}, {"Authorization": "Basic " + base64.b64encode(b"ambtenaar:fout").decode()}):
        req = urllib.request.Request(
            app.url + "gradio_api/mcp/", data=b"{}", headers={**headers, "Accept": "*/*"}
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code == 401


def login(url: str, user: str, password: str) -> tuple[int, str]:
    data = urllib.parse.urlencode({"username": user, "password": password}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url + "login", data), timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_logins_are_throttled_per_user(served) -> None:
    app, _ = served
    codes = [login(app.url, "collega", "fout")[0] for _ in range(8)]
    assert codes[:5] == [400] * 5 and set(codes[5:]) == {429}
    code, body = login(app.url, "collega", USERS["collega"])  # even the right password waits
    assert code == 429 and "Te veel mislukte inlogpogingen" in json.loads(body)["detail"]
    assert login(app.url, "ambtenaar", USERS["ambtenaar"])[0] == 200  # other users are not
    deadline = time.monotonic() + 5  # refused attempts are not counted: the wait stays 1 s
    while (code := login(app.url, "collega", USERS["collega"])[0]) == 429:
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert code == 200


def test_the_page_is_dutch(served) -> None:
    app, _ = served
    with urllib.request.urlopen(app.url, timeout=10) as r:
        page = r.read().decode()
    assert 'lang="nl"' in page and 'lang="en"' not in page
    assert "Object.defineProperty(navigator" in page


def test_refused_upload_leaves_nothing_in_gradios_temp_dir(served, gradio_tmp: Path) -> None:
    from gradio_client import Client, handle_file

    app, _ = served
    client = Client(
        app.url, auth=("ambtenaar", USERS["ambtenaar"]), verbose=False,
        download_files=False, analytics_enabled=False, httpx_kwargs={"trust_env": False},
    )  # fmt: skip
    before = {p for p in gradio_tmp.rglob("*") if p.is_file()}
    bad = FIXTURES / "bad" / "not-a-verslag.md"
    report, _ = client.predict(handle_file(str(bad)), None, api_name="/upload")[:2]
    assert "Geweigerd" in report and "geen verslag" in report and "Details" in report
    left = {p for p in gradio_tmp.rglob("*") if p.is_file()} - before
    assert not [p for p in left if p.name == bad.name], left


def test_the_app_picks_up_a_cli_ingest(served) -> None:
    app, store = served
    before = mcp(app, [("overview", {})])[1][0]
    assert "VIII" not in before
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "assistant.cli", "ingest", "--store", str(store)]
    cmd.append(str(FIXTURES / "injection" / "gesprek-injectie.html"))
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    after = mcp(app, [("overview", {})])[1][0]
    assert "VIII" in after


def _count(overview: str) -> int:
    m = re.search(r"(\d+) gesprek(?:ken)?,", overview)
    assert m, overview[:500]
    return int(m.group(1))


def test_two_cli_ingests_and_the_app_agree(served, tmp_path: Path) -> None:
    """Two `raadpleeg ingest` at once into the served app's store (same file names, other
    verslagen): the writers take turns, and afterwards Chroma (via `check`), `verslagen`,
    `statements` and the running app all show the same record."""
    app, store = served
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder, seed in zip(folders, (31, 32), strict=True):
        synth(folder, 4, seed=seed, per_section=2)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("RAADPLEEG_STORE", None)

    def raadpleeg(*args: object) -> list[str]:
        return [sys.executable, "-m", "assistant.cli", *map(str, args), "--store", str(store)]

    procs = [
        subprocess.Popen(raadpleeg("ingest", f), cwd=ROOT, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in folders
    ]  # fmt: skip
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, out + err
        assert out.count("added ") == 4, out

    def run(*args: object) -> str:
        got = subprocess.run(raadpleeg(*args), cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)  # fmt: skip
        assert got.returncode == 0, got.stdout + got.stderr
        return got.stdout

    assert "consistent" in run("check")
    verslagen = json.loads(run("verslagen", "--json"))
    statements = json.loads(run("statements", "--json"))
    assert len({v["id"] for v in verslagen}) == len(verslagen) >= 2 + 8
    overview = mcp(app, [("overview", {})])[1][0]
    assert _count(overview) == len(verslagen)
    assert f"{len(statements)} uitspraken" in overview


def test_sigterm_removes_exports_downloads_and_gradios_copies(tmp_path: Path) -> None:
    from gradio_client import Client

    gradio_tmp = tmp_path / "gradio-tmp"
    store = tmp_path / "store"
    with serve_app(store, extra_env={"GRADIO_TEMP_DIR": str(gradio_tmp)}) as app:
        # the page's own initial values (e.g. the heatmap) are cached at start and kept
        initial = {p for p in gradio_tmp.rglob("*") if p.is_file()}
        client = Client(
            app.url, auth=("ambtenaar", USERS["ambtenaar"]), verbose=False,
            download_files=False, analytics_enabled=False, httpx_kwargs={"trust_env": False},
        )  # fmt: skip
        out = client.predict("Wat zei Humanitas over de sociale teams?", api_name="/ask")
        assert any("gesprek.docx" in json.dumps(o) for o in out)  # an export was served
        assert list((store / "exports").glob("gesprek-*/gesprek.docx"))
        assert [p for p in gradio_tmp.rglob("gesprek.docx")]  # Gradio's served copy
    # serve_app ends the server with SIGTERM
    assert not (store / "exports").exists()
    assert not {p for p in gradio_tmp.rglob("*") if p.is_file()} - initial
    assert list((store / "conversations" / "ambtenaar").glob("*.json"))  # kept, not temporary
