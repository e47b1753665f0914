"""Labels: the `X:` (or `X – …`, `CAPITALS -- …`, `[X] …`) that opens a turn, and whether it
reads like a speaker's name, a topic or a group. Which speaker a label means is
`ingest.speakers.SpeakerIndex`'s job; this module only reads the text.
"""

from __future__ import annotations

import re

from ingest.attendees import CONNECTORS, TUSSENVOEGSELS
from ingest.text import fold

# Words that start a label but name a topic or a kind of remark, not a speaker.
TOPIC_LABELS = frozenset(
    fold(w)
    for w in """vraag vragen conclusie conclusies suggestie suggesties opmerking opmerkingen
    reactie reacties advies tip tips nb let samenvatting actie actiepunt actiepunten afspraak
    afspraken besluit voorbeeld kortom aandachtspunt aandachtspunten slot tot noot citaat
    punt punten thema opgave opgaven visie gemeente inwoners kern interviewer interviewster
    gespreksleider voorzitter notulist vz voorz voorstel voorstellen idee ideeen afgesproken
    besloten labels label tags trefwoorden toelichting bestand duur""".split()
)
_LABEL = re.compile(
    r"^(?P<label>(?:(?:dhr|mevr|mw|mr|dr|drs)\.\s+)?(?:[A-Z]\.\s?)*[^:.!?;,()\d][^:.!?;()]{0,58}?"
    r"(?:\s*\([^():!?;]{1,60}\))?)\s*:\s+(?P<rest>\S)",
    re.IGNORECASE,
)
PARENS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
GROUP_JOINERS = (" en ", " & ", ", ", " met ", " + ")


def speaker_like(label: str) -> bool:
    """A label names a speaker when it reads like a name: capitalised words and connectors."""
    words = label.split()
    if not words or len(words) > 6 or fold(words[0]) in TOPIC_LABELS:
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in CONNECTORS | TUSSENVOEGSELS for w in words)


# "GERT-JAN KUIPERS -- het team …": a label in capitals before a dash, in typed notes.
_CAPS_LABEL = re.compile(
    r"^(?P<label>[A-ZÀ-Þ][A-ZÀ-Þ0-9&'’.() -]{1,58}?)\s+(?:--|–|—)\s+(?P<rest>\S)"
)


# "Woongroep Eemsmond – De visie …", "<strong>GGD</strong> - wij zien …": a name set off by a
# dash (a bold label whose markup is gone, a typed note). Only a known speaker makes it a label.
_DASH_LABEL = re.compile(
    r"^(?P<name>(?:(?i:dhr|mevr|mw|mr|dr|drs)\.\s+)?[A-ZÀ-Þ][^–—:.!?;,()]{1,58}?)"
    r"\s+(?:[–—]|--?)\s+(?=\S)"
)


def dash_label(text: str) -> str | None:
    """The `X` of a paragraph opening with `X – …` or `X - …`: a speaker's label only when
    `X` names a known speaker (the caller asks the index), never a guess."""
    m = _DASH_LABEL.match(text)
    return m["name"].strip() if m else None


# "[Buurtzorg] De wijkverpleging …": the speaker in square brackets before the turn.
_BRACKET_LABEL = re.compile(r"^\[(?P<label>[^\[\]:.!?;]{2,60})\]\s*(?P<rest>\S)")


# "Besluit 2.1: …", "Actie 3: …": a numbered label of minutes (a topic, never a speaker).
_NUMBERED_LABEL = re.compile(
    r"^(?P<label>[A-Z][a-z]{2,20}\s+\d{1,2}(?:\.\d{1,2})*)\s*:\s+(?P<rest>\S)"
)


def label_of(text: str) -> str | None:
    """The `X` of a paragraph opening with `X: …` (or `CAPITALS -- …`, `[X] …`), if any."""
    m = (
        _LABEL.match(text)
        or _CAPS_LABEL.match(text)
        or _BRACKET_LABEL.match(text)
        or _NUMBERED_LABEL.match(text)
    )
    return m.group("label").strip() if m else None


# Words that name several speakers at once: a label or row "Beide", "Allen", "Iedereen".
GROUP_WORDS = frozenset("beide beiden allen allebei iedereen samen alle gezamenlijk".split())


def group_label(label: str) -> bool:
    """`Humanitas en GGD`, `Kolk, De Vries`, `Beide`: several speakers, none of whom said it
    alone."""
    words = label.split()
    if words and fold(words[0]) in GROUP_WORDS:
        return True
    return any(j in f" {label} " for j in GROUP_JOINERS) and speaker_like(
        re.sub(r"\s*(?:,|&|\+)\s*", " en ", label)
    )
