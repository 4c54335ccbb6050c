"""A topic's weekly volume as a tiny inline SVG bar chart (HTML) or a text sparkline (Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_WIDTH = 12
GAP = 3
HEIGHT = 36
PAST_COLOUR = "#9aa5b1"
THIS_WEEK_COLOUR = "#d9480f"
SPARK = "▁▂▃▄▅▆▇█"


def svg_bars(weekly_counts: Sequence[tuple[str, int]], caption: str) -> str:
    """Bars oldest to newest, this week (the last) highlighted; no script, no remote asset."""
    counts = [max(int(n), 0) for _, n in weekly_counts]
    if not counts:
        return ""
    top = max(max(counts), 1)
    width = len(counts) * (BAR_WIDTH + GAP) - GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT + 12}" '
        f'viewBox="0 0 {width} {HEIGHT + 12}" role="img" aria-label="{escape(caption)}">',
        f"<title>{escape(caption)}</title>",
    ]
    for i, ((week, _), n) in enumerate(zip(weekly_counts, counts, strict=True)):
        h = max(round(HEIGHT * n / top), 1 if n else 0)
        x = i * (BAR_WIDTH + GAP)
        colour = THIS_WEEK_COLOUR if i == len(counts) - 1 else PAST_COLOUR
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - h}" width="{BAR_WIDTH}" height="{h}" fill="{colour}">'
            f"<title>{escape(str(week))}: {n}</title></rect>"
        )
    last_x = (len(counts) - 1) * (BAR_WIDTH + GAP) + BAR_WIDTH // 2
    parts.append(
        f'<text x="{last_x}" y="{HEIGHT + 11}" font-size="10" text-anchor="middle" '
        f'font-family="sans-serif" fill="{THIS_WEEK_COLOUR}">{counts[-1]}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(weekly_counts: Sequence[tuple[str, int]]) -> str:
    """``▁▁▂▁█``: one character per week, scaled to the largest week."""
    counts = [max(int(n), 0) for _, n in weekly_counts]
    if not counts:
        return ""
    top = max(max(counts), 1)
    return "".join(SPARK[min(len(SPARK) - 1, round((len(SPARK) - 1) * n / top))] for n in counts)
