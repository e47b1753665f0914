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
from assistant.reports.draft import ATTRIBUTED, UNATTRIBUTED
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


def make(rt: Runtime, llm=None, **scope: str) -> Summary:
    return summarize(rt.index, rt.taxonomy, resolve_scope(rt.index, rt.taxonomy, **scope), llm)


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


# --- who is cited ------------------------------------------------------------------------


def test_humanitas_summary_cites_only_humanitas(rt: Runtime) -> None:
    summary = make(rt, organisation="humanitas")
    stored = by_id(rt)
    assert summary.citations, "Humanitas has statements in gesprek II"
    for c in summary.citations:
        assert stored[c.statement_id].organisation == "Humanitas", c.statement_id
        assert stored[c.statement_id].attribution != "none"
    # complete: every Humanitas statement of the store, each exactly once in the source list
    expected = {s.id for s in stored.values() if s.organisation == "Humanitas"}
    assert [c.statement_id for c in summary.citations].count(summary.citations[0].statement_id) == 1
    assert {c.statement_id for c in summary.citations} == expected
    # every [n] in the text is in the source list, and every source is cited in the text
    assert body_marks(summary) == {c.n for c in summary.citations}
    assert UNATTRIBUTED not in summary.body
    md = summary.markdown()
    for c in summary.citations:
        assert f"- [{c.n}] " in md and c.statement_id in md


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


def test_gesprek_one_points_are_unattributed(rt: Runtime) -> None:
    summary = make(rt, verslag="I")
    v = next(v for v in rt.index.verslagen() if v.number == 1)
    assert len(summary.citations) == len(rt.index.statements(v.id))
    assert all(c.attribution == "none" for c in summary.citations)
    names = {a.name for a in v.attendees} | {a.organisation for a in v.attendees if a.organisation}
    names |= {s.organisation for s in rt.index.statements() if s.organisation}
    names |= {s.speaker for s in rt.index.statements() if s.speaker}
    assert points(summary)
    for line in points(summary):
        assert line.startswith('- "'), line  # no speaker before the quote
        assert "**" not in line
        for name in names:
            assert name not in line, (name, line)
    assert ATTRIBUTED not in summary.body and UNATTRIBUTED in summary.body
    assert NONE_ATTRIBUTED in summary.remarks
    sources = summary.markdown().split("## Bronnen", 1)[1]
    assert sources.count("niet toegeschreven") == len(summary.citations)
    for name in names:
        assert name not in sources
    # who was present is in the header, as attendees only
    present = dict(summary.header)["Aanwezig bij gesprek I"]
    assert all(a.name in present for a in v.attendees)


def test_gesprek_two_attributed_apart_and_closing_under_overig(rt: Runtime) -> None:
    summary = make(rt, verslag="II")
    assert all(c.attribution != "none" for c in summary.citations)
    assert ATTRIBUTED in summary.body and UNATTRIBUTED not in summary.body
    per_heading = marks_per_heading(summary.body)
    closing = next(c for c in summary.citations if c.section == "Afsluiting")
    assert closing.n in per_heading[OVERIG]
    assert "**Humanitas**" in summary.body
    assert "(vervolg van dezelfde spreker)" in summary.body  # inferred turns are marked


def test_points_grouped_by_opgave_and_question(rt: Runtime) -> None:
    for ref in ("I", "II"):
        summary = make(rt, verslag=ref)
        stored = by_id(rt)
        per_heading = marks_per_heading(summary.body)
        for c in summary.citations:
            for tag in stored[c.statement_id].opgaven or (OVERIG,):
                assert c.n in per_heading[tag], (tag, c.statement_id)
        headings = [h for h in per_heading if h]
        order = [*rt.taxonomy.names, OVERIG]
        assert headings == sorted(headings, key=order.index)  # taxonomy order, Overig last
        questions = [g.parts for g in summary.groups]
        assert all(p.section for parts in questions for p in parts)
        assert "### Hoe kijk je tegen de 8 opgaven aan?" in summary.body


def test_opgave_summary_groups_by_gesprek(rt: Runtime) -> None:
    summary = make(rt, opgave="armoede")
    stored = by_id(rt)
    expected = {s.id for s in stored.values() if "Armoede" in s.opgaven}
    assert {c.statement_id for c in summary.citations} == expected
    assert [g.title for g in summary.groups] == [
        "Gesprek I — 7 januari 2019",
        "Gesprek II — 9 januari 2019",
    ]
    gesprek_one = summary.groups[0].parts
    assert all(not p.attributed for p in gesprek_one)


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


def test_llm_summary_is_checked_and_keeps_the_sources(rt: Runtime) -> None:
    extractive = make(rt, organisation="humanitas")
    first = extractive.citations[0]
    llm = FakeLLM(
        "## Armoede\n\nHumanitas mist een analyse van de oorzaken van armoede [1]. "
        "Humanitas wil meer persoonlijk contact met arme inwoners [3] [99]."
    )
    summary = make(rt, llm, organisation="humanitas")
    assert summary.mode == "llm" and summary.notice is None
    assert "[99]" not in summary.body and "[1]" in summary.body
    assert any("[99]" in w for w in summary.warnings)
    assert summary.citations == extractive.citations  # the full numbered source list
    prompt = llm.prompts[0]
    assert "Humanitas" in prompt and "<uitspraken>" in prompt
    assert f"[1] spreker: {first.who}; gesprek II, 9 januari 2019" in prompt
    assert first.text in prompt
    assert "## Bronnen" in summary.markdown()


def test_llm_naming_an_attendee_for_an_unattributed_point_falls_back(rt: Runtime) -> None:
    llm = FakeLLM("## Armoede\n\nGGD Groningen vindt dat armoede concreter kan [1].")
    summary = make(rt, llm, verslag="I")
    assert summary.mode == "extractive" and summary.notice == LLM_MISATTRIBUTED
    assert any("GGD Groningen" in w for w in summary.warnings)
    assert summary.body == make(rt, verslag="I").body


def test_llm_unattributed_phrasing_passes(rt: Runtime) -> None:
    llm = FakeLLM(
        "## Armoede\n\nIn het gesprek werd opgemerkt dat de uitwerking concreter kan [1]."
    )
    summary = make(rt, llm, verslag="I")
    assert summary.mode == "llm" and summary.notice is None


def test_llm_failure_falls_back_with_notice(rt: Runtime) -> None:
    summary = make(rt, FakeLLM(TimeoutError("no answer")), organisation="humanitas")
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
