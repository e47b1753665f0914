"""The `raadpleeg` command line: a thin adapter over the runtime (see DESIGN.md's contract)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from assistant.answering.vocabulary import resolve_organisation
from assistant.settings import Settings
from vectorstore.search import Filters


def _overrides(args: argparse.Namespace) -> dict[str, object]:
    """Settings given on the command line (they win over the environment)."""
    return {"store": Path(args.store)} if getattr(args, "store", None) else {}


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(**_overrides(args))


def _count(text: str) -> int:
    """An argparse type: a whole number of statements, 1..100."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= n <= 100:
        raise argparse.ArgumentTypeError(f"{n} is out of range (1 to 100)")
    return n


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    settings = _settings(args)
    rt = Runtime(settings)
    paths = [Path(p) for p in args.paths] or [rt.sample_record]
    reports = rt.ingest(paths)
    if args.json:
        _print_json([r.__dict__ for r in reports])
    else:
        for r in reports:
            print(r.line())
        failed = sum(not r.ok for r in reports)
        total = len(rt.index.statements())
        print(
            f"{len(reports) - failed} of {len(reports)} files ingested; store holds "
            f"{len(rt.index.verslagen())} verslagen, {total} statements ({settings.store})"
        )
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
    "attribution", "opgaven", "opgave_reasons",
)  # fmt: skip


