"""Check the ONNX encoder against the sentence-transformers (torch) path.

    python bench/check_onnx.py [--cache DIR] [--n 50]

Encodes `n` sentences (statements of the sample record, then eval questions) both ways and
prints the lowest cosine and whether token ids agree, as JSON. Exports the model first when
the cache holds no export. The ONNX path is only worth having if it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def sentences(n: int) -> list[str]:
    """Real statements (verbatim, long and short) then questions, `n` in all."""
    from ingest.pipeline import parse_file

    out = [
        s.text
        for f in sorted((ROOT / "ingest" / "data" / "verslagen").iterdir())
        for s in parse_file(f).statements
    ]
    for name in ("questions.toml", "heldout.toml"):
        data = tomllib.loads((ROOT / "eval" / name).read_text("utf-8"))
        out += [q["question"] for q in data["question"]]
    return out[:n]


def check(cache: Path, n: int) -> dict:
    from vectorstore.embedder import Embedder
    from vectorstore.onnx_encoder import OnnxEncoder

    emb = Embedder(onnx_cache=cache)
    target = emb.onnx_dir
    assert target is not None
    export_s = None
    if OnnxEncoder.open(target) is None:
        t = time.perf_counter()
        emb.export_onnx(target)
        export_s = time.perf_counter() - t
    onnx = OnnxEncoder.open(target)
    assert onnx is not None
    texts = sentences(n)
    want = emb._encode_torch(texts)
    got = onnx.encode(texts)
    cos = np.sum(want * got, axis=1)
    st = emb.model
    prepare = getattr(st, "preprocess", None) or st.tokenize
    same_ids = all(
        prepare([t])["input_ids"][0].tolist() == onnx.tokenizer.encode(t).ids for t in texts
    )
    return {
        "sentences": len(texts),
        "min_cosine": float(cos.min()),
        "mean_cosine": float(cos.mean()),
        "token_ids_equal": same_ids,
        "export_seconds": export_s,
        "export_dir": str(target),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--n", type=int, default=50)
    args = ap.parse_args()
    from vectorstore.onnx_encoder import default_cache_dir

    result = check(args.cache or default_cache_dir(), args.n)
    print(json.dumps(result))
    return 0 if result["min_cosine"] >= 0.9999 and result["token_ids_equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
