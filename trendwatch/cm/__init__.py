"""The community manager's side: brand mentions and tone, crisis alerts, content calendar, feedback.

Reads the store (entries, and the digest's ideas/topics tables); the digest calls
:func:`trendwatch.cm.alerts.open_alerts` and :mod:`trendwatch.cm.feedback`. Modules import their
heavy dependencies lazily.
"""

from trendwatch.errors import TrendwatchError


class CmError(TrendwatchError):
    """A community-manager command got an input it can't use (an unknown idea id, a bad week)."""


__all__ = ["CmError"]
