"""Deterministic synthetic verslagen for benchmarks and scale tests.

    python bench/synth.py OUTDIR --statements 25000 [--seed 0] [--formats txt,md,html,docx,pdf]

Writes verslagen shaped like the sample record (title, boilerplate intro, a 2-column table with
`Aanwezig`, `Datum gesprek` and two question rows, a closing paragraph) until the requested number
of statements is reached, cycling through the formats with weights txt 30%, md 25%, html 20%,
docx 15%, pdf 10%, and prints a one-line JSON summary. A statement is one paragraph or bullet in a
question row; the closing paragraph is not counted. Everything derives from the seed: the same
arguments give the same files (txt/md/html/docx/pdf byte for byte).

`build_verslagen()` yields the ground truth (speaker, organisation, persons, attribution of every
statement) so a benchmark can score the parser against it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import random
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Attribution = Literal["explicit", "inferred", "none"]
ALL: tuple[str, ...] = ("txt", "md", "html", "docx", "pdf")
WEIGHTS: dict[str, int] = {"txt": 6, "md": 5, "html": 4, "docx": 3, "pdf": 2}
Q_VISIE = "Hoe kijk je tegen de visie aan?"
Q_OPGAVEN = "Hoe kijk je tegen de 8 opgaven aan?"
UL = '<ul style="list-style-type: none">'
BREAK = "\n\n\t"  # page break in the txt/md export: blank line, then a TAB-indented continuation

INTRO = (
    "In de gemeente Midden-Groningen denken we na over een echte verandering in het sociaal domein"
    " die gaat over hoe we minder vanuit een professioneel aanbod kunnen werken en meer samen met"
    " onze inwoners, minder over en meer met inwoners praten en beslissen.",
    "Er zijn 2 directe aanleidingen voor deze vraag. De gemeente is sinds 2015 verantwoordelijk"
    " voor vrijwel alle hulp en ondersteuning aan inwoners in het sociaal domein. Voorbeelden zijn"
    " huishoudelijke hulp, psychosociale ondersteuning, armoedebestrijding, jeugdzorg en"
    " voorzieningen voor werk & inkomen. Wij geloven dat de huidige werkwijze beter kan ondanks dat"
    " we zien dat veel professionals heel hard hun best doen om de beste hulp voor onze inwoners te"
    " bieden. Daar komt bij dat Midden-Groningen, net als vrijwel alle andere gemeenten in"
    " Nederland, te maken heeft met grote financiële tekorten in het sociaal domein die een"
    " verandering noodzakelijk maken.",
    "We hebben onze eerste ideeën over bovengenoemde verandering opgeschreven in een visie met de"
    " naam Sociale veerkracht in de praktijk. Hierin zijn 8 opgaven beschreven die bijdragen aan de"
    " gewenste verandering. We hebben vervolgens een aantal sleutelfiguren uit de samenleving"
    " uitgenodigd om reflectie te geven op onze ideeën. Dit heeft geleid tot 6 gesprekken. Dit"
    " verslag is een weergave van de opbrengsten van de gesprekken.",
)

# (full name, speaker label). Labels repeat across branches; a verslag never has two with one label.
ORGS: tuple[tuple[str, str], ...] = (
    *((f"Voedselbank {p}", "Voedselbank") for p in ("Hoogezand-Sappemeer", "Slochteren")),
    *((f"Stichting Welzijn {p}", f"Welzijn {p}") for p in ("Menterwolde", "Kolham", "Foxhol")),
    *(
        (f"Vereniging Dorpsbelangen {p}", p)
        for p in ("Siddeburen", "Harkstede", "Kiel-Windeweer", "Froombosch", "Tjuchem", "Steendam")
    ),
    *((f"Buurtzorg {p}", f"Buurtzorg {p}") for p in ("Hoogezand Noord", "Slochteren", "Zuidbroek")),
    *((f"Humanitas afdeling {p}", "Humanitas") for p in ("Menterwolde", "Sappemeer", "Muntendam")),
    ("Stichting Taalhuis Midden-Groningen", "Taalhuis"),
    ("Stichting Leergeld Midden-Groningen", "Leergeld"),
    ("SchuldHulpMaatje Hoogezand", "SchuldHulpMaatje"),
    ("Jongerenwerk Kielzog", "Kielzog"),
    ("Vrijwilligerscentrale Midden-Groningen", "Vrijwilligerscentrale"),
    ("Zorgcoöperatie Noordbroek", "Zorgcoöperatie Noordbroek"),
    ("Woningstichting Groen Wonen", "Groen Wonen"),
    ("Huisartsenpraktijk De Borgstee", "De Borgstee"),
    ("Ouderenbond Sappemeer", "Ouderenbond"),
    ("Mantelzorgsteunpunt Midden-Groningen", "Mantelzorgsteunpunt"),
    ("Stichting Buurtbemiddeling Oost-Groningen", "Buurtbemiddeling"),
    ("Cliëntenraad Sociaal Domein Midden-Groningen", "Cliëntenraad"),
    ("Werkbedrijf Noordoost", "Werkbedrijf"),
    ("Openbare Basisschool De Wilgenhoek", "De Wilgenhoek"),
    ("Vluchtelingenwerk Hoogezand", "Vluchtelingenwerk"),
    ("Diaconie Muntendam", "Diaconie"),
    ("Dorpshuis De Spinde Meeden", "De Spinde"),
    ("Stichting Herstelrecht Noord", "Herstelrecht Noord"),
    ("Bibliotheek Midden-Groningen", "Bibliotheek"),
    ("Stichting Present Hoogezand", "Present"),
    ("Sociaal Raadslieden Groningen", "Sociaal Raadslieden"),
    ("Jeugdpraktijk Het Anker", "Het Anker"),
    ("Sportvereniging Be Quick Zuidbroek", "Be Quick"),
)

FIRST = (
    "Anne", "Bert", "Hans", "Marja", "Arie", "Jannie", "Jos", "Klaas", "Geesje", "Hilda", "Roelof",
    "Sietske", "Harm", "Ineke", "Wietske", "Jelle", "Trijntje", "Gerrit", "Mieke", "Sjoerd",
    "Froukje", "Henk", "Alida", "Pieter", "Esther", "Rudolf", "Yvonne", "Johan", "Karin", "Egbert",
)  # fmt: skip
DOUBLE_FIRST = ("Jan Jakob", "Anne Marie", "Klaas Jan", "Jan Willem", "Marie José", "Hendrik Jan")
SURNAME = (
    "Kolk", "Berens", "Boersma", "Koster", "Rietveld", "Dijkstra", "Bakker", "Smit", "Mulder",
    "Hoekstra", "Veenstra", "Huizinga", "Wierenga", "Zuidema", "Kramer", "Oosting", "Schuiling",
    "Brouwer", "Wubbels", "Bolhuis", "Timmer", "Nienhuis", "Kuipers", "Oldenhuis", "Stol",
    "Tammes",
)  # fmt: skip
TV_SURNAME = (
    "van der Wal", "ter Horst", "van den Berg", "de Vries", "de Boer", "van der Velde", "de Haan",
    "van den Heuvel", "ter Veen", "van Dijk", "de Jong", "van der Molen", "van Wijk", "ter Borg",
)  # fmt: skip
ROLES = (
    "voorzitter", "directeur", "regiomanager", "bestuurslid", "coördinator", "secretaris",
    "teamleider", "penningmeester", "projectleider", "opbouwwerker", "wijkverpleegkundige",
)  # fmt: skip
PAST = ("journalist", "wethouder", "huisarts", "coördinator aanpak tegen mensenhandel", "docent")
EXTRA_ROLE = ("coach en stagebegeleider", "mantelzorger", "lid van de Cliëntenraad", "vrijwilliger")

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# Sentence vocabulary. Places never coincide with a Dorpsbelangen label, so no sentence opens
# with something a parser could take for a speaker.
PLACES = ("Hoogezand", "Sappemeer", "Kolham", "Foxhol", "Martenshoek", "Zuidbroek", "Meeden")
ACTORS: tuple[tuple[str, bool], ...] = (  # (noun phrase, plural)
    ("de gemeente", False), ("het sociaal team", False), ("de sociale teams", True),
    ("aanbieders", True), ("professionals", True), ("ambtenaren", True), ("het onderwijs", False),
    ("huisartsen", True), ("de woningcorporaties", True), ("het welzijnswerk", False),
    ("de wijkverpleging", False), ("het college", False), ("de kerken", True),
)  # fmt: skip
GROUPS = (
    "ouderen", "jongeren", "alleenstaande ouders", "statushouders", "mensen met schulden",
    "inwoners met een beperking", "mantelzorgers", "gezinnen met weinig geld", "werkzoekenden",
    "laaggeletterde inwoners", "eenzame ouderen", "risicojongeren", "nieuwkomers",
    "mensen zonder sociaal netwerk",
)  # fmt: skip
TOPICS: dict[str, tuple[str, ...]] = {
    "visie": ("de visie", "het stuk", "de regierol van de gemeente", "eigenaarschap bij inwoners",
              "de houding van professionals", "de samenwerking tussen aanbieders",
              "vertrouwen in inwoners", "het integrale verhaal", "de menselijke maat"),
    "armoede": ("armoedebestrijding", "schuldhulpverlening", "de minimaregelingen",
                "stille armoede", "kinderen in armoede", "het armoedebeleid",
                "bijzondere bijstand"),
    "brievenbusproblemen": ("brieven van de gemeente", "onbegrijpelijke formulieren",
                            "ongeopende post", "aanmaningen", "de thuisadministratie",
                            "de brievenbusproblemen"),
    "laaggeletterdheid": ("laaggeletterdheid", "taalcursussen", "digitale vaardigheden",
                          "eenvoudige taal", "taalmaatjes", "het Taalpunt"),
    "veiligheid": ("herstelgericht werken", "huiselijk geweld", "overlast in de wijk",
                   "de wijkagent", "herstelgesprekken", "veiligheid in de buurt"),
    "burgerinitiatieven": ("burgerinitiatieven", "de inventarisatie van burgerinitiatieven",
                           "dorpshuizen", "het initiatievenfonds", "buurtcollectieven"),
    "jeugd": ("jeugd en onderwijs", "de jeugdzorg", "schoolmaatschappelijk werk",
              "vroegtijdig schoolverlaten", "het jongerenwerk"),
    "omgevingswet": ("de omgevingswet", "participatie bij ruimtelijke plannen", "dorpsvisies",
                     "bewonersparticipatie", "de inrichting van de openbare ruimte"),
    "welzijn": ("welzijn als voorliggende voorziening", "het ouderenwerk", "preventie",
                "algemene voorzieningen", "de huiskamer in het dorp"),
    "sociale teams": ("de sociale teams", "keukentafelgesprekken", "de toegang tot hulp",
                      "de kennis van de sociale teams", "een vast aanspreekpunt"),
    "werk": ("re-integratie", "werk en inkomen", "de arbeidsmarkt", "beschut werk",
             "dagbesteding", "leerwerkplekken"),
    "vrijwilligers": ("vrijwilligers", "maatjesprojecten", "mantelzorg", "het vrijwilligerswerk",
                      "ontmoetingsplekken", "ervaringsdeskundigen"),
}  # fmt: skip
SECTION_TOPICS = {
    Q_VISIE: ("visie", "visie", "sociale teams", "werk", "vrijwilligers", "welzijn"),
    Q_OPGAVEN: ("armoede", "brievenbusproblemen", "laaggeletterdheid", "veiligheid",
                "burgerinitiatieven", "jeugd", "omgevingswet", "welzijn", "sociale teams", "werk"),
}  # fmt: skip
OPGAVE_NAMES = {
    "armoede": "armoede", "brievenbusproblemen": "brievenbusproblemen",
    "laaggeletterdheid": "laaggeletterdheid", "veiligheid": "veiligheid en herstelgericht werken",
    "burgerinitiatieven": "inventarisatie van burgerinitiatieven",
}  # fmt: skip
SUGGESTED = {"jeugd": "jeugd/onderwijs", "omgevingswet": "de omgevingswet", "welzijn": "welzijn"}
ADV = ("eerder", "vaker", "beter", "structureel", "meer", "dichter bij huis", "laagdrempelig")
GOOD = ("een vast aanspreekpunt", "een maatje", "korte lijnen", "een warme overdracht",
        "een laagdrempelige inloop", "één plan per gezin", "ruimte voor maatwerk")  # fmt: skip
CONSEQ = ("voelen mensen zich gehoord", "worden problemen eerder gesignaleerd",
          "hoeven inwoners hun verhaal niet steeds opnieuw te vertellen",
          "groeit het vertrouwen in de gemeente", "blijven de kosten beheersbaar")  # fmt: skip
EXAMPLES = ("het buurtcafé", "de inloop in het dorpshuis", "het repaircafé", "de maaltijdservice",
            "het taalcafé", "de moestuin bij de school", "het spreekuur in de bibliotheek",
            "de formulierenbrigade", "de wandelgroep", "het jongerenpanel")  # fmt: skip
VALUES = ("vertrouwen", "persoonlijk contact", "tijd en aandacht", "continuïteit", "eigen regie",
          "respect", "geduld")  # fmt: skip
RESOURCES = ("ervaringsdeskundigen", "vrijwilligers", "buurtwerkers", "vaste wijkteams",
             "mensen uit het dorp zelf", "jongerenwerkers")  # fmt: skip
BAD = ("alleen structuren te veranderen", "nieuwe loketten te openen", "te veel te registreren",
       "steeds nieuwe projecten te starten", "alles via een website te regelen")  # fmt: skip
JUDGE = ("positief benoemd", "als herkenbaar gezien", "nog te abstract gevonden",
         "als belangrijk ervaren", "te beknopt omschreven gevonden")  # fmt: skip
SAYS = ("vindt", "geeft aan", "benadrukt", "merkt op", "is van mening", "vertelt", "ziet")
GENERAL = ("Algemeen wordt opgemerkt", "Er wordt opgemerkt", "Vanuit de groep wordt opgemerkt",
           "Meerdere aanwezigen merken op", "De aanwezigen zijn het erover eens")  # fmt: skip


MAIN = (
    "{A} {moet} {adv} investeren in {obj}.",
    "Er is te weinig aandacht voor {obj} in {place}.",
    "{G} komen bij {obj} vaak te laat in beeld.",
    "Zorg voor {good} bij {obj}, dan {conseq}.",
    "Het valt op dat {sub}.",
    "Een goed voorbeeld is {example} in {place}.",
    "Kijk naar wat al goed gaat bij {obj} en borduur daarop voort.",
    "{G} weten vaak niet waar ze terecht kunnen met vragen over {obj}.",
    "Er is te weinig contact tussen {a} en {a2} over {obj}.",
    "Uitwerking van {obj} kan concreter, bijvoorbeeld door de inzet van {resource}.",
    "Maak duidelijke afspraken met {a2} over {obj}.",
    "In {place} zien we dat {sub}.",
    "{A} {heeft} nog te weinig zicht op {obj}.",
    "Geld is niet altijd het belangrijkste bij {obj}; het gaat om {value}.",
    "Voor {g} is {obj} vaak een te hoge drempel.",
    "Dat vraagt om {value} van {a2}.",
    "Zonder {value} bereik je {g} niet.",
    "Pak de kern van het probleem aan in plaats van {bad}.",
    "Wees er vroeg bij met {obj}, voordat het een groot probleem wordt.",
    "{A} {moet} {g} actief opzoeken, bijvoorbeeld via {example}.",
    "Bij {obj} gaat het vaak om {value}, niet om regels.",
    "Betrek {g} zelf bij {obj}.",
    "Gebruik de kennis van {resource} bij {obj}.",
    "Het zou helpen als {a} en {a2} samen optrekken bij {obj}.",
    "Zorgelijk is dat {sub}.",
)
SUB = (
    "{a} {adv} {moet} investeren in {obj}",
    "er te weinig aandacht is voor {obj} in {place}",
    "{g} bij {obj} vaak te laat in beeld komen",
    "de afstand tussen {a} en {g} groter wordt",
    "{a} meer tijd {moet} nemen voor {g}",
    "een aanpak van {obj} alleen werkt als {a} en {a2} echt samenwerken",
    "{g} de weg naar {obj} niet vinden",
    "de visie te veel over structuren gaat en te weinig over {obj}",
    "{a} {kan} leren van {example} in {place}",
    "het vertrouwen van {g} alleen groeit door {value}",
    "{resource} bij {obj} een grotere rol kunnen spelen",
)
TOPIC_MAIN = {
    **dict.fromkeys(OPGAVE_NAMES, ("Opgave {opgave} wordt {judge}.",)),
    **dict.fromkeys(SUGGESTED, ("Suggestie om {suggested} als aparte opgave toe te voegen.",)),
    "visie": ("Mooi dat {obj} zo een plek krijgt in het sociaal domein.",),
}


@dataclass(frozen=True)
class SynthStatement:
    """Ground truth for one statement; `text` is the plain form (`Label: body` when labelled)."""

    section: str
    text: str
    label: str | None
    organisation: str | None
    persons: tuple[str, ...]
    attribution: Attribution
    bullet: bool
    split: float | None = None  # page break inside this statement (txt/md), at this fraction
    break_before: bool = False  # page break between the previous chunk and this one (txt/md)

    @property
    def body(self) -> str:
        return self.text[len(self.label) + 2 :] if self.label else self.text


@dataclass(frozen=True)
class SynthVerslag:
    """Ground truth for one verslag, plus the layout choices shared by its renderings."""

    number: int
    date: dt.date
    date_text: str
    attendees: tuple[tuple[str, str, str | None], ...]  # (name, role text, organisation)
    statements: tuple[SynthStatement, ...]
    closing: str
    label_in_p: bool
    first_plain: bool
    empty_row: bool

    @property
    def title(self) -> str:
        return f"Verslag gesprek visie sociaal domein {roman(self.number)}"

    @property
    def aanwezig(self) -> str:
        return " ".join(f"{name}, {role}" for name, role, _ in self.attendees)

    def section(self, question: str) -> list[SynthStatement]:
        return [s for s in self.statements if s.section == question]


def roman(n: int) -> str:
    """Roman numeral for 1 <= n < 4000."""
    out = []
    for value, sym in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    ):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def format_cycle(formats: Sequence[str]) -> Iterator[str]:
    """Endless smooth weighted round-robin over `formats` (deterministic, evenly interleaved)."""
    weights = {f: WEIGHTS[f] for f in formats}
    total = sum(weights.values())
    current = dict.fromkeys(weights, 0)
    while True:
        for f, w in weights.items():
            current[f] += w
        pick = max(current, key=lambda f: current[f])
        current[pick] -= total
        yield pick


class _Writer:
    """Sentence factory for one verslag; every choice comes from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def c(self, seq: Sequence[str]) -> str:
        return self.r.choice(seq)

    def slots(self, obj: str) -> dict[str, str]:
        """Fillers for MAIN/SUB templates; verbs agree with the actor `a`."""
        (a, plural), (a2, _) = self.r.sample(ACTORS, 2)
        g = self.c(GROUPS)
        resource = self.c([r for r in RESOURCES if r != obj])
        verbs = ("moeten", "kunnen", "hebben") if plural else ("moet", "kan", "heeft")
        return dict(
            obj=obj, a=a, A=a[0].upper() + a[1:], a2=a2, g=g, G=g[0].upper() + g[1:],
            moet=verbs[0], kan=verbs[1], heeft=verbs[2], adv=self.c(ADV), place=self.c(PLACES),
            good=self.c(GOOD), conseq=self.c(CONSEQ), example=self.c(EXAMPLES),
            value=self.c(VALUES), resource=resource, bad=self.c(BAD),
        )  # fmt: skip

    def sub(self, obj: str) -> str:
        """A subordinate clause (verb-final, PP extraposed) about `obj`."""
        return self.c(SUB).format(**self.slots(obj))

    def main(self, topic: str, obj: str, used: set[str] | None = None) -> str:
        """A main-clause sentence about `obj`, not from a template in `used`."""
        options = [*MAIN, *TOPIC_MAIN.get(topic, ())]
        if used:
            options = [t for t in options if t not in used] or options
        template = self.c(options)
        if used is not None:
            used.add(template)
        slots = self.slots(obj)
        if "{sub}" in template:
            slots["sub"] = self.sub(obj)
        if "{opgave}" in template:
            slots["opgave"] = OPGAVE_NAMES[topic]
        if "{suggested}" in template:
            slots["suggested"] = SUGGESTED[topic]
        if "{judge}" in template:
            slots["judge"] = self.c(JUDGE)
        return template.format(**slots)

    def body(self, topic: str, obj: str, opener: str | None = None, lower: bool = False) -> str:
        """`opener` (else a main sentence on `obj`) plus sentences on `topic`, ~150-400 chars."""
        target = self.r.randint(150, 380)
        used: set[str] = set()
        first = opener or self.main(topic, obj, used)
        sentences = [first[0].lower() + first[1:] if lower else first]
        while (total := sum(len(s) + 1 for s in sentences)) < target:
            sentences.append(self.main(topic, self.c(TOPICS[topic]), used))
        if total > 401 and len(sentences) > 1 and total - len(sentences[-1]) > 151:
            sentences.pop()
        return " ".join(sentences)


