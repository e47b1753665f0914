"""Attribution rules: which turn of a section is whose, in every layout.

A paragraph may hold several turns ("Humanitas: … GGD: …"); a turn is explicit when its
label, subject or "volgens X" names a speaker; it is nobody's when its subject is a group
(both parties, "A en B", "er is afgesproken"); it continues the previous speaker (`inferred`)
only inside that speaker's paragraph run or bullet. Who a name means is `SpeakerIndex`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.attendees import FIRST_NAMES
from ingest.groups import UNATTRIBUTED, group_subject
from ingest.hosts import municipal
from ingest.introductions import introduced, is_new_person, written_after
from ingest.labels import PARENS, dash_label, group_label, label_of, speaker_like
from ingest.records import Attribution
from ingest.speakers import Speaker, SpeakerIndex
from ingest.structure import heading_speaker
from ingest.text import continues_item, fold, split_item
from ingest.wording import SPEECH_VERBS, TITLES, is_verb

_ACCORDING = re.compile(
    r"\b[Vv]olgens\s+(?:de\s+|het\s+)?(?:(?:dhr|mevr|mw|mr|dr|drs)\.?\s+|de heer\s+|mevrouw\s+)?"
    r"(?P<who>[^\s,.;:]+(?:\s+(?:[A-Z][^\s,.;:]*|van|de|der|den|ter|ten|'t|in)(?![^\s,.;:]))*)"
)
_TITLE_DOT = re.compile(r"\b(dhr|mevr|mw|mr|dr|drs)\.\s", re.IGNORECASE)
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:dhr|mevr|mw|mr|dr|drs|ir|ing|prof|bijv|o\.a|i\.p\.v|m\.b\.t|t\.a\.v|nr|ca)\.$",
    re.IGNORECASE,
)
# The answer mark of a question-and-answer verslag ("A: Karin Bos: …"): layout, no speaker.
ANSWER_MARK = re.compile(r"^(?:A|Antw(?:oord)?|Answer)\s*[:.]\s+(?=\S)")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=\S)")
# A paragraph number of numbered minutes ("1.1<TAB>SCHOLTEN merkt op …") or a transcript's
# time stamp ("[00:01:20] Henk Veenstra: …"): kept in the statement, no part of its label.
PARAGRAPH_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])])\s+(?=\S)"
)
# A paragraph wholly in square brackets ("[meerdere sprekers door elkaar]", "[Notitie
# transcribent: …]"): the transcriber's, nobody's turn.
_EDITORIAL = re.compile(r"^\[[^\[\]]{3,}\]\s*$")


# A speaker cell that refers to the row above ("idem", "id.", "dito", ditto marks ",,"):
# the same speaker.
SAME_AS_ABOVE = frozenset('idem id dito ditto zelfde ,, „ 〃 "'.split())
# Marks a heading that names a speaker ("## Humanitas"): what follows it is theirs.
SPEAKER_HEADING = "\u2691 "
# Marks the speaker cell of a speaker table's row: it names the turns of that row (explicit).
SPEAKER_CELL = "\u2690 "


@dataclass(frozen=True)
class Turn:
    text: str
    speaker: Speaker | None
    attribution: Attribution


def split_turns(text: str, index: SpeakerIndex) -> list[str]:
    """One paragraph holding several labelled turns ("Humanitas: … GGD: …") as one text per
    turn; a split needs a sentence end and then a label naming a known or titled speaker."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_GAP.finditer(text):
        before = text[start : m.start()]
        if len(before) < 20 or _ABBREVIATION.search(before):
            continue  # "Dhr. Kolk:", "o.a. GGD:" are not sentence ends
        rest = text[m.end() :]
        if PARAGRAPH_NUMBER.match(rest):  # "… . 1.2 SMIT vindt …": numbered paragraphs run on
            pieces.append(text[start : m.start()])
            start = m.end()
            continue
        label = label_of(rest)
        dashed = dash_label(rest)  # "… . Woongroep Eemsmond – Onze huismeesters …"
        if (
            (label and _turn_label(label, index))
            or _new_subject(before, rest, index)
            or (dashed and _dash_turn(dashed, index))
        ):
            pieces.append(text[start : m.start()])
            start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _dash_turn(name: str, index: SpeakerIndex) -> bool:
    """A dash-set name that is a known speaker or reads like an organisation's name: a turn
    of its own (whose, only a known name says)."""
    return index.known(name) is not None or (len(name.split()) >= 2 and speaker_like(name))


