"""The "Verslag toevoegen" flow: check, stage, ask before replacing, ingest, clean up.

An upload that would replace a verslag already in the store (the same gesprek: number and
date, or the same file name) is held, staged, until the user confirms; cancelling discards it
and changes nothing. Gradio's own copy of every upload (in its temp directory) is removed
once the upload is handled, accepted or refused, so refused files do not pile up there.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.runtime import Runtime
from assistant.web.render import (
    render_cancelled,
    render_confirm,
    render_refusal,
    render_report,
    verslag_label,
)
from assistant.web.uploads import UploadRefused, discard, stage_upload
from ingest.errors import IngestError
from ingest.pipeline import parse_file
from ingest.records import Verslag

log = logging.getLogger(__name__)

HIDE = {"visible": False}


def forget_gradio_copy(path: Path) -> None:
    """Remove Gradio's temp copy of an upload (and its then empty hash directory); never
    anything outside Gradio's upload folder."""
    root = Path(get_upload_folder()).resolve()
    try:
        target = path.resolve()
    except OSError:
        return
    if not target.is_relative_to(root) or target == root:
        return
    with contextlib.suppress(OSError):
        target.unlink()
    parent = target.parent
    if parent != root and parent.is_relative_to(root):
        with contextlib.suppress(OSError):
            parent.rmdir()  # only when empty


class AddFlow:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.uploads_dir = rt.settings.store / "uploads"

    def replaced_by(self, staged: Path) -> Verslag | None:
        """The stored verslag this file would replace, or None (also when it does not parse:
        ingest then refuses it with its reason)."""
        try:
            new = parse_file(staged)
        except (IngestError, ValueError, OSError):
            return None
        except Exception:  # a reader failure is reported by ingest itself
            log.exception("pre-reading %s failed", staged.name)
            return None
        for v in self.rt.index.verslagen():
            same_gesprek = v.number is not None and (v.number, v.date) == (new.number, new.date)
            same_name = Path(v.source).name.lower() == staged.name.lower()
            if same_gesprek or same_name:
                return v
        return None

    def ingest(self, staged: Path) -> str:
        try:
            reports = self.rt.ingest([staged], names=[staged.name])
        except Exception as exc:  # a per-file failure must not become a traceback
            log.exception("ingesting %s failed", staged.name)
            return render_refusal(
                staged.name, "het bestand kon niet worden ingelezen.", f"{type(exc).__name__}"
            )
        finally:
            discard(staged)
        return render_report(reports)

    def upload(self, file: str | None, pending: str | None) -> tuple:
        """Outputs: report, file control, confirmation box, its question, pending (the staged
        path or None)."""
        if pending:
            discard(Path(pending))
        if not file:
            refusal = render_refusal("(geen bestand)", "kies eerst een bestand.")
            return refusal, None, gr.update(**HIDE), "", None
        src = Path(file)
        max_bytes = int(self.rt.settings.data.max_file_mb * 1_000_000)
        try:
            staged = stage_upload(src, src.name, self.uploads_dir, max_bytes)
        except UploadRefused as exc:
            return render_refusal(src.name, exc.reason), None, gr.update(**HIDE), "", None
        finally:
            forget_gradio_copy(src)
        old = self.replaced_by(staged)
        if old is not None:
            box = render_confirm(staged.name, verslag_label(old), Path(old.source).name)
            return "", None, gr.update(visible=True), box, str(staged)
        return self.ingest(staged), None, gr.update(**HIDE), "", None

    def confirm(self, pending: str | None) -> tuple:
        """Replace after all. Outputs: report, confirmation box, pending."""
        if not pending or not Path(pending).is_file():
            return "", gr.update(**HIDE), None
        return self.ingest(Path(pending)), gr.update(**HIDE), None

    @staticmethod
    def cancel(pending: str | None) -> tuple:
        """Outputs: report, confirmation box, pending."""
        name = Path(pending).name if pending else ""
        if pending:
            discard(Path(pending))
        return render_cancelled(name or "(geen bestand)"), gr.update(**HIDE), None
