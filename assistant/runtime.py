"""Wiring: builds the working objects from settings, lazily, for the CLI and the app alike.

`Runtime(settings, embedder=…, composer=…)`: the embedding model and the language-model
composer can be passed in (tests pass a small fake embedder or a scripted composer); otherwise
they are built from settings on first use. Only what a command uses is built: listing
verslagen never loads the embedding model.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property
from pathlib import Path

from assistant.answering.chat import Assistant, Composer
from assistant.answering.thesaurus import Thesaurus
from assistant.settings import Settings
from ingest.opgaven import Tagger, Taxonomy, load_taxonomy
from ingest.pipeline import FileReport, collect, ingest_file
from vectorstore.embedder import Embedder
from vectorstore.index import RecordIndex
from vectorstore.onnx_encoder import default_cache_dir
from vectorstore.search import RelevanceRule, Searcher

_UNSET = object()


class Runtime:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        composer: Composer | object | None = _UNSET,
    ) -> None:
        self.settings = settings or Settings()
        if embedder is not None:
            self.__dict__["embedder"] = embedder
        if composer is not _UNSET:
            self.__dict__["composer"] = composer

    @cached_property
    def embedder(self) -> Embedder:
        e = self.settings.embedding
        return Embedder(
            e.embedding_model,
            query_prefix=e.query_prefix,
            passage_prefix=e.passage_prefix,
            batch_size=e.embed_batch_size,
            backend=e.embedding_backend,
            onnx_cache=default_cache_dir() if e.onnx_encoder else None,
        )

    @cached_property
    def index(self) -> RecordIndex:
        s = self.settings.storage
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
        return load_taxonomy(self.settings.data.path("opgaven"))

    @cached_property
    def thesaurus(self) -> Thesaurus:
        data = self.settings.data
        return Thesaurus.load(data.path("synonyms"), data.path("glossary"))

    @cached_property
    def tagger(self) -> Tagger:
        threshold = self.settings.data.opgave_similarity
        similarity = self._opgave_similarity if threshold > 0 else None
        return Tagger(self.taxonomy, similarity, threshold)

    def _opgave_similarity(self, texts: list[str]) -> list[list[float]]:
        descriptions = [f"{o.name}. {o.description}" for o in self.taxonomy.opgaven]
        a = self.embedder.embed_passages(texts)
        b = self.embedder.embed_passages(descriptions)
        return (a @ b.T).tolist()

    @cached_property
    def rule(self) -> RelevanceRule:
        """The relevance rule from the retrieval settings (the same names, calibrated together)."""
        names = {f.name for f in dataclasses.fields(RelevanceRule)}
        return RelevanceRule(**self.settings.retrieval.model_dump(include=names))

    @cached_property
    def searcher(self) -> Searcher:
        path = self.settings.retrieval.reranker
        reranker = None
        if path is not None:
            from ingest.errors import ConfigError
            from vectorstore.embedder import Reranker

            try:
                reranker = Reranker(path)
            except (ValueError, OSError) as exc:  # a path that is not a loadable model
                raise ConfigError(f"RAADPLEEG_RERANKER={path}: {exc}") from None
        return Searcher(self.index, self.rule, reranker)

    @cached_property
    def assistant(self) -> Assistant:
        return Assistant(
            self.index,
            self.searcher,
            self.taxonomy,
            thesaurus=self.thesaurus,
            k=self.settings.retrieval.k,
            composer=self.composer,
        )

    @cached_property
    def composer(self) -> Composer | None:
        """The LLM composer when an LLM is configured, else None (extractive answers)."""
        llm = self.settings.llm
        if llm.llm == "none":
            return None
        from assistant.answering.llm import LLMComposer, chat_model

        return LLMComposer(chat_model(llm), timeout=llm.llm_timeout)

    @property
    def sample_record(self) -> Path:
        """The verslagen `raadpleeg ingest` reads when given no path."""
        return self.settings.data.path("data_dir")

    def warm_up(self) -> None:
        """Load what a first question needs (embedding model, catalogue, vocabulary), so a
        server answers its first question as fast as the next."""
        self.embedder.embed_query("sociale teams")
        if self.index.statements():
            _ = self.assistant.vocabulary

    def ingest(self, paths: list, *, names: list[str] | None = None) -> list[FileReport]:
        """Ingest files as one batch (lexical index rebuilt once) after repairing leftovers
        of an interrupted earlier run."""
        files = collect(paths)
        max_bytes = int(self.settings.data.max_file_mb * 1_000_000)
        self.index.repair()
        with self.index.batch():
            return [
                ingest_file(p, self.index, self.tagger, max_bytes, names[i] if names else None)
                for i, p in enumerate(files)
            ]
