"""The names a question can use, taken from the store (attendee organisations and people,
speaker labels, role nouns), and which speakers a question names with them: case- and
accent-insensitively, fuzzily, and as people type them ("de Kredietbank", "de
fysiotherapeut", "the volunteer centre")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from assistant.answering.terms import PEOPLE, QUESTION_WORDS, tokens
from assistant.answering.thesaurus import Thesaurus
from ingest.opgaven import Taxonomy
from ingest.records import Attendee, Statement, Verslag
from ingest.speakers import Speaker, SpeakerIndex
from ingest.text import STOPWORDS, fold, words


@dataclass(frozen=True)
class Vocabulary:
    """The names a question can refer to, taken from the store."""

    index: SpeakerIndex
    organisations: frozenset[str]  # organisations that have statements
    attendee_orgs: dict[str, list[Verslag]]  # organisation -> verslagen it attended
    persons: frozenset[str]
    verslagen: tuple[Verslag, ...]
    taxonomy: Taxonomy | None
    thesaurus: Thesaurus = field(default_factory=Thesaurus)
    # word -> the speakers ("organisation" or "person", name) it can stand for
    nouns: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    # verslag id -> the organisations that attended it or have statements in it
    present: dict[str, frozenset[str]] = field(default_factory=dict)


def build_vocabulary(
    verslagen: list[Verslag],
    statements: list[Statement],
    taxonomy: Taxonomy | None,
    thesaurus: Thesaurus | None = None,
) -> Vocabulary:
    attendees = [a for v in verslagen for a in v.attendees]
    index = SpeakerIndex(attendees)
    for s in statements:  # labels ("Voedselbank:", "De Kredietbank vindt") as names
        if s.speaker and s.organisation and s.attribution == "explicit":
            names = {w for p in s.persons for w in p.split()}
            if index.known(s.speaker) is None and not names & set(s.speaker.split()):
                index.alias(s.speaker, s.organisation)
    attended: dict[str, list[Verslag]] = {}
    for v in verslagen:
        for a in v.attendees:
            if a.organisation and v not in attended.setdefault(a.organisation, []):
                attended[a.organisation].append(v)
    present: dict[str, set[str]] = {
        v.id: {a.organisation for a in v.attendees if a.organisation} for v in verslagen
    }
    for s in statements:
        if s.organisation and s.verslag_id in present:
            present[s.verslag_id].add(s.organisation)
    return Vocabulary(
        present={vid: frozenset(orgs) for vid, orgs in present.items()},
        nouns=_nouns(attendees, thesaurus or Thesaurus()),
        index=index,
        organisations=frozenset(s.organisation for s in statements if s.organisation),
        attendee_orgs=attended,
        persons=frozenset(a.name for a in attendees),
        verslagen=tuple(verslagen),
        taxonomy=taxonomy,
        thesaurus=thesaurus or Thesaurus(),
    )


def speaker_of(a: Attendee) -> tuple[str, str]:
    """How a common noun names an attendee: ("organisation", name), or ("person", name) for
    one without an organisation."""
    return ("organisation", a.organisation) if a.organisation else ("person", a.name)


def _nouns(
    attendees: list[Attendee], thesaurus: Thesaurus
) -> dict[str, frozenset[tuple[str, str]]]:
    """Words of attendees' roles and organisation names ("huisarts", "basisschool",
    "jongerenwerker") and the kinds of organisation they are ("woningcorporatie" for a name
    beginning "Woon"), so "Wat zei de huisarts?" finds who was meant: ("organisation", name),
    or ("person", name) for an attendee without one."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for a in attendees:
        who = speaker_of(a)
        kinds = thesaurus.sectors_of(a.organisation) if a.organisation else []
        for w in [*words(f"{a.role} {a.organisation or ''}"), *(fold(k) for k in kinds)]:
            w = w.replace(" ", "")
            if len(w) >= 4 and w not in STOPWORDS and w not in QUESTION_WORDS:
                seen.setdefault(w, set()).add(who)
    return {w: frozenset(ws) for w, ws in seen.items()}


