"""Kept for imports written before calendar arithmetic became the leaf :mod:`trendwatch.weeks`."""

from trendwatch.weeks import *  # noqa: F403
