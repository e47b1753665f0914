"""Question kinds: what was said about a topic (the default), or a question about the record
itself (who attended, when, which organisations, how many, which organisations spoke about a
topic, which opgave drew most statements, who said most, which opgaven a gesprek covered).

A small tolerant classifier over cue words in Dutch and English, not a list of phrasings: each
kind needs an interrogative cue and a cue about the record, so "Wanneer wordt de sporthal
geopend?" (no conversation, no organisation) stays a question about what was said.
"""

from __future__ import annotations

import re
from typing import Literal

from ingest.dates import FULL_MONTHS
from ingest.text import fold

Kind = Literal[
    "said", "attended", "when", "organisations", "count", "spoke_about", "top_opgave", "topics",
    "top_speaker",
]  # fmt: skip
KINDS: tuple[Kind, ...] = (
    "said", "attended", "when", "organisations", "count", "spoke_about", "top_opgave", "topics",
    "top_speaker",
)  # fmt: skip


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_RECORD = _cue(
    r"\b(gesprek(ken)?|verslag(en)?|bijeenkomst(en)?|overleg(gen)?|sessies?|ronde|"
    r"consultaties?|raadpleging(en)?|conversations?|meetings?|reports?|sessions?|"
    r"consultations?)\b"
)
_HOW_MANY = _cue(r"\b(hoeveel|how\s+many|aantal|number\s+of)\b")
_PEOPLE = _cue(
    r"\b(mensen|personen|deelnemers|aanwezigen|gesprekspartners|people|persons|"
    r"participants|attendees)\b"
)
_ORGS = _cue(
    r"\b(organisaties|partijen|instanties|instellingen|organi[sz]ations|parties|"
    r"stakeholders|belanghebbenden)\b"
)
_ORG = _cue(
    r"\b(organisaties?|partij(en)?|instanties?|instellingen?|organi[sz]ations?|parties|party)\b"
)
_INPUT = _cue(
    r"\b(gezegd|zei|zeiden|inbreng|ingebracht|uitspraken|opmerkingen|gesproken|sprak|"
    r"said|spoke|talked|statements|input|contributed|comments)\b"
)
_WHEN = _cue(
    r"\b(wanneer|when|welke\s+datum|op\s+welke\s+(dag|datum)|what\s+date|which\s+(day|date)|"
    r"datum\s+van)\b"
)
_DISCUSSED = _cue(r"\b(gesproken|besproken|ter\s+sprake|discussed|talked|raised)\b")
_STATEMENTS = _cue(r"\b(uitspraken|opmerkingen|reacties|statements|comments|remarks)\b")
_MOST = _cue(r"\b(meest|meeste|vaakst|most|vaak(st)?\s+genoemd)\b")
_OPGAVE = _cue(r"\b(opgaven?|thema'?s?|onderwerp(en)?|tasks?|themes?|topics?)\b")
# "Welke …", and the imperative "Noem de organisaties …", "List the organisations …"
_WHICH = _cue(r"\b(welke|welk|wat\s+voor|which|what)\b|^(noem|geef|toon|list|name|give|show)\b")
# "who" as the question word (near the start), not "people who struggle ...".
_WHO = _cue(r"^(?:\w+\s+){0,2}?(wie|who|whom)\b")
_SPOKE = _cue(
    r"\b(zeiden|zei|zegt|zeggen|spraken|sprak|praatten|hadden\s+het|had\s+het|hebben\s+het|"
    r"heeft\s+het|noemden|"
    r"noemde|begonnen|brachten|kaartten|uitten|reageerden|vonden|dachten|gezegd|gesproken|"
    r"genoemd|aangegeven|opgemerkt|geuit|gereageerd|aangekaart|besproken|bespraken|"
    r"said|say|says|spoke|speak|talked|mentioned|raised|commented|discussed)\b"
)
_ABOUT = _cue(r"\b(over|about|on)\b")
_TRANSITIVE = _cue(r"\b(noemden|noemde|genoemd|bespraken|besproken|mentioned|raised|discussed)\b")
_PRESENT = _cue(
    r"\b(aanwezig|aanwezigen|waren\s+er|was\s+er|zaten|aan\s+tafel|deelgenomen|deelnamen|"
    r"namen\s+deel|namens|bij\s+het|bij\s+gesprek|bijgewoond|vertegenwoordigd\w*|daarbij|erbij|"
    r"attended|attend|present|took\s+part|participated|were\s+at|was\s+at|were\s+there|"
    r"represented|representing)\b"
)
# "Wie leidde het gesprek?", "Wie was de gespreksleider?", "Wie waren er namens de gemeente?"
_LEAD = _cue(
    r"\b(gespreksleid\w*|leidde|geleid|chaired|led|hosted|"
    r"(?:voorzitter|chair)(?=\s*\??\s*$|\s+(?:van|of)\s+(?:(?:het|dit|dat|de|the)\s+)?"
    r"(?:gesprek|bijeenkomst|overleg|meeting|conversation))|namens\s+de\s+"
    r"gemeente|vanuit\s+de\s+gemeente|van\s+de\s+gemeente|for\s+the\s+municipality)\b"
)
# "Was de GGD bij het tweede gesprek?": a yes/no question about attendance.
_YES_NO = _cue(r"^(?:en\s+)?(was|waren|is|zijn|were|did)\b")
# "Welke onderwerpen kwamen aan bod in gesprek V?", "Waar ging het gesprek met X over?",
# "Geef een samenvatting van gesprek II": what a gesprek (or a speaker) covered.
_COVERED = _cue(
    r"\b(aan\s+bod|besproken|ter\s+sprake|behandeld|kwamen|discussed|covered|came\s+up|"
    r"addressed)\b"
)
_ABOUT_WHAT = _cue(
    r"^(?:en\s+)?(waar|waarover)\s+(ging|gingen|gaat|gaan)\b|"
    r"^what\s+(was|were)\s+(the|that|this)\s+(conversation|meeting|session)s?\b.*\babout\b|"
    r"\b(samenvatting|samenvatten|overzicht|summary|summari[sz]e|overview)\b"
)
# "Welke organisaties hebben niets gezegd?": attendees without a word on record.
_SILENT = _cue(
    r"\b(niets|niks|geen\s+(uitspraken|inbreng|bijdrage)|nothing|did\s+not|didn'?t|"
    r"zwegen|silent)\b"
)
_WHICH_GESPREK = _cue(
    r"\b(welk|welke|which|what)\s+(gesprek|gesprekken|verslag|verslagen|bijeenkomst|overleg|"
    r"conversation|meeting|session)\b"
)
_WHO_OF = _cue(
    r"^(?:en\s+)?(wie|who)\s+(is|was|zijn|waren|are|were)\b.*\b(van|namens|vanuit|of|from)\b"
)
_CONSULTED = _cue(
    r"\b(geraadpleegd|gesproken|sprak|spraken|spoke|talked|gesprek(ken)?|aanwezig|betrokken|deelgenomen|uitgenodigd|"
    r"waren\s+(?:er\s+)?(?:daar|bij)|waren\s+erbij|daarbij|were\s+there|"
    r"consulted|involved|present|attended|took\s+part|interviewed|spoken)\b"
)