def _person(rng: random.Random) -> str:
    first = rng.choice(DOUBLE_FIRST) if rng.random() < 0.15 else rng.choice(FIRST)
    last = rng.choice(TV_SURNAME) if rng.random() < 0.4 else rng.choice(SURNAME)
    return f"{first} {last}"


def _attendees(rng: random.Random) -> list[tuple[str, str, str | None, str | None]]:
    """2-5 (name, role text, organisation, label) with distinct names and speaker labels."""
    people: list[tuple[str, str, str | None, str | None]] = []
    names: set[str] = set()
    labels: set[str] = set()
    wanted = rng.randint(2, 5)
    while len(people) < wanted:
        name = _person(rng)
        org, label = rng.choice(ORGS)
        if name in names or label in labels:
            continue
        role = rng.choice(ROLES)
        roll = rng.random()
        if roll < 0.12:  # no organisation named
            text = f"{role}, voorheen {rng.choice(PAST)}, {rng.choice(EXTRA_ROLE)}"
            org = label = None
        elif roll < 0.3:
            text = f"{role} {org}, voorheen {rng.choice(PAST)}"
        elif roll < 0.4:
            text = f"{role} {org} (en andere organisaties)"
        elif roll < 0.5:
            text = f"{role} {org}, {rng.choice(EXTRA_ROLE)}"
        else:
            text = f"{role} {org}"
        names.add(name)
        if label:
            labels.add(label)
        people.append((name, text, org, label))
    return people


