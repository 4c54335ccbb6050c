"""Every shared feed file is parsed or cleanly rejected, and the two parse paths agree field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trendwatch.errors import ParseError
from trendwatch.sources import parse as parse_module
from trendwatch.sources.fastparse import fast_parse
from trendwatch.sources.parse import parse_feed

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SUITE = DATA / "feeds_feedparser_suite" / "tests"
REALWORLD = DATA / "feeds_realworld"
LEMONDE = DATA / "lemonde_2022" / "raw_xml_sample"
FETCHED_AT = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
URL = "http://example.org/feeds/main.xml"
COMPARED = ("entry_id", "guid", "link", "title", "summary", "content", "author", "published",
            "published_source", "updated", "language", "categories")


def _files(folder: Path) -> list[Path]:
    """Every regular file under a folder, sorted (none when the shared data is absent)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SOURCE_COMMIT.txt")


def _all_files() -> list[Path]:
    """The feedparser suite, the real-world feeds and the Le Monde sample."""
    return _files(SUITE) + _files(REALWORLD) + _files(LEMONDE)


needs_data = pytest.mark.skipif(not SUITE.is_dir(), reason="shared feed data not available")


@needs_data
def test_every_shared_file_parses_or_is_rejected_with_parse_error() -> None:
    files = _all_files()
    assert len(files) > 2000
    outcomes = {"parsed": 0, "rejected": 0}
    unexpected = []
    for path in files:
        try:
            parsed = parse_feed(path.read_bytes(), url=URL, feed_id="f1", fetched_at=FETCHED_AT)
        except ParseError as e:
            assert e.kind in ("empty", "not_a_feed", "malformed", "unsafe_xml"), (path, e.kind)
            outcomes["rejected"] += 1
        except Exception as e:  # noqa: BLE001 - collected and reported below
            unexpected.append(f"{path}: {type(e).__name__}: {e}")
        else:
            assert parsed.parser in ("fast", "feedparser")
            outcomes["parsed"] += 1
    assert not unexpected, "\n".join(unexpected[:20])
    assert outcomes["parsed"] > 1500


@needs_data
def test_the_empty_le_monde_file_is_rejected_as_empty() -> None:
    empty = [p for p in _files(LEMONDE) if p.stat().st_size == 0]
    assert len(empty) == 1
    with pytest.raises(ParseError) as info:
        parse_feed(empty[0].read_bytes(), url=URL, feed_id="f1", fetched_at=FETCHED_AT)
    assert info.value.kind == "empty"


@needs_data
def test_fast_path_and_feedparser_agree_on_every_file_the_fast_path_accepts() -> None:
    differences: list[str] = []
    accepted = 0
    for path in _all_files():
        body = path.read_bytes()
        if fast_parse(body) is None:
            continue
        accepted += 1
        fast = parse_feed(body, url=URL, feed_id="f1", fetched_at=FETCHED_AT)
        slow = parse_module._parse_with_feedparser(body, URL, "f1", FETCHED_AT, {}, None)
        assert fast.parser == "fast"
        if len(fast.entries) != len(slow.entries):
            differences.append(f"{path}: {len(fast.entries)} entries on the fast path, {len(slow.entries)} "
                               "with feedparser")
            continue
        for i, (a, b) in enumerate(zip(fast.entries, slow.entries, strict=True)):
            for name in COMPARED:
                if getattr(a, name) != getattr(b, name):
                    differences.append(f"{path} entry {i} {name}: fast {getattr(a, name)!r} "
                                       f"feedparser {getattr(b, name)!r}")
        if fast.language != slow.language:
            differences.append(f"{path}: feed language {fast.language!r} vs {slow.language!r}")
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences[:25])
    assert accepted > 500  # the fast path takes most plain feeds


@needs_data
def test_fast_path_takes_the_real_world_plain_feeds() -> None:
    for name in ("heise.atom", "gulp-atom.atom", "guardian.rss", "reddit.rss", "craigslist.rss"):
        body = (REALWORLD / "rss-parser" / "test" / "input" / name).read_bytes()
        assert parse_feed(body, url=URL, feed_id="f1", fetched_at=FETCHED_AT).parser == "fast", name
