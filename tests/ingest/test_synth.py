"""The synthetic-corpus generator (bench/synth.py): formats, determinism, corpus layout."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

N = 300


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "synth.py"
    spec = importlib.util.spec_from_file_location("bench_synth", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


synth = _load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synth.generate(tmp_path_factory.mktemp("a"), N, seed=7)


def test_every_format_is_written(corpus: list[Path]) -> None:
    assert {p.suffix[1:] for p in corpus} == set(synth.ALL)
    assert all(p.stat().st_size > 0 for p in corpus)
    truth = list(synth.build_verslagen(N, seed=7))
    assert sum(len(v.statements) for v in truth) == N
    assert all(len(v.statements) >= 20 for v in truth)
    texts = [s.text for v in truth for s in v.statements]
    assert len(set(texts)) == len(texts)


def test_same_seed_same_bytes(corpus: list[Path], tmp_path: Path) -> None:
    again = synth.generate(tmp_path, N, seed=7)
    assert [p.name for p in again] == [p.name for p in corpus]
    for a, b in zip(corpus, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    other = synth.generate(tmp_path / "other", N, seed=8, formats=["txt"])
    assert other[0].read_bytes() != corpus[0].read_bytes()


def test_txt_has_the_corpus_tab_layout(corpus: list[Path]) -> None:
    labels = {"Aanwezig", "Datum gesprek", synth.Q_VISIE, synth.Q_OPGAVEN, "--"}
    continuations = 0
    for path in (p for p in corpus if p.suffix in (".txt", ".md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        title = lines[2].removeprefix("## ")
        assert re.fullmatch(r"Verslag gesprek visie sociaal domein [IVXLCDM]+", title)
        rows = [line.split("\t", 1) for line in lines if "\t" in line]
        found = [label.removeprefix("<p>").removesuffix("</p>") for label, _ in rows if label]
        assert found[:4] == ["Aanwezig", "Datum gesprek", synth.Q_VISIE, synth.Q_OPGAVEN]
        assert set(found) <= labels
        for i, line in enumerate(lines):
            if line.startswith("\t"):  # page break: blank line, then a TAB continuation
                assert lines[i - 1] == ""
                continuations += 1
        date = dict(rows)["Datum gesprek"]
        assert re.fullmatch(r"\d{1,2} [a-z]+ \d{4}|\d{2}-\d{2}-\d{4}", date)
    assert continuations > 0
    text = "".join(p.read_text(encoding="utf-8") for p in corpus if p.suffix in (".txt", ".md"))
    assert '<ul style="list-style-type: none"><li>• ' in text
    assert "<p>" in text
    md = "".join(p.read_text(encoding="utf-8") for p in corpus if p.suffix == ".md")
    assert "\n## Verslag" in md and "\n*In de gemeente" in md and re.search(r"\*\*[^*]+\*\*: ", md)


def test_html_cells_hold_one_element_per_statement(corpus: list[Path]) -> None:
    truth = {v.title: v for v in synth.build_verslagen(N, seed=7)}
    for path in (p for p in corpus if p.suffix == ".html"):
        page = path.read_text(encoding="utf-8")
        title = re.search(r"<h1>(.*?)</h1>", page).group(1)
        table = page[page.index("<table>") : page.index("</table>")]
        assert table.count("<li>") + table.count("<p>") == len(truth[title].statements)


def test_cli_prints_a_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synth.main([str(tmp_path), "--statements", "90", "--formats", "txt,html"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["statements"] == 90
    assert summary["files"] == len(list(tmp_path.iterdir()))
    assert set(summary["by_format"]) == {"txt", "html"}
