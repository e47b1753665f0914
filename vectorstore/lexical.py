"""BM25 over Dutch stems, as a sparse matrix kept on disk beside the vector store.

Per (document, term) BM25 weights are precomputed at build time, so a query is one sparse
column sum: no per-query work over the corpus beyond that.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from ingest.text import stems

K1 = 1.2
B = 0.75
UNKNOWN_TERM_FACTOR = 1.0  # weight of a term the record never uses, relative to the rarest


class LexicalIndex:
    """BM25 weights for an ordered list of documents (row i is document i)."""

    def __init__(self, vocab: dict[str, int], weights: sparse.csc_matrix, idf: np.ndarray) -> None:
        self.vocab = vocab
        self.weights = weights
        self.idf = idf

    @property
    def size(self) -> int:
        return self.weights.shape[0]

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        docs = [Counter(stems(t)) for t in texts]
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        for i, counts in enumerate(docs):
            for term, tf in counts.items():
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(tf)
        n = len(docs)
        lengths = np.array([sum(c.values()) for c in docs], dtype=np.float32)
        avg = float(lengths.mean()) if n else 1.0
        tf = np.array(tfs, dtype=np.float32)
        r = np.array(rows, dtype=np.int32)
        c = np.array(cols, dtype=np.int32)
        df = np.bincount(c, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths[r] / max(avg, 1e-6))
        w = idf[c] * tf * (K1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix((w, (r, c)), shape=(n, len(vocab)), dtype=np.float32)
        return cls(vocab, matrix, idf.astype(np.float32))

    def _known(self, stem: str) -> list[str]:
        """The stem itself when indexed, else its parts: Dutch compounds the verslagen do not
        use ("geldgebrek") are split into indexed stems ("geld", "gebrek")."""
        if stem in self.vocab:
            return [stem]
        best: list[str] = []
        for i in range(3, len(stem) - 2):
            left, right = stem[:i], stem[i:]
            right = right[1:] if right.startswith("s") and right[1:] in self.vocab else right
            parts = [p for p in (left, right) if len(p) >= 4 and p in self.vocab]
            if sum(map(len, parts)) > sum(map(len, best)):
                best = parts
        return best

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for `query` (zeros when no term is known)."""
        cols = [self.vocab[p] for t in stems(query) for p in self._known(t)]
        if not cols:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.weights[:, cols].sum(axis=1)).ravel()

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(directory / "bm25.npz", self.weights)
        np.save(directory / "idf.npy", self.idf)
        (directory / "vocab.json").write_text(json.dumps(self.vocab), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        weights = sparse.load_npz(directory / "bm25.npz").tocsc()
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        return cls(vocab, weights, np.load(directory / "idf.npy"))

    def term_weight(self, stem: str) -> float:
        """IDF of a stem; a term the record never uses weighs the most."""
        i = self.vocab.get(stem)
        if i is None:
            return UNKNOWN_TERM_FACTOR * (float(self.idf.max()) if self.idf.size else 1.0)
        return float(self.idf[i])
