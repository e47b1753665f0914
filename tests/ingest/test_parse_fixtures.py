"""Parse expectations for invented verslagen in every format the municipality may send.

Table-driven over `tests/fixtures/`: one `Case` per file with the exact metadata, attendees and,
for every statement, its section, attribution, speaker, organisation, persons and text prefix.
These tables are the parser's spec; the conventions they encode are written down in DESIGN.md
("The verslag format") and summarised here:

- role = the text after "Name, " up to the next person; organisation = the last run of
  Capitalised words in the role's first comma-clause that has one, else None;
- a label `X:` or a sentence starting with an attendee / organisation alias and a verb is
  `explicit`; unlabelled paragraphs and bullets after it in the same section are `inferred`,
  but a speaker named in a bullet holds for that bullet only (issue 12); "Algemeen …",
  "De aanwezigen …", "Alle deelnemers …", "Er wordt …" are `none` and end the speaker run;
  topic labels ("Vraag:", "Suggestie:") are not speakers;
- the paragraph after the table is a statement in section "Afsluiting"; intro paragraphs are not
  statements; text is verbatim with markup, bullet glyphs and surplus whitespace removed.

The binary fixtures are written by `tests/fixtures/make_fixtures.py`; the bad files are for the
robustness tests.
"""

from __future__ import annotations

import functools
import importlib.util
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from ingest.records import Attendee, Statement, Verslag

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad"

VISIE = "Hoe kijk je tegen de visie aan?"
OPGAVEN = "Hoe kijk je tegen de 8 opgaven aan?"
SLOT = "Afsluiting"

# (section, attribution, speaker, organisation, persons, text prefix)
Row = tuple[str, str, str | None, str | None, tuple[str, ...], str]


def explicit(
    section: str, speaker: str, org: str | None, persons: tuple[str, ...], text: str
) -> Row:
    return (section, "explicit", speaker, org, persons, text)


def inferred(
    section: str, speaker: str, org: str | None, persons: tuple[str, ...], text: str
) -> Row:
    return (section, "inferred", speaker, org, persons, text)


def none(section: str, text: str) -> Row:
    return (section, "none", None, None, (), text)


@dataclass(frozen=True)
class Case:
    file: str
    number: int
    title: str
    date: str
    attendees: tuple[Attendee, ...]
    statements: tuple[Row, ...]
    # Statement texts that must occur exactly (unwrapped lines, joined page breaks, decoded
    # entities and encodings, removed bullet glyphs and markup).
    exact: tuple[str, ...]
    # Text that must not surface in any statement (intro paragraphs, the Aanwezig row).
    absent: tuple[str, ...]


# --- gesprek III: Word, 2-column table, run-on Aanwezig, dd-mm-yyyy date ----------------------

III_VOEDSELBANK = ("Voedselbank", "Voedselbank Midden-Groningen", ())
III_BAKKER = ("Bakker", "Sociaal Team Hoogezand", ("Ingrid Bakker",))
III_OOSTING = ("Henk Oosting", None, ("Henk Oosting",))
III = Case(
    file="gesprek-iii.docx",
    number=3,
    title="Verslag gesprek visie sociaal domein III",
    date="2019-01-21",
    attendees=(
        Attendee("Ingrid Bakker", "teamleider Sociaal Team Hoogezand", "Sociaal Team Hoogezand"),
        Attendee(
            "Jan Willem de Vries",
            "coördinator Voedselbank Midden-Groningen",
            "Voedselbank Midden-Groningen",
        ),
        Attendee(
            "Sanne Mulder",
            "beleidsmedewerker Werkplein Ability, projectleider schuldhulp",
            "Werkplein Ability",
        ),
        Attendee("Henk Oosting", "ervaringsdeskundige armoede", None),
    ),
    statements=(
        explicit(VISIE, *III_VOEDSELBANK, "Voedselbank: de visie sluit goed aan"),
        inferred(VISIE, *III_VOEDSELBANK, "Vroegsignalering is daarom het"),
        explicit(
            VISIE,
            "Jan Willem de Vries",
            "Voedselbank Midden-Groningen",
            ("Jan Willem de Vries",),
            "Jan Willem de Vries vindt dat de",
        ),
        none(VISIE, "Algemeen wordt opgemerkt dat de visie"),
        none(VISIE, "Een samenvatting in gewone taal"),
        none(OPGAVEN, "Vraag: hoe verhouden de 8 opgaven"),
        explicit(OPGAVEN, *III_BAKKER, "Bakker: de opgave armoede moet"),
        inferred(OPGAVEN, *III_BAKKER, "Brievenbusproblemen zijn voor veel"),
        inferred(OPGAVEN, *III_BAKKER, "Laaggeletterdheid blijft vaak"),
        explicit(
            OPGAVEN,
            "Werkplein Ability",
            "Werkplein Ability",
            (),
            "Werkplein Ability: betaald werk is",
        ),
        explicit(OPGAVEN, *III_OOSTING, "Henk Oosting vertelt dat een vast"),
        # A speaker named in a bullet holds for that bullet only (issue 12).
        none(OPGAVEN, "Opgave veiligheid en herstelgericht"),
        explicit(SLOT, "Anouk Dijkstra", None, ("Anouk Dijkstra",), "Anouk Dijkstra bedankt de"),
    ),
    exact=(
        "Brievenbusproblemen zijn voor veel inwoners de eerste stap naar schulden.",
        "Henk Oosting vertelt dat een vast aanspreekpunt bij het sociaal team voor hem het "
        "verschil maakte.",
        "Voedselbank: de visie sluit goed aan bij wat wij elke week zien. Mensen schamen zich om "
        "hulp te vragen en komen pas als de nood hoog is.",
    ),
    absent=("De gemeente Midden-Groningen werkt aan", "ervaringsdeskundige armoede", "21-01-2019"),
)

