"""Who said it: attribute each paragraph of a question section to a speaker, or to nobody.

Evidence, strongest first: a label prefix (`Westerbroek: …`), a person or organisation as the
sentence subject (`Bert Kolk heeft …`, `Humanitas vindt …`), and continuation of the previous
speaker's run (`inferred`). Anything else is `none`. Presence at the meeting is never evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.attendees import CONNECTORS, FIRST_NAMES, TUSSENVOEGSELS, initials_of, role_keys
from ingest.hosts import chairs_meeting
from ingest.labels import (  # noqa: F401  (re-exported: callers know them from here)
    GROUP_JOINERS,
    GROUP_WORDS,
    PARENS,
    TOPIC_LABELS,
    dash_label,
    group_label,
    label_of,
    speaker_like,
)
from ingest.opgaven import names_topic
from ingest.records import Attendee
from ingest.text import collapse_ws, fold
from ingest.wording import (  # noqa: F401  (re-exported: callers know them from here)
    GENERIC_ORG_WORDS,
    PHRASE_JOINERS,
    SPEECH_VERBS,
    TITLES,
    VERBS,
    is_verb,
)


@dataclass(frozen=True)
class Speaker:
    label: str  # as written in the verslag
    organisation: str | None
    persons: tuple[str, ...]
    is_person: bool = False  # the label names a person, not an organisation


_ASIDE = re.compile(r"^(?P<name>(?:[A-Z]\.\s?)*[A-Z][^():.!?]{1,60}?)\s*\([^()]{1,60}\)\s+")
_INITIALS = re.compile(r"^(?:[A-Z]\.\s?){1,4}(?=[A-Z]|(?:van|de|der|den|ter|ten|te)\s)")
_ARTICLE = re.compile(r"^(?:De|Het|de|het)\s+")
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
# A role qualified by a place or organisation: "de eigenaar van het pand", "de coach bij X".
_ROLE_OF = re.compile(r"^\s+(?:van|bij|in|uit|op|voor|aan)\s+(?P<of>.+)", re.IGNORECASE)
_TITLED_SUBJECT = re.compile(
    r"^(?P<name>(?:[A-Z][\w'-]+ )?(?:(?:%s) )*[A-Z][\w'-]+) (?P<verb>\w+)"
    % "|".join(
        sorted(TUSSENVOEGSELS | {t.capitalize() for t in TUSSENVOEGSELS}, key=len, reverse=True)
    )
)
_PERSON_SUBJECT = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}(?: (?:%s))* [A-Z][\w'-]+) (?P<verb>\w+)"
    % "|".join(sorted(TUSSENVOEGSELS, key=len, reverse=True))
)
# The short form an attendee list gives an organisation: "Org (SHM)" at the end of the role.
_SHORT_FORM = re.compile(r"\((?P<short>[A-ZÀ-Þ][\w&'-]{1,19})\)\s*$")
_ACRONYMISH = re.compile(r"^(?=(?:\w*[A-Z]){2})[A-Z][\w&-]*$")
_INITIALS_WORD = re.compile(r"^(?P<initials>[A-Z](?:[a-z]{0,3}[A-Z]){1,3})\s+(?P<verb>\w+)")
_PREPOSITIONS = frozenset("namens vanuit volgens over bij voor met na door op in uit".split())
# How minutes name the chair of the meeting ("Vz:", "De voorzitter vraagt …").
CHAIR_LABELS = ("vz", "voorz", "voorzitter", "de voorzitter", "gespreksleider", "de gespreksleider")


class SpeakerIndex:
    """Aliases of one verslag's attendees (and of labels met along the way)."""

    def __init__(self, attendees: tuple[Attendee, ...] | list[Attendee]) -> None:
        self.attendees = tuple(attendees)
        self._labels: dict[str, Speaker] = {}  # folded alias -> speaker, for `X:` labels
        self._subjects: dict[str, Speaker] = {}  # folded alias -> speaker, for `X vindt`
        orgs: dict[str, list[str]] = {}
        for a in self.attendees:
            if a.organisation:
                orgs.setdefault(a.organisation, []).append(a.name)
        # Who owns each run of words: "Cliëntenraad" in two organisations names neither.
        span_owner: dict[str, set[str]] = {}
        for org in orgs:
            tokens = org.split()
            for i in range(len(tokens)):
                for j in range(i + 1, len(tokens) + 1):
                    span_owner.setdefault(fold(" ".join(tokens[i:j])), set()).add(org)
        self._ambiguous = {k for k, owners in span_owner.items() if len(owners) > 1}
        for org, persons in orgs.items():
            self._add_org(org, tuple(persons), span_owner)
        for a in self.attendees:
            self._add_person(a)
        for a in self.attendees:  # "…, Stichting X Midden-Groningen (SHM)": an acronym,
            short = _SHORT_FORM.search(a.role or "")  # not "(Voorzitter)" nor their initials
            word = short["short"] if short else ""
            if a.organisation and _ACRONYMISH.match(word) and word not in initials_of(a.name):
                self.alias(word, a.organisation)
        holders: dict[str, set[Attendee]] = {}  # "buurtsportcoach" -> who has that role
        for a in self.attendees:
            for key in role_keys(a.role):
                holders.setdefault(fold(key), set()).add(a)
        # Only a role one attendee holds names them; "voorzitter" may be the meeting's chair.
        self._roles = {
            k: next(iter(v)) for k, v in holders.items() if len(v) == 1 and k not in TOPIC_LABELS
        }
        initials = [(key, a) for a in self.attendees for key in initials_of(a.name)]
        self._initials: dict[str, Speaker] = {}  # "AK vindt …", "JdV mailt …" as a subject
        for key, a in initials:  # "AH:" for Anne-Marie Hoekstra, when no one else is "AH"
            if sum(k == key for k, _ in initials) == 1:
                speaker = Speaker(key, a.organisation, (a.name,), is_person=True)
                self._labels.setdefault(fold(key), speaker)
                self._initials.setdefault(fold(key), speaker)
            elif fold(key) not in self._labels:  # "JV" of two people: no one's, no organisation
                self._ambiguous.add(fold(key))
        chairs = [a for a in self.attendees if chairs_meeting(a)]
        for alias in CHAIR_LABELS if len(chairs) == 1 else ():  # "Vz:", "De voorzitter vraagt"
            speaker = Speaker(alias, chairs[0].organisation, (chairs[0].name,), is_person=True)
            self._labels.setdefault(alias, speaker)
            self._subjects.setdefault(alias, speaker)

    def _add_org(self, org: str, persons: tuple[str, ...], owner: dict[str, set[str]]) -> None:
        tokens = org.split()
        for i in range(len(tokens)):
            for j in range(i + 1, len(tokens) + 1):
                alias = " ".join(tokens[i:j])
                key = fold(alias)
                article = tokens[i] in ("De", "Het") and j - i > 1  # "De Borgstee", "Het Anker"
                if (tokens[i].lower() in CONNECTORS and not article) or tokens[
                    j - 1
                ].lower() in CONNECTORS:
                    continue
                if owner.get(key, set()) != {org} or (j - i == 1 and len(key) < 3):
                    continue
                speaker = Speaker(alias, org, persons)
                self._labels.setdefault(key, speaker)
                # One word of a phrase inside the name ("Centrum voor Jeugd en Gezin": "Jeugd",
                # "Sport en Bewegen": "Sport") is a common noun as a subject, not the name.
                inner = j - i == 1 and any(
                    0 <= k < len(tokens) and tokens[k].lower() in PHRASE_JOINERS for k in (i - 1, j)
                )
                if (j - i > 1 or key not in GENERIC_ORG_WORDS) and not inner:
                    self._subjects.setdefault(key, speaker)

    def _add_person(self, a: Attendee) -> None:
        parts = a.name.split()
        surname_at = len(parts) - 1
        while surname_at > 1 and parts[surname_at - 1].lower() in TUSSENVOEGSELS:
            surname_at -= 1
        aliases = {a.name, " ".join(parts[surname_at:]), f"{parts[0]} {parts[-1]}"}
        aliases.add(" ".join(parts[surname_at:]).capitalize())  # "De Vries" at sentence start
        if "-" in parts[-1]:  # "Wethouder De Haan" for Tjitske de Haan-Postma
            first_part = " ".join([*parts[surname_at:-1], parts[-1].split("-")[0]])
            aliases |= {first_part, first_part.capitalize()}
        for alias in aliases:
            speaker = Speaker(alias, a.organisation, (a.name,), is_person=True)
            self._labels.setdefault(fold(alias), speaker)
            if len(alias.split()) > 1 or len(alias) > 3:
                self._subjects.setdefault(fold(alias), speaker)

    def meet(self, name: str, organisation: str | None) -> None:
        """Learn a person the text introduces ("Loes Kuipers, jeugdverpleegkundige bij …"),
        so a later "Kuipers:" or "Kuipers vreest" names her; attendees keep precedence."""
        self._add_person(Attendee(name, None, organisation))

    def aliases(self, *, distinctive: bool = False) -> dict[str, Speaker]:
        """Folded alias -> speaker, for matching names in questions; `distinctive` leaves out
        generic single words ("Welzijn") that only identify a speaker as an `X:` label."""
        return dict(self._subjects if distinctive else self._labels)

    def ambiguous(self, label: str) -> bool:
        """`label` is part of two attendees' organisation names."""
        return fold(collapse_ws(label)) in self._ambiguous

    def known(self, label: str) -> Speaker | None:
        """The speaker `label` names among the attendees and labels met so far."""
        label = collapse_ws(label)
        if fold(label) in self._ambiguous:
            return None
        hit = self._labels.get(fold(label))
        if hit is None:
            m = PARENS.match(label)  # "Bert Kolk (Humanitas)", "Humanitas (Bert Kolk)"
            if m:
                outer, inner = self.known(m["outer"]), self.known(m["inner"])
                person = next((s for s in (outer, inner) if s and s.is_person), None)
                person = person or self._first_name(m["outer"], inner)  # "Lotte (Jongerenraad)"
                hit = person or outer or inner
            elif TITLES.match(label):
                hit = self._labels.get(fold(TITLES.sub("", label, count=1)))
            elif _ARTICLE.match(label):  # "De Kredietbank" for Kredietbank Noord
                hit = self._labels.get(fold(_ARTICLE.sub("", label, count=1)))
        if hit is None:
            hit = self._initialled(label) or self._abbreviated(label) or self._combined(label)
        if hit is None:
            return None
        return Speaker(label, hit.organisation, hit.persons, hit.is_person)

    def role(self, text: str) -> Speaker | None:
        """The one attendee whose role opens `text` ("de buurtsportcoach bereikt …",
        "Buurtsportcoach"), as a person; None when no one or several hold it."""
        text = collapse_ws(_ARTICLE.sub("", text, count=1))
        folded = fold(text)
        for key in sorted(self._roles, key=len, reverse=True):
            if folded.startswith(key) and not folded[len(key) : len(key) + 1].isalnum():
                a = self._roles[key]
                # "de eigenaar van het pand" is someone else; "de directeur van Veenhuis" not
                m = _ROLE_OF.match(text[len(key) :])
                if m and (self._owner(m["of"]) or "") != a.organisation:
                    return None
                return Speaker(text[: len(key)], a.organisation, (a.name,), is_person=True)
        return None

    def _owner(self, text: str) -> str | None:
        """The organisation the opening words of `text` name ("Veenhuis", "de GGD")."""
        words = _ARTICLE.sub("", text, count=1).split()[:6]
        for n in range(len(words), 0, -1):
            found = self.known(" ".join(words[:n]).strip(",.;:"))
            if found is not None:
                return found.organisation
        return None

    def _initialled(self, label: str) -> Speaker | None:
        """ "K.P. Brouwer": an attendee's surname after initials that fit their first name."""
        m = _INITIALS.match(label)
        if m is None:
            return None
        hit = self._labels.get(fold(label[m.end() :]))
        first = m.group().strip()[:1]
        if hit is None or not hit.is_person or not hit.persons[0].startswith(first):
            return None
        return hit

    def _first_name(self, name: str, org: Speaker | None) -> Speaker | None:
        """ "Lotte (Jongerenraad)": the one attendee of that organisation with that first name."""
        if org is None or not org.organisation or len(name.split()) != 1:
            return None
        found = [
            a
            for a in self.attendees
            if a.organisation == org.organisation and fold(a.name.split()[0]) == fold(name)
        ]
        if len(found) != 1:
            return None
        return Speaker(name, org.organisation, (found[0].name,), is_person=True)

    def _combined(self, label: str) -> Speaker | None:
        """ "Thuiszorg Hunzedal A. Dijkstra", "Gemeente / M. van Dijk" (a margin naming the
        organisation and its person): the person, when both parts name the same party."""
        words = label.replace("/", " / ").split()
        if not 2 <= len(words) <= 10:
            return None
        for i in range(1, len(words)):
            left, right = " ".join(words[:i]).strip(" /"), " ".join(words[i:]).strip(" /")
            org, person = self._labels.get(fold(left)), self.known(right)
            if org and person and person.is_person and org.organisation == person.organisation:
                return person
        return None

    def _abbreviated(self, label: str) -> Speaker | None:
        """The one attendee organisation a label abbreviates: every word of the label is a
        word of the name or the initials of a run of its words ("Welzijn MG", "CJG")."""
        words = label.split()
        if not words or len(words) > 4 or not any(_ACRONYM.match(w) for w in words):
            return None
        found: dict[str, Speaker] = {}
        for speaker in self._labels.values():
            org = speaker.organisation
            if not org or org in found:
                continue
            parts = [p for p in re.split(r"[\s-]+", org) if p and p.lower() not in CONNECTORS]
            initials = "".join(p[0] for p in parts).upper()
            capitals = "".join(c for c in org if c.isupper())  # "SchuldHulpMaatje": "SHM"
            names = {fold(p) for p in parts}
            if all(
                fold(w) in names or (_ACRONYM.match(w) and (w in initials or w in capitals))
                for w in words
            ):
                found[org] = Speaker(label, org, speaker.persons)
        return next(iter(found.values())) if len(found) == 1 else None

    def _acronym_subject(self, text: str) -> Speaker | None:
        """ "CJG sluit zich aan", "Het CJG ziet": an abbreviation of exactly one attendee
        organisation as the subject, followed by a verb."""
        words = text.split(" ", 2)
        if len(words) < 2 or not _ACRONYM.match(words[0]) or not is_verb(words[1].strip(",.")):
            return None
        if fold(words[0]) in self._subjects:
            return None  # a word of a name ("GGD Groningen"): the alias path handles it
        return self._abbreviated(words[0])

    def alias(self, label: str, organisation: str) -> None:
        """Learn `label` as a name of `organisation` (a label the parser attributed to it),
        unless it already names a speaker or is part of several names."""
        key = fold(collapse_ws(label))
        if key and key not in self._labels and key not in self._ambiguous:
            speaker = Speaker(label, organisation, ())
            self._labels[key] = speaker
            self._subjects.setdefault(key, speaker)

    def resolve_label(self, label: str) -> Speaker | None:
        """The speaker an `X:` label names, or None when it names a topic or a group."""
        known = self.known(label)
        if known is not None:
            return known
        role = self.role(label)  # "Buurtsportcoach:" when one attendee is the buurtsportcoach
        if role is not None and fold(role.label) == fold(_ARTICLE.sub("", label)):
            return role
        if group_label(label) or fold(label) in self._ambiguous:
            return None
        titled = TITLES.match(label)
        if titled and speaker_like(label[titled.end() :]):
            name = label[titled.end() :]
            return Speaker(label, None, (name,), is_person=True)
        m = PARENS.match(label)
        if m and speaker_like(m["outer"]) and speaker_like(m["inner"]):
            outer = m["outer"]
            if outer.split()[0].lower() in FIRST_NAMES:
                return Speaker(label, m["inner"], (outer,), is_person=True)
            inner = m["inner"]  # "Thuisadm. (B. Kuipers)": the person of that organisation
            named = _INITIALS.match(inner) or inner.split()[0].lower() in FIRST_NAMES
            return Speaker(label, outer, (inner,) if len(inner.split()) > 1 else (), bool(named))
        if not speaker_like(label):
            return None
        words = label.split()
        if len(words) >= 2 and (words[0].lower() in FIRST_NAMES or _INITIALS.match(label)):
            speaker = Speaker(label, None, (label,), is_person=True)
        elif names_topic(label):  # "Brievenbusproblemen:", "Armoede:": what, not who
            return None
        else:  # no attendee list: a place or organisation label names its speaker
            speaker = Speaker(label, label, ())
        self._labels[fold(label)] = speaker  # later `Voedselbank vindt …` resolves too
        self._subjects[fold(label)] = speaker
        return speaker

    def subject(self, text: str) -> Speaker | None:
        """The speaker when the paragraph opens with a known name followed by a verb; a title
        in front ("Wethouder Van der Molen sluit af") names that person, attendee or not."""
        titled = TITLES.match(text)
        if titled:
            rest = text[titled.end() :]
            found = self._subject(rest)
            if found is None:
                m = _TITLED_SUBJECT.match(rest)
                if m and is_verb(m["verb"]):
                    found = Speaker(m["name"], None, (m["name"],), is_person=True)
            if found is not None:
                label = text[: titled.end()] + found.label
                return Speaker(label, found.organisation, found.persons, found.is_person)
            return None
        return self._subject(text)

    def _subject(self, text: str) -> Speaker | None:
        # "Harm Wiersma (namens MEE) ziet …": the aside is not part of the subject
        text = _ASIDE.sub(r"\g<name> ", text, count=1)
        article = _ARTICLE.match(text)
        if article:  # "De GGD vindt", "De cliëntenraad vindt": an organisation, if known
            rest = text[article.end() :]
            folded_rest = fold(rest)
            for key, s in self._subjects.items():
                if s.organisation and not s.is_person and folded_rest.startswith(key + " "):
                    verb = rest[len(key) + 1 :].split(" ", 1)[0]
                    if is_verb(verb.strip(",.")):
                        label = text[: article.end() + len(key)]
                        return Speaker(label, s.organisation, s.persons)
            role = self.role(rest)  # "De buurtsportcoach vindt": the one who holds that role
            if role is not None:
                verb = rest[len(role.label) :].split(" ", 2)[1:2] or [""]
                if verb[0].strip(",.") in SPEECH_VERBS:
                    return role
        short = self._acronym_subject(text[article.end() :] if article else text)
        if short is not None:
            return short
        m = _INITIALS_WORD.match(text)  # "AK vindt", "JdV mailt": initials written as such
        if m and fold(m["initials"]) in self._initials and is_verb(m["verb"]):
            s = self._initials[fold(m["initials"])]
            return Speaker(m["initials"], s.organisation, s.persons, is_person=True)
        folded = fold(text)
        for key in sorted(self._subjects, key=len, reverse=True):
            if folded.startswith(key + " "):
                next_word = text[len(key) + 1 :].split(" ", 1)[0]
                if is_verb(next_word.strip(",.")):
                    s = self._subjects[key]
                    return Speaker(text[: len(key)], s.organisation, s.persons, s.is_person)
                return None
        m = _PERSON_SUBJECT.match(text)
        if m is None:
            return None
        first = m.group("name").split()[0]
        if fold(first) in _PREPOSITIONS:  # "Namens Lentis geeft …" is no person "Namens Lentis"
            return None
        known_name = first.lower() in FIRST_NAMES and is_verb(m["verb"])
        # An unknown first name needs a real speech verb and must not be an organisation word.
        plausible = (
            m["verb"] in SPEECH_VERBS and fold(first) not in GENERIC_ORG_WORDS | TOPIC_LABELS
        )
        if known_name or plausible:
            return Speaker(m.group("name"), None, (m.group("name"),), is_person=True)
        return None
