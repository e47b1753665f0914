"""Bad input at ingest: every bad file is refused with a reason that names the problem, the good
files in the same call still ingest, and the store does not change because of the bad file.
Re-ingesting changes nothing; an edited copy of a verslag replaces its own statements.

One embedding model for the whole module (loading it costs seconds); each store is a tmp dir.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.errors import IngestError
from ingest.pipeline import FileReport, parse_file
from ingest.records import Verslag
from vectorstore.embedder import Embedder
from vectorstore.search import Filters, Query

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "ingest" / "data" / "verslagen"
CORPUS = sorted(DATA.glob("*.txt"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad"
LIMIT_MB = 0.02  # 20 kB: above both corpus files (4 and 7 kB), below the oversize file

pytestmark = pytest.mark.timeout(120)


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="module")
def make_runtime(embedder: Embedder) -> Callable[[Path], Runtime]:
    def make(store: Path) -> Runtime:
        settings = Settings(store=store, max_file_mb=LIMIT_MB)
        return Runtime(settings, embedder=embedder)  # share the loaded model

    return make


def snapshot(rt: Runtime) -> dict:
    """Everything ingest may write, read from chroma itself and the store directory."""
    chroma = rt.index.chroma
    files = rt.index.files_dir
    return {
        "generation": chroma.generation,
        "records": sorted((vid, m.get("source")) for vid, _, m in chroma.verslag_records()),
        "statements": sorted((s.id, s.text) for s in chroma.iter_statements()),
        "files": sorted(p.name for p in files.iterdir()) if files.is_dir() else [],
    }


def by_name(reports: list[FileReport]) -> dict[str, FileReport]:
    return {Path(r.path).name: r for r in reports}


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the bad files -------------------------------------------------------------------------


def _encrypted_pdf(tmp: Path) -> Path:
    writer = PdfWriter(clone_from=FIXTURES / "gesprek-iv.pdf")
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    path = tmp / "gesprek-iv-encrypted.pdf"
    path.write_bytes(out.getvalue())
    return path


def _oversize(tmp: Path) -> Path:
    """A valid verslag, only too big: the size check, not the parser, must refuse it."""
    path = tmp / "verslag-gesprek-groot.txt"
    text = text_of(CORPUS[1]).replace("domein II", "domein IX")
    path.write_text(text + "\n" + "Een lange slotzin over de visie. " * 800, encoding="utf-8")
    assert path.stat().st_size > LIMIT_MB * 1e6
    assert isinstance(parse_file(path), Verslag)
    return path


def _copy(name: str) -> Callable[[Path], Path]:
    return lambda tmp: BAD / name


def _write(name: str, text: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_text(text, encoding="utf-8")
        return tmp / name

    return make


# (case, file maker, words the error must contain)
BAD_CASES: list[tuple[str, Callable[[Path], Path], tuple[str, ...]]] = [
    ("empty", _copy("empty.txt"), ("empty",)),
    ("blank lines only", _write("leeg.md", "\n \n\t\n"), ("empty",)),
    ("binary named .txt", _copy("binary.txt"), ("binary",)),
    ("truncated docx", _copy("truncated.docx"), ("Word document",)),
    ("corrupt pdf", _copy("corrupt.pdf"), ("PDF",)),
    ("encrypted pdf", _encrypted_pdf, ("encrypted",)),
    ("over the size limit", _oversize, ("over the limit", "20.0 kB")),
    ("not a verslag", _copy("not-a-verslag.md"), ("no verslag structure",)),
    (
        "memo with a question line",
        _write("memo.txt", "Hoi Piet,\n\nKun je morgen de stukken meenemen?\n\nGroet, Jan\n"),
        ("no verslag structure",),
    ),
    (
        "spreadsheet export",
        _write("adressen.txt", "Naam\tAdres\nPiet\tDorpsstraat 1\nKees\tKerkstraat 2\n"),
        ("no verslag structure",),
    ),
    (
        "web page",
        _write(
            "pagina.html",
            "<h1>Welkom</h1><p>Onze openingstijden.</p><table><tr>"
            "<td>Maandag</td><td>9-17</td></tr></table>",
        ),
        ("no verslag structure",),
    ),
    ("unsupported extension", _copy("unsupported.xyz"), ("unsupported file type .xyz",)),
    ("missing path", lambda tmp: tmp / "verslag-gesprek-IX.txt", ("no such file",)),
    (
        "damaged copy under a stored name",
        _write("verslag-gesprek-II.txt", ""),
        ("empty",),
    ),
]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for case, make, _ in BAD_CASES:
        tmp = tmp_path_factory.mktemp("bad")  # one dir each: two cases share a file name
        out[case] = make(tmp)
    return out


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory,
    make_runtime: Callable[[Path], Runtime],
    bad_files: dict[str, Path],
) -> Runtime:
    """A store built by ONE ingest of every bad file interleaved with the corpus."""
    rt = make_runtime(tmp_path_factory.mktemp("store"))
    paths = [CORPUS[0], *bad_files.values(), CORPUS[1]]
    reports = rt.ingest(paths)
    assert len(reports) == len(paths)
    statuses = [r.status for r in reports]
    assert statuses == ["added", *["failed"] * len(bad_files), "added"], statuses
    return rt


# --- tests ---------------------------------------------------------------------------------


def test_good_files_ingest_beside_every_bad_one(store: Runtime) -> None:
    snap = snapshot(store)
    assert [src for _, src in snap["records"]] == sorted(p.name for p in CORPUS)
    expected = {p.name: parse_file(p) for p in CORPUS}
    assert len(snap["statements"]) == sum(len(v.statements) for v in expected.values())
    assert {sid for sid, _ in snap["statements"]} == {
        s.id for v in expected.values() for s in v.statements
    }
    assert len(store.index.statements()) == len(snap["statements"])
    assert store.index.catalogue.lexical.size == len(snap["statements"])
    hits = store.searcher.search(Query("sociale teams", 5))
    assert hits and any("sociale teams" in h.statement.text for h in hits)


@pytest.mark.parametrize(("case", "words"), [(c, w) for c, _, w in BAD_CASES])
def test_bad_file_fails_and_leaves_the_store_alone(
    store: Runtime, bad_files: dict[str, Path], case: str, words: tuple[str, ...]
) -> None:
    bad = bad_files[case]
    before = snapshot(store)
    reports = store.ingest([CORPUS[0], bad, CORPUS[1]])
    assert [r.status for r in reports] == ["unchanged", "failed", "unchanged"]
    report = reports[1]
    assert not report.ok and report.error
    for word in words:
        assert word in report.error, report.error
    assert report.line().startswith(f"FAILED {bad.name}: ")
    assert report.verslag_id is None and report.statements == 0
    assert snapshot(store) == before


def test_the_failure_is_an_ingest_error_naming_the_file(bad_files: dict[str, Path]) -> None:
    for case, path in bad_files.items():
        if case in ("missing path", "over the size limit"):
            continue  # refused before parsing
        with pytest.raises(IngestError) as err:
            parse_file(path)
        assert str(err.value).startswith(f"{path.name}: "), case


def test_reingest_changes_nothing(store: Runtime) -> None:
    before = snapshot(store)
    reports = store.ingest(list(CORPUS))
    assert [r.status for r in reports] == ["unchanged", "unchanged"]
    assert all(r.ok and r.statements > 0 for r in reports)
    assert snapshot(store) == before  # same ids, same texts, no write at all (same generation)
    again = store.ingest([DATA])  # the folder, as the CLI default gives it
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert snapshot(store) == before


def test_cp1252_text_ingests_with_its_accents(
    tmp_path: Path, make_runtime: Callable[[Path], Runtime]
) -> None:
    cp = tmp_path / "cp"
    cp.mkdir()
    # A corpus verslag saved as Windows-1252 is the same verslag: same id, same statements.
    (cp / CORPUS[1].name).write_bytes(text_of(CORPUS[1]).encode("cp1252"))
    assert parse_file(cp / CORPUS[1].name) == parse_file(CORPUS[1])

    rt = make_runtime(tmp_path / "store")
    fixture = FIXTURES / "gesprek-cp1252.txt"
    with pytest.raises(UnicodeDecodeError):
        fixture.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    reports = rt.ingest([CORPUS[0], fixture, cp / CORPUS[1].name])
    assert [r.status for r in reports] == ["added", "added", "added"]
    vii = reports[1]
    assert (vii.number, vii.date) == (7, "2019-05-15")
    assert "René Smeenge (MEE Groningen)" in vii.attendees
    stored = {v.number: v for v in rt.index.verslagen()}
    assert stored[7].attendees[0].role == "coördinator Schuldhulpmaatje Midden-Groningen"
    texts = [s.text for s in rt.index.chroma.iter_statements() if s.verslag_id == vii.verslag_id]
    joined = " ".join(texts)
    for word in ("“zelfredzaamheid”", "René Smeenge: cliënten", "één contactpersoon", "’s avonds"):
        assert word in joined
    assert "\ufffd" not in joined and "Ã" not in joined
    two = [s.text for s in rt.index.statements(reports[2].verslag_id)]
    assert any("creëren" in t for t in two)


def test_edited_copy_replaces_its_own_statements(
    tmp_path: Path, make_runtime: Callable[[Path], Runtime]
) -> None:
    rt = make_runtime(tmp_path / "store")
    assert [r.status for r in rt.ingest(list(CORPUS))] == ["added", "added"]
    one, two = (parse_file(p) for p in CORPUS)
    old_sentence = "Humanitas mist de analyse, de gemeente wil te snel overgaan tot maatregelen."
    new_sentence = "Humanitas mist een grondige analyse van de oorzaken."
    assert text_of(CORPUS[1]).count(old_sentence) == 1
    edited = tmp_path / "edit" / CORPUS[1].name
    edited.parent.mkdir()
    edited.write_text(text_of(CORPUS[1]).replace(old_sentence, new_sentence), encoding="utf-8")
    before_one = [s for s in rt.index.chroma.iter_statements() if s.verslag_id == one.id]

    reports = rt.ingest([edited])
    assert [r.status for r in reports] == ["replaced"]
    new_id = reports[0].verslag_id
    assert new_id != two.id

    records = rt.index.chroma.verslag_records()
    assert sorted(vid for vid, _, _ in records) == sorted([one.id, new_id])
    stored = list(rt.index.chroma.iter_statements())
    ids = [s.id for s in stored]
    assert len(ids) == len(set(ids))
    assert not [s for s in stored if s.verslag_id == two.id], "old statements left behind"
    texts = " ".join(s.text for s in stored)
    assert old_sentence not in texts and texts.count(new_sentence) == 1
    assert len([s for s in stored if s.verslag_id == new_id]) == len(two.statements)
    # The other verslag is untouched, and the catalogue and lexical index agree with chroma.
    assert [s for s in stored if s.verslag_id == one.id] == before_one
    assert sorted(s.id for s in rt.index.statements()) == sorted(ids)
    assert rt.index.catalogue.lexical.size == len(ids)
    assert sorted(os.listdir(rt.index.files_dir)) == sorted([f"{one.id}.txt", f"{new_id}.txt"])
    # And back: the original replaces the edit; a second time it is unchanged.
    assert [r.status for r in rt.ingest([CORPUS[1]])] == ["replaced"]
    assert [r.status for r in rt.ingest([CORPUS[1]])] == ["unchanged"]
    assert sorted(vid for vid, _, _ in rt.index.chroma.verslag_records()) == sorted(
        [one.id, two.id]
    )


def test_verslag_without_statements_is_idempotent(
    tmp_path: Path, make_runtime: Callable[[Path], Runtime]
) -> None:
    """A verslag whose question rows are still empty ingests (with a warning), once."""
    path = tmp_path / "verslag-gesprek-X.txt"
    path.write_text(
        "Verslag gesprek visie sociaal domein X\n\nAanwezig\tPiet Jansen, voorzitter Humanitas\n"
        "Datum gesprek\t3 maart 2019\nHoe kijk je tegen de visie aan?\t\n",
        encoding="utf-8",
    )
    rt = make_runtime(tmp_path / "store")
    first = rt.ingest([path])
    assert [r.status for r in first] == ["added"]
    assert first[0].statements == 0 and first[0].warnings
    before = snapshot(rt)
    assert [r.status for r in rt.ingest([path])] == ["unchanged"]
    assert snapshot(rt) == before


class _OpensslAES:
    """pypdf's AES cipher through the openssl command, to WRITE an AES-encrypted PDF without
    the `cryptography` package (which reading it needs)."""

    def __init__(self, key: bytes) -> None:
        self.key = key

    def encrypt(self, data: bytes) -> bytes:
        iv = os.urandom(16)
        cipher = f"-aes-{len(self.key) * 8}-cbc"
        args = ["openssl", "enc", cipher, "-K", self.key.hex(), "-iv", iv.hex()]
        return iv + subprocess.run(args, input=data, capture_output=True, check=True).stdout


def test_aes_pdf_that_opens_without_a_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Runtime
) -> None:
    """Owner-password ("permissions only") AES protection is common in municipal PDFs. With
    `cryptography` installed it ingests; without, the report must say why, not just fail."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to write an AES-encrypted PDF")
    import pypdf._encryption

    monkeypatch.setattr(pypdf._encryption, "CryptAES", _OpensslAES)
    writer = PdfWriter(clone_from=FIXTURES / "gesprek-iv.pdf")
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    monkeypatch.undo()
    path = tmp_path / "gesprek-iv-aes.pdf"
    path.write_bytes(out.getvalue())
    assert b"/AESV2" in path.read_bytes()

    if importlib.util.find_spec("cryptography") is not None:
        v = parse_file(path)
        assert v.number == 4 and v.statements
        return
    before = snapshot(store)
    reports = store.ingest([CORPUS[0], path, CORPUS[1]])
    assert [r.status for r in reports] == ["unchanged", "failed", "unchanged"]
    assert "encrypted" in reports[1].error and "cryptography" in reports[1].error
    assert snapshot(store) == before


