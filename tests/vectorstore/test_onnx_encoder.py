"""The ONNX encoder: exported once from the real (packaged) model, it gives the torch path's
vectors, a query process using it never imports torch or sentence-transformers, and a missing
or damaged export falls back to torch (and is made again)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.pipeline import parse_file
from vectorstore.embedder import PROBES, Embedder

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = "manifest.json"


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return Embedder()  # no cache: always the torch path


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory, torch_embedder: Embedder) -> Path:
    """An encoder cache holding an export (made the way the first ingest makes it)."""
    cache = tmp_path_factory.mktemp("encoders")
    emb = Embedder(onnx_cache=cache)
    emb._model = torch_embedder.model  # share the loaded model: one torch load per module
    emb.embed_query("Wat zei Humanitas?")
    assert emb.onnx_dir is not None and (emb.onnx_dir / MANIFEST).is_file()
    return cache


def test_the_export_gives_the_torch_vectors(cache: Path, torch_embedder: Embedder) -> None:
    texts = [
        s.text
        for f in sorted((ROOT / "ingest" / "data" / "verslagen").iterdir())
        for s in parse_file(f).statements
    ]
    texts += list(PROBES)
    onnx = Embedder(onnx_cache=cache)
    assert onnx.onnx_encoder is not None
    got = onnx.embed_passages(texts)
    want = torch_embedder.embed_passages(texts)
    assert got.shape == want.shape == (len(texts), 384)
    assert float(np.min(np.sum(got * want, axis=1))) >= 0.9999
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert onnx.passages_embedded == len(texts)


def test_a_query_process_never_imports_torch(cache: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from vectorstore.embedder import Embedder; "
        "v = Embedder(onnx_cache=Path(sys.argv[1])).embed_query('Wat zei Humanitas?'); "
        "print(len(v), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(cache)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["384", "False", "False"]


def test_a_damaged_export_falls_back_to_torch_and_is_made_again(
    cache: Path, tmp_path: Path, torch_embedder: Embedder
) -> None:
    (export,) = [p for p in cache.iterdir() if p.is_dir()]
    damaged = tmp_path / "encoders"
    shutil.copytree(export, damaged / export.name)
    (damaged / export.name / "model.onnx").write_bytes(b"not a model")
    emb = Embedder(onnx_cache=damaged)
    assert emb.onnx_encoder is None
    emb._model = torch_embedder.model
    vec = emb.embed_query("armoede")
    assert float(vec @ torch_embedder.embed_query("armoede")) >= 0.9999
    assert Embedder(onnx_cache=damaged).onnx_encoder is not None  # exported again


def test_no_cache_means_torch_only(torch_embedder: Embedder) -> None:
    assert torch_embedder.onnx_dir is None and torch_embedder.onnx_encoder is None
