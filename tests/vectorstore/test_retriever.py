"""The LangChain retriever returns the hybrid search's statements as Documents."""

from __future__ import annotations

from assistant.runtime import Runtime
from assistant.settings import Settings
from vectorstore.retriever import StatementRetriever
from vectorstore.search import Filters


def test_retriever_invokes_hybrid_search_with_filters(corpus_store) -> None:
    rt = Runtime(Settings(store=corpus_store))
    retriever = StatementRetriever(searcher=rt.searcher, k=3)
    docs = retriever.invoke("sociale teams te weinig contact")
    assert len(docs) == 3
    assert "sociale teams" in docs[0].page_content
    assert docs[0].metadata["organisation"] == "Humanitas"
    assert docs[0].id == docs[0].metadata["statement_id"]
    only_i = next(v.id for v in rt.index.verslagen() if v.number == 1)
    filtered = StatementRetriever(searcher=rt.searcher, k=5, filters=Filters(verslag_ids=(only_i,)))
    docs = filtered.invoke("rol van de gemeente als regisseur")
    assert docs and all(d.metadata["verslag_id"] == only_i for d in docs)
    assert all(d.metadata["attribution"] == "none" for d in docs)
