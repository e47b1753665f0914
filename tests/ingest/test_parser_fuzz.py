"""Parser fuzzing: whatever text or bytes arrive, reading and parsing end in a `Verslag` or the
documented `IngestError`, never in another exception, and every verslag that comes out holds
the parser's invariants (spans point at the statement text, unique ids, valid attribution).

Derandomized so CI sees the same examples every run; `deadline=None` because the first call
warms regex and stemmer caches.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.html_reader import html_blocks
from ingest.parse import parse_blocks
from ingest.pipeline import parse_file
from ingest.records import Block, Verslag
from ingest.text_reader import text_blocks

DATA = Path(__file__).resolve().parents[2] / "ingest" / "data" / "verslagen"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = [(DATA / n).read_text(encoding="utf-8") for n in sorted(p.name for p in DATA.iterdir())]
SUFFIXES = (".txt", ".md", ".html")

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check_verslag(v: Verslag) -> None:
    """The invariants every successfully parsed verslag holds."""
    assert isinstance(v, Verslag)
    assert v.statements or v.warnings, "a verslag without statements must warn"
    ids = [s.id for s in v.statements]
    assert len(set(ids)) == len(ids), "statement ids are not unique"
    assert [s.position for s in v.statements] == list(range(len(v.statements)))
    for s in v.statements:
        assert s.verslag_id == v.id
        assert s.text.strip(), "empty statement"
        start, end = s.span
        assert 0 <= start < end <= len(v.text)
        assert v.text[start:end] == s.text, f"span {s.span} does not point at {s.text!r}"
        assert s.attribution in ("explicit", "inferred", "none")
        if s.attribution == "none":
            assert s.speaker is None and s.organisation is None and s.persons == ()
        else:
            assert s.speaker, f"{s.attribution} statement without a speaker"
    assert v.date is None or (len(v.date) == 10 and v.date[4] == "-" and v.date[7] == "-")
    assert v.number is None or v.number > 0


def outcome(fn, *args) -> Verslag | IngestError:
    """Run a parse; only a Verslag or the documented IngestError may come out."""
    try:
        v = fn(*args)
    except IngestError as exc:
        assert str(exc).startswith(f"{exc.path.name}: ") and exc.reason
        return exc
    check_verslag(v)
    return v


# --- text from nowhere -----------------------------------------------------------------------

# Text biased towards what the parser reacts to: labels, tabs, markup, bullets, page breaks.
TOKENS = st.sampled_from(
    [
        "Verslag gesprek visie sociaal domein IV",
        "## Verslag gesprek XII",
        "Aanwezig\t",
        "Aanwezig: ",
        "Datum gesprek\t",
        "Datum: 21-01-2019",
        "9 januari 2019",
        "31-02-2019",
        "Hoe kijk je tegen de visie aan?\t",
        "Hoe kijk je tegen de 8 opgaven aan?",
        "--\t--",
        "\t",
        "\n",
        "\n\n\t",
        "<p>",
        "</p>",
        '<ul style="list-style-type: none">',
        "<li>• ",
        "</li>",
        "</ul>",
        "<table><tr><td>",
        "</td><td>",
        "</td></tr></table>",
        "<h1>",
        "</h1>",
        "Humanitas: ",
        "Westerbroek: ",
        "Humanitas vindt dat ",
        "Bert Kolk, voorzitter Humanitas ",
        "Jan Jakob Boersma concludeert ",
        "Marja ter Horst, bestuurslid ",
        "De aanwezigen ",
        "• ",
        "- ",
        "1. ",
        "*",
        "**",
        "#",
        ": ",
        ".",
        "?",
        "de sociale teams moeten meer ",
        "Gemeente moet meer",
        "verantwoordelijkheid en vertrouwen.",
        "  ",
        "\u00a0",
        "\r\n",
        "\r",
        "&amp;",
        "&#",
        "<",
        ">",
        "Afsluiting\t",
        "Pagina 2 van 3",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(TOKENS, st.text(max_size=12)), max_size=60).map("".join),
)


@FUZZ
@given(text=TEXTS)
def test_text_blocks_and_parse_blocks_never_crash(text: str) -> None:
    blocks = text_blocks(text)
    assert all(isinstance(b, Block) for b in blocks)
    outcome(parse_blocks, blocks, Path("fuzz.txt"))


@FUZZ
@given(text=TEXTS)
def test_html_blocks_never_crash(text: str) -> None:
    outcome(parse_blocks, html_blocks(text), Path("fuzz.html"))


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8", "replace"))))
def test_parse_file_takes_any_bytes(tmp_path: Path, data: bytes) -> None:
    for suffix in SUFFIXES:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        outcome(parse_file, path)


@FUZZ
@given(text=TEXTS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_parse_file_takes_any_text_in_any_encoding(
    tmp_path: Path, text: str, encoding: str
) -> None:
    data = text.encode(encoding, errors="replace")
    for suffix in SUFFIXES:
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        outcome(parse_file, path)


# --- mutated verslagen -----------------------------------------------------------------------

INSERTS = st.sampled_from(
    ["\t", "<p>", "</p>", '<ul style="x">', "<li>• ", "</ul>", "\n", "\n\n\t", "?", ":", "•"]
)


def _mutate(draw: st.DrawFn, lines: list[str], first: int) -> list[str]:
    """A few random line and character edits to `lines[first:]`."""
    for _ in range(draw(st.integers(1, 6))):
        if len(lines) <= first:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "chars"]))
        i = draw(st.integers(first, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(first, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            piece = draw(st.one_of(INSERTS, st.text(min_size=1, max_size=8)))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif op == "truncate":
            at = draw(st.integers(0, len(lines[i])))
            lines = [*lines[:i], lines[i][:at]]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=5)) + lines[i][at:]
    return lines


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A corpus verslag with random edits anywhere, the title line included."""
    return "\n".join(_mutate(draw, draw(st.sampled_from(CORPUS)).split("\n"), 0))


