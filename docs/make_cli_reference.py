"""Write docs/cli.md, the command-line reference, from every command's ``--help``.

    python docs/make_cli_reference.py            # regenerate docs/cli.md
    python docs/make_cli_reference.py --check    # exit 1 when docs/cli.md is out of date

tests/test_layout.py runs the check, so a new command or option fails the suite until the
reference is regenerated (as sqlite-utils does with cog).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent / "cli.md"
WIDTH = "100"  # argparse wraps to $COLUMNS: fixed, so the text doesn't depend on the terminal


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public way to list sub-commands
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def render() -> str:
    """The reference as Markdown: ``trendwatch --help``, then each command's ``--help``."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        from trendwatch.cli import build_parser

        parser, _ = build_parser()
        parts = [
            "# Command-line reference",
            "",
            "Generated from `--help` by `python docs/make_cli_reference.py`; do not edit by hand",
            "(tests/test_layout.py fails when this file is out of date).",
            "",
            "## trendwatch",
            "",
            "```text",
            parser.format_help().rstrip(),
            "```",
        ]
        for name, sub in sorted(_subparsers(parser).items()):
            parts += ["", f"## trendwatch {name}", "", "```text", sub.format_help().rstrip(), "```"]
        return "\n".join(parts) + "\n"
    finally:
        if old is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = old


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write docs/cli.md from every command's --help.")
    ap.add_argument("--check", action="store_true", help="exit 1 when docs/cli.md is out of date")
    args = ap.parse_args(argv)
    text = render()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != text:
            print(f"{TARGET} is out of date: run `python docs/make_cli_reference.py`.", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
