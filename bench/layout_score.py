"""Score the parser against layout-variant verslagen whose truth is known (parse only).

    python -m bench.layout_score [--n 300] [--seed 0]      # prints the variant table

Metrics: attendee precision and recall (by name), attendee organisation accuracy, date and
number accuracy, statement recall (a true statement is found when a parsed statement starts
with its words), attribution accuracy (same speaker, or unattributed when the truth is), and
the count of FALSE attributions: a statement given to someone the truth does not give it to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.layout_pdf import render_pdf
from bench.layout_render import render_docx, render_html, render_txt
from bench.layouts import Case, build_cases
from ingest.errors import IngestError
from ingest.parse import parse_blocks
from ingest.readers import read_blocks
from ingest.records import Statement, Verslag
from ingest.text import fold

THRESHOLDS = {
    "date accuracy": 1.0,
    "attendee recall": 0.98,
    "attendee precision": 0.98,
    "statement recall": 0.98,
    "attribution accuracy": 0.97,
}


def render(case: Case) -> bytes:
    fmt = case.layout.fmt
    if fmt == "txt":
        return render_txt(case).encode("utf-8")
    if fmt == "md":
        return render_txt(case, md=True).encode("utf-8")
    if fmt == "html":
        return render_html(case).encode("utf-8")
    if fmt == "docx":
        return render_docx(case)
    return render_pdf(case)


def key(text: str) -> str:
    """Letters and digits only: line wraps, hyphenation and markup do not matter."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


@dataclass
class Tally:
    files: int = 0
    refused: int = 0
    dates: int = 0
    numbers: int = 0
    true_attendees: int = 0
    found_attendees: int = 0
    matched_attendees: int = 0
    attendee_orgs: int = 0
    statements: int = 0
    recalled: int = 0
    attributed_right: int = 0
    false: int = 0
    failures: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "date accuracy": r(self.dates, self.files),
            "number accuracy": r(self.numbers, self.files),
            "attendee recall": r(self.matched_attendees, self.true_attendees),
            "attendee precision": r(self.matched_attendees, self.found_attendees),
            "attendee organisation": r(self.attendee_orgs, self.matched_attendees),
            "statement recall": r(self.recalled, self.statements),
            "attribution accuracy": r(self.attributed_right, self.statements),
        }

    def note(self, kind: str, detail: str) -> None:
        self.failures[kind] += 1
        if len(self.examples) < 60:
            self.examples.append(f"{kind}: {detail}")


def _speaker_ok(s: Statement, org: str | None, person: str | None) -> bool:
    if org and s.organisation and fold(s.organisation) == fold(org):
        return True
    if person:
        surname = key(person.split()[-1])
        return any(surname in key(p) for p in s.persons) or (
            not s.persons and s.organisation is None and surname in key(s.speaker or "")
        )
    return False


def score_statements(
    tally: Tally, v: Verslag, truths: list[tuple[str, str | None, str | None]], name: str
) -> None:
    """`truths`: (text, organisation, person) per true statement; None, None = unattributed."""
    keyed = [(key(s.text), s) for s in v.statements]
    cursor = 0  # statements come in document order: match the next one that fits
    for text, org, person in truths:
        tally.statements += 1
        # The first sentence (at most 60 letters): a long turn may be split after it.
        first = key(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0])
        prefix = (first if len(first) >= 30 else key(text))[:60]
        order = [*range(cursor, len(keyed)), *range(cursor)]
        at = next((i for i in order if keyed[i][0].startswith(prefix)), None)
        if at is None:  # inside a statement: a turn merged into another, or a split one
            at = next((i for i in order if prefix in keyed[i][0]), None)
        match = keyed[at][1] if at is not None else None
        cursor = at if at is not None else cursor  # a merged turn may hold the next one too
        if match is None:
            tally.note("statement missed", f"{name}: {text[:70]!r}")
            continue
        tally.recalled += 1
        attributed = match.attribution != "none" or match.organisation or match.persons
        if org is None and person is None:
            if not attributed:
                tally.attributed_right += 1
            else:
                tally.false += 1
                tally.note("false attribution (truth: nobody)",
                           f"{name}: {text[:60]!r} -> {match.speaker}")  # fmt: skip
        elif attributed and _speaker_ok(match, org, person):
            tally.attributed_right += 1
        elif attributed:
            tally.false += 1
            got = f"{match.speaker} (truth {org}/{person})"
            tally.note("false attribution (wrong speaker)", f"{name}: {text[:60]!r} -> {got}")
        else:
            tally.note("attribution missed", f"{name}: {text[:60]!r} (truth {org}/{person})")


