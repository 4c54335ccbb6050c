"""A topic's weekly volume as bars for HTML (table cells with inline styles, so mail clients that
strip SVG and <style> still show them) or a text sparkline (Markdown). An SVG variant is kept for
callers that want one."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_WIDTH = 12
GAP = 3
HEIGHT = 36
PAST_COLOUR = "#9aa5b1"
THIS_WEEK_COLOUR = "#d9480f"
ZERO_COLOUR = "#d5dbe1"
SPARK = "▁▂▃▄▅▆▇█"
HTML_BAR_WIDTH = 18
HTML_HEIGHT = 40


def short_week(week: str) -> str:
    """``2026-W05`` as ``W05`` (the year is in the caption)."""
    return week.split("-", 1)[1] if "-W" in week else week


def html_bars(weekly_counts: Sequence[tuple[str, int]], caption: str) -> str:
    """Bars oldest to newest in a ``<table>`` (this week highlighted), each with its count above and
    its week below; a zero week is a thin grey line with 0. Only inline styles: it survives mail
    clients that drop SVG, ``<style>`` and images. ``caption`` is the alt text and the legend."""
    counts = [max(int(n), 0) for _, n in weekly_counts]
    if not counts:
        return ""
    top = max(max(counts), 1)
    cell = "padding:0 2px;text-align:center;font:10px/1.2 sans-serif;color:#616e7c"
    values, bars, labels = [], [], []
    for i, ((week, _), n) in enumerate(zip(weekly_counts, counts, strict=True)):
        last = i == len(counts) - 1
        colour = THIS_WEEK_COLOUR if last else (PAST_COLOUR if n else ZERO_COLOUR)
        height = max(round(HTML_HEIGHT * n / top), 2)
        weight = "font-weight:bold;" if last else ""
        values.append(f'<td style="{cell};{weight}vertical-align:bottom">{n}</td>')
        bars.append(
            f'<td style="padding:0 2px;vertical-align:bottom;height:{HTML_HEIGHT}px">'
            f'<div title="{escape(str(week))}: {n}" style="width:{HTML_BAR_WIDTH}px;height:{height}px;'
            f'background:{colour};margin:0 auto;font-size:0;line-height:0">&nbsp;</div></td>'
        )
        labels.append(f'<td style="{cell};{weight}">{escape(short_week(str(week)))}</td>')
    return (
        f'<table class="bars" role="img" aria-label="{escape(caption)}" cellpadding="0" cellspacing="0" '
        'style="border-collapse:collapse;margin:6px 0">'
        f'<tr>{"".join(values)}</tr><tr>{"".join(bars)}</tr><tr>{"".join(labels)}</tr></table>'
        f'<p style="margin:0;font-size:.8em;color:#616e7c">{escape(caption)}</p>'
    )


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
