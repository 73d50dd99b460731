"""`python -m demos validate|check|play|transcript|list|export-json ...` (see demos/README.md)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path
from typing import List, Optional

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from demos.script import (  # noqa: E402
    SCRIPTS_DIR,
    Script,
    ScriptError,
    discover,
    load_script,
    validate,
)

DEFAULT_JSON = Path(__file__).resolve().parent.parent / "widget" / "dist" / "demos.json"


def resolve(name: str) -> Path:
    """A script by path, or by name in demos/scripts/ (`verjaardag` -> verjaardag.yml)."""
    path = Path(name)
    if path.exists():
        return path
    shipped = SCRIPTS_DIR / f"{name}.yml"
    if shipped.exists():
        return shipped
    raise SystemExit(f"No script '{name}': give a file or one of: "
                     + ", ".join(p.stem for p in discover()))


def _load_all(names: List[str]) -> List[Script]:
    paths = discover([str(resolve(n)) for n in names] if names else [])
    scripts, problems = [], []
    for path in paths:
        try:
            scripts.append(load_script(path))
        except ScriptError as error:
            problems += error.problems
    if problems:
        print("\n".join(str(p) for p in problems), file=sys.stderr)
        raise SystemExit(1)
    return scripts


def _backend(url: Optional[str]):
    from demos.runner import InProcess, Rest

    if url:
        return Rest(url)
    print("Loading the trained model (about half a minute) ...", file=sys.stderr)
    return InProcess()


def cmd_validate(args) -> int:
    paths = discover([str(resolve(n)) for n in args.scripts])
    problems = [p for path in paths for p in validate(path)]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"ok: {len(paths)} script(s) valid")
    return 1 if problems else 0


def cmd_list(_args) -> int:
    for script in _load_all([]):
        print(f"{script.id:<18} {script.title}  ({script.audience})")
    return 0


def cmd_check(args) -> int:
    from demos.check import check_script

    scripts = _load_all(args.scripts)
    failures = []
    with _backend(args.url) as backend:
        for script in scripts:
            found = check_script(script, backend)
            print(f"{'FAIL' if found else 'ok  '} {script.path}")
            failures += found
    for failure in failures:
        print(f"\n{failure}")
    print(f"\n{len(scripts)} script(s), {len(failures)} failed expectation(s)")
    return 1 if failures else 0


def cmd_play(args) -> int:
    from demos.play import Player

    script = _load_all([args.script])[0]
    pace = "step" if args.step else "instant" if args.instant else "typing"
    with _backend(args.url) as backend:
        finished = Player(pace=pace, notes=not args.no_notes, cps=args.speed).play(script, backend)
    return 0 if finished else 1


def cmd_transcript(args) -> int:
    from demos.check import run_script
    from demos.transcript import to_html, to_markdown

    script = _load_all([args.script])[0]
    with _backend(args.url) as backend:
        turns = run_script(script, backend)
    render = to_html if args.html else to_markdown
    document = render(script, turns, notes=args.notes)
    if args.out:
        Path(args.out).write_text(document, encoding="utf-8")
        print(f"written: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(document)
    return 0


def cmd_export_json(args) -> int:
    scripts = _load_all(args.scripts)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"demos": [s.as_dict() for s in scripts]}, ensure_ascii=False,
                              indent=1), encoding="utf-8")
    print(f"written: {out} ({len(scripts)} demos)")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m demos", description="Scripted demos for facilitators.")
    sub = main.add_subparsers(dest="command", required=True)
    url_help = "a running assistant (e.g. http://localhost:5005); default: the trained model in-process"

    p = sub.add_parser("validate", help="check the format of scripts; points at the line of a mistake")
    p.add_argument("scripts", nargs="*", help="files, folders or shipped names (default: all shipped)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("list", help="the shipped scripts")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("check", help="run every expectation against the assistant")
    p.add_argument("scripts", nargs="*", help="files, folders or shipped names (default: all shipped)")
    p.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("play", help="play a script in the terminal")
    p.add_argument("script", help="a file or a shipped name, e.g. verjaardag")
    p.add_argument("--url", help=url_help)
    pace = p.add_mutually_exclusive_group()
    pace.add_argument("--step", action="store_true", help="wait for Enter before every step")
    pace.add_argument("--instant", action="store_true", help="no typing effect")
    p.add_argument("--speed", type=float, default=28.0, help="typing speed in characters per second")
    p.add_argument("--no-notes", action="store_true", help="hide facilitator notes (projected terminal)")
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("transcript", help="play a script and write a Markdown or HTML handout")
    p.add_argument("script")
    p.add_argument("--url", help=url_help)
    p.add_argument("--html", action="store_true", help="HTML instead of Markdown")
    p.add_argument("--notes", action="store_true", help="include the facilitator notes")
    p.add_argument("-o", "--out", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_transcript)

    p = sub.add_parser("export-json", help="the scripts as JSON for the browser player")
    p.add_argument("scripts", nargs="*")
    p.add_argument("-o", "--out", default=str(DEFAULT_JSON))
    p.set_defaults(func=cmd_export_json)
    return main


def main(argv: Optional[List[str]] = None) -> int:
    warnings.filterwarnings("ignore")
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
