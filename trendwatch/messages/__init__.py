"""Notes as codes plus values, rendered from one message catalogue per language.

Every stage that tells the reader something (analysis caveats, alerts, calendar, publishing,
feedback) hands over a :class:`Note` — a code such as ``"analysis.thin_week"`` and its values —
never a finished sentence. The text lives in ``en.toml`` and ``fr.toml`` beside this file, one
table per stage, so a French digest can't silently fall back to English: a test walks every code
in both catalogues and checks they take the same placeholders.

    >>> Note("analysis.no_entries", {"week": "2022-W08"}).render("fr")
    'Aucun article publié en 2022-W08 : pas de sujet à signaler.'
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "Note", "UnknownMessageError", "catalogue", "format_label", "format_value", "render"]

LANGUAGES = ("en", "fr")
NNBSP = "\u202f"  # French thousands separator and space before %, ;, :, !, ?


class UnknownMessageError(KeyError):
    """A message code that no catalogue defines."""

    def __init__(self, code: str, lang: str) -> None:
        self.code = code
        self.lang = lang
        super().__init__(
            f"No message {code!r} in the {lang!r} catalogue: add it to trendwatch/messages/{lang}.toml"
        )


@dataclass(frozen=True, slots=True)
class Note:
    """Something to tell the reader: a catalogue code and the values its text needs."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The note's text in ``lang`` (``"en"`` or ``"fr"``)."""
        return render(self.code, lang, **self.values)

    def to_json(self, lang: str) -> dict[str, Any]:
        """``{"code", "values", "text"}``: machines read the code, people the text."""
        return {"code": self.code, "values": dict(self.values), "text": self.render(lang)}


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message of one language, keyed by ``stage.name``."""
    if lang not in LANGUAGES:
        raise ValueError(f"No message catalogue for language {lang!r}: use one of {', '.join(LANGUAGES)}")
    raw = tomllib.loads(resources.files(__package__).joinpath(f"{lang}.toml").read_text("utf-8"))
    out: dict[str, str] = {}
    for stage, table in raw.items():
        for name, text in table.items():
            out[f"{stage}.{name}"] = text
    return out


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields a message text takes."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_value(value: Any, lang: str) -> str:
    """A value as the reader's language writes it (French: decimal comma, narrow-space thousands)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", NNBSP) if lang == "fr" else text
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    if lang == "fr":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", NNBSP)
    return text


def render(code: str, lang: str, /, **values: Any) -> str:
    """The text of ``code`` in ``lang`` with its values filled in (numbers formatted per language)."""
    texts = catalogue(lang)
    if code not in texts:
        raise UnknownMessageError(code, lang)
    return texts[code].format(**{k: format_value(v, lang) for k, v in values.items()})


def format_label(fmt: str, lang: str) -> str:
    """A content format key (``short_video``) as the reader's language writes it (``vidéo courte``);
    an unknown key is shown as it is."""
    return catalogue(lang).get(f"digest.format_{fmt}", fmt)


def list_separator(lang: str) -> str:
    """The separator of a run of clauses: `` ; `` in French typography, ``; `` in English."""
    return " ; " if lang == "fr" else "; "
