"""The one error ingest raises for a bad file: it always names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file could not be ingested. `str(err)` is `"<file name>: <reason>"`."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class ConfigError(Exception):
    """A configured data file (taxonomy, synonyms, glossary) is missing or broken; the message
    names the file."""
