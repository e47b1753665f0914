"""The onboarding overview: the matrix recounted from the statement metadata, unattributed
statements in their own column, conversations with attendees, the heatmap PNG, the CLI.
"""

from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.reports.overview import (
    UNATTRIBUTED_COLUMN,
    Overview,
    build_overview,
    render_heatmap,
    statements_for,
    write_overview,
)
from assistant.reports.summaries import OVERIG
from assistant.runtime import Runtime
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def rt(corpus_store: Path) -> Runtime:
    return Runtime(Settings(store=corpus_store, opgaven=ROOT / "ingest" / "data" / "opgaven.toml"))


@pytest.fixture(scope="module")
def overview(rt: Runtime) -> Overview:
    return build_overview(rt.index, rt.taxonomy)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_matrix_equals_the_statement_metadata(rt: Runtime, overview: Overview) -> None:
    recount: Counter[tuple[str, str]] = Counter()
    for s in rt.index.statements():
        column = "Niet toegeschreven" if s.attribution == "none" else (s.organisation or s.speaker)
        for row in s.opgaven or ("Overig",):
            recount[(row, column)] += 1
    assert {k: v for k, v in overview.counts.items() if v} == dict(recount)
    assert sum(sum(r) for r in overview.matrix()) == sum(recount.values())
    assert set(overview.rows) >= {r for r, _ in recount}
    assert set(overview.columns) == {c for _, c in recount}


def test_rows_and_columns(rt: Runtime, overview: Overview) -> None:
    assert list(overview.rows) == [*rt.taxonomy.names, OVERIG]
    assert overview.columns[-1] == UNATTRIBUTED_COLUMN
    assert overview.columns[0] == "Humanitas"  # most statements first
    # attendees of gesprek I said nothing on record: no column of their own
    for org in (
        "GGD Groningen",
        "Eigen Kracht Centrale Noord-Nederland",
        "Kwartier Zorg en Welzijn",
    ):
        assert org not in overview.columns
    gesprek_one = next(v for v in rt.index.verslagen() if v.number == 1)
    tags = sum(len(s.opgaven) or 1 for s in rt.index.statements(gesprek_one.id))
    unattributed = sum(overview.count(r, UNATTRIBUTED_COLUMN) for r in overview.rows)
    assert unattributed == tags  # gesprek II attributes everything


def test_conversations(overview: Overview) -> None:
    one, two = overview.conversations
    assert (one.verslag.number, one.verslag.date, one.n_statements) == (1, "2019-01-07", 14)
    assert (two.verslag.number, two.verslag.date, two.n_statements) == (2, "2019-01-09", 15)
    assert one.speakers == ((UNATTRIBUTED_COLUMN, 14),)
    assert dict(two.speakers)["Humanitas"] == 9
    kolk = next(a for a in two.attendees if a.name == "Bert Kolk")
    assert kolk.organisation == "Humanitas" and kolk.role.startswith("voorzitter")
    assert [section for section, _ in two.points][-1] == "Afsluiting"
    assert all(who == "" for _, pts in one.points for who, _ in pts)


def test_statements_for(rt: Runtime, overview: Overview) -> None:
    armoede = statements_for(rt.index, "Armoede")
    assert {s.id for s in armoede} == {
        s.id for s in rt.index.statements() if "Armoede" in s.opgaven
    }
    assert len(armoede) == overview.row_total("Armoede")
    for row in overview.rows:
        for col in overview.columns:
            assert len(statements_for(rt.index, row, col)) == overview.count(row, col)
    overig = statements_for(rt.index, OVERIG)
    assert overig and all(not s.opgaven for s in overig)
    assert all(
        s.attribution == "none" for s in statements_for(rt.index, "Armoede", UNATTRIBUTED_COLUMN)
    )


def test_markdown(overview: Overview) -> None:
    md = overview.markdown()
    assert md.startswith("# Overzicht van de gesprekken")
    for heading in (
        "## Gesprek I — 7 januari 2019",
        "## Gesprek II — 9 januari 2019",
        "## Opgaven en reacties",
    ):
        assert heading in md
    assert "Jos Rietveld, directeur Publieke gezondheid GGD Groningen" in md
    assert "het verslag schrijft geen uitspraken toe" in md
    assert "![Reacties per opgave en organisatie](heatmap.png)" in md
    assert f"| Opgave | {' | '.join(overview.columns)} |" in md
    n = overview.row_total("Armoede")
    assert (
        f"- **Armoede** (opgave, {n} uitspraken): Humanitas {overview.count('Armoede', 'Humanitas')}"
        in md
    )


def test_heatmap_png(overview: Overview, tmp_path: Path) -> None:
    path = render_heatmap(overview, tmp_path / "nested" / "heatmap.png")
    width, height = png_size(path)
    assert 800 <= width <= 4000 and 600 <= height <= 4000
    assert path.stat().st_size > 20_000  # labels, cells and numbers, not a blank canvas
    import matplotlib.image

    pixels = matplotlib.image.imread(str(path))
    assert pixels.shape[:2] == (height, width) and float(pixels[..., :3].std()) > 0.05


def test_heatmap_of_an_empty_record(tmp_path: Path) -> None:
    empty = Overview((), (), (), {}, {})
    width, height = png_size(render_heatmap(empty, tmp_path / "leeg.png"))
    assert width > 100 and height > 100
    assert "0 gesprekken" in empty.markdown(None)


def test_write_overview(overview: Overview, tmp_path: Path) -> None:
    md, png = write_overview(overview, tmp_path / "overzicht")
    assert md.name == "overview.md" and png.name == "heatmap.png" and png.parent == md.parent
    assert md.read_text(encoding="utf-8") == overview.markdown("heatmap.png")


def test_cli_overview(corpus_store: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "ovz"
    assert main(["overview", "--out", str(out), "--store", str(corpus_store)]) == 0
    printed, err = capsys.readouterr()
    assert printed == (out / "overview.md").read_text(encoding="utf-8")
    assert png_size(out / "heatmap.png")[0] > 800
    assert "overzicht geschreven" in err
    assert main(["overview", "--out", str(out), "--store", str(tmp_path / "empty")]) == 2
    assert "store is empty" in capsys.readouterr().err


def test_cli_overview_default_dir(corpus_store: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RAADPLEEG_OPGAVEN", str(ROOT / "ingest" / "data" / "opgaven.toml"))
    monkeypatch.chdir(tmp_path)
    assert main(["overview", "--store", str(corpus_store)]) == 0
    assert (tmp_path / "overzicht" / "overview.md").is_file()
    assert (tmp_path / "overzicht" / "heatmap.png").is_file()
