"""A question's words as search terms: which words are the topic (not names, question words,
framing nouns or gesprek references), their translations, phrases, number forms and synonyms.
Pure functions over the editable word lists (thesaurus) and the taxonomy."""

from __future__ import annotations

import re

from assistant.answering.thesaurus import Thesaurus
from ingest.dates import FULL_MONTHS, MONTHS
from ingest.opgaven import Taxonomy, contains_phrase
from ingest.text import STOPWORDS, fold, stems, words

ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
            "zevende": 7, "achtste": 8, "first": 1, "second": 2, "third": 3, "fourth": 4,
            "fifth": 5, "sixth": 6}  # fmt: skip
VERSLAG_REF = re.compile(
    r"\b(?:gesprek|verslag|conversation|meeting|report)\s+(?:nr\.?\s*|nummer\s+|no\.?\s*)?"
    r"(?P<num>[IVXivx]{1,4}|\d{1,3})\b"
    r"|\b(?P<ord>%s)\s+(?:gesprek|verslag|conversation|meeting)\b" % "|".join(ORDINALS)
)
# "het laatste gesprek", "the most recent meeting": the latest gesprek in the store.
LAST_REF = re.compile(
    r"\b(?:laatste|meest\s+recente|recentste|last|latest|most\s+recent)\s+"
    r"(?:gesprek|verslag|bijeenkomst|conversation|meeting|report)\b",
    re.IGNORECASE,
)
# "in mei 2019", "in april": the gesprekken of a month.
MONTH_REF = re.compile(
    r"\b(?:in|van|uit|during|in\s+the\s+month\s+of)\s+(?P<month>%s)(?:\s+(?P<year>\d{4}))?\b"
    % "|".join(FULL_MONTHS),
    re.IGNORECASE,
)
# "het gesprek van 9 januari (2019)", "op 21-01-2019": a gesprek named by its date.
DATE_REF = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>%s)\.?(?:\s+(?P<year>\d{4}))?\b"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b|\b\d{4}-\d{2}-\d{2}\b" % "|".join(MONTHS),
    re.IGNORECASE,
)
QUESTION_WORDS = frozenset(
    fold(w)
    for w in """wat welke welk wie hoe waarom waar wanneer zei zeiden zegt zeggen vond vonden vindt
    vinden dacht dachten denkt gezegd genoemd opgemerkt over daarvan daarover hierover
    gesprek verslag verslagen gesprekken organisatie organisaties partij partijen
    vertelde en ook said say says think thinks thought did does about what which who how
    why mention mentioned conversation meeting report should would could can have has
    had its their them they many much more some any was were been being into from with
    without other others also very well overall volgens deelnemers aanwezigen participants
    according belangrijk belangrijke belangrijkst punten punt opmerkingen inbreng mening
    standpunt boodschap important points views opinion hadden werden kwam kwamen gaf gaven
    ging gingen ervan ervoor erover eraan erop ermee erin eruit daaraan daarmee daarin
    merken merkt merkte merkten zien ziet zag zagen komen komt krijgen krijgt
    gaan gaat doen doet maken maakt staan staat gesproken besproken behandeld gereageerd
    reageerde reageerden reageert ingebracht aangehaald aangegeven geopperd voren gemaakt
    ontvangen gesprekspartners betrokkenen gehad zelf eigenlijk discussed raised""".split()
)


TOKEN = re.compile(r"[\w'’-]+")  # a question's words, whose positions name-matching uses


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and w not in QUESTION_WORDS]


_ENGLISH = frozenset("the what did does how about which who was were is are of and with".split())
_DUTCH = frozenset("de het wat hoe over een van en werd is zijn welke wie".split())


def is_english(question: str) -> bool:
    toks = [fold(t) for t in tokens(question)]
    return sum(t in _ENGLISH for t in toks) > sum(t in _DUTCH for t in toks)


# "Welke zorgen zijn er over eenzaamheid?", "Welke kritiek had Humanitas op …": a framing noun
# (worries, criticism, remarks) after "welke" frames the question; the topic comes after it.
_FRAME = re.compile(
    r"\b(?:welke|wat\s+voor|which|what)\s+(?:zorgen|kritiek|punten|opmerkingen|reacties|"
    r"suggesties|ideeen|ideeën|vragen|kanttekeningen|bezwaren|wensen|aandachtspunten|"
    r"zorgpunten|signalen|knelpunten|concerns|comments|remarks|suggestions|points|criticism|"
    r"worries|ideas|issues|objections)(?=\s+(?:zijn|waren|is|was|werden|werd|"
    r"worden|wordt|hadden|had|heeft|hebben|gaf|gaven|geeft|kwamen|kwam|leven|leefden|"
    r"bestaan|bestonden|are|were|did|do|does|has|have)\b)",
    re.IGNORECASE,
)


