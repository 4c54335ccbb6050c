"""Crisis watch: a spike of mentions, or of negative mentions, of your brand or products.

A name's count for the week is compared with its own last ``[brand] alert_weeks`` weeks: an alert
opens when the count is at least ``[brand] alert_min_count`` and above ``mean + k·σ``
(k = ``[brand] alert_sigma``). σ is taken as at least √mean and at least 1, since counts of rare
events vary that much by chance: a flat baseline of 5 a week must not alert on 6. Weeks before
the store's first entry are not baseline weeks; with fewer than two, no alert can open.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from trendwatch.cm.brand import brand_terms
from trendwatch.config import Settings
from trendwatch.messages import Note, render
from trendwatch.safe_text import chat_escape, one_line
from trendwatch.store.cm_store import first_published, mention_articles, mentions_between
from trendwatch.store.connection import Connection
from trendwatch.webhook import post_webhook
from trendwatch.weeks import parse_week, previous_weeks, week_bounds, week_of_instant

MIN_BASELINE_WEEKS = 2
WEBHOOK_TIMEOUT_S = 10.0
MAX_ARTICLES = 10  # articles listed per alert
WATCHED_KINDS = ("brand", "product")  # competitors' spikes are not your crisis

STEPS = ("alerts.step_1", "alerts.step_2", "alerts.step_3", "alerts.step_4")  # the response reminder


@dataclass(slots=True)
class AlertArticle:
    """An article behind an alert."""

    entry_id: str
    title: str
    url: str | None
    published: dt.datetime
    source: str
    tone: float


@dataclass(slots=True)
class Alert:
    """An open crisis alert for one watched name in one week."""

    name: str
    kind: str  # mentions | negative: which count spiked (negative wins when both did)
    count: int  # the spiking count this week
    baseline: float  # its mean over the baseline weeks
    message: str  # one sentence in the [digest] language
    articles: list[AlertArticle]
    steps: list[str]  # the response reminder
    week: str = ""
    name_kind: str = "brand"  # brand | product
    sigma: float = 0.0
    threshold: float = 0.0
    mentions: int = 0  # all mentions this week
    negative: int = 0  # negative mentions this week
    weekly_counts: list[tuple[str, int, int]] = field(default_factory=list)  # (week, mentions, negative)
    note: Note | None = None  # the message as a catalogue code and values (``message`` is its text)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (datetimes as ISO strings)."""
        d = asdict(self)
        for a in d["articles"]:
            a["published"] = a["published"].isoformat()
        d["weekly_counts"] = [list(w) for w in self.weekly_counts]
        return d


@dataclass(slots=True)
class NameCheck:
    """The numbers behind the decision for one name (shown by ``trendwatch alerts``)."""

    name: str
    name_kind: str
    mentions: int
    negative: int
    baseline_mentions: float
    baseline_negative: float
    threshold_mentions: float
    threshold_negative: float
    baseline_weeks: int
    alert: Alert | None = None


def applied_threshold(statistical: float, min_count: int) -> int:
    """The count from which an alert opens: above ``mean + k·σ`` and at least ``alert_min_count``."""
    if statistical == math.inf:
        return 0
    return max(int(min_count), math.floor(statistical) + 1)


def threshold(counts: list[int], sigma_k: float) -> tuple[float, float, float]:
    """(mean, σ used, alert threshold) for baseline ``counts``."""
    mean = sum(counts) / len(counts)
    sigma = math.sqrt(sum((c - mean) ** 2 for c in counts) / len(counts))
    sigma_used = max(sigma, math.sqrt(mean), 1.0)
    return mean, sigma_used, mean + sigma_k * sigma_used


def _weekly(
    con: Connection, settings: Settings, week: str
) -> tuple[list[str], dict[tuple[str, str], dict[str, list[int]]]]:
    """Baseline weeks covered by the store, and per (name, kind) the [mentions, negative] per week."""
    tz = settings.digest.timezone
    weeks = previous_weeks(week, settings.brand.alert_weeks) + [week]
    earliest = first_published(con)
    covered = [w for w in weeks[:-1] if earliest is not None and week_bounds(w, tz)[1] > earliest]
    start, end = week_bounds(weeks[0], tz)[0], week_bounds(week, tz)[1]
    counts: dict[tuple[str, str], dict[str, list[int]]] = {}
    for m in mentions_between(con, start, end):
        per = counts.setdefault((m.name, m.kind), {})
        slot = per.setdefault(week_of_instant(m.published, tz), [0, 0])
        slot[0] += 1
        slot[1] += 1 if m.tone < 0 else 0
    return covered + [week], counts


