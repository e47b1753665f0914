"""The `raadpleeg` command line: a thin adapter over the runtime (see DESIGN.md's contract)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "store", None):
        overrides["store"] = Path(args.store)
    return Settings(**overrides)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    settings = _settings(args)
    rt = Runtime(settings)
    paths = [Path(p) for p in args.paths] or [settings.data_dir]
    reports = rt.ingest(paths)
    if args.json:
        _print_json([r.__dict__ for r in reports])
    else:
        for r in reports:
            print(r.line())
        failed = sum(not r.ok for r in reports)
        total = len(rt.index.statements())
        print(f"{len(reports) - failed} of {len(reports)} files ingested; store holds "
              f"{len(rt.index.verslagen())} verslagen, {total} statements ({settings.store})")
    if not reports:
        print("no files found to ingest", file=sys.stderr)
        return 1
    return 1 if any(not r.ok for r in reports) else 0


def cmd_verslagen(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    rt = Runtime(_settings(args))
    rows = [v.meta_dict() for v in rt.index.verslagen()]
    if args.json:
        _print_json(rows)
    else:
        for v in rows:
            people = ", ".join(a["name"] for a in v["attendees"])
            print(f"{v['id']}  gesprek {v['number']}  {v['date']}  {v['source']}  ({people})")
    return 0


STATEMENT_FIELDS = (
    "id", "verslag_id", "section", "text", "speaker", "organisation", "persons",
    "attribution", "opgaven",
)  # fmt: skip


def cmd_statements(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    rt = Runtime(_settings(args))
    vid = None
    if args.verslag:
        from assistant.query import resolve_verslag

        vid = resolve_verslag(args.verslag, rt.index.verslagen())
        if vid is None:
            print(f"unknown verslag {args.verslag!r}", file=sys.stderr)
            return 2
    rows = [
        {k: v for k, v in s.to_dict().items() if k in STATEMENT_FIELDS}
        for s in rt.index.statements(vid)
    ]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            who = r["organisation"] or r["speaker"] or "-"
            print(f"{r['id']}  [{r['attribution']}] {who}: {r['text']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="raadpleeg", description="Ask the consultation record (verslagen) with citations."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--store", help="store directory (default: $RAADPLEEG_STORE or .raadpleeg)")
        return p

    p = add("ingest", "ingest verslagen (files or folders; default data/verslagen)")
    p.add_argument("paths", nargs="*")
    p.add_argument("--json", action="store_true", help="print the per-file report as JSON")
    p.set_defaults(func=cmd_ingest)

    p = add("verslagen", "list the ingested verslagen")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verslagen)

    p = add("statements", "list statements")
    p.add_argument("--json", action="store_true")
    p.add_argument("--verslag", help="verslag id, number (2 or II) or file name")
    p.set_defaults(func=cmd_statements)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