def _according_to(text: str, index: SpeakerIndex) -> Speaker | None:
    """ "… is volgens de bibliotheek een verborgen probleem": the speaker named by 'volgens'
    in the first sentence, when that is an attendee or their organisation."""
    first = _TITLE_DOT.sub(r"\g<1> ", text).split(". ")[0]  # "Volgens mevr. Pronk …"
    m = _ACCORDING.search(first)
    if not m:
        return None
    words = m["who"].split()
    for n in range(len(words), 0, -1):
        found = index.known(" ".join(words[:n]))
        if found is not None:
            return found
    return index.role(first[m.start("who") :])  # "volgens de buurtsportcoach"


# Verbs after which a named person is talked about rather than speaking.
_MENTION_VERBS = frozenset("is was heeft had kan zal zou mag moet gaat staat wordt werd".split())
_PARENS_LEAD = re.compile(r"^\([^()]{0,80}\)\s*")
# "X is van mening dat", "X is het eens": a judgement, as good as a verb of saying.
_OPINION = re.compile(
    r"^(?:is|was|zijn|waren)\s+(?:het\s+)?(?:daar\s+|hier\s+|er\s+)?(?:niet\s+|wel\s+)?"
    r"(?:mee\s+)?(?:van mening|van oordeel|eens|oneens|"
    r"blij|bezorgd|positief|negatief|kritisch|tevreden|ontevreden|bang)\b",
    re.IGNORECASE,
)


def _new_subject(before: str, rest: str, index: SpeakerIndex) -> bool:
    """A sentence opening with another known speaker as its subject ("… . De GGD vindt …")
    starts a new turn; the same speaker going on ("Bert Kolk … . Humanitas mist …") does not."""
    rest = re.sub(r"^(?:De|Het)\s+(?=\w)", "", rest)
    words = rest.split()
    for n in (1, 2, 3):  # a name two attendees share, as a subject: someone else's turn
        if len(words) > n and index.ambiguous(" ".join(words[:n])) and is_verb(words[n]):
            return True
    subject = introduced(rest, index)
    if subject is None:
        subject = index.subject(rest)
    if subject is not None:  # "… . Het Taalhuis draait op vrijwilligers": a mention, no turn
        said = _PARENS_LEAD.sub("", rest[len(subject.label) :].strip())  # "(MEE) geeft aan"
        verb = (said.split() or [""])[0].strip(",.").lower()
        # a person named as the subject ("… . Tineke Smit neemt dit mee") is a new turn
        person = (
            subject.is_person
            and index.known(subject.label) is not None
            and is_verb(verb)
            and verb not in _MENTION_VERBS  # "… . Tineke Smit heeft dat geregeld": a mention
        )
        subject = subject if verb in SPEECH_VERBS or _OPINION.match(said) or person else None
    subject = subject or _according_to(rest, index)
    if subject is None or not (subject.organisation or subject.persons):
        return False
    if index.known(subject.label) is None and not subject.organisation:
        return False  # only attendees and their organisations, not any capitalised name
    current = _labelled(before, index) or index.subject(before)
    if current is None:
        return True
    shared = (subject.organisation and subject.organisation == current.organisation) or (
        set(subject.persons) & set(current.persons)
    )
    return not shared


