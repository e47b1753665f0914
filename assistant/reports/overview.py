"""The onboarding overview: who was consulted when (the municipality's hosts apart), what each
conversation yielded, each organisation's attendance, and which opgave drew reactions from whom
(a matrix, and a heatmap picture of it for the exported overview).

Pure functions for the CLI and the UI: `build_overview` (records), `Overview.markdown()`,
`render_heatmap` (PNG), `statements_for` (the statements behind one cell of the matrix) and
`write_overview` (overview.md, heatmap.png and the briefing.docx for a new official).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.nl import KIND_SUFFIX, OVERIG, dutch_date, gesprek_no, plural
from assistant.reports.attendance import Presence, attendance, host_names
from assistant.reports.draft import attendee_label, shorten
from ingest.hosts import consulted, hosts
from ingest.opgaven import Taxonomy
from ingest.records import Attendee, Statement, Verslag
from vectorstore.index import RecordIndex

UNATTRIBUTED_COLUMN = "Niet toegeschreven"
HOST_COLUMN = "Namens de gemeente"
HEATMAP_TITLE = "Reacties per opgave en organisatie"


def column_of(s: Statement, host_names: frozenset[str] = frozenset()) -> str:
    """The matrix column of a statement: its organisation, else its speaker (a person without
    an organisation), else "Niet toegeschreven"; the municipality's own people (`host_names`)
    share one column. Never an attendee merely present."""
    if s.attribution == "none":
        return UNATTRIBUTED_COLUMN
    who = s.organisation or s.speaker or UNATTRIBUTED_COLUMN
    return HOST_COLUMN if who in host_names or s.speaker in host_names else who


def host_names_of(index: RecordIndex) -> frozenset[str]:
    """Every speaker who speaks for the municipality, across the record."""
    return host_names(index.verslagen(), index.statements())


def rows_of(s: Statement) -> tuple[str, ...]:
    """The matrix rows of a statement: each opgave it is tagged with, else "Overig"."""
    return s.opgaven or (OVERIG,)


@dataclass(frozen=True)
class Conversation:
    verslag: Verslag
    attendees: tuple[Attendee, ...]
    n_statements: int
    speakers: tuple[tuple[str, int], ...]  # column (who) -> number of statements
    opgaven: tuple[tuple[str, int], ...]  # opgave -> number of statements, most first
    points: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # section -> (who, short text)
    hosts: tuple[str, ...] = ()  # the municipality's people: host attendees, host speakers

    @property
    def label(self) -> str:
        return f"Gesprek {gesprek_no(self.verslag)} — {dutch_date(self.verslag.date)}"


@dataclass(frozen=True)
class Overview:
    conversations: tuple[Conversation, ...]
    rows: tuple[str, ...]  # opgaven in taxonomy order (then unknown tags), then "Overig"
    columns: tuple[str, ...]  # organisations/speakers, most statements first; then unattributed
    counts: dict[tuple[str, str], int]  # (row, column) -> statements; a statement counts once
    kinds: dict[str, str]  # row -> kind ("opgave", "voorgestelde opgave", "thema", "")
    presence: tuple[Presence, ...] = ()  # per consulted organisation, per conversation
    host_names: frozenset[str] = frozenset()

    def count(self, row: str, column: str) -> int:
        return self.counts.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.count(row, c) for c in self.columns)

    def matrix(self) -> list[list[int]]:
        return [[self.count(r, c) for c in self.columns] for r in self.rows]

    def row_label(self, row: str) -> str:
        if row == OVERIG:
            return f"{OVERIG} (geen opgave)"
        return row + KIND_SUFFIX.get(self.kinds.get(row, ""), "")

    def markdown(self, image: str | None = "heatmap.png") -> str:
        return render_markdown(self, image)


def build_overview(index: RecordIndex, taxonomy: Taxonomy) -> Overview:
    verslagen = index.verslagen()
    host_names = host_names_of(index)
    conversations = tuple(_conversation(v, index.statements(v.id), host_names) for v in verslagen)
    statements = [s for v in verslagen for s in index.statements(v.id)]
    counts: Counter[tuple[str, str]] = Counter()
    for s in statements:
        for row in rows_of(s):
            counts[(row, column_of(s, host_names))] += 1
    names = taxonomy.names
    tags = {r for r, _ in counts} - {OVERIG} - set(names)
    rows = [*names, *sorted(tags)] + ([OVERIG] if any(r == OVERIG for r, _ in counts) else [])
    per_column = Counter(column_of(s, host_names) for s in statements)
    apart = (UNATTRIBUTED_COLUMN, HOST_COLUMN)
    columns = sorted((c for c in per_column if c not in apart), key=lambda c: (-per_column[c], c))
    columns += [c for c in apart if per_column[c]]
    kinds = {o.name: o.kind for o in taxonomy.opgaven}
    presence = tuple(attendance(verslagen, statements))
    return Overview(
        conversations, tuple(rows), tuple(columns), dict(counts), kinds, presence, host_names
    )


def _conversation(
    v: Verslag, statements: list[Statement], host_names: frozenset[str]
) -> Conversation:
    speakers = Counter(column_of(s, host_names) for s in statements)
    opgaven = Counter(t for s in statements for t in s.opgaven)
    points: dict[str, list[tuple[str, str]]] = {}
    for s in sorted(statements, key=lambda s: s.position):
        who = column_of(s, host_names) if s.attribution != "none" else ""
        points.setdefault(s.section, []).append((who, shorten(s.text, 18)))
    own = [attendee_label(a) for a in hosts(v.attendees)]
    spoke = {s.speaker for s in statements if s.speaker in host_names}
    return Conversation(
        verslag=v,
        attendees=tuple(consulted(v.attendees)),
        hosts=tuple(dict.fromkeys([*own, *sorted(n for n in spoke if n)])),
        n_statements=len(statements),
        speakers=tuple(speakers.most_common()),
        opgaven=tuple(opgaven.most_common()),
        points=tuple((k, tuple(p)) for k, p in points.items()),
    )


def statements_for(
    index: RecordIndex,
    opgave: str,
    column: str | None = None,
    host_names: frozenset[str] | None = None,
) -> list[Statement]:
    """The statements behind a matrix row ("Overig": those without an opgave), optionally only
    one column's (an organisation, a speaker, "Niet toegeschreven" or the municipality)."""
    names = host_names_of(index) if host_names is None else host_names
    return [
        s
        for s in index.statements()
        if opgave in rows_of(s) and (column is None or column_of(s, names) == column)
    ]


