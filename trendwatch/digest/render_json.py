"""The digest as JSON: the contracted shape (week, topics ranked with label, keywords, score,
articles, ideas) plus evidence, caution, slots and notes."""

from __future__ import annotations

import json

from trendwatch.digest.model import Digest


def render_json(digest: Digest) -> str:
    """``digest.to_json()`` as UTF-8 text, indented for people who open it."""
    return json.dumps(digest.to_json(), ensure_ascii=False, indent=2) + "\n"
