"""Several processes saving the same catalogue generation at once (the app and a CLI call on
one machine, both rebuilding after another machine wrote to the Chroma server) must all
succeed and leave one loadable snapshot. Model-free and chroma-free: quick."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vectorstore.catalogue import Catalogue

REPO = Path(__file__).resolve().parents[2]

SAVER = """
import sys
from pathlib import Path
from ingest.records import Statement, Verslag
from vectorstore.catalogue import Catalogue

v = Verslag(id="v1", number=1, title="t", date="2019-01-07", source="s.txt", attendees=(), text="x")
s = Statement(id="v1-s000", verslag_id="v1", section="q", position=0, text="armoede en werk",
              speaker=None, organisation=None, persons=(), attribution="none", opgaven=(),
              span=(0, 1))
cat = Catalogue("gen-1", {"v1": v}, [s])
for _ in range(int(sys.argv[2])):
    cat.save(Path(sys.argv[1]))
"""


@pytest.mark.timeout(120)
def test_concurrent_saves_of_one_generation(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(cache), "150"],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=100)
        assert p.returncode == 0, err[-2000:]
    loaded = Catalogue.load(cache, "gen-1")
    assert loaded is not None
    assert [s.id for s in loaded.statements] == ["v1-s000"]
    assert sorted(p.name for p in cache.iterdir()) == ["CURRENT", "gen-1"]  # no leftovers
