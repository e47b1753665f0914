"""Layout-variant verslagen: the same kind of content in many layouts, with known truth.

`build_cases(n, seed)` draws, for each verslag, its CONTENT (title number, date, attendees,
statements with their true speaker) and, from a separate random stream, its LAYOUT (format,
table or flowing text, question headings, attendee block shape, bullets, speaker-label style,
debris), so a parser is scored on layouts independently of what is said. `render(case)` gives
the file bytes. The truth follows the attribution rules of DESIGN.md and issue 12: group
subjects are unattributed; a continuation is inferred only inside the same paragraph run
(a speaker named in a bullet holds for that bullet only; never across a question); a titled person
("Wethouder Van der Molen sluit af") is that person; a paragraph holding several labelled
turns is several statements.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
from dataclasses import dataclass, field
from typing import Literal

from bench.synth import (
    FIRST,
    INTRO,
    MONTHS,
    SAYS,
    SURNAME,
    TOPICS,
    TV_SURNAME,
    _attendees,
    _stable_zip,
    _Writer,
    roman,
)

FORMATS = ("txt", "md", "html", "docx", "pdf")
Attribution = Literal["explicit", "inferred", "none"]
QUESTIONS = (
    ("Hoe kijk je tegen de visie aan?", ("visie", "sociale teams", "werk")),
    ("Hoe kijk je tegen de 8 opgaven aan?", ("armoede", "laaggeletterdheid", "veiligheid")),
    ("Welke opgaven missen er volgens u?", ("jeugd", "omgevingswet", "welzijn")),
    ("Wat is er nodig om de visie in de praktijk te brengen?", ("vrijwilligers", "werk")),
    ("Wat gaat er al goed in de dorpen en wijken?", ("burgerinitiatieven", "vrijwilligers")),
)
GROUP_OPENERS = (
    "{a} en {b} vinden dat",
    "Zowel {a} als {b} benadrukken dat",
    "Beide partijen zijn het erover eens dat",
    "Alle aanwezigen vinden dat",
    "De aanwezigen merken op dat",
    "Iedereen is het erover eens dat",
    "De deelnemers zien dat",
    "Alle partijen geven aan dat",
)
OFFICIALS = ("Wethouder", "Burgemeester", "Beleidsadviseur", "Gespreksleider")
TITLES = {True: "mevr.", False: "dhr."}


@dataclass(frozen=True)
class TruthStatement:
    """One statement as written (`text`, the plain words including any label) and who said it."""

    section: str
    text: str
    organisation: str | None
    person: str | None
    attribution: Attribution


@dataclass(frozen=True)
class Item:
    """One rendered paragraph or bullet: one or more statements (several labelled turns)."""

    parts: tuple[tuple[str | None, str, TruthStatement], ...]  # (label, body, truth)
    bullet: bool


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str | None
    label: str | None  # organisation label used in the text ("Humanitas")
    female: bool


@dataclass(frozen=True)
class Layout:
    fmt: str
    table: bool  # a 2-column table (rows) rather than flowing headings and paragraphs
    question: str  # row | heading | bold | numbered | plain
    qmark: bool
    wrap_labels: bool  # question labels wrapped over two lines in the label column
    attendees: str  # runon | lines | inline | list | table2
    titles: bool  # dhr./mevr. before attendee names
    namens: str  # "" | before | after
    items: str  # bullets | paragraphs | numbered | mixed
    bold_labels: bool
    date: str  # row | line | title
    title: str  # roman | arabic | gespreksverslag
    debris: bool  # --- rules, page headers/footers, page numbers
    hyphenate: bool  # PDF: hyphenated line breaks
    closing_heading: bool

    def describe(self) -> str:
        return ",".join(f"{k}={v}" for k, v in self.__dict__.items())


@dataclass(frozen=True)
class Case:
    number: int
    title: str
    date: dt.date
    date_text: str
    attendees: tuple[Person, ...]
    sections: tuple[tuple[str, tuple[Item, ...]], ...]
    closing: Item
    layout: Layout
    name: str = field(default="")

    @property
    def statements(self) -> list[TruthStatement]:
        items = [i for _, items in self.sections for i in items] + [self.closing]
        return [t for i in items for _, _, t in i.parts]


# -- content ----------------------------------------------------------------------------------


def _speakers(people: tuple[Person, ...]) -> list[Person]:
    return [p for p in people if p.organisation]


def _surname(name: str) -> str:
    parts = name.split()
    i = len(parts) - 1
    while i > 1 and parts[i - 1] in ("van", "der", "den", "de", "ter", "ten"):
        i -= 1
    s = " ".join(parts[i:])
    return s[0].upper() + s[1:]


def _label_for(rng: random.Random, p: Person) -> str:
    """A speaker label naming `p` in one of the styles verslagen use."""
    styles = ["org", "name", "titled", "name_org"] if p.label else ["name", "titled"]
    style = rng.choice(styles)
    if style == "org":
        return p.label or p.name
    if style == "name":
        return p.name
    if style == "titled":
        return f"{TITLES[p.female].capitalize()} {_surname(p.name)}"
    return f"{p.name} ({p.label})"


def _section_items(
    rng: random.Random,
    w: _Writer,
    question: str,
    topics: tuple[str, ...],
    people: tuple[Person, ...],
    n: int,
    items_mode: str,
) -> list[Item]:
    speakers = _speakers(people)
    items: list[Item] = []
    run: Person | None = None  # the speaker of the current paragraph run
    bullets = 0.5
    while len(items) < n:
        topic = rng.choice(topics)
        obj = rng.choice(TOPICS[topic])
        drawn = rng.random() < bullets
        bullet = items_mode in ("bullets", "numbered") or (items_mode == "mixed" and drawn)
        roll = rng.random() if speakers else 0.95
        if run is not None and roll < 0.35:
            text = w.body(topic, obj)
            t = TruthStatement(question, text, run.organisation, run.name, "inferred")
            items.append(Item(((None, text, t),), drawn))
            continue
        if roll < 0.62:
            p = rng.choice(speakers)
            label = _label_for(rng, p)
            body = w.body(topic, obj, lower=rng.random() < 0.5)
            t = TruthStatement(question, f"{label}: {body}", p.organisation, p.name, "explicit")
            parts = [(label, body, t)]
            others = [s for s in speakers if s is not p]
            if others and rng.random() < 0.2:  # several turns in one paragraph
                q = rng.choice(others)
                label2 = _label_for(rng, q)
                body2 = w.body(topic, rng.choice(TOPICS[topic]))
                t2 = TruthStatement(
                    question, f"{label2}: {body2}", q.organisation, q.name, "explicit"
                )
                parts.append((label2, body2, t2))
                p = q
            items.append(Item(tuple(parts), drawn))
            run = None if bullet else p
            continue
        if roll < 0.8:
            p = rng.choice(speakers)
            how = rng.random()
            if how < 0.4:
                subject = p.name
            elif how < 0.6:
                subject = f"{TITLES[p.female].capitalize()} {_surname(p.name)}"
            else:
                subject = p.label or p.name
            text = w.body(topic, obj, f"{subject} {rng.choice(SAYS)} dat {w.sub(obj)}.")
            t = TruthStatement(question, text, p.organisation, p.name, "explicit")
            items.append(Item(((None, text, t),), drawn))
            run = None if bullet else p
            continue
        if roll < 0.92 and len(speakers) >= 2:
            a, b = rng.sample(speakers, 2)
            opener = rng.choice(GROUP_OPENERS).format(a=a.label, b=b.label)
            text = w.body(topic, obj, f"{opener} {w.sub(obj)}.")
        else:
            text = w.body(topic, obj)
            if run is not None:  # plain text in a paragraph run continues it
                continue
        t = TruthStatement(question, text, None, None, "none")
        items.append(Item(((None, text, t),), drawn))
        run = None
    return items


def _person_name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.5
    last = rng.choice(TV_SURNAME) if rng.random() < 0.4 else rng.choice(SURNAME)
    return f"{rng.choice(FIRST)} {last}", female


def _content(rng: random.Random, number: int, layout: Layout) -> Case:
    w = _Writer(rng)
    people: tuple[Person, ...] = ()
    while not people or len({_surname(p.name) for p in people}) < len(people):
        people = tuple(  # distinct surnames: "Dhr. Kolk" must name one person
            Person(name, role, org, label, rng.random() < 0.5)
            for name, role, org, label in _attendees(rng)
        )
    day = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randrange(0, 1400))
    if rng.random() < 0.6:
        day_text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    else:
        day_text = day.strftime(rng.choice(("%d-%m-%Y", "%Y-%m-%d")))
    picked = rng.sample(QUESTIONS, rng.randint(2, 3))
    sections = tuple(
        (q, tuple(_section_items(rng, w, q, topics, people, rng.randint(3, 7), layout.items)))
        for q, topics in picked
    )
    official, _ = _person_name(rng)
    office = rng.choice(OFFICIALS)
    surname = _surname(official)
    closing_text = (
        f"{office} {surname} sluit af en bedankt iedereen voor de open en betrokken inbreng. "
        "De opbrengst wordt meegenomen in de verdere uitwerking van de visie."
    )
    closing = Item(((None, closing_text, TruthStatement("", closing_text, None, surname,
                                                        "explicit")),), False)  # fmt: skip
    title_num = {"roman": roman(number), "arabic": str(number)}.get(layout.title, roman(number))
    if layout.title == "gespreksverslag":
        title = f"Gespreksverslag visie sociaal domein {title_num}"
    else:
        title = f"Verslag gesprek visie sociaal domein {title_num}"
    return Case(number, title, day, day_text, people, sections, closing, layout)


# -- layout -----------------------------------------------------------------------------------


def _layout(rng: random.Random, fmt: str) -> Layout:
    table = rng.random() < 0.5
    question = "row" if table else rng.choice(("heading", "bold", "numbered", "plain"))
    qmark = question == "plain" or rng.random() < 0.7
    if table:
        shapes = ("runon", "lines", "inline", "table2") if fmt != "pdf" else ("runon", "lines")
    else:
        shapes = ("runon", "inline", "list", "table2") if fmt in ("html", "docx", "md") else (
            "runon", "inline", "list")  # fmt: skip
    return Layout(
        fmt=fmt,
        table=table,
        question=question,
        qmark=qmark,
        wrap_labels=table and fmt in ("pdf", "docx", "html") and rng.random() < 0.6,
        attendees=rng.choice(shapes),
        titles=rng.random() < 0.3,
        namens=rng.choice(("", "", "before", "after")),
        items=rng.choice(("bullets", "paragraphs", "numbered", "mixed")),
        bold_labels=rng.random() < 0.5 and fmt != "txt",
        date=rng.choice(("row", "line", "title")) if not table else rng.choice(("row", "title")),
        title=rng.choice(("roman", "roman", "arabic", "gespreksverslag")),
        debris=rng.random() < 0.5,
        hyphenate=fmt == "pdf" and rng.random() < 0.6,
        closing_heading=not table and rng.random() < 0.5,
    )


def build_cases(n: int, seed: int = 0) -> list[Case]:
    """`n` verslagen cycling through all formats; layout and content from separate streams."""
    cases = []
    for i in range(n):
        fmt = FORMATS[i % len(FORMATS)]
        layout = _layout(random.Random(f"layout:{seed}:{i}"), fmt)
        case = _content(random.Random(f"content:{seed}:{i}"), i + 1, layout)
        cases.append(
            Case(**{**case.__dict__, "name": f"layout-{seed}-{i:04d}.{fmt}"})  # type: ignore[arg-type]
        )
    return cases


# -- rendering helpers ------------------------------------------------------------------------


def attendee_entry(p: Person, layout: Layout) -> str:
    """One attendee as a line: title, name, role, 'namens' before or after the organisation."""
    name = f"{TITLES[p.female]} {p.name}" if layout.titles else p.name
    if layout.namens == "before" and p.organisation:
        return f"namens {p.organisation}: {name} ({p.role.split()[0]})"
    if layout.namens == "after" and p.organisation:
        return f"{name} ({p.role.split()[0]}) namens {p.organisation}"
    return f"{name}, {p.role}"


def attendee_cells(case: Case) -> list[tuple[str, str]]:
    """(name, role and organisation) pairs for a two-column attendee table."""
    titled = case.layout.titles
    return [(f"{TITLES[p.female]} {p.name}" if titled else p.name, p.role) for p in case.attendees]


def date_line(case: Case) -> str:
    return case.date_text


def title_line(case: Case) -> str:
    if case.layout.date == "title":
        return f"{case.title} – {case.date_text}"
    return case.title


def question_text(q: str, layout: Layout, i: int) -> str:
    text = q if layout.qmark else q.rstrip("?")
    if layout.question == "numbered":
        return f"{i + 1}. {text}"
    return text


def wrap_label(text: str) -> list[str]:
    """The label as it wraps in a narrow column: about 22 characters a line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= 22:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def item_bullet(item: Item, layout: Layout, k: int) -> str:
    """The list marker an item gets in this layout ('' for a paragraph)."""
    if layout.items == "paragraphs":
        return ""
    if layout.items == "bullets" or (layout.items == "mixed" and item.bullet):
        return "•"
    if layout.items == "numbered":
        return f"{k + 1}."
    return ""


def is_bullet(item: Item, layout: Layout) -> bool:
    return layout.items in ("bullets", "numbered") or (layout.items == "mixed" and item.bullet)


def plain_parts(item: Item) -> str:
    return " ".join(t.text for _, _, t in item.parts)


def rendered_parts(item: Item, bold: bool, fmt: str) -> str:
    out = []
    for label, body, _ in item.parts:
        if label is None:
            out.append(html.escape(body, quote=False) if fmt == "html" else body)
        elif bold and fmt == "md":
            out.append(f"**{label}:** {body}")
        elif bold and fmt == "html":
            out.append(f"<strong>{html.escape(label)}:</strong> {html.escape(body, quote=False)}")
        elif fmt == "html":
            out.append(html.escape(f"{label}: {body}", quote=False))
        else:
            out.append(f"{label}: {body}")
    return " ".join(out)


def intro() -> tuple[str, ...]:
    return INTRO[:2]


def running_header(case: Case) -> str:
    return f"Gemeente Midden-Groningen · {case.title}"


def to_bytes_docx(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())
