"""Checks of the settings sections that a plain type check can't make, one function per section.

A leaf beside :mod:`trendwatch.config` (which calls :func:`check_sections` once every section is
built): it imports nothing of the later stages, so reading a config never loads ``cm``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from trendwatch.errors import ConfigError
from trendwatch.stopwords import TOO_COMMON_TO_WATCH as STOP_WORDS
from trendwatch.textfold import fold

if TYPE_CHECKING:
    from trendwatch.config import BrandSettings, GuidelinesSettings, Settings

__all__ = ["STOP_WORDS", "check_brand", "check_guidelines", "check_sections"]

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _check_terms(key: str, terms: Iterable[str], source: str) -> None:
    """Every watched term can match: it has letters or digits and is not a common word."""
    for term in terms:
        folded = fold(term).strip()
        if not re.search(r"\w", folded):
            raise ConfigError(
                f"{key} has {term!r}, which has no letters or digits to match. Fix: remove it "
                "or write the word itself.",
                path=source,
                key=key,
            )
        if folded in STOP_WORDS:
            raise ConfigError(
                f"{key} has {term!r}, a common word that would match almost every article. "
                'Fix: write the full name as articles spell it (e.g. "Le Slip Français", '
                'not "le"), or remove it.',
                path=source,
                key=key,
            )


def check_brand(b: BrandSettings, source: str) -> None:
    """Raise :class:`ConfigError` for a [brand] term that can't work (empty, a stop word, clashing)."""
    for key, terms in (
        ("[brand] names", b.names),
        ("[brand] aliases", b.aliases),
        ("[brand] products", b.products),
        ("[brand] competitors", b.competitors),
    ):
        for t in terms:
            if not t.strip():
                raise ConfigError(f"{key} has an empty name. Fix: remove it.", path=source, key=key)
    for key, terms in (
        ("[brand] names", b.names),
        ("[brand] aliases", b.aliases),
        ("[brand] products", b.products),
        ("[brand] competitors", b.competitors),
        ("[brand] exclude", b.exclude),
    ):
        _check_terms(key, terms, source)
    if (b.aliases or b.products) and not b.names:
        raise ConfigError(
            '[brand] has aliases or products but no names. Fix: add `names = ["YourBrand"]` '
            "(aliases count as the first name).",
            path=source,
            key="[brand] names",
        )
    own = {fold(t).strip(): t for t in (*b.names, *b.aliases, *b.products)}
    for term in b.competitors:
        if fold(term).strip() in own:
            raise ConfigError(
                f"[brand] competitors has {term!r}, which is also one of your names or products. "
                "Fix: keep it in one list only.",
                path=source,
                key="[brand] competitors",
            )
    if not _ENV_NAME.match(b.alert_webhook_env):
        raise ConfigError(
            f"[brand] alert_webhook_env = {b.alert_webhook_env!r} is not an environment variable name. "
            'Fix: give the variable\'s name (e.g. "TRENDWATCH_ALERT_WEBHOOK_URL"), never the URL itself.',
            path=source,
            key="[brand] alert_webhook_env",
        )


def check_guidelines(g: GuidelinesSettings, source: str) -> None:
    """Raise :class:`ConfigError` for a [guidelines] term that can't work (no letters, a stop word)."""
    for key, terms in (
        ("[guidelines] forbidden", g.forbidden),
        ("[guidelines] sensitive", g.sensitive),
        ("[guidelines] confidential", g.confidential),
    ):
        _check_terms(key, terms, source)


def check_sections(settings: Settings) -> None:
    """Run each section's own check ([brand], then [guidelines])."""
    check_brand(settings.brand, settings.source)
    check_guidelines(settings.guidelines, settings.source)
