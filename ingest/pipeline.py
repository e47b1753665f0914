"""Files -> parsed, tagged verslagen -> a sink (the record index), with a per-file report.

A file that fails is reported with its reason and leaves the store untouched; the other files
still ingest. That holds for any exception while reading, parsing or storing one file, not only
the `IngestError`s the readers raise for files they recognise as bad: a reader bug on an odd
file must cost that file, never the batch. The sink is passed in (anything with
`upsert_verslag`), so ingest does not depend on the storage layer.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.errors import IngestError
from ingest.opgaven import Tagger
from ingest.parse import parse_blocks
from ingest.readers import SUPPORTED, read_blocks
from ingest.records import Stored, Verslag


class Sink(Protocol):
    def upsert_verslag(self, v: Verslag, original: bytes, suffix: str) -> Stored: ...


@dataclass
class FileReport:
    """What happened to one file: its status, and what the verslag holds."""

    path: str
    status: str  # added | replaced | unchanged | failed
    error: str | None = None
    verslag_id: str | None = None
    number: int | None = None
    date: str | None = None
    attendees: list[str] = field(default_factory=list)
    statements: int = 0
    attribution: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # "<file> (<id>)" of earlier versions
    statements_added: int = 0
    statements_removed: int = 0

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def line(self) -> str:
        """One human-readable line (English, like the rest of the CLI's diagnostics)."""
        name = Path(self.path).name
        if not self.ok:
            return f"FAILED {name}: {self.error}"
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.attribution.items()))
        who = "; ".join(self.attendees) or "no attendees"
        text = (
            f"{self.status:9} {name}: gesprek {self.number or '?'} ({self.date or 'no date'}), "
            f"{self.statements} statements ({counts}); present: {who}"
        )
        if self.replaced:
            text += (
                f"\n          replaces {', '.join(self.replaced)}: "
                f"{self.statements_added} statement{'' if self.statements_added == 1 else 's'} "
                f"added, {self.statements_removed} removed"
            )
        return text + "".join(f"\n          warning: {w}" for w in self.warnings)


def parse_file(path: Path, tagger: Tagger | None = None, data: bytes | None = None) -> Verslag:
    """Read, parse and (when a tagger is given) tag one file."""
    verslag = parse_blocks(read_blocks(path, data), path)
    if tagger is None:
        return verslag
    tags = tagger.tag_many([s.text for s in verslag.statements])
    statements = tuple(
        dataclasses.replace(s, opgaven=t) for s, t in zip(verslag.statements, tags, strict=True)
    )
    return dataclasses.replace(verslag, statements=statements)


def collect(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their supported files (sorted); files are kept as given, so an
    unsupported file named explicitly is reported rather than skipped."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            )
        else:
            out.append(p)
    return out


def _size(n: int) -> str:
    """A file size people read: "12.3 MB", or "48.5 kB" below a megabyte (not "0.0 MB")."""
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.1f} kB"


def unexpected(exc: BaseException, limit: int = 200) -> str:
    """One line for an error nobody anticipated: its kind and the first line of its text."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    text = text[:limit] + "…" if len(text) > limit else text
    return f"could not be read or stored ({text})"


def ingest_file(
    path: Path, sink: Sink, tagger: Tagger | None, max_bytes: int, name: str | None = None
) -> FileReport:
    """Ingest one file; never raises for a bad file (the report says why)."""
    shown = name or str(path)
    try:
        if not path.is_file():
            raise IngestError(path, "no such file")
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                path, f"the file is {_size(size)}, over the limit of {_size(max_bytes)}"
            )
        data = path.read_bytes()
        verslag = parse_file(path, tagger, data)
        stored = sink.upsert_verslag(verslag, data, path.suffix)
    except IngestError as exc:
        return FileReport(shown, "failed", error=exc.reason)
    except Exception as exc:  # any other failure costs this file only (see module docstring)
        return FileReport(shown, "failed", error=unexpected(exc))
    return FileReport(
        shown,
        stored.status,
        replaced=list(stored.replaced),
        statements_added=stored.statements_added,
        statements_removed=stored.statements_removed,
        verslag_id=verslag.id,
        number=verslag.number,
        date=verslag.date,
        attendees=[
            f"{a.name} ({a.organisation})" if a.organisation else a.name for a in verslag.attendees
        ],
        statements=len(verslag.statements),
        attribution=dict(Counter(s.attribution for s in verslag.statements)),
        warnings=list(verslag.warnings),
    )


def ingest_paths(
    paths: Iterable[Path], sink: Sink, tagger: Tagger | None, max_bytes: int
) -> list[FileReport]:
    return [ingest_file(p, sink, tagger, max_bytes) for p in collect(paths)]
