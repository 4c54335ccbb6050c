"""The ``trendwatch`` command line: one module per command, ``trendwatch/cli/cmd_<name>.py``.

Each command module defines ``NAME``, ``HELP``, ``EXAMPLE``, ``configure(parser)`` and
``run(args) -> int`` and keeps heavy imports inside ``run`` so that start-up stays fast.
Library errors (:class:`~trendwatch.errors.TrendwatchError`) become a one-line message and
their ``exit_code`` here, at one boundary.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from trendwatch import __version__
from trendwatch.config import default_config_path
from trendwatch.errors import TrendwatchError

EXIT_OK = 0
EXIT_USAGE = 2  # bad arguments, bad config, or any trendwatch error
EXIT_PARTIAL = 3  # ingest: some feeds failed, the others were stored
EXIT_ALERT = 4  # alerts: a crisis alert is open
EXIT_BUSY = 75  # the store is held by another run


def commands() -> dict[str, ModuleType]:
    """Command modules found beside this file, by command name."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            found[module.NAME] = module
    return found


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(
        prog="trendwatch",
        description="Weekly trend watch for community managers: feeds and Google Trends into "
        "DuckDB, emerging topics, a digest of content ideas.",
        epilog="Exit status: 0 ok; 2 usage or configuration error; 3 ingest stored what it could "
        "but some feeds failed; 4 an alert is open (alerts); 75 the store is busy.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help=f"config file (default: $TRENDWATCH_CONFIG or ./{default_config_path().name})",
    )
    parser.add_argument("--version", action="version", version=f"trendwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    mods = commands()
    for name, module in mods.items():
        p = sub.add_parser(
            name,
            help=module.HELP,
            description=f"{module.HELP}\n\nExample:\n  {module.EXAMPLE}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(p)
    return parser, mods


def main(argv: Sequence[str] | None = None) -> int:
    parser, mods = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    if args.config is None:
        args.config = default_config_path()
    try:
        return int(mods[args.command].run(args))
    except TrendwatchError as e:
        print(f"trendwatch {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"trendwatch {args.command}: interrupted; what was committed is kept.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
