"""What the e-mail subject, its plain-text part and the chat summary say.

Open crisis alerts come first; a sensitive topic never leads a subject line; feed text is one
capped line with chat mention and link syntax (``<!here>``, ``<url|text>``, ``@everyone``) made
inert. Texts come from the ``[publish]`` table of the message catalogue.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from trendwatch.errors import PublishError
from trendwatch.messages import render
from trendwatch.safe_text import chat_escape, one_line

SUMMARY_TOPICS = 3


def _labels(digest_json: Mapping[str, Any]) -> list[str]:
    return [str(t.get("label", "")) for t in digest_json.get("topics", [])]


def _alerts(digest_json: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [a for a in digest_json.get("alerts", []) or [] if isinstance(a, Mapping)]


def _chat(text: object) -> str:
    """Feed text on one line with chat mention and link syntax made inert."""
    return chat_escape(one_line(str(text), 120))


def subject_line(digest_json: Mapping[str, Any], language: str) -> str:
    """E-mail subject: open alerts first, then the week and its top topic that isn't sensitive (a
    death or a disaster never leads a subject line: then the subject gives the number of topics)."""
    week = str(digest_json.get("week", ""))
    head = render("publish.brand", language, week=week)
    topics = list(digest_json.get("topics", []))
    lead = next((str(t.get("label", "")) for t in topics if not t.get("sensitive")), None)
    if lead:
        text = render("publish.subject_topic", language, head=head, lead=_chat(lead))
    elif topics:
        key = "publish.subject_topics_one" if len(topics) == 1 else "publish.subject_topics"
        text = render(key, language, head=head, n=len(topics))
    else:
        text = render("publish.subject_none", language, head=head)
    names = list(dict.fromkeys(_chat(a.get("name", "")) for a in _alerts(digest_json)))
    if names:
        text = render("publish.subject_alert", language, name=", ".join(names)) + " · " + text
    return text


def summary_text(
    digest_json: Mapping[str, Any], link: str | None, language: str, *, no_link: str | None = None
) -> str:
    """A short chat message: open alerts first, the week, the top topics, and a link to the full
    digest (``link``, an http(s) address) or, without one, ``no_link`` saying where it went."""
    week = str(digest_json.get("week", ""))
    topics = list(digest_json.get("topics", []))
    lines = [
        render(
            "publish.summary_alert",
            language,
            name=_chat(a.get("name", "")),
            message=_chat(a.get("message", "")),
        )
        for a in _alerts(digest_json)
    ]
    single = len(topics) == 1 or (language == "fr" and not topics)  # French: 0 takes the singular
    head = "publish.summary_head_one" if single else "publish.summary_head"
    lines.append(render(head, language, week=week, n=len(topics)))
    for i, t in enumerate(topics[:SUMMARY_TOPICS], 1):
        line = f"{i}. {_chat(t.get('label', ''))}"
        first = next(iter(t.get("articles", []) or []), None)
        if link is None and isinstance(first, Mapping) and is_http(str(first.get("url") or "")):
            line += f" — {_chat(first.get('title', ''))} {first.get('url')}"  # inline: the best article
        lines.append(line)
    if not topics:
        lines.append(render("publish.summary_none", language))
    if link is not None:
        if not is_http(link):
            raise PublishError(f"refusing to post the link {link!r}: only http(s) links reach a teammate.")
        lines.append(render("publish.summary_link", language, url=link))
    elif no_link:
        lines.append(no_link)
    return "\n".join(lines)


def plain_text(digest_json: Mapping[str, Any], language: str) -> str:
    """Plain-text alternative of the e-mail: alerts, then the ranked topics and their best articles."""
    out = [subject_line(digest_json, language), ""]
    for a in _alerts(digest_json):
        out.append(render("publish.summary_alert", language, name=one_line(str(a.get("name", ""))),
                          message=one_line(str(a.get("message", "")))))  # fmt: skip
    if out[-1]:
        out.append("")
    for t in digest_json.get("topics", []):
        out.append(f"{t.get('rank', '')}. {one_line(str(t.get('label', '')))}")
        for a in list(t.get("articles", []))[:2]:
            out.append(f"   - {one_line(str(a.get('title', '')))} ({a.get('source', '')}) {a.get('url', '')}")
    return "\n".join(out) + "\n"


def is_http(url: str) -> bool:
    """True for an http(s) address (what a teammate's browser can open)."""
    return urllib.parse.urlsplit(url).scheme in ("http", "https")
