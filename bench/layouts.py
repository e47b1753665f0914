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
import random
from dataclasses import dataclass, field
from typing import Literal

from bench.synth import (
    FIRST,
    MONTHS,
    SAYS,
    SURNAME,
    TOPICS,
    TV_SURNAME,
    _attendees,
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
    "Er is afgesproken dat {a} en {b} samen nagaan of",
    "Door {a} en {b} wordt allebei benadrukt dat",
)
HONORIFICS = ("", "", "", "drs.", "ds.", "wethouder")
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
    # A further paragraph of the same bullet (its speaker's turn goes on): (text, truth).
    more: tuple[str, TruthStatement] | None = None


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str | None
    label: str | None  # organisation label used in the text ("Humanitas")
    female: bool
    honorific: str = ""  # "drs.", "ds." or an office ("wethouder") before the name


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
        return [t for i in items for t in (*(p[2] for p in i.parts), *(i.more or ())[1:])]


# -- content ----------------------------------------------------------------------------------


class _UniqueWriter(_Writer):
    """A writer whose texts never open with a sentence used before in the same verslag, so
    the scorer can tell every statement by its first sentence."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.firsts: set[str] = set()

    def body(self, topic: str, obj: str, opener: str | None = None, lower: bool = False) -> str:
        text = super().body(topic, obj, opener, lower)
        for _ in range(30):
            first = text.split(". ")[0].lower()
            if first not in self.firsts:
                break
            text = super().body(topic, self.r.choice(TOPICS[topic]), opener, lower)
        self.firsts.add(text.split(". ")[0].lower())
        return text


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
                if rng.random() < 0.5:  # "…. Humanitas: …" or "…. Humanitas vindt dat …"
                    t2 = TruthStatement(
                        question, f"{label2}: {body2}", q.organisation, q.name, "explicit"
                    )
                    parts.append((label2, body2, t2))
                else:
                    subject2 = q.label or q.name
                    said = f"{subject2} {rng.choice(SAYS)} dat {w.sub(obj)}."
                    body2 = w.body(topic, obj, said)
                    t2 = TruthStatement(question, body2, q.organisation, q.name, "explicit")
                    parts.append((None, body2, t2))
                p = q
            items.append(Item(tuple(parts), drawn, _more(rng, w, question, topic, p, bullet)))
            run = None if bullet else p
            continue
        if roll < 0.8:
            p = rng.choice(speakers)
            how = rng.random()
            if how < 0.35:
                subject = p.name
            elif how < 0.5:
                subject = f"{TITLES[p.female].capitalize()} {_surname(p.name)}"
            elif how < 0.6 and p.label and " " not in p.label:
                subject = f"De {p.label}"  # "De Voedselbank vindt …"
            else:
                subject = p.label or p.name
            opener = f"{subject} {rng.choice(SAYS)} dat {w.sub(obj)}."
            if how >= 0.85 and p.label:  # "… is volgens Humanitas een punt van zorg."
                opener = f"{obj[0].upper()}{obj[1:]} is volgens {p.label} {rng.choice(WORRY)}."
            text = w.body(topic, obj, opener)
            t = TruthStatement(question, text, p.organisation, p.name, "explicit")
            items.append(Item(((None, text, t),), drawn, _more(rng, w, question, topic, p, bullet)))
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


WORRY = ("een punt van zorg", "nog onderbelicht", "een belangrijk aandachtspunt")


def _more(
    rng: random.Random, w: _Writer, question: str, topic: str, p: Person, bullet: bool
) -> tuple[str, TruthStatement] | None:
    """Sometimes a bullet gets a further paragraph: still that speaker's turn."""
    if not bullet or rng.random() > 0.3:
        return None
    text = w.body(topic, rng.choice(TOPICS[topic]))
    return text, TruthStatement(question, text, p.organisation, p.name, "inferred")


def _person_name(rng: random.Random) -> tuple[str, bool]:
    female = rng.random() < 0.5
    last = rng.choice(TV_SURNAME) if rng.random() < 0.4 else rng.choice(SURNAME)
    return f"{rng.choice(FIRST)} {last}", female


def _content(rng: random.Random, number: int, layout: Layout) -> Case:
    w = _UniqueWriter(rng)
    people: tuple[Person, ...] = ()
    while not people or len({_surname(p.name) for p in people}) < len(people):
        people = tuple(  # distinct surnames: "Dhr. Kolk" must name one person
            Person(name, role, org, label, rng.random() < 0.5, rng.choice(HONORIFICS))
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
        date=rng.choice(("row", "line", "title", "place"))
        if not table
        else rng.choice(("row", "title", "place")),
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