def _statements(
    rng: random.Random,
    n: int,
    people: list[tuple[str, str, str | None, str | None]],
    seen: set[str],
) -> list[SynthStatement]:
    """`n` unique statements over the two questions, in speaker runs."""
    w = _Writer(rng)
    speakers = [p for p in people if p[2]]
    attributed = bool(speakers) and rng.random() > 0.15  # else like gesprek I: nobody named
    bullets = rng.choice((0.1, 0.5, 0.9))
    n_visie = max(1, round(n * rng.uniform(0.35, 0.55))) if n > 1 else n
    out: list[SynthStatement] = []
    for question, count in ((Q_VISIE, n_visie), (Q_OPGAVEN, n - n_visie)):
        run: tuple[str, str | None, tuple[str, ...]] | None = None  # (org, label, persons)
        for i in range(count):
            for _ in range(100):
                topic = rng.choice(SECTION_TOPICS[question])
                obj = rng.choice(TOPICS[topic])
                label, org, persons = None, None, ()
                attribution: Attribution = "none"
                kind = rng.random() if attributed else 1.0
                next_run = run
                if run and kind < 0.45:  # unlabelled continuation of the current speaker
                    org, _, persons = run
                    attribution = "inferred"
                    text = w.body(topic, obj)
                elif kind < 0.85:
                    name, _, org, lab = rng.choice(speakers)
                    assert org and lab
                    attribution = "explicit"
                    how = rng.random()
                    if how < 0.45:
                        label = lab
                        text = f"{lab}: {w.body(topic, obj, lower=rng.random() < 0.4)}"
                    elif how < 0.7:
                        persons = (name,)
                        opener = rng.choice((
                            f"{name} {w.c(SAYS)} dat {w.sub(obj)}.",
                            f"{name} heeft vanuit {org} ervaring met {obj} en ziet dat "
                            f"{w.sub(obj)}.",
                        ))  # fmt: skip
                        text = w.body(topic, obj, opener)
                    else:
                        subject = lab if rng.random() < 0.6 else org
                        opener = rng.choice((
                            f"{subject} {w.c(SAYS)} dat {w.sub(obj)}.",
                            f"{subject} mist {obj} in de visie.",
                            f"{subject} pleit voor {w.c(GOOD)} bij {obj}.",
                            f"{subject} maakt zich zorgen over {obj}.",
                        ))  # fmt: skip
                        text = w.body(topic, obj, opener)
                    next_run = (org, lab, persons)
                elif attributed:
                    text = w.body(topic, obj, f"{w.c(GENERAL)} dat {w.sub(obj)}.")
                    next_run = None  # what follows must name its speaker again
                else:
                    text = w.body(topic, obj)
                if text not in seen:
                    break
            seen.add(text)
            run = next_run
            bullet = rng.random() < bullets
            split = round(rng.uniform(0.3, 0.8), 3) if rng.random() < 0.03 else None
            before = i > 0 and split is None and rng.random() < 0.015
            out.append(
                SynthStatement(
                    question, text, label, org, persons, attribution, bullet, split, before
                )
            )
    return out


