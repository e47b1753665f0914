"""The installed command as a user runs it: from any directory, with one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "raadpleeg"


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RAADPLEEG_")}
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        env={**environ, "HF_HUB_OFFLINE": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_installed_command_works_from_another_directory(tmp_path: Path) -> None:
    """The taxonomy, word lists and sample record come from the package, not the cwd."""
    assert SCRIPT.is_file(), "the console script is installed in the venv"
    ingest = run(tmp_path, "ingest")
    assert ingest.returncode == 0, ingest.stderr
    assert (tmp_path / ".raadpleeg").is_dir()
    rows = json.loads(run(tmp_path, "verslagen", "--json").stdout)
    assert [r["number"] for r in rows] == [1, 2]
    ask = run(tmp_path, "ask", "Wat zei Humanitas over de sociale teams?", "--json")
    assert json.loads(ask.stdout)["found"] is True


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"RAADPLEEG_OPGAVEN": "/nonexistent/opgaven.toml"}, "/nonexistent/opgaven.toml"),
        ({"RAADPLEEG_SYNONYMS": "{broken}"}, "{broken}"),
        ({"RAADPLEEG_K": "0"}, "RAADPLEEG_K"),
        ({"RAADPLEEG_K": "abc"}, "RAADPLEEG_K"),
        ({"RAADPLEEG_LLM": "bogus"}, "RAADPLEEG_LLM"),
        ({"RAADPLEEG_CHROMA_PORT": "99999"}, "RAADPLEEG_CHROMA_PORT"),
    ],
)
def test_bad_configuration_is_one_line_naming_it(
    env: dict[str, str], named: str, corpus_store: Path, tmp_path: Path, cli, monkeypatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if "{broken}" in env.values():
        broken = tmp_path / "synoniemen.toml"
        broken.write_text("groups = [[", encoding="utf-8")
        monkeypatch.setenv("RAADPLEEG_SYNONYMS", str(broken))
        named = str(broken)
    out = cli("ask", "Wat zei Humanitas over armoede?", "--store", corpus_store)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and named in out.stderr, out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("k", ["0", "-1", "abc", "101"])
def test_k_out_of_range_is_refused(k: str, corpus_store: Path, cli) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("ask", "vraag", "--k", k, "--store", corpus_store)
    assert exc.value.code == 2


def test_overview_to_an_unwritable_place_is_one_line(corpus_store: Path, cli) -> None:
    out = cli("overview", "--out", "/proc/raadpleeg-x", "--store", corpus_store)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr


def test_config_says_where_each_setting_came_from(cli, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RAADPLEEG_K", "4")
    rows = {r["env"]: r for r in json.loads(cli("config", "--json", "--store", tmp_path).stdout)}
    assert rows["RAADPLEEG_K"]["value"] == "4" and rows["RAADPLEEG_K"]["source"] == "environment"
    assert rows["RAADPLEEG_STORE"]["source"] == "argument"
    assert rows["RAADPLEEG_LLM"]["source"] == "default"
    assert all(r["description"] for r in rows.values())
    assert {r["group"] for r in rows.values()} == {
        "storage", "data", "embedding", "retrieval", "llm", "web"
    }  # fmt: skip