def without_refs(question: str) -> str:
    """The question without the words that name a gesprek ("gesprek 23", "het laatste
    gesprek", "op 9 januari", "in mei"): they are no topic."""
    for ref in (VERSLAG_REF, LAST_REF, DATE_REF, MONTH_REF):
        question = ref.sub(" ", question)
    return question


# Nouns that frame a topic rather than name it: "de aanpak van huiselijk geweld" is about
# huiselijk geweld.
_FRAMING = frozenset(
    """aanpak manier rol werkwijze invulling uitwerking kwestie onderwerp thema punt belang
    inzet toekomst situatie stand ontwikkeling gebied terrein verbetering afspraken afspraak
    approach role way issue topic subject""".split()
)
# Nouns for people at large, not for a speaker or a topic of their own: "Wat vinden de
# inwoners van …", "over mensen die …".
PEOPLE = frozenset(
    """inwoners bewoners burgers mensen anderen meesten gesprekspartners betrokkenen partners
    stakeholders genodigden residents citizens people""".split()
)
_ABOUT = frozenset("over omtrent rond rondom about regarding".split())
_ARTICLE = frozenset("de het een the a an".split())
_LINK = frozenset("van voor bij in op rond of for".split())


def head_term(
    question: str, terms: tuple[tuple[str, ...], ...], thesaurus: Thesaurus | None = None
) -> tuple[str, ...] | None:
    """The term group of the noun a question is about: the word after "over" and its article
    ("dementie" in "Wat zeiden de deelnemers over dementie bij ouderen?", "huiselijk" in
    "over de aanpak van huiselijk geweld"). A statement that lacks it is about the rest only
    (ouderen), not about the question. None when that place holds no noun ("over het in kaart
    brengen") or people at large ("over mensen die …")."""
    toks = [fold(t) for t in tokens(without_refs(question))]
    at = next((i + 1 for i, t in enumerate(toks) if t in _ABOUT), len(toks))
    framed = False
    while at < len(toks) and (
        toks[at] in _ARTICLE or toks[at] in _FRAMING or (framed and toks[at] in _LINK)
    ):
        framed = framed or toks[at] in _FRAMING
        at += 1
    if at >= len(toks) or toks[at] in STOPWORDS or toks[at] in PEOPLE:
        return None
    asked = {toks[at], *(thesaurus.translate(toks[at]) if thesaurus else ())}
    return next((g for g in terms if g[0] in asked), None)


def topic_terms(question: str, used: set[int], thesaurus: Thesaurus) -> tuple[tuple[str, ...], ...]:
    """The asked-about words: not names (token positions in `used`), not question words,
    not verslag references. An English word comes with its Dutch translations; in an English
    question a word without a translation is left out unless it is a name (the verslagen are
    Dutch, so its absence says nothing), unless no word remains."""
    groups = []
    cleaned = _FRAME.sub(" ", without_refs(question))
    skip = {fold(t) for i, t in enumerate(tokens(question)) if i in used}
    english = is_english(question)
    untranslated: list[tuple[str, ...]] = []
    for tok in tokens(cleaned):
        w = fold(tok)
        if w in skip or w in STOPWORDS or w in QUESTION_WORDS or len(w) < 3:
            continue
        translation = thesaurus.translate(w)
        if english and not translation and not tok[:1].isupper():
            untranslated.append((w,))
            continue
        groups.append(translation if english and translation else (w, *translation))
    # Nothing the glossary knows: the words as asked, so the question still has a topic
    # (which the Dutch record then holds nowhere) rather than none ("all the GGD said").
    return tuple(groups) or tuple(untranslated)


def expand(
    terms: tuple[tuple[str, ...], ...], thesaurus: Thesaurus, taxonomy: Taxonomy | None
) -> tuple[tuple, str]:
    """Widen term groups with synonyms, and gather the related words to
    search: synonyms and the keywords of opgaven the terms mention."""
    have = {st for g in terms for st in stems(g[0])}
    for group, used in thesaurus.phrases(have):
        # "moeite hebben met lezen": its words name one idea (laaggeletterdheid), one group
        terms = (*(g for g in terms if not set(stems(g[0])) <= used), tuple(group))
    words_text = " ".join(w for g in terms for w in g)
    syn = thesaurus.synonyms
    groups = tuple(
        tuple(dict.fromkeys((*g, *(x for w in g for x in syn(w)))))
        for g in terms
    )  # fmt: skip
    extra = thesaurus.expand(words_text)
    if taxonomy is not None:
        toks = stems(words_text, keep_stopwords=True)
        for o in taxonomy.opgaven:
            if any(contains_phrase(toks, p) for p in o.phrases()):
                extra.extend((o.name, *o.keywords))
    return groups, " ".join(dict.fromkeys(extra))


def expand_english(text: str, thesaurus: Thesaurus) -> str:
    """Append Dutch equivalents of English domain words (for the lexical index)."""
    extra = [" ".join(t) for w in words(text) if (t := thesaurus.translate(w))]
    return f"{text} {' '.join(extra)}" if extra else text
