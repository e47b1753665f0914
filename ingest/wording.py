"""The Dutch words attribution reads: verbs of saying and judging, the titles and offices
before a name, and organisation words too generic to name a speaker on their own."""

from __future__ import annotations

import re

from ingest.text import fold

# Organisation words too generic to identify a speaker when used alone as a subject.
GENERIC_ORG_WORDS = frozenset(
    fold(w)
    for w in """stichting vereniging gemeente centrale centrum zorg welzijn groningen
    noord-nederland midden-groningen publieke gezondheid dorpsbelangen buurt wijk team
    teams sociaal sociale afdeling regio noord zuid oost west nederland platform raad
    vrijwilligers huis school kerk eigen kracht de het""".split()
)
# Words joining the parts of a phrase inside a name ("Centrum voor Jeugd en Gezin").
PHRASE_JOINERS = frozenset("en & voor op in aan met".split())
VERBS = frozenset(
    """is was heeft had wil kan zal zou mag moet gaat ziet zag vindt vond mist zegt zei stelt
    geeft gaf merkt noemt pleit vraagt benadrukt herkent waarschuwt denkt meent wijst
    ervaart constateert concludeert bedankt onderschrijft deelt maakt werkt doet verwacht
    hoopt adviseert raadt vertelt legt onderstreept signaleert sluit reageert spreekt vult
    pakt kijkt staat biedt erkent beaamt vreest twijfelt juicht waardeert ondersteunt
    herkende noemde vroeg stelde gaf vat zet""".split()
)
# Verbs of saying and judging: an unknown "Capitalised Words" subject needs one of these
# ("Uitwerking van het Taalpunt kan …" is no person).
SPEECH_VERBS = VERBS - frozenset("is was heeft had wil kan zal zou mag moet gaat staat".split())
_NOT_VERBS = frozenset("niet dat met wat het tot uit want omdat echt vaak toch juist zelfs".split())
# A title or office before a name: "Mevr. De Vries:", "Wethouder Van der Molen sluit af".
TITLES = re.compile(
    r"^(?P<title>(?:dhr|mevr|mw|mr|dr|drs|ir|ing|ds|prof)\.|de heer|mevrouw|wethouder|burgemeester|"
    r"gespreksleider|voorzitter|beleidsadviseur|beleidsmedewerker|directeur|"
    r"raadslid|ambtenaar|secretaris|wijkagent|jeugdarts|huisarts|dominee|pastor|gedeputeerde)"
    r"\s+(?=[A-ZÀ-Þ])",
    re.IGNORECASE,
)


def is_verb(word: str) -> bool:
    """A finite verb after a subject: a known one, or a lower-case word ending in -t."""
    w = word.lower()
    if w in VERBS:
        return True
    return len(w) >= 4 and w.endswith("t") and w not in _NOT_VERBS and w.islower()