# --- gesprek IV: PDF, headings on their own line, one attendee per line ----------------------

IV_BUURTZORG = ("Buurtzorg", "Buurtzorg Hoogezand", ())
IV = Case(
    file="gesprek-iv.pdf",
    number=4,
    title="Verslag gesprek visie sociaal domein IV",
    date="2019-02-03",
    attendees=(
        Attendee(
            "Fatima el Amrani", "wijkverpleegkundige Buurtzorg Hoogezand", "Buurtzorg Hoogezand"
        ),
        Attendee("Mirjam Post", "wijkverpleegkundige Buurtzorg Hoogezand", "Buurtzorg Hoogezand"),
        Attendee(
            "Pieter de Jong",
            "huisarts, Gezondheidscentrum Sappemeer",
            "Gezondheidscentrum Sappemeer",
        ),
        Attendee("Gerda Hoekstra", "mantelzorgconsulent", None),
    ),
    statements=(
        explicit(VISIE, *IV_BUURTZORG, "Buurtzorg: de visie spreekt ons aan"),
        inferred(VISIE, *IV_BUURTZORG, "Juist ouderen die alleen wonen"),
        explicit(
            VISIE,
            "Pieter de Jong",
            "Gezondheidscentrum Sappemeer",
            ("Pieter de Jong",),
            "Pieter de Jong: de huisarts is voor",
        ),
        none(VISIE, "De aanwezigen zijn het erover eens"),
        none(VISIE, "Een jaarlijkse ontmoeting met de"),
        none(OPGAVEN, "Mantelzorg ontbreekt als aparte"),
        explicit(
            OPGAVEN, "Gerda Hoekstra", None, ("Gerda Hoekstra",), "Gerda Hoekstra pleit voor een"
        ),
        explicit(OPGAVEN, *IV_BUURTZORG, "Buurtzorg merkt dat eenzaamheid"),
        inferred(OPGAVEN, *IV_BUURTZORG, "Ook bij de opgave armoede zien zij"),
        none(SLOT, "Er wordt afgesproken dat de gemeente"),
    ),
    exact=(
        # wraps over four PDF lines
        "Buurtzorg: de visie spreekt ons aan omdat zij uitgaat van wat mensen zelf nog kunnen. In "
        "de wijkverpleging werken wij al jaren zo, met kleine teams die de eigen regie van de "
        "cliënt en het netwerk om hem heen voorop zetten. Wel merken wij dat de indicatiestelling "
        "en de verantwoording richting zorgverzekeraar en gemeente veel tijd kosten die niet naar "
        "de cliënt gaat.",
        # wraps over three lines
        "Pieter de Jong: de huisarts is voor veel inwoners het eerste aanspreekpunt bij problemen "
        "die niet medisch zijn, zoals eenzaamheid, schulden of spanningen in het gezin. Korte "
        "lijnen met het sociaal team zijn daarom onmisbaar, net als een vaste contactpersoon per "
        "huisartsenpraktijk.",
        # its last word is on page 2 of the PDF
        "Er wordt afgesproken dat de gemeente in het voorjaar een vervolgbijeenkomst organiseert "
        "met huisartsen en wijkverpleging.",
    ),
    absent=("Dit vierde gesprek ging over", "mantelzorgconsulent", "3 februari 2019", "Aanwezig"),
)

