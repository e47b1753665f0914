"""Launching the Gradio app: login, address, the sample record on first run, the URL.

`raadpleeg serve` (and `make run`) call `serve`; `assistant.web.app.build_app` builds what it
launches.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.runtime import Runtime
from assistant.web.app import build_app
from assistant.web.guard import Guard
from assistant.web.style import CSS, FOCUS_JS
from assistant.web.style_tabs import TABS_CSS
from assistant.web.throttle import LoginThrottle
from assistant.web.tools import TOOLS

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def style() -> dict[str, Any]:
    """Launch options for the look (Gradio 6 takes theme and css at launch)."""
    theme = gr.themes.Default(
        primary_hue="blue",
        neutral_hue="slate",
        font=["system-ui", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
    )
    return {"theme": theme, "css": CSS + TABS_CSS, "js": FOCUS_JS}


def _stop(signum: int, frame: Any) -> None:
    """SIGTERM ends the server like Ctrl-C, so its temporary directories are removed."""
    raise KeyboardInterrupt


def ingest_if_empty(rt: Runtime) -> None:
    """Ingest the sample record (settings.data_dir) when the store holds no statements."""
    if rt.index.statements():
        return
    print(f"The store is empty: ingesting {rt.sample_record} ...", flush=True)
    for r in rt.ingest([rt.sample_record]):
        print(r.line(), flush=True)


def serve(rt: Runtime, *, host: str, port: int, ingest_first: bool = False) -> int:
    """Launch the app (blocking). Binds `host` (127.0.0.1 by default); a login is required
    when RAADPLEEG_AUTH is set."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    auth = rt.settings.web.auth_pairs()
    if ingest_first:
        ingest_if_empty(rt)
    rt.warm_up()
    app = build_app(rt)
    app.queue(default_concurrency_limit=4)
    max_mb = rt.settings.data.max_file_mb
    guard = Middleware(Guard, users=dict(auth), throttle=LoginThrottle(), tools=TOOLS)
    signal.signal(signal.SIGTERM, _stop)
    try:
        app.launch(
            server_name=host,
            server_port=port,
            auth=auth or None,
            auth_message=(
                "<strong>Raadpleeg — verslagen sociaal domein.</strong> Log in met je "
                "gebruikersnaam en wachtwoord om de verslagen te raadplegen."
            )
            if auth
            else None,
            app_kwargs={"middleware": [guard]},
            mcp_server=True,
            # Gradio refuses far larger uploads itself; the app's own check (Dutch reason)
            # enforces settings.data.max_file_mb.
            max_file_size=f"{int(max(2 * max_mb, max_mb + 5))}mb",
            footer_links=[],
            prevent_thread_lock=True,
            quiet=True,
            **style(),
        )
    except OSError as exc:
        print(f"error: cannot serve on {host}:{port}: {exc}", file=sys.stderr)
        app.cleanup()
        return 1
    shown = "localhost" if host in LOOPBACK else host
    login = "; login required" if auth else ""
    if not auth and host not in LOOPBACK:
        print(f"warning: serving on {host} without a login (set RAADPLEEG_AUTH)", flush=True)
    n = len(rt.index.verslagen())
    if not n:
        print("note: the store is empty (`raadpleeg ingest`, --ingest-if-empty or upload)")
    print(f"raadpleeg: serving {n} verslagen at http://{shown}:{port}/{login}", flush=True)
    print(f"raadpleeg: MCP tools ({', '.join(TOOLS)}) at http://{shown}:{port}/gradio_api/mcp/")
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
        app.cleanup()
    return 0
