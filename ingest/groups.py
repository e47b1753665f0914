"""Group subjects: a turn whose subject is several speakers ("Humanitas en GGD vinden",
"Beide partijen", "JB + AK:") or the reporter's own voice ("Er is afgesproken", "Het valt op
dat") is nobody's, and it ends the previous speaker's run.
"""

from __future__ import annotations

import itertools
import re

from ingest.labels import GROUP_JOINERS, group_label, label_of
from ingest.speakers import Speaker, SpeakerIndex
from ingest.text import fold

UNATTRIBUTED = re.compile(
    r"^(algemeen\b|de aanwezigen\b|aanwezigen\b|alle (aanwezigen|deelnemers|partijen)\b|"
    r"de deelnemers\b|deelnemers\b|er (wordt|werd|worden|werden)\b|men\b|iedereen\b|allen\b|"
    r"er (is|zijn|was|waren) (afgesproken|besloten|gesproken|geconstateerd|vastgesteld)\b|"
    r"(afgesproken|besloten) (is|wordt)\b|"
    r"gezamenlijk\b|unaniem\b|de groep\b|in het gesprek\b|vanuit het gesprek\b|"
    r"(beide|alle|meerdere|verschillende|diverse|enkele|sommige|de)"
    r"( (twee|drie|vier|vijf|zes|\d+))?( de)? (aanwezigen|deelnemers|"
    r"partijen|organisaties|gesprekspartners|gasten|sprekers|genodigden|instellingen)\b|"
    r"beiden?\b|allebei\b|samen\b|niet iedereen\b|sommigen\b|de meesten\b|"
    r"(de )?(betrokken |aanwezige |genoemde )?(partijen|organisaties|gesprekspartners)\b)",
    re.IGNORECASE,
)
# The reporter's own voice: impersonal and agentless passive openings ("Het valt op dat",
# "Ook wordt afgesproken", "Het gesprek gaat daarna over", "Volgende afspraak"). Such a
# paragraph reports the meeting; it never continues a speaker's turn.
REPORTER_VOICE = re.compile(
    r"^(?:(?:ook|verder|daarna|vervolgens|voorts|tevens|nog|dan|hierna|eveneens|tot slot|"
    r"tenslotte|ten slotte|kort|tot besluit)\s+)?(?:wordt|werd|worden|werden)\s+(?:er\s+)?"
    r"(?:\w+\s+)?(?:afgesproken|opgemerkt|besproken|besloten|genoemd|gesproken|gevraagd|"
    r"aangegeven|benadrukt|geconstateerd|vastgesteld|voorgesteld|geopperd|gediscussieerd|"
    r"stilgestaan|ingegaan|teruggekoppeld|gewezen|afgesloten)\b|"
    r"^er\s+(?:is|was|volgt|ontstaat|ontstond)\s+(?:een\s+)?(?:\w+\s+)?"
    r"(?:discussie|gesprek|overleg|uitwisseling|debat)\b|"
    r"^het\s+valt\s+(?:op|te)\b|^opvallend\s+is\b|"
    r"^(?:het\s+gesprek|de\s+discussie|het\s+overleg|de\s+bijeenkomst)\b|"
    r"^(?:de\s+)?volgende\s+(?:afspraak|bijeenkomst|gesprek|overleg)\b|"
    r"^(?:de\s+)?(?:open\s+)?vraag\s+blijft\b|"
    r"^(?:korte\s+)?discussie\s+(?:over|of)\b|"
    # "Over de opgaven … wordt (niet) gesproken": what was (not) discussed, by nobody
    r"^over\s+[^.:;]{1,100}?\s(?:wordt|werd|worden|werden)\s+(?:er\s+)?[^.:;]{0,60}?"
    r"\b(?:gesproken|besproken|opgemerkt|gezegd)\b|"
    # "Besluit 3.1: …", "Afspraak: …", "Conclusie: …": the meeting's decision, by nobody
    r"^(?:besluit|besluiten|besloten|afspraak|afspraken|afgesproken|actiepunt|conclusie)\b"
    r"[\s\d.]{0,8}:",
    re.IGNORECASE,
)
# A group named anywhere in an unlabelled sentence ("… lijkt alle aanwezigen nuttig"): it
# continues nobody's turn.
_GROUP_ANYWHERE = re.compile(
    r"\b(?:alle aanwezigen|alle deelnemers|beide partijen|beide organisaties|beiden|allebei|"
    r"alle partijen|de aanwezigen|allen|alle (?:twee|drie|vier|vijf|zes) (?:de )?\w+|"
    r"(?:niemand|geen|ieder|elk|een) van (?:de|beide|hen|ons) (?:aanwezigen|deelnemers|"
    r"partijen|organisaties|gasten)|"
    r"(?:lopen|liepen|verschillen|verschilden) de meningen|"
    r"de meningen (?:lopen|liepen|verschil\w*))\b",
    re.IGNORECASE,
)