# --- markdown ----------------------------------------------------------------------------


def render_markdown(ov: Overview, image: str | None = "heatmap.png") -> str:
    n_statements = sum(c.n_statements for c in ov.conversations)
    orgs = [c for c in ov.columns if c not in (UNATTRIBUTED_COLUMN, HOST_COLUMN)]
    out = [
        "# Overzicht van de gesprekken over de visie sociaal domein",
        "",
        f"{plural(len(ov.conversations), 'gesprek', 'gesprekken')}, "
        f"{plural(n_statements, 'uitspraak', 'uitspraken')}; uitspraken toegeschreven aan: "
        f"{', '.join(orgs) or 'niemand'}.",
        "",
        "| Gesprek | Datum | Aanwezig |",
        "|---|---|---|",
    ]
    for c in ov.conversations:
        people = "; ".join(attendee_label(a) for a in c.attendees) or "niet vermeld"
        if c.hosts:
            people += f" — {HOST_COLUMN.lower()}: {'; '.join(c.hosts)}"
        out.append(f"| {gesprek_no(c.verslag)} | {dutch_date(c.verslag.date)} | {people} |")
    out.append("")
    out += attendance_markdown(ov)
    for c in ov.conversations:
        out += _conversation_markdown(c)
    out += ["## Opgaven en reacties", ""]
    if image:
        out += [f"![{HEATMAP_TITLE}]({image})", ""]
    out.append(
        "Per opgave het aantal uitspraken per organisatie. Een uitspraak kan bij meer opgaven "
        "horen. Niet toegeschreven uitspraken staan apart: het verslag zegt niet wie ze deed."
    )
    out.append("")
    for row in ov.rows:
        total = ov.row_total(row)
        who = [f"{col} {ov.count(row, col)}" for col in ov.columns if ov.count(row, col)]
        kind = ov.kinds.get(row, "") or ("zonder opgave" if row == OVERIG else "")
        n = plural(total, "uitspraak", "uitspraken")
        head = f"- **{row}** ({kind + ', ' if kind else ''}{n})"
        out.append(f"{head}: {', '.join(who) or 'geen reacties'}")
    out += ["", "| Opgave | " + " | ".join(ov.columns) + " |"]
    out.append("|---|" + "---:|" * len(ov.columns))
    for row in ov.rows:
        cells = " | ".join(str(ov.count(row, col)) for col in ov.columns)
        out.append(f"| {ov.row_label(row)} | {cells} |")
    return "\n".join(out).rstrip() + "\n"


