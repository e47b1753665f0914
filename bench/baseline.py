"""A naive LangChain RAG baseline, for comparing raadpleeg's retrieval against.

What a developer gets by following the LangChain tutorial: every file loaded as-is
(`TextLoader`, one Document per file: HTML fragments, TAB table rows and page breaks
included), `RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)`, the SAME
embedding model as raadpleeg (its `Embedder` wrapped as LangChain `Embeddings`), a Chroma
vector store in a temporary directory, and `similarity_search`. Only the retrieval differs.

Scored with `assistant.evaluation` like raadpleeg, with these choices:
- it always answers (`found=True`): plain similarity search has no notion of "not in the
  record", so its no-answer accuracy is 0 by construction;
- its answer cites the top 5 chunks; the ranking scored for MRR is the top 10 (the depth
  raadpleeg's ranking is scored at), so MRR is not cut short for the baseline;
- organisation precision: a chunk is raw file text without any speaker attribution, so the
  baseline cannot say whose words it cites. Each cited chunk therefore counts as citing
  no organisation (None), giving precision 0 on organisation questions. Crediting chunks
  that merely contain the organisation's name would reward passing off others' words
  (in gesprek II the names of both organisations occur throughout), which is exactly
  the failure the metric exists to catch.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from langchain_chroma import Chroma
from langchain_community.document_loaders import TextLoader
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.evaluation import Outcome
from vectorstore.embedder import Embedder

CITED = 5
RANKED = 10


class EmbedderEmbeddings(Embeddings):
    """raadpleeg's Embedder (same model, same prefixes) as LangChain Embeddings."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()


class NaiveRAG:
    """Load, split, embed into Chroma; answer a question with the nearest chunks."""

    def __init__(self, files: list[Path], embedder: Embedder, directory: Path | None = None):
        self._tmp = None if directory else tempfile.TemporaryDirectory(prefix="naive-rag-")
        where = directory or Path(self._tmp.name)  # type: ignore[union-attr]
        docs = [d for f in files for d in TextLoader(str(f), encoding="utf-8").load()]
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        self.chunks = splitter.split_documents(docs)
        self.store = Chroma(
            collection_name="naive-baseline",
            embedding_function=EmbedderEmbeddings(embedder),
            persist_directory=str(where),
        )
        self.store.add_documents(self.chunks)

    def outcome(self, question: str) -> Outcome:
        docs = self.store.similarity_search(question, k=RANKED)
        return Outcome(
            ranked=[d.page_content for d in docs],
            cited_organisations=[None] * min(CITED, len(docs)),
            found=True,
        )

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