# Two names joined as the subject of a plural verb: "Lotte en Nienke maken samen …",
# "Schildwolde en Kolham stellen voor …" (whoever they are, more than one speaker).
_NAMES_PLURAL = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’-]+\s+){1,3}(?:en|&)\s+(?:[A-ZÀ-Þ][\w'’-]+\s+){1,3}[a-z]\w*en\b"
)


def group_subject(text: str, index: SpeakerIndex) -> bool:
    """The sentence's subject is a group: `Humanitas en GGD vinden …`, `Beide partijen …`."""
    if UNATTRIBUTED.match(text) or REPORTER_VOICE.match(text) or _NAMES_PLURAL.match(text):
        return True
    if _GROUP_ANYWHERE.search(text.split(". ")[0]):
        return True
    label = label_of(text)
    if label and (group_label(label) or index.ambiguous(label)):
        return True  # several speakers, or a name two attendees share: nobody's alone
    folded = fold(text)
    if folded.startswith("zowel "):
        folded = folded[len("zowel ") :]
        if any(folded.startswith(key + " ") for key in index.aliases()):
            return True
    for key in index.aliases():
        if folded.startswith(key) and folded[len(key) : len(key) + 5].startswith(
            tuple(j.rstrip() + " " for j in GROUP_JOINERS)
        ):
            return True
    return _coordinated(folded.split(". ")[0], index)


_COORDINATION = frozenset({"en", "als", "&", "de", "het", "ook", "zowel", ","})


_AFTER_PREPOSITION = re.compile(
    r"\b(?:naar|in|bij|met|voor|van|tussen|over|uit|op|aan|vanuit|richting|rond)\s+"
    r"(?:de\s+|het\s+)?$",
    re.IGNORECASE,
)


def _coordinated(sentence: str, index: SpeakerIndex) -> bool:
    """Two different speakers joined by 'en'/'als' anywhere in the sentence ("afgesproken dat
    het Werkbedrijf en de bibliotheek …", "door MEE en Welzijn MG allebei"): a group."""
    hits: list[tuple[int, int, Speaker]] = []
    distinctive = index.aliases(distinctive=True)
    for key, speaker in index.aliases().items():
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(key), sentence):
            # a generic word ("gemeente") is a party only as the subject, at the start:
            # "overleg tussen gemeente en dorpen" names no speaker
            if key in distinctive or sentence[: m.start()].strip(" ,").lower() in ("", "de", "het"):
                hits.append((m.start(), m.end(), speaker))
    hits.sort(key=lambda h: (h[0], -h[1]))
    kept: list[tuple[int, int, Speaker]] = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    # after a preposition a name is a place or an object, no subject ("ook naar Muntendam en
    # Meeden", "tussen gemeente en dorpen"); "door A en B" is the agent of a passive
    kept = [h for h in kept if not _AFTER_PREPOSITION.search(sentence[: h[0]])]
    for _, end, _ in kept:  # "het Werkbedrijf en de bibliotheek": a speaker and another party
        if re.match(r"\s+(?:en|&)\s+(?:de\s+|het\s+)?\w+", sentence[end:]):
            return True
    for (_, end, a), (start, _, b) in itertools.pairwise(kept):
        between = sentence[end:start].replace(",", " , ").split()
        same = (a.organisation and a.organisation == b.organisation) or (
            a.persons and a.persons == b.persons
        )
        if (
            not same
            and between
            and set(between) <= _COORDINATION
            and ({"en", "als", "&"} & set(between))
        ):
            return True
    return False