def _date(rng: random.Random) -> tuple[dt.date, str]:
    day = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randrange(0, 730))
    if rng.random() < 0.65:
        return day, f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return day, day.strftime("%d-%m-%Y")


def _closing(rng: random.Random) -> str:
    chair = _person(rng)
    return (
        f"{chair} {rng.choice(('concludeert', 'stelt vast', 'constateert'))} dat de visie op "
        f"hoofdlijnen wordt gedeeld, met {rng.choice(('een aantal', 'enkele', 'belangrijke'))} "
        "nuanceringen, en dat de aanpak nog verder uitgewerkt moet worden. "
        f"{chair} bedankt allen voor de waardevolle inbreng en het "
        f"{rng.choice(('opbouwend-kritisch', 'open', 'betrokken'))} meedenken. We zullen deze "
        "partijen in het vervolg uit blijven nodigen om mee te denken over het uitwerken van de "
        "visie en het realiseren van sociale veerkracht in de praktijk."
    )


def build_verslagen(statements: int, seed: int = 0) -> Iterator[SynthVerslag]:
    """Yield verslagen numbered 1.. until `statements` statements (20-60 per verslag)."""
    seen: set[str] = set()
    done, number = 0, 0
    while done < statements:
        number += 1
        rng = random.Random(f"raadpleeg-synth:{seed}:{number}")
        left = statements - done
        n = rng.randint(20, 60)
        if left <= 60:
            n = left
        elif left - n < 20:
            n = left - 20
        people = _attendees(rng)
        stmts = _statements(rng, n, people, seen)
        day, day_text = _date(rng)
        yield SynthVerslag(
            number=number,
            date=day,
            date_text=day_text,
            attendees=tuple((name, role, org) for name, role, org, _ in people),
            statements=tuple(stmts),
            closing=_closing(rng),
            label_in_p=rng.random() < 0.3,
            first_plain=rng.random() < 0.3,
            empty_row=rng.random() < 0.4,
        )
        done += n


