"""In-process measurements for bench/run.py, each run in its own process (so one's imports and
caches never flatter another's) and printing one JSON object:

    python bench/workers.py warm STORE        # warm query latency, extractive answers
    python bench/workers.py add STORE FILE    # add one verslag to an existing store
    python bench/workers.py eval STORE        # raadpleeg vs the naive baseline on eval/
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.runtime import Runtime

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)  # settings' data paths are relative to the project

WARMUP = 5
EVAL_SETS = ("eval/questions.toml", "eval/heldout.toml")


def _runtime(store: str) -> Runtime:
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    return Runtime(Settings(store=Path(store)))


def queries() -> list[str]:
    """~100 varied questions: the tuned and held-out evaluation sets (organisation,
    opgave, verslag, English, no-answer, paraphrase)."""
    from assistant.evaluation import load_questions

    return [q.question for name in EVAL_SETS for q in load_questions(ROOT / name)]


def warm(store: str) -> dict:
    """Latency of `Assistant.ask` once the process is warm (model, catalogue, vocabulary)."""
    rt = _runtime(store)
    qs = queries()
    for q in qs[:WARMUP]:
        rt.assistant.ask(q)
    times = []
    for q in qs:
        t = time.perf_counter()
        rt.assistant.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "max_ms": times[-1],
        "statements": len(rt.index.catalogue.statements),
    }


def add(store: str, file: str) -> dict:
    """Ingest one new verslag into an open store (as the app's upload does) and count what
    was embedded: only the new verslag's statements may be."""
    rt = _runtime(store)
    before = rt.index.chroma.count()
    before_ids = {s.id for s in rt.index.catalogue.statements}
    t = time.perf_counter()
    reports = rt.ingest([Path(file)])
    seconds = time.perf_counter() - t
    after_ids = {s.id for s in rt.index.catalogue.statements}
    (report,) = reports
    return {
        "status": report.status,
        "statements": report.statements,
        "seconds": seconds,
        "embedded": rt.embedder.passages_embedded,
        "before": before,
        "after": rt.index.chroma.count(),
        "kept_all": before_ids <= after_ids,
        "view_matches_store": len(after_ids) == rt.index.chroma.count(),
    }


def evaluation(store: str) -> dict:
    """raadpleeg (on STORE, the sample record) and the naive baseline on both sets."""
    from assistant.evaluation import evaluate, load_questions, system_of
    from bench.baseline import NaiveRAG

    rt = _runtime(store)
    files = sorted((ROOT / "ingest" / "data" / "verslagen").iterdir())
    naive = NaiveRAG(files, rt.embedder)
    out = {}
    try:
        for name in EVAL_SETS:
            qs = load_questions(ROOT / name)
            for label, system in (("raadpleeg", system_of(rt.assistant)), ("naive", naive.outcome)):
                r = evaluate(label, system, qs)
                out[f"{Path(name).stem}/{label}"] = {
                    k: v for k, v in r.__dict__.items() if k != "per_question"
                } | {"questions": len(qs)}
    finally:
        naive.close()
    return out


def main(argv: list[str]) -> int:
    cmd, *args = argv
    fn = {"warm": warm, "add": add, "eval": evaluation}[cmd]
    print(json.dumps(fn(*args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
