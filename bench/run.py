"""`make bench`: how raadpleeg performs at the sample record and at scale, as Markdown tables.

    python bench/run.py            # BENCH_STATEMENTS=25000 by default
    BENCH_STATEMENTS=5000 python bench/run.py

For the sample record (data/verslagen) and a synthetic record (bench/synth.py, written to a
temporary directory) it measures, each in a fresh process:
- ingest: `raadpleeg ingest` as a subprocess; statements per second of wall time (process
  start included) and the peak RSS of that process (from wait4's rusage);
- cold start: `raadpleeg ask "…" --store X` from process start until the answer is printed,
  median of 3;
- warm query latency: p50/p95 of ~100 varied questions answered in one warm process
  (extractive, no LLM);
- at scale, adding one more verslag to the store: time, and how many texts were embedded;
and, on the sample record, the retrieval evaluation of raadpleeg against a naive LangChain
RAG baseline (bench/baseline.py) on eval/questions.toml and eval/heldout.toml.

BENCH_WORKDIR=DIR keeps the stores (and ingest results) in DIR and reuses them on the next run,
for iterating on the query side without re-ingesting; by default all is in a temporary
directory. The ONNX encoder is exported first into a fresh cache (timed, and checked against
the torch path on 50 sentences); cold start and warm latency are also measured with it
switched off (RAADPLEEG_ONNX_ENCODER=false), which is how every query ran before it existed.
Progress goes to stderr, the tables to stdout.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
QUESTION = "Wat zei Humanitas over armoede?"
COLD_RUNS = 3
TARGETS = {"ingest": ">= 100 st/s", "cold": "<= 5 s", "p50": "<= 50 ms (25k)"}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def base_env(cache: Path, onnx: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        TOKENIZERS_PARALLELISM="false",
        XDG_CACHE_HOME=str(cache),
        RAADPLEEG_LLM="none",
        RAADPLEEG_ONNX_ENCODER="true" if onnx else "false",
        PYTHONPATH=str(ROOT),
    )
    for var in ("CHROMA_HOST", "RAADPLEEG_CHROMA_HOST", "RAADPLEEG_STORE"):
        env.pop(var, None)
    return env


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Run `cmd`; (wall seconds, CPU seconds, peak RSS in MB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd} failed:\n{err.read().decode('utf-8', 'replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, text


def worker(args: list[str], env: dict[str, str]) -> dict:
    _, _, _, text = run_measured([PY, "bench/workers.py", *args], env)
    return json.loads(text.strip().splitlines()[-1])


def ingest(paths: list[Path], store: Path, env: dict[str, str]) -> dict:
    """Ingest into a new store; the result is kept beside it (BENCH_WORKDIR reuses both)."""
    saved = store.with_name(store.name + ".ingest.json")
    if saved.is_file() and store.is_dir():
        return json.loads(saved.read_text())
    shutil.rmtree(store, ignore_errors=True)
    cmd = [PY, "-m", "assistant.cli", "ingest", *map(str, paths), "--store", str(store), "--json"]
    wall, cpu, rss, text = run_measured(cmd, env)
    reports = json.loads(text)
    n = sum(r["statements"] for r in reports if r["status"] != "failed")
    failed = sum(r["status"] == "failed" for r in reports)
    result = {"statements": n, "files": len(reports), "failed": failed, "wall": wall,
              "cpu": cpu, "rss_mb": rss, "rate": n / wall}  # fmt: skip
    saved.write_text(json.dumps(result))
    return result


def cold_start(store: Path, env: dict[str, str]) -> float:
    """Median seconds from process start until the answer's first line is printed."""
    times = []
    for _ in range(COLD_RUNS):
        t = time.perf_counter()
        proc = subprocess.Popen(
            [PY, "-m", "assistant.cli", "ask", QUESTION, "--store", str(store)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        times.append(time.perf_counter() - t)
        proc.communicate()
        if proc.returncode != 0 or not first.strip():
            raise RuntimeError(f"ask failed on {store}")
    return statistics.median(times)


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024**2:.0f} GB"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {mem} RAM, Python {platform.python_version()}, "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )


def fmt(x: float | None, spec: str, unit: str = "") -> str:
    return "—" if x is None else f"{x:{spec}}{unit}"