# -- renderings -----------------------------------------------------------------------------


def _spoken(s: SynthStatement, fmt: str, escape: bool = False) -> str:
    body = html.escape(s.body, quote=False) if escape else s.body
    if not s.label:
        return body
    if fmt == "md":
        return f"**{s.label}**: {body}"
    if fmt == "html":
        return f"<strong>{html.escape(s.label)}:</strong> {body}"
    return f"{s.label}: {body}"


def _split_text(text: str, frac: float) -> tuple[str, str]:
    cut = text.rfind(" ", 0, int(len(text) * frac))
    return (text[:cut], text[cut + 1 :]) if cut > 0 else (text, "")


def _cell(stmts: list[SynthStatement], fmt: str, first_plain: bool) -> str:
    """The TAB-layout value of a question row: HTML fragments, page breaks as BREAK."""
    segments: list[list[str]] = [[]]
    items: list[str] = []  # open bullet list

    def close_list() -> None:
        if items:
            segments[-1].append(UL + "".join(f"<li>• {t}</li>" for t in items) + "</ul>")
            items.clear()

    for s in stmts:
        text = _spoken(s, fmt)
        if s.break_before:
            close_list()
            segments.append([])
        head, tail = _split_text(text, s.split) if s.split else (text, "")
        if s.bullet:
            items.append(head)
        else:
            close_list()
            plain = first_plain and not segments[0]
            segments[-1].append(head if plain else f"<p>{head}</p>")
        if tail:
            close_list()
            segments.append([f"<p>{tail}</p>"])
    close_list()
    return BREAK.join(" ".join(seg) for seg in segments)


