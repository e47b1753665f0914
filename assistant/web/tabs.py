"""The app's Samenvatting and Overzicht tabs: a thin adapter over `summaries`, `export` and
`overview`, bound to one runtime (no global state).

`build_app` creates both inside its `gr.Tabs` and chains their `refresh` after an upload and
on page load. Files for download (a draft's .md/.docx, the heatmap) are written into private
per-request directories under the store (`exports/`), never into a served directory; Gradio
copies what a handler returns into its own cache.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering.citations import Citation
from assistant.nl import KIND_MENU
from assistant.reports.export import write_summary
from assistant.reports.overview import Overview, build_overview, render_heatmap, statements_for
from assistant.reports.summaries import (
    ScopeError,
    known_organisations,
    resolve_scope,
    summarize,
)
from assistant.runtime import Runtime
from assistant.web.render import render_passage, verslag_label
from assistant.web.style import PASSAGE_JS
from assistant.web.style_tabs import HEATMAP_JS, STATEMENTS_JS
from assistant.web.views import (
    NO_OPGAVE,
    opgave_choices,
    render_attendance,
    render_conversations,
    render_heatmap_table,
    render_note,
    render_statements,
    render_summary,
    summary_filename,
)

log = logging.getLogger(__name__)

KINDS = [("Verslag", "verslag"), ("Organisatie", "organisation"), ("Opgave of thema", "opgave")]
KIND_WORD = {"verslag": "verslag", "organisation": "organisatie", "opgave": "opgave of thema"}
EMPTY = "De kennisbank is leeg: voeg eerst een verslag toe (onder Verslag toevoegen)."
NO_DRAFT = (
    "Kies waarover de samenvatting gaat en klik op Samenvatting maken. Het concept "
    "verschijnt hier; daarna kun je het downloaden als Markdown of Word."
)
FAILED = "Het maken van deze samenvatting ging mis. Probeer het opnieuw."
NO_PASSAGE = (
    "Kies bij een uitspraak Toon in verslag: het verslag verschijnt hier, met de uitspraak "
    "gemarkeerd."
)
MAX_AGE = 3600.0  # seconds an export directory is kept (Gradio has copied its files by then)
HIDDEN = {"visible": False, "value": None}


def private_dir(root: Path, prefix: str = "samenvatting-", max_age: float = MAX_AGE) -> Path:
    """A new private (0700) directory under `root`, after removing this prefix's directories
    older than `max_age` seconds."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    for old in root.glob(f"{prefix}*"):
        try:
            if old.is_dir() and now - old.stat().st_mtime > max_age:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:  # removed meanwhile by another request
            continue
    return Path(tempfile.mkdtemp(prefix=prefix, dir=root))


def _keep(value: str | None, choices: list[tuple[str, str]]) -> str | None:
    """The current dropdown value when it is still a choice, else no selection."""
    return value if value in {v for _, v in choices} else None


