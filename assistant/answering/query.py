"""Reading a question: which filters it names and what topic it asks about.

Names are matched against what the store actually holds (attendee organisations and people,
speaker labels, opgaven, verslag numbers), case- and accent-insensitively and fuzzily.
Follow-ups ("En wat vond Westerbroek daarvan?") take the topic from the previous turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from assistant.answering.gesprekken import named_verslagen, titled_verslagen
from assistant.answering.kinds import Kind, answerable_by, classify, is_cue, talk_only
from assistant.answering.terms import (
    QUESTION_WORDS,
    TOKEN,
    content_words,
    expand,
    expand_english,
    is_english,
    tokens,
    topic_terms,
)
from assistant.answering.thesaurus import Thesaurus
from ingest.opgaven import Taxonomy
from ingest.records import Statement, Verslag
from ingest.speakers import Speaker, SpeakerIndex
from ingest.text import STOPWORDS, fold, words
from vectorstore.search import Filters, Query, coverage

# "Wat zei de Voedselbank over …", "What did the GGD say about …": the named speaker.
_ASKED_SPEAKER = re.compile(
    r"^(?i:(?:en\s+|and\s+)?(?:wat|hoe|welke|what|how)\s+"
    r"(?:zei|zeiden|zegt|vond|vonden|vindt|dacht|dachten|denkt|vertelde|vertelden|"
    r"merkte|merkten|zag|ziet|heeft|hebben|had|hadden|wil|wilde|bracht|noemde|stelde|"
    r"did|does|do|has|have)\s+"
    r"(?:de\s+|het\s+|the\s+)?)(?P<who>[A-Z][\w'’-]*(?:\s+(?:van|de|der|den|en|voor|ter)?\s*"
    r"[A-Z][\w'’-]*){0,4})",
)
_FOLLOWUP = re.compile(
    r"\b(daarvan|daarover|hierover|daarop|hiervan|dat ook|hetzelfde|ook zo|erover|"
    r"(?:daar|hier)(?:\s+\w+){1,3}?\s+(?:over|van|op|mee|aan)|"
    r"about that|of that|that too|the same|agree)\b",
    re.IGNORECASE,
)
_OTHERS = re.compile(
    r"\b(welke (andere )?(organisaties|partijen)|wie (nog|ook|anders)|nog meer|verder nog|"
    r"which (other )?organi[sz]ations|who else)\b",
    re.IGNORECASE,
)


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
    nouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (kind, name)


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
    return Vocabulary(
        nouns=_nouns(attendees),
        index=index,
        organisations=frozenset(s.organisation for s in statements if s.organisation),
        attendee_orgs=attended,
        persons=frozenset(a.name for a in attendees),
        verslagen=tuple(verslagen),
        taxonomy=taxonomy,
        thesaurus=thesaurus or Thesaurus(),
    )


def _nouns(attendees: list) -> dict[str, tuple[str, str]]:
    """Words of attendees' roles and organisation names ("huisarts", "basisschool",
    "jongerenwerker") that point to exactly one speaker, so "Wat zei de huisarts?" finds who
    was meant: ("organisation", name), or ("person", name) for an attendee without one."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for a in attendees:
        who = ("organisation", a.organisation) if a.organisation else ("person", a.name)
        for w in words(f"{a.role} {a.organisation or ''}"):
            if len(w) >= 4 and w not in STOPWORDS and w not in QUESTION_WORDS:
                seen.setdefault(w, set()).add(who)
    return {w: next(iter(ws)) for w, ws in seen.items() if len(ws) == 1}


# "Wat zei de huisarts over …", "What did the food bank say", "En de basisschool?": a speaker
# named by a common noun (lower case), resolved through `Vocabulary.nouns`.
_NOUN_SPEAKER = re.compile(
    r"^(?:en\s+|and\s+)?(?:(?:wat|hoe|what|how)\s+(?:zei|zeiden|zegt|vond|vonden|vindt|dacht|"
    r"dachten|denkt|did|does|do)\s+|zei\s+|)(?:de|het|the)\s+(?P<who>[\w-]+(?:\s+[\w-]+)?)",
    re.IGNORECASE,
)


