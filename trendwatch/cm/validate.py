"""Kept for older imports: each settings section now checks itself in :mod:`trendwatch.config_checks`."""

from __future__ import annotations

from trendwatch.config_checks import STOP_WORDS, check_sections

check_cm_settings = check_sections

__all__ = ["STOP_WORDS", "check_cm_settings"]
