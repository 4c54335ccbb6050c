"""Brand mentions: the term matcher, the tone score, incremental tagging, the SQL views, bad config."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from trendwatch.cm.brand import tag_mentions
from trendwatch.cm.matching import compile_terms
from trendwatch.cm.tone import tone_score
from trendwatch.config import settings_from_dict
from trendwatch.errors import ConfigError
from trendwatch.store import load_sql, sql_names

BRAND = {
    "names": ["Acmé"],
    "aliases": ["Acme Corp"],
    "products": ["RoadRunner 3000"],
    "competitors": ["Globex"],
    "exclude": ["acme des montagnes"],
}


def add_entries(con: Any, rows: Sequence[tuple[str, str, dt.datetime, str | None]]) -> None:
    """Minimal stored entries (id, title, published, language) in one feed named 'wire'."""
    con.execute(
        "INSERT INTO feeds (feed_id, configured_url, url, name, added_at) "
        "VALUES ('f1', 'u', 'u', 'wire', now()) ON CONFLICT DO NOTHING"
    )
    con.executemany(
        "INSERT INTO entries (entry_id, link, title, summary, content, published, published_source, "
        "language, feed_id, first_seen) VALUES (?, ?, ?, '', '', ?, 'published', ?, 'f1', ?)",
        [[i, f"https://news.example/{i}", title, at, lang, at] for i, title, at, lang in rows],
    )


def add_entry(
    con: Any, entry_id: str, title: str, published: dt.datetime, language: str | None = "fr"
) -> None:
    """One minimal stored entry."""
    add_entries(con, [(entry_id, title, published, language)])


def test_matcher_whole_words_accents_case_and_exclusions() -> None:
    m = compile_terms(["Acmé", "L'Oréal", "Coca-Cola"], exclude=["acme des montagnes"])
    text = "ACME rachète l’oreal; Acmeville non; coca cola oui; l'Acme des Montagnes non."
    hits = m.finditer(text)
    assert [(h.term, h.text) for h in hits] == [
        ("Acmé", "ACME"),
        ("L'Oréal", "l’oreal"),
        ("Coca-Cola", "coca cola"),
    ]
    assert m.terms_in("Rien à voir avec acmeville") == []
    assert compile_terms(["Élysée"]).finditer("l'ÉLYSÉE dit")[0].text == "ÉLYSÉE"


@pytest.mark.parametrize(
    ("text", "language", "sign"),
    [
        ("Acme est excellent", "fr", 1),
        ("Acme n'est pas bon", "fr", -1),
        ("Ça ne marche pas, c'est nul", "fr", -1),
        ("Acme is not good", "en", -1),
        ("Acme isn't bad at all", "en", 1),
        ("Scandale : Acme accusé de fraude", "fr", -1),
        ("Acme publie ses résultats", "fr", 0),
        ("Le patron d'Acme, mis en cause, démissionne", "fr", -1),
        ("Acme under fire over prices", "en", -1),
        ("Customers love the new Acme app", None, 1),
    ],
)
def test_tone_sign_with_negation(text: str, language: str | None, sign: int) -> None:
    score = tone_score(text, language)
    assert -1.0 <= score <= 1.0
    assert (score > 0) - (score < 0) == sign


def test_tag_mentions_is_incremental_and_rescans_on_config_change(store: Any, tmp_path: Path) -> None:
    t0 = dt.datetime(2022, 2, 21, 9, tzinfo=dt.UTC)
    add_entry(store, "e1", "Scandale : Acme accusé de fraude", t0)
    add_entry(store, "e2", "Acme Corp lance le RoadRunner 3000, un excellent produit", t0)
    add_entry(store, "e3", "Globex rachète une startup", t0, language="en")
    add_entry(store, "e4", "Randonnée : l'Acme des Montagnes", t0)
    add_entry(store, "e5", "Rien sur la marque", t0)
    settings = settings_from_dict({"brand": BRAND}, base_dir=tmp_path)
    assert tag_mentions(store, settings) == 4
    rows = store.execute("SELECT entry_id, name, kind, matched, tone FROM mentions ORDER BY ALL").fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("e1", "Acmé", "brand", "Acme"),
        ("e2", "Acmé", "brand", "Acme Corp"),
        ("e2", "RoadRunner 3000", "product", "RoadRunner 3000"),
        ("e3", "Globex", "competitor", "Globex"),
    ]
    assert rows[0][4] < 0 < rows[1][4]
    assert store.execute("SELECT count(*) FROM mention_scans").fetchone() == (5,)
    assert tag_mentions(store, settings) == 0  # nothing new to scan
    add_entry(store, "e6", "Acme recrute", t0 + dt.timedelta(days=1))
    assert tag_mentions(store, settings) == 1
    changed = settings_from_dict({"brand": {**BRAND, "competitors": ["Initech"]}}, base_dir=tmp_path)
    assert tag_mentions(store, changed) == 4  # a config change rescans everything
    assert store.execute("SELECT count(*) FROM mentions WHERE name = 'Globex'").fetchone() == (0,)


def test_views_and_examples_count_mentions_per_day_and_week(store: Any, tmp_path: Path) -> None:
    for i in range(3):
        add_entry(store, f"d{i}", "Acme n'est pas bon", dt.datetime(2022, 2, 21 + i, 12, tzinfo=dt.UTC))
    add_entry(store, "d9", "Acme excellent", dt.datetime(2022, 2, 28, 12, tzinfo=dt.UTC))
    tag_mentions(store, settings_from_dict({"brand": BRAND}, base_dir=tmp_path))
    weekly = store.execute(
        "SELECT week, name, mentions, negative, positive FROM mentions_weekly ORDER BY week"
    ).fetchall()
    assert weekly == [("2022-W08", "Acmé", 3, 3, 0), ("2022-W09", "Acmé", 1, 0, 1)]
    daily = store.execute("SELECT day, mentions FROM mentions_daily ORDER BY day").fetchall()
    assert daily[0] == (dt.date(2022, 2, 21), 1) and len(daily) == 4
    detail = store.execute(
        "SELECT title, source, tone_label FROM mentions_detail WHERE entry_id = 'd9'"
    ).fetchone()
    assert detail == ("Acme excellent", "wire", "positive")
    for name in ("brand_mentions_daily", "brand_mentions_weekly"):
        assert name in sql_names("examples")
        store.execute(load_sql(f"examples/{name}")).fetchall()
    by_week = store.execute(load_sql("examples/brand_mentions_weekly")).fetchall()
    assert [r[3] for r in by_week] == [3, 1]


@pytest.mark.parametrize(
    ("brand", "needle"),
    [
        ({"names": [""]}, "empty name"),
        ({"names": ["   "]}, "empty name"),
        ({"names": ["le"]}, "common word"),
        ({"names": ["The"]}, "common word"),
        ({"names": ["Acme"], "aliases": ["Les"]}, "common word"),
        ({"names": ["Acme"], "competitors": ["ACMÉ"]}, "one list only"),
        ({"products": ["Widget"]}, "no names"),
        ({"names": ["Acme"], "alert_webhook_env": "https://hooks.example/x"}, "not an environment variable"),
    ],
)
def test_bad_brand_config_is_a_clear_error(brand: dict[str, Any], needle: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_dict({"brand": brand}, base_dir=tmp_path)
    assert needle in str(info.value) and "Fix" in str(info.value)


def test_guideline_stop_word_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[guidelines\] forbidden has 'de'"):
        settings_from_dict({"guidelines": {"forbidden": ["de"]}}, base_dir=tmp_path)


def test_guideline_terms_share_the_matcher() -> None:
    forbidden = compile_terms(["tabac", "pari sportif"])
    assert forbidden.terms_in("Le PARI-SPORTIF et le tabac") == ["pari sportif", "tabac"]
    assert not forbidden.search("Une tabacologue témoigne")
