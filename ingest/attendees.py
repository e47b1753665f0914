"""Attendees from the `Aanwezig` cell: a run-on string or a one-per-line list.

The run-on string has no separator between people ("Name, role Org Name, role …"), so the
boundary is found where a capitalised run ends in a comma and reads as a person name: it has a
tussenvoegsel, starts with a known first name, or does not follow a lower-case role word.
"""

from __future__ import annotations

import re

from ingest.attendee_text import clean_cells, writer_entries
from ingest.records import Attendee
from ingest.text import collapse_ws, strip_bullet

TUSSENVOEGSELS = frozenset(
    """van de der den ter ten te 't het in op la le du da di del della dos el al ben bin
    von zu""".split()
)
CONNECTORS = frozenset("en van de der den het voor op in aan 't & te ter afdeling locatie".split())

# Common Dutch (and Dutch-resident) first names: only used to decide how many capitalised
# words before a surname belong to the name ("Noord-Nederland Jannie van der Wal").
FIRST_NAMES = frozenset(
    """aad aafke abdel abdelkader abdul adri adriaan agnes ahmed aisha albert alex alexander
    ali alie alma amber ana andre andré andrea anita anja anke ankie anna anne annelies
    annemarie annet annette anouk ans antoon arend arie arjan arjen arnold aron astrid bart
    bas ben bernard bert berend bianca bram brenda carla carolien caroline cees charlotte
    chris christiaan cisca claudia corné cor cora corrie daan daniel daniël danny david
    dennis dick dirk dina diederik dirkje douwe edwin eefje egbert eline elise ellen elly els
    emma erik ernst esther eva evert fatima fatma femke floor frank frans frederik freek
    frits gerard gerben gerda gerrit gert gertjan gijs greet grietje hans harm harrie
    hendrik henk henny herman hester hilde hilda huub ida ilse inge ineke ingrid iris
    irene jaap jacob jakob jan janneke jannie jasper jeroen jesse jet jetske jildou joke
    johan johanna johannes jolanda jonas joost jop joris jos josé jozef judith julia
    karin karel kees kim klaas koen koos kristel laura leo lieke lisa lotte louis lucas
    luuk maaike maarten manon marco marcel margreet maria marieke marij marja marjan
    mark marleen marloes martijn martin mathijs matthijs meindert mieke mirjam mohamed
    mohammed monique naima nadia nicole niels nienke noor okke omar paul peter petra piet
    pieter priscilla remco rené rens richard riet rik rob robert roel roelof rosa ruben rutger ruud
    sander sandra sanne saskia sietske simon sjoerd sofie stefan stijn suzanne sven teun
    theo thijs thomas tineke tjeerd tom ton truus ursula vera wendy wiebe willem wilma
    wim wouter yvonne ynte youssef zeynep
    aaltje alida bauke fenna femmie froukje gea geert geesje grietje hanneke hennie hiltje
    janna jannes jantje jelle lammert marie rudolf sietse sytske tjitske trijntje wiebren
    wietske ytsje tim lars kevin mike rick nina fleur sara sarah tessa""".split()
)

_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.&-]*$")


def _is_cap(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token))


def _is_tussen(token: str) -> bool:
    return token.lower() in TUSSENVOEGSELS


def organisation_of(role: str) -> str | None:
    """The organisation a role names: the last capitalised run of the first comma-clause that
    has one ("directeur Publieke gezondheid GGD Groningen" -> "GGD Groningen"), with a
    lower-case head such as "gemeente" in front of it."""
    role = re.sub(r"\([^)]*\)", " ", role).replace("(", " ").replace(")", " ")
    for clause in role.split(","):
        words = [tok.strip(".;:") for tok in clause.split()]
        runs: list[tuple[int, int]] = []  # [start, end) word indices
        start = None
        for i, word in enumerate(words):
            if _is_cap(word) or (start is not None and word.lower() in CONNECTORS):
                start = i if start is None else start
            elif start is not None:
                runs.append((start, i))
                start = None
        if start is not None:
            runs.append((start, len(words)))
        trimmed = []
        for a, b in runs:
            while b > a and words[b - 1].lower() in CONNECTORS:
                b -= 1
            if b > a:
                trimmed.append((a, b))
        if trimmed:
            a, b = trimmed[-1]
            if a > 0 and words[a - 1].lower() in ORG_HEADS:
                a -= 1
            return " ".join(words[a:b])
        if re.search(r"(?:^|\s)gemeente\s*$", clause, re.IGNORECASE):
            return "gemeente"  # "(gemeente, beleidsmedewerker)", "(Name, beleidsadviseur gemeente)"
    return None


