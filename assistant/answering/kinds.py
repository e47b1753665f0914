"""Question kinds: what was said about a topic (the default), or a question about the record
itself (who attended, when, which organisations, how many, which organisations spoke about a
topic, which opgave drew most statements).

A small tolerant classifier over cue words in Dutch and English, not a list of phrasings: each
kind needs an interrogative cue and a cue about the record, so "Wanneer wordt de sporthal
geopend?" (no conversation, no organisation) stays a question about what was said.
"""

from __future__ import annotations

import re
from typing import Literal

from ingest.text import fold

Kind = Literal["said", "attended", "when", "organisations", "count", "spoke_about", "top_opgave"]
KINDS: tuple[Kind, ...] = (
    "said", "attended", "when", "organisations", "count", "spoke_about", "top_opgave",
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
_WHEN = _cue(
    r"\b(wanneer|when|welke\s+datum|op\s+welke\s+(dag|datum)|what\s+date|which\s+(day|date)|"
    r"datum\s+van)\b"
)
_DISCUSSED = _cue(r"\b(gesproken|besproken|ter\s+sprake|discussed|talked|raised)\b")
_STATEMENTS = _cue(r"\b(uitspraken|opmerkingen|reacties|statements|comments|remarks)\b")
_MOST = _cue(r"\b(meest|meeste|vaakst|most|vaak(st)?\s+genoemd)\b")
_OPGAVE = _cue(r"\b(opgaven?|thema'?s?|onderwerp(en)?|tasks?|themes?|topics?)\b")
_WHICH = _cue(r"\b(welke|welk|wat\s+voor|which|what)\b")
# "who" as the question word (near the start), not "people who struggle ...".
_WHO = _cue(r"^(?:\w+\s+){0,2}?(wie|who|whom)\b")
_SPOKE = _cue(
    r"\b(zeiden|zei|zegt|zeggen|spraken|sprak|praatten|hadden\s+het|had\s+het|noemden|"
    r"noemde|begonnen|brachten|kaartten|uitten|reageerden|vonden|dachten|gezegd|gesproken|"
    r"genoemd|aangegeven|opgemerkt|geuit|gereageerd|aangekaart|besproken|bespraken|"
    r"said|say|says|spoke|speak|talked|mentioned|raised|commented|discussed)\b"
)
_ABOUT = _cue(r"\b(over|about|on)\b")
_TRANSITIVE = _cue(r"\b(noemden|noemde|genoemd|bespraken|besproken|mentioned|raised|discussed)\b")
_PRESENT = _cue(
    r"\b(aanwezig|aanwezigen|waren\s+er|was\s+er|zaten|aan\s+tafel|deelgenomen|deelnamen|"
    r"namen\s+deel|namens|bij\s+het|bij\s+gesprek|bijgewoond|attended|attend|present|"
    r"took\s+part|participated|were\s+at|was\s+at|were\s+there)\b"
)
_WHICH_GESPREK = _cue(
    r"\b(welk|welke|which|what)\s+(gesprek|gesprekken|verslag|bijeenkomst|overleg|"
    r"conversation|meeting|session)\b"
)
_WHO_OF = _cue(
    r"^(?:en\s+)?(wie|who)\s+(is|was|zijn|waren|are|were)\b.*\b(van|namens|vanuit|of|from)\b"
)
_CONSULTED = _cue(
    r"\b(geraadpleegd|gesproken|gesprek(ken)?|aanwezig|betrokken|deelgenomen|uitgenodigd|"
    r"consulted|involved|present|attended|took\s+part|interviewed|spoken)\b"
)


def classify(question: str, *, scoped: bool = False) -> Kind:
    """The kind of `question`. `scoped`: the question names an organisation, person or
    gesprek (from the vocabulary), which makes "wanneer" and "wie" about the record."""
    q = fold(question)
    record = bool(_RECORD.search(q)) or scoped
    if _MOST.search(q) and _OPGAVE.search(q) and _WHICH.search(q):
        return "top_opgave"
    groups = bool(_ORGS.search(q)) and bool(_WHICH.search(q) or _HOW_MANY.search(q))
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
    if _WHICH_GESPREK.search(q) and (scoped or _PRESENT.search(q)):
        return "when"  # "Bij welk gesprek was Humanitas?": its number and date
    if spoke and (groups or not _PRESENT.search(q)):
        return "spoke_about"
    if groups and _CONSULTED.search(q):
        return "organisations"
    if (_WHO.search(q) or (_WHICH.search(q) and _PEOPLE.search(q))) and _PRESENT.search(q):
        return "attended"
    if _WHO.search(q) and _PEOPLE.search(q) and record:
        return "attended"
    if scoped and _WHO_OF.search(q) and not _SPOKE.search(q):
        return "attended"  # "Wie was er namens de GGD?", "Wie is de voorzitter van Humanitas?"
    if re.search(r"\bmet\s+wie\b|\bwho\s+(was|were)\s+consulted\b", q) and _CONSULTED.search(q):
        return "organisations"
    return "said"


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
    _STATEMENTS, _DISCUSSED,
)  # fmt: skip
_CUES_EXTRA = frozenset(
    "iets geraadpleegd gevoerd gehouden gesproken plaats vond vonden datum tafel namens "
    "aanwezig aanwezigen betrokken uitgenodigd consulted held took place attended gezegd "
    "genoemd meest vaakst most often gingen ging gaan gaat went go goes".split()
)


def is_cue(word: str) -> bool:
    """Whether a question word only says what kind of question it is (not its topic)."""
    w = fold(word)
    return w in _CUES_EXTRA or any(p.fullmatch(w) for p in _CUES)
