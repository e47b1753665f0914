"""Speakers introduced in the sentence itself, with or without an attendee list.

A formal report names people in prose the first time they speak ("Loes Kuipers,
jeugdverpleegkundige bij JGZ Oost-Groningen, vindt …", "Dominee Pieter Brouwer van de
Protestantse Gemeente Schildwolde-Hellum vertelt …", "Jan Hemmes spreekt namens Dorpsbelangen
Slochteren"), minutes name the organisation first ("Namens Lentis geeft dhr. Postma aan …"),
and the municipality acts as a party ("De gemeente stuurt het verslag rond", "Gemeente
reageert schriftelijk"). Each gives the person and, where the sentence says it, their
organisation; the caller lets the index learn the person, so "Kuipers:" and "Hemmes vindt"
later name them too.
"""

from __future__ import annotations

import re

from ingest.attendees import FIRST_NAMES
from ingest.labels import PARENS
from ingest.speakers import Speaker, SpeakerIndex
from ingest.text import fold
from ingest.wording import GENERIC_ORG_WORDS, SPEECH_VERBS, TITLES, is_verb

_NAME = r"(?:[A-ZÀ-Þ][\w'’-]+\s+)(?:(?:van|de|der|den|ter|ten|te|'t|in\s+'t)\s+)*[A-ZÀ-Þ][\w'’-]+"
_ORG = r"[A-ZÀ-Þ][\w'’&-]*(?:\s+(?:[A-ZÀ-Þ0-9][\w'’&-]*|voor|en|van|de|het|in|op|aan))*"
# "Loes Kuipers, jeugdverpleegkundige bij JGZ Oost-Groningen, vindt": name, role at org, verb.
_APPOSITION = re.compile(
    rf"^(?P<name>{_NAME}),\s+(?:(?P<role>[a-zà-ÿ][^,;:.]{{1,60}}?)\s+)?(?:bij|van|namens)\s+"
    rf"(?:de\s+|het\s+)?(?P<org>{_ORG}),\s+(?P<verb>\w+)"
)
# "Loes Kuipers (jeugdverpleegkundige, JGZ Oost-Groningen) vindt": the organisation in an aside.
_ASIDE_ORG = re.compile(
    rf"^(?P<name>{_NAME})\s+\((?:[^(),]{{1,60}},\s*)?(?:namens\s+)?(?P<org>{_ORG})\)\s+"
    r"(?P<verb>\w+)"
)
# "Pieter Brouwer van de Protestantse Gemeente Schildwolde-Hellum vertelt",
# "Jan Hemmes spreekt namens Dorpsbelangen Slochteren", "Ruud Bos (namens X) vindt" aside.
_OF_ORG = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:van(?:\s+de|\s+het)?|(?P<speaks>spreekt|praat)\s+namens(?:\s+de|\s+het)?)"
    rf"\s+(?P<org>{_ORG})(?:\s+(?P<verb>\w+)|[.,]|$)"
)
# "Namens Lentis geeft dhr. Postma aan", "Vanuit de GGD vertelt mevr. Pronk".
_ON_BEHALF = re.compile(
    r"^(?:Namens|Vanuit)\s+(?:de\s+|het\s+)?(?P<org>.{2,60}?)\s+(?P<verb>[a-z]\w+)\s+(?P<who>.+)"
)
# The municipality doing something as a party: a promise or an action, not an opinion about
# it ("De gemeente moet meer loslaten" is a speaker's view of the gemeente).
_MUNICIPALITY = re.compile(
    r"^(?:[Dd]e\s+)?[Gg]emeente(?:\s+\((?P<aside>[^()]{2,60})\))?\s+(?P<verb>\w+)\b(?P<rest>.*)"
)
_ACTS = frozenset(
    """stuurt verstuurt reageert zoekt organiseert nodigt plant levert onderzoekt informeert
    agendeert regelt belt mailt bekijkt verkent""".split()
)
# "vóór 1 april", "uiterlijk in mei", "binnen twee weken": a promise with a date to it.
_DEADLINE = re.compile(
    r"\b(?:v[oó]{2}r|uiterlijk|binnen|v[oó]{2}r de|na de|in (?:januari|februari|maart|april|"
    r"mei|juni|juli|augustus|september|oktober|november|december)|volgende (?:week|maand))\b",
    re.IGNORECASE,
)
_ACTS_WITH = {
    "neemt": "mee|contact",
    "zegt": "toe",
    "komt": "terug|langs",
    "pakt": "op",
    "werkt": "uit",
    "zoekt": "uit",
    "stuurt": "rond|door|na",
    "legt": "voor",
}


# First words that make "X Y" no person's name ("Het Taalhuis", "Stichting Welzijn").
_NO_NAME = GENERIC_ORG_WORDS | frozenset("de het een deze die dit namens vanuit volgens".split())


_BE = frozenset("is was wordt werd zijn waren".split())  # "X van Y is …": a mention


