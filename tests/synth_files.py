"""Small generated verslagen on disk, for tests that need many files whose truth is known."""

from __future__ import annotations

import dataclasses
from pathlib import Path


def synth(outdir: Path, count: int, seed: int, per_section: int = 3) -> list[Path]:
    """`count` small generated verslagen named `synth-<roman>.<fmt>`: two folders made with
    different seeds share file names but hold different verslagen (other dates)."""
    from bench.synth import ALL, Q_OPGAVEN, Q_VISIE, build_verslagen, format_cycle, render, roman

    outdir.mkdir(parents=True)
    paths: list[Path] = []
    for v, fmt in zip(build_verslagen(count * 60, seed=seed), format_cycle(ALL), strict=False):
        if len(paths) == count:
            break
        kept = tuple(s for q in (Q_VISIE, Q_OPGAVEN) for s in v.section(q)[:per_section])
        path = outdir / f"synth-{roman(v.number)}.{fmt}"
        path.write_bytes(render(dataclasses.replace(v, statements=kept), fmt))
        paths.append(path)
    return paths