@pytest.fixture
def ingest_cli(cli, monkeypatch: pytest.MonkeyPatch):
    """`raadpleeg ingest ARGS --store STORE` in-process, with the test's size limit."""
    monkeypatch.setenv("RAADPLEEG_MAX_FILE_MB", str(LIMIT_MB))
    monkeypatch.delenv("RAADPLEEG_STORE", raising=False)
    return lambda store, *args: cli("ingest", *args, "--store", store)


def test_cli_names_each_failed_file_and_exits_1(
    store: Runtime, bad_files: dict[str, Path], ingest_cli
) -> None:
    before = snapshot(store)
    bad = [p for c, p in bad_files.items() if c != "damaged copy under a stored name"]
    run = ingest_cli(store.settings.store, CORPUS[0], *bad, CORPUS[1])
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    for path in bad:
        failed = [line for line in lines if line.startswith(f"FAILED {path.name}: ")]
        assert len(failed) == 1, (path.name, run.stdout)
    assert sum(line.startswith("unchanged ") for line in lines) == 2
    assert snapshot(store) == before


def test_cli_exits_0_when_everything_ingests(store: Runtime, ingest_cli) -> None:
    run = ingest_cli(store.settings.store, "--json", *CORPUS)
    assert run.returncode == 0, run.stderr
    reports = json.loads(run.stdout)
    assert [(Path(r["path"]).name, r["status"], r["error"]) for r in reports] == [
        (p.name, "unchanged", None) for p in CORPUS
    ]
    one_bad = ingest_cli(store.settings.store, "--json", CORPUS[0], BAD / "empty.txt")
    assert one_bad.returncode == 1
    assert [r["status"] for r in json.loads(one_bad.stdout)] == ["unchanged", "failed"]


