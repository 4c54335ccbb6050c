"""The ``trendwatch`` command line: one module per command, ``trendwatch/cli/cmd_<name>.py``.

Each command module defines ``NAME``, ``HELP``, ``EXAMPLE``, ``configure(parser)`` and
``run(args) -> int`` and keeps heavy imports inside ``run`` so that start-up stays fast.
Library errors (:class:`~trendwatch.errors.TrendwatchError`) become a one-line message and
their ``exit_code`` here, at one boundary.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from trendwatch import __version__
from trendwatch.config import default_config_path
from trendwatch.errors import TrendwatchError

EXIT_OK = 0
EXIT_USAGE = 2  # bad arguments, bad config, or any trendwatch error
EXIT_PARTIAL = 3  # ingest: some feeds failed, the others were stored
EXIT_ALERT = 4  # alerts: a crisis alert is open
EXIT_BUSY = 75  # the store is held by another run
EXIT_PIPE = 141  # the reader of the output went away (`| head`), as for any Unix tool


def commands(only: str | None = None) -> dict[str, ModuleType]:
    """Command modules found beside this file, by command name (just ``only`` when it exists:
    a command's start-up then imports no other command)."""
    names = sorted(i.name for i in pkgutil.iter_modules(__path__) if i.name.startswith("cmd_"))
    if only is not None and f"cmd_{only}" in names:
        names = [f"cmd_{only}"]
    found: dict[str, ModuleType] = {}
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        found[module.NAME] = module
    return found


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in argv, if it can be told without parsing (skips --config VALUE)."""
    args = list(argv)
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--config":
            i += 2
            continue
        if a.startswith("-"):
            if a in ("-h", "--help", "--version"):
                return None
            i += 1
            continue
        return a
    return None


def build_parser(only: str | None = None) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
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
    mods = commands(only)
    for name, module in mods.items():
        p = sub.add_parser(
            name,
            help=module.HELP,
            description=f"{module.HELP}\n\nExample:\n  {module.EXAMPLE}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(p)
    return parser, mods


def _store_error(args: argparse.Namespace, e: Exception) -> TrendwatchError:
    from trendwatch.config import load_settings
    from trendwatch.store.db import explain_error

    try:
        path: object = load_settings(args.config).store_path
    except TrendwatchError:
        path = "(see [store] path)"
    return explain_error(e, str(path))


class _StopSignals:
    """SIGTERM and SIGINT become KeyboardInterrupt, so that cleanup runs (the fetch child is
    stopped, the open batch rolled back) and the command ends with 128 + the signal's number
    and one line, never a traceback. Which signal came is kept in ``signum``."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)

    def _handle(self, signum: int, frame: object) -> None:
        first = self.signum is None
        self.signum = signum
        if first:
            raise KeyboardInterrupt

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, mods = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    if args.config is None:
        args.config = default_config_path()
    stop = _StopSignals()
    try:
        return int(mods[args.command].run(args))
    except BrokenPipeError:
        # `trendwatch sql ... | head`: the reader has what it wanted. Python would print a
        # traceback when it flushes stdout at exit: point stdout at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    except (KeyboardInterrupt, Exception) as e:
        if stop.signum is not None or isinstance(e, KeyboardInterrupt):
            # a signal, or an error it caused (DuckDB's "Query interrupted" during a batch write)
            signum = stop.signum or signal.SIGINT
            why = "stopped by SIGTERM" if signum == signal.SIGTERM else "interrupted"
            print(f"trendwatch {args.command}: {why}; what was committed is kept.", file=sys.stderr)
            return 128 + int(signum)
        if not isinstance(e, TrendwatchError) and "duckdb" in type(e).__module__:
            e = _store_error(args, e)  # a damaged or hand-edited store met mid-command
        if isinstance(e, TrendwatchError):
            print(f"trendwatch {args.command}: error: {e}", file=sys.stderr)
            return e.exit_code
        raise
    finally:
        stop.restore()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
