"""Untrusted feed text made safe for each output: terminals, spreadsheets, chat, subject lines.

Feed titles and summaries come from servers we don't control. They may carry control characters
(ESC sequences that clear a terminal, BEL, NUL), bidirectional overrides that make a line read
backwards, spreadsheet formulas, chat mentions, or 10,000 characters. Every stage that shows feed
text calls one of these; a leaf module, so any stage may import it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TITLE_CHARS = 300  # a title longer than this is cut in outputs (the store keeps it whole)

# C0/C1 controls except tab and newline; DEL.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and stray marks.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Slack/Teams/Discord syntax: <!here>, <!channel>, <@U123>, <url|text>, @everyone, @here, @channel.
_CHAT_ANGLE = re.compile(r"<([^<>\s][^<>]*)>")
_CHAT_AT = re.compile(r"@(everyone|here|channel|all|room)\b", re.I)


def strip_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without control characters and bidirectional overrides (tab and, when asked,
    newlines kept)."""
    if text.isascii() and text.isprintable():
        return text
    out = _BIDI.sub("", _CONTROLS.sub("", text))
    if not keep_newlines:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


def cap_text(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def one_line(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Feed text as one clean, capped line (titles in tables, subjects, chat summaries)."""
    clean = strip_controls(text, keep_newlines=False)
    return cap_text(" ".join(clean.split()), limit)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet won't run as a formula: text starting with = + - @ gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def clean_value(value: object) -> object:
    """A query result's value with control and bidi characters dropped from every string in it
    (lists, structs and maps included), for output that reaches a terminal (JSON keeps C1
    controls and bidi overrides as they are)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


def chat_escape(text: str) -> str:
    """Feed text for a chat webhook body: mention and link syntax shown, never acted on."""
    text = _CHAT_ANGLE.sub(lambda m: "‹" + m.group(1) + "›", text)
    return _CHAT_AT.sub(lambda m: "@\u2060" + m.group(1), text)


def is_printable_line(text: str) -> bool:
    """True when ``text`` has no control, format or bidi character (for tests and checks)."""
    return not any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\t\n" for c in text)