def test_edited_taxonomy_retags_without_re_embedding(tmp_path: Path) -> None:
    """Officials edit data/opgaven.toml; re-ingesting updates the tags in place."""
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    taxonomy = tmp_path / "opgaven.toml"
    original = (REPO / "ingest" / "data" / "opgaven.toml").read_text(encoding="utf-8")
    taxonomy.write_text(original, encoding="utf-8")
    store = tmp_path / "store"
    rt = Runtime(Settings(store=store, opgaven=taxonomy))
    assert [r.status for r in rt.ingest([DATA / "verslag-gesprek-II.txt"])] == ["added"]
    before = {s.id: s.opgaven for s in rt.index.statements()}
    assert any("Sociale teams" in tags for tags in before.values())
    edited = original.replace('name = "Sociale teams"', 'name = "Sociale wijkteams"')
    taxonomy.write_text(edited, encoding="utf-8")
    rt2 = Runtime(Settings(store=store, opgaven=taxonomy))
    reports = rt2.ingest([DATA / "verslag-gesprek-II.txt"])
    assert [r.status for r in reports] == ["retagged"]
    assert rt2.embedder.passages_embedded == 0
    after = {s.id: s.opgaven for s in rt2.index.statements()}
    assert after.keys() == before.keys()
    assert not any("Sociale teams" in tags for tags in after.values())
    assert any("Sociale wijkteams" in tags for tags in after.values())
    hits = rt2.searcher.search(Query("sociale teams", 3, Filters(opgaven=("Sociale wijkteams",))))
    assert hits and all("Sociale wijkteams" in h.statement.opgaven for h in hits)
    assert [
        r.status
        for r in Runtime(Settings(store=store, opgaven=taxonomy)).ingest(
            [DATA / "verslag-gesprek-II.txt"]
        )
    ] == ["unchanged"]