def cmd_statements(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    rt = Runtime(_settings(args))
    vid = None
    if args.verslag:
        from assistant.answering.gesprekken import resolve_verslag

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


def _cli_filters(args: argparse.Namespace, rt: object) -> Filters | None:
    """Filters from --organisation/--opgave/--verslag, resolved against the store."""
    from assistant.answering.gesprekken import resolve_verslag
    from vectorstore.search import Filters

    orgs: tuple[str, ...] = ()
    opgaven: tuple[str, ...] = ()
    verslagen: tuple[str, ...] = ()
    assistant = rt.assistant  # type: ignore[attr-defined]
    if args.organisation:
        orgs = (resolve_organisation(args.organisation, assistant.vocabulary),)
    if args.opgave:
        found = assistant.taxonomy.find(args.opgave)
        if found is None:
            names = ", ".join(assistant.taxonomy.names)
            raise SystemExit(f"unknown opgave {args.opgave!r}; known: {names}")
        opgaven = (found.name,)
    if args.verslag:
        vid = resolve_verslag(args.verslag, rt.index.verslagen())  # type: ignore[attr-defined]
        if vid is None:
            raise SystemExit(f"unknown verslag {args.verslag!r}")
        verslagen = (vid,)
    f = Filters(verslag_ids=verslagen, organisations=orgs, opgaven=opgaven)
    return f if f else None


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    rt = Runtime(_settings(args))
    if not rt.index.statements():
        print("the store is empty: run `raadpleeg ingest` first", file=sys.stderr)
        return 2
    filters = _cli_filters(args, rt)
    if args.question == "-":
        for line in sys.stdin:
            if line.strip():
                answer = rt.assistant.ask(line.strip(), filters=filters, k=args.k)
                print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        return 0
    answer = rt.assistant.ask(args.question, filters=filters, k=args.k)
    if args.json:
        _print_json(answer.to_json())
        return 0
    if answer.notice:
        print(f"[{answer.notice}]")
    print(answer.text)
    if answer.citations:
        print()
        for c in answer.citations:
            source = c.statement_id or f"rij {c.row!r} van verslag {c.verslag_id}"
            print(f"[{c.n}] {c.who}, {c.where}, {c.section} ({source})")
    for w in answer.warnings:
        print(f"waarschuwing: {w}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation import DEFAULT_SETS, run_sets, table
    from assistant.evaluation_tags import DEFAULT_LABELS, tag_report_for

    paths = [Path(p) for p in args.questions] if args.questions else None
    paths = paths or [Path(p) for p in DEFAULT_SETS if Path(p).exists()]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"raadpleeg: {missing[0]}: no such question set", file=sys.stderr)
        return 2
    store = Path(args.store) if args.store else None
    settings = _settings(args)
    results = run_sets(paths, settings, store, baseline=args.baseline)
    labels = Path(args.tags) if args.tags else None
    if labels is None and not args.questions and DEFAULT_LABELS.is_file():
        labels = DEFAULT_LABELS
    tags = tag_report_for(settings, labels) if labels else None
    if args.json:
        out = {r.name: {**r.__dict__, "questions": n} for _, n, r in results}
        _print_json({**out, "tags": tags.__dict__ if tags else None} if tags else out)
        return 0
    for path, n in dict.fromkeys((p, n) for p, n, _ in results):
        print(f"{path.stem}: {n} questions ({path})")
    print(table([r for _, _, r in results]))
    if tags:
        print(tags.line() + f" ({labels})")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from assistant.reports.export import FORMATS, write_summary
    from assistant.reports.summaries import ScopeError, resolve_scope, summarize
    from assistant.runtime import Runtime

    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in FORMATS:
        print(f"--out {out}: kies een bestand op .md of .docx", file=sys.stderr)
        return 2
    rt = Runtime(_settings(args))
    if not rt.index.statements():
        print("the store is empty: run `raadpleeg ingest` first", file=sys.stderr)
        return 2
    try:
        scope = resolve_scope(
            rt.index,
            rt.taxonomy,
            verslag=args.verslag,
            organisation=args.organisation,
            opgave=args.opgave,
        )
    except ScopeError as exc:
        print(exc, file=sys.stderr)
        return 2
    llm = rt.composer.complete if rt.composer is not None else None
    summary = summarize(rt.index, rt.taxonomy, scope, llm, embed=rt.embedder.embed_passages)
    for w in summary.warnings:
        print(f"waarschuwing: {w}", file=sys.stderr)
    if out is None:
        print(summary.markdown(), end="")
    else:
        write_summary(summary, out)
        print(f"samenvatting geschreven: {out} ({len(summary.citations)} bronnen)")
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    from assistant.reports.briefing import write_briefing
    from assistant.reports.overview import build_overview, write_overview
    from assistant.runtime import Runtime

    rt = Runtime(_settings(args))
    if not rt.index.statements():
        print("the store is empty: run `raadpleeg ingest` first", file=sys.stderr)
        return 2
    overview = build_overview(rt.index, rt.taxonomy)
    md, png = write_overview(overview, Path(args.out))
    docx = write_briefing(overview, rt.index, Path(args.out) / "briefing.docx")
    print(md.read_text(encoding="utf-8"), end="")
    print(f"overzicht geschreven: {md}, {png}, {docx}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime
    from vectorstore.check import check_store

    rt = Runtime(_settings(args))
    report = check_store(rt.index, repair=args.repair)
    for line in report.problems:
        print(f"problem: {line}")
    for line in report.fixed:
        print(f"fixed: {line}")
    state = "consistent" if report.ok else "found problems"
    print(
        f"store {rt.settings.store}: {state}; {report.verslagen} verslagen, "
        f"{report.statements} statements"
    )
    return 0 if report.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.runtime import Runtime

    settings = _settings(args)
    try:
        settings.web.auth_pairs()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    from assistant.web.serve import serve

    host = args.host or settings.web.host
    port = args.port or settings.web.port
    return serve(Runtime(settings), host=host, port=port, ingest_first=args.ingest_if_empty)


def cmd_config(args: argparse.Namespace) -> int:
    from assistant.settings import describe

    rows = describe(_settings(args), set(_overrides(args)))
    if args.json:
        _print_json(rows)
        return 0
    group = None
    for r in rows:
        if r["group"] != group:
            group = r["group"]
            print(f"[{group}]")
        print(f"  {r['env']:<30} = {r['value']:<40} ({r['source']})  {r['description']}")
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

    p = add("ingest", "ingest verslagen (files or folders; default: the sample record)")
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

    p = add("ask", "ask a question; '-' reads one question per stdin line (JSON lines out)")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--k", type=_count, default=None, help="statements to retrieve (1-100)")
    p.add_argument("--organisation", help="only statements of this organisation")
    p.add_argument("--opgave", help="only statements tagged with this opgave")
    p.add_argument("--verslag", help="only this verslag (id, number or file name)")
    p.set_defaults(func=cmd_ask)

    p = add("eval", "evaluation: recall@5, MRR, precision, no-answer, structured, follow-ups, tags")
    p.add_argument(
        "--questions",
        action="append",
        help="a question set (repeatable; default: the tuned, held-out and blind sets)",
    )
    p.add_argument(
        "--tags",
        default=None,
        help="blind opgave labels to score tagging on (default with no --questions: "
        "eval/tags_blind.toml when present)",
    )
    p.add_argument(
        "--baseline", action="store_true", help="also score the naive RAG baseline (bench/)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = add("summary", "a cited draft summary of one verslag, organisation or opgave (Dutch)")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--verslag", help="verslag id, number (2 or II) or file name")
    scope.add_argument("--organisation", help="organisation (fuzzy: 'westerbroek')")
    scope.add_argument("--opgave", help="opgave or theme from the taxonomy")
    p.add_argument("--out", help="write to FILE.md or FILE.docx instead of printing Markdown")
    p.set_defaults(func=cmd_summary)

    p = add("overview", "onboarding overview: conversations, points, opgave x organisation map")
    p.add_argument(
        "--out", default="overzicht", help="directory for overview.md, heatmap.png, briefing.docx"
    )
    p.set_defaults(func=cmd_overview)

    p = add("check", "verify the lexical index and catalogue against Chroma; rebuild them")
    p.add_argument(
        "--repair",
        action="store_true",
        help="also remove leftovers of interrupted ingests (orphan statements, old versions)",
    )
    p.set_defaults(func=cmd_check)

    p = add("serve", "the chat in the browser (Gradio); login when RAADPLEEG_AUTH is set")
    p.add_argument("--host", help="address to bind (default 127.0.0.1 or $RAADPLEEG_HOST)")
    p.add_argument("--port", type=int, help="port (default 7860 or $RAADPLEEG_PORT)")
    p.add_argument(
        "--ingest-if-empty",
        action="store_true",
        help="ingest the sample record first when the store is empty",
    )
    p.set_defaults(func=cmd_serve)

    p = add("config", "print the effective settings and where each came from")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_config)
    return parser


def _setting_error(exc: ValidationError) -> str:
    """A pydantic error as one line naming the environment variable."""
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else exc.title
    value = err.get("input")
    return f"invalid setting RAADPLEEG_{field.upper()}={value!r}: {err['msg']}"


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure a user can cause ends in one line on stderr and exit
    code 2 (bad settings, arguments, store, configured files); never a traceback."""
    import logging

    from ingest.errors import ConfigError, IngestError
    from vectorstore.lock import StoreBusy
    from vectorstore.store import EmbedderMismatch, StoreDamaged, StoreUnavailable

    args = build_parser().parse_args(argv)
    # The store's one-line notices (a damaged cache rebuilt, waiting for another writer).
    store_log = logging.getLogger("raadpleeg.store")
    if not store_log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("raadpleeg: %(message)s"))
        store_log.addHandler(handler)
        store_log.propagate = False
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print(f"raadpleeg: {_setting_error(exc)}", file=sys.stderr)
    except (
        StoreUnavailable, EmbedderMismatch, StoreDamaged, StoreBusy, ConfigError, IngestError
    ) as exc:  # fmt: skip
        print(f"raadpleeg: {exc}", file=sys.stderr)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"raadpleeg:{where} {exc.strerror or exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("raadpleeg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: a user never sees a traceback
        print(f"raadpleeg: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
