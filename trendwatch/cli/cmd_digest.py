"""`trendwatch digest`: the week's emerging topics and content ideas, saved in the store and printed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "digest"
HELP = "build the weekly digest of emerging topics and content ideas (md, html or json)"
EXAMPLE = "trendwatch --config trendwatch.toml digest --week 2022-W08 --format html --out digest.html"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--week",
        metavar="YYYY-Www",
        help="ISO week to report on (default: the last complete week in [digest] timezone)",
    )
    p.add_argument("--format", choices=("md", "html", "json"), default="md", help="default: md")
    p.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help=(
            "write to this file, or into this folder as digest-<week>.<ext> with its "
            "calendar-<week>.ics/.csv (default: stdout)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    from trendwatch.cli.common import settings
    from trendwatch.digest import make_digest, render
    from trendwatch.errors import DigestError
    from trendwatch.publish_week import calendar_beside
    from trendwatch.safe_text import strip_controls

    s = settings(args)
    digest = make_digest(s, args.week)
    text = render(digest, args.format)
    if args.out is None:
        sys.stdout.write(strip_controls(text))  # feed text must not drive the terminal
        return 0
    out: Path = args.out
    into_folder = out.is_dir()
    if into_folder:
        out = out / f"digest-{digest.week}.{args.format}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise DigestError(f"can't write the digest to {out}: {e}. Check the path and its permissions.") from e
    ideas = sum(len(t.ideas) for t in digest.topics)
    print(f"digest {digest.week}: {len(digest.topics)} topic(s), {ideas} idea(s) -> {out}", file=sys.stderr)
    if into_folder and ideas:  # a digest written into a folder gets its content calendar beside it
        calendar = calendar_beside(s, digest.week, out.parent)
        print(f"calendar {digest.week} -> {', '.join(str(p) for p in calendar.values())}", file=sys.stderr)
    return 0