def _same_org(got: str | None, want: str | None) -> bool:
    """Generated truth: the organisation exactly (case and accents aside), or none."""
    return (fold(got or "") if want else "") == fold(want or "")


def _org_matches(got: str | None, want: str | None) -> bool:
    """Hand-written truth: no organisation on both sides, or `_org_ok`."""
    return (not want and not got) or bool(want and _org_ok(got, want))


def score_attendees(
    tally: Tally,
    v: Verslag,
    truth: list[tuple[str, str | None]],
    name: str,
    org_ok: Callable[[str | None, str | None], bool] = _same_org,
) -> None:
    """Attendee recall, precision and organisation against the truth, misses noted."""
    found = {fold(a.name): a for a in v.attendees}
    tally.true_attendees += len(truth)
    tally.found_attendees += len(found)
    for person, org in truth:
        a = found.get(fold(person))
        if a is None:
            tally.note("attendee missed", f"{name}: {person} in {[x.name for x in v.attendees]}")
            continue
        tally.matched_attendees += 1
        if org_ok(a.organisation, org):
            tally.attendee_orgs += 1
        else:
            tally.note("attendee organisation", f"{name}: {person}: {a.organisation} != {org}")
    extra = set(found) - {fold(p) for p, _ in truth}
    for x in sorted(extra):
        tally.note("attendee invented", f"{name}: {found[x].name!r}")


def parse_bytes(data: bytes, name: str) -> Verslag:
    path = Path(name)
    return parse_blocks(read_blocks(path, data), path)


def score_cases(cases: list[Case]) -> Tally:
    tally = Tally()
    for case in cases:
        tally.files += 1
        truths = [(t.text, t.organisation, t.person) for t in case.statements]
        attendees = [(p.name, p.organisation) for p in case.attendees]
        try:
            v = parse_bytes(render(case), case.name)
        except IngestError as exc:
            tally.refused += 1
            tally.note("refused", f"{case.name}: {exc} [{case.layout.describe()}]")
            tally.statements += len(truths)
            tally.true_attendees += len(attendees)
            continue
        tally.dates += v.date == case.date.isoformat()
        if v.date != case.date.isoformat():
            tally.note("date", f"{case.name}: {v.date} != {case.date}")
        tally.numbers += v.number == case.number
        score_attendees(tally, v, attendees, case.name)
        score_statements(tally, v, truths, case.name)
    return tally


def table(tally: Tally, title: str = "generated layout variants") -> str:
    rates = tally.rates()
    lines = [
        f"{title}: {tally.files} verslagen, {tally.statements} statements, {tally.refused} refused",
        "",
        "| measure | value | target |",
        "|---|---|---|",
    ]
    for name, value in rates.items():
        target = THRESHOLDS.get(name)
        lines.append(f"| {name} | {value:.3f} | {'>= %.2f' % target if target else ''} |")
    lines.append(f"| false attributions | {tally.false} | 0 |")
    if tally.failures:
        lines += ["", "failure classes: " + ", ".join(f"{k} {n}" for k, n in
                                                     tally.failures.most_common())]  # fmt: skip
    return "\n".join(lines)


def _org_ok(got: str | None, want: str) -> bool:
    """Organisations match when one's words contain the other's ("Dorpsbelangen Siddeburen")."""
    a, b = set(key_words(got or "")), set(key_words(want))
    return bool(a) and (a <= b or b <= a)


def key_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[0-9a-z]+", fold(text)) if len(w) > 1]


