"""The Gradio app: the chat (ask, follow up, see the source, copy, export, go back to an
earlier conversation) in the "Vragen" tab, the "Samenvatting" and "Overzicht" tabs (`tabs`) and
"Verslag toevoegen" (`adding`). A thin adapter over the runtime.

`build_app(runtime)` builds the Blocks (no global state: a session's conversation lives in
`gr.State`, and is saved per user in the store by `conversations`); `serve.serve()` launches
it. Every text from a verslag reaches the page only through `render`, which escapes it.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering.chat import Turn
from assistant.runtime import Runtime
from assistant.web.adding import AddFlow
from assistant.web.conversations import ANONYMOUS, Conversation, ConversationStore, Exchange, new_id
from assistant.web.render import (
    esc,
    render_answer,
    render_message,
    render_passage,
    render_sources,
    render_status,
    render_user,
    verslag_label,
)
from assistant.web.style import PASSAGE_JS, SOURCES_JS
from assistant.web.tabs import OverviewTab, SummaryTab, private_dir
from assistant.web.tools import register_tools
from assistant.web.transcript import write_transcript
from assistant.web.uploads import safe_filename
from ingest.readers import SUPPORTED
from vectorstore.search import Filters

log = logging.getLogger(__name__)

EMPTY_STORE = (
    "De kennisbank is leeg: er zijn nog geen verslagen ingelezen. Voeg eerst een verslag toe "
    "(in het tabblad Verslag toevoegen) en stel dan je vraag."
)
PLACEHOLDER = (
    "<strong>Stel een vraag over de verslagen.</strong><br>Elk antwoord citeert de "
    "uitspraken letterlijk, met een nummer per bron. Vervolgvragen zoals "
    "<em>En wat vond Westerbroek daarvan?</em> gaan over hetzelfde onderwerp."
)
ALL = ""  # the dropdown value meaning "no filter"


def example_questions(rt: Runtime) -> list[str]:
    """Questions that fit the store: its most quoted organisation on its most tagged topic,
    another opgave, and who spoke about a theme (each about a different topic)."""
    statements = rt.index.statements()
    attributed = [s for s in statements if s.attribution != "none" and s.organisation]
    kinds = {o.name: o.kind for o in rt.taxonomy.opgaven}
    every = [o for o, _ in Counter(t for s in statements for t in s.opgaven).most_common()]
    questions: list[str] = []
    used: set[str] = set()
    if attributed:
        org = Counter(s.organisation for s in attributed).most_common(1)[0][0]
        if any(ch in org for ch in "<>&\"'`"):  # an example is shown and sent verbatim
            org = ""
        tags = Counter(t for s in attributed if s.organisation == org for t in s.opgaven)
        if tags and org:
            topic = tags.most_common(1)[0][0]
            used.add(topic)
            questions.append(f"Wat zei {org} over {_topic(topic)}?")
    for kind, template in (
        ("opgave", "Wat werd er gezegd over {}?"),
        ("thema", "Welke organisaties zeiden iets over {}?"),
    ):
        topic = next((o for o in every if kinds.get(o) == kind and o not in used), None)
        if topic:
            used.add(topic)
            questions.append(template.format(_topic(topic)))
    return questions or ["Wat vonden de deelnemers van de visie?"]


def _topic(name: str) -> str:
    """An opgave or theme as it reads inside a question ("armoede", "sociale teams")."""
    return name[:1].lower() + name[1:]


class ChatApp:
    """The chat's event handlers, bound to one runtime."""

    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime
        self.exports = runtime.settings.store / "exports"
        self.conversations = ConversationStore(runtime.settings.store / "conversations")
        self._downloads = private_dir(self.exports, prefix="download-")

    def cleanup(self) -> None:
        """Remove the download and export directories (at shutdown): `<store>/exports`."""
        shutil.rmtree(self.exports, ignore_errors=True)

    # --- store views -----------------------------------------------------------------------

    def has_statements(self) -> bool:
        return bool(self.rt.index.statements())

    def status(self) -> str:
        return render_status(self.rt.index.verslagen(), len(self.rt.index.statements()))

    def choices(self) -> tuple[list, list, list]:
        verslagen = [("Alle verslagen", ALL)] + [
            (verslag_label(v), v.id) for v in self.rt.index.verslagen()
        ]
        orgs = sorted({s.organisation for s in self.rt.index.statements() if s.organisation})
        organisaties = [("Alle organisaties", ALL)] + [(o, o) for o in orgs]
        kind_nl = {"opgave": "opgave", "voorgestelde opgave": "voorgesteld", "thema": "thema"}
        opgaven = [("Alle onderwerpen", ALL)] + [
            (f"{o.name} ({kind_nl.get(o.kind, o.kind)})", o.name) for o in self.rt.taxonomy.opgaven
        ]
        return verslagen, organisaties, opgaven

    def chatbot_props(self) -> dict[str, Any]:
        if not self.has_statements():
            return {"examples": None, "placeholder": esc(EMPTY_STORE)}
        return {
            "examples": [{"text": q} for q in example_questions(self.rt)],
            "placeholder": PLACEHOLDER,
        }

    def refresh(self, verslag: str, org: str, opgave: str) -> tuple:
        """Status, filter choices and chat examples as the store is now."""
        lists = self.choices()
        current = (verslag, org, opgave)
        drops = [
            gr.update(choices=c, value=v if v in {x[1] for x in c} else ALL)
            for c, v in zip(lists, current, strict=True)
        ]
        return (self.status(), *drops, gr.update(**self.chatbot_props()))

    # --- chat ------------------------------------------------------------------------------

    @staticmethod
    def ui_filters(verslag: str | None, org: str | None, opgave: str | None) -> Filters | None:
        f = Filters(
            verslag_ids=(verslag,) if verslag else (),
            organisations=(org,) if org else (),
            opgaven=(opgave,) if opgave else (),
        )
        return f or None

    def overruled(self, ui: dict[str, str], applied: Filters) -> tuple[list[str], list[Any]]:
        """Where the question overruled a filter chosen in the UI: a note for the answer and
        the dropdown set to what applied (else left alone)."""
        verslagen = self.rt.index.catalogue.verslagen
        notes: list[str] = []
        drops: list[Any] = []
        for key, attr, label in FILTER_FIELDS:
            chosen, got = ui.get(key) or "", getattr(applied, attr)
            if not chosen or not got or chosen in got:
                drops.append(gr.skip())
                continue

            def name(value: str, key: str = key) -> str:
                v = verslagen.get(value) if key == "verslag" else None
                return verslag_label(v) if v else value

            names = ", ".join(name(g) for g in got)
            notes.append(
                f"Je vraag noemt {names}: daarom is daarbinnen gezocht, niet binnen je keuze "
                f"{name(chosen)} bij {label}. Het filter {label} staat nu op {names}."
            )
            drops.append(gr.update(value=got[0] if len(got) == 1 else ALL))
        return notes, drops

    def ask(
        self,
        question: str,
        turns: list[Turn],
        messages: list[dict],
        verslag: str,
        org: str,
        opgave: str,
        conv: Conversation | None,
        request: gr.Request,
    ) -> Iterator[tuple]:
        """Outputs (CHAT_OUTPUTS): chatbot, turns, messages, question box, sources, passage,
        download, the three filters, conversation, history list, .md and .docx exports.
        The messages shown are kept server-side (`messages` state), never read from the page."""
        question = (question or "").strip()
        if not question:
            yield (gr.skip(),) * N_CHAT_OUTPUTS
            return
        turns = list(turns or [])
        messages = [*(messages or []), {"role": "user", "content": esc(question)}]
        keep = (gr.skip(),) * (N_CHAT_OUTPUTS - 4)
        if not self.has_statements():
            messages.append({"role": "assistant", "content": render_message(EMPTY_STORE)})
            yield messages, turns, messages, "", *keep
            return
        n = len(turns)
        pending = render_message("Ik zoek in de verslagen…", "pending")
        yield [*messages, {"role": "assistant", "content": pending}], turns, messages, "", *keep
        verslagen = self.rt.index.catalogue.verslagen
        ui = {"verslag": verslag or "", "org": org or "", "opgave": opgave or ""}
        turn = None
        try:
            for turn in self.rt.assistant.respond(
                question, turns, self.ui_filters(verslag, org, opgave)
            ):
                html = render_answer(turn.answer, n, verslagen, pending=True)
                shown = [*messages, {"role": "assistant", "content": html}]
                yield shown, turns, messages, "", *keep
        except Exception:
            log.exception("answering %r failed", question)
            error = render_message(
                "Er ging iets mis bij het beantwoorden van deze vraag. Probeer het opnieuw of "
                "stel de vraag anders.",
                "error",
            )
            messages.append({"role": "assistant", "content": error})
            yield messages, turns, messages, "", *keep
            return
        if turn is None:
            return
        notes, drops = self.overruled(ui, turn.analysis.filters)
        turns.append(turn)
        html = render_answer(turn.answer, n, verslagen, overruled=notes)
        messages.append({"role": "assistant", "content": html})
        sources = render_sources(
            turn.answer.citations, n, found=turn.answer.found, question=question
        )
        user = user_of(request)
        if conv is None or conv.user != user:
            conv = Conversation(new_id(), user)
        conv.exchanges.append(Exchange(question, ui, turn.answer))
        exports = self.save(conv)
        yield (
            messages,
            turns,
            messages,
            "",
            sources,
            render_passage(None, None),
            gr.update(visible=False, value=None),
            *drops,
            conv,
            self.history(user, conv.id),
            *exports,
        )

    # --- conversations ---------------------------------------------------------------------

    def save(self, conv: Conversation) -> tuple:
        """Store the conversation; the .md and .docx export buttons (updates)."""
        try:
            self.conversations.save(conv)
        except OSError:
            log.exception("saving conversation %s failed", conv.id)
        return self.exported(conv)

    def exported(self, conv: Conversation | None) -> tuple:
        hidden = (gr.update(visible=False, value=None),) * 2
        if conv is None or not conv.exchanges:
            return hidden
        try:
            folder = private_dir(self.exports, prefix="gesprek-")
            md, docx = write_transcript(conv, folder, self.rt.index.catalogue.verslagen)
        except Exception:
            log.exception("exporting conversation %s failed", conv.id)
            return hidden
        return (
            gr.update(visible=True, value=str(md), label="Gesprek als Markdown (.md)"),
            gr.update(visible=True, value=str(docx), label="Gesprek als Word (.docx)"),
        )

    def history(self, user: str, current: str | None = None) -> Any:
        rows = self.conversations.listed(user)
        choices = [(f"{title} ({_when(t)})", cid) for cid, title, t in rows]
        ids = {cid for cid, _, _ in rows}
        return gr.update(choices=choices, value=current if current in ids else None)

    def restore(self, cid: str | None, request: gr.Request) -> tuple:
        """A stored conversation back on screen (outputs: CHAT_OUTPUTS); its turns are
        re-read so follow-ups and sources work as before."""
        user = user_of(request)
        conv = self.conversations.load(user, cid) if cid else None
        if conv is None:
            return (gr.skip(),) * N_CHAT_OUTPUTS
        verslagen = self.rt.index.catalogue.verslagen
        turns: list[Turn] = []
        messages: list[dict] = []
        for i, ex in enumerate(conv.exchanges):
            f = self.ui_filters(ex.ui.get("verslag"), ex.ui.get("org"), ex.ui.get("opgave"))
            try:
                analysis = self.rt.assistant.analyse(ex.question, turns, f)
            except Exception:
                log.exception("re-reading %r failed", ex.question)
                return (gr.skip(),) * N_CHAT_OUTPUTS
            turns.append(Turn(analysis, ex.answer))
            messages.append({"role": "user", "content": esc(ex.question)})
            html = render_answer(ex.answer, i, verslagen)
            messages.append({"role": "assistant", "content": html})
        last = conv.exchanges[-1] if conv.exchanges else None
        sources = (
            render_sources(
                last.answer.citations, len(turns) - 1, found=last.answer.found,
                question=last.question,
            )
            if last
            else render_sources([], None)
        )  # fmt: skip
        return (
            messages,
            turns,
            messages,
            "",
            sources,
            render_passage(None, None),
            gr.update(visible=False, value=None),
            gr.skip(),
            gr.skip(),
            gr.skip(),
            conv,
            self.history(user, conv.id),
            *self.exported(conv),
        )

    def resume(self, request: gr.Request) -> tuple:
        """On page load: the user line, and the user's latest conversation (a reload keeps
        the conversation). Outputs: user line, then CHAT_OUTPUTS."""
        user = user_of(request)
        line = render_user(user if request and request.username else None)
        rows = self.conversations.listed(user)
        if not rows:
            return (line, *(gr.skip(),) * (N_CHAT_OUTPUTS - 2), self.history(user), gr.skip(),
                    gr.skip())  # fmt: skip
        return (line, *self.restore(rows[0][0], request))

    def new_conversation(self, request: gr.Request) -> tuple:
        """Outputs: CHAT_OUTPUTS."""
        return (
            [],
            [],
            [],
            "",
            render_sources([], None),
            render_passage(None, None),
            gr.update(visible=False, value=None),
            gr.skip(),
            gr.skip(),
            gr.skip(),
            None,
            self.history(user_of(request)),
            gr.update(visible=False, value=None),
            gr.update(visible=False, value=None),
        )

    # --- sources ---------------------------------------------------------------------------

    def open_source(self, turns: list[Turn], evt: gr.EventData) -> tuple:
        """A `[n]` marker or a card's button was clicked: that source, in its verslag.
        Outputs: sources, passage, download."""
        try:
            t, n = int(evt.turn), int(evt.n)
        except (AttributeError, TypeError, ValueError):
            return gr.skip(), gr.skip(), gr.skip()
        if not 0 <= t < len(turns or []):
            return gr.skip(), gr.skip(), gr.skip()
        answer = turns[t].answer
        citation = next((c for c in answer.citations if c.n == n), None)
        if citation is None:
            return gr.skip(), gr.skip(), gr.skip()
        verslag = self.rt.index.verslag(citation.verslag_id)
        sources = render_sources(
            answer.citations, t, n, found=answer.found, question=turns[t].analysis.question
        )
        return sources, render_passage(verslag, citation), self.download(citation.verslag_id)

    def download(self, vid: str) -> Any:
        """The original file, copied under its source name into a download directory."""
        original = self.rt.index.original_path(vid)
        verslag = self.rt.index.verslag(vid)
        if original is None or verslag is None:
            return gr.update(visible=False, value=None)
        name = safe_filename(verslag.source) or original.name
        target = self._downloads / (safe_filename(vid) or "verslag") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original, target)
        return gr.update(visible=True, value=str(target), label=f"Origineel downloaden ({name})")


FILTER_FIELDS = (
    ("verslag", "verslag_ids", "Verslag"),
    ("org", "organisations", "Organisatie"),
    ("opgave", "opgaven", "Opgave of thema"),
)
N_CHAT_OUTPUTS = 14


def user_of(request: gr.Request | None) -> str:
    return (getattr(request, "username", None) or ANONYMOUS) if request else ANONYMOUS


def _when(t: float) -> str:
    return time.strftime("%d-%m %H:%M", time.localtime(t))


def build_app(runtime: Runtime) -> gr.Blocks:
    """The Blocks app for `runtime` (`assistant.web.serve` launches it with its look and login)."""
    ui = ChatApp(runtime)
    adding = AddFlow(runtime)
    summary_tab, overview_tab = SummaryTab(runtime), OverviewTab(runtime)
    verslagen, organisaties, opgaven = ui.choices()
    max_mb = f"{runtime.settings.data.max_file_mb:g}".replace(".", ",")
    with gr.Blocks(title="Raadpleeg — verslagen sociaal domein", analytics_enabled=False) as app:
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
                with gr.Row():
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
