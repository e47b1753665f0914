"""Opgave tagging: keywords as Dutch stems, explicit mentions, optional similarity."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.opgaven import Tagger, load_taxonomy

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[2] / "ingest" / "data" / "opgaven.toml")


def test_taxonomy_holds_the_record_s_opgaven() -> None:
    kinds = {o.name: o.kind for o in TAXONOMY.opgaven}
    for name in (
        "Armoede",
        "Brievenbusproblemen",
        "Laaggeletterdheid",
        "Veiligheid en herstelgericht werken",
        "Inventarisatie van burgerinitiatieven",
    ):
        assert kinds[name] == "opgave"
    for name in ("Jeugd en onderwijs", "Omgevingswet", "Welzijn als voorliggende voorziening"):
        assert kinds[name] == "voorgestelde opgave"
    assert kinds["Sociale teams"] == "thema"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armoede wordt als opgave herkend.", {"Armoede"}),
        (
            "Opgave brievenbusproblemen kan onderdeel zijn van opgave laaggeletterdheid.",
            {"Brievenbusproblemen", "Laaggeletterdheid"},
        ),
        (
            "Humanitas vindt dat het sociaal team bevoogdend is.",
            {"Sociale teams", "Vertrouwen en houding van professionals"},
        ),
        ("Maak jongeren zelf verantwoordelijk.", {"Jeugd en onderwijs"}),
        ("Het weer was goed.", set()),
    ],
)
def test_keyword_tags(text: str, expected: set[str]) -> None:
    assert set(Tagger(TAXONOMY).keyword_tags(text)) == expected


def test_similarity_adds_tags_above_threshold_and_keeps_explicit_ones() -> None:
    names = TAXONOMY.names

    def similarity(texts: list[str]) -> list[list[float]]:
        return [[0.9 if n == "Omgevingswet" else 0.1 for n in names] for _ in texts]

    tags = Tagger(TAXONOMY, similarity, threshold=0.6).tag_many(["Armoede is een probleem."])
    assert set(tags[0]) == {"Armoede", "Omgevingswet"}
    tags = Tagger(TAXONOMY, similarity, threshold=0.95).tag_many(["Armoede is een probleem."])
    assert tags[0] == ("Armoede",)


def test_bad_taxonomy_names_the_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "opgaven.toml"
    bad.write_text('[[opgave]]\nname = "X"\nkind = "wens"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"opgaven.toml: opgave 'X' has kind 'wens'"):
        load_taxonomy(bad)
