"""A LangChain `BaseRetriever` over the hybrid search, so raadpleeg's retrieval can be used in
any LangChain chain; documents carry the statement's metadata for citing."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from vectorstore.search import Filters, Query, Searcher


class StatementRetriever(BaseRetriever):
    """Statements as Documents (page_content = the verbatim text), best first."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Searcher
    k: int = 6
    filters: Filters = Filters()

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.searcher.search(Query(query, self.k, self.filters))
        return [
            Document(
                id=h.statement.id,
                page_content=h.statement.text,
                metadata={
                    "statement_id": h.statement.id,
                    "verslag_id": h.statement.verslag_id,
                    "section": h.statement.section,
                    "speaker": h.statement.speaker,
                    "organisation": h.statement.organisation,
                    "attribution": h.statement.attribution,
                    "opgaven": list(h.statement.opgaven),
                    "score": h.score,
                },
            )
            for h in hits
        ]