def classify(question: str, *, scoped: bool = False) -> Kind:
    """The kind of `question`. `scoped`: the question names an organisation, person or
    gesprek (from the vocabulary), which makes "wanneer" and "wie" about the record."""
    q = fold(question)
    record = bool(_RECORD.search(q)) or scoped
    if _MOST.search(q) and _OPGAVE.search(q) and _WHICH.search(q):
        return "top_opgave"
    if (
        _MOST.search(q)
        and _INPUT.search(q)
        and (_WHO.search(q) or (_WHICH.search(q) and _ORG.search(q)))
    ):
        return "top_speaker"  # "Wie heeft het meest gezegd?", "Welke partij had de meeste inbreng?"
    if (_WHICH.search(q) and _OPGAVE.search(q) and _COVERED.search(q)) or (
        _ABOUT_WHAT.search(q) and (scoped or _RECORD.search(q))
    ):
        return "topics"
    groups = bool(_ORGS.search(q)) and bool(_WHICH.search(q) or _HOW_MANY.search(q))
    if (groups or _WHO.search(q)) and _SILENT.search(q) and _SPOKE.search(q):
        return "organisations"  # "Welke organisaties zeiden niets over armoede?"
    about = _ABOUT.search(q) or _TRANSITIVE.search(q)
    spoke = (groups or _WHO.search(q)) and _SPOKE.search(q) and about
    if _HOW_MANY.search(q):
        if spoke:
            return "spoke_about"  # "Hoeveel organisaties zeiden iets over armoede?"
        if _PEOPLE.search(q) or _ORGS.search(q) or _RECORD.search(q) or _STATEMENTS.search(q):
            return "count"
        return "said"
    if _WHEN.search(q) and (record or _DISCUSSED.search(q)):
        return "when"
    if _WHICH_GESPREK.search(q) and (
        scoped or _PRESENT.search(q) or _COVERED.search(q) or _DISCUSSED.search(q)
        or re.search(r"\bging(en)?\s+(het\s+)?over\b", q)
    ):  # fmt: skip
        return "when"  # "Bij welk gesprek was Humanitas?", "Welke gesprekken gingen over X?"
    if _WHICH_GESPREK.search(q) and re.search(
        r"\b(zijn|waren)\s+er\b|\b(gevoerd|gehouden|geweest|are\s+there|were\s+(held|there))\b",
        q,
    ):
        return "count"  # "Welke gesprekken zijn er gevoerd?": the list of them
    if spoke and (groups or not _PRESENT.search(q)):
        return "spoke_about"
    if groups and (_CONSULTED.search(q) or (_SILENT.search(q) and _SPOKE.search(q))):
        return "organisations"
    if scoped and _YES_NO.search(q) and _PRESENT.search(q) and not _SPOKE.search(q):
        return "attended"
    if (_WHO.search(q) or (_WHICH.search(q) and _PEOPLE.search(q))) and _PRESENT.search(q):
        return "attended"
    if _WHO.search(q) and _PEOPLE.search(q) and record:
        return "attended"
    if _WHO.search(q) and _LEAD.search(q) and not _SPOKE.search(q):
        return "attended"  # who led it, who came for the municipality
    if scoped and _WHO_OF.search(q) and not _SPOKE.search(q):
        return "attended"  # "Wie was er namens de GGD?", "Wie is de voorzitter van Humanitas?"
    if re.search(r"\bmet\s+wie\b|\bwho\s+(was|were)\s+consulted\b", q) and _CONSULTED.search(q):
        return "organisations"
    return "said"


