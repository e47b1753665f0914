"""Builds the working objects from settings, lazily, for the CLI and the app alike.

Only what a command uses is built: listing verslagen never loads the embedding model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assistant.chat import Assistant, Composer
from assistant.settings import Settings
from assistant.thesaurus import Thesaurus
from ingest.opgaven import Tagger, Taxonomy, load_taxonomy
from ingest.pipeline import FileReport, ingest_file
from vectorstore.embedder import Embedder
from vectorstore.index import RecordIndex
from vectorstore.onnx_encoder import default_cache_dir
from vectorstore.search import Searcher


@dataclass
class Runtime:
    settings: Settings = field(default_factory=Settings)

    @cached_property
    def embedder(self) -> Embedder:
        s = self.settings
        return Embedder(
            s.embedding_model,
            query_prefix=s.query_prefix,
            passage_prefix=s.passage_prefix,
            batch_size=s.embed_batch_size,
            backend=s.embedding_backend,
            onnx_cache=default_cache_dir() if s.onnx_encoder else None,
        )

    @cached_property
    def index(self) -> RecordIndex:
        s = self.settings
        return RecordIndex(
            s.store,
            self.embedder,
            chroma_host=s.chroma_host,
            chroma_port=s.chroma_port,
            recheck_seconds=s.store_recheck_seconds,
            lock_timeout=s.store_lock_timeout,
        )

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy(self.settings.opgaven)

    @cached_property
    def tagger(self) -> Tagger:
        similarity = None
        if self.settings.opgave_similarity > 0:
            similarity = self._opgave_similarity
        return Tagger(self.taxonomy, similarity, self.settings.opgave_similarity)

    def _opgave_similarity(self, texts: list[str]) -> list[list[float]]:
        descriptions = [f"{o.name}. {o.description}" for o in self.taxonomy.opgaven]
        a = self.embedder.embed_passages(texts)
        b = self.embedder.embed_passages(descriptions)
        return (a @ b.T).tolist()

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.index)

    @cached_property
    def assistant(self) -> Assistant:
        s = self.settings
        return Assistant(
            self.index,
            self.searcher,
            self.taxonomy,
            thesaurus=Thesaurus.load(s.synonyms),
            k=s.k,
            min_score=s.min_score,
            cite_ratio=s.cite_ratio,
            composer=self.composer,
        )

    @cached_property
    def composer(self) -> Composer | None:
        """The LLM composer when an LLM is configured, else None (extractive answers)."""
        if self.settings.llm == "none":
            return None
        from assistant.llm import LLMComposer, chat_model

        return LLMComposer(chat_model(self.settings), timeout=self.settings.llm_timeout)

    def warm_up(self) -> None:
        """Load what a first question needs (embedding model, catalogue, vocabulary), so a
        server answers its first question as fast as the next."""
        self.embedder.embed_query("sociale teams")
        if self.index.statements():
            _ = self.assistant.vocabulary

    def ingest(self, paths: list, *, names: list[str] | None = None) -> list[FileReport]:
        """Ingest files as one batch (lexical index rebuilt once) after repairing leftovers
        of an interrupted earlier run."""
        from ingest.pipeline import collect

        files = collect(paths)
        max_bytes = int(self.settings.max_file_mb * 1_000_000)
        self.index.repair()
        with self.index.batch():
            return [
                ingest_file(p, self.index, self.tagger, max_bytes, names[i] if names else None)
                for i, p in enumerate(files)
            ]