# Lower-case words that open an organisation's name ("gemeente Midden-Groningen").
ORG_HEADS = frozenset("gemeente provincie".split())


def role_keys(role: str) -> set[str]:
    """The words a verslag may call an attendee by instead of their name ("de buurtsportcoach",
    "de manager wijkverpleging"): each role clause's lower-case opening run of one to three
    words, and its first word; never an organisation's head ("gemeente") or "namens"."""
    keys: set[str] = set()
    for clause in re.split(r"[,;()]", role):
        words = []
        for word in clause.split():
            if not word[:1].islower() or word in CONNECTORS:
                break
            words.append(word.strip(".:"))
        if not 1 <= len(words) <= 3 or words[0] in ORG_HEADS | {"namens", "oud", "tevens"}:
            continue
        keys |= {" ".join(words), words[0]}
    return {k for k in keys if len(k) >= 4}


# Words after "Organisation," that show the comma continues a role rather than ending a name.
_ROLE_CONTINUES = frozenset("voorheen tevens ook thans nu eerder destijds en namens oud".split())


def _name_start(tokens: list[str], end: int, next_word: str | None = None) -> int | None:
    """Given that tokens[end] ends a capitalised run followed by a comma, return where the
    person's name starts, or None when the run is not a person (e.g. an organisation).

    Inside a role ("penningmeester Ondernemersvereniging Kolham Riet Zuidema,") the last two
    words are taken as the name when at least two capitalised words remain for the
    organisation and the comma is not followed by a role continuation ("voorheen")."""
    start = end
    while start > 0 and (_is_cap(tokens[start - 1]) or _is_tussen(tokens[start - 1])):
        start -= 1
    while start < end and _is_tussen(tokens[start]):
        start += 1
    run = tokens[start : end + 1]
    if len(run) < 2:
        return None
    # The surname is the last word plus the tussenvoegsels before it.
    s = end
    while s - 1 > start and _is_tussen(tokens[s - 1]):
        s -= 1
    has_tussen = s < end and tokens[s][:1].islower()  # "Anne de Vries", not "Praktijk De Es"
    # First names: at least one capitalised word before the surname, more while known.
    f = s - 1
    if f < start or not _is_cap(tokens[f]):
        return None
    while f - 1 >= start and tokens[f - 1].lower() in FIRST_NAMES:
        f -= 1
    known_first = tokens[f].lower() in FIRST_NAMES
    if start > 0 and _is_tussen(tokens[start - 1]) and tokens[start - 1][:1].isupper():
        # "Dorpshuis De Spinde Meeden," is an organisation unless a first name says otherwise
        return f if known_first else None
    if has_tussen or known_first or start == 0 or not tokens[start - 1][:1].islower():
        return f
    return None


def split_runon(text: str) -> list[Attendee]:
    """Split `Name, role Name, role …` into attendees."""
    tokens = collapse_ws(text).split(" ")
    starts: list[tuple[int, int]] = []  # (name start, name end) token indices
    for i, tok in enumerate(tokens):
        if not tok.endswith(","):
            continue
        tokens_i = [*tokens[:i], tok[:-1]]
        if not _is_cap(tokens_i[i]):
            continue
        start = _name_start(tokens_i, i, tokens[i + 1] if i + 1 < len(tokens) else None)
        if start is not None and (not starts or start > starts[-1][1]):
            starts.append((start, i))
    people: list[Attendee] = []
    for n, (start, end) in enumerate(starts):
        name = " ".join([*tokens[start:end], tokens[end][:-1]])
        role_end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
        role = " ".join(tokens[end + 1 : role_end]).strip(" ,;")
        people.append(Attendee(name=name, role=role, organisation=organisation_of(role)))
    return people


