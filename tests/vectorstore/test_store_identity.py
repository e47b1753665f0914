"""A verslag's identity comes from the verslag (number and date; title and date without a
number), never from its file name; and one bad file never costs the batch.

Model-free (hashed-stem embedder) and in-process: quick."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest import readers
from ingest.pipeline import parse_file
from ingest.records import Verslag
from tests.fakes.embedder import HashEmbedder
from vectorstore.store import ChromaStore

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted((REPO / "ingest" / "data" / "verslagen").glob("*.txt"))
OPGAVEN = REPO / "ingest" / "data" / "opgaven.toml"
OLD = "Humanitas mist de analyse, de gemeente wil te snel overgaan tot maatregelen."
NEW = "Humanitas mist een grondige analyse van de oorzaken."


def runtime(store: Path) -> Runtime:
    rt = Runtime(
        Settings(store=store, opgaven=OPGAVEN, store_recheck_seconds=0), embedder=HashEmbedder()
    )
    return rt


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def shown(rt: Runtime) -> list[str]:
    return sorted(v.id for v in rt.index.verslagen())


@pytest.mark.parametrize(
    ("number", "date", "title", "source", "key"),
    [
        (2, "2019-01-09", "Verslag gesprek II", "a.txt", "gesprek 2 | 2019-01-09"),
        (2, "2019-01-09", "Verslag gesprek II (herzien)", "b.docx", "gesprek 2 | 2019-01-09"),
        (2, None, "Verslag gesprek II", "a.txt", "gesprek 2 | -"),
        (
            None,
            "2019-03-01",
            "Verslag  Dorpsavond",
            "x.md",
            "titel verslag dorpsavond | 2019-03-01",
        ),
        (None, None, "verslag-7", "verslag-7.txt", "inhoud v-id"),  # title is the file name
    ],
)
def test_identity_ignores_the_file_name(
    number: int | None, date: str | None, title: str, source: str, key: str
) -> None:
    v = Verslag(id="v-id", number=number, title=title, date=date, source=source)
    assert v.identity == key


def test_two_verslagen_with_one_file_name_are_both_kept(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "verslag.txt", text_of(CORPUS[0]))
    b = write(tmp_path / "b" / "verslag.txt", text_of(CORPUS[1]))
    rt = runtime(tmp_path / "store")
    first = rt.ingest([a, b])
    assert [r.status for r in first] == ["added", "added"], [r.line() for r in first]
    want = sorted(parse_file(p).id for p in (a, b))
    assert shown(rt) == want
    assert sorted(vid for vid, _, _ in rt.index.chroma.verslag_records()) == want
    assert len(os.listdir(rt.index.files_dir)) == 2  # originals do not clash either
    again = rt.ingest([a, b])
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert shown(rt) == want


def test_same_number_other_date_is_another_verslag(tmp_path: Path) -> None:
    """An upload named like gesprek II but of another conversation must not delete it."""
    rt = runtime(tmp_path / "store")
    rt.ingest(list(CORPUS))
    other = write(
        tmp_path / "up" / CORPUS[1].name,
        text_of(CORPUS[1]).replace("9 januari 2019", "16 januari 2019"),
    )
    (report,) = rt.ingest([other])
    assert report.status == "added", report.line()
    assert len(shown(rt)) == 3
    assert parse_file(CORPUS[1]).id in shown(rt)


def test_a_revision_replaces_and_the_report_says_what_changed(tmp_path: Path) -> None:
    rt = runtime(tmp_path / "store")
    rt.ingest(list(CORPUS))
    two = parse_file(CORPUS[1])
    extra = "Humanitas wil daarnaast een vast aanspreekpunt per wijk."
    assert text_of(CORPUS[1]).count(OLD) == 1
    revised = write(
        tmp_path / "herzien" / "gesprek-2-definitief.txt",
        text_of(CORPUS[1]).replace(OLD, f"{NEW}\n\n\t{extra}", 1),
    )
    new = parse_file(revised)
    assert new.identity == two.identity and new.id != two.id
    (report,) = rt.ingest([revised])
    assert report.status == "replaced", report.line()
    texts_old = {s.text for s in two.statements}
    texts_new = {s.text for s in new.statements}
    added, removed = len(texts_new - texts_old), len(texts_old - texts_new)
    assert (added, removed) != (0, 0)
    assert (report.statements_added, report.statements_removed) == (added, removed)
    line = report.line()
    assert f"replaces {CORPUS[1].name} ({two.id})" in line
    assert f"{added} statement{'' if added == 1 else 's'} added, {removed} removed" in line
    assert shown(rt) == sorted([parse_file(CORPUS[0]).id, new.id])
    assert not [s for s in rt.index.chroma.iter_statements() if s.verslag_id == two.id]
    assert [r.status for r in rt.ingest([revised])] == ["unchanged"]


def test_a_revision_later_in_the_same_batch_replaces_the_earlier_file(tmp_path: Path) -> None:
    revised = write(tmp_path / "in" / "herzien.txt", text_of(CORPUS[1]).replace(OLD, NEW, 1))
    rt = runtime(tmp_path / "store")
    reports = rt.ingest([*CORPUS, revised, CORPUS[0]])
    assert [r.status for r in reports] == ["added", "added", "replaced", "unchanged"], [
        r.line() for r in reports
    ]
    assert reports[2].replaced == [f"{CORPUS[1].name} ({parse_file(CORPUS[1]).id})"]
    assert (reports[2].statements_added, reports[2].statements_removed) == (1, 1)
    want = sorted([parse_file(CORPUS[0]).id, parse_file(revised).id])
    assert shown(rt) == want
    assert sorted(vid for vid, _, _ in rt.index.chroma.verslag_records()) == want
    assert sorted(p.stem for p in rt.index.files_dir.iterdir()) == want  # no stray original
    assert rt.index.repair() == []


# --- per-file failures ---------------------------------------------------------------------


def vmerge_docx(path: Path) -> Path:
    """A verslag whose first table row has a `vMerge` continuation cell (python-docx's
    `row.cells` raises ValueError on it: there is no row above)."""
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("Verslag gesprek visie sociaal domein IX", style="Title")
    t = d.add_table(rows=3, cols=2)
    rows = [
        ("Aanwezig", "Piet Jansen, voorzitter Humanitas"),
        ("Datum gesprek", "3 maart 2019"),
        ("Hoe kijk je tegen de visie aan?", "Humanitas vindt de visie een goede eerste stap."),
    ]
    for i, (label, value) in enumerate(rows):
        t.cell(i, 0).text, t.cell(i, 1).text = label, value
    t.rows[0]._tr.tc_lst[0].get_or_add_tcPr().append(OxmlElement("w:vMerge"))
    buf = io.BytesIO()
    d.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def test_a_vmerge_continuation_in_the_first_row_is_read(tmp_path: Path) -> None:
    path = vmerge_docx(tmp_path / "in" / "gesprek-ix.docx")
    rt = runtime(tmp_path / "store")
    reports = rt.ingest([path, *CORPUS])
    assert [r.status for r in reports] == ["added"] * 3, [r.line() for r in reports]
    texts = [s.text for s in rt.index.statements(reports[0].verslag_id)]
    assert texts == ["Humanitas vindt de visie een goede eerste stap."]
    assert reports[0].number == 9 and reports[0].date == "2019-03-03"


def test_any_exception_in_one_file_costs_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = runtime(tmp_path / "store")
    rt.ingest([CORPUS[0]])
    before = shown(rt)
    html = write(tmp_path / "in" / "a-kapot.html", "<p>Verslag gesprek III</p>")

    def broken_reader(data: bytes, path: Path) -> list:
        raise ZeroDivisionError("a reader bug")

    monkeypatch.setitem(readers.READERS, ".html", broken_reader)
    real_add = ChromaStore.add_statements
    calls = {"n": 0}

    def flaky_add(self: ChromaStore, statements: list, vectors: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk full")
        real_add(self, statements, vectors)

    monkeypatch.setattr(ChromaStore, "add_statements", flaky_add)
    # The html file fails in its reader, gesprek II in storing; gesprek I is unchanged and
    # the copy of gesprek II under another name is stored (it is the same verslag).
    copy = write(tmp_path / "in" / "kopie.txt", text_of(CORPUS[1]))
    reports = rt.ingest([html, CORPUS[1], CORPUS[0], copy])
    assert [r.status for r in reports] == ["failed", "failed", "unchanged", "added"], [
        r.line() for r in reports
    ]
    assert reports[0].line() == (
        "FAILED a-kapot.html: could not be read or stored (ZeroDivisionError: a reader bug)"
    )
    assert reports[1].error == "could not be read or stored (OSError: disk full)"
    assert "\n" not in reports[1].line()
    assert shown(rt) == sorted([*before, parse_file(CORPUS[1]).id])
    assert rt.index.repair() == []  # the failed write left nothing behind