def _turn_label(label: str, index: SpeakerIndex) -> bool:
    """A label that opens a new turn mid-paragraph: a known speaker, a titled person, or a
    person's name (a known first name and a surname)."""
    if group_label(label) or index.ambiguous(label):
        return True  # a turn of several speakers, or of one we cannot tell: still a new turn
    if index.known(label) or TITLES.match(label):
        return True
    words = PARENS.sub(r"\g<outer>", label).split()
    return len(words) >= 2 and words[0].lower() in FIRST_NAMES and speaker_like(label)


def _theme_subject(text: str, index: SpeakerIndex) -> Speaker | None:
    """ "Inventarisatie van burgerinitiatieven: Schildwolde vindt …": a theme before the
    colon, then an attendee or their organisation as the subject."""
    if text.startswith("[") or ":" not in text:  # "[Thema] …" has no colon to split at
        return None
    rest = text.split(":", 1)[1].strip()
    found = introduced(rest, index) or index.subject(rest)
    if found is None or group_subject(rest, index) or index.known(found.label) is None:
        return None
    return found


def _labelled(text: str, index: SpeakerIndex) -> Speaker | None:
    label = label_of(text)
    return index.resolve_label(label) if label is not None else None


_NAME_DOTS = re.compile(r"\b(?:[A-Z]|(?i:dhr|mevr|mw|ds|dr|drs|mr))\.")


def _bare_speaker(text: str, index: SpeakerIndex) -> Speaker | bool | None:
    """A paragraph or item that is nothing but a speaker's name ("Marloes Hendriks",
    "Welzijn Menterwolde:", "Reactie Humanitas:") heads that speaker's turns: the speaker; a
    group ("Alle aanwezigen") or a "Reactie …:" line naming no attendee heads nobody's: False;
    anything else: None."""
    name = text.strip().rstrip(":").strip()
    bare = _NAME_DOTS.sub("", name)  # "Thuiszorg Hunzedal A. Dijkstra", "Dhr. Zuidema"
    if not name or len(name.split()) > 10 or any(c in bare for c in ".!?;"):
        return None
    reaction = text.strip().endswith(":") and heading_speaker(name) != name
    if len(name.split()) > 6 and not reaction:
        return None
    if UNATTRIBUTED.match(name) and len(name.split()) <= 3:
        return False
    found = (
        index.known(name)
        or index.known(TITLES.sub("", name, count=1))
        or index.known(heading_speaker(name))  # "Reactie Humanitas:" on its own line
    )
    if found is None and reaction:
        return False  # "Reactie op de visie van de GGD:": someone's, we cannot say whose
    return found


_PRONOUN = re.compile(r"^(?:zij|hij|ze|zijn|haar|hem|volgens (?:hem|haar))\b", re.IGNORECASE)
# Labels naming a party of the conversation rather than a topic: never a continuation.
_PARTY_LABELS = frozenset(
    """gemeente inwoners interviewer interviewster gespreksleider voorzitter notulist vz
    voorz""".split()
)


_GENDER_WORDS = (
    (re.compile(r"^(?:hij|hem|zijn|volgens hem|dhr\.|de heer)(?!\w)", re.IGNORECASE), "m"),
    (re.compile(r"^(?:zij|ze|haar|volgens haar|mevr\.|mw\.|mevrouw)(?!\w)", re.IGNORECASE), "v"),
)


def _gender_of(text: str) -> str | None:
    """ "Hij …", "Dhr. Jansen …": the gender a turn's opening gives its speaker."""
    return next((g for pattern, g in _GENDER_WORDS if pattern.match(text)), None)


def _learn_gender(text: str, speaker: Speaker | None, genders: dict) -> None:
    gender = _gender_of(text)
    if speaker is not None and speaker.is_person and gender:
        genders.setdefault((speaker.organisation, speaker.persons), gender)


def _clash(text: str, current: Speaker, genders: dict) -> bool:
    """ "Zij vindt …" after a man's turn ("Hij waarschuwt …"): the pronoun is someone else."""
    gender = _gender_of(text)
    known = genders.get((current.organisation, current.persons))
    return current.is_person and gender is not None and known is not None and gender != known


