"""A tiny deterministic embedder for store tests that need no model: hashed Dutch stems.

Same interface as `vectorstore.embedder.Embedder`; nothing is loaded, so a child process that
uses it starts in about the time it takes to import chromadb.
"""

from __future__ import annotations

import zlib

import numpy as np

from ingest.text import stems
from vectorstore.embedder import Embedder

DIM = 64


class HashEmbedder(Embedder):
    def __init__(self) -> None:
        super().__init__("test-hash-embedder")

    @property
    def dim(self) -> int:
        return DIM

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for stem in stems(text, keep_stopwords=True):
                out[i, zlib.crc32(stem.encode("utf-8")) % DIM] += 1.0
            norm = float(np.linalg.norm(out[i]))
            if norm:
                out[i] /= norm
            else:
                out[i, 0] = 1.0
        return out
