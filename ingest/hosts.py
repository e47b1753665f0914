"""Who hosted and who was consulted: the municipality's own people (wethouder, gespreksleider,
beleidsmedewerker, the chair of the meeting) are hosts, everyone else a consulted party.

Pure functions over `Attendee`, tested table-driven; answers ("welke organisaties zijn
geraadpleegd?") and the onboarding overview use the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.records import Attendee
from ingest.text import fold

# Roles that make an attendee the municipality's host whatever organisation is given.
_HOST_ROLES = re.compile(
    r"\b(wethouders?|burgemeester|gespreksleid(?:er|ster|ing)|dagvoorzitter|notulist[e]?"
    r"|namens de gemeente|ambtena(?:ar|ren))\b"
)
# Roles that make an attendee a host only for the municipality (or when no organisation is
# given): a beleidsmedewerker of the GGD is consulted, one without organisation is ours.
_OWN_ROLES = re.compile(r"\b(beleidsmedewerker|beleidsadviseur|programmamanager|verslag)\b")
# "voorzitter" is a chair of the meeting only as such, never "voorzitter Humanitas".
_CHAIR = re.compile(
    r"\((?:dag)?voorzitter\)|voorzitter (?:van )?(?:het gesprek|de bijeenkomst|de avond)"
)
_MUNICIPALITY = re.compile(r"\bgemeente\b")

HOST_LABEL = "namens de gemeente"


def municipal(organisation: str | None) -> bool:
    """Whether an organisation is the municipality itself ("gemeente Midden-Groningen")."""
    return bool(organisation) and bool(_MUNICIPALITY.search(fold(organisation or "")))


def host_role(a: Attendee) -> str | None:
    """The attendee's host role in Dutch ("wethouder", "gespreksleider", …), or None for a
    consulted party."""
    role, org = fold(a.role or ""), fold(a.organisation or "")
    said = f"{fold(a.name)} {role}"
    if m := _HOST_ROLES.search(said):
        return m.group(1)
    m = _CHAIR.search(role)
    # "(voorzitter)" after a wethouder chairs the meeting; after "Humanitas" it is Humanitas's
    if m and (m.group().startswith("voorzitter") or not org or _MUNICIPALITY.search(org)):
        return "voorzitter van het gesprek"
    municipal = bool(_MUNICIPALITY.search(org)) or bool(_MUNICIPALITY.search(role))
    if (m := _OWN_ROLES.search(role)) and (municipal or not org):
        return "notulist" if m.group(1) == "verslag" else m.group(1)
    if municipal:
        return "gemeente"
    return None


_LEADS = re.compile(r"\b(?:gespreksleid(?:er|ster|ing)|dagvoorzitter)\b")
_VOORZITTER = re.compile(r"(?:^|[,(])\s*voorzitter\s*(?:[,)]|$)")


def chairs_meeting(a: Attendee) -> bool:
    """The attendee led the conversation (whom "Vz:" or "De voorzitter …" means): a
    gespreksleider, or a host of the municipality as "voorzitter" ("wethouder (voorzitter)");
    "Evert Smid, voorzitter, Dorpsbelangen Foxhol" chairs his association, not the meeting."""
    role = fold(a.role or "")
    if _LEADS.search(role):
        return True
    chair = bool(_CHAIR.search(role) or _VOORZITTER.search(role))
    return chair and (municipal(a.organisation) or host_role(a) is not None)


def is_host(a: Attendee) -> bool:
    return host_role(a) is not None


def consulted(attendees: Iterable[Attendee]) -> list[Attendee]:
    return [a for a in attendees if not is_host(a)]


def hosts(attendees: Iterable[Attendee]) -> list[Attendee]:
    return [a for a in attendees if is_host(a)]
