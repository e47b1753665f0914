"""The chat's event handlers (ask, follow up, open a source), bound to one runtime; keeping
conversations comes from `kept.KeptConversations`. `app.build_app` wires them to the page.
Every text from a verslag reaches the page only through `render`, which escapes it.
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.answering.chat import Turn
from assistant.nl import KIND_MENU
from assistant.runtime import Runtime
from assistant.web.conversations import Conversation, ConversationStore, Exchange, new_id
from assistant.web.kept import N_CHAT_OUTPUTS, KeptConversations, user_of
from assistant.web.render import (
    esc,
    render_answer,
    render_message,
    render_passage,
    render_sources,
    render_status,
    verslag_label,
)
from assistant.web.tabs import private_dir
from assistant.web.uploads import safe_filename
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


class ChatApp(KeptConversations):
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
        opgaven = [("Alle onderwerpen", ALL)] + [
            (f"{o.name} ({KIND_MENU.get(o.kind, o.kind)})", o.name)
            for o in self.rt.taxonomy.opgaven
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
        conv.exchanges.append(Exchange(question, ui, turn.answer, notes))
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