def introduced(text: str, index: SpeakerIndex, strict: bool = True) -> Speaker | None:
    """The speaker a sentence introduces itself, or None (then ask `index.subject`).
    `strict`: "De gemeente stuurt …" names the gemeente only as a promise (a date, "neemt …
    mee"): anywhere else it may be a speaker's view of the gemeente ("De gemeente stuurt
    brieven die niemand begrijpt"). Not strict after the municipality's own turn or in an
    action list's row, where the municipality acting is what the row records."""
    titled = TITLES.match(text)
    body = text[titled.end() :] if titled else text
    m = _APPOSITION.match(body)
    if m and is_verb(m["verb"]):
        found = _person(text[: m.end("name") + (titled.end() if titled else 0)], m, index)
        if found is not None:
            return found
    m = _ASIDE_ORG.match(body)
    if m and m["verb"] in SPEECH_VERBS:
        found = _person(text[: m.end("name") + (titled.end() if titled else 0)], m, index)
        if found is not None:
            return found
    m = _OF_ORG.match(body)
    # "Klaas Jan van Dijk vindt": "van Dijk" is a surname; a bare "van" needs an organisation
    # of two or more words ("van Stichting Welzijn Muntendam")
    bare_van = (
        m is not None
        and not m["speaks"]
        and body[m.end("name") :].split()[1]
        not in (
            "de",
            "het",
        )
    )
    if bare_van and (len(m["org"].split()) < 2 or index.known(body[: m.end("org")])):
        m = None
    if m and (m["speaks"] or (m["verb"] and is_verb(m["verb"]) and m["verb"] not in _BE)):
        found = _person(text[: m.end("name") + (titled.end() if titled else 0)], m, index)
        if found is not None:
            return found
    m = _ON_BEHALF.match(text)
    if m and is_verb(m["verb"]):
        org = index.known(m["org"])
        who = index.subject(f"{m['who'].split(' aan ')[0]} zegt") if m else None
        person = who if who is not None and who.is_person else None
        if person is not None or org is not None:
            organisation = (org.organisation if org else None) or (person and person.organisation)
            return Speaker(
                text[: m.end("verb")],
                organisation or m["org"],
                person.persons if person else (),
                is_person=person is not None,
            )
    return municipality(text, index, strict)


def municipality(text: str, index: SpeakerIndex, strict: bool = True) -> Speaker | None:
    """ "De gemeente stuurt …", "Gemeente reageert …", "De gemeente (TEN HAVE) stuurt …":
    the municipality (its attendee's organisation when the index knows one) or the person
    the aside names."""
    m = _MUNICIPALITY.match(text)
    if m is None:
        return None
    verb, sentence = m["verb"].lower(), m["rest"].split(". ")[0]
    label = text[: m.start("verb")].strip()
    person = index.known(m["aside"]) if m["aside"] else None
    if person is not None and person.is_person and is_verb(verb):  # named: "(TEN HAVE) stuurt"
        return Speaker(label, person.organisation, person.persons, is_person=True)
    promise = (verb in _ACTS_WITH and re.search(rf"\b(?:{_ACTS_WITH[verb]})\b", sentence)) or (
        verb in _ACTS and _DEADLINE.search(sentence)
    )
    if not promise and (strict or verb not in _ACTS):
        return None
    known = index.known("gemeente")
    return Speaker(label, known.organisation if known else "gemeente", ())


def _person(label: str, m: re.Match[str], index: SpeakerIndex) -> Speaker | None:
    name = PARENS.sub(r"\g<outer>", m["name"]).strip()
    org = m["org"].rstrip(" ,.")
    known = index.known(name)
    if known is not None and known.is_person:
        return Speaker(label, known.organisation or org, known.persons, is_person=True)
    if known is not None or fold(name.split()[0]) in _NO_NAME:
        return None  # "Het Taalhuis van de bibliotheek vindt": an organisation, no person
    found = index.known(org)
    return Speaker(label, found.organisation if found else org, (name,), is_person=True)


def is_new_person(speaker: Speaker, index: SpeakerIndex) -> bool:
    """A person named in the text whom the index does not know yet (to learn them): one the
    sentence gives an organisation, or whose first name is a common one ("Jan Hemmes")."""
    return (
        speaker.is_person
        and len(speaker.persons) == 1
        and len(speaker.persons[0].split()) >= 2
        and (bool(speaker.organisation) or speaker.persons[0].split()[0].lower() in FIRST_NAMES)
        and index.known(speaker.persons[0]) is None
        and fold(speaker.persons[0]) != fold(speaker.organisation or "")
    )


# A speaker written after the turn: "… — JdV", "… – AM", "… (Jansen, KBO)", "… (Dijkhuizen)".
_AFTER_DASH = re.compile(r"\s(?:[—–]|--?)\s*(?P<name>[^\s—–()][^—–()]{0,40}?)\s*$")
# "…, aldus Jansen.", "…, zegt mevr. De Vries.": a reporting clause closing the turn.
_AFTER_SAYS = re.compile(
    r",\s+(?:aldus|zegt|zei|vindt|meent|stelt|benadrukt|volgens)\s+(?P<name>[A-ZÀ-Þ]"
    r"[^,;:!?()]{1,50}?|(?i:dhr|mevr|mw)\.\s+[^,;:!?()]{2,50}?)\s*[.!]?\s*$"
)
_AFTER_PARENS = re.compile(r"\((?P<name>[^()]{2,60})\)\s*[.!]?\s*$")


def written_after(text: str, index: SpeakerIndex) -> Speaker | bool | None:
    """The speaker named at the end of a turn, False for a group ("— JdV/AM", "(beiden)"),
    None when the turn names no one there. Parentheses name a person only ("(Jansen, KBO)"):
    an organisation in them at the end is as often a mention ("… het sociaal team (GGD)")."""
    m = _AFTER_DASH.search(text)
    if m is not None:
        name = m["name"].strip(" .")
        parts = [p.strip() for p in re.split(r"\s*[/+&]\s*|\s+en\s+", name) if p.strip()]
        if len(parts) > 1 and all(index.known(p) for p in parts):
            return False
        found = index.known(name)
        if found is not None:
            return found
    m = _AFTER_SAYS.search(text)
    if m is not None:
        found = index.known(m["name"].strip())
        if found is not None:
            return found
    m = _AFTER_PARENS.search(text)
    if m is not None:
        name = m["name"].strip()
        if fold(name) in ("beiden", "allen", "allebei", "iedereen"):
            return False
        found = index.known(name) or index.known(name.split(",")[0])
        if found is not None and found.is_person:
            return found
    return None
