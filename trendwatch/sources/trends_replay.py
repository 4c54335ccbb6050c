"""Google Trends answers without Google: a routing ``requests`` adapter, and the demo's recordings.

:class:`RouteAdapter` answers requests by URL path with canned or computed answers, so pytrends'
own code runs on them (tests use it with real recorded bodies). :func:`replay_adapter` builds one
from a folder written by :func:`write_demo_recordings`: weekly search volumes per keyword, rising
queries and a "trending now" RSS feed; it answers each request the way Google does, scaling the
requested terms to 0-100 within that request, so trendwatch's batching and rescaling really run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import requests
from requests.adapters import BaseAdapter

from trendwatch.errors import TrendsError
from trendwatch.sources.trends_cache import CachedAnswer
from trendwatch.sources.trends_client import build_response

Answer = tuple[int, dict[str, str], bytes]
Responder = Callable[[requests.PreparedRequest], Answer]
MANIFEST = "trends-replay.json"
JSON_TYPE = {"Content-Type": "application/json; charset=utf-8"}
BREAKOUT_VALUE = 5000  # Google labels rising growth above this many % "Breakout"


def google_json(obj: Any, prefix: str = ")]}',\n") -> bytes:
    """A JSON body the way Google sends it, with its anti-XSSI prefix."""
    return (prefix + json.dumps(obj, ensure_ascii=False)).encode("utf-8")


def request_json(request: requests.PreparedRequest) -> dict[str, Any]:
    """The ``req`` query parameter of a Trends request, decoded."""
    qs = parse_qs(urlsplit(request.url or "").query)
    return json.loads(qs.get("req", ["{}"])[0])


def request_keywords(request: requests.PreparedRequest) -> list[str]:
    """The terms a Trends request is about, in order (explore, multiline or relatedsearches)."""
    req = request_json(request)
    items = req.get("comparisonItem") or []
    if items and "keyword" in items[0]:
        return [i["keyword"] for i in items]
    if items:
        return [i["complexKeywordsRestriction"]["keyword"][0]["value"] for i in items]
    restriction = req.get("restriction", {}).get("complexKeywordsRestriction", {})
    return [k["value"] for k in restriction.get("keyword", [])]


class RouteAdapter(BaseAdapter):
    """Answers by the first route whose path fragment is in the URL path; 404 otherwise."""

    def __init__(self, routes: Iterable[tuple[str, Responder | Answer | list[Answer]]] = ()) -> None:
        super().__init__()
        self.routes: list[tuple[str, Responder | Answer | list[Answer]]] = list(routes)
        self.seen: list[str] = []

    def add(self, path_part: str, answer: Responder | Answer | list[Answer]) -> RouteAdapter:
        """Route requests whose path contains ``path_part``; a list is answered in turn."""
        self.routes.append((path_part, answer))
        return self

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        path = urlsplit(request.url or "").path
        self.seen.append(path)
        for part, answer in self.routes:
            if part in path:
                if callable(answer):
                    status, headers, body = answer(request)
                elif isinstance(answer, list):
                    status, headers, body = answer.pop(0) if len(answer) > 1 else answer[0]
                else:
                    status, headers, body = answer
                return build_response(request, status, headers, body)
        return build_response(request, 404, {"Content-Type": "text/html"}, b"not recorded")

    def close(self) -> None:
        pass


class StoredAnswers(BaseAdapter):
    """Answers each request with the answer one past run saved for the same method and URL.

    ``saved_answer(method, url)`` finds it (the store's :meth:`TrendsSink.saved_answer` for that
    run); a request that run never made gets a 404."""

    def __init__(self, saved_answer: Callable[[str, str], CachedAnswer | None]) -> None:
        super().__init__()
        self.saved_answer = saved_answer

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        answer = self.saved_answer(request.method or "GET", request.url or "")
        if answer is None:
            return build_response(request, 404, {"Content-Type": "text/html"}, b"not in that run's answers")
        return build_response(request, answer.status, answer.headers, answer.body)

    def close(self) -> None:
        pass


# ------------------------------------------------------------------ answers computed from volumes


def explore_answer(request: requests.PreparedRequest) -> Answer:
    """The widget list Google returns for an explore request, tokens included."""
    qs = parse_qs(urlsplit(request.url or "").query)
    req = json.loads(qs["req"][0])
    items = req["comparisonItem"]
    geo = items[0].get("geo", "")
    time = items[0].get("time", "today 3-m")
    kws = [i["keyword"] for i in items]
    geo_obj = {"country": geo} if geo else {}
    widgets: list[dict[str, Any]] = [
        {
            "id": "TIMESERIES",
            "token": "replay-" + hashlib.sha1("|".join(kws).encode()).hexdigest()[:12],
            "request": {
                "time": time,
                "resolution": "WEEK",
                "locale": qs.get("hl", ["fr-FR"])[0],
                "comparisonItem": [
                    {
                        "geo": geo_obj,
                        "complexKeywordsRestriction": {"keyword": [{"type": "BROAD", "value": k}]},
                    }
                    for k in kws
                ],
                "requestOptions": {"property": "", "backend": "IZG", "category": req.get("category", 0)},
            },
        }
    ]
    for k in kws:
        widgets.append(
            {
                "id": "RELATED_QUERIES" if len(kws) == 1 else f"RELATED_QUERIES_{len(widgets)}",
                "token": "replay-rq-" + hashlib.sha1(k.encode()).hexdigest()[:12],
                "request": {
                    "restriction": {
                        "geo": geo_obj,
                        "time": time,
                        "complexKeywordsRestriction": {"keyword": [{"type": "BROAD", "value": k}]},
                    },
                    "keywordType": "QUERY",
                    "metric": ["TOP", "RISING"],
                },
            }
        )
    return 200, JSON_TYPE, google_json({"widgets": widgets}, ")]}'\n")


def _multiline_answer(volumes: dict[str, list[list[Any]]], partial_last: bool) -> Responder:
    def answer(request: requests.PreparedRequest) -> Answer:
        kws = request_keywords(request)
        series = [dict((d, float(v)) for d, v in volumes.get(k, [])) for k in kws]
        dates = sorted({d for s in series for d in s})
        top = max((v for s in series for v in s.values()), default=0.0)
        rows = []
        for i, d in enumerate(dates):
            vals = [round(100 * s.get(d, 0.0) / top) if top else 0 for s in series]
            day = dt.date.fromisoformat(d)
            row: dict[str, Any] = {
                "time": str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())),
                "formattedTime": d,
                "value": vals,
                "hasData": [v > 0 for v in vals],
                "formattedValue": [str(v) for v in vals],
            }
            if partial_last and i == len(dates) - 1:
                row["isPartial"] = True
            rows.append(row)
        return 200, JSON_TYPE, google_json({"default": {"timelineData": rows, "averages": []}})

    return answer


def rising_label(value: int) -> str:
    """Google's label for a rising query's growth: "+350 %" or "Breakout"."""
    return "Breakout" if value >= BREAKOUT_VALUE else f"+{value:,} %".replace(",", "\u202f")


def _related_answer(rising: dict[str, list[list[Any]]]) -> Responder:
    def answer(request: requests.PreparedRequest) -> Answer:
        kws = request_keywords(request)
        items = rising.get(kws[0], []) if kws else []
        top = [
            {"query": q, "value": max(10, 100 - 15 * i), "formattedValue": str(max(10, 100 - 15 * i))}
            for i, (q, _) in enumerate(items)
        ]
        rise = [
            {"query": q, "value": int(v), "formattedValue": "Breakout" if v >= BREAKOUT_VALUE else f"+{v}%"}
            for q, v in items
        ]
        body = {"default": {"rankedList": [{"rankedKeyword": top}, {"rankedKeyword": rise}]}}
        return 200, JSON_TYPE, google_json(body)

    return answer


def replay_adapter(folder: Path) -> RouteAdapter:
    """An adapter answering like Google from a folder written by :func:`write_demo_recordings`."""
    manifest_path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise TrendsError(
            f"[trends] replay_dir: can't read {manifest_path} ({e}). Expected a folder written by "
            "trendwatch.sources.trends_replay.write_demo_recordings; fix the path or empty replay_dir.",
            part="replay",
            path=str(manifest_path),
        ) from e
    adapter = RouteAdapter()
    adapter.add(
        "/trends/explore",
        (200, {"Content-Type": "text/html", "Set-Cookie": "NID=replay; Path=/"}, b"<html/>"),
    )
    adapter.add("/api/explore", explore_answer)
    adapter.add(
        "/widgetdata/multiline",
        _multiline_answer(manifest.get("volumes", {}), bool(manifest.get("partial_last"))),
    )
    adapter.add("/widgetdata/relatedsearches", _related_answer(manifest.get("rising", {})))

    def trending(request: requests.PreparedRequest) -> Answer:
        geo = parse_qs(urlsplit(request.url or "").query).get("geo", [""])[0]
        path = Path(folder) / f"trending-{geo}.xml"
        if not path.is_file():
            return 404, {"Content-Type": "text/html"}, b"no trending feed recorded for this geo"
        return 200, {"Content-Type": "application/rss+xml; charset=utf-8"}, path.read_bytes()

    adapter.add("/trending/rss", trending)
    adapter.recorded_at = manifest.get("recorded_at")  # type: ignore[attr-defined]
    return adapter


# ------------------------------------------------------------------ the demo's recordings


def _seed(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def _trending_rss(geo: str, items: list[tuple[str, str, str]], when: dt.datetime) -> str:
    pub = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    parts = []
    for term, traffic, related in items:
        parts.append(
            f"<item><title>{escape(term)}</title><ht:approx_traffic>{escape(traffic)}</ht:approx_traffic>"
            f"<pubDate>{pub}</pubDate><ht:news_item><ht:news_item_title>{escape(related)}</ht:news_item_title>"
            f"<ht:news_item_url>https://example.org/{_seed(term)}</ht:news_item_url>"
            "<ht:news_item_source>demo</ht:news_item_source></ht:news_item></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:ht="https://trends.google.com/trending/rss"><channel>'
        f"<title>Daily Search Trends</title><link>https://trends.google.com/trending/rss?geo={geo}</link>"
        + "".join(parts)
        + "</channel></rss>\n"
    )


def write_demo_recordings(
    folder: Path, *, keywords: list[str], geo: str, end: dt.date, weeks: int, rising: dict[str, list[str]]
) -> None:
    """Write answers that ``[trends] replay_dir = folder`` replays offline.

    Each keyword gets ``weeks`` weekly search volumes ending with the ISO week holding ``end``
    (deterministic, seeded by the keyword); a keyword with rising queries grows over its last two
    weeks. Rising queries get growth values from "Breakout" down; the first rising query of each
    keyword is also listed in the geo's "trending now" feed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    last_sunday = end - dt.timedelta(
        days=end.weekday() + 1
    )  # Google's Sun-Sat week centred on end's ISO week
    starts = [last_sunday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    volumes: dict[str, list[list[Any]]] = {}
    for k in keywords:
        s = _seed(k)
        level = 200 + s % 800
        vals = []
        for i, d in enumerate(starts):
            wave = 1 + 0.15 * math.sin(i / 2.0 + s % 7)
            growth = 1.0
            if rising.get(k) and i >= weeks - 2:
                growth = 1.8 if i == weeks - 1 else 1.3
            vals.append([d.isoformat(), round(level * wave * growth, 1)])
        volumes[k] = vals
    growth_steps = [BREAKOUT_VALUE + 350, 450, 250, 180, 120, 90, 70, 50]
    rising_values = {
        k: [[q, growth_steps[min(i, len(growth_steps) - 1)]] for i, q in enumerate(qs)]
        for k, qs in rising.items()
    }
    recorded = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(6, 0), dt.UTC)
    manifest = {
        "about": (
            "trendwatch demo recordings: weekly search volumes, rising queries; "
            "replayed by [trends] replay_dir"
        ),
        "geo": geo,
        "recorded_at": recorded.isoformat(),
        "partial_last": False,
        "volumes": volumes,
        "rising": rising_values,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    items = [
        (qs[0], f"{(1 + _seed(qs[0]) % 5) * 10_000:,}+".replace(",", " "), f"{qs[0]} : ce qu'il faut savoir")
        for qs in rising.values()
        if qs
    ]
    (folder / f"trending-{geo}.xml").write_text(_trending_rss(geo, items, recorded), encoding="utf-8")
