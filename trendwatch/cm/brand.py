"""Brand mentions: tag stored entries that name your brand, products or competitors, with a tone.

``tag_mentions(con, settings)`` scans only entries not yet scanned with the current [brand]
settings (changing them rescans everything) and writes the ``mentions`` table through
:mod:`trendwatch.store.brand_store`; the views ``mentions_daily`` / ``mentions_weekly`` count them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from trendwatch.cm.matching import TermMatcher, compile_terms, fold
from trendwatch.cm.tone import sentences_around, tone_score
from trendwatch.config import Settings
from trendwatch.ingest import restamp_schedule
from trendwatch.store import open_store
from trendwatch.store.brand_store import (
    MentionRecord,
    entry_texts,
    forget_scans,
    mark_scanned,
    unscanned_entry_ids,
    write_mentions,
)
from trendwatch.store.connection import Connection

__all__ = ["BrandTerm", "brand_terms", "compile_terms", "tag_mentions", "TONE_VERSION"]

SCAN_BATCH = 2000  # entries read per round trip
TONE_VERSION = "2"  # bump when the lexicons or the scoring change: every entry is rescanned
KINDS = ("brand", "product", "competitor")


@dataclass(frozen=True, slots=True)
class BrandTerm:
    """One watched spelling and the name/kind it counts for."""

    term: str
    name: str
    kind: str  # brand | product | competitor


def brand_terms(settings: Settings) -> list[BrandTerm]:
    """Every watched spelling in [brand]: names, aliases (as the first name), products, competitors."""
    b = settings.brand
    out = [BrandTerm(n.strip(), n.strip(), "brand") for n in b.names]
    if b.names:
        out += [BrandTerm(a.strip(), b.names[0].strip(), "brand") for a in b.aliases]
    out += [BrandTerm(p.strip(), p.strip(), "product") for p in b.products]
    out += [BrandTerm(c.strip(), c.strip(), "competitor") for c in b.competitors]
    seen: set[str] = set()
    unique = []
    for t in out:
        key = fold(t.term)
        if t.term and key not in seen:
            seen.add(key)
            unique.append(t)
    return unique


def config_hash(settings: Settings) -> str:
    """What the scan depends on: the watched terms, the exclusions and the tone scorer's version."""
    b = settings.brand
    data = [b.names, b.aliases, b.products, b.competitors, b.exclude, TONE_VERSION]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _language(value: str | None) -> str | None:
    code = (value or "").strip().lower()[:2]
    return code if code in ("fr", "en") else None


def _entry_text(title: str | None, summary: str | None, content: str | None) -> tuple[str, int]:
    """Title, then content (and the summary when the content doesn't already hold it); title length."""
    title, summary, content = title or "", summary or "", content or ""
    body = content if content else summary
    if content and summary and summary[:80] not in content:
        body = summary + "\n" + content
    return title + "\n" + body, len(title)


def find_mentions(
    text: str, title_len: int, language: str | None, matcher: TermMatcher, terms: dict[str, BrandTerm]
) -> list[dict[str, Any]]:
    """Mentions in one entry's text: one dict per watched name, with its tone."""
    by_name: dict[str, list[Any]] = {}
    for hit in matcher.finditer(text):
        bt = terms[hit.term]
        by_name.setdefault(bt.name, []).append(hit)
    found = []
    for name, hits in by_name.items():
        kind = terms[hits[0].term].kind
        context = sentences_around(text, [(h.start, h.end) for h in hits])
        found.append(
            {
                "name": name,
                "kind": kind,
                "matched": hits[0].text,
                "hits": len(hits),
                "in_title": any(h.start < title_len for h in hits),
                "tone": round(tone_score(context, language), 4),
                "language": language,
            }
        )
    return found


def tag_mentions(con: Connection, settings: Settings, *, rescan: bool = False) -> int:
    """Tag the entries not yet scanned with the current [brand] settings; returns mentions written."""
    terms = brand_terms(settings)
    if not terms:
        return 0
    digest = config_hash(settings)
    forget_scans(con, keep_hash=None if rescan else digest)
    by_term = {t.term: t for t in terms}
    matcher = compile_terms(by_term, exclude=settings.brand.exclude)
    written = 0
    pending = unscanned_entry_ids(con)
    for i in range(0, len(pending), SCAN_BATCH):
        entries = entry_texts(con, pending[i : i + SCAN_BATCH])
        now = dt.datetime.now(dt.UTC)
        records = []
        for e in entries:
            text, title_len = _entry_text(e.title, e.summary, e.content)
            for m in find_mentions(text, title_len, _language(e.language), matcher, by_term):
                records.append(
                    MentionRecord(
                        e.entry_id,
                        m["name"],
                        m["kind"],
                        m["matched"],
                        m["hits"],
                        m["in_title"],
                        m["tone"],
                        m["language"],
                        e.published,
                        now,
                    )
                )
        write_mentions(con, records)
        written += len(records)
        mark_scanned(con, [e.entry_id for e in entries], now, digest)
    return written


def mentioned_names(settings: Settings, text: str) -> list[str]:
    """Watched names found in ``text`` (for one-off checks, e.g. a draft post)."""
    terms = {t.term: t for t in brand_terms(settings)}
    matcher = compile_terms(terms, exclude=settings.brand.exclude)
    return list(dict.fromkeys(terms[h.term].name for h in matcher.finditer(text)))


def tag_brand_mentions(settings: Settings) -> int:
    """The step the caller (CLI or flow) runs after ingest, before the digest: tag the entries not
    yet scanned with the ``[brand]`` settings; returns the mentions written (0, and the store left
    untouched, when no brand is configured)."""
    brand = settings.brand
    if not (brand.names or brand.products or brand.competitors):
        return 0
    with open_store(settings.store_path, wait_s=settings.store.lock_timeout_s) as con:
        written = tag_mentions(con, settings)
    restamp_schedule(settings)  # feed states unchanged: the next hourly run still needs no store
    return written
