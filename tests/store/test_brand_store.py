"""The brand tagger's store functions: what is left to scan, the texts, mentions and scans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.support.store_data import fill_sample_store
from trendwatch.store.brand_store import (
    MentionRecord,
    entry_texts,
    forget_scans,
    mark_scanned,
    unscanned_entry_ids,
    write_mentions,
)

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def test_scan_bookkeeping_round_trip(store: Any) -> None:
    fill_sample_store(store, NOW)
    pending = unscanned_entry_ids(store)
    assert pending == sorted(pending) and len(pending) == 8
    (text,) = entry_texts(store, ["e0001"])
    assert (text.title, text.summary, text.language) == ("Article 1", "Summary 1", "en")
    mention = MentionRecord("e0001", "Acme", "brand", "acme", 2, True, -0.5, "en", text.published, NOW)
    write_mentions(store, [mention, mention])  # the same mention twice: replaced, not doubled
    mark_scanned(store, ["e0001", "e0002"], NOW, "hash-a")
    assert unscanned_entry_ids(store) == [p for p in pending if p not in ("e0001", "e0002")]
    assert store.execute("SELECT name, hits FROM mentions").fetchall() == [("Acme", 2)]
    forget_scans(store, keep_hash="hash-a")  # same settings: kept
    assert len(unscanned_entry_ids(store)) == 6
    forget_scans(store, keep_hash="hash-b")  # other settings: scans and their mentions forgotten
    assert unscanned_entry_ids(store) == pending
    assert store.execute("SELECT count(*) FROM mentions").fetchall() == [(0,)]
    mark_scanned(store, pending, NOW, "hash-b")
    forget_scans(store, keep_hash=None)  # a rescan forgets everything
    assert unscanned_entry_ids(store) == pending
