"""The data files that ship inside the package (taxonomy, synonyms, glossary, sample record).

Read through importlib.resources so the installed command works from any directory; every
one of them can be overridden by a setting.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_path(name: str) -> Path:
    """The packaged file or folder `ingest/data/<name>` (a real path: the package is
    installed unzipped, editable or from a wheel)."""
    return Path(str(files("ingest") / "data" / name))
