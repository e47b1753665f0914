"""Keeping conversations: the chat's handlers that save a conversation per user, export it
(.md/.docx), list it and bring it back (after a reload, or chosen under "Eerdere
gesprekken"). Mixed into `chat.ChatApp`, which provides `rt`, `exports` and `conversations`.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.answering.chat import Turn
from assistant.web.conversations import ANONYMOUS, Conversation
from assistant.web.render import esc, render_answer, render_passage, render_sources, render_user
from assistant.web.tabs import private_dir
from assistant.web.transcript import write_transcript
from vectorstore.search import Filters

if TYPE_CHECKING:
    from pathlib import Path

    from assistant.runtime import Runtime
    from assistant.web.conversations import ConversationStore

log = logging.getLogger(__name__)

N_CHAT_OUTPUTS = 14
"""chatbot, turns, messages, question box, sources, passage, download, the three filters,
conversation, history list, .md and .docx exports."""


def user_of(request: gr.Request | None) -> str:
    """The login name, or "anonymous" without a login."""
    return (getattr(request, "username", None) or ANONYMOUS) if request else ANONYMOUS


def _when(t: float) -> str:
    return time.strftime("%d-%m %H:%M", time.localtime(t))


class KeptConversations:
    rt: Runtime
    exports: Path
    conversations: ConversationStore

    @staticmethod
    def ui_filters(verslag: str | None, org: str | None, opgave: str | None) -> Filters | None:
        f = Filters(
            verslag_ids=(verslag,) if verslag else (),
            organisations=(org,) if org else (),
            opgaven=(opgave,) if opgave else (),
        )
        return f or None

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
            html = render_answer(ex.answer, i, verslagen, overruled=ex.notes)
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
            # chatbot … conversation unchanged; the (empty) history list; no exports
            keep = (gr.skip(),) * (N_CHAT_OUTPUTS - 3)
            return (line, *keep, self.history(user), gr.skip(), gr.skip())
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
