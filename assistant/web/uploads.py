"""Checking and staging an uploaded verslag before ingest.

An upload is refused, with a Dutch reason, before anything is written when its type is not
one ingest reads, it is empty or too large, or its name is unusable. Accepted files are copied
into a private directory under the store (never a served one) under a sanitised name: no part
of a user-supplied name can choose where the copy lands.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from ingest.readers import SUPPORTED

MAX_NAME = 120


class UploadRefused(Exception):
    """The upload cannot be ingested; `reason` says why, in Dutch."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def safe_filename(name: str) -> str:
    """The last component of `name` (either slash), reduced to letters, digits, `-`, `_`,
    `.` and spaces; no leading dots, bounded length, suffix kept. "" when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # controls
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    base = re.sub(r"\.{2,}", ".", base)
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip(" ._")
    if not stem:
        return ""
    suffix = f".{suffix.lower()}" if suffix else ""
    return stem[: MAX_NAME - len(suffix)] + suffix


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB".replace(".", ",")


def check_upload(path: Path, name: str, max_bytes: int) -> str:
    """The sanitised name to ingest `path` under, or UploadRefused."""
    safe = safe_filename(name)
    suffix = Path(safe).suffix.lower()
    if not safe:
        raise UploadRefused("de bestandsnaam is onbruikbaar.")
    if suffix not in SUPPORTED:
        raise UploadRefused(
            f"bestandstype {suffix or '(geen)'} wordt niet ondersteund; "
            f"gebruik {', '.join(SUPPORTED)}."
        )
    if not path.is_file():
        raise UploadRefused("het bestand is niet goed ontvangen.")
    size = path.stat().st_size
    if size == 0:
        raise UploadRefused("het bestand is leeg.")
    if size > max_bytes:
        raise UploadRefused(
            f"het bestand is {_size(size)}, groter dan de grens van {_size(max_bytes)}."
        )
    return safe


def stage_upload(src: Path, name: str, uploads_dir: Path, max_bytes: int) -> Path:
    """Check `src` and copy it into a new private directory under `uploads_dir` as its
    sanitised name; returns the copy. The caller removes it (`discard`) after ingest."""
    safe = check_upload(src, name, max_bytes)
    uploads_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    private = Path(tempfile.mkdtemp(prefix="upload-", dir=uploads_dir))  # mode 0700
    dest = (private / safe).resolve()
    if not dest.is_relative_to(uploads_dir.resolve()):  # cannot happen after safe_filename
        raise UploadRefused("de bestandsnaam is onbruikbaar.")
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)
    return dest


def discard(staged: Path) -> None:
    """Remove a staged upload and its private directory."""
    shutil.rmtree(staged.parent, ignore_errors=True)