class SummaryTab:
    """A draft per verslag, organisation or opgave; download as .md and .docx."""

    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime
        self.exports = runtime.settings.store / "exports"

    def choices(self) -> tuple[list, list, list]:
        index = self.rt.index
        verslagen = [(verslag_label(v), v.id) for v in index.verslagen()]
        spoke = {s.organisation for s in index.statements() if s.attribution != "none"}
        orgs = [
            (o if o in spoke else f"{o} (alleen aanwezig)", o) for o in known_organisations(index)
        ]
        opgaven = [
            (f"{o.name} ({KIND_MENU.get(o.kind, o.kind)})", o.name)
            for o in self.rt.taxonomy.opgaven
        ]
        return verslagen, orgs, opgaven

    def llm(self) -> Callable[[str], str] | None:
        """The summary writer: the composer's `complete`, or None (extractive drafts)."""
        composer = self.rt.composer
        return composer.complete if composer is not None else None

    def mode_text(self) -> str:
        if self.rt.composer is None:
            return (
                "Zonder taalmodel: het concept bestaat uit een korte opening, wat terugkomt en "
                "per opgave de punten, in letterlijke citaten met elk een bronnummer."
            )
        return (
            "Met taalmodel: de opening en wat terugkomt schrijft het taalmodel uit de genummerde "
            "uitspraken, gecontroleerd; lukt dat niet, dan volgt de letterlijke samenvatting."
        )

    @staticmethod
    def show_kind(kind: str) -> tuple:
        return tuple(gr.update(visible=kind == k) for _, k in KINDS)

    def make(self, kind: str, verslag: str | None, org: str | None, opgave: str | None) -> tuple:
        """Outputs: the draft (HTML), the .md and the .docx download buttons."""
        hidden = (gr.update(**HIDDEN), gr.update(**HIDDEN))
        if not self.rt.index.statements():
            return render_note(EMPTY, "warn"), *hidden
        value = {"verslag": verslag, "organisation": org, "opgave": opgave}.get(kind)
        if not value:
            return render_note(f"Kies eerst een {KIND_WORD.get(kind, 'onderwerp')}."), *hidden
        try:
            scope = resolve_scope(self.rt.index, self.rt.taxonomy, **{kind: value})
            summary = summarize(
                self.rt.index,
                self.rt.taxonomy,
                scope,
                llm=self.llm(),
                embed=self.rt.embedder.embed_passages,
            )
            folder = private_dir(self.exports)
            stem = summary_filename(scope)
            md = write_summary(summary, folder / f"{stem}.md")
            docx = write_summary(summary, folder / f"{stem}.docx")
        except ScopeError as exc:
            return render_note(str(exc), "error"), *hidden
        except Exception:
            log.exception("summary of %s %r failed", kind, value)
            return render_note(FAILED, "error"), *hidden
        return (
            render_summary(summary),
            gr.update(visible=True, value=str(md), label="Downloaden als Markdown (.md)"),
            gr.update(visible=True, value=str(docx), label="Downloaden als Word (.docx)"),
        )

    def refresh(self, verslag: str | None, org: str | None, opgave: str | None) -> tuple:
        """The dropdowns as the store is now (a value that is still a choice is kept)."""
        lists = self.choices()
        return tuple(
            gr.update(choices=c, value=_keep(v, c))
            for c, v in zip(lists, (verslag, org, opgave), strict=True)
        )

    def build(self) -> None:
        """The tab (call inside `gr.Tabs`) and its events."""
        verslagen, orgs, opgaven = self.choices()
        tab = gr.Tab("Samenvatting", id="samenvatting", elem_id="rp-tab-samenvatting")
        with tab, gr.Row(equal_height=False):
            with gr.Column(scale=4, min_width=300, elem_id="rp-summary-controls"):
                gr.HTML(
                    "<h3>Vervolgsamenvatting</h3><p>Een concept per verslag, organisatie "
                    "of opgave: elk punt met bronnummer, de bronnen onderaan.</p>",
                    elem_classes="rp-section-title",
                )
                kind = gr.Radio(
                    KINDS, value="verslag", label="Samenvatting van", elem_id="rp-summary-kind"
                )
                verslag = gr.Dropdown(
                    verslagen, value=None, label="Verslag", elem_id="rp-summary-verslag"
                )
                org = gr.Dropdown(
                    orgs, value=None, label="Organisatie", visible=False,
                    elem_id="rp-summary-org",
                )  # fmt: skip
                opgave = gr.Dropdown(
                    opgaven, value=None, label="Opgave of thema", visible=False,
                    elem_id="rp-summary-opgave",
                )  # fmt: skip
                make = gr.Button("Samenvatting maken", variant="primary", elem_id="rp-summary-make")
                md = gr.DownloadButton(
                    "Downloaden als Markdown (.md)",
                    visible=False,
                    size="sm",
                    elem_id="rp-summary-md",
                )
                docx = gr.DownloadButton(
                    "Downloaden als Word (.docx)",
                    visible=False,
                    size="sm",
                    elem_id="rp-summary-docx",
                )
                gr.HTML(f'<p class="tab-hint">{self.mode_text()}</p>')
            with gr.Column(scale=11, min_width=520):
                draft = gr.HTML(render_note(NO_DRAFT), elem_id="rp-summary")
        kind.change(self.show_kind, [kind], [verslag, org, opgave], show_progress="hidden")
        make.click(
            self.make,
            [kind, verslag, org, opgave],
            [draft, md, docx],
            concurrency_id="summary",
            concurrency_limit=2,
        )
        self.refresh_io = [verslag, org, opgave]

    def attach(self, event: Any) -> None:
        """Refresh the dropdowns after `event` (an upload, a page load)."""
        event.then(self.refresh, self.refresh_io, self.refresh_io, show_progress="hidden")


