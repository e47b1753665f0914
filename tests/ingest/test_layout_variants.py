"""Property test (issue 12): verslagen in many layouts, whose truth is known, parse right.

A few hundred generated verslagen (bench/layouts.py: every format, table or flowing text,
questions as rows, headings, bold or numbered lines with or without '?', attendee blocks in
every shape, bullets, speaker labels in every style, group subjects, several turns in one
paragraph, running headers, page numbers and hyphenated PDFs) are parsed, not embedded, and
scored against their truth. False attributions (a statement given to someone the truth does
not give it to) must be zero.
"""

from __future__ import annotations

import pytest

from bench.layout_score import THRESHOLDS, Tally, score_cases, table
from bench.layouts import FORMATS, build_cases

N = 250


@pytest.fixture(scope="module")
def tally() -> Tally:
    return score_cases(build_cases(N, seed=0))


def test_the_set_covers_every_format_and_layout_choice() -> None:
    layouts = [c.layout for c in build_cases(N, seed=0)]
    assert {lay.fmt for lay in layouts} == set(FORMATS)
    for field, values in {
        "table": {True, False},
        "question": {"row", "heading", "bold", "numbered", "plain"},
        "attendees": {"runon", "lines", "inline", "list", "table2"},
        "items": {"bullets", "paragraphs", "numbered", "mixed"},
        "namens": {"", "before", "after"},
        "date": {"row", "line", "title", "place"},
        "title": {"roman", "arabic", "gespreksverslag"},
        "qmark": {True, False},
        "wrap_labels": {True, False},
        "debris": {True, False},
        "hyphenate": {True, False},
    }.items():
        assert {getattr(lay, field) for lay in layouts} == values, field
    pdf_tables = [lay for lay in layouts if lay.fmt == "pdf" and lay.table and lay.wrap_labels]
    assert pdf_tables, "a PDF drawn as a table with wrapped labels"
    cases = build_cases(N, seed=0)
    items = [i for c in cases for _, section in c.sections for i in section]
    assert any(i.more for i in items), "bullets with a further paragraph"
    assert any(len(i.parts) > 1 for i in items), "several turns in one paragraph"
    texts = [t.text for c in cases for t in c.statements]
    for marker in (" is volgens ", "De ", "Er is afgesproken dat ", "Beide partijen", "Mevr. "):
        assert any(marker in t for t in texts), marker
    assert any(p.honorific for c in cases for p in c.attendees), "drs., ds., wethouder"


def test_variant_table_meets_its_targets(tally: Tally) -> None:
    rates = tally.rates()
    report = table(tally) + "\n" + "\n".join(tally.examples[:20])
    assert tally.refused == 0, report
    for name, target in THRESHOLDS.items():
        assert rates[name] >= target, report
    assert tally.false == 0, report