# "Hoeveel geld krijgt de pilot?", "Hoe lang is de wachtlijst?", "Wat kost …?": a question
# for a number, which only a statement holding one can answer; "Wanneer …?" likewise a date.
_ASKS_NUMBER = _cue(
    r"^(?:en\s+)?(?:hoeveel|hoe\s+(?:veel|lang|groot|vaak|duur|hoog|oud)|wat\s+kost(?:en|te)?|"
    r"wat\s+(?:gaat|gaan|zal|zullen|moet|moeten)\s+(?:\w+\s+){0,6}?kosten|"
    r"welke?\s+(?:bedrag|aantal|percentage)|how\s+(?:much|many|long|often|big|old)|"
    r"what\s+(?:does|did)\b.*\bcost)\b"
)
# "Welk bedrag …?", "Wat kost …?", "Hoeveel geld …?": an amount of money.
_ASKS_MONEY = _cue(r"\b(?:bedrag|kost|kosten|budget|geld|euro|subsidie|money|cost|costs|amount)\b")
_MONEY = _cue(r"€|\beuro|\bbedrag|\bton\b|\d\s*(?:k|mln|miljoen|duizend)\b")
_ASKS_DATE = _cue(
    r"^(?:en\s+)?(?:wanneer|op\s+welke\s+(?:datum|dag)|in\s+welk\s+jaar|per\s+wanneer|"
    r"when|on\s+what\s+date|in\s+which\s+year)\b"
)
_NUMBER = _cue(
    r"\d|€|%|\b(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|"
    r"veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|miljoen|miljard|procent|"
    r"helft|kwart|dubbel|verdubbeld|euro|tientallen|honderden|duizenden)\b"
)
# A date or a time as an answer gives it: a month (in full: "Jan" is a name), a year, a
# weekday, "voor de zomer", "volgend jaar", "binnen twee weken".
_DATE = _cue(
    r"\b\d{4}\b|\b\d{1,2}[-/.]\d{1,2}\b|\b(?:%s|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag|binnenkort)\b|\b(?:voor|na|in|deze|dit|volgend|volgende|vorig|vorige|"
    r"komend|komende|binnen|over)\s+(?:de\s+|het\s+|\w+\s+)?(?:zomer|najaar|voorjaar|winter|"
    r"week|weken|maand|maanden|jaar|kwartaal)\b" % "|".join(FULL_MONTHS)
)


