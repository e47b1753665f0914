"""Follow-up summaries over the corpus store: scope resolution, who is cited, grouping by
opgave, the LLM variant (a fake callable, never a network) and the `summary` CLI.

The store is the session's `corpus_store` (conftest), built once; these tests only read it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.nl import OVERIG
from assistant.reports.summaries import (
    LLM_FAILED,
    LLM_MISATTRIBUTED,
    NONE_ATTRIBUTED,
    Scope,
    ScopeError,
    Summary,
    resolve_scope,
    summarize,
)
from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.records import Statement

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"\[(\d+)\]")

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def rt(corpus_store: Path) -> Runtime:
    return Runtime(Settings(store=corpus_store, opgaven=ROOT / "ingest" / "data" / "opgaven.toml"))


def by_id(rt: Runtime) -> dict[str, Statement]:
    return {s.id: s for s in rt.index.statements()}


def make(rt: Runtime, llm=None, embed=None, **scope: str) -> Summary:
    scope_ = resolve_scope(rt.index, rt.taxonomy, **scope)
    return summarize(rt.index, rt.taxonomy, scope_, llm, embed=embed)


def body_marks(summary: Summary) -> set[int]:
    return {int(n) for n in MARK.findall(summary.body)}


def points(summary: Summary) -> list[str]:
    return [ln for ln in summary.body.splitlines() if ln.startswith("- ")]


def marks_per_heading(body: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    heading = ""
    for line in body.splitlines():
        if line.startswith("## "):
            heading = line[3:]
        out.setdefault(heading, set()).update(int(n) for n in MARK.findall(line))
    return out


# --- scope --------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", ["I", "1", "verslag-gesprek-I.txt"])
def test_verslag_by_number_roman_or_file(rt: Runtime, ref: str) -> None:
    scope = resolve_scope(rt.index, rt.taxonomy, verslag=ref)
    v = next(v for v in rt.index.verslagen() if v.number == 1)
    assert scope == Scope("verslag", v.id, "gesprek I (7 januari 2019)")
    assert resolve_scope(rt.index, rt.taxonomy, verslag=v.id) == scope


@pytest.mark.parametrize(
    ("typed", "org"),
    [
        ("humanitas", "Humanitas"),
        ("Humanitas", "Humanitas"),
        ("westerbroek", "Vereniging Dorpsbelangen Westerbroek"),
        ("Dorpsbelangen Westerbroek", "Vereniging Dorpsbelangen Westerbroek"),
    ],
)
def test_organisation_fuzzy(rt: Runtime, typed: str, org: str) -> None:
    assert resolve_scope(rt.index, rt.taxonomy, organisation=typed).value == org


def test_opgave_case_insensitive(rt: Runtime) -> None:
    scope = resolve_scope(rt.index, rt.taxonomy, opgave="sociale TEAMS")
    assert (scope.kind, scope.value, scope.label) == (
        "opgave",
        "Sociale teams",
        "thema Sociale teams",
    )


@pytest.mark.parametrize(
    ("kw", "unknown", "known"),
    [
        (
            {"verslag": "VII"},
            "Onbekend verslag 'VII'",
            ["gesprek I (", "gesprek II (", "verslag-gesprek-II.txt"],
        ),
        (
            {"organisation": "Rode Kruis"},
            "Onbekende organisatie 'Rode Kruis'",
            ["Humanitas", "GGD Groningen"],
        ),
        (
            {"opgave": "Mobiliteit"},
            "Onbekende opgave 'Mobiliteit'",
            ["Armoede", "Omgevingswet", "Sociale teams"],
        ),
    ],
)
def test_unknown_scope_lists_the_known(
    rt: Runtime, kw: dict, unknown: str, known: list[str]
) -> None:
    with pytest.raises(ScopeError) as exc:
        resolve_scope(rt.index, rt.taxonomy, **kw)
    message = str(exc.value)
    assert message.startswith(unknown)
    for name in known:
        assert name in message


def test_exactly_one_scope(rt: Runtime) -> None:
    with pytest.raises(ScopeError):
        resolve_scope(rt.index, rt.taxonomy)
    with pytest.raises(ScopeError):
        resolve_scope(rt.index, rt.taxonomy, verslag="I", opgave="Armoede")


# --- the draft -------------------------------------------------------------------------

QUOTE = re.compile(r'"([^"]*)" \[(\d+)\]')
ID = re.compile(r"gesprek-[ivxlcdm0-9]+-[0-9a-f]{6,}")


def quotes(summary: Summary) -> list[tuple[str, int]]:
    return [(q, int(n)) for q, n in QUOTE.findall(summary.body)]


def test_humanitas_summary_is_a_draft(rt: Runtime) -> None:
    summary = make(rt, organisation="humanitas")
    stored = by_id(rt)
    # every point cites only Humanitas statements, and every Humanitas statement once
    expected = {s.id for s in stored.values() if s.organisation == "Humanitas"}
    assert {c.statement_id for c in summary.citations} == expected
    for c in summary.citations:
        assert stored[c.statement_id].organisation == "Humanitas", c.statement_id
        assert stored[c.statement_id].attribution != "none"
    marks = [int(n) for n in MARK.findall(summary.body)]
    assert sorted(marks) == [c.n for c in summary.citations]  # no statement repeated
    assert sorted(set(marks)) == sorted(marks)
    # no internal id in the body; ids only in the sources appendix
    assert not ID.search(summary.body)
    body, _, sources = summary.markdown().partition("## Bronnen")
    assert not ID.search(body)
    assert all(c.statement_id in sources for c in summary.citations)
    # no doubled name: a quote never opens with the name set before it
    assert not re.search(r'\*\*Humanitas[^*]*\*\*: "Humanitas:', summary.body)
    for line in points(summary):
        assert '"Humanitas:' not in line, line
    # quotes are whole sentences: cut only at a sentence boundary, marked with [...]
    for quote, n in quotes(summary):
        text = " ".join(summary.citations[n - 1].text.split())
        for part in quote.replace("[…]", "\n").split("\n"):
            if part.strip():
                assert part.strip() in text, part
        assert "…" not in quote.replace("[…]", "")
        assert quote.rstrip().endswith((".", "?", "!", "[…]", ")")), quote
    assert dict(summary.header)["Uitspraken"] == "9 uitspraken, alle toegeschreven aan een spreker"
    assert summary.body.startswith("## Samenvatting")
    assert "Humanitas was aanwezig bij gesprek II (9 januari 2019, met Bert Kolk)" in summary.body
    assert not summary.recurring  # one organisation: nothing recurs across organisations


def test_organisation_summary_never_includes_unattributed(rt: Runtime) -> None:
    for org in ("Vereniging Dorpsbelangen Westerbroek", "Humanitas"):
        summary = make(rt, organisation=org)
        assert {c.organisation for c in summary.citations} == {org}
        assert all(c.attribution in ("explicit", "inferred") for c in summary.citations)


def test_attendee_without_statements_gets_no_points(rt: Runtime) -> None:
    summary = make(rt, organisation="GGD Groningen")
    assert summary.citations == [] and not points(summary)
    assert "geen uitspraken die aan GGD Groningen zijn toegeschreven" in summary.body
    assert "aanwezig bij gesprek I" in summary.body


def test_gesprek_one_names_the_present_and_attributes_nothing(rt: Runtime) -> None:
    summary = make(rt, verslag="I")
    v = next(v for v in rt.index.verslagen() if v.number == 1)
    assert len(summary.citations) == len(rt.index.statements(v.id))
    assert all(c.attribution == "none" for c in summary.citations)
    orgs = {a.organisation for a in v.attendees if a.organisation}
    assert orgs == {"Eigen Kracht Centrale Noord-Nederland", "Kwartier Zorg en Welzijn",
                    "GGD Groningen"}  # fmt: skip
    opening = summary.opening
    for org in orgs:  # named as present ...
        assert org in opening
    assert "schrijft er geen toe aan een persoon of organisatie" in opening
    names = orgs | {a.name for a in v.attendees}
    assert points(summary)
    for line in points(summary):  # ... and nothing is attributed to them
        assert line.startswith('- "'), line
        for name in names:
            assert name not in line, (name, line)
    assert NONE_ATTRIBUTED in summary.remarks
    assert dict(summary.header)["Uitspraken"] == (
        "14 uitspraken, geen ervan toegeschreven aan een spreker"
    )
    sources = summary.markdown().split("## Bronnen", 1)[1]
    assert sources.count("niet toegeschreven") == len(summary.citations)


def test_recurring_point_cites_two_organisations(rt: Runtime) -> None:
    summary = make(rt, verslag="II", embed=rt.embedder.embed_passages)
    assert summary.recurring
    stored = by_id(rt)
    for r in summary.recurring:
        orgs = {stored[p.citation.statement_id].organisation for p in r.points}
        assert len(orgs) >= 2 and set(r.organisations) == orgs
    section = summary.body.split("## Wat komt terug", 1)[1].split("\n## ", 1)[0]
    first = summary.recurring[0]
    assert all(f"[{p.citation.n}]" in section for p in first.points)
    # each statement once: a recurring statement is not repeated under its opgave
    marks = [int(n) for n in MARK.findall(summary.body)]
    assert len(marks) == len(set(marks)) == len(summary.citations)
    # the host who closes the meeting is named as such, not as a consulted party
    assert "Namens de gemeente: Jan Jakob Boersma." in summary.opening
    assert '- **Jan Jakob Boersma** (namens de gemeente): "' in summary.body
    assert "aan het woord waren Humanitas (9) en Vereniging Dorpsbelangen Westerbroek (5)" in (
        summary.opening
    )


def test_points_grouped_by_first_opgave_and_naming_the_others(rt: Runtime) -> None:
    summary = make(rt, verslag="II")
    stored = by_id(rt)
    order = [*rt.taxonomy.names, OVERIG]
    per_heading = marks_per_heading(summary.body)
    headings = [h for h in per_heading if h and h not in ("Samenvatting", "Wat komt terug")]
    assert headings == sorted(headings, key=order.index)  # taxonomy order, Overig last
    for g in summary.groups:
        for p in g.points:
            tags = stored[p.citation.statement_id].opgaven
            assert g.title == (sorted(tags, key=order.index)[0] if tags else OVERIG)
            assert set(p.also) == set(tags) - {g.title}


def test_opgave_summary_groups_by_gesprek(rt: Runtime) -> None:
    summary = make(rt, opgave="armoede")
    stored = by_id(rt)
    expected = {s.id for s in stored.values() if "Armoede" in s.opgaven}
    assert {c.statement_id for c in summary.citations} == expected
    assert [g.title for g in summary.groups] == [
        "Gesprek I — 7 januari 2019",
        "Gesprek II — 9 januari 2019",
    ]
    assert all(p.citation.attribution == "none" for p in summary.groups[0].points)


# --- the LLM variant ---------------------------------------------------------------------


class FakeLLM:
    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


def test_llm_writes_opening_and_recurring_points_checked(rt: Runtime) -> None:
    extractive = make(rt, verslag="II", embed=rt.embedder.embed_passages)
    r = extractive.recurring[0]
    nums = "".join(f"[{p.citation.n}]" for p in r.points)
    llm = FakeLLM(
        "## Samenvatting\n\nIn gesprek II ging het vooral over armoede en contact "
        f"{nums}. Humanitas mist een analyse van de oorzaken [3] [99].\n\n"
        f"## Wat komt terug\n\n- Beide organisaties vragen aandacht voor armoede {nums}."
    )
    summary = make(rt, llm, verslag="II", embed=rt.embedder.embed_passages)
    assert summary.mode == "llm" and summary.notice is None
    assert "[99]" not in summary.body and any("[99]" in w for w in summary.warnings)
    assert summary.body.startswith("## Samenvatting\n\nIn gesprek II ging het vooral")
    assert "- Beide organisaties vragen aandacht voor armoede" in summary.body
    assert summary.citations == extractive.citations  # the same numbered source list
    assert summary.groups == extractive.groups  # the remaining points stay extractive
    prompt = llm.prompts[0]
    assert "<uitspraken>" in prompt and r.points[0].citation.text in prompt
    assert f"{r.topic}: " + ", ".join(f"[{p.citation.n}]" for p in r.points) in prompt


def test_llm_naming_an_attendee_for_an_unattributed_point_falls_back(rt: Runtime) -> None:
    llm = FakeLLM("## Samenvatting\n\nGGD Groningen vindt dat armoede concreter kan [1].")
    summary = make(rt, llm, verslag="I")
    assert summary.mode == "extractive" and summary.notice == LLM_MISATTRIBUTED
    assert any("GGD Groningen" in w for w in summary.warnings)
    assert summary.body == make(rt, verslag="I").body


def test_llm_unattributed_phrasing_passes(rt: Runtime) -> None:
    llm = FakeLLM(
        "## Samenvatting\n\nIn het gesprek werd opgemerkt dat de uitwerking concreter kan [1]."
    )
    summary = make(rt, llm, verslag="I")
    assert summary.mode == "llm" and summary.notice is None


@pytest.mark.parametrize("reply", [TimeoutError("no answer"), "Geen kopjes, geen bronnen."])
def test_llm_failure_falls_back_with_notice(rt: Runtime, reply) -> None:
    summary = make(rt, FakeLLM(reply), organisation="humanitas")
    assert summary.mode == "extractive" and summary.notice == LLM_FAILED
    assert "Let op:" in summary.markdown() and summary.citations


# --- CLI ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # default settings paths (data/opgaven.toml) are repo-relative


def test_cli_summary_prints_markdown(corpus_store: Path, capsys, in_repo) -> None:
    code, out, _ = run(
        capsys, "summary", "--organisation", "westerbroek", "--store", str(corpus_store)
    )
    assert code == 0
    assert out.startswith(
        "# Conceptsamenvatting: uitspraken van Vereniging Dorpsbelangen Westerbroek"
    )
    assert "## Bronnen" in out


@pytest.mark.parametrize(
    ("flag", "value", "message", "known"),
    [
        ("--verslag", "7", "Onbekend verslag '7'", "gesprek II"),
        ("--organisation", "Rode Kruis", "Onbekende organisatie 'Rode Kruis'", "Humanitas"),
        ("--opgave", "Mobiliteit", "Onbekende opgave 'Mobiliteit'", "Laaggeletterdheid"),
    ],
)
def test_cli_unknown_scope_exits_2(
    corpus_store: Path, capsys, in_repo, flag: str, value: str, message: str, known: str
) -> None:
    code, out, err = run(capsys, "summary", flag, value, "--store", str(corpus_store))
    assert code == 2 and out == ""
    assert message in err and known in err


def test_cli_bad_arguments(corpus_store: Path, capsys, in_repo, tmp_path: Path) -> None:
    code, _, err = run(
        capsys,
        "summary",
        "--verslag",
        "I",
        "--out",
        str(tmp_path / "x.pdf"),
        "--store",
        str(corpus_store),
    )
    assert code == 2 and ".md of .docx" in err
    for argv in (["summary"], ["summary", "--verslag", "I", "--opgave", "Armoede"]):
        with pytest.raises(SystemExit) as exc:
            main([*argv, "--store", str(corpus_store)])
        assert exc.value.code == 2
    code, _, err = run(capsys, "summary", "--verslag", "I", "--store", str(tmp_path / "empty"))
    assert code == 2 and "store is empty" in err
