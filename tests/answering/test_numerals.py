"""A gesprek's number is shown as its verslag writes it, so an official who reads "gesprek 43"
in the verslag finds "gesprek 43" in the answer, and "gesprek II" stays "gesprek II"."""

from __future__ import annotations

import pytest

from assistant.nl import gesprek_no, numeral
from ingest.records import Verslag


@pytest.mark.parametrize(
    ("number", "title", "source", "shown"),
    [
        (2, "Verslag gesprek II", "verslag-gesprek-II.txt", "II"),
        (43, "Verslag gesprek 43 – Muntendam", "verslag-gesprek-43-muntendam.html", "43"),
        (19, "Verslag gesprek visie sociaal domein XIX", "verslag-xix-jongeren.md", "XIX"),
        (22, "Gespreksverslag 22 – ouderen", "gespreksverslag-22-ouderen.pdf", "22"),
        (6, "Verslag 6e gesprek Seniorenraad", "verslag-6e-seniorenraad.txt", "6"),
        (3, "Verslag gesprek III – 3 maart 2019", "iii.docx", "III"),  # the date's 3 is no number
        (19, "Verslag 14 mei 2019", "notities.txt", "XIX"),  # 2019 holds no 19: the convention
        (
            44,
            "Verslag gesprek",
            "verslag-gesprek-xliv-zuidbroek.html",
            "XLIV",
        ),  # file name, any case
    ],
)
def test_the_number_as_the_verslag_writes_it(number, title, source, shown) -> None:
    v = Verslag("v", number, title, "2019-01-01", source)
    assert gesprek_no(v) == shown


def test_an_unknown_number_is_a_question_mark() -> None:
    assert numeral(None, "Verslag") == "?"
