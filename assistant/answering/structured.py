"""Answers to questions about the record itself, from the records rather than from retrieved
statements: who attended, when, which organisations, how many gesprekken or people; the
answers that count statements (topics, which organisations spoke about a topic, which opgave
drew most) are in `answering/tallies.py`.

Each answer cites what it rests on: a verslag's `Aanwezig` or `Datum gesprek` row
(`Citation.of_row`), or statements. The text is extractive (names, dates and counts as the
verslagen give them); with a language model it is the data the model writes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.answering.answer import Answer
from assistant.answering.citations import Citation, quoted
from assistant.answering.kinds import asks_lead, count_subject, present_subject, silent
from assistant.answering.query import Analysis
from assistant.answering.rows import (
    absent,
    date_row,
    gesprek_at,
    gesprek_name,
    ordered,
    person,
    present_row,
    with_orgs,
)
from assistant.answering.tallies import WITH_ORG, Result, StatementTallies
from assistant.answering.vocabulary import Vocabulary
from assistant.nl import dutch_date, plural
from ingest.hosts import chairs_meeting, consulted, hosts
from ingest.opgaven import Taxonomy
from ingest.records import Statement, Verslag
from ingest.text import fold
from vectorstore.search import Hit, RelevanceRule

_ONE_GESPREK = re.compile(
    r"\b(het|dat|die|the)\s+(gesprek|verslag|overleg|meeting|conversation)\b", re.I
)


class RecordAnswers(StatementTallies):
    """Answers the structured kinds over one store's verslagen and statements."""

    def __init__(
        self,
        vocab: Vocabulary,
        statements: list[Statement],
        retrieve: Callable[[Analysis, int], tuple[list[Hit], list[Hit]]],
        verslagen_by_id: dict[str, Verslag],
        taxonomy: Taxonomy | None,
        rule: RelevanceRule,
    ) -> None:
        self.rule = rule
        self.vocab = vocab
        self.statements = statements
        self.retrieve = retrieve
        self.by_id = verslagen_by_id
        self.taxonomy = taxonomy

    def answer(self, analysis: Analysis, kind: str) -> Answer:
        handler = getattr(self, f"_{kind}")
        hits: list[Hit] = []
        result = handler(analysis, hits)
        return Answer(
            analysis.question,
            result.text,
            result.found,
            analysis.filters,
            result.citations,
            hits,
            kind=kind,
        )

    # --- scope ---------------------------------------------------------------------------

    def scope(self, analysis: Analysis, hits: list[Hit]) -> list[Verslag] | None:
        """The verslagen a question is about: the gesprek it names, the ones its organisation
        or person took part in, the ones whose statements match its topic, or all of them
        (None: it names something the record does not hold)."""
        f, all_v = analysis.filters, self.vocab.verslagen
        if f.verslag_ids:
            return ordered([v for v in all_v if v.id in f.verslag_ids])
        if f.organisations:
            return ordered(with_orgs(f.organisations, all_v, self.statements))
        if f.persons:
            return ordered([v for v in all_v if any(a.name in f.persons for a in v.attendees)])
        if analysis.asked_unknown:
            return None
        if analysis.terms:
            ranked, cited = self.retrieve(analysis, 10)
            hits.extend(ranked)
            if not cited:
                return None
            ranked_ids = [
                vid for vid, _ in Counter(h.statement.verslag_id for h in cited).most_common()
            ]
            if _ONE_GESPREK.search(analysis.question):  # "het gesprek over …": the best one
                ranked_ids = ranked_ids[:1]
            return ordered([self.by_id[i] for i in ranked_ids if i in self.by_id]) or None
        return ordered(list(all_v))

    def _nothing(self, analysis: Analysis) -> Result:
        import prompts

        text = prompts.refusal()
        if analysis.asked_unknown:
            text = f"In de verslagen komt niet voor: {quoted(analysis.asked_unknown)}. {text}"
        return Result(text, [], False)

    # --- the kinds ------------------------------------------------------------------------

    def _attended(self, analysis: Analysis, hits: list[Hit]) -> Result:
        verslagen = self.scope(analysis, hits)
        if not verslagen:
            return self._nothing(analysis)
        f = analysis.filters
        orgs, persons = f.organisations, f.persons
        if WITH_ORG.search(analysis.question):
            orgs = persons = ()  # "het gesprek met Humanitas": everyone at that gesprek
        if asks_lead(analysis.cues) and not orgs and not persons:
            return self._hosts(verslagen)
        asked = present_subject(analysis.cues) if not orgs and not persons else None
        if asked and asked not in ("er", "iemand", "anyone", "there"):
            return self._present_as(asked, verslagen)
        lines, cites, missed = [], [], False
        for v in verslagen:
            people = [
                a
                for a in v.attendees
                if (not orgs and not persons) or a.organisation in orgs or a.name in persons
            ]
            c = present_row(len(cites) + 1, v)
            cites.append(c)
            if not people:  # "Was de GGD bij het tweede gesprek?": the row says who was not
                lines.append(f"Bij {gesprek_at(v)} was {absent(orgs, persons)} aanwezig [{c.n}].")
                missed = True
                continue
            names = "; ".join(person(a) for a in people)
            who = f"namens {quoted(' en '.join(orgs))} " if orgs else ""
            lines.append(f"Bij {gesprek_at(v)} waren {who}aanwezig: {names} [{c.n}].")
        if not cites:
            return self._nothing(analysis)
        if f.verslag_ids and missed:
            elsewhere = [
                v
                for v in ordered(list(self.vocab.verslagen))
                if v.id not in f.verslag_ids
                and any(a.organisation in orgs or a.name in persons for a in v.attendees)
            ]
            if elsewhere:
                lines.append(
                    f"{quoted(' en '.join(orgs or persons))} was wel aanwezig bij "
                    + ", ".join(gesprek_at(v) for v in elsewhere)
                    + "."
                )
        return Result("\n".join(lines), cites)

    def _present_as(self, word: str, verslagen: list[Verslag]) -> Result:
        """ "Was de huisarts bij gesprek 31?": the attendees whose role, organisation or name
        holds the word, per gesprek, or that the Aanwezig row lists nobody like that."""
        lines, cites = [], []
        for v in verslagen:
            c = present_row(len(cites) + 1, v)
            cites.append(c)
            fits = [
                a for a in v.attendees if fold(word) in fold(f"{a.name} {a.role} {a.organisation}")
            ]
            if fits:
                names = "; ".join(person(a) for a in fits)
                lines.append(f"Ja: bij {gesprek_at(v)} was aanwezig: {names} [{c.n}].")
            else:
                lines.append(
                    f"Bij {gesprek_at(v)} noemt de rij Aanwezig geen {quoted(word)} [{c.n}]."
                )
        return Result("\n".join(lines), cites)

    def _hosts(self, verslagen: list[Verslag]) -> Result:
        """Who led each gesprek (a gespreksleider, a chairing wethouder) and who else came for
        the municipality, from its Aanwezig row; or that the row does not say."""
        lines, cites = [], []
        for v in verslagen:
            c = present_row(len(cites) + 1, v)
            cites.append(c)
            chairs = [a for a in v.attendees if chairs_meeting(a)]
            others = [a for a in hosts(v.attendees) if a not in chairs]
            parts = []
            if chairs:
                parts.append(f"geleid door {'; '.join(person(a) for a in chairs)}")
            if others:
                word = "verder" if chairs else "aanwezig"
                parts.append(f"namens de gemeente {word}: {'; '.join(person(a) for a in others)}")
            said = (
                ", ".join(parts)
                or "het verslag noemt niet wie het leidde of wie er namens de gemeente was"
            )
            lines.append(f"Bij {gesprek_at(v)}: {said} [{c.n}].")
        return Result("\n".join(lines), cites)

    def _when(self, analysis: Analysis, hits: list[Hit]) -> Result:
        verslagen = self.scope(analysis, hits)
        if not verslagen:
            return self._nothing(analysis)
        f = analysis.filters
        who = f.organisations or f.persons
        met = f" met {' en '.join(who)}" if who else ""
        by_topic = bool(analysis.terms) and not (f.verslag_ids or who)
        lines, cites = [], []
        if by_topic:  # "Wanneer werd er over laaggeletterdheid gesproken?"
            lines.append(f"Over {' '.join(g[0] for g in analysis.terms[:4])} werd gesproken in:")
        for v in verslagen:
            if not v.date:
                lines.append(
                    f"Van het gesprek{met} ({gesprek_name(v)}) noemt het verslag geen datum."
                )
                continue
            c = date_row(len(cites) + 1, v)
            cites.append(c)
            date = dutch_date(v.date)
            if by_topic:
                lines.append(f"- {gesprek_name(v)}, op {date} [{c.n}]")
            else:
                lines.append(f"Het gesprek{met} ({gesprek_name(v)}) was op {date} [{c.n}].")
        return Result("\n".join(lines), cites, bool(cites))

    def _organisations(self, analysis: Analysis, hits: list[Hit]) -> Result:
        if silent(analysis.cues):
            return self._silent(analysis)
        verslagen = self.scope(analysis, hits)
        if not verslagen:
            return self._nothing(analysis)
        where: dict[str, list[tuple[int, Verslag]]] = {}
        cites: list[Citation] = []
        for v in verslagen:  # the municipality's own people host; they are not consulted
            orgs = [a.organisation for a in consulted(v.attendees) if a.organisation]
            if not orgs:
                continue
            c = present_row(len(cites) + 1, v)
            cites.append(c)
            for o in dict.fromkeys(orgs):
                where.setdefault(o, []).append((c.n, v))
        if not where:
            return self._nothing(analysis)
        lead = (
            f"In de verslagen zijn {plural(len(where), 'organisatie', 'organisaties')} "
            "geraadpleegd (aanwezig bij een gesprek; de gemeente zelf niet meegeteld):"
        )
        lines = [lead]
        for org, ns in where.items():
            at = ", ".join(f"{gesprek_name(v)} [{n}]" for n, v in ns)
            lines.append(f"- {quoted(org)} ({at})")
        return Result("\n".join(lines), cites)

    def _silent(self, analysis: Analysis) -> Result:
        """ "Welke organisaties hebben niets gezegd (over armoede)?": attendee organisations to
        which no statement (on the topic) in the verslagen (of the gesprek asked about) is
        attributed."""
        f = analysis.filters
        verslagen = ordered(
            [v for v in self.vocab.verslagen if not f.verslag_ids or v.id in f.verslag_ids]
        )
        said = self.statements
        if analysis.terms:
            ranked, _ = self.retrieve(analysis, 50)
            said = [h.statement for h in self.rule.cited(ranked, relative=False, asked=True)]
        spoke = {
            (s.verslag_id, s.organisation)
            for s in said
            if s.organisation and s.attribution != "none"
        }
        lines, cites = [], []
        for v in verslagen:
            quiet = [
                o
                for o in dict.fromkeys(a.organisation for a in consulted(v.attendees))
                if o and (v.id, o) not in spoke
            ]
            if quiet:
                c = present_row(len(cites) + 1, v)
                cites.append(c)
                lines.append(f"- {gesprek_at(v)}: {quoted(', '.join(quiet))} [{c.n}]")
        topic = f" over {' '.join(g[0] for g in analysis.terms[:4])}" if analysis.terms else ""
        if not cites:
            return Result(
                f"Aan elke aanwezige organisatie is in de verslagen minstens één uitspraak"
                f"{topic} toegeschreven.",
                [],
                True,
            )
        lead = (
            f"Deze organisaties waren aanwezig, maar het verslag schrijft hun geen uitspraken"
            f"{topic} toe (mogelijk staan hun woorden er zonder naam in):"
        )
        return Result("\n".join([lead, *lines]), cites)

    def _count(self, analysis: Analysis, hits: list[Hit]) -> Result:
        subject = count_subject(analysis.question)
        if subject == "people":
            return self._count_people(analysis, hits)
        if subject == "organisations":
            return self._organisations(analysis, hits)
        if subject == "statements":
            return self._count_statements(analysis, hits)
        verslagen = self.scope(analysis, hits)
        if not verslagen:
            return self._nothing(analysis)
        cites = [date_row(i, v) for i, v in enumerate(verslagen, 1)]
        listed = ", ".join(
            f"{gesprek_name(v)} op {dutch_date(v.date)} [{c.n}]"
            if v.date
            else f"{gesprek_name(v)} [{c.n}]"
            for v, c in zip(verslagen, cites, strict=True)
        )
        n = plural(len(verslagen), "gesprek", "gesprekken")
        return Result(f"In de verslagen staan {n}: {listed}.", cites)

    def _count_people(self, analysis: Analysis, hits: list[Hit]) -> Result:
        verslagen = self.scope(analysis, hits)
        if not verslagen:
            return self._nothing(analysis)
        lines, cites = [], []
        for v in verslagen:
            c = present_row(len(cites) + 1, v)
            cites.append(c)
            names = ", ".join(a.name for a in v.attendees)
            n = plural(len(v.attendees), "persoon", "personen")
            lines.append(f"Bij {gesprek_at(v)} waren {n} aanwezig: {names} [{c.n}].")
        return Result("\n".join(lines), cites)