def _conversation_markdown(c: Conversation) -> list[str]:
    v = c.verslag
    out = [
        f"## {c.label}",
        "",
        f"_{v.title} · bron: {v.source} · {plural(c.n_statements, 'uitspraak', 'uitspraken')}_",
        "",
        "**Aanwezig:**",
        "",
    ]
    out += [f"- {attendee_label(a)}" for a in c.attendees] or ["- niet vermeld"]
    out.append("")
    if c.hosts:
        out += [f"**{HOST_COLUMN}:** {'; '.join(c.hosts)}", ""]
    attributed = [(who, n) for who, n in c.speakers if who != UNATTRIBUTED_COLUMN]
    unattributed = dict(c.speakers).get(UNATTRIBUTED_COLUMN, 0)
    if not attributed:
        out.append(
            "**Wie zei wat:** het verslag schrijft geen uitspraken toe aan personen of "
            "organisaties; wie wat zei, staat er niet in."
        )
    else:
        line = ", ".join(f"{who} {n}" for who, n in attributed)
        if unattributed:
            line += f"; niet toegeschreven {unattributed}"
        out.append(f"**Wie zei wat (aantal uitspraken):** {line}.")
    out.append("")
    touched = ", ".join(f"{name} {n}" for name, n in c.opgaven) or "geen"
    out += [f"**Opgaven (aantal uitspraken):** {touched}.", "", "**Hoofdpunten:**", ""]
    for section, points in c.points:
        out += [f"_{section}_", ""]
        out += [f"- {who + ': ' if who else ''}{text}" for who, text in points]
        out.append("")
    return out


def attendance_markdown(ov: Overview) -> list[str]:
    """Per consulted organisation, per conversation: spoke (n), present, or not there."""
    if not ov.presence:
        return []
    heads = [f"Gesprek {gesprek_no(c.verslag)}" for c in ov.conversations]
    out = [
        "## Wie is geraadpleegd",
        "",
        "Per organisatie: in welke gesprekken zij aanwezig was en of het verslag haar "
        "uitspraken toeschrijft. De gemeente (gastheer) staat hier niet bij.",
        "",
        "| Organisatie | " + " | ".join(heads) + " |",
        "|---|" + "---|" * len(heads),
    ]
    for p in ov.presence:
        cells = [PRESENCE_LABEL[status](n) for _, status, n in p.per_verslag]
        out.append(f"| {p.organisation} | " + " | ".join(cells) + " |")
    return [*out, ""]


PRESENCE_LABEL = {
    "sprak": lambda n: f"sprak ({plural(n, 'uitspraak', 'uitspraken')})",
    "aanwezig": lambda n: "aanwezig, niets toegeschreven",
    "niet aanwezig": lambda n: "—",
}


# --- picture -----------------------------------------------------------------------------


def render_heatmap(ov: Overview, path: Path) -> Path:
    """The opgave × organisation matrix as an annotated heatmap PNG (matplotlib, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [ov.row_label(r) for r in ov.rows]
    columns = [textwrap.fill(c, 16) for c in ov.columns]
    data = np.array(ov.matrix(), dtype=float).reshape(len(rows), len(columns))
    width = 3.2 + 1.25 * max(len(columns), 2)
    height = 1.8 + 0.42 * max(len(rows), 2)
    fig, ax = plt.subplots(figsize=(width, height), dpi=150, layout="constrained")
    if data.size == 0:
        ax.text(0.5, 0.5, "Nog geen uitspraken in de verslagen", ha="center", va="center")
        ax.set_axis_off()
    else:
        peak = max(float(data.max()), 1.0)
        ax.imshow(data, cmap="Blues", vmin=0, vmax=peak * 1.15, aspect="auto")
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                n = int(data[i, j])
                ax.text(
                    j,
                    i,
                    str(n) if n else "·",
                    ha="center",
                    va="center",
                    fontsize=10,
                    color="white" if n > peak * 0.55 else ("#1a1a1a" if n else "#9a9a9a"),
                    fontweight="bold" if n else "normal",
                )
        ax.set_xticks(range(len(columns)), columns, fontsize=9)
        ax.set_yticks(range(len(rows)), rows, fontsize=9)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        kinds = [ov.kinds.get(r, "") for r in ov.rows]
        for i in range(1, len(kinds)):  # a line between opgaven, voorstellen, thema's, overig
            if kinds[i] != kinds[i - 1]:
                ax.axhline(i - 0.5, color="#444444", linewidth=1.2)
        if UNATTRIBUTED_COLUMN in ov.columns and len(ov.columns) > 1:
            ax.axvline(ov.columns.index(UNATTRIBUTED_COLUMN) - 0.5, color="#444444", linewidth=1.2)
    gesprekken = ", ".join(gesprek_no(c.verslag) for c in ov.conversations) or "-"
    fig.suptitle(HEATMAP_TITLE, fontsize=13, fontweight="bold")
    note = (
        f"Aantal uitspraken in de verslagen (gesprek {gesprekken}); een uitspraak kan bij meer "
        "opgaven horen. (voorstel) = voorgestelde opgave, (thema) = terugkerend thema, "
        "· = geen uitspraken. Niet toegeschreven: het verslag zegt niet wie het zei."
    )
    fig.supxlabel(textwrap.fill(note, int(width * 14)), fontsize=8, color="#444444")
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def write_overview(ov: Overview, out_dir: Path) -> tuple[Path, Path]:
    """Write overview.md and heatmap.png into `out_dir`; returns both paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    png = render_heatmap(ov, out_dir / "heatmap.png")
    md = out_dir / "overview.md"
    md.write_text(ov.markdown(png.name), encoding="utf-8")
    return md, png
