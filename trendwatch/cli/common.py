"""What the commands share: loading settings, printing tables, a progress bar on a TTY."""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import textwrap
import time
from collections.abc import Sequence
from typing import Any, TextIO

from trendwatch.config import Settings, load_settings
from trendwatch.safe_text import csv_cell, strip_controls


def settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config)


MIN_COLUMN = 8  # a column is never squeezed below this (or its header)
ADVICE = ("Fix", "fix:", "Check ", "Run ")  # a cell carrying advice is wrapped, never cut


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        text = ""
    elif hasattr(value, "isoformat") and not isinstance(value, str):
        text = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    elif isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    elif isinstance(value, (list, tuple)):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    text = strip_controls(text, keep_newlines=False)  # feed text never drives the terminal
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    return csv_cell(strip_controls(value)) if isinstance(value, str) else value


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    fmt: str = "table",
    out: TextIO | None = None,
    max_width: int = 60,
) -> None:
    """Rows as an aligned text table, CSV or JSON (a list of objects). Text is untrusted: control
    and bidi characters are dropped from tables and CSV, and a CSV cell a spreadsheet would run
    as a formula (``=``, ``+``, ``-``, ``@``) starts with a quote."""
    out = out or sys.stdout
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow([csv_cell(strip_controls(str(h))) for h in headers])
        for r in rows:
            w.writerow([_csv_value(v) for v in r])
        return
    if fmt == "json":
        json.dump(
            [dict(zip(headers, r, strict=True)) for r in rows], out, default=str, ensure_ascii=False, indent=1
        )
        out.write("\n")
        return
    cells = [[_cell(v) for v in r] for r in rows]
    widths = fit_widths(headers, cells, max_width, terminal_width())
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        parts = [_fit(c, w) for c, w in zip(r, widths, strict=True)]
        for i in range(max(len(p) for p in parts)):
            line = "  ".join(
                (p[i] if i < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True)
            )
            out.write(line.rstrip() + "\n")


def terminal_width() -> int:
    """The terminal's width in columns ($COLUMNS, the terminal, else 120 for pipes and files)."""
    return shutil.get_terminal_size((120, 24)).columns


def fit_widths(
    headers: Sequence[str], cells: Sequence[Sequence[str]], max_width: int, total: int
) -> list[int]:
    """Column widths: each column's longest cell, capped at ``max_width``, then the widest columns
    narrowed until the row fits ``total`` columns (never below :data:`MIN_COLUMN` or the header)."""
    widths = [
        min(max([len(h)] + [len(r[i]) for r in cells]), max(max_width, len(h))) for i, h in enumerate(headers)
    ]
    floor = [max(len(h), MIN_COLUMN) for h in headers]
    while sum(widths) + 2 * (len(widths) - 1) > total:
        i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def _fit(text: str, width: int) -> list[str]:
    """A cell as lines of ``width``: advice ("Fix …") is wrapped whole, other text cut with "…"."""
    if len(text) <= width:
        return [text]
    if any(word in text for word in ADVICE):
        return textwrap.wrap(text, width, break_long_words=True) or [""]
    return [text[: width - 1] + "…"]


class Progress:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0

    def advance(self, n: int = 1, note: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and self.done < self.total):
            return
        self._last = now
        width = 30
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {note[:40]:40s}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