def noun_speaker(question: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The speaker ("organisation" or "person", name) a question's common noun stands for,
    when exactly one fits: a role or name word itself, its Dutch translation, the head or
    first part of a Dutch compound ("school" in "basisschool", "huisarts" in
    "huisartsenpraktijk") or a name word it begins with ("Fysio")."""
    m = _NOUN_SPEAKER.match(question.strip())
    if not m or not vocab.nouns:
        return None
    toks = [fold(t) for t in m.group("who").split()]
    while len(toks) > 1 and (toks[-1] in QUESTION_WORDS or toks[-1] in STOPWORDS):
        toks.pop()  # "the school say"
    tr = vocab.thesaurus.translate
    if len(toks) == 1:  # the word, its translations: also as a compound's head or start
        loose = [toks[0], *tr(toks[0])]
        exact: list[str] = []
    else:  # a phrase names the speaker as a whole ("volunteer centre": vrijwilligerscentrale),
        # its words one by one only exactly ("het sociaal team": Team), never translated
        # alone ("food bank" is no Kredietbank)
        pairs = [(a, b) for a in (*tr(toks[0]), toks[0]) for b in (*tr(toks[-1]), toks[-1])]
        loose = ["".join(toks), *(f"{a}{link}{b}" for a, b in pairs for link in ("", "s"))]
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
        found = {o for w, o in vocab.nouns.items() if w.endswith(t)}
        found |= {o for w, o in vocab.nouns.items() if len(t) >= 5 and w.startswith(t)}
        found |= {o for w, o in vocab.nouns.items() if len(w) >= 5 and t.startswith(w)}
        if len(found) == 1:
            return found.pop()
    return None


def speaker_names(vocab: Vocabulary) -> dict[str, Speaker]:
    """Folded name -> speaker, for every name that identifies a speaker in the record: the
    vocabulary questions are read with, so the citation check resolves "de GGD" alike."""
    return vocab.index.aliases(distinctive=True)


@dataclass(frozen=True)
class Analysis:
    question: str
    topic: str  # what to search for
    filters: Filters = field(default_factory=Filters)
    terms: tuple[tuple[str, ...], ...] = ()  # asked-about words (with translations), no names
    expansion: str = ""  # related words (synonyms, opgave keywords), searched with less weight
    asked_unknown: str | None = None  # a named speaker the store does not know
    followup: bool = False
    kind: Kind = "said"  # what kind of question (answering/kinds.py)
    required: tuple[tuple[str, ...], ...] = ()  # proper names among the terms (see below)

    def query(self, k: int) -> Query:
        """What the searcher gets for this question."""
        return Query(self.topic, k, self.filters, self.terms, self.expansion)

    def answered_by(self, text: str) -> bool:
        """Whether a statement on the topic can answer this question at all: it holds the
        number or date asked for, and names every proper name asked about."""
        if not answerable_by(self.question, text):
            return False
        return not self.required or coverage(list(self.required), text, lambda _: 1.0) == 1.0


def resolve_organisation(name: str, vocab: Vocabulary) -> str:
    """The canonical organisation for a name as a user types it ("westerbroek"); the name as
    given when the store does not know it (the answer then says there are no statements)."""
    orgs, _, _ = _match_speakers(name, vocab)
    if len(orgs) == 1:
        return next(iter(orgs))
    speaker = vocab.index.aliases().get(fold(name))
    return speaker.organisation if speaker and speaker.organisation else name


def _ngrams(tokens: list[str], n_max: int = 5) -> list[tuple[int, int, str]]:
    out = []
    for n in range(n_max, 0, -1):
        for i in range(len(tokens) - n + 1):
            out.append((i, i + n, " ".join(tokens[i : i + n])))
    return out


def _match_speakers(question: str, vocab: Vocabulary) -> tuple[set[str], set[str], set[int]]:
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
        if speaker is None and len(key) >= 6 and (gram[:1].isupper() or lower_question):
            # The first best alias, as max() would pick it, but scored in C: at 25,000
            # statements there are thousands of aliases and each n-gram is tried.
            found = process.extractOne(key, aliases.keys(), scorer=fuzz.ratio, score_cutoff=88)
            if found and found[0]:
                speaker = aliases[found[0]]
        if speaker is None:
            continue
        if speaker.is_person:
            persons.update(speaker.persons)
        elif speaker.organisation:
            orgs.add(speaker.organisation)
        used.update(range(i, j))
    return orgs, persons, used


def _match_opgaven(question: str, vocab: Vocabulary) -> list[str]:
    """Opgaven the question names as such: "opgave armoede", "thema sociale teams", or the
    full name of an opgave (themes need the word "thema": they are broad)."""
    if vocab.taxonomy is None:
        return []
    folded = fold(question)
    found = []
    for o in vocab.taxonomy.opgaven:
        name = fold(o.name)
        named = re.search(
            r"\b(opgaven?|thema'?s?)\s+(over\s+|rond(om)?\s+)?" + re.escape(name), folded
        )
        full = o.kind != "thema" and len(name.split()) > 1 and name in folded
        if named or full:
            found.append(o.name)
    return found


def proper_terms(
    question: str, terms: tuple[tuple[str, ...], ...], used: set[int], vocab: Vocabulary
) -> tuple[tuple[str, ...], ...]:
    """The term groups a Dutch question writes as a proper name ("PostNL", "het Jeugdfonds
    Sport"; not a sentence's first word, not a speaker it names, not an opgave's name): a
    statement that does not name it is not about it, however close its other words come.
    A question in capitals or Title Case marks no name."""
    if is_english(question):  # English title case ("the Planning Act") names no Dutch word
        return ()
    toks = list(TOKEN.finditer(question))  # with the positions of `tokens`
    upper = [m for m in toks if m.group()[:1].isupper()]
    if len(upper) * 2 > len(toks):
        return ()
    caps = {
        fold(m.group())
        for i, m in enumerate(toks)
        if i not in used
        and m.group()[:1].isupper()
        and not re.search(r"(^|[.?!:;]\s*)$", question[: m.start()].rstrip(" \"'“‘("))
    }
    opgave_words = {
        w for o in (vocab.taxonomy.opgaven if vocab.taxonomy else ()) for w in words(o.name)
    }
    return tuple(g for g in terms if g[0] in caps and g[0] not in opgave_words)


_FORMS = frozenset("stichting vereniging gemeente de het centrum platform afdeling".split())


def _organisations_named(who: str, vocab: Vocabulary, most: int = 3) -> list[str]:
    """The organisations whose name holds every word of `who` (a few at most: more is no
    name but a common word)."""
    asked = words(who)
    if not asked or set(asked) <= _FORMS:  # "Stichting": a legal form names nobody
        return []
    found = sorted(o for o in vocab.attendee_orgs if set(asked) <= set(words(o)))
    return found if len(found) <= most else []


def _took_part(f: Filters, verslag_ids: tuple[str, ...], vocab: Vocabulary) -> bool:
    """Whether the organisations or persons of `f` attended any of the verslagen."""
    return any(
        a.organisation in f.organisations or a.name in f.persons
        for v in vocab.verslagen
        if v.id in verslag_ids
        for a in v.attendees
    )


def analyse(question: str, vocab: Vocabulary, previous: Analysis | None = None) -> Analysis:
    """Filters and topic of `question`; with `previous`, resolve a follow-up."""
    question = question.strip()
    orgs, persons, used = _match_speakers(question, vocab)
    titled, title_words = titled_verslagen(question, vocab.verslagen)
    used = used | title_words
    if not orgs and not persons and (noun := noun_speaker(question, vocab)):
        (orgs if noun[0] == "organisation" else persons).add(noun[1])
        m = _NOUN_SPEAKER.match(question)
        named = {fold(t) for t in m.group("who").split()} if m else set()
        used = used | {i for i, t in enumerate(tokens(question)) if fold(t) in named}
    verslag_ids = list(dict.fromkeys([*named_verslagen(question, vocab.verslagen), *titled]))
    opgaven = _match_opgaven(question, vocab)
    asked_unknown = None
    m = _ASKED_SPEAKER.match(question)
    if m and not orgs and not persons:
        who = m.group("who").strip()
        # In the speaker's place any name the record knows counts, also a generic word of one
        # organisation's name ("Wat zei Dorpsbelangen …") that is no name in running text.
        speaker = vocab.index.known(who)
        # a word of several organisations' names ("Buurtzorg" for Buurtzorg Sappemeer and
        # Buurtzorg Hoogezand): all of them, each answer grouped under its own name
        several = [] if speaker else _organisations_named(who, vocab)
        if speaker is not None and (speaker.organisation or speaker.persons):
            if speaker.is_person:
                persons.update(speaker.persons)
            elif speaker.organisation:
                orgs.add(speaker.organisation)
        elif several:
            orgs.update(several)
        elif content_words(who):
            asked_unknown = who
        if orgs or persons:
            named = {fold(t) for t in who.split()}
            used = used | {i for i, t in enumerate(tokens(question)) if fold(t) in named}
    filters = Filters(
        verslag_ids=tuple(verslag_ids),
        organisations=tuple(sorted(orgs)),
        persons=tuple(sorted(persons)),
        opgaven=tuple(opgaven),
    )
    kind = classify(question, scoped=bool(filters))
    terms = topic_terms(question, used, vocab.thesaurus)
    if asked_unknown:
        terms = tuple(g for g in terms if g[0] not in fold(asked_unknown))
    if kind != "said":
        terms = tuple(g for g in terms if not is_cue(g[0]))
    if kind == "topics" and terms:
        kind = "said"  # "Geef een overzicht van wat Humanitas over armoede zei": a topic
    elif (
        kind == "said"
        and not is_english(question)  # English words the glossary lacks are dropped
        and filters.verslag_ids
        and not (orgs or persons)
        and talk_only([g[0] for g in terms])
    ):
        kind = "topics"  # "Wat is er in gesprek II besproken?": what that gesprek covered
    required = proper_terms(question, terms, used, vocab)
    terms, expansion = expand(terms, vocab.thesaurus, vocab.taxonomy)
    analysis = Analysis(
        question=question,
        topic=expand_english(question, vocab.thesaurus),
        filters=filters,
        terms=terms,
        expansion=expansion,
        asked_unknown=asked_unknown,
        kind=kind,
        required=required,
    )
    if previous is None:
        return analysis
    others = bool(_OTHERS.search(question))
    anaphora = bool(_FOLLOWUP.search(question))
    starts_en = bool(re.match(r"^(en|and)\b", question, re.IGNORECASE))
    named = {fold(t) for i, t in enumerate(tokens(question)) if i in used}
    own_topic = [
        w
        for w in content_words(question)
        if w not in named
        and not any(fold(w) in fold(o) for o in (*orgs, *persons))
        and (asked_unknown is None or w not in fold(asked_unknown))
    ]
    if kind != "said":
        own_topic = [w for w in own_topic if not is_cue(w)]
    if not (others or anaphora or (starts_en and len(own_topic) <= 1)):
        return analysis
    prev = previous.filters
    if others:  # "Welke organisaties zeiden dat ook?": same topic, any speaker
        filters = replace(filters, organisations=(), persons=())
        if not filters.verslag_ids and (prev.organisations or prev.persons):
            # "En wie waren er nog meer bij?": the gesprekken the speaker asked about was at
            was_at = tuple(v.id for v in vocab.verslagen if _took_part(prev, (v.id,), vocab))
            filters = replace(filters, verslag_ids=was_at if kind == "attended" else ())
    elif not (filters.organisations or filters.persons or asked_unknown) and not (
        filters.verslag_ids and not _took_part(prev, filters.verslag_ids, vocab)
    ):  # "En in gesprek 28?" where the speaker asked about was not: the topic there
        filters = replace(filters, organisations=prev.organisations, persons=prev.persons)
    if not filters.verslag_ids and not filters.organisations and not filters.persons:
        filters = replace(filters, verslag_ids=prev.verslag_ids)
    if not filters.opgaven:
        filters = replace(filters, opgaven=prev.opgaven)
    topic = f"{previous.topic} {' '.join(own_topic)}".strip()
    terms = previous.terms + tuple(g for g in terms if g[0] in own_topic)
    expansion = f"{previous.expansion} {expansion}".strip()
    kind = classify(question, scoped=bool(filters))
    if kind == "said" and not own_topic and previous.kind != "said":
        kind = previous.kind  # "En bij het derde gesprek?" asks the same kind again
    if kind != "said" and kind != previous.kind:
        topic, terms = question, tuple(g for g in terms if g[0] in own_topic)
    return Analysis(
        question=question,
        topic=topic,
        filters=filters,
        terms=terms,
        expansion=expansion,
        asked_unknown=asked_unknown,
        followup=True,
        kind=kind,
        required=previous.required + tuple(g for g in required if g[0] in own_topic),
    )
