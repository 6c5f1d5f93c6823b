"""`shkc-advisor` — a thin command line over the library.

    shkc-advisor index [PATH ...] [--rebuild]
    shkc-advisor ask "QUESTION" [--json]      |  ask --batch IN.jsonl --out OUT.jsonl
    shkc-advisor serve [--host H] [--port P]
    shkc-advisor eval DATASET [--out DIR] [--generator NAME] [--retriever MODE] [--compare]
    shkc-advisor feedback export [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import AdvisorError


def _settings(args: argparse.Namespace) -> Any:
    from .settings import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "generator", None):
        overrides["generator"] = args.generator
    return Settings.load(**overrides)


def _progress() -> Any:
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(name: str, done: int, total: int) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", desc="indexing", file=sys.stderr)
        b = bar["bar"]
        b.n = done
        b.set_postfix_str(name[-30:])
        b.refresh()
        if done >= total:
            b.close()

    return update


def cmd_index(args: argparse.Namespace) -> int:
    from .advisor import Advisor

    advisor = Advisor(_settings(args))
    report = advisor.index(args.paths or None, rebuild=args.rebuild, progress=_progress())
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(report.summary())
        for path, reason in report.failed.items():
            print(f"  failed: {path}: {reason}", file=sys.stderr)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .advisor import Advisor

    advisor = Advisor(_settings(args))
    if args.batch:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
        try:
            with open(args.batch, encoding="utf-8") as f:
                for line_no, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    try:
                        data = advisor.ask(row["question"], row.get("history")).to_json()
                    except AdvisorError as exc:
                        data = {"question": row.get("question"), "error": str(exc)}
                    out.write(json.dumps({"id": row.get("id", line_no), **data}, ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
        return 0
    if not args.question:
        raise AdvisorError("give a question, or --batch IN.jsonl")
    answer = advisor.ask(args.question)
    if args.json:
        print(answer.dumps())
        return 0
    print(answer.text)
    for c in answer.citations:
        print(f"\n[{c.n}] {c.title} — {c.section}\n    “{c.quote}”")
    print(f"\n({answer.mode}, {answer.latency_ms:.0f} ms)", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        from .app import serve
    except ImportError:  # the chat app lands separately; answer on the command line meanwhile
        return _repl(settings)
    serve(settings, host=args.host, port=args.port)
    return 0


def _repl(settings: Any) -> int:
    from .advisor import Advisor

    advisor = Advisor(settings)
    print("shkc-advisor (offline). Ask a question; empty line quits.")
    history: list[dict[str, str]] = []
    for line in sys.stdin:
        if not line.strip():
            break
        try:
            a = advisor.ask(line.strip(), history)
        except AdvisorError as exc:
            print(f"error: {exc}")
            continue
        print(a.text)
        for c in a.citations:
            print(f"  [{c.n}] {c.section}: {c.quote}")
        history += [{"role": "user", "content": line.strip()}, {"role": "assistant", "content": a.text}]
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shkc-advisor", description=__doc__.split("\n\n")[0])
    p.add_argument("--data-dir", help="override SHKC_DATA_DIR")
    sub = p.add_subparsers(dest="command", required=True)

    i = sub.add_parser("index", help="add, update and remove documents in the index")
    i.add_argument("paths", nargs="*", help="files or folders (default: the corpus)")
    i.add_argument("--rebuild", action="store_true", help="drop the index and build it anew")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_index)

    a = sub.add_parser("ask", help="ask a question")
    a.add_argument("question", nargs="?")
    a.add_argument("--json", action="store_true", help="print the JSON contract")
    a.add_argument("--batch", help="JSONL with id and question per line")
    a.add_argument("--out", help="where --batch writes answers (default stdout)")
    a.add_argument("--generator", choices=["auto", "extractive", "openai"])
    a.set_defaults(func=cmd_ask)

    s = sub.add_parser("serve", help="serve the chat and the /v1 API")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.set_defaults(func=cmd_serve)

    try:
        from evals.cli import add_eval_parser  # evals live beside the package in a checkout
    except ImportError:
        pass
    else:
        add_eval_parser(sub)
    try:
        from .feedback import add_feedback_parser
    except ImportError:
        pass
    else:
        add_feedback_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except AdvisorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
