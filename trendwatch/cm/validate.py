"""Checks of the [brand] and [guidelines] settings that a plain type check can't make."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from trendwatch.cm.matching import fold
from trendwatch.errors import ConfigError

if TYPE_CHECKING:
    from trendwatch.config import Settings

# Words too common to watch: a brand or guideline term equal to one would match most articles.
STOP_WORDS = frozenset(
    """
    a an and are as at be but by for from has have he her his i if in is it its me my no not of on or
    our she so that the their them they this to up us was we were what when which who will with you
    your all any can do does more new one out over than then there these those also just about into
    au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui
    ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous y est sont ete etre avoir fait plus tout tous toute toutes
    comme si sans sous entre chez vers l d j m n s t c
    """.split()
)
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_cm_settings(settings: Settings) -> None:
    """Raise :class:`ConfigError` for a watched term that can't work (empty, a stop word, clashing)."""
    source = settings.source
    b, g = settings.brand, settings.guidelines
    lists = (
        ("[brand] names", b.names),
        ("[brand] aliases", b.aliases),
        ("[brand] products", b.products),
        ("[brand] competitors", b.competitors),
        ("[brand] exclude", b.exclude),
        ("[guidelines] forbidden", g.forbidden),
        ("[guidelines] sensitive", g.sensitive),
        ("[guidelines] confidential", g.confidential),
    )
    for key, terms in lists:
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