_LINE_SPLIT = re.compile(r"\s*(?:,|\s[–—-]\s|\()\s*")
# Forms of address before a name: not part of the name.
TITLE_PREFIX = re.compile(
    r"(?<!\S)(?:(?:dhr|mevr|mw|mr|dr|drs|ir|ing|prof|ds|ds)\.|de heer|mevrouw)\s+"
    r"(?=(?:(?:dr|drs|ir|ing|mr|prof)\.\s+)*[A-ZÀ-Þ])",
    re.IGNORECASE,
)
# An office in front of a name ("wethouder Henk van der Molen") belongs to the role.
OFFICE_PREFIX = re.compile(
    r"^(?P<office>wethouder|burgemeester|wijkagent|dominee|pastor|gedeputeerde|raadslid|"
    r"gespreksleider|voorzitter|directeur|beleidsmedewerker|beleidsadviseur|ambtenaar|"
    r"secretaris|notulist)\s+(?=[A-ZÀ-Þ])",
    re.IGNORECASE,
)
# A legend entry opening an attendee line: "JdV = Jolanda de Vries, …", "Vz = Harm Smit, …".
LEGEND_ENTRY = re.compile(r"^(?P<abbr>[A-Z][A-Za-z]{0,4})\s*=\s*(?=[A-ZÀ-Þ])")
# The legend's abbreviations of the meeting's own roles: "Vz = …" is the chair.
CHAIR_ABBREVIATIONS = frozenset({"vz", "voorz", "gl"})
_ABBREVIATION_AFTER = re.compile(r"\s*\([A-Z][A-Z0-9&]{1,7}\)?\s*$")
_NAMENS_FIRST = re.compile(r"^namens\s+(?P<org>[^:]+?)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_NAMENS_ENTRY = re.compile(r"(?<=\S)\s+(?=namens\s[^:;]{2,80}:\s)", re.IGNORECASE)
_NAMENS_AFTER = re.compile(r"^(?P<rest>.+?)[,;]?\s+namens\s+(?P<org>.+?)[.;]?$", re.IGNORECASE)


# "mw. A, role dhr. B, role": aligned lines run together; each form of address opens a person.
_ADDRESSED_ENTRY = re.compile(r"(?<=\S)\s+(?=(?:dhr|mevr|mw|mr)\.\s+[A-ZÀ-Þ])", re.IGNORECASE)


def initials_of(name: str) -> set[str]:
    """ "AH" for Anne-Marie Hoekstra-de Boer, "PH" for Pieter-Jan van 't Hul: the first
    letters of the first name and of the surname (its first or last word, or all words), the
    way verslagen label turns."""
    parts = [p for p in name.split() if p.lower() not in TUSSENVOEGSELS]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return set()
    # "JdV" for Jan de Vries: the tussenvoegsels' letters too, as Dutch minutes write them
    every = "".join(p[0] for p in name.split() if p[:1].isalpha())
    return {(parts[0][0] + p[0]).upper() for p in (parts[1], parts[-1])} | {
        "".join(p[0] for p in parts).upper(),
        every.upper(),
    }


_NAME_END = re.compile(r"\s*(?:[,(;]|\s[–—-]\s)")


def names_a_person(text: str) -> bool:
    """`text` is one person's attendee entry: a name (after any form of address or office)
    that opens with a common first name or initials, then nothing or a role after a comma or
    parenthesis ("Ruud Bos", "mw. A. de Vries (gemeente)"); not a sentence ("Jan de Vries
    vraagt …") nor an organisation ("gemeente Midden-Groningen, team beleid")."""
    text = TITLE_PREFIX.sub("", collapse_ws(text), count=1)
    office = OFFICE_PREFIX.match(text)
    words = _NAME_END.split(text[office.end() :] if office else text, maxsplit=1)[0].split()
    if not 2 <= len(words) <= 5 or not _is_cap(words[-1]):
        return False
    opens = words[0].lower() in FIRST_NAMES or re.fullmatch(r"(?:[A-Z]\.)+", words[0])
    return bool(opens) and all(_is_cap(w) or _is_tussen(w) for w in words)


def parse_line(line: str) -> Attendee | None:
    """One attendee per line: `Name, role`, `Name – role` or `Name (role)`; a title in front
    (dhr., mevr.) is dropped; `namens Org` before or after the person names the organisation."""
    line = collapse_ws(strip_bullet(line))
    if not line:
        return None
    legend = LEGEND_ENTRY.match(line)  # "JdV = Name, role": the initials label its turns
    if legend:
        chair = legend["abbr"].lower() in CHAIR_ABBREVIATIONS
        line = line[legend.end() :] + (" (voorzitter)" if chair else "")
    namens = _NAMENS_FIRST.match(line) or _NAMENS_AFTER.match(line)
    org = None
    if namens:
        org = namens["org"].strip(" ,;:")
        if org.count(")") > org.count("("):  # "(Name, namens Org)": the aside's own ")"
            org = org.rstrip(")").strip()
        org = re.sub(r"^(?:de|het)\s+", "", org.lstrip("(").strip(), flags=re.IGNORECASE)
        org = _ABBREVIATION_AFTER.sub("", org)  # "GGD Groningen (GGD)": the name only
        line = namens["rest"].strip(" ,;:")
    line = TITLE_PREFIX.sub("", line)
    office = OFFICE_PREFIX.match(line)
    line = line[office.end() :] if office else line
    m = _LINE_SPLIT.search(line)
    if not m:
        role = " ".join(x for x in (office and office["office"], org and f"namens {org}") if x)
        return Attendee(name=line, role=role, organisation=org)
    name = line[: m.start()].strip()
    role = line[m.end() :].strip()
    if "(" in m.group() and ")" in role:  # "Name (Org) – role": the aside, then the rest
        inner, _, after = role.partition(")")
        if inner.strip() in initials_of(name):  # "Name (AH), role": initials, no org
            inner = ""
        role = ", ".join(x for x in (inner.strip(" ,;"), after.strip(" ,;–—-")) if x)
    if role.count(")") > role.count("("):  # "Name (role)": the aside's own ")"
        role = role.rstrip(")")
    role = role.strip(" ,;")
    organisation = org or organisation_of(role)  # before the office: "Wethouder" is none
    if office:
        role = f"{office['office']}, {role}".strip(" ,")
    if org:
        return Attendee(name=name, role=f"{role}, namens {org}".strip(" ,"), organisation=org)
    return Attendee(name=name, role=role, organisation=organisation)


def _named_entry(entry: str) -> bool:
    """An entry opens with a name (after any title or office), not with a role."""
    return OFFICE_PREFIX.sub("", TITLE_PREFIX.sub("", entry, count=1), count=1)[:1].isupper()


def _parenthesised_entries(cell: str) -> list[str]:
    """`Name (org, role), Name (org, role)`: one entry per person, split at the commas outside
    parentheses, when every entry has its parentheses; else the cell unchanged."""
    entries, depth, start = [], 0, 0
    cell = cell.rstrip(". ")
    for i, ch in enumerate(cell):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and (ch == "," or (cell[i : i + 4] == " en " and cell[i - 1 : i] == ")")):
            entries.append(cell[start:i].strip())
            start = i + (1 if ch == "," else 4)
    entries.append(cell[start:].strip())
    # "… en ikzelf (Gerda Wieringa, beleidsadviseur gemeente)": the writer, by name
    entries = writer_entries(entries)
    if len(entries) > 1 and all(re.search(r"\S\s*\(.+\)", e) and _named_entry(e) for e in entries):
        return entries
    return [cell]


_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=([A-Z][a-zà-ÿ]+)\b)")