# Verbs of saying: "X vertelt dat …" with an X we cannot place is someone else speaking.
_SAYING = frozenset(
    """vertelt zegt merkt vindt ziet mist stelt pleit vraagt benadrukt waarschuwt noemt
    wijst denkt meent constateert concludeert adviseert onderstreept signaleert""".split()
)
# Sentence openers that are no subject ("Wel mist …", "Daarom vraagt zij …").
_NOT_SUBJECTS = frozenset(
    """dat dit het de er ook men wie wat iedereen niemand daarnaast verder tot wel niet toch
    nu dan daarom daarbij daarin daarmee bovendien vooral tevens zo hier daar soms vaak graag
    eigenlijk bijvoorbeeld kortom echter tegelijk juist alleen misschien wellicht zeker
    verder ten eerst eerst tenslotte ten slotte ook nog hierbij waarbij""".split()
)


def _unknown_subject(text: str) -> bool:
    """An unlabelled turn opening with a capitalised name we do not know and a verb of
    saying ("Humanitas vertelt …", "De Spinde merkt op …"): not the previous speaker."""
    words = text.split()
    if len(words) >= 3 and words[0] in ("De", "Het"):
        words = words[1:]
    if len(words) < 2 or not words[0][:1].isupper() or fold(words[0]) in _NOT_SUBJECTS:
        return False
    if _PRONOUN.match(words[0]):
        return False
    # "Hoekstra is het daar niet mee eens": a judgement is as good as a verb of saying
    return words[1].strip(",.").lower() in _SAYING or bool(_OPINION.match(" ".join(words[1:])))


# "Volgens de buurtsportcoach …" naming someone we cannot place: another voice, not the
# previous speaker going on ("volgens hem/haar" is the pronoun case; a document is no voice).
_ACCORDING_LEAD = re.compile(
    r"^volgens\s+(?!(?:hem|haar|mij|ons|hen|hun)\b|(?:de|het)\s+(?:visie|stuk|plan|notitie|"
    r"opgaven?|tekst|verslag)\b)\S",
    re.IGNORECASE,
)


def _unknown_dash(name: str) -> bool:
    """ "Woonstichting Eemsmond – …" opening a paragraph with a name we cannot place: someone
    speaks, but not the previous speaker ("Ook – …", "Daarom – …" are no names)."""
    return _party_label(name) and fold(name.split()[0]) not in _NOT_SUBJECTS


_OFFICE = re.compile(r"(?:wethouder|burgemeester)\b", re.IGNORECASE)


def _municipal(current: Speaker | None) -> bool:
    """A running turn of the municipality itself (a wethouder, the gemeente's official)."""
    return current is not None and bool(
        municipal(current.organisation) or _OFFICE.match(current.label)
    )


def _party_label(label: str) -> bool:
    """An unresolved `X:` label that reads like a speaker's name ("Kledingbank (dhr. Post)"
    by its name before the aside), or names a party."""
    outer = PARENS.sub(r"\g<outer>", label)
    return speaker_like(outer) or fold(label.split()[0]) in _PARTY_LABELS


