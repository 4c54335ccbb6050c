"""The digest as Markdown. Feed text is untrusted: markup characters are escaped, raw HTML can't
get through, and only http(s) URLs become links."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from trendwatch.digest.chart import sparkline
from trendwatch.digest.crisis import restraint_sections
from trendwatch.digest.i18n import colon, date_text, format_label, t
from trendwatch.digest.ideas import safe_url
from trendwatch.digest.model import Digest, DigestTopic
from trendwatch.digest.sections import (
    alert_lines,
    generated_text,
    idea_slot_line,
    lead_lines,
    more_articles,
    more_sources_text,
    search_sections,
    shown_notes,
    strength_text,
    used_lines,
)
from trendwatch.messages import render as render_msg
from trendwatch.safe_text import cap_text

# Characters that start CommonMark/GFM inline markup (links need "[", raw HTML "<"), and "&"
# (entities); "(" and ")" are harmless once "[" and "]" are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_LINE_START = re.compile(r"^([-+=#]|\d+[.)])")


def md_text(text: object) -> str:
    """Untrusted text as inert Markdown: one line, every markup character backslash-escaped."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], flat)


def md_url(url: str) -> str:
    """A URL safe inside ``(<...>)``: characters that could close it percent-encoded."""
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C")


def md_link(title: str, url: str | None) -> str:
    """``[title](<url>)`` when the URL is http(s); the escaped title alone otherwise."""
    safe = safe_url(url)
    label = md_text(cap_text(title)) or md_text(safe or "")
    return f"[{label}](<{md_url(safe)}>)" if safe else label


def _local_date(instant: dt.datetime | None, tz: str) -> dt.date | None:
    return instant.astimezone(ZoneInfo(tz)).date() if instant else None


def _topic(d: DigestTopic, lang: str, tz: str, measured: bool = True) -> list[str]:
    tp = d.topic
    lines = [f"### {d.rank}. {md_text(tp.label)}", ""]
    lines.append(f"**{t('why_now', lang)}**{colon(lang)}{md_text(d.why_now)}")
    lines.append("")
    if tp.weekly_counts:
        first, last = tp.weekly_counts[0][0], tp.weekly_counts[-1][0]
        counts = " ".join(str(n) for _, n in tp.weekly_counts)
        lines.append(
            f"{t('weekly_volume', lang)} ({md_text(first)} → {md_text(last)}){colon(lang)}"
            f"`{sparkline(tp.weekly_counts)}` {counts}"
        )
        lines.append("")
    keywords = ", ".join(md_text(k) for k in tp.keywords)
    lines.append(f"{t('strength', lang)}{colon(lang)}{md_text(strength_text(tp.score, lang, measured))}")
    lines.append("")
    lines.append(f"{t('keywords', lang)}{colon(lang)}{keywords}")
    lines.append("")
    for flag in d.caution:
        lines.append(f"> ⚠ **{t('caution', lang)}**{colon(lang)}{md_text(flag)}")
    if d.caution:
        lines.append("")
    lines.append(f"**{t('sources', lang)}**")
    lines.append("")
    for a in tp.articles:
        day = date_text(a.published.astimezone(ZoneInfo(tz)).date(), lang)
        lines.append(f"- {md_link(a.title, a.url)} — {md_text(a.source)}, {day}")
    if more_articles(tp):
        lines.append(f"- {more_sources_text(tp, lang)}")
    lines.append("")
    lines.append(f"**{t('ideas', lang)}**")
    lines.append("")
    if not d.ideas:
        lines.append(f"- {t('no_ideas', lang)}")
    for i, idea in enumerate(d.ideas, 1):
        slot = idea_slot_line(idea, lang)
        lines.append(
            f"{i}. **{md_text(idea.title)}** — {format_label(idea.format, lang)} · "
            f"{t('slot', lang).lower()}{colon(lang)}{slot}"
        )
        if idea.evidence:  # what the idea rests on (ideas engineer)
            lines.append(f"   ↳ {render_msg('digest.idea_evidence', lang)}{colon(lang)}"
                         f"{md_link(idea.evidence, idea.evidence_url)}")  # fmt: skip
    lines.append("")
    return lines


def render_markdown(digest: Digest) -> str:
    """The whole digest as a Markdown document."""
    lang, tz = digest.language, digest.timezone
    out = [f"# {t('title', lang, week=md_text(digest.week))}", ""]
    start, end = _local_date(digest.start, tz), _local_date(digest.end, tz)
    if start and end:
        last_day = end - dt.timedelta(days=1)
        period = t("period", lang, start=date_text(start, lang), end=date_text(last_day, lang), tz=tz)
        out += [f"_{period}_", ""]
    for line in lead_lines(digest):
        out += [md_text(line), ""]
    alerts = alert_lines(digest)
    if alerts:
        out += [f"## ⚠ {t('alerts', lang)}", ""]
        for headline, steps, links in alerts:
            out.append(f"- **{md_text(headline)}**")
            out += [f"  - {md_text(s)}" for s in steps]
            out += [f"  - {md_link(title, url)}" for title, url in links[:3]]
        out.append("")
    notes = shown_notes(digest)
    if notes:
        out += [f"## {t('notes', lang)}", ""] + [f"- {md_text(n)}" for n in notes] + [""]
    for heading, intro, items in restraint_sections(digest):  # crisis, restraint, context
        out += [f"## {md_text(heading)}", ""] + ([f"_{md_text(intro)}_", ""] if intro else [])
        for head, sub, refs in items:
            out.append(f"- **{md_text(head)}**")
            out += [f"  - {md_text(x)}" for x in sub] + [f"  - {md_link(a, u)}" for a, u in refs]
        out.append("")
    if digest.topics or digest.n_entries:
        out += [f"## {t('topics', lang)}", ""]
    if not digest.topics and digest.n_entries:
        out += [t("no_topics", lang), ""]
    for d in digest.topics:
        out += _topic(d, lang, tz, digest.growth_measured)
    sections = search_sections(digest)
    if sections or digest.faq_ideas:
        out += [f"## {t('search', lang)}", ""]
        for key, lines in sections:
            out += [f"**{t(key, lang)}**", ""] + [f"- {md_text(x)}" for x in lines] + [""]
        if digest.faq_ideas:
            out += [f"**{t('ideas', lang)} ({t('faq', lang)})**", ""]
            out += [f"- {md_text(x)}" for x in digest.faq_ideas] + [""]
    used = used_lines(digest)
    if used:
        out += [f"## {t('used', lang)}", ""] + [f"- {md_text(x)}" for x in used] + [""]
    out.append(f"_{md_text(generated_text(digest))}_")
    return "\n".join(out) + "\n"