def _unglue(cell: str) -> str:
    """PDF text of two columns can glue a name to the column before it ("GGD GroningenIneke
    Smit"): split before a known first name."""
    return _GLUED.sub(lambda m: " " if m.group(1).lower() in FIRST_NAMES else "", cell)


def _split_addressed(cell: str) -> list[str]:
    """A cell holding several `mw./dhr. Name (..), role` entries: one entry per person."""
    parts = _ADDRESSED_ENTRY.split(cell)
    return parts if len(parts) > 1 and all(TITLE_PREFIX.match(p) for p in parts) else [cell]


_GROUP_SEPARATOR = re.compile(r"(?<=\))\s*(?:,|;|\ben\b)\s*(?=[A-ZÀ-Þ])")


def _split_namens_group(cell: str) -> list[str]:
    """ "Namens de gemeente: A (role) en B (role)": one `namens` entry per person."""
    m = _NAMENS_FIRST.match(cell)
    if not m:
        return [cell]
    parts = _GROUP_SEPARATOR.split(m["rest"].strip(" ."))
    if len(parts) < 2:
        return [cell]
    return [f"namens {m['org']}: {part}" for part in parts]


def _reads_as_name(text: str) -> bool:
    """A person's name heads the text ("Drs. Sanne Oosterhof", "Anne de Vries (GGD)",
    "wethouder Jelle Kuipers"): a title or office, a known first name or a tussenvoegsel
    says so; "Woongroep Eemsmond" and "directeur, Woongroep Eemsmond" are no name."""
    text = collapse_ws(text)
    titled = TITLE_PREFIX.match(text) or OFFICE_PREFIX.match(text)
    text = OFFICE_PREFIX.sub("", TITLE_PREFIX.sub("", text, count=1), count=1)
    words = _plain_name(re.split(r"[,(;]|\s[–—-]\s", text, maxsplit=1)[0])
    if not words:
        return False
    inner = any(w.islower() and _is_tussen(w) for w in words[1:-1])
    return bool(titled) or words[0].lower() in FIRST_NAMES or inner


