"""Exporting summaries: the Word document opens with python-docx and carries the numbered
sources ("Bronnen") matching the [n] in the text; Markdown is the summary as printed; the small
Markdown-to-Word conversion is table-tested.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from assistant.cli import main
from assistant.reports.export import ExportError, to_docx, write_summary
from assistant.reports.summaries import Summary, resolve_scope, summarize
from assistant.runtime import Runtime
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"\[(\d+)\]")

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def rt(corpus_store: Path) -> Runtime:
    return Runtime(Settings(store=corpus_store, opgaven=ROOT / "ingest" / "data" / "opgaven.toml"))


def make(rt: Runtime, llm=None, **scope: str) -> Summary:
    return summarize(rt.index, rt.taxonomy, resolve_scope(rt.index, rt.taxonomy, **scope), llm)


def split_sources(path: Path) -> tuple[list, list]:
    """(paragraphs before the "Bronnen" heading, paragraphs after it)."""
    paragraphs = docx.Document(str(path)).paragraphs
    i = next(i for i, p in enumerate(paragraphs) if p.text == "Bronnen")
    assert paragraphs[i].style.name == "Heading 1"
    return paragraphs[:i], paragraphs[i + 1 :]


@pytest.mark.parametrize(
    "scope", [{"verslag": "II"}, {"organisation": "humanitas"}, {"verslag": "I"}]
)
def test_docx_holds_the_numbered_sources(rt: Runtime, tmp_path: Path, scope: dict) -> None:
    summary = make(rt, **scope)
    path = write_summary(summary, tmp_path / "samenvatting.docx")
    document = docx.Document(str(path))
    assert document.core_properties.title == summary.title
    assert document.paragraphs[0].style.name == "Title"
    body, sources = split_sources(path)
    assert len(sources) == len(summary.citations)
    for c, p in zip(summary.citations, sources, strict=True):
        assert p.text.startswith(f"[{c.n}]\t")
        assert c.statement_id in p.text
        assert c.text in p.text  # the statement itself, verbatim
        assert c.where in p.text and c.section in p.text
    cited = {int(n) for p in body for n in MARK.findall(p.text)}
    assert cited == {c.n for c in summary.citations}
    styles = {p.style.name for p in body}
    assert {"Heading 1", "Heading 2", "List Bullet"} <= styles


def test_docx_of_a_model_written_summary(rt: Runtime, tmp_path: Path) -> None:
    def llm(prompt: str) -> str:
        return "## Armoede\n\n**Kern:** Humanitas mist de analyse [1].\n\n- Meer contact [3]."

    summary = make(rt, llm, organisation="humanitas")
    assert summary.mode == "llm"
    body, sources = split_sources(write_summary(summary, tmp_path / "llm.docx"))
    assert len(sources) == len(summary.citations)
    texts = [p.text for p in body]
    assert "Armoede" in texts and "Meer contact [3]." in texts
    kern = next(p for p in body if p.text.startswith("Kern:"))
    assert kern.runs[0].bold and kern.text == "Kern: Humanitas mist de analyse [1]."


def test_markdown_file_is_the_printed_summary(rt: Runtime, tmp_path: Path) -> None:
    summary = make(rt, opgave="Armoede")
    path = write_summary(summary, tmp_path / "sub" / "armoede.md")
    assert path.read_text(encoding="utf-8") == summary.markdown()


def test_unknown_suffix(rt: Runtime, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.md of \.docx"):
        write_summary(make(rt, verslag="I"), tmp_path / "x.pdf")


def test_to_docx_returns_a_document_for_the_ui(rt: Runtime) -> None:
    document = to_docx(make(rt, verslag="I"))
    assert any(p.text == "Bronnen" for p in document.paragraphs)


def test_cli_out_docx_and_md(corpus_store: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("s.docx", "s.md"):
        out = tmp_path / name
        code = main(["summary", "--verslag", "II", "--out", str(out), "--store", str(corpus_store)])
        assert code == 0 and out.is_file()
        assert f"samenvatting geschreven: {out}" in capsys.readouterr().out
    assert "## Bronnen" in (tmp_path / "s.md").read_text(encoding="utf-8")
    _, sources = split_sources(tmp_path / "s.docx")
    assert len(sources) == 15
