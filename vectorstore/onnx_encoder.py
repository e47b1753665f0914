"""The embedding model as an ONNX graph run by onnxruntime with the `tokenizers` package.

Importing sentence-transformers (and with it torch and transformers) takes ~8 s on a small
machine, which dominated a cold `raadpleeg ask`. The model is therefore exported once (by
`Embedder.export_onnx`, which owns the torch side) into a directory keyed by the model's
files, and queries are encoded here: tokenise, run the graph (transformer, pooling and
normalisation all inside it), L2-normalise. An export is checked against the torch model
before it is published, so both paths give the same vectors and the store needs no re-embed.
This module owns the only imports of onnxruntime and tokenizers.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = 1  # bump when the export layout changes: old exports are then ignored
MANIFEST = "manifest.json"


def default_cache_dir() -> Path:
    """Per-user cache for exports ($XDG_CACHE_HOME/raadpleeg/encoders), shared by stores."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "raadpleeg" / "encoders"


def source_signature(model_path: str) -> str:
    """What the export depends on: the model's files (name, size, mtime) when it is a local
    directory, else the name itself. Cheap enough (a few stats) for every cold start."""
    root = Path(model_path)
    h = hashlib.sha256(f"{FORMAT}|{model_path}".encode())
    if root.is_dir():
        for f in sorted(root.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                st = f.stat()
                h.update(f"|{f.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def export_path(cache_dir: Path, model_path: str) -> Path:
    return Path(cache_dir) / source_signature(model_path)


class OnnxEncoder:
    """Normalised float32 embeddings from an export directory (model.onnx, tokenizer.json,
    manifest.json)."""

    def __init__(self, directory: Path, batch_size: int = 64) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.dir = Path(directory)
        self.manifest: dict[str, Any] = json.loads((self.dir / MANIFEST).read_text("utf-8"))
        self.batch_size = batch_size
        self.inputs: list[str] = list(self.manifest["inputs"])
        self.tokenizer = Tokenizer.from_file(str(self.dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.tokenizer.enable_truncation(max_length=int(self.manifest["max_seq_length"]))
        self.tokenizer.enable_padding(
            pad_id=int(self.manifest["pad_id"]), pad_token=str(self.manifest["pad_token"])
        )
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = os.cpu_count() or 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # No busy-waiting between operators: on a small shared machine spinning threads took
        # CPU from everything else (and from each other) for no gain.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(self.dir / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )

    @classmethod
    def open(cls, directory: Path, batch_size: int = 64) -> OnnxEncoder | None:
        """The encoder, or None when there is no complete export in `directory`."""
        if not (Path(directory) / MANIFEST).is_file():
            return None
        try:
            return cls(directory, batch_size)
        except Exception:  # a damaged export: fall back to the torch path
            return None

    @property
    def dim(self) -> int:
        return int(self.manifest["dim"])

    def tokenize(self, texts: list[str]) -> dict[str, np.ndarray]:
        encs = self.tokenizer.encode_batch(texts)
        arrays = {
            "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
        }
        return {k: arrays[k] for k in self.inputs}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embeddings in input order; batches are formed over texts sorted by length so that
        little padding is computed (as sentence-transformers does)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            (vectors,) = self.session.run(None, self.tokenize([texts[i] for i in idx]))
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            out[idx] = vectors / np.maximum(norms, 1e-12)
        return out