def score_truth_file(tally: Tally, path: Path) -> None:
    """Score one hand-written verslag against its `<name>.truth.json` (the blind corpus)."""
    truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
    tally.files += 1
    attendees = [(a["name"], a.get("organisation")) for a in truth["attendees"]]
    statements = truth["statements"]
    try:
        v = parse_bytes(path.read_bytes(), path.name)
    except IngestError as exc:
        tally.refused += 1
        tally.note("refused", str(exc))
        tally.statements += len(statements)
        tally.true_attendees += len(attendees)
        return
    tally.dates += v.date == truth["date"]
    if v.date != truth["date"]:
        tally.note("date", f"{path.name}: {v.date} != {truth['date']}")
    tally.numbers += v.number == truth["number"]
    score_attendees(tally, v, attendees, path.name, _org_matches)
    keyed = [(key(s.text), s) for s in v.statements]
    for t in statements:
        tally.statements += 1
        snippet = key(t["snippet"])
        match = next((s for k, s in keyed if snippet in k), None)
        if match is None:
            tally.note("statement missed", f"{path.name}: {t['snippet'][:70]!r}")
            continue
        tally.recalled += 1
        attributed = match.attribution != "none" or match.organisation or match.persons
        org, person = t.get("organisation"), t.get("person")
        if t["attribution"] == "none" or not (org or person):
            right = not attributed
        else:
            right = bool(attributed) and (
                (bool(org) and _org_ok(match.organisation, org))
                or (bool(person) and _speaker_ok(match, None, person))
            )
        got = f"{match.speaker} [{match.organisation}; {', '.join(match.persons)}]"
        if right:
            tally.attributed_right += 1
        elif attributed:
            tally.false += 1
            what = f"{path.name}: {t['snippet'][:50]!r} -> {got} (truth {org}/{person})"
            tally.note("false attribution", what)
        else:
            tally.note("attribution missed",
                       f"{path.name}: {t['snippet'][:50]!r} (truth {org}/{person})")  # fmt: skip
    for debris in truth.get("debris", []):
        hits = [s for s in v.statements if debris in s.text]
        if hits:
            tally.note("debris in a statement", f"{path.name}: {debris!r} in {hits[0].text[:60]!r}")


FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
LAYOUT_CORPUS = FIXTURES / "layouts"
# The blind corpora, each written by someone who never read the parser (see their READMEs).
LAYOUT_CORPORA = tuple(
    FIXTURES / n
    for n in (
        "layouts",
        "layouts2",
        "layouts3",
        "layouts4",
        "layouts5",
        "layouts6",
        "layouts7",
        "layouts8",
    )
)
FORMAT_SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf")


def truth_files(directory: Path = LAYOUT_CORPUS) -> list[Path]:
    """The hand-written verslagen that have a `<name>.truth.json` beside them."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in FORMAT_SUFFIXES and p.with_name(p.stem + ".truth.json").is_file()
    )


def score_corpus(directory: Path) -> Tally:
    """Score every verslag of one blind corpus against its truth files."""
    tally = Tally()
    for path in truth_files(directory):
        score_truth_file(tally, path)
    return tally


def corpus_tables() -> list[tuple[str, Tally]]:
    """(title, tally) for each blind corpus present."""
    return [
        (f"hand-written layout corpus (tests/fixtures/{d.name})", score_corpus(d))
        for d in LAYOUT_CORPORA
        if d.is_dir()
    ]


def layout_table(n: int = 300, seed: int = 0) -> str:
    """The variant tables `make bench` prints: generated layouts, and the blind corpora."""
    out = table(score_cases(build_cases(n, seed)))
    for title, blind in corpus_tables():
        out += "\n\n" + table(blind, title)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--examples", action="store_true")
    args = ap.parse_args(argv)
    tally = score_cases(build_cases(args.n, args.seed))
    print(table(tally))
    for title, blind in corpus_tables():
        print("\n" + table(blind, title))
        tally.examples += blind.examples
    if args.examples:
        print("\n".join(tally.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