def render_tab(v: SynthVerslag, fmt: str) -> str:
    """txt or md in the corpus layout: title, intro, `Label<TAB>Value` rows, closing."""
    md = fmt == "md"
    lines = ["", "", f"## {v.title}" if md else v.title, ""]
    for para in INTRO:
        lines += [f"*{para}*" if md else para, ""]
    lines += [f"Aanwezig\t{v.aanwezig}", f"Datum gesprek\t{v.date_text}"]
    for q in (Q_VISIE, Q_OPGAVEN):
        label = f"<p>{q}</p>" if v.label_in_p and q == Q_OPGAVEN else q
        lines.append(f"{label}\t{_cell(v.section(q), fmt, v.first_plain and q == Q_VISIE)}")
    if v.empty_row:
        lines.append("--\t--")
    lines += ["", v.closing]
    return "\n".join(lines) + "\n"


def render_html(v: SynthVerslag) -> str:
    """A standalone HTML page: `<h1>`, intro `<p>`s, the table, a closing `<p>`."""
    e = html.escape
    rows = [("Aanwezig", e(v.aanwezig)), ("Datum gesprek", e(v.date_text))]
    for q in (Q_VISIE, Q_OPGAVEN):
        chunks: list[str] = []
        for s in v.section(q):
            text = _spoken(s, "html", escape=True)
            if s.bullet:
                if chunks and chunks[-1].startswith(UL):
                    chunks[-1] = chunks[-1][: -len("</ul>")] + f"<li>• {text}</li></ul>"
                else:
                    chunks.append(f"{UL}<li>• {text}</li></ul>")
            else:
                chunks.append(f"<p>{text}</p>")
        rows.append((e(q), "\n".join(chunks)))
    if v.empty_row:
        rows.append(("", ""))
    body = "\n".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    intro = "\n".join(f"<p><em>{e(p)}</em></p>" for p in INTRO)
    return (
        f'<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>{e(v.title)}'
        f"</title></head>\n<body>\n<h1>{e(v.title)}</h1>\n{intro}\n<table>\n{body}\n</table>\n"
        f"<p>{e(v.closing)}</p>\n</body>\n</html>\n"
    )


