"""Answers about the record that count and group its statements: what a gesprek covered
(topics), how many statements are about a topic, which organisations spoke about it, which
opgave drew most statements. `structured.RecordAnswers` dispatches to them; the attendance and
date answers live there."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answering.answer import extractive, reading_order
from assistant.answering.citations import Citation, cite, quoted
from assistant.answering.query import Analysis
from assistant.answering.rows import gesprek_at, ordered
from assistant.nl import plural
from ingest.opgaven import Taxonomy
from ingest.records import Statement, Verslag
from vectorstore.search import Hit, RelevanceRule

# "het gesprek met Humanitas": the whole gesprek that organisation was at, all its speakers.
WITH_ORG = re.compile(
    r"\b(gesprek|gesprekken|verslag|overleg|bijeenkomst|meeting|conversation)\s+(met|with)\b",
    re.I,
)


@dataclass(frozen=True)
class Result:
    """A structured answer before it becomes an `Answer`: text, citations, found."""

    text: str
    citations: list[Citation]
    found: bool = True


class StatementTallies:
    """The statement-counting kinds; `RecordAnswers` holds the store and the scope rules."""

    statements: list[Statement]
    by_id: dict[str, Verslag]
    retrieve: Callable[[Analysis, int], tuple[list[Hit], list[Hit]]]
    rule: RelevanceRule
    taxonomy: Taxonomy | None

    def scope(self, analysis: Analysis, hits: list[Hit]) -> list[Verslag] | None:
        raise NotImplementedError

    def _nothing(self, analysis: Analysis) -> Result:
        raise NotImplementedError

    def _topics(self, analysis: Analysis, hits: list[Hit]) -> Result:
        """ "Welke onderwerpen kwamen aan bod in gesprek V?": the opgaven the statements in
        scope are about (most first, each with its first statement cited) and the questions
        the gesprek put."""
        f = analysis.filters
        if WITH_ORG.search(analysis.question) and not f.verslag_ids:
            # "Waar ging het gesprek met Humanitas over?": the whole gesprek, all speakers
            scoped = self.scope(analysis, hits) or []
            f = replace(f, verslag_ids=tuple(v.id for v in scoped), organisations=(), persons=())
        stmts = [
            s
            for s in self.statements
            if (not f.verslag_ids or s.verslag_id in f.verslag_ids)
            and (not f.organisations or s.organisation in f.organisations)
            and (not f.persons or any(p in s.persons for p in f.persons))
        ]
        if not stmts:
            return self._nothing(analysis)
        members: dict[str, list[Statement]] = {}
        for s in stmts:
            for o in s.opgaven:
                members.setdefault(o, []).append(s)
        ranked = sorted(members.items(), key=lambda kv: -len(kv[1]))
        citations = cite([ms[0] for _, ms in ranked], self.by_id)
        ids = dict.fromkeys(s.verslag_id for s in stmts)
        where = ", ".join(
            gesprek_at(v) for v in ordered([self.by_id[i] for i in ids if i in self.by_id])
        )
        who = quoted(" en ".join((*f.organisations, *f.persons)))
        scope = f"van {who} in {where}" if who else f"in {where}"
        lines = [f"Onderwerpen {scope} ({plural(len(stmts), 'uitspraak', 'uitspraken')}):"]
        for (o, ms), c in zip(ranked, citations, strict=True):
            lines.append(f"- {o}: {plural(len(ms), 'uitspraak', 'uitspraken')} [{c.n}]")
        untagged = sum(1 for s in stmts if not s.opgaven)
        if untagged:
            lines.append(f"- zonder opgave: {plural(untagged, 'uitspraak', 'uitspraken')}")
        sections = list(dict.fromkeys(s.section for s in stmts if s.section))
        if sections:
            asked = ", ".join(f"“{quoted(q)}”" for q in sections[:6])
            lines.append(f"\nGespreksvragen: {asked}.")
        return Result("\n".join(lines), citations)

    def _count_statements(self, analysis: Analysis, hits: list[Hit]) -> Result:
        """ "Hoeveel uitspraken gingen over armoede?": every statement about the topic."""
        ranked, _ = self.retrieve(analysis, 50)
        hits.extend(ranked)
        cited = self.rule.cited(ranked, relative=False, asked=True) if analysis.terms else ranked
        if not cited:
            return self._nothing(analysis)
        citations = cite([h.statement for h in reading_order(cited)], self.by_id)
        topic = " ".join(g[0] for g in analysis.terms[:4]) or "dit onderwerp"
        n_v = len({c.verslag_id for c in citations})
        lead = (
            f"In de verslagen gaan {plural(len(citations), 'uitspraak', 'uitspraken')} over "
            f"{topic}, in {plural(n_v, 'gesprek', 'gesprekken')}:"
        )
        body = extractive(analysis.question, analysis.filters, citations).split("\n", 1)[1]
        return Result(f"{lead}\n{body}", citations)

    def _spoke_about(self, analysis: Analysis, hits: list[Hit]) -> Result:
        ranked, _ = self.retrieve(analysis, 20)
        hits.extend(ranked)
        # who mentioned it at all
        cited = self.rule.cited(ranked, relative=False, asked=bool(analysis.terms))
        attributed = [h for h in cited if h.statement.attribution != "none"]
        if not attributed:
            return self._nothing(analysis)
        citations = cite([h.statement for h in reading_order(attributed)], self.by_id)
        orgs = list(dict.fromkeys(c.group for c in citations))
        topic = " ".join(g[0] for g in analysis.terms[:4]) or "dit onderwerp"
        verb = "zei" if len(orgs) == 1 else "zeiden"
        lead = (
            f"Over {topic} {verb} {plural(len(orgs), 'organisatie', 'organisaties')} iets in "
            f"de verslagen: {quoted(', '.join(orgs))}."
        )
        body = extractive(analysis.question, analysis.filters, citations).split("\n", 1)[1]
        unattributed = len(cited) - len(attributed)
        others = plural(unattributed, "uitspraak", "uitspraken")
        tail = f"\nDaarnaast: {others} hierover, niet toegeschreven." if unattributed else ""
        return Result(f"{lead}\n{body}{tail}", citations)

    def _top_opgave(self, analysis: Analysis, hits: list[Hit]) -> Result:
        if self.taxonomy is None:
            return self._nothing(analysis)
        themes = "thema" in analysis.question.lower()
        kinds = {o.name: o.kind for o in self.taxonomy.opgaven}
        f = analysis.filters
        counts: Counter[str] = Counter()
        members: dict[str, list[Statement]] = {}
        for s in self.statements:
            if f.verslag_ids and s.verslag_id not in f.verslag_ids:
                continue
            if f.organisations and s.organisation not in f.organisations:
                continue
            for o in s.opgaven:
                if (kinds.get(o) == "thema") == themes:
                    counts[o] += 1
                    members.setdefault(o, []).append(s)
        if not counts:
            return self._nothing(analysis)
        (top, n), *rest = counts.most_common()
        citations, counted = self._counted(n, members[top])
        word = "thema" if themes else "opgave"
        lines = [f"Over de {word} {top} is het meest gezegd: {counted}."]
        if rest:
            lines.append(
                "Daarna: " + ", ".join(f"{o} ({m})" for o, m in rest[:4]) + " (aantal uitspraken)."
            )
        return Result("\n".join(lines), citations)

    def _top_speaker(self, analysis: Analysis, hits: list[Hit]) -> Result:
        """ "Wie heeft het meest gezegd?": organisations (or people without one) by the number
        of statements the verslagen attribute to them, on the topic when one is asked."""
        f = analysis.filters
        if analysis.terms:
            ranked, _ = self.retrieve(analysis, 50)
            hits.extend(ranked)
            stmts = [h.statement for h in self.rule.cited(ranked, relative=False, asked=True)]
        else:
            stmts = [
                s for s in self.statements if not f.verslag_ids or s.verslag_id in f.verslag_ids
            ]
        said: dict[str, list[Statement]] = {}
        for s in stmts:
            who = s.organisation or (s.persons[0] if s.persons else None)
            if s.attribution != "none" and who:
                said.setdefault(who, []).append(s)
        if not said:
            return self._nothing(analysis)
        ranked_who = sorted(said.items(), key=lambda kv: -len(kv[1]))
        most = len(ranked_who[0][1])
        top = [(w, ms) for w, ms in ranked_who if len(ms) == most]  # a tie names them all
        rest = ranked_who[len(top) :]
        citations, counted = self._counted(most, [s for _, ms in top for s in ms])
        who = quoted(" en ".join(w for w, _ in top))
        verb, each = ("hebben", "elk ") if len(top) > 1 else ("heeft", "")
        lines = [f"Het meest gezegd {verb} {who}: {each}{counted}."]
        if rest:
            others = ", ".join(f"{quoted(w)} ({len(ms)})" for w, ms in rest[:4])
            lines.append(f"Daarna: {others} (aantal toegeschreven uitspraken).")
        return Result("\n".join(lines), citations)

    def _counted(self, n: int, stmts: list[Statement]) -> tuple[list[Citation], str]:
        """ "13 uitspraken in 6 gesprekken [1] [2] …": a count, where it was said, and the
        first eight statements cited."""
        citations = cite(stmts[:8], self.by_id)
        n_v = len({s.verslag_id for s in stmts})
        markers = " ".join(f"[{c.n}]" for c in citations)
        where = f"{plural(n, 'uitspraak', 'uitspraken')} in {plural(n_v, 'gesprek', 'gesprekken')}"
        return citations, f"{where} {markers}"