# The verbs of "Wat zei X", "Hoe dacht X", "What did X say": X is the speaker asked about.
SPEECH_VERBS = (
    r"(?:zei|zeiden|zegt|vond|vonden|vindt|dacht|dachten|denkt|vertelde|vertelden|vertelt|"
    r"merkte|merkten|zag|ziet|heeft|hebben|had|hadden|wil|wilde|bracht|noemde|stelde|"
    r"did|does|do|has|have)"
)
# "Wat zei de huisarts over …", "What did the food bank say", "Did the police say …", "En de
# basisschool?": a speaker
# named by a common noun (lower case), resolved through `Vocabulary.nouns`.
_NOUN_SPEAKER = re.compile(
    rf"^(?:en\s+|and\s+)?(?:(?:(?:wat|hoe|what|how)\s+)?{SPEECH_VERBS}\s+|)"
    r"(?:de|het|the)\s+(?P<who>[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)
# "Wanneer was het gesprek met de voedselbank?", "the meeting with the food bank"
_WITH_NOUN = re.compile(
    r"\b(?:gesprek|overleg|bijeenkomst|conversation|meeting)\s+(?:met|with)\s+(?:de|het|the)\s+"
    r"(?P<who>[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)


def speaker_noun(question: str) -> str | None:
    """The words of a question that name a speaker by a common noun, if it has that place."""
    q = question.strip()
    m = _NOUN_SPEAKER.match(q) or _WITH_NOUN.search(q)
    return m.group("who") if m else None


def noun_speaker(question: str, vocab: Vocabulary) -> frozenset[tuple[str, str]]:
    """The speakers ("organisation" or "person", name) a question's common noun stands for:
    a role or name word itself, its Dutch translation, or the kind of organisation, all that
    have it ("de directeur" of two schools: both); else the head or first part of a Dutch
    compound ("school" in "basisschool", "huisarts" in "huisartsenpraktijk") or a name word it
    begins with ("Fysio"), when exactly one fits."""
    who = speaker_noun(question)
    if who is None or not vocab.nouns:
        return frozenset()
    toks = _noun_words(who)

    def tr(word: str) -> tuple[str, ...]:
        return tuple(fold(w) for w in vocab.thesaurus.translate(word))

    if len(toks) == 1:  # the word, its translations: also as a compound's head or start
        loose = [toks[0], *tr(toks[0])]
        exact: list[str] = []
    else:  # a phrase names the speaker as a whole ("volunteer centre": vrijwilligerscentrale,
        # "head teacher": directeur), its words one by one only exactly ("het sociaal team":
        # Team), never translated alone ("food bank" is no Kredietbank)
        pairs = [(a, b) for a in (*tr(toks[0]), toks[0]) for b in (*tr(toks[-1]), toks[-1])]
        whole = "".join(toks)
        loose = [whole, *tr(whole), *(f"{a}{link}{b}" for a, b in pairs for link in ("", "s"))]
        exact = list(reversed(toks))
    for t, fuzzy in [*((t, True) for t in loose), *((t, False) for t in exact)]:
        if len(t) < 4 or t in STOPWORDS or t in QUESTION_WORDS:
            continue
        if t in vocab.nouns:
            return vocab.nouns[t]
        if not fuzzy:
            continue
        # the head of a compound ("bank" in "voedselbank"), its first part ("huisarts" in
        # "Huisartsenpraktijk"), or a short form that begins the asked word ("Fysio" Hoogezand
        # for "de fysiotherapeut")
        found = {o for w, os in vocab.nouns.items() if w.endswith(t) for o in os}
        found |= {o for w, os in vocab.nouns.items() if len(t) >= 5 and w.startswith(t) for o in os}
        found |= {o for w, os in vocab.nouns.items() if len(w) >= 5 and t.startswith(w) for o in os}
        if len(found) == 1:
            return frozenset(found)
    return frozenset()


def _noun_words(who: str) -> list[str]:
    toks = [fold(t) for t in who.split()]
    while len(toks) > 1 and (toks[-1] in QUESTION_WORDS or toks[-1] in STOPWORDS):
        toks.pop()  # "the school say"
    return toks


# "Wat zei de woningcorporatie over …", "What did the housing association say": a common
# noun asked about as a speaker (a speech verb before it).
_ASKED_NOUN = re.compile(
    rf"^(?:en\s+|and\s+)?(?:(?:wat|hoe|what|how)\s+)?{SPEECH_VERBS}\s+(?P<art>de|het|the)\s+"
    r"(?P<who>[\w-]+(?:\s+[\w-]+)?)"
    r"(?:\s+(?:over|van|ervan|daarvan|daarover|about|of|say|think)\b|\s*\??$)",
    re.IGNORECASE,
)


def asked_noun(question: str) -> str | None:
    """The common noun a question asks about as a speaker ("de woningcorporatie"), so that
    when it names nobody in the record the answer says so instead of searching it as a
    topic."""
    m = _ASKED_NOUN.match(question.strip())
    if not m:
        return None
    toks = _noun_words(m.group("who"))
    if any(t in QUESTION_WORDS or t in STOPWORDS or t in PEOPLE for t in toks):
        return None
    return f"{m.group('art').lower()} {' '.join(toks)}"


def speaker_names(vocab: Vocabulary) -> dict[str, Speaker]:
    """Folded name -> speaker, for every name that identifies a speaker in the record: the
    vocabulary questions are read with, so the citation check resolves "de GGD" alike."""
    return vocab.index.aliases(distinctive=True)


def resolve_organisation(name: str, vocab: Vocabulary) -> str:
    """The canonical organisation for a name as a user types it ("westerbroek"); the name as
    given when the store does not know it (the answer then says there are no statements)."""
    orgs, _, _ = match_speakers(name, vocab)
    if len(orgs) == 1:
        return next(iter(orgs))
    speaker = vocab.index.aliases().get(fold(name))
    return speaker.organisation if speaker and speaker.organisation else name


def _typo_of(asked: str, alias: str) -> bool:
    """A fuzzy match is a typo only when every word is close to its counterpart: "Westerbrook"
    is Westerbroek, but "Stichting Welzijn West" is not Stichting Welzijn Oost."""
    a, b = asked.split(), alias.split()
    return len(a) == len(b) and all(fuzz.ratio(x, y) >= 75 for x, y in zip(a, b, strict=True))


def _ngrams(tokens: list[str], n_max: int = 5) -> list[tuple[int, int, str]]:
    out = []
    for n in range(n_max, 0, -1):
        for i in range(len(tokens) - n + 1):
            out.append((i, i + n, " ".join(tokens[i : i + n])))
    return out


def match_speakers(question: str, vocab: Vocabulary) -> tuple[set[str], set[str], set[int]]:
    """Organisations and persons named in the question, and the token positions used.
    A name must start with a capital unless the whole question is lower case, so "in eigen
    hand" never means Eigen Kracht, nor "over het sociaal team" Sociaal Team Sappemeer (a
    common noun in the speaker's place is `noun_speaker`'s)."""
    toks = tokens(question)
    aliases = vocab.index.aliases(distinctive=True)
    lower_question = question == question.lower()
    orgs: set[str] = set()
    persons: set[str] = set()
    used: set[int] = set()
    for i, j, gram in _ngrams(toks):
        if any(p in used for p in range(i, j)):
            continue
        key = fold(gram)
        if key in STOPWORDS or key in QUESTION_WORDS:
            continue
        if not (gram[:1].isupper() or lower_question):  # "het sociaal team" is a topic
            continue
        speaker = aliases.get(key)
        # a typo only of a name written as one: in a lower-case question, "the social
        # teams" or "de sociale teams" is the topic, not a misspelt Sociaal Team Hoogezand
        if speaker is None and len(key) >= 6 and gram[:1].isupper():
            # The first best alias, as max() would pick it, but scored in C: at 25,000
            # statements there are thousands of aliases and each n-gram is tried.
            found = process.extractOne(key, aliases.keys(), scorer=fuzz.ratio, score_cutoff=88)
            if found and found[0] and _typo_of(key, found[0]):
                speaker = aliases[found[0]]
        if speaker is None:
            continue
        if speaker.is_person:
            persons.update(speaker.persons)
        elif speaker.organisation:
            orgs.add(speaker.organisation)
        used.update(range(i, j))
    return orgs, persons, used


# "Wat zei het sociaal team in Muntendam …", "What did the GP practice in Sappemeer say …":
# a kind of organisation and its place, in the speaker's place.
_AT_PLACE = re.compile(
    rf"^(?i:(?:en\s+|and\s+)?(?:(?:wat|hoe|what|how)\s+)?{SPEECH_VERBS}\s+(?:de|het|the)\s+"
    r"(?P<noun>[\w-]+(?:\s+[\w-]+)?)\s+(?:in|uit|te|van|from|of)\s+)"
    r"(?P<place>[A-Z][\w'’-]*)"
)


def speaker_at_place(question: str, vocab: Vocabulary) -> tuple[list[str], str]:
    """The organisations a "kind of organisation in a place" names (each must have the place
    in its name and be of that kind by name, sector or its attendees' roles), and the words
    that named them."""
    m = _AT_PLACE.match(question.strip())
    if not m:
        return [], ""
    noun = _noun_words(m.group("noun"))
    asked = {*noun, "".join(noun), *(fold(t) for w in noun for t in vocab.thesaurus.translate(w))}
    place = set(words(m.group("place")))
    roles: dict[str, set[str]] = {}
    for v in vocab.verslagen:
        for a in v.attendees:
            if a.organisation:
                roles.setdefault(a.organisation, set()).update(words(a.role))
    found = []
    for o in sorted(vocab.organisations | set(vocab.attendee_orgs)):
        name = set(words(o))
        kinds = {fold(k).replace(" ", "") for k in vocab.thesaurus.sectors_of(o)}
        if place <= name and asked & (name | kinds | roles.get(o, set())):
            found.append(o)
    return found, f"{m.group('noun')} {m.group('place')}"


_FORMS = frozenset("stichting vereniging gemeente de het centrum platform afdeling".split())


def organisations_named(who: str, vocab: Vocabulary, most: int = 3) -> list[str]:
    """The organisations whose name holds every word of `who` (a few at most: more is no
    name but a common word)."""
    asked = words(who)
    if not asked or set(asked) <= _FORMS:  # "Stichting": a legal form names nobody
        return []
    found = sorted(o for o in vocab.attendee_orgs if set(asked) <= set(words(o)))
    return found if len(found) <= most else []