def render_docx(v: SynthVerslag) -> bytes:
    """A Word document whose body is a 2-column table, one paragraph per statement."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = v.title
    doc.core_properties.author = "raadpleeg synth"
    stamp = dt.datetime(v.date.year, v.date.month, v.date.day, 12, 0, 0)
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.add_heading(v.title, level=1)
    for para in INTRO:
        doc.add_paragraph().add_run(para).italic = True
    table = doc.add_table(rows=0, cols=2)
    rows = [("Aanwezig", v.aanwezig), ("Datum gesprek", v.date_text)]
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for q in (Q_VISIE, Q_OPGAVEN):
        cells = table.add_row().cells
        cells[0].text = q
        for i, s in enumerate(v.section(q)):
            p = cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()
            prefix = "• " if s.bullet else ""
            if s.label:
                p.add_run(prefix)
                p.add_run(f"{s.label}:").bold = True
                p.add_run(f" {s.body}")
            else:
                p.add_run(prefix + s.text)
    if v.empty_row:
        table.add_row()
    doc.add_paragraph(v.closing)
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2019, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def render_pdf(v: SynthVerslag) -> bytes:
    """A PDF: heading lines ("Label:"), paragraphs separated by blank lines, natural page breaks.

    Uses core Helvetica (cp1252, which has the bullet glyph) and its own greedy line wrapping:
    fpdf2's multi_cell is ~30x slower.
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(dt.datetime(v.date.year, v.date.month, v.date.day, tzinfo=dt.UTC))
    pdf.set_title(v.title)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = pdf.t_margin
    widths: dict[tuple[str, str], float] = {}

    def para(text: str, style: str = "", size: float = 10, gap: float = 1.0) -> None:
        nonlocal y
        pdf.set_font("helvetica", style, size)
        step = size * 0.5
        space = pdf.get_string_width(" ")
        line: list[str] = []
        lines, width = [], 0.0
        for word in text.split():
            ww = widths.get((style + str(size), word))
            if ww is None:
                ww = widths[(style + str(size), word)] = pdf.get_string_width(word)
            if line and width + space + ww > pdf.epw:
                lines.append(" ".join(line))
                line, width = [word], ww
            else:
                width += (space if line else 0) + ww
                line.append(word)
        lines.append(" ".join(line))
        for text_line in lines:
            if y + step > pdf.h - pdf.b_margin:
                pdf.add_page()
                y = pdf.t_margin
            y += step
            pdf.text(pdf.l_margin, y, text_line)
        y += step * gap

    para(v.title, "B", 14)
    for p in INTRO:
        para(p, "I")
    for label, value in (("Aanwezig:", v.aanwezig), ("Datum gesprek:", v.date_text)):
        para(label, "B", gap=0)
        para(value)
    for q in (Q_VISIE, Q_OPGAVEN):
        para(q, "B", gap=0)
        for s in v.section(q):
            para(("• " if s.bullet else "") + s.text)
    para(v.closing)
    return bytes(pdf.output())


