"""The digest as one self-contained HTML page: inline CSS, no script, no remote asset. The same page
is the e-mail body, so the weekly-volume chart is table cells with inline styles (mail clients strip
SVG) and the layout holds at 390 px (a phone).

Every string from feeds or other stages goes through ``html.escape``; only http(s) URLs become
links, and they open with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from trendwatch.digest.chart import html_bars
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

CSS = """
body{font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;max-width:760px;margin:0 auto;
padding:16px;color:#1f2933;background:#fff;line-height:1.45}
h1{font-size:1.5em;margin-bottom:0}h2{border-bottom:2px solid #e4e7eb;padding-bottom:4px;margin-top:28px}
.muted{color:#616e7c;font-size:.9em}.topic{border:1px solid #e4e7eb;border-radius:8px;padding:12px 16px;
margin:14px 0}.topic h3{margin:0 0 6px}.why{margin:6px 0}.caution{background:#fff4e6;border-left:4px solid
#d9480f;padding:6px 10px;margin:8px 0}.alert{background:#ffe3e3;border-left:4px solid #c92a2a;
padding:6px 10px;margin:8px 0}.idea{margin:4px 0}.fmt{display:inline-block;background:#e7f5ff;color:#1864ab;
border-radius:4px;padding:0 6px;font-size:.85em}.kw{color:#616e7c}ul,ol{padding-left:20px}
a{overflow-wrap:anywhere}li,p{overflow-wrap:break-word}.chart{overflow-x:auto}
""".strip()


def h(text: object) -> str:
    """Escape untrusted text for HTML content and attributes."""
    return escape(str(text), quote=True)


def link(title: str, url: str | None) -> str:
    """An ``<a>`` for an http(s) URL; the escaped title alone otherwise."""
    safe = safe_url(url)
    label = h(cap_text(title) if title else safe or "")
    if not safe:
        return label
    return f'<a href="{h(safe)}" rel="noopener noreferrer">{label}</a>'


def _topic(d: DigestTopic, lang: str, tz: str, measured: bool = True) -> str:
    tp = d.topic
    caption = f"{t('weekly_volume', lang)}{colon(lang)}" + ", ".join(f"{w} {n}" for w, n in tp.weekly_counts)
    parts = [
        '<section class="topic">',
        f"<h3>{d.rank}. {h(tp.label)}</h3>",
        f'<p class="why"><strong>{h(t("why_now", lang))}</strong>{colon(lang)}{h(d.why_now)}</p>',
    ]
    if tp.weekly_counts:
        parts.append(f'<div class="chart">{html_bars(tp.weekly_counts, caption)}</div>')
    parts.append(
        f'<p class="strength"><strong>{h(t("strength", lang))}</strong>{colon(lang)}'
        f"{h(strength_text(tp.score, lang, measured))}</p>"
    )
    parts.append(f'<p class="kw">{h(t("keywords", lang))}{colon(lang)}{h(", ".join(tp.keywords))}</p>')
    for flag in d.caution:
        parts.append(
            f'<p class="caution">⚠ <strong>{h(t("caution", lang))}</strong>{colon(lang)}{h(flag)}</p>'
        )
    parts.append(f"<p><strong>{h(t('sources', lang))}</strong></p><ul>")
    for a in tp.articles:
        day = date_text(a.published.astimezone(ZoneInfo(tz)).date(), lang)
        parts.append(f'<li>{link(a.title, a.url)} <span class="muted">— {h(a.source)}, {h(day)}</span></li>')
    if more_articles(tp):
        parts.append(f'<li class="muted">{h(more_sources_text(tp, lang))}</li>')
    parts.append(f"</ul><p><strong>{h(t('ideas', lang))}</strong></p><ol>")
    if not d.ideas:
        parts.append(f"<li>{h(t('no_ideas', lang))}</li>")
    for idea in d.ideas:
        slot = idea_slot_line(idea, lang)
        parts.append(
            f'<li class="idea"><strong>{h(idea.title)}</strong> <span class="fmt">'
            f"{h(format_label(idea.format, lang))}</span> "
            f'<span class="muted">{h(t("slot", lang))}{colon(lang)}{h(slot)}</span>'
            + (f'<br><span class="muted">↳ {h(render_msg("digest.idea_evidence", lang))}{colon(lang)}'
               f"{link(idea.evidence, idea.evidence_url)}</span>" if idea.evidence else "")  # ideas engineer
            + "</li>"
        )  # fmt: skip
    parts.append("</ol></section>")
    return "\n".join(parts)


def render_html(digest: Digest) -> str:
    """The whole digest as an HTML page."""
    lang, tz = digest.language, digest.timezone
    title = t("title", lang, week=digest.week)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{h(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{h(title)}</h1>",
    ]
    if digest.start and digest.end:
        start = digest.start.astimezone(ZoneInfo(tz)).date()
        last = digest.end.astimezone(ZoneInfo(tz)).date() - dt.timedelta(days=1)
        period = t("period", lang, start=date_text(start, lang), end=date_text(last, lang), tz=tz)
        out.append(f'<p class="muted">{h(period)}</p>')
    first, *rest = lead_lines(digest)
    out.append(f"<p>{h(first)}</p>")
    out += [f'<p class="muted">{h(x)}</p>' for x in rest]
    alerts = alert_lines(digest)
    if alerts:
        out.append(f"<h2>⚠ {h(t('alerts', lang))}</h2>")
        for headline, steps, links in alerts:
            items = "".join(f"<li>{h(s)}</li>" for s in steps)
            items += "".join(f"<li>{link(title_, url)}</li>" for title_, url in links[:3])
            out.append(f'<div class="alert"><strong>{h(headline)}</strong><ul>{items}</ul></div>')
    notes = shown_notes(digest)
    if notes:
        out.append(f"<h2>{h(t('notes', lang))}</h2><ul>")
        out += [f"<li>{h(n)}</li>" for n in notes]
        out.append("</ul>")
    for heading, intro, entries in restraint_sections(digest):  # crisis, restraint, context
        out.append(f"<h2>{h(heading)}</h2>" + (f'<p class="muted">{h(intro)}</p>' if intro else ""))
        for head, sub, refs in entries:
            lis = "".join(f"<li>{h(x)}</li>" for x in sub)
            lis += "".join(f"<li>{link(a, u)}</li>" for a, u in refs)
            out.append(f'<div class="caution"><strong>{h(head)}</strong><ul>{lis}</ul></div>')
    if digest.topics or digest.n_entries:
        out.append(f"<h2>{h(t('topics', lang))}</h2>")
    if not digest.topics and digest.n_entries:
        out.append(f"<p>{h(t('no_topics', lang))}</p>")
    out += [_topic(d, lang, tz, digest.growth_measured) for d in digest.topics]
    sections = search_sections(digest)
    if sections or digest.faq_ideas:
        out.append(f"<h2>{h(t('search', lang))}</h2>")
        for key, lines in sections:
            out.append(f"<p><strong>{h(t(key, lang))}</strong></p><ul>")
            out += [f"<li>{h(x)}</li>" for x in lines]
            out.append("</ul>")
        if digest.faq_ideas:
            out.append(f"<p><strong>{h(t('ideas', lang))} ({h(t('faq', lang))})</strong></p><ul>")
            out += [f"<li>{h(x)}</li>" for x in digest.faq_ideas]
            out.append("</ul>")
    used = used_lines(digest)
    if used:
        out.append(f"<h2>{h(t('used', lang))}</h2><ul>")
        out += [f"<li>{h(x)}</li>" for x in used]
        out.append("</ul>")
    out.append(f'<p class="muted">{h(generated_text(digest))}</p></body></html>')
    return "\n".join(out) + "\n"
