"""The demo world (deterministic, with what it plants), its loopback feed server and its config."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from trendwatch.config import load_settings
from trendwatch.demo.runner import demo_config
from trendwatch.demo.server import FeedServer, bind_server
from trendwatch.demo.world import BRAND, DEMO_NOW, DEMO_WEEK, WEEKS, build_world, rss, week_monday


def _by_week(world, theme: str) -> Counter[int]:  # type: ignore[no-untyped-def]
    """Articles of a theme per 'weeks back' (0 = the demo week)."""
    out: Counter[int] = Counter()
    for a in world.articles:
        if a.theme == theme:
            out[next(b for b in range(WEEKS) if a.published >= week_monday(b))] += 1
    return out


def test_same_seed_same_world_and_another_seed_differs() -> None:
    a, b = build_world(), build_world()
    assert [(x.guid, x.title, x.published) for x in a.articles] == [
        (x.guid, x.title, x.published) for x in b.articles
    ]
    assert [x.guid for x in build_world(seed=1).articles] != [x.guid for x in a.articles]
    assert len({x.guid for x in a.articles}) == len(a.articles)


def test_world_plants_an_emerging_topic_a_crisis_a_spammer_and_a_steady_theme() -> None:
    world = build_world()
    assert all(
        week_monday(WEEKS - 1) <= a.published < week_monday(0) + (DEMO_NOW - week_monday(0))
        for a in world.articles
    )
    emerging = _by_week(world, "emerging")
    assert set(emerging) <= {0, 1} and emerging[0] >= 10 and emerging[0] > 2 * emerging[1]
    crisis = _by_week(world, "crisis")
    assert set(crisis) == {0} and crisis[0] >= 5
    assert all(BRAND in a.title for a in world.articles if a.theme == "crisis")
    spam_feeds = {a.feed for a in world.articles if a.theme == "spam"}
    assert spam_feeds == {"promo-flash"}
    steady = _by_week(world, "labels")
    assert set(steady) == set(range(WEEKS)) and min(steady.values()) >= 10
    languages = {f.language for f in world.feeds}
    assert languages == {"fr", "en"}


def test_server_answers_conditional_gets_and_404() -> None:
    world = build_world()
    feed = world.feeds[0]
    with FeedServer({"/a.xml": rss(world, feed, "http://x/a.xml")}) as server:
        with urllib.request.urlopen(server.url("/a.xml"), timeout=5) as resp:
            body, etag = resp.read(), resp.headers["ETag"]
        assert body.startswith(b"<?xml") and body.count(b"<item>") == len(world.articles_of(feed.slug))
        req = urllib.request.Request(server.url("/a.xml"), headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(req, timeout=5)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url("/nope.xml"), timeout=5)
    assert not_modified.value.code == 304
    assert missing.value.code == 404


def test_server_keeps_its_port_when_free_and_falls_back_when_taken() -> None:
    with bind_server({}) as first:
        port = first.port
        with bind_server({}, port) as second:  # taken: any other port
            assert second.port != port
    with bind_server({}, port) as again:  # free again: same port, same feed URLs, same feed ids
        assert again.port == port


def test_demo_config_is_a_valid_config(tmp_path: Path) -> None:
    world = build_world()
    urls = {f.slug: f"http://127.0.0.1:9/{f.slug}.xml" for f in world.feeds}
    path = tmp_path / "trendwatch.toml"
    path.write_text(demo_config(world, urls, language="en", trends=True), encoding="utf-8")
    settings = load_settings(path)
    assert [f.url for f in settings.feeds] == list(urls.values())
    assert settings.brand.names == [BRAND] and settings.trends.enabled
    assert settings.resolve(settings.trends.replay_dir) == tmp_path / "trends-replay"
    assert settings.digest.language == "en" and DEMO_WEEK == "2026-W10"