def check_week(con: Connection, settings: Settings, week: str) -> list[NameCheck]:
    """Every watched brand/product name with its numbers for ``week``, alert or not."""
    week = parse_week(week)
    weeks, counts = _weekly(con, settings, week)
    baseline_weeks = weeks[:-1]
    names = dict.fromkeys((t.name, t.kind) for t in brand_terms(settings) if t.kind in WATCHED_KINDS)
    b = settings.brand
    lang = settings.digest.language
    checks = []
    for name, kind in names:
        per = counts.get((name, kind), {})
        now_m, now_n = per.get(week, [0, 0])
        check = NameCheck(name, kind, now_m, now_n, 0.0, 0.0, math.inf, math.inf, len(baseline_weeks))
        checks.append(check)
        if len(baseline_weeks) < MIN_BASELINE_WEEKS:
            continue
        base_m = [per.get(w, [0, 0])[0] for w in baseline_weeks]
        base_n = [per.get(w, [0, 0])[1] for w in baseline_weeks]
        mean_m, sigma_m, thr_m = threshold(base_m, b.alert_sigma)
        mean_n, sigma_n, thr_n = threshold(base_n, b.alert_sigma)
        check.baseline_mentions, check.threshold_mentions = mean_m, thr_m
        check.baseline_negative, check.threshold_negative = mean_n, thr_n
        fired_n = now_n >= b.alert_min_count and now_n > thr_n
        fired_m = now_m >= b.alert_min_count and now_m > thr_m
        if not (fired_m or fired_n):
            continue
        alert_kind = "negative" if fired_n else "mentions"
        count, mean, sigma, thr = (
            (now_n, mean_n, sigma_n, thr_n) if fired_n else (now_m, mean_m, sigma_m, thr_m)
        )
        applied = applied_threshold(thr, b.alert_min_count)
        note = Note(
            f"alerts.{alert_kind}",
            {
                "count": count,
                "total": now_m,
                "negative": now_n,
                "mean": round(mean, 1),
                "threshold": applied,
                "weeks": len(baseline_weeks),
            },
        )
        check.alert = Alert(
            name=name,
            kind=alert_kind,
            count=count,
            baseline=round(mean, 2),
            message=note.render(lang),
            articles=alert_articles(con, settings, name, week, negative_first=fired_n),
            steps=[render(code, lang) for code in STEPS],
            week=week,
            name_kind=kind,
            sigma=round(sigma, 2),
            threshold=float(applied),
            mentions=now_m,
            negative=now_n,
            weekly_counts=[(w, *per.get(w, [0, 0])) for w in weeks],  # type: ignore[misc]
            note=note,
        )
    return checks


def alert_articles(
    con: Connection,
    settings: Settings,
    name: str,
    week: str,
    *,
    negative_first: bool,
    limit: int = MAX_ARTICLES,
) -> list[AlertArticle]:
    """The week's articles mentioning ``name``: most negative (or in the title) first; for a spike of
    negative mentions, only the negative ones (the articles behind the alert)."""
    start, end = week_bounds(week, settings.digest.timezone)
    rows = mention_articles(con, name, start, end, negative_only=negative_first, limit=limit)
    return [AlertArticle(r.entry_id, r.title, r.link, r.published, r.feed, float(r.tone)) for r in rows]


def open_alerts(con: Connection, settings: Settings, week: str) -> list[Alert]:
    """The crisis alerts open for ``week`` (empty when [brand] watches nothing)."""
    return [c.alert for c in check_week(con, settings, week) if c.alert is not None]


def alert_text(alerts: list[Alert], language: str, *, chat: bool = False) -> str:
    """Plain text of alerts for a terminal, a chat message or a cron mail: headline, articles, steps.
    With ``chat``, feed text has its mention and link syntax made inert."""
    def clean(text: str) -> str:
        return chat_escape(one_line(text)) if chat else one_line(text)

    lines: list[str] = []
    for a in alerts:
        lines.append(render("alerts.head", language, name=clean(a.name), week=a.week, message=a.message))
        lines += [
            f"  • {clean(x.title)} — {clean(x.source)}" + (f" {x.url}" if x.url else "") for x in a.articles
        ]
    if alerts:
        lines.append(render("alerts.steps_title", language))
        lines += [f"  {i}. {s}" for i, s in enumerate(alerts[0].steps, 1)]
    return "\n".join(lines)


def send_alert_webhook(
    alerts: list[Alert], settings: Settings, *, environ: Mapping[str, str] | None = None
) -> str | None:
    """POST open alerts to the URL in the env variable ``[brand] alert_webhook_env`` (through the one
    webhook poster, :func:`trendwatch.webhook.post_webhook`).

    Returns the variable's name when sent, None when it is unset or there is no alert. Raises
    :class:`trendwatch.errors.PublishError` when the receiver can't be reached or refuses."""
    env = os.environ if environ is None else environ
    var = settings.brand.alert_webhook_env
    url = (env.get(var) or "").strip()
    if not alerts or not url:
        return None
    payload = {
        "text": alert_text(alerts, settings.digest.language, chat=True),
        "alerts": [_plain(a.to_dict()) for a in alerts],
    }
    post_webhook(url, payload, timeout_s=WEBHOOK_TIMEOUT_S, shown=f"${var}", channel="alerts")
    return var


def _plain(value: Any) -> Any:
    """A to_dict() value with anything JSON can't hold as text."""
    import json

    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
