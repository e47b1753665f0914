"""The app's functions as API/MCP tools: ask, summary, overview.

Registered with `gr.api` inside the Blocks, before the UI's own events, so the MCP server
(`launch(mcp_server=True)`) names them `ask`, `summary` and `overview` (a tool is named after
its function). `assistant.web.guard` limits the MCP endpoint to these three. Each returns
plain data (JSON or Markdown): an assistant calling them gets the same answers the app shows.
"""

from __future__ import annotations

import json

import gradio as gr

from assistant.reports.overview import build_overview, render_markdown
from assistant.reports.summaries import ScopeError, resolve_scope, summarize
from assistant.runtime import Runtime
from vectorstore.search import Filters

TOOLS = ("ask", "summary", "overview")
KINDS = {"verslag": "verslag", "organisatie": "organisation", "opgave": "opgave"}


def make_tools(rt: Runtime) -> list:
    """The three tool functions bound to `rt` (their names and docstrings are the tools')."""

    def ask(question: str, verslag: str = "", organisatie: str = "", opgave: str = "") -> str:
        """Beantwoord een vraag over de verslagen van de gesprekken over de visie sociaal
        domein. Het antwoord citeert de uitspraken letterlijk met [n]; 'citations' geeft per
        nummer spreker, organisatie, verslag en het citaat. Staat het niet in de verslagen,
        dan is 'found' false.

        Geeft JSON terug: question, answer, found, mode, filters, citations, warnings.

        Args:
            question: de vraag in het Nederlands, zoals "Wat zei Humanitas over armoede?"
            verslag: optioneel: alleen dit verslag (id)
            organisatie: optioneel: alleen uitspraken van deze organisatie
            opgave: optioneel: alleen deze opgave of dit thema
        """
        question = (question or "").strip()
        if not question:
            return json.dumps({"error": "Stel een vraag."}, ensure_ascii=False)
        f = Filters(
            verslag_ids=(verslag,) if verslag else (),
            organisations=(organisatie,) if organisatie else (),
            opgaven=(opgave,) if opgave else (),
        )
        answer = rt.assistant.ask(question, filters=f or None)
        data = answer.to_json()
        data.pop("retrieved", None)
        return json.dumps(data, ensure_ascii=False)

    def summary(soort: str, waarde: str) -> str:
        """Een conceptsamenvatting (Markdown, met genummerde bronnen) van één verslag, één
        organisatie of één opgave.

        Args:
            soort: "verslag", "organisatie" of "opgave"
            waarde: het verslag (nummer zoals "2" of "II"), de organisatie of de opgave
        """
        kind = KINDS.get((soort or "").strip().lower())
        if kind is None:
            return "Kies als soort: verslag, organisatie of opgave."
        try:
            scope = resolve_scope(rt.index, rt.taxonomy, **{kind: (waarde or "").strip()})
        except ScopeError as exc:
            return str(exc)
        composer = rt.composer
        llm = composer.complete if composer is not None else None
        return summarize(rt.index, rt.taxonomy, scope, llm=llm).markdown()

    def overview() -> str:
        """Overzicht (Markdown): welke gesprekken er waren, wie er aanwezig waren, en per
        opgave hoeveel uitspraken elke organisatie deed."""
        return render_markdown(build_overview(rt.index, rt.taxonomy), image=None)

    return [ask, summary, overview]


def register_tools(rt: Runtime) -> None:
    """Register the tools in the Blocks being built (call first inside `gr.Blocks`)."""
    for fn in make_tools(rt):
        # Not queued: Gradio's MCP server then calls the function in-process (a queued one it
        # calls back over HTTP as a client, which the login would refuse).
        gr.api(fn, api_name=f"tool_{fn.__name__}", queue=False)
