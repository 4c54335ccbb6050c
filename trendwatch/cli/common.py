"""What the commands share: loading settings, printing tables, a progress bar on a TTY."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from typing import Any, TextIO

from trendwatch.config import Settings, load_settings
from trendwatch.safe_text import csv_cell, strip_controls


def settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config)


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
    cells = [[_cell(v, max_width) for v in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


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