# --- gesprek V: HTML export, <table> rows, <strong> labels, <ul><li> -------------------------

# An organisation's label names no person: its attendees' presence is no evidence.
V_WELZIJN = ("Welzijn Slochteren", "Stichting Welzijn Slochteren", ())
V_KEES = ("Kees van den Berg", "Stichting Welzijn Slochteren", ("Kees van den Berg",))
V_KOLHAM = ("Dorpshuis Kolham", "Vereniging Dorpshuis Kolham", ())
V = Case(
    file="gesprek-v.html",
    number=5,
    title="Verslag gesprek visie sociaal domein V",
    date="2019-03-12",
    attendees=(
        Attendee(
            "Kees van den Berg",
            "directeur Stichting Welzijn Slochteren",
            "Stichting Welzijn Slochteren",
        ),
        Attendee(
            "Lotte Wiersma",
            "opbouwwerker Stichting Welzijn Slochteren",
            "Stichting Welzijn Slochteren",
        ),
        Attendee(
            "Ahmed Yilmaz",
            "voorzitter Vereniging Dorpshuis Kolham, penningmeester Ondernemersvereniging Kolham",
            "Vereniging Dorpshuis Kolham",
        ),
        Attendee("Riet Zuidema", "vrijwilliger maatjesproject", None),
    ),
    statements=(
        explicit(VISIE, *V_WELZIJN, "Welzijn Slochteren: de visie geeft"),
        inferred(VISIE, *V_WELZIJN, "Opbouwwerk kan alleen slagen als"),
        explicit(VISIE, *V_KEES, "Kees van den Berg: de overgang van"),
        inferred(VISIE, *V_KEES, "Maak één aanspreekpunt per gezin."),
        inferred(VISIE, *V_KEES, "Laat professionals over de grenzen"),
        # a name-like label of an organisation that was not present
        explicit(
            VISIE,
            "Vluchtelingenwerk Noord-Nederland",
            "Vluchtelingenwerk Noord-Nederland",
            (),
            "Vluchtelingenwerk Noord-Nederland: statushouders",
        ),
        none(OPGAVEN, "Suggestie: voeg eenzaamheid toe als"),
        none(OPGAVEN, "Ook de inventarisatie van"),
        explicit(OPGAVEN, *V_KOLHAM, "Dorpshuis Kolham: het dorpshuis is"),
        inferred(OPGAVEN, *V_KOLHAM, "Zonder steun bij onderhoud en"),
        none(OPGAVEN, "Alle deelnemers vinden dat de opgave"),
        none(OPGAVEN, "Daar kennen mensen elkaar en is de"),
        explicit(OPGAVEN, "Zuidema", None, ("Riet Zuidema",), "Zuidema: als maatje zie ik hoe"),
        explicit(SLOT, *V_KEES, "Kees van den Berg vat het gesprek"),
    ),
    exact=(
        # <strong> removed, &amp; decoded
        "Kees van den Berg: de overgang van werk & inkomen naar welzijn moet soepeler. Inwoners "
        "worden nu te vaak van loket naar loket gestuurd.",
        # the source wraps this <p> over two indented lines
        "Opbouwwerk kan alleen slagen als de gemeente durft te investeren voor de lange termijn, "
        "niet per project van een jaar.",
        "Maak één aanspreekpunt per gezin.",
    ),
    absent=("In het vijfde gesprek reflecteerden", "vrijwilliger maatjesproject", "12 maart"),
)

# --- gesprek VI: Markdown/TAB export like the corpus, page break mid-sentence -----------------

