"""Hostile and damaged files: every number, name and size a document controls is bounded.

Generated files whose truth is known: a title with a huge conversation number (its Roman
numeral used to take gigabytes), a .docx zip bomb, PDFs with too many pages or too much text,
NUL bytes after the first 8 KB, a UTF-8 file with one Windows-1252 line. The last test ingests
the worst of them through the real CLI in a subprocess and measures its peak memory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import IngestError
from ingest.html_reader import html_blocks
from ingest.limits import DEFAULT_LIMITS, Limits, check_zip
from ingest.parse import parse_blocks, parse_title
from ingest.pipeline import parse_file
from ingest.readers import read_blocks
from ingest.records import Block
from ingest.text import int_to_roman, strip_md
from ingest.text_decode import decode

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIMITS = DEFAULT_LIMITS

pytestmark = pytest.mark.timeout(120)


def verslag(title: str = "Verslag gesprek visie sociaal domein IX", body: str = "") -> str:
    """A minimal verslag in the Word-export text layout."""
    return (
        f"{title}\n\nAanwezig\tPiet Jansen, voorzitter Humanitas\n"
        f"Datum gesprek\t3 maart 2019\n"
        f"Hoe kijk je tegen de visie aan?\t{body or 'Humanitas vindt het een goed plan.'}\n"
    )


def refusal(path: Path, *words: str) -> str:
    """The IngestError for `path`: it names the file, then the problem."""
    with pytest.raises(IngestError) as err:
        parse_file(path)
    message = str(err.value)
    assert message.startswith(f"{path.name}: "), message
    for word in words:
        assert word in message, message
    return message


# --- generated hostile files --------------------------------------------------------------


def zip_bomb(path: Path, megabytes: int = 1000) -> Path:
    """A valid .docx whose document.xml inflates to `megabytes` MB from about 2.5 MB."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(buf)
    para = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml":
                z.writestr(info, data)
                continue
            head = data.split(b"<w:body>")[0] + b"<w:body>"
            with z.open(info.filename, "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(megabytes):
                    f.write(para * 1000)
                f.write(b"</w:body></w:document>")
    return path


def many_pages(path: Path, pages: int = 3000) -> Path:
    """The PDF fixture's pages repeated: a valid verslag PDF, only far too long."""
    src = PdfReader(FIXTURES / "gesprek-iv.pdf")
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in src.pages:
            writer.add_page(page)
    writer.write(path)
    return path


def content_bomb(path: Path, megabytes: int) -> Path:
    """The PDF fixture with its first page drawing one line of text over and over: a
    `megabytes` MB content stream that deflates to a few kB."""
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=FIXTURES / "gesprek-iv.pdf")
    page = writer.pages[0]
    font = next(iter(page["/Resources"]["/Font"]))
    op = f"BT {font} 12 Tf 10 10 Td (Humanitas vindt het goed.) Tj ET\n"
    stream = DecodedStreamObject()
    stream.set_data((op * (megabytes * 1_000_000 // len(op))).encode())
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    writer.write(path)
    return path


def dense_pdf(path: Path, pages: int) -> Path:
    """Few pages, tiny print: more text than a verslag has (about 32 000 characters a page)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=3)
    line = "Humanitas vindt de visie een goede stap maar mist de analyse van oorzaken " * 2
    for _ in range(pages):
        pdf.add_page()
        for _ in range(200):
            pdf.cell(0, 1.2, line, new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    huge = tmp / "huge-number.txt"
    huge.write_text(verslag("Verslag gesprek 99999999999999"), encoding="utf-8")
    return {
        "huge-number": huge,
        "zip-bomb": zip_bomb(tmp / "bomb.docx"),
        "many-pages": many_pages(tmp / "many-pages.pdf"),
        "content-bomb": content_bomb(tmp / "content-bomb.pdf", megabytes=20),
    }


# --- numbers from a document --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Verslag gesprek 99999999999999", None),
        ("Verslag gesprek 100000000", None),
        ("Verslag gesprek " + "M" * 50, None),  # 50 000
        ("Verslag gesprek 10001", None),
        ("Verslag gesprek 10000", 10_000),
        ("Verslag gesprek MMMMCD", 4_400),
        ("Verslag gesprek visie sociaal domein II", 2),
    ],
)
def test_a_number_over_the_bound_is_not_a_number(line: str, number: int | None) -> None:
    start = time.perf_counter()
    assert parse_title(line) == (line, number)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "I"), (4, "IV"), (3999, "MMMCMXCIX"), (4000, "4000"), (10**14, "100000000000000")],
)
def test_roman_numerals_stop_at_3999(n: int, text: str) -> None:
    assert int_to_roman(n) == text


def test_huge_number_title_ingests_fast_with_number_unset(hostile: dict[str, Path]) -> None:
    start = time.perf_counter()
    v = parse_file(hostile["huge-number"])
    assert time.perf_counter() - start < 2
    assert v.number is None and v.title == "Verslag gesprek 99999999999999"
    assert len(v.id) < 40 and v.statements


def test_title_bound_is_the_limits_setting() -> None:
    long_title = "Verslag gesprek " + "lang " * 40 + "II"
    assert parse_title(long_title) is None
    assert parse_title(long_title, Limits(max_title_chars=400)) == (long_title, 2)


# --- archives and PDFs --------------------------------------------------------------------


def test_zip_bomb_is_refused_before_it_is_unpacked(hostile: dict[str, Path]) -> None:
    bomb = hostile["zip-bomb"]
    assert bomb.stat().st_size < 5_000_000
    refusal(bomb, "Word document unpacks to", "zip bomb")


def test_one_highly_compressed_part_is_refused(tmp_path: Path) -> None:
    """Under the total bound, but one part compresses 1000 to 1: refused by the ratio."""
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * 5_000_000)
    assert path.stat().st_size < 20_000
    with pytest.raises(IngestError, match=r"ratio\.docx: part word/document\.xml .* to 1"):
        check_zip(path.read_bytes(), path)


def test_ordinary_word_document_passes_the_zip_check() -> None:
    path = FIXTURES / "gesprek-iii.docx"
    check_zip(path.read_bytes(), path)
    assert parse_file(path).statements


def test_pdf_with_too_many_pages_is_refused_before_extraction(hostile: dict[str, Path]) -> None:
    start = time.perf_counter()
    refusal(hostile["many-pages"], "3,000 pages", f"limit of {LIMITS.max_pdf_pages} pages")
    assert time.perf_counter() - start < 5


def test_pdf_drawing_instructions_are_bounded(hostile: dict[str, Path], tmp_path: Path) -> None:
    """A 5 MB content stream took 6 s and 346 MB to extract before a bound could see it."""
    bomb = content_bomb(tmp_path / "bom.pdf", megabytes=5)
    assert bomb.stat().st_size < 50_000
    start = time.perf_counter()
    refusal(bomb, "page 1 of the PDF has 4,99", "over the limit of 2,000,000 bytes a page")
    small = Limits(max_pdf_page_content_bytes=10**9, max_pdf_content_bytes=1_000_000)
    with pytest.raises(IngestError, match="over 1,000,000 bytes of drawing instructions"):
        read_blocks(bomb, limits=small)
    assert time.perf_counter() - start < 3


def test_word_xml_is_bounded_apart_from_pictures(tmp_path: Path) -> None:
    path = tmp_path / "tekst.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", os.urandom(600_000).hex())  # 1.2 MB, ratio ~2
        z.writestr("word/media/image1.png", os.urandom(1_500_000), zipfile.ZIP_STORED)
    tight = Limits(max_unzipped_xml_bytes=1_000_000)
    with pytest.raises(IngestError, match=r"tekst\.docx: the Word document's text unpacks to"):
        check_zip(path.read_bytes(), path, tight)
    check_zip(path.read_bytes(), path, Limits(max_unzipped_xml_bytes=2_000_000))


def test_pdf_text_is_bounded_page_by_page(tmp_path: Path) -> None:
    path = dense_pdf(tmp_path / "dense.pdf", pages=3)
    assert len(PdfReader(path).pages) == 3
    small = Limits(max_text_chars=40_000)
    with pytest.raises(IngestError, match=r"dense\.pdf: the text is over the limit of 40,000"):
        read_blocks(path, limits=small)
    assert read_blocks(path, limits=Limits(max_line_chars=100_000))  # within bounds: read


# --- text: binary data and encodings ------------------------------------------------------

UTF8 = verslag(body="Humanitas vindt de coördinatie van één loket belangrijk.").encode()
CP1252_LINE = "Westerbroek: de coördinatie moet beter, zegt René.\n".encode("cp1252")


@pytest.mark.parametrize(
    ("case", "data", "expected"),
    [
        ("NUL after 8 KB", UTF8 + b"x" * 9000 + b"\x00\x00rest\n", "binary"),
        ("one NUL at the end", UTF8 + b"a" * 20_000 + b"\x00", "binary"),
        ("UTF-16 without BOM", UTF8.decode().encode("utf-16-le"), "binary"),
        ("random bytes", bytes(range(128, 256)) * 64, "neither UTF-8 nor Windows-1252"),
        ("UTF-16 BOM, then NUL", "\ufeffVerslag\x00".encode("utf-16-le"), "binary"),
        ("UTF-16 BOM, odd length", b"\xff\xfeV\x00e\x00r", "not UTF-16"),
    ],
)
def test_binary_content_is_refused_anywhere(case: str, data: bytes, expected: str) -> None:
    with pytest.raises(IngestError) as err:
        decode(data, Path("x.txt"))
    assert str(err.value).startswith("x.txt: ") and expected in str(err.value), case


@pytest.mark.parametrize(
    ("case", "data", "present"),
    [
        ("UTF-8", UTF8, "coördinatie van één loket"),
        ("UTF-8 with one Windows-1252 line", UTF8 + CP1252_LINE, "coördinatie moet beter"),
        ("UTF-8 keeps its own accents", UTF8 + CP1252_LINE, "coördinatie van één loket"),
        ("BOM and a Windows-1252 line", b"\xef\xbb\xbf" + UTF8 + CP1252_LINE, "zegt René."),
        ("Windows-1252 throughout", UTF8.decode().encode("cp1252"), "één loket"),
        ("UTF-16 with its BOM", UTF8.decode().encode("utf-16"), "coördinatie van één loket"),
    ],
)
def test_each_line_keeps_its_own_encoding(case: str, data: bytes, present: str) -> None:
    text = decode(data, Path("x.txt"))
    assert present in text, case
    assert "Ã" not in text and "\ufffd" not in text and not text.startswith("\ufeff")


def test_mixed_encoding_verslag_ingests_with_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "gemengd.txt"
    path.write_bytes(UTF8 + b"Hoe kijk je tegen de 8 opgaven aan?\t" + CP1252_LINE)
    texts = " ".join(s.text for s in parse_file(path).statements)
    assert "coördinatie van één loket" in texts and "de coördinatie moet beter" in texts


# --- sizes, lengths and counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "text", "words"),
    [
        ("text size", verslag(body="Een zin. " * 120_000), ("over the limit of 1,000,000",)),
        (
            "line length",
            verslag(body="woord " * 10_000),
            ("line 5 is 60,0", "over the limit of 50,000"),
        ),
        ("line count", verslag() + "\tx\n" * 30_000, ("30,005 lines", "limit of 20,000 lines")),
        (
            "paragraph count",
            verslag() + "".join(f"\tAlinea {i}.\n" for i in range(6_000)),
            ("more than 5,000 paragraphs",),
        ),
        (
            "statement count",
            verslag() + "".join(f"\tPunt {i}.\n" for i in range(2_500)),
            ("2,501 statements", "over the limit of 2,000"),
        ),
    ],
)
def test_sizes_and_counts_are_refused(tmp_path: Path, case: str, text: str, words: tuple) -> None:
    path = tmp_path / "groot.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    refusal(path, *words)
    assert time.perf_counter() - start < 10, case


def test_names_and_labels_are_bounded(tmp_path: Path) -> None:
    """A 2 000-word organisation used to take minutes (its aliases grow with the square of
    its words); an over-long name is not a name; an over-long question label is cut."""
    label = "Hoe kijk je " + "heel erg " * 100 + "tegen de visie aan?"
    text = (
        "Verslag gesprek III\n\nAanwezig\tJan Jansen, voorzitter " + "Grote " * 2_000 + "\n"
        "Datum gesprek\t3 maart 2019\n"
        f"{label}\tHumanitas vindt het een goed plan.\n"
    )
    path = tmp_path / "namen.txt"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    v = parse_file(path)
    assert time.perf_counter() - start < 5
    assert [a.name for a in v.attendees] == ["Jan Jansen"]
    assert v.attendees[0].organisation is None
    assert len(v.attendees[0].role) <= LIMITS.max_role_chars
    [section] = v.sections
    assert len(section.title) == LIMITS.max_label_chars and section.title.endswith("…")


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("(", []),  # an empty name used to crash the speaker index (IndexError)
        ("( Jan Jansen, voorzitter Humanitas", ["Jan Jansen"]),
        ("Jan Jansen, voorzitter Humanitas", ["Jan Jansen"]),
        ("X" * 81 + ", voorzitter", []),
    ],
)
def test_attendee_names_are_bounded(cell: str, names: list[str]) -> None:
    blocks = [
        Block("title", text="Verslag gesprek III"),
        Block("row", label="Aanwezig", cells=(cell,)),
        Block("row", label="Hoe kijk je tegen de visie aan?", cells=("Een goed plan.",)),
    ]
    v = parse_blocks(blocks, Path("namen.txt"))
    assert [a.name for a in v.attendees] == names
    assert v.statements


@pytest.mark.parametrize("unit", ["<a ", '<a title="x>', "<!-- >", "</a ", "<![CDATA[ >", "x<"])
def test_html_parsing_is_linear_on_unclosed_markup(unit: str) -> None:
    """The standard library's HTMLParser took 35 s for 60 kB of "<a " (quadratic)."""
    markup = unit * (200_000 // len(unit))
    start = time.perf_counter()
    html_blocks(markup)
    html_blocks(f"<p>{markup}</p><p>Verslag gesprek II</p>")
    assert time.perf_counter() - start < 2


def test_headings_are_cut_like_labels(tmp_path: Path) -> None:
    heading = "Wat vindt u van " + "de visie " * 500
    path = tmp_path / "kop.html"
    path.write_text(
        "<h1>Verslag gesprek IV</h1><table><tr><td>Aanwezig</td><td>Piet Jansen, voorzitter "
        f"Humanitas</td></tr></table><h2>{heading}</h2><p>Humanitas vindt het goed.</p>",
        encoding="utf-8",
    )
    v = parse_file(path)
    assert v.number == 4
    assert [len(s.title) for s in v.sections] == [LIMITS.max_label_chars]
    assert v.sections[0].title.startswith("Wat vindt u van de visie")


def test_markdown_emphasis_is_linear() -> None:
    start = time.perf_counter()
    assert strip_md("*a *b " * 30_000).count("*") == 60_000  # no pair closes: kept
    assert time.perf_counter() - start < 1
    assert strip_md("*Humanitas* vindt **dit** goed") == "Humanitas vindt dit goed"


# --- the reader-bounds test: the real CLI, memory measured --------------------------------

# The CLI's address space is capped at 3 GB (a regression then fails with MemoryError instead
# of taking the shared machine's memory); its peak resident size must stay under 1 GB.
_MEASURE = """
import resource, subprocess, sys
cap = lambda: resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
run = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300, preexec_fn=cap)
sys.stdout.write(run.stdout)
sys.stderr.write(run.stderr)
print(f"EXIT {run.returncode} MAXRSS_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("case", "line"),
    [
        ("zip-bomb", "FAILED bomb.docx: the Word document unpacks to 1,0"),
        ("huge-number", "added     huge-number.txt: gesprek ? (2019-03-03)"),
        ("many-pages", "FAILED many-pages.pdf: the PDF has 3,000 pages"),
        ("content-bomb", "FAILED content-bomb.pdf: page 1 of the PDF has 19,99"),
    ],
)
def test_cli_ingest_stays_under_1_gb(
    hostile: dict[str, Path], tmp_path: Path, case: str, line: str
) -> None:
    """`raadpleeg ingest` of each hostile file in a fresh process whose only child is the CLI,
    so RUSAGE_CHILDREN is that CLI's peak RSS."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("RAADPLEEG_STORE", None)
    env.pop("RAADPLEEG_MAX_FILE_MB", None)
    cli = [sys.executable, "-m", "assistant.cli", "ingest", str(hostile[case])]
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cli, "--store", str(tmp_path / "store")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    *out, last = run.stdout.strip().splitlines()
    exit_code, peak_kb = int(last.split()[1]), int(last.split()[3])
    print(f"{case}: peak RSS {peak_kb // 1024} MB")
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    assert any(o.startswith(line) for o in out), run.stdout
    assert exit_code == (0 if case == "huge-number" else 1), run.stdout
    assert peak_kb < 1_000_000, f"{case}: {peak_kb // 1024} MB"
