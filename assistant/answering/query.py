"""Reading a question: which filters it names and what topic it asks about.

Names are matched against what the store actually holds (`answering/vocabulary.py`: speakers;
opgaven; verslag numbers, dates and subjects in `answering/gesprekken.py`). Follow-ups ("En
wat vond Westerbroek daarvan?") take the topic from the previous turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.answering.gesprekken import named_verslagen, titled_verslagen
from assistant.answering.kinds import Kind, answerable_by, classify, is_cue, talk_only
from assistant.answering.terms import (
    TOKEN,
    content_words,
    expand,
    expand_english,
    head_term,
    is_english,
    tokens,
    topic_terms,
    without_refs,
)
from assistant.answering.vocabulary import (
    SPEECH_VERBS,
    Vocabulary,
    asked_noun,
    match_speakers,
    noun_speaker,
    organisations_named,
    speaker_at_place,
    speaker_noun,
    speaker_of,
)
from ingest.text import fold, words
from vectorstore.search import Filters, Query, coverage

# "Wat zei de Voedselbank over …", "What did the GGD say about …": the named speaker.
_ASKED_SPEAKER = re.compile(
    rf"^(?i:(?:en\s+|and\s+)?(?:wat|hoe|welke|what|how)\s+{SPEECH_VERBS}\s+"
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
    cue_text: str = ""  # for a follow-up of the same kind: the question whose cues it repeats

    @property
    def cues(self) -> str:
        """The text whose wording decides a record answer's variant (who led it, who said
        nothing, yes or no): this question, or the earlier one a follow-up repeats."""
        return f"{self.cue_text} {self.question}".strip()

    def query(self, k: int) -> Query:
        """What the searcher gets for this question."""
        f = self.filters
        # What one speaker said is a small set: there a compound holding the asked word
        # ("vroegsignaleringsafspraak") is about it; across the record it matched near misses.
        compounds = bool(f.organisations or f.persons)
        return Query(self.topic, k, f, self.terms, self.expansion, compounds)

    def answered_by(self, text: str) -> bool:
        """Whether a statement on the topic can answer this question at all: it holds the
        number or date asked for, and names every proper name asked about."""
        if not answerable_by(self.question, text):
            return False
        return not self.required or coverage(list(self.required), text, lambda _: 1.0) == 1.0


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


# A noun for more speakers than this names none ("de voorzitter" of every gesprek): it is
# searched as a topic.
MOST_NAMED = 3


def _present(
    speakers: frozenset[tuple[str, str]], verslag_ids: tuple[str, ...], vocab: Vocabulary
) -> frozenset[tuple[str, str]]:
    """The speakers that attended one of the verslagen."""
    there = {speaker_of(a) for v in vocab.verslagen if v.id in verslag_ids for a in v.attendees}
    return speakers & there


def _there(orgs: set[str], asked: set[str], verslag_ids: list[str], vocab: Vocabulary) -> set[str]:
    """`orgs`, or, when none of them was at the verslagen asked about, the organisations there
    whose name holds the words the question named them by (a place's name names several)."""
    there = set().union(*(vocab.present.get(v, frozenset()) for v in verslag_ids))
    if orgs & there or not asked:
        return orgs
    named = {o for o in there if asked <= set(words(o))}
    return named if 0 < len(named) <= MOST_NAMED else orgs


def _attended(f: Filters, vocab: Vocabulary) -> tuple[str, ...]:
    """The verslagen the organisations or persons of `f` attended."""
    return tuple(v.id for v in vocab.verslagen if _took_part(f, (v.id,), vocab))


def _took_part(f: Filters, verslag_ids: tuple[str, ...], vocab: Vocabulary) -> bool:
    """Whether the organisations or persons of `f` attended any of the verslagen."""
    return any(
        a.organisation in f.organisations or a.name in f.persons
        for v in vocab.verslagen
        if v.id in verslag_ids
        for a in v.attendees
    )


MAX_QUESTION = 1000


def analyse(question: str, vocab: Vocabulary, previous: Analysis | None = None) -> Analysis:
    """Filters and topic of `question`; with `previous`, resolve a follow-up. Only the first
    `MAX_QUESTION` characters are read: a longer text is no question, and name matching grows
    with its length."""
    question = question.strip()[:MAX_QUESTION]
    orgs, persons, used = match_speakers(question, vocab)
    toks = tokens(question)
    placed, named_by = speaker_at_place(question, vocab)
    if not 0 < len(placed) <= MOST_NAMED:
        named_by = ""
    else:  # "het sociaal team in Muntendam": not the village's Dorpsbelangen
        orgs, persons = set(placed), set()
        words_used = {fold(t) for t in named_by.split()}
        used = {i for i, t in enumerate(toks) if fold(t) in words_used}
    about = next((i for i, t in enumerate(toks) if fold(t) in ("over", "about")), 0)
    # "Wat zei Humanitas over de Kredietbank?": a topic
    if about and (orgs or persons) and not named_by:
        spoken = match_speakers(" ".join(toks[:about]), vocab)
        if spoken[0] or spoken[1]:
            orgs, persons, used = spoken
    titled, title_words = titled_verslagen(question, vocab.verslagen)
    used = used | title_words
    verslag_ids = list(dict.fromkeys([*named_verslagen(question, vocab.verslagen), *titled]))
    if orgs and verslag_ids:  # "Schildwolde in gesprek 54": the Schildwolde that was there
        orgs = _there(orgs, {fold(t) for i, t in enumerate(toks) if i in used}, verslag_ids, vocab)
    asked_unknown = None
    nouns = noun_speaker(question, vocab) if not orgs and not persons else frozenset()
    if nouns and verslag_ids:  # "de directeur in gesprek 25": the one who was there
        nouns = _present(nouns, tuple(verslag_ids), vocab) or nouns
    elif len(nouns) > 1 and previous is not None:  # "En de huisarts?": the one at that gesprek
        p = previous.filters
        nouns = _present(nouns, p.verslag_ids or _attended(p, vocab), vocab) or nouns
    if 0 < len(nouns) <= MOST_NAMED:
        for kind, name in nouns:
            (orgs if kind == "organisation" else persons).add(name)
        named = {fold(t) for t in (speaker_noun(question) or "").split()}
        used = used | {i for i, t in enumerate(toks) if fold(t) in named}
    elif not nouns and not orgs and not persons and (noun := asked_noun(question)):
        asked_unknown = noun  # "Wat zei de woningcorporatie?" where none took part
    opgaven = _match_opgaven(question, vocab)
    m = _ASKED_SPEAKER.match(question)
    if m and not orgs and not persons:
        who = m.group("who").strip()
        # In the speaker's place any name the record knows counts, also a generic word of one
        # organisation's name ("Wat zei Dorpsbelangen …") that is no name in running text.
        speaker = vocab.index.known(who)
        # a word of several organisations' names ("Buurtzorg" for Buurtzorg Sappemeer and
        # Buurtzorg Hoogezand): all of them, each answer grouped under its own name
        several = [] if speaker else organisations_named(who, vocab)
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
            used = used | {i for i, t in enumerate(toks) if fold(t) in named}
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
    # a short question on no speaker and no proper name: its topic noun must be there
    short = len(terms) <= 3 and not (orgs or persons or required)
    head = head_term(question, terms, vocab.thesaurus) if short else None
    terms, expansion = expand(terms, vocab.thesaurus, vocab.taxonomy)
    if head is not None:  # with its synonyms: "armoede" is also met by "geldzorgen"
        required += tuple(g for g in terms if g[0] == head[0] and g not in required)
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
    # "En over de sociale teams?", "And about the vision?": a new topic for the same speaker
    new_topic = bool(re.match(r"^(en|and)\s+(over|about|wat\s+betreft)\b", question, re.I))
    named = {fold(t) for i, t in enumerate(toks) if i in used}
    own_topic = [
        w
        for w in content_words(without_refs(question))
        if w not in named
        and not any(fold(w) in fold(o) for o in (*orgs, *persons))
        and (asked_unknown is None or w not in fold(asked_unknown))
    ]
    if kind != "said":
        own_topic = [w for w in own_topic if not is_cue(w)]
    prev = previous.filters
    # "Wie was de voorzitter?" right after a question about one gesprek: that gesprek
    unscoped = kind == "attended" and not (filters or own_topic or prev.organisations)
    unscoped = unscoped and bool(prev.verslag_ids) and not prev.persons
    if not (others or anaphora or unscoped or new_topic or (starts_en and len(own_topic) <= 1)):
        return analysis
    if others:  # "Welke organisaties zeiden dat ook?": same topic, any speaker
        filters = replace(filters, organisations=(), persons=())
        if not filters.verslag_ids and (prev.organisations or prev.persons):
            # "En wie waren er nog meer bij?": the gesprekken the speaker asked about was at
            was_at = _attended(prev, vocab)
            at_gesprek = kind in ("attended", "organisations")  # "Wie waren er nog meer bij?"
            filters = replace(filters, verslag_ids=was_at if at_gesprek else ())
    elif not (filters.organisations or filters.persons or asked_unknown) and not (
        filters.verslag_ids and not _took_part(prev, filters.verslag_ids, vocab)
    ):  # "En in gesprek 28?" where the speaker asked about was not: the topic there
        filters = replace(filters, organisations=prev.organisations, persons=prev.persons)
    if not filters.verslag_ids and not filters.organisations and not filters.persons:
        filters = replace(filters, verslag_ids=prev.verslag_ids)
    if not filters.opgaven:
        filters = replace(filters, opgaven=prev.opgaven)
    required = previous.required + tuple(g for g in required if g[0] in own_topic)
    if own_topic and terms and not (anaphora or others):
        # "En over armoede?", "And about the vision?": the speaker stays, the topic is new
        topic, required = analysis.topic, analysis.required
    else:  # "En wat vond Westerbroek daarvan?": the topic goes on
        topic = f"{previous.topic} {' '.join(own_topic)}".strip()
        terms = previous.terms + tuple(g for g in terms if g[0] in own_topic)
        expansion = f"{previous.expansion} {expansion}".strip()
    kind = classify(question, scoped=bool(filters))
    cue_text = ""
    if kind == "said" and not own_topic and previous.kind != "said":
        kind = previous.kind  # "En bij het derde gesprek?" asks the same kind again
        cue_text = previous.cue_text or previous.question  # ("Wie leidde …": the leader)
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
        required=required,
        cue_text=cue_text,
    )
