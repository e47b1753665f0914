"""The Gradio app: the chat (ask, follow up, see the source, copy, export, go back to an
earlier conversation) in the "Vragen" tab (`chat`, `kept`), the "Samenvatting" and "Overzicht"
tabs (`tabs`) and "Verslag toevoegen" (`adding`); the app's functions as API/MCP tools
(`tools`). A thin adapter over the runtime: `build_app(runtime)` lays out and wires the page
(no global state: a session's conversation lives in `gr.State` and is saved per user);
`serve.serve()` launches it.
"""

from __future__ import annotations

import gradio as gr

from assistant.runtime import Runtime
from assistant.web.adding import AddFlow
from assistant.web.chat import ALL, ChatApp, example_questions
from assistant.web.kept import N_CHAT_OUTPUTS
from assistant.web.render import render_passage, render_sources, render_user
from assistant.web.style import PASSAGE_JS, SOURCES_JS
from assistant.web.tabs import OverviewTab, SummaryTab
from assistant.web.tools import register_tools
from ingest.readers import SUPPORTED

__all__ = ["ChatApp", "build_app", "example_questions"]


def build_app(runtime: Runtime) -> gr.Blocks:
    """The Blocks app for `runtime` (`assistant.web.serve` launches it with its look and login)."""
    ui = ChatApp(runtime)
    adding = AddFlow(runtime)
    summary_tab, overview_tab = SummaryTab(runtime), OverviewTab(runtime)
    verslagen, organisaties, opgaven = ui.choices()
    max_mb = f"{runtime.settings.data.max_file_mb:g}".replace(".", ",")
    # delete_cache: Gradio's copies of uploads and of served files (downloads, exports) go
    # after a day, and all of them when the server stops (SIGTERM included).
    with gr.Blocks(
        title="Raadpleeg — verslagen sociaal domein",
        analytics_enabled=False,
        delete_cache=(3600, 86400),
    ) as app:
        register_tools(runtime)  # first: the MCP tools are named ask, summary, overview
        turns = gr.State([])
        messages = gr.State([])
        conv = gr.State(None)
        pending = gr.State(None)
        with gr.Column(elem_id="rp-header"):
            with gr.Row(elem_id="rp-header-row"):
                gr.HTML(
                    "<h1>Raadpleeg de verslagen</h1><p>Gesprekken over de visie <em>Sociale "
                    "veerkracht in de praktijk</em>. Antwoorden citeren de verslagen letterlijk; "
                    "wat er niet in staat, zegt de assistent ook.</p>",
                    elem_id="rp-title",
                )
                user_line = gr.HTML(render_user(None), elem_id="rp-user")
            status = gr.HTML(ui.status())
        with gr.Tabs(elem_id="rp-tabs"):
            with (
                gr.Tab("Vragen", id="vragen", elem_id="rp-tab-vragen"),
                gr.Row(equal_height=False, elem_id="rp-vragen"),
            ):
                with gr.Column(scale=11, min_width=300, elem_id="rp-chat-col"):
                    with gr.Row(elem_id="rp-filters"):
                        f_verslag = gr.Dropdown(
                            verslagen,
                            value=ALL,
                            label="Verslag",
                            min_width=150,
                            elem_id="rp-f-verslag",
                        )
                        f_org = gr.Dropdown(
                            organisaties,
                            value=ALL,
                            label="Organisatie",
                            min_width=150,
                            elem_id="rp-f-org",
                        )
                        f_opgave = gr.Dropdown(
                                opgaven, value=ALL, label="Opgave of thema", min_width=150,
                                elem_id="rp-f-opgave",
                            )  # fmt: skip
                    chatbot = gr.Chatbot(
                        label="Gesprek",
                        show_label=False,
                        height=520,
                        layout="panel",
                        render_markdown=False,
                        sanitize_html=True,
                        feedback_options=None,
                        buttons=[],
                        elem_id="rp-chat",
                        **ui.chatbot_props(),
                    )
                    with gr.Row(elem_id="rp-ask"):
                        question = gr.Textbox(
                            placeholder="Bijvoorbeeld: Wat zei Humanitas over de sociale teams?",
                            show_label=False,
                            lines=1,
                            max_lines=4,
                            scale=6,
                            min_width=200,
                            elem_id="rp-question",
                        )
                        send = gr.Button(
                                "Vraag stellen", variant="primary", scale=1, min_width=120,
                                elem_id="rp-send",
                            )  # fmt: skip
                    with gr.Row(elem_id="rp-conv"):
                        new = gr.Button("Nieuw gesprek", size="sm", min_width=120, elem_id="rp-new")
                        history = gr.Dropdown(
                                [], value=None, label="Eerdere gesprekken", min_width=200,
                                scale=3, elem_id="rp-history",
                            )  # fmt: skip
                    with gr.Row(elem_id="rp-export"):
                        export_md = gr.DownloadButton(
                            "Gesprek als Markdown (.md)",
                            visible=False,
                            size="sm",
                            elem_id="rp-export-md",
                        )
                        export_docx = gr.DownloadButton(
                                "Gesprek als Word (.docx)", visible=False, size="sm",
                                elem_id="rp-export-docx",
                            )  # fmt: skip
                with gr.Column(scale=9, min_width=300, elem_id="rp-side"):
                    gr.HTML(
                        "<h3>Bronnen</h3><p>De uitspraken waarop het antwoord steunt, "
                        "letterlijk.</p>",
                        elem_classes="rp-section-title",
                    )
                    sources = gr.HTML(
                        render_sources([], None), elem_id="rp-sources", js_on_load=SOURCES_JS
                    )
                    gr.HTML(
                        "<h3>In het verslag</h3><p>De gekozen uitspraak gemarkeerd in het "
                        "volledige verslag.</p>",
                        elem_classes="rp-section-title",
                    )
                    passage = gr.HTML(
                            render_passage(None, None), elem_id="rp-passage",
                            js_on_load=PASSAGE_JS,
                        )  # fmt: skip
                    download = gr.DownloadButton(
                        "Origineel downloaden", visible=False, size="sm", elem_id="rp-download"
                    )
            summary_tab.build()
            overview_tab.build()
            with gr.Tab("Verslag toevoegen", id="toevoegen", elem_id="rp-upload"):
                gr.Markdown(
                    f"Voeg een nieuw verslag toe ({', '.join(SUPPORTED)}; hoogstens {max_mb} MB). "
                    "Het bestand wordt gecontroleerd en ingelezen; een bestand dat geen verslag "
                    "is, wordt geweigerd en verandert niets. Is het een nieuwe versie van een "
                    "verslag dat er al in staat, dan vraagt de app eerst of je het wilt vervangen."
                )
                with gr.Row(elem_id="rp-upload-row"):
                    upload_file = gr.File(
                        label="Bestand", file_count="single", type="filepath", scale=3,
                        height=130, min_width=220,
                    )  # fmt: skip
                    upload_btn = gr.Button(
                        "Toevoegen aan de kennisbank", scale=1, variant="primary", min_width=160
                    )
                with gr.Group(visible=False, elem_id="rp-confirm") as confirm_box:
                    confirm_text = gr.HTML("")
                    with gr.Row():
                        confirm_yes = gr.Button("Ja, vervangen", variant="stop", min_width=120)
                        confirm_no = gr.Button("Annuleren", min_width=120)
                report = gr.HTML("", elem_id="rp-report")

        chat_out = [chatbot, turns, messages, question, sources, passage, download]
        chat_out += [f_verslag, f_org, f_opgave, conv, history, export_md, export_docx]
        assert len(chat_out) == N_CHAT_OUTPUTS
        chat_in = [question, turns, messages, f_verslag, f_org, f_opgave, conv]
        # Answers read the store concurrently (its writes keep readers consistent); uploads
        # ingest one at a time.
        asking = {"concurrency_id": "ask", "concurrency_limit": 4, "show_progress": "hidden"}
        quiet = {"show_progress": "hidden", "api_visibility": "undocumented"}
        # Stable API names (tests/web/test_load.py drives "/ask" and "/upload" with gradio_client).
        question.submit(ui.ask, chat_in, chat_out, api_name="ask", **asking)
        send.click(ui.ask, chat_in, chat_out, api_name="ask_send", **asking)
        chatbot.example_select(_example_text, None, question, **quiet).then(
            ui.ask, chat_in, chat_out, api_visibility="undocumented", **asking
        )
        new.click(ui.new_conversation, None, chat_out, **quiet)
        chatbot.clear(ui.new_conversation, None, chat_out, **quiet)
        history.input(ui.restore, [history], chat_out, **quiet)
        refresh_out = [status, f_verslag, f_org, f_opgave, chatbot]
        filters = [f_verslag, f_org, f_opgave]
        uploaded = upload_btn.click(
            adding.upload,
            [upload_file, pending],
            [report, upload_file, confirm_box, confirm_text, pending],
            concurrency_limit=1,
            concurrency_id="upload",
            api_name="upload",
        )
        confirmed = confirm_yes.click(
            adding.confirm, [pending], [report, confirm_box, pending],
            concurrency_id="upload", **quiet,
        )  # fmt: skip
        confirm_no.click(adding.cancel, [pending], [report, confirm_box, pending], **quiet)
        # A page opened later sees what other sessions uploaded meanwhile.
        loaded = app.load(ui.refresh, filters, refresh_out, **quiet)
        app.load(ui.resume, None, [user_line, *chat_out], **quiet)
        after = [e.then(ui.refresh, filters, refresh_out, **quiet) for e in (uploaded, confirmed)]
        for event in (*after, loaded):  # every tab follows the store
            summary_tab.attach(event)
            overview_tab.attach(event)
        sources.click(ui.open_source, [turns], [sources, passage, download], **quiet)
    _quiet_ui_events(app)
    app.cleanup = ui.cleanup  # serve() calls it at shutdown (SIGTERM included)
    return app


def _quiet_ui_events(app: gr.Blocks) -> None:
    """Only the tools (and the chat and upload endpoints the load test drives) are public
    API: the other tabs' events stay callable by the page but are neither documented nor
    offered as MCP tools."""
    public = {"ask", "ask_send", "upload"} | {f"tool_{t}" for t in ("ask", "summary", "overview")}
    for fn in app.fns.values():
        if fn.api_visibility == "public" and fn.api_name not in public:
            fn.api_visibility = "undocumented"


def _example_text(evt: gr.SelectData) -> str:
    value = evt.value
    return value.get("text", "") if isinstance(value, dict) else str(value or "")
