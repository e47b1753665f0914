"""A store written before tag reasons existed still loads: statements come back without
reasons (and with their tags), from Chroma metadata and from the local catalogue alike."""

from __future__ import annotations

from vectorstore.catalogue import _statement_load
from vectorstore.store import statement_from


def test_chroma_metadata_without_reasons() -> None:
    meta = {"verslag_id": "v", "section": "Vraag", "position": 2, "attribution": "none",
            "opgaven": ["Armoede"]}  # fmt: skip
    s = statement_from("v-s002", "Armoede groeit.", meta)
    assert s.opgaven == ("Armoede",) and s.opgave_reasons == ()
    with_reasons = statement_from(
        "v-s002", "x", {**meta, "opgave_reasons": ["trefwoord “armoede”"]}
    )
    assert with_reasons.opgave_reasons == ("trefwoord “armoede”",)


def test_catalogue_row_without_reasons() -> None:
    row = {"id": "v-s001", "verslag_id": "v", "section": "Vraag", "position": 1, "text": "t",
           "speaker": None, "organisation": None, "persons": [], "attribution": "none",
           "opgaven": ["Armoede"], "span": [0, 1]}  # fmt: skip
    s = _statement_load(row)
    assert s.opgaven == ("Armoede",) and s.opgave_reasons == ()
    assert _statement_load({**row, "opgave_reasons": ["r"]}).opgave_reasons == ("r",)