def main() -> int:
    size = int(os.environ.get("BENCH_STATEMENTS", "25000"))
    started = time.perf_counter()
    info = machine()
    work = os.environ.get("BENCH_WORKDIR")
    if work:
        Path(work).mkdir(parents=True, exist_ok=True)
    with nullcontext(work) if work else tempfile.TemporaryDirectory(prefix="raadpleeg-") as name:
        tmp = Path(name)
        env = base_env(tmp / "xdg")
        torch_env = base_env(tmp / "xdg", onnx=False)

        log("exporting the model to ONNX and checking it against torch on 50 sentences")
        saved = tmp / "onnx-check.json"
        if saved.is_file():  # BENCH_WORKDIR: the export (and its timing) of an earlier run
            check = json.loads(saved.read_text())
        else:
            _, _, _, text = run_measured([PY, "bench/check_onnx.py", "--n", "50"], env)
            check = json.loads(text.strip().splitlines()[-1])
            saved.write_text(json.dumps(check))

        log(f"generating {size} synthetic statements")
        sys.path.insert(0, str(ROOT))
        from bench.synth import generate

        synth_dir = tmp / f"synth-{size}"
        if not (synth_dir / "done").is_file():
            shutil.rmtree(synth_dir, ignore_errors=True)
            generate(synth_dir, size, seed=0)
            (synth_dir / "done").write_text("")
        extra_dir = tmp / "extra"
        shutil.rmtree(extra_dir, ignore_errors=True)
        extra = generate(extra_dir, 40, seed=4242)[0]
        extra = extra.rename(extra_dir / f"bench-extra-verslag{extra.suffix}")

        cols: dict[str, dict] = {}
        for label, source in (
            ("sample", [ROOT / "ingest" / "data" / "verslagen"]),
            ("synth", [synth_dir]),
        ):
            store = tmp / f"store-{label}-{size if label == 'synth' else 'sample'}"
            log(f"{label}: ingest")
            r = ingest(source, store, env)
            log(f"{label}: {r['statements']} statements in {r['wall']:.1f} s")
            r["cold"] = cold_start(store, env)
            r["cold_torch"] = cold_start(store, torch_env)
            log(f"{label}: cold start {r['cold']:.2f} s (torch path {r['cold_torch']:.2f} s)")
            r["warm"] = worker(["warm", str(store)], env)
            r["warm_torch"] = worker(["warm", str(store)], torch_env)
            log(f"{label}: warm p50 {r['warm']['p50_ms']:.1f} ms")
            if label == "synth":  # on a copy: the measured store stays as ingested
                copy = tmp / "store-add"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(store, copy)
                r["add"] = worker(["add", str(copy), str(extra)], env)
                shutil.rmtree(copy, ignore_errors=True)
                log(f"{label}: added one verslag in {r['add']['seconds']:.1f} s")
            else:
                log("evaluation: raadpleeg and the naive baseline")
                r["eval"] = worker(["eval", str(store)], env)
                torch_store = tmp / "store-sample-torch-encoder"
                ingest(source, torch_store, torch_env)
                r["eval_torch"] = worker(["eval", str(torch_store)], torch_env)
            cols[label] = r
    total = time.perf_counter() - started
    print(render(cols, check, info, total))
    from bench.layout_score import layout_table  # parse only: seconds, no store

    print("\n" + layout_table())
    return 0


def render(cols: dict[str, dict], check: dict, info: str, total: float) -> str:
    s, z = cols["sample"], cols["synth"]
    add = z["add"]
    rows = [
        ("statements ingested (files)", f"{s['statements']:,} ({s['files']})",
         f"{z['statements']:,} ({z['files']}, {z['failed']} failed)", ""),
        ("ingest throughput (wall, process start included)",
         f"{s['rate']:.1f} st/s ({s['wall']:.1f} s)", f"{z['rate']:.1f} st/s ({z['wall']:.0f} s)",
         TARGETS["ingest"]),
        ("ingest CPU time per statement", f"{s['cpu'] / s['statements'] * 1000:.0f} ms",
         f"{z['cpu'] / z['statements'] * 1000:.0f} ms", ""),
        ("ingest peak RSS", f"{s['rss_mb']} MB", f"{z['rss_mb']} MB", ""),
        (f"cold start `ask` (median of {COLD_RUNS})", f"{s['cold']:.2f} s", f"{z['cold']:.2f} s",
         TARGETS["cold"]),
        ("cold start, torch path (ONNX off)", f"{s['cold_torch']:.2f} s",
         f"{z['cold_torch']:.2f} s", ""),
        (f"warm query p50 / p95 ({z['warm']['n']} questions)",
         f"{s['warm']['p50_ms']:.1f} / {s['warm']['p95_ms']:.1f} ms",
         f"{z['warm']['p50_ms']:.1f} / {z['warm']['p95_ms']:.1f} ms", TARGETS["p50"]),
        ("warm query p50 / p95, torch path",
         f"{s['warm_torch']['p50_ms']:.1f} / {s['warm_torch']['p95_ms']:.1f} ms",
         f"{z['warm_torch']['p50_ms']:.1f} / {z['warm_torch']['p95_ms']:.1f} ms", ""),
        ("add one verslag to the store", "—",
         f"{add['seconds']:.1f} s; {add['statements']} statements, {add['embedded']} embedded "
         f"({add['before']:,} → {add['after']:,}); others kept: {add['kept_all']}", ""),
    ]  # fmt: skip
    lines = [
        f"Machine: {info}. Whole run {total / 60:.1f} min.",
        f"ONNX encoder: exported in {fmt(check['export_seconds'], '.1f', ' s')}; on "
        f"{check['sentences']} sentences vs torch: min cosine {check['min_cosine']:.7f}, "
        f"token ids equal: {check['token_ids_equal']}.",
        "",
        f"| measure | sample record ({s['statements']} statements) | "
        f"synthetic ({z['statements']:,} statements) | target |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        "| evaluation set | system | recall@5 | MRR | org precision | no-answer acc. |",
        "|---|---|---|---|---|---|",
    ]
    for label, results in (("", s["eval"]), (" (torch encoder)", s["eval_torch"])):
        for key, r in results.items():
            if label and not key.endswith("raadpleeg"):
                continue
            name, system = key.split("/")
            lines.append(
                f"| {name} ({r['questions']}) | {system}{label} | {r['recall_at_5']:.3f} | "
                f"{r['mrr']:.3f} | {r['org_precision']:.3f} | {r['no_answer_accuracy']:.3f} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
