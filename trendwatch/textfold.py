"""Accent- and case-folding of short texts: a leaf module, so settings checks and every stage share it."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]

# The combining diacritical mark blocks: what accents become once decomposed (NFKD).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Text without accents, case-folded: "Élysée" -> "elysee" (one character may become several)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()
