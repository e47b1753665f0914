"""BM25 over Dutch stems, as a sparse matrix kept on disk beside the vector store.

Per (document, term) BM25 weights are precomputed at build time, so a query is one sparse
column sum: no per-query work over the corpus beyond that. The raw term counts are kept (and
saved instead of the weights): BM25 depends on corpus-wide statistics, so adding one verslag
changes every weight, but recomputing them from counts is a few vector operations, while
stemming every text again took seconds at 25,000 statements.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from ingest.text import stems

K1 = 1.2
B = 0.75
UNKNOWN_TERM_FACTOR = 1.0  # weight of a term the record never uses, relative to the rarest


def _counts(texts: Sequence[str], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Term counts of `texts` (rows) over `vocab`, which grows with unseen stems."""
    rows, cols, tfs = [], [], []
    for i, text in enumerate(texts):
        for term, tf in Counter(stems(text)).items():
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
            tfs.append(tf)
    return sparse.csr_matrix(
        (np.array(tfs, dtype=np.float32), (np.array(rows, np.int32), np.array(cols, np.int32))),
        shape=(len(texts), len(vocab)),
        dtype=np.float32,
    )


class LexicalIndex:
    """BM25 weights for an ordered list of documents (row i is document i)."""

    FILES = ("counts.npz", "vocab.json")  # what `save` writes

    def __init__(self, vocab: dict[str, int], counts: sparse.csr_matrix) -> None:
        self.vocab = vocab
        self.counts = counts.tocsr()
        self.counts.sum_duplicates()
        self.weights, self.idf = self._bm25(self.counts)

    @staticmethod
    def _bm25(counts: sparse.csr_matrix) -> tuple[sparse.csc_matrix, np.ndarray]:
        n, width = counts.shape
        coo = counts.tocoo()
        r, c, tf = coo.row, coo.col, coo.data.astype(np.float32)
        lengths = np.asarray(counts.sum(axis=1), dtype=np.float32).ravel()
        avg = float(lengths.mean()) if n else 1.0
        df = np.bincount(c, minlength=width).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths[r] / max(avg, 1e-6))
        w = idf[c] * tf * (K1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix((w, (r, c)), shape=(n, width), dtype=np.float32)
        return matrix, idf.astype(np.float32)

    @property
    def size(self) -> int:
        return self.weights.shape[0]

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        vocab: dict[str, int] = {}
        counts = _counts(texts, vocab)
        return cls(vocab, counts)

    def rebuilt(self, rows: Sequence[int | str]) -> LexicalIndex:
        """A new index whose row i is this index's row `rows[i]` (an int) or a new text (a
        str): what `build` would give for those texts, stemming only the new ones. Terms no
        longer used by any row are dropped, as a fresh build would not know them."""
        vocab = dict(self.vocab)
        new = [(i, r) for i, r in enumerate(rows) if isinstance(r, str)]
        added = _counts([t for _, t in new], vocab)
        width = len(vocab)
        c = self.counts
        old = sparse.csr_matrix((c.data, c.indices, c.indptr), shape=(c.shape[0], width))
        added.resize((added.shape[0], width))
        stacked = sparse.vstack([old, added], format="csr")
        base = old.shape[0]
        pick = np.empty(len(rows), dtype=np.int64)
        k = 0
        for i, r in enumerate(rows):
            if isinstance(r, str):
                pick[i] = base + k
                k += 1
            else:
                pick[i] = r
        counts = stacked[pick]
        used = np.flatnonzero(np.bincount(counts.indices, minlength=width))
        if used.size < width:  # drop unused terms, keeping the others' order
            remap = np.full(width, -1, dtype=np.int64)
            remap[used] = np.arange(used.size)
            counts = counts[:, used]
            vocab = {t: int(remap[i]) for t, i in vocab.items() if remap[i] >= 0}
        return LexicalIndex(vocab, counts)

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
        known = [p for t in stems(query) for p in self._known(t)]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return self._column_sum(known)

    def scores_any(self, groups: list[list[str]]) -> np.ndarray:
        """BM25 score of every document for alternatives: each group (a word, its synonyms
        and translations) adds the score of its best-matching alternative once, so an idea
        asked with five synonyms does not outweigh one asked with a single word; an
        alternative of several words ("informele zorg") scores by its weakest word."""
        total = np.zeros(self.size, dtype=np.float32)
        for group in groups:
            best = None
            for alt in group:
                parts = [self._known(st) for st in stems(alt)]
                if not parts or not all(parts):
                    continue
                word_scores = [self._column_sum(p) for p in parts]
                score = np.minimum.reduce(word_scores) if len(word_scores) > 1 else word_scores[0]
                best = score if best is None else np.maximum(best, score)
            if best is not None:
                total += best
        return total

    def _column_sum(self, stems_: list[str]) -> np.ndarray:
        cols = [self.vocab[p] for p in stems_]
        return np.asarray(self.weights[:, cols].sum(axis=1)).ravel()

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(directory / "counts.npz", self.counts)
        (directory / "vocab.json").write_text(json.dumps(self.vocab), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, rows: int | None = None) -> LexicalIndex:
        """The saved index, checked for shape (`rows` documents when given). Raises
        FileNotFoundError when there is none, ValueError naming the file when a file is
        damaged (truncated, or of the wrong shape)."""
        for name in cls.FILES:
            if not (directory / name).is_file():
                raise FileNotFoundError(directory / name)
        try:
            counts = sparse.load_npz(directory / "counts.npz").tocsr()
        except Exception as exc:  # BadZipFile, EOFError, ValueError, KeyError …
            raise ValueError(f"counts.npz is unreadable ({type(exc).__name__})") from exc
        if rows is not None and counts.shape[0] != rows:
            raise ValueError(f"counts.npz has {counts.shape[0]} rows for {rows} statements")
        try:
            vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"vocab.json is unreadable ({type(exc).__name__})") from exc
        ok = (
            isinstance(vocab, dict)
            and all(isinstance(t, str) and type(i) is int for t, i in vocab.items())
            and sorted(vocab.values()) == list(range(counts.shape[1]))
        )
        if not ok:
            raise ValueError(f"vocab.json does not match counts.npz ({counts.shape[1]} terms)")
        return cls(vocab, counts)

    def term_weight(self, stem: str) -> float:
        """IDF of a stem; a term the record never uses weighs the most."""
        i = self.vocab.get(stem)
        if i is None:
            return UNKNOWN_TERM_FACTOR * (float(self.idf.max()) if self.idf.size else 1.0)
        return float(self.idf[i])
