"""What the commands share: the progress bar shows on a terminal only; tables in three formats."""

from __future__ import annotations

import io
import json

from trendwatch.cli.common import Progress, print_table


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_silent_in_a_pipe() -> None:
    tty, pipe = Terminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(3, "ingest", stream=stream)
        for name in ("a", "b", "c"):
            bar.advance(1, name)
        bar.close()
    assert "3/3" in tty.getvalue() and "[##############################]" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_tables_as_text_csv_and_json() -> None:
    rows = [["alpha", 3, None], ["beta, the second", 10, 1.5]]
    text, csv_out, js = io.StringIO(), io.StringIO(), io.StringIO()
    print_table(["feed", "entries", "x"], rows, out=text)
    print_table(["feed", "entries", "x"], rows, fmt="csv", out=csv_out)
    print_table(["feed", "entries", "x"], rows, fmt="json", out=js)
    assert text.getvalue().splitlines()[0].split() == ["feed", "entries", "x"]
    assert csv_out.getvalue().splitlines()[2] == '"beta, the second",10,1.5'
    assert json.loads(js.getvalue())[0] == {"feed": "alpha", "entries": 3, "x": None}