def attribute(paragraphs: list[str], index: SpeakerIndex) -> list[Turn]:
    """Attribute one section's paragraphs in order; a new section starts without a speaker.

    A speaker named in a paragraph carries on through the unlabelled paragraphs and bullets
    that follow (`inferred`); a speaker named in a bullet holds for that bullet only, and ends
    the run: the next bullet is a new turn. A group subject is nobody's and ends the run.
    Paragraphs may carry the readers' ITEM mark."""
    turns: list[Turn] = []
    current: Speaker | None = None  # the speaker of the running paragraph run
    bullet: Speaker | None = None  # the speaker of the current list item
    owner: Speaker | None = None  # the speaker a heading put over what follows
    mixed = False  # the previous paragraph held turns of several speakers
    genders: dict[tuple[str | None, tuple[str, ...]], str] = {}  # person -> "m" / "v"
    cell = False  # the owner was named by a speaker table's cell
    actions = False  # inside a table row whose speaker cell is empty: who acts, the text says
    for raw in paragraphs:
        if raw.startswith((SPEAKER_HEADING, SPEAKER_CELL)):
            name = raw[len(SPEAKER_HEADING) :]
            if fold(name).strip(".") in SAME_AS_ABOVE:  # "Wie: idem": the row above's speaker,
                current, cell = owner, False  # named by reference only (inferred)
                continue
            owner = current = index.resolve_label(name)
            cell = raw.startswith(SPEAKER_CELL)
            actions = cell and not name.strip()  # an action list's row (or an empty Wie cell)
            continue
        current = current or owner
        more = continues_item(raw)
        item, text = split_item(raw)
        text = ANSWER_MARK.sub("", text)
        named = None if more else _bare_speaker(text, index)
        if named is not None:  # "<dt>Name</dt>", "- Org" over nested items: a speaker heading
            speaker = named or None
            if item:
                bullet = speaker
            else:
                current = speaker
            continue
        if more:  # a further paragraph of the same bullet: that bullet's speaker goes on
            current, saved = bullet, current
        before = len(turns)
        for k, verbatim in enumerate(split_turns(text, index)):
            number = PARAGRAPH_NUMBER.match(verbatim)
            piece = verbatim[number.end() :] if number else verbatim
            label = label_of(piece)
            # "[Buurtzorg] …" names a speaker we know; "[Gelach]" is no organisation
            resolve = index.known if piece.startswith("[") else index.resolve_label
            speaker = resolve(label) if label is not None else None
            dashed = dash_label(piece) if label is None else None
            if dashed is not None:  # "Woongroep Eemsmond – …": a label when it is known
                speaker = index.known(dashed)
            if speaker is None and not (label and group_subject(piece, index)):
                lenient = k == 0 and (_municipal(current) or actions)
                speaker = (
                    introduced(piece, index, strict=not lenient)
                    or index.subject(piece)
                    or _according_to(piece, index)
                )
            if speaker is not None and is_new_person(speaker, index):
                index.meet(speaker.persons[0], speaker.organisation)
            if speaker is None and label is not None:
                speaker = _theme_subject(piece, index)
            after = written_after(piece, index)  # "… — JdV", "… (Jansen, KBO)": it wins
            if after is not None:
                speaker = after or None
            group = after is False or (speaker is None and group_subject(piece, index))
            group = group or _EDITORIAL.match(piece) is not None
            # An `X:` label naming someone we cannot place ("Gemeente:", "Interviewer:") or a
            # pronoun after a paragraph of several speakers: whose it is stays unknown.
            unknown = speaker is None and (
                (label is not None and _party_label(label))
                or (dashed is not None and _unknown_dash(dashed))
                or (k == 0 and mixed and _PRONOUN.match(piece) is not None)
                or (k == 0 and current is not None and _clash(piece, current, genders))
                or (k == 0 and _unknown_subject(piece))
                or (k == 0 and _ACCORDING_LEAD.match(piece) is not None)
            )
            _learn_gender(piece, speaker or (None if unknown or group else current), genders)
            if speaker is not None:
                turns.append(Turn(verbatim, speaker, "explicit"))
                current = None if item else speaker
            elif k == 0 and current is not None and not group and not unknown:
                named_here = cell and current is owner  # the row's speaker cell names it
                turns.append(Turn(verbatim, current, "explicit" if named_here else "inferred"))
            else:
                turns.append(Turn(verbatim, None, "none"))
                current = None
        bullet = turns[-1].speaker if (item or more) and turns else None
        said = [t.speaker for t in turns[before:] if t.speaker is not None]
        speakers = {(s.organisation, s.persons) for s in said}
        mixed = len(speakers) > 1
        if more:
            current = saved  # the paragraph run outside the list is unchanged
    return turns