# A statement that only asks, one question and nothing else ("Gemeente: Wat mist u nog in de
# tekst?", "De gespreksleider vraagt wat de gemeente kan doen"): no one's view on the topic.
_ONLY_ASKS = re.compile(
    r"^[^.!?]*\?\W*$|^\W*(?:de\s+)?(?:gespreksleider|voorzitter|vz|interviewer)\W+(?:\w+\s+)?"
    r"vr(?:aagt|oeg)\b",
    re.IGNORECASE,
)


def answerable_by(question: str, text: str) -> bool:
    """Whether `text` can answer `question` at all: a statement that only asks a question
    does not; a question for a number (a date) needs a statement that holds one; whatever
    else it shares with the question, it does not say."""
    if _ONLY_ASKS.search(text.strip()):
        return False
    q = fold(question)
    if _ASKS_NUMBER.search(q) and not _NUMBER.search(text):
        return False
    if _ASKS_NUMBER.search(q) and _ASKS_MONEY.search(q) and not _MONEY.search(text):
        return False
    return not (_ASKS_DATE.search(q) and not _DATE.search(text))


def asks_lead(question: str) -> bool:
    """Whether an attendance question asks who led the gesprek or came for the municipality."""
    return bool(_LEAD.search(fold(question)))


# "Was de huisarts bij gesprek 31?": the one asked about in a yes/no attendance question.
_ASKED_PRESENT = _cue(_YES_NO.pattern + r"\s+(?:er\s+)?(?:de|het|een|the|a)?\s*(?P<who>[\w-]+)")


def present_subject(question: str) -> str | None:
    """The word a yes/no attendance question asks about ("huisarts"), if any."""
    m = _ASKED_PRESENT.match(question.strip())
    return m.group("who") if m else None


def silent(question: str) -> bool:
    """Whether an organisations question asks who said nothing."""
    return bool(_SILENT.search(fold(question)))


def count_subject(
    question: str,
) -> Literal["people", "organisations", "statements", "conversations"]:
    """What a "hoeveel" question counts."""
    q = fold(question)
    if _PEOPLE.search(q):
        return "people"
    if _ORGS.search(q):
        return "organisations"
    if _STATEMENTS.search(q):
        return "statements"
    return "conversations"


_CUES = (
    _RECORD, _HOW_MANY, _PEOPLE, _ORGS, _WHEN, _MOST, _OPGAVE, _WHO, _SPOKE, _PRESENT,
    _STATEMENTS, _DISCUSSED, _COVERED, _ABOUT_WHAT, _SILENT, _LEAD,
)  # fmt: skip
_CUES_EXTRA = frozenset(
    "iets geraadpleegd gevoerd gehouden gesproken plaats vond vonden datum tafel namens "
    "aanwezig aanwezigen betrokken uitgenodigd consulted held took place attended gezegd "
    "genoemd meest vaakst most often gingen ging gaan gaat went go goes bod sprake geef "
    "give korte kort brief ter totaal total overall allemaal gemeente gespreksleiders leidden "
    "leidde".split()
)


# Words that only say something was discussed ("Wat is er in gesprek II besproken?").
_TALK = frozenset("besproken behandeld gesproken gezegd bod sprake discussed said".split())


def talk_only(words: list[str]) -> bool:
    """Whether a question's remaining words only say that something was discussed."""
    return all(fold(w) in _TALK for w in words)


def is_cue(word: str) -> bool:
    """Whether a question word only says what kind of question it is (not its topic)."""
    w = fold(word)
    return w in _CUES_EXTRA or any(p.fullmatch(w) for p in _CUES)