VI_TWEEKLANK = ("Tweeklank", "Basisschool Tweeklank", ())
VI_SMIT = ("Yvonne Smit", "GGD Groningen", ("Yvonne Smit",))
VI = Case(
    file="gesprek-vi.md",
    number=6,
    title="Verslag gesprek visie sociaal domein VI",
    date="2019-04-05",
    attendees=(
        Attendee("Bas ter Veen", "directeur Basisschool Tweeklank", "Basisschool Tweeklank"),
        Attendee("Yvonne Smit", "jeugdverpleegkundige GGD Groningen", "GGD Groningen"),
        Attendee("Thijs Brouwer", "jongerenwerker, voorheen leerkracht", None),
    ),
    statements=(
        explicit(VISIE, *VI_TWEEKLANK, "Tweeklank: de school ziet dagelijks"),
        inferred(VISIE, *VI_TWEEKLANK, "Leerkrachten willen signaleren,"),
        explicit(VISIE, *VI_SMIT, "Yvonne Smit: de visie mist de"),
        inferred(VISIE, *VI_SMIT, "Zij geeft drie aandachtspunten mee."),
        inferred(VISIE, *VI_SMIT, "consultatiebureau en kinderopvang"),
        inferred(VISIE, *VI_SMIT, "ouders met weinig geld actief"),
        inferred(VISIE, *VI_SMIT, "taalachterstand vroeg opsporen,"),
        explicit(OPGAVEN, "GGD", "GGD Groningen", (), "GGD: de opgave armoede en de"),
        explicit(
            OPGAVEN, "Thijs Brouwer", None, ("Thijs Brouwer",), "Thijs Brouwer: jongeren haken af"
        ),
        none(OPGAVEN, "Er wordt opgemerkt dat de opgave"),
        none(OPGAVEN, "Speelplekken en veilige schoolroutes"),
        explicit(SLOT, "Ellen Vos", None, ("Ellen Vos",), "Ellen Vos concludeert dat jeugd"),
    ),
    exact=(
        # `**GGD**:` loses its markup; the page break after "waardoor" is joined with one space
        "GGD: de opgave armoede en de voorgestelde opgave jeugd en onderwijs horen bij elkaar. "
        "Gezondheidsverschillen tussen kinderen beginnen vaak bij geldzorgen thuis en bij een huis "
        "dat slecht geïsoleerd is, waardoor ouders moeten kiezen tussen verwarming en "
        "boodschappen.",
        "Tweeklank: de school ziet dagelijks wat armoede met kinderen doet. Kinderen die zonder "
        "ontbijt komen, kunnen zich slecht concentreren.",
        "consultatiebureau en kinderopvang beter met elkaar verbinden;",
    ),
    absent=("Het zesde gesprek ging vooral", "voorheen leerkracht", "5 april"),
)

# --- gesprek VII: TAB format in Windows-1252 with CRLF line ends ------------------------------

VII_MAATJE = ("Schuldhulpmaatje", "Schuldhulpmaatje Midden-Groningen", ())
VII_HIDDING = ("Noor Hidding", "Adviesraad Sociaal Domein", ("Noor Hidding",))
VII = Case(
    file="gesprek-cp1252.txt",
    number=7,
    title="Verslag gesprek visie sociaal domein VII",
    date="2019-05-15",
    attendees=(
        Attendee(
            "Joke Veenstra",
            "coördinator Schuldhulpmaatje Midden-Groningen",
            "Schuldhulpmaatje Midden-Groningen",
        ),
        Attendee("René Smeenge", "cliëntondersteuner MEE Groningen", "MEE Groningen"),
        Attendee(
            "Noor Hidding",
            "ervaringsdeskundige, lid Adviesraad Sociaal Domein",
            "Adviesraad Sociaal Domein",
        ),
    ),
    statements=(
        explicit(VISIE, *VII_MAATJE, "Schuldhulpmaatje: de visie is"),
        inferred(VISIE, *VII_MAATJE, "Het woord “zelfredzaamheid” schiet"),
        explicit(
            VISIE, "René Smeenge", "MEE Groningen", ("René Smeenge",), "René Smeenge: cliënten met"
        ),
        explicit(OPGAVEN, *VII_HIDDING, "Noor Hidding herkent zich in de"),
        inferred(OPGAVEN, *VII_HIDDING, "Zij pleit voor één contactpersoon"),
        explicit(OPGAVEN, "MEE", "MEE Groningen", (), "MEE: de opgave laaggeletterdheid"),
        explicit(
            SLOT,
            "Joke Veenstra",
            "Schuldhulpmaatje Midden-Groningen",
            ("Joke Veenstra",),
            "Joke Veenstra sluit af met de oproep",
        ),
    ),
    exact=(
        "Het woord “zelfredzaamheid” schiet dan tekort, want schulden zijn vaak een gevolg van "
        "pech en niet van onwil.",
        "Zij pleit voor één contactpersoon die ook ’s avonds bereikbaar is.",
    ),
    absent=("In het zevende gesprek stonden", "lid Adviesraad", "15-05-2019"),
)

