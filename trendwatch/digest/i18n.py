"""Digest wording in French and English: fixed templates, numbers and dates formatted per language."""

from __future__ import annotations

import datetime as dt

from trendwatch.messages import format_label as messages_format_label
from trendwatch.messages import render

LANGUAGES = ("fr", "en")

_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}

_RELATIVE_DAYS = {"en": ("tonight", "tomorrow", "this weekend"), "fr": ("ce soir", "demain", "ce week-end")}


def day_word(text: str, lang: str) -> str:
    """``text`` (a day a title gives) in ``lang`` when it is a day word of the other language
    ("tonight" in a French digest is "ce soir", "mardi" in an English one "Tuesday")."""
    key = " ".join(text.lower().split())
    for other in LANGUAGES:
        words = [d.lower() for d in _DAYS[other]] + list(_RELATIVE_DAYS[other])
        if other != lang and lang in _DAYS and key in words:
            return (list(_DAYS[lang]) + list(_RELATIVE_DAYS[lang]))[words.index(key)]
    return text


def t(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang`` with its placeholders filled, from the ``[digest]`` table of
    the message catalogue."""
    return render(f"digest.{key}", lang, **values)


def colon(lang: str) -> str:
    """The colon with its spacing: a space before it in French typography, none in English."""
    return " : " if lang == "fr" else ": "


def format_label(fmt: str, lang: str) -> str:
    """A format key (``short_video``) as a reader sees it (``vidéo courte``): the ``[digest]
    format_<key>`` messages of the catalogue."""
    return messages_format_label(fmt, lang)


def number(value: float, lang: str, digits: int = 1) -> str:
    """``1.2`` in English, ``1,2`` in French; whole numbers without decimals."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def plural(n: int, one_key: str, many_key: str, lang: str) -> str:
    """The singular or plural word for ``n`` (French: 0 and 1 take the singular)."""
    single = n <= 1 if lang == "fr" else n == 1
    return t(one_key if single else many_key, lang)


def evidence_sentence(n_articles: int, n_sources: int, baseline_mean: float, lang: str) -> str:
    """The evidence in words, e.g. ``14 articles from 6 sources this week, 1.2 a week before``."""
    words = {
        "n": n_articles,
        "articles": plural(n_articles, "article", "articles", lang),
        "s": n_sources,
        "sources": plural(n_sources, "source", "sources_word", lang),
    }
    if baseline_mean <= 0:
        return t("evidence_new", lang, **words)
    return t("evidence", lang, base=number(baseline_mean, lang), **words)


def overview_sentence(n_entries: int, n_sources: int, n_topics: int, lang: str) -> str:
    """The digest's first line: how much was read and how many topics came out."""
    return t(
        "overview",
        lang,
        n_entries=n_entries,
        articles=plural(n_entries, "article", "articles", lang),
        n_sources=n_sources,
        sources=plural(n_sources, "source", "sources_word", lang),
        n_topics=n_topics,
        topics=plural(n_topics, "topic_one", "topic_many", lang),
    )


def slot_text(slot: dt.datetime, lang: str) -> str:
    """A slot as ``Tuesday 3 March, 12:30`` / ``mardi 3 mars, 12:30`` (in its own time zone)."""
    day = _DAYS[lang][slot.weekday()]
    month = _MONTHS[lang][slot.month - 1]
    return f"{day} {slot.day} {month}, {slot:%H:%M}"


def day_text(day: dt.date, lang: str) -> str:
    """A day as ``Sunday 25 September`` / ``dimanche 25 septembre``."""
    return f"{_DAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]}"


def date_text(day: dt.date, lang: str) -> str:
    """A date as ``3 March 2026`` / ``3 mars 2026``."""
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}"
