"""Where tests find the shared development data (../shared/data beside the repository)."""

from __future__ import annotations

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PYTRENDS_DECODED = SHARED_DATA / "trends_fixtures" / "pytrends_cassettes" / "decoded"