CASES = [III, IV, V, VI, VII]
IDS = [c.file for c in CASES]

BAD_FILES = [
    "empty.txt",
    "binary.txt",
    "not-a-verslag.md",
    "unsupported.xyz",
    "truncated.docx",
    "corrupt.pdf",
]


@functools.cache
def parse(name: str) -> Verslag:
    # Imported here so a parser that fails to import fails these tests, not collection.
    from ingest.pipeline import parse_file

    return parse_file(FIXTURES / name)


def row(s: Statement, prefix_len: int) -> Row:
    return (
        s.section,
        s.attribution,
        s.speaker,
        s.organisation,
        tuple(s.persons),
        s.text[:prefix_len],
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_metadata(case: Case) -> None:
    v = parse(case.file)
    assert isinstance(v, Verslag)
    assert (v.number, v.title, v.date) == (case.number, case.title, case.date)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_attendees(case: Case) -> None:
    assert parse(case.file).attendees == case.attendees


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_statement_count(case: Case) -> None:
    assert len(parse(case.file).statements) == len(case.statements)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_statement(case: Case) -> None:
    statements = parse(case.file).statements
    lengths = [len(r[-1]) for r in case.statements]
    lengths += [40] * (len(statements) - len(lengths))  # show any surplus statements in the diff
    actual = [row(s, n) for s, n in zip(statements, lengths, strict=False)]
    assert actual == list(case.statements)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_exact_texts(case: Case) -> None:
    """Wrapped lines and page breaks are joined; markup, glyphs, entities, encodings repaired."""
    texts = [s.text for s in parse(case.file).statements]
    for expected in case.exact:
        assert texts.count(expected) == 1, expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_intro_and_header_rows_are_not_statements(case: Case) -> None:
    texts = [s.text for s in parse(case.file).statements]
    for fragment in case.absent:
        assert not [t for t in texts if fragment in t], fragment


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_statement_text_is_clean(case: Case) -> None:
    for s in parse(case.file).statements:
        assert s.text, s
        assert s.text == " ".join(s.text.split()), repr(s.text)  # no tabs, newlines, CRs, runs
        for junk in ("\t", "<", ">", "**", "•", "&amp;", "\ufffd"):
            assert junk not in s.text, (junk, s.text)
        assert not s.text.startswith(("- ", "* ")), s.text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_persons_are_attendees_or_the_named_speaker(case: Case) -> None:
    v = parse(case.file)
    names = {a.name for a in v.attendees}
    for s in v.statements:
        if s.attribution == "none":
            assert (s.speaker, s.organisation, tuple(s.persons)) == (None, None, ()), s
        else:
            assert s.speaker, s
            for person in s.persons:
                assert person in names or person == s.speaker, (person, s)


def test_page_break_joined_in_markdown() -> None:
    texts = [s.text for s in parse(VI.file).statements]
    assert [t for t in texts if "waardoor ouders moeten kiezen" in t], texts
    assert not [t for t in texts if t.startswith("ouders moeten kiezen")], texts


def test_pdf_lines_unwrapped() -> None:
    texts = [s.text for s in parse(IV.file).statements]
    assert [t for t in texts if "In de wijkverpleging werken wij al jaren zo" in t], texts
    assert not [t for t in texts if t in ("wijkverpleging.", "opmerkt.")], texts


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_fixture_exists(name: str) -> None:
    assert (BAD / name).is_file()


def test_bad_fixtures_are_bad() -> None:
    assert (BAD / "empty.txt").stat().st_size == 0
    assert b"\x00" in (BAD / "binary.txt").read_bytes()
    assert "Verslag gesprek" not in (BAD / "not-a-verslag.md").read_text(encoding="utf-8")
    assert not zipfile.is_zipfile(BAD / "truncated.docx")
    assert (BAD / "truncated.docx").read_bytes()[:2] == b"PK"
    corrupt = (BAD / "corrupt.pdf").read_bytes()
    assert corrupt.startswith(b"%PDF-") and b"%%EOF" not in corrupt


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic(tmp_path: Path) -> None:
    gen = _generator()
    first = gen.write_all(tmp_path / "a")
    second = gen.write_all(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [
        p.relative_to(tmp_path / "b") for p in second
    ]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    committed = {p.relative_to(tmp_path / "a") for p in first}
    assert all((FIXTURES / rel).is_file() for rel in committed)