def render(v: SynthVerslag, fmt: str) -> bytes:
    """The file contents of `v` in `fmt`."""
    if fmt in ("txt", "md"):
        return render_tab(v, fmt).encode("utf-8")
    if fmt == "html":
        return render_html(v).encode("utf-8")
    if fmt == "docx":
        return render_docx(v)
    if fmt == "pdf":
        return render_pdf(v)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(ALL)}")


def _run(
    outdir: Path, statements: int, seed: int, formats: Sequence[str]
) -> list[tuple[Path, int]]:
    unknown = [f for f in formats if f not in ALL]
    if unknown or not formats:
        raise ValueError(f"unknown formats {unknown}; choose from {', '.join(ALL)}")
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for v, fmt in zip(build_verslagen(statements, seed), format_cycle(formats), strict=False):
        path = outdir / f"verslag-gesprek-{roman(v.number)}.{fmt}"
        path.write_bytes(render(v, fmt))
        written.append((path, len(v.statements)))
    return written


def generate(
    outdir: Path, statements: int, seed: int = 0, formats: Sequence[str] = ALL
) -> list[Path]:
    """Write synthetic verslagen with `statements` statements in total; return their paths."""
    return [path for path, _ in _run(Path(outdir), statements, seed, formats)]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--statements", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--formats", default=",".join(ALL), help="comma-separated subset of " + ",".join(ALL)
    )
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    try:
        written = _run(args.outdir, args.statements, args.seed, formats)
    except ValueError as exc:
        ap.error(str(exc))
    by_format: dict[str, dict[str, int]] = {f: {"files": 0, "statements": 0} for f in formats}
    for path, n in written:
        by_format[path.suffix[1:]]["files"] += 1
        by_format[path.suffix[1:]]["statements"] += n
    summary = {
        "files": len(written),
        "statements": sum(n for _, n in written),
        "by_format": by_format,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