def _plain_name(text: str) -> list[str]:
    """The words of `text` when it is nothing but a name (2-5 capitalised words and
    tussenvoegsels), else []."""
    words = TITLE_PREFIX.sub("", collapse_ws(text), count=1).split()
    if not 2 <= len(words) <= 5 or not (_is_cap(words[0]) and _is_cap(words[-1])):
        return []
    return words if all(_is_cap(w) or _is_tussen(w) for w in words) else []


def heads_person(heading: str, line: str) -> bool:
    """Whether the heading of a grouped attendee entry is the person and the line under it
    their role and organisation (`<dt>Name</dt><dd>directeur, Org</dd>`), rather than the
    heading an organisation over its people (`- Org` over `  - Name (role)`)."""
    return not _reads_as_name(line) and (_reads_as_name(heading) or line[:1].islower())


def person_entries(line: str) -> list[str]:
    """The people of one line under an organisation's heading, one entry each:
    `A (role); B (role)`, `A (role), B (role)`, `A, B en C`."""
    parts = [p.strip() for p in line.split(";") if p.strip()]
    parts = [e for p in parts for e in _parenthesised_entries(p)]
    out: list[str] = []
    for part in parts:
        names = [n.strip() for n in re.split(r",|\s+(?:en|&)\s+", part)]
        out.extend(names if len(names) > 1 and all(_plain_name(n) for n in names) else [part])
    return out


def parse_attendees(cells: list[str]) -> list[Attendee]:
    """Attendees from the `Aanwezig` cell paragraphs: one run-on paragraph, one per line, one
    line separated by semicolons, or `Name (org, role), …`."""
    cells = [_unglue(c) for c in clean_cells(cells)]
    if len(cells) == 1 and ";" in cells[0]:
        cells = [c.strip() for c in cells[0].split(";") if c.strip()]
    cells = [c for cell in cells for c in _split_addressed(cell)]
    cells = [c for cell in cells for c in _split_namens_group(cell)]
    cells = [e for c in cells for e in _parenthesised_entries(c)]
    names = [re.split(r"\s*,\s*|\s+en\s+", c.rstrip(". ")) for c in cells]  # "A, B en C"
    names = [
        ns if all(map(names_a_person, ns)) else [c] for c, ns in zip(cells, names, strict=True)
    ]
    cells = [n for ns in names for n in ns]
    cells = [c for cell in cells for c in _NAMENS_ENTRY.split(cell) if c.strip()]
    if len(cells) == 1 and "namens" not in cells[0].lower():
        cells = [TITLE_PREFIX.sub("", cells[0])]
        people = split_runon(cells[0])
        if people:
            return people
    people = []
    for cell in cells:  # a line holding two people ("A, role Org B, role Org": two columns)
        runon = split_runon(cell) if "namens" not in cell.lower() else []
        two = len(runon) > 1 and all(p.name.split()[0].lower() in FIRST_NAMES for p in runon[1:])
        people.extend(runon if two else [parse_line(cell)])
    return [a for a in people if a is not None]