class OverviewTab:
    """Who was consulted when (hosts apart), attendance per organisation, the clickable
    opgave × organisation table, a cell's statements and a statement in its verslag."""

    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime
        self.exports = runtime.settings.store / "exports"
        self._lock = threading.Lock()
        self._heatmap: tuple[object, Path] | None = None

    def overview(self) -> Overview:
        return build_overview(self.rt.index, self.rt.taxonomy)

    def heatmap(self, ov: Overview) -> str | None:
        """The heatmap PNG for `ov` (a download), rendered once per state of the store."""
        if not ov.conversations:
            return None
        key = (
            tuple(c.verslag.id for c in ov.conversations),
            ov.rows,
            ov.columns,
            tuple(sorted(ov.counts.items())),
        )
        with self._lock:
            if self._heatmap and self._heatmap[0] == key and self._heatmap[1].is_file():
                return str(self._heatmap[1])
            folder = private_dir(self.exports, prefix="overzicht-")
            path = render_heatmap(ov, folder / "heatmap.png")
            self._heatmap = (key, path)
            return str(path)

    def statements(self, opgave: str | None, column: str | None, ov: Overview | None = None) -> str:
        """The statements behind one row of the matrix (optionally one column's)."""
        if not opgave:
            return render_note(NO_OPGAVE)
        ov = ov or self.overview()
        label = ov.row_label(opgave) if opgave in ov.rows else opgave
        verslagen = {v.id: v for v in self.rt.index.verslagen()}
        found = statements_for(self.rt.index, opgave, column or None, ov.host_names)
        return render_statements(found, verslagen, label, column or None, ov.host_names)

    def open_cell(self, evt: gr.EventData) -> tuple:
        """A heatmap cell (or row label) was clicked. Outputs: opgave and column dropdowns,
        the statements, the passage (reset)."""
        row, col = getattr(evt, "row", None), getattr(evt, "col", "") or ""
        ov = self.overview()
        if row not in ov.rows or (col and col not in ov.columns):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return row, col, self.statements(row, col, ov), render_note(NO_PASSAGE)

    def open_statement(self, evt: gr.EventData) -> str | Any:
        """ "Toon in verslag" on a statement: that statement highlighted in its verslag."""
        sid = getattr(evt, "stmt", None)
        s = next((x for x in self.rt.index.statements() if x.id == sid), None)
        if s is None:
            return gr.skip()
        verslag = self.rt.index.verslag(s.verslag_id)
        return render_passage(verslag, Citation.of(0, s, verslag))

    def state(self, opgave: str | None, column: str | None) -> dict[str, Any]:
        """The tab's contents as the store is now; a chosen opgave/column that is still a
        choice is kept."""
        ov = self.overview()
        rows = opgave_choices(ov)
        columns = [("Alle sprekers", ""), *((c, c) for c in ov.columns)]
        opgave, column = _keep(opgave, rows), _keep(column, columns) or ""
        return {
            "table": render_conversations(ov),
            "attendance": render_attendance(ov),
            "matrix": render_heatmap_table(ov),
            "image": self.heatmap(ov),
            "rows": rows,
            "opgave": opgave,
            "columns": columns,
            "column": column,
            "statements": self.statements(opgave, column, ov),
        }

    def refresh(self, opgave: str | None, column: str | None) -> tuple:
        """Outputs: conversations, attendance, heatmap table, PNG download, opgave and column
        dropdowns, statements."""
        s = self.state(opgave, column)
        return (
            s["table"],
            s["attendance"],
            s["matrix"],
            gr.update(value=s["image"], visible=s["image"] is not None),
            gr.update(choices=s["rows"], value=s["opgave"]),
            gr.update(choices=s["columns"], value=s["column"]),
            s["statements"],
        )

    def build(self) -> None:
        """The tab (call inside `gr.Tabs`) and its events; `attach` refreshes it."""
        s = self.state(None, None)  # also renders the heatmap before the first page load
        with gr.Tab("Overzicht", id="overzicht", elem_id="rp-tab-overzicht"):
            gr.HTML(
                "<h3>Wie is geraadpleegd</h3><p>De gesprekken: wanneer, met wie (rol en "
                "organisatie), wie namens de gemeente, en wat ze opleverden.</p>",
                elem_classes="rp-section-title",
            )
            table = gr.HTML(s["table"], elem_id="rp-overview")
            attendance = gr.HTML(s["attendance"], elem_id="rp-attendance")
            gr.HTML(
                "<h3>Opgaven en reacties</h3><p>Per opgave het aantal uitspraken per "
                "organisatie. Klik op een getal om die uitspraken te lezen.</p>",
                elem_classes="rp-section-title",
            )
            with gr.Row(equal_height=False):
                with gr.Column(scale=7, min_width=340):
                    matrix = gr.HTML(s["matrix"], elem_id="rp-heatmap", js_on_load=HEATMAP_JS)
                    png = gr.DownloadButton(
                        "Heatmap downloaden (PNG)", value=s["image"], size="sm",
                        visible=s["image"] is not None, elem_id="rp-heatmap-png",
                    )  # fmt: skip
                with gr.Column(scale=6, min_width=340):
                    with gr.Row():
                        opgave = gr.Dropdown(
                            s["rows"], value=None, label="Opgave of thema", scale=3,
                            elem_id="rp-overview-opgave",
                        )  # fmt: skip
                        column = gr.Dropdown(
                            s["columns"], value="", label="Organisatie of spreker",
                            scale=2, elem_id="rp-overview-column",
                        )  # fmt: skip
                    stmts = gr.HTML(
                        render_note(NO_OPGAVE), elem_id="rp-overview-statements",
                        js_on_load=STATEMENTS_JS,
                    )  # fmt: skip
                    passage = gr.HTML(
                        render_note(NO_PASSAGE), elem_id="rp-overview-passage",
                        js_on_load=PASSAGE_JS,
                    )  # fmt: skip
        quiet = {"show_progress": "hidden"}
        for dropdown in (opgave, column):
            dropdown.input(self.statements, [opgave, column], [stmts], **quiet)
        matrix.click(self.open_cell, None, [opgave, column, stmts, passage], **quiet)
        stmts.click(self.open_statement, None, [passage], **quiet)
        self.refresh_in = [opgave, column]
        self.refresh_out = [table, attendance, matrix, png, opgave, column, stmts]

    def attach(self, event: Any) -> None:
        """Refresh the overview after `event` (an upload, a page load)."""
        event.then(self.refresh, self.refresh_in, self.refresh_out, show_progress="hidden")