@st.composite
def mutated_body(draw: st.DrawFn) -> str:
    """A corpus verslag with random edits below its `Datum gesprek` row only."""
    lines = draw(st.sampled_from(CORPUS)).split("\n")
    first = 1 + next(i for i, line in enumerate(lines) if line.startswith("Datum gesprek\t"))
    return "\n".join(_mutate(draw, lines, first))


@FUZZ
@given(text=mutated(), suffix=st.sampled_from(SUFFIXES))
def test_mutated_verslagen_parse_or_are_refused(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"mutated{suffix}"
    path.write_text(text, encoding="utf-8")
    outcome(parse_file, path)


@FUZZ
@given(text=mutated_body())
def test_edits_below_the_header_keep_a_verslag(text: str) -> None:
    """With title, Aanwezig and Datum intact, a verslag with a question row left parses,
    whatever happened to the rows; a refusal is for lack of structure only."""
    result = outcome(parse_blocks, text_blocks(text), Path("mutated.txt"))
    question_left = any(
        re.match(r"(?:<p>)?Hoe kijk je", line) and "\t" in line for line in text.split("\n")
    )
    if question_left:
        assert isinstance(result, Verslag), result
    if isinstance(result, Verslag):
        assert result.title.startswith("Verslag gesprek visie sociaal domein")
        assert result.date in ("2019-01-07", "2019-01-09") and result.attendees
    else:
        assert "no verslag structure" in result.reason


def test_unmutated_corpus_holds_the_invariants() -> None:
    for text in CORPUS:
        v = outcome(parse_blocks, text_blocks(text), Path("corpus.txt"))
        assert isinstance(v, Verslag) and len(v.statements) >= 10


# --- damaged Word and PDF files ------------------------------------------------------------


def _bytes_of(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    name=st.sampled_from(["gesprek-iii.docx", "gesprek-iv.pdf"]),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_binary_formats_are_refused_not_crashed(
    tmp_path_factory: pytest.TempPathFactory, name: str, cut: float, flips: list
) -> None:
    data = bytearray(_bytes_of(name))
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = data[: max(1, int(cut * len(data)))] if cut < 0.98 else data
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(bytes(data))
    outcome(parse_file, path)


def test_docx_with_damaged_xml_is_refused(tmp_path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(_bytes_of("gesprek-iii.docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            z.writestr(item, body)
    path = tmp_path / "half.docx"
    path.write_bytes(out.getvalue())
    result = outcome(parse_file, path)
    assert isinstance(result, IngestError)
