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


@pytest.mark.parametrize(
    ("text", "ignore", "expected"),
    [
        # a derivation the stemmer folds away is another word: "houden" is no "houding"
        ("Contacten willen houden.", (), {}),
        (
            "Hun houding is afstandelijk.",
            (),
            {"Vertrouwen en houding van professionals": "houding"},
        ),
        # a compound names its parts ("armoedepact", "basisschool"), an adjective does not
        ("Een armoedepact met de gemeente.", (), {"Armoede": "armoedepact"}),
        ("Al voor de basisschool.", (), {"Jeugd en onderwijs": "basisschool"}),
        ("Een gemeenschappelijk belang.", (), {}),
        # an organisation's name is no mention of its topic
        ("Welzijn MG wil meedenken.", ("Welzijn MG",), {}),
        ("Welzijn MG wil meedenken.", (), {"Welzijn als voorliggende voorziening": "welzijn"}),
        # a word in passing beside clear subjects is dropped
        (
            "Het sociaal team hoort van eenzaamheid, schulden of spanningen.",
            (),
            {"Sociale teams": "sociaal team"},
        ),
        # the Scheveningen New Year's Eve remark is about trust, not local safety
        ("Kijk wat er in Scheveningen met oudejaarsnacht is gebeurd.", (), {}),
    ],
)
def test_explain_names_the_words_behind_each_tag(
    text: str, ignore: tuple[str, ...], expected: dict[str, str]
) -> None:
    found = dict(Tagger(TAXONOMY).explain(text, ignore))
    assert set(found) == set(expected)
    for opgave, said in expected.items():
        assert "trefwoord “" in found[opgave]
        assert said in found[opgave].casefold()


def test_similarity_tags_say_so() -> None:
    names = TAXONOMY.names

    def similarity(texts: list[str]) -> list[list[float]]:
        return [[0.9 if n == "Omgevingswet" else 0.1 for n in names] for _ in texts]

    [tags] = Tagger(TAXONOMY, similarity, threshold=0.6).explain_many(["Armoede is een probleem."])
    assert dict(tags)["Omgevingswet"] == "lijkt op de beschrijving (gelijkenis 0.90)"
    assert dict(tags)["Armoede"] == "trefwoord “Armoede”"
