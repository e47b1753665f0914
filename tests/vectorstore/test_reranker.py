"""The optional cross-encoder reranker (RAADPLEEG_RERANKER): a tiny CrossEncoder model is
built in a temp dir (a small BERT config through transformers, saved with save_pretrained),
loaded through the settings like a real one, and must reorder the hits by its own scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.runtime import Runtime
from assistant.settings import Settings
from ingest.errors import ConfigError

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "de", "het", "een", "en", "van",
         "armoede", "sociale", "teams", "jongeren", "gemeente", "humanitas", "zei", "over",
         "wat", "contact", "mensen", "geld", "visie"]  # fmt: skip


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    d = tmp_path_factory.mktemp("tiny-cross-encoder")
    (d / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(str(d / "vocab.txt"), do_lower_case=True)
    torch.manual_seed(13)
    config = BertConfig(
        vocab_size=len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=512, num_labels=1,
    )  # fmt: skip
    BertForSequenceClassification(config).save_pretrained(d)
    tokenizer.save_pretrained(d)
    return d


QUESTIONS = [
    "Wat zei Humanitas over de sociale teams?",
    "Wat werd er gezegd over armoede?",
    "Wat zeiden ze over jongeren?",
]


def test_reranker_reorders_hits_by_its_scores(corpus_store, tiny_cross_encoder) -> None:
    plain = Runtime(Settings(store=corpus_store))
    ranked = Runtime(Settings(store=corpus_store, reranker=tiny_cross_encoder))
    assert ranked.searcher.reranker is not None and plain.searcher.reranker is None
    changed = 0
    for q in QUESTIONS:
        query = plain.assistant.analyse(q).query(6)
        before = [h.statement.id for h in plain.searcher.search(query)]
        hits = ranked.searcher.search(query)
        after = [h.statement.id for h in hits]
        assert sorted(after) == sorted(before)  # the same hits, reordered
        scores = ranked.searcher.reranker.scores(query.text, [h.statement.text for h in hits])
        assert scores == sorted(scores, reverse=True)  # in the cross-encoder's order
        changed += after != before
    assert changed >= 1


def test_reranker_setting_must_name_a_local_model(corpus_store, tmp_path) -> None:
    rt = Runtime(Settings(store=corpus_store, reranker=tmp_path / "absent"))
    with pytest.raises(ConfigError, match="not a local model directory"):
        _ = rt.searcher


def test_no_reranker_by_default(corpus_store) -> None:
    assert Runtime(Settings(store=corpus_store)).searcher.reranker is None
