"""What a block of a verslag IS, whatever its layout: meta (attendees, date, closing), a
question heading, a person's name in an attendee table, or layout debris.

The parser walks blocks in order and asks these questions, so a question can be a table row,
a heading, a bold line, a numbered line, with or without its question mark, and an attendee
block can be a row, an inline `Aanwezig:` line, or a heading followed by a list or a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.attendees import names_a_person
from ingest.dates import parse_date
from ingest.debris import TIMESTAMP, debris, editorial, procedural, stage_note
from ingest.text import collapse_ws, fold

# How a verslag's title line starts: "Verslag …", "Gespreksverslag …", "Notulen …",
# "Verslagje …"; another kind of write-up only when it names the conversation ("AANTEKENINGEN
# gesprek 40", "Besluitenlijst gesprek 45", "Interview gesprek 42", "TRANSCRIPTIE (…) - Gesprek
# 51"; "gesprekken" is a document about several, an invitation no write-up).
REPORT_KINDS = """aantekeningen besluitenlijst interview transcriptie transcript uitwerking
    samenvatting terugkoppeling""".split()
TITLE_START = (
    r"^\W*(?:(?:kort|beknopt|definitief|concept)\s+)?"
    r"(?:\w*verslag(?:je)?|notulen|\w*notitie|\w*notities|(?:%s)(?=\W.{0,80}\bgesprek\b))\b"
    % "|".join(REPORT_KINDS)
)
ATTENDEE_LABELS = frozenset(
    "aanwezig aanwezigen deelnemers present gesprekspartners attendees participants".split()
)
# Labelled lines that are neither content nor attendees: who was absent, where, the mail
# header of an e-mailed verslag, who wrote it. Only with a colon ("Plaats: Veendam").
OTHER_LABELS = (
    r"afwezig(?:en)?(?:\s+(?:m\.?\s?k\.?|met kennisgeving))?",  # "Afwezig m.k."
    "verhinderd",
    "auteur",  # who wrote the page, not necessarily present ("Verslag: Name" attended)
    "absent",
    "afgemeld",
    "afmeldingen",
    "locatie",
    "plaats",
    "location",
    "place",
    "tijd",
    "time",
    "onderwerp",
    "subject",
    "betreft",
    "van",
    "aan",
    "cc",
    "bcc",
    "verzonden",
    "sent",
    "from",
    "to",
    "bijlagen?",
    "attachments?",
    "verslaglegging",
    "verslag",
    "opgesteld door",
    "afkortingen",  # a legend of the initials that label the turns ("FP = Fenna Postma")
    "legenda",
    # a notes app's or a web page's metadata: when the note was made, its tags, the recording
    "aangemaakt",
    "gewijzigd",
    "laatst gewijzigd",
    "labels",
    "tags",
    "bestand",
    "duur",
    "status",
)
_OTHER = re.compile(r"^(?:%s)$" % "|".join(OTHER_LABELS), re.IGNORECASE)
CLOSING_LABELS = frozenset({"afsluiting", "tot slot", "slot", "afronding", "afsluitend"})
# A header row of a two-column attendee table ("Naam | Functie").
ATTENDEE_TABLE_HEADERS = frozenset("naam name wie persoon deelnemer".split())
# The other columns an attendee table has beside the name ("Organisatie | Naam").
_ATTENDEE_COLUMN_WORDS = ATTENDEE_TABLE_HEADERS | frozenset(
    "organisatie organisation instelling functie rol role namens en".split()
)


def attendee_header(label: str, cells: tuple[str, ...]) -> int | None:
    """For the header row of an attendee table, the position of its name column (the label
    is 0): "Naam | …", or "Organisatie | Naam (en functie)" when every column is made of such
    header words."""
    names = [fold(collapse_ws(c)).rstrip(":") for c in (label, *cells)]
    if names[0] in ATTENDEE_TABLE_HEADERS:
        return 0
    words = [w for n in names for w in re.findall(r"\w+", n)]
    column = next(  # "Naam", "Naam en functie"
        (i for i, n in enumerate(names) if ATTENDEE_TABLE_HEADERS & set(re.findall(r"\w+", n))),
        None,
    )
    if column is None or not all(w in _ATTENDEE_COLUMN_WORDS for w in words):
        return None
    return column


_META = re.compile(
    r"^(?P<label>aanwezig(?:en)?(?:\s+(?:waren|zijn))?|(?:waren\s+)?aanwezig|deelnemers?|"
    r"gesprekspartners|present|attendees|participants|ge[iï]nterviewd|gesproken met|wie|wanneer|"
    r"datum(?:\s+(?:van\s+het\s+)?gesprek)?|gespreksdatum|(?:meeting\s+)?date|"
    r"afsluiting|tot slot|afronding|notulist|notulen|minutes|gespreksleid(?:er|ing)|voorzitter|%s)"
    r"(?!\w)\s*(?P<colon>:)?\s*(?P<rest>.*)$" % "|".join(OTHER_LABELS),
    re.IGNORECASE,
)
# Re-exported: what is layout debris lives in ingest.debris; callers know it from here.
__all__ = ["TIMESTAMP", "debris", "editorial", "procedural", "stage_note"]
_NUMBERING = re.compile(
    r"^\s*(?:vraag\s*(?:\d+|[a-h]|[ivx]+)\s*[.):–—-]|(?:\d+|[a-h]|[ivx]+)[.):])\s+", re.IGNORECASE
)
QUESTION_WORDS = frozenset(
    """hoe wat welke welk wie waar waarom wanneer hoeveel waarmee waarover waaraan in kun
    kunt kan zijn is heeft hebben vindt vind ziet zie herken herkent mist wil""".split()
)
_TERMINAL = (".", ":", ";", "!", "…")
_TITLE_ABBR = re.compile(
    r"^(?:(?:dhr|mevr|mw|mr|drs|dr|ir|ing|prof|ds)\.?\s+|(?:wethouder|burgemeester|wijkagent|"
    r"dominee|de heer|mevrouw)\s+(?=[A-ZÀ-Þ]))+",
    re.IGNORECASE,
)


# A web page's own dates: "Gepubliceerd op 6 maart 2019", "Gemaakt door X, laatst bijgewerkt
# op 4 jul. 2019" (with a date; "Gemaakt door vrijwilligers is …" is a sentence).
_PUBLISHED = re.compile(
    r"^(?:gepubliceerd|geplaatst|bijgewerkt|laatst (?:bijgewerkt|gewijzigd)|gemaakt)\s+(?:op|door)"
    r"\b\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def meta(text: str) -> tuple[str, str] | None:
    """('attendees' | 'date' | 'closing' | 'minutes' | 'chair' | 'other', the rest of the line)
    for a meta label line; 'minutes' names who took the minutes, 'chair' who led the
    conversation, 'other' is neither content nor attendees (absentees, place, mail header,
    author)."""
    published = _PUBLISHED.match(collapse_ws(text))
    if published and len(text) <= 120 and parse_date(text):
        return "other", published["rest"]  # the page's date, not the conversation's
    m = _META.match(collapse_ws(text))
    if not m:
        return None
    label, rest = fold(m["label"]), m["rest"].strip()
    if label.startswith(("gespreksleid", "voorzitter", "verslag")):
        # "Gespreksleider: Name (role)", "Verslag: Name": who led or wrote it, when a
        # person's name follows ("Voorzitter: opent …" is a turn, "Verslaglegging: team
        # beleid" no person)
        if m["colon"] and names_a_person(rest):
            return ("minutes" if label.startswith("verslag") else "chair", rest)
        return ("other", rest) if m["colon"] and label.startswith("verslag") else None
    if _OTHER.match(label):
        return ("other", rest) if m["colon"] else None
    if label in ("notulist", "notulen", "minutes"):
        return ("minutes", rest) if m["colon"] and rest else None
    # "Aanwezigen waren het eens …" is a sentence; "Datum gesprek 9 januari 2019" a row, and
    # so is "Aanwezig waren Jan de Vries (Humanitas), …" (a person's name follows).
    first = re.split(r"[,;(]|\s+en\s+", rest)[0]
    named = label.endswith(("waren", "zijn")) and names_a_person(first)
    if (
        rest
        and not m["colon"]
        and not (label.startswith("datum") and parse_date(rest))
        and not named
    ):
        return None
    if label == "present" and rest:  # "Present: …" is more likely an organisation speaking
        return None
    if label.startswith(("datum", "gespreksdatum", "date", "meeting", "wanneer")):
        return "date", rest
    if label in CLOSING_LABELS:
        return ("closing", rest) if not rest or len(rest) > 20 else None
    return "attendees", rest


# A bare label line inside a section that marks a contribution, not a topic ("Inbreng:").
SUBLABELS = frozenset("inbreng bespreking discussie toelichting reactie reacties".split())
_BARE_LABEL = re.compile(r"^(?P<label>[A-ZÀ-Þ][^:.!?;]{1,50}):$")
# The sign-off of an e-mailed verslag: what follows is the signature.
_SIGN_OFF = re.compile(
    r"^(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?\b|^groet(?:en|jes)?\s*,?(?:\s+\w+)?$|"
    r"^(?:kind|best)\s+regards\b|^mvg\b",
    re.IGNORECASE,
)


# Headings a verslag has besides its questions; on a line of their own (a PDF loses the bold,
# a text file has no markup) they are headings, not a statement continuing the last speaker.
_SECTION_WORDS = re.compile(
    r"^(?:afspraken(?:\s*(?:/|&|en)\s*vervolg)?|vervolg(?:afspraken|stappen)?|overige?(?: punten)?|"
    r"rondvraag|acties?|actiepunten|conclusies?|samenvatting|action points|next steps|follow-up|"
    r"opening|welkom|kernpunten|hoofdpunten|(?:opening en )?mededelingen)$",
    re.IGNORECASE,
)


def section_word(text: str) -> bool:
    """ "Afspraken", "Overige punten", "Action points" alone on a line: a heading."""
    return bool(_SECTION_WORDS.match(strip_numbering(collapse_ws(text)).rstrip(":").strip()))


# The sublabels that introduce a speaker ("Reactie Humanitas"); "Bespreking armoede" and
# "Discussie sociale teams" introduce a topic.
_SUBLABEL_OF = re.compile(
    r"^(?:reacties?|inbreng|toelichting)\s+(?:(?:van|vanuit|namens|door)\s+)?(?:(?:de|het)\s+)?"
    r"(?=\S)",
    re.IGNORECASE,
)


def heading_speaker(title: str) -> str:
    """The name a heading gives after a sublabel word ("Reactie Kledingbank", "Inbreng van
    de GGD"): the heading without that word; any other heading unchanged."""
    return _SUBLABEL_OF.sub("", collapse_ws(title).rstrip(":"), count=1)


def sublabel(text: str) -> bool:
    """ "Inbreng:" on a line of its own: layout of minutes, neither a topic nor a statement."""
    m = _BARE_LABEL.match(collapse_ws(text))
    return bool(m) and fold(m["label"]) in SUBLABELS


def bare_label(text: str) -> str | None:
    """ "Over de visie:", "Actiepunten:" on a line of its own: a heading, without its colon."""
    m = _BARE_LABEL.match(collapse_ws(text))
    return m["label"].strip() if m and len(m["label"].split()) <= 6 else None


def sign_off(text: str) -> bool:
    return bool(_SIGN_OFF.match(collapse_ws(text)))


# The header row of a table with one row per speaker: `Spreker | Inbreng | Opgave`.
SPEAKER_COLUMNS = frozenset(
    "spreker sprekers wie naam organisatie deelnemer gesprekspartner partij speaker who".split()
) | {"door wie", "wie zegt"}
CONTENT_COLUMNS = frozenset(
    """inbreng reactie reacties opmerking opmerkingen toelichting standpunt input inhoud
    comment comments wat""".split()
)
# An action list (`Nr | Actie | Wie | Wanneer`): its "Wie" acts later, it did not speak; the
# task column holds the statements, nobody's.
ACTION_COLUMNS = frozenset("wanneer deadline termijn gereed status actiehouder uiterlijk".split())
TASK_COLUMNS = frozenset("actie acties actiepunt actiepunten taak wat afspraak".split())


# A question column beside the speaker column (`Vraag | Organisatie | Reactie`).
QUESTION_COLUMNS = frozenset("vraag vragen thema onderwerp question topic".split())


@dataclass(frozen=True)
class SpeakerTable:
    """Column positions of a speaker table, counting the row's label as column 0."""

    speaker: int | None  # None: an action list, whose rows are nobody's
    content: int
    question: int | None
    width: int


def speaker_table(label: str, cells: tuple[str, ...]) -> SpeakerTable | None:
    """For the header row of a speaker table (`Spreker | Inbreng`, `Nr | Inbreng | Wie`,
    `Vraag | Organisatie | Reactie`), where its columns are; None for any other row."""
    names = [fold(collapse_ws(c)).rstrip(":") for c in (label, *cells)]
    task = next((i for i, n in enumerate(names) if n in TASK_COLUMNS), None)
    if task is not None and any(n in ACTION_COLUMNS for n in names):
        return SpeakerTable(None, task, None, len(names))
    speaker = next((i for i, n in enumerate(names) if n in SPEAKER_COLUMNS), None)
    content = next((i for i, n in enumerate(names) if n in CONTENT_COLUMNS), None)
    if speaker is None or content is None:
        return None
    question = next((i for i, n in enumerate(names) if n in QUESTION_COLUMNS), None)
    return SpeakerTable(speaker, content, question, len(names))


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


def question(text: str, *, heading: bool = False, item: bool = False) -> bool:
    """A question heading: short, no sentence end, opening with a question word or ending in
    '?'; a heading, bold line or numbered line needs less evidence than a bare paragraph."""
    t = collapse_ws(text)
    numbered = bool(_NUMBERING.match(t))
    t = strip_numbering(t)
    if not 8 <= len(t) <= 160 or t.endswith(_TERMINAL) or ". " in t.rstrip("?"):
        return False
    if not heading and re.match(r"^[^:?]{1,60}:\s", t):
        return False  # "Humanitas: hoe bereik je ouderen?" is a statement with a label
    first = fold(t.split()[0]).strip(",")
    asks = first in QUESTION_WORDS
    if t.endswith("?"):
        return asks or heading or numbered or (len(t) <= 100 and not item)
    return asks and (heading or numbered or len(t) <= 100) and not t[:1].islower()


def person_like(label: str) -> bool:
    """A table cell holding a person's name (an attendee table row), not a question."""
    t = _TITLE_ABBR.sub("", collapse_ws(label))
    words = t.split()
    if not 2 <= len(words) <= 6 or question(t) or any(c.isdigit() for c in t):
        return False
    caps = sum(w[:1].isupper() for w in words)
    return words[0][:1].isupper() and words[-1][:1].isupper() and caps >= len(words) - 3
