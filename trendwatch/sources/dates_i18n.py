"""Dates written with non-English month and day names ("Seg, 24 Set 2018", "24 septembre 2018").

Feeds from French, Spanish, Portuguese, Italian, German and Dutch sites often write their dates
in their own language, which RFC 822 parsers (feedparser's included) can't read: the entry would
then be dated by its fetch time. :func:`parse_foreign_date` reads the day-month-year forms those
feeds use, with a time and a zone when given (no zone: UTC, as feedparser assumes). The leading
day name, if any, is skipped, so day names need no table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Month names and abbreviations, without accents, lower case: en, fr, es, pt, it, de, nl.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("jan", "january", "janv", "janvier", "ene", "enero", "janeiro", "gen", "gennaio", "januar",
        "januari"),
    2: ("feb", "february", "fev", "fevr", "fevrier", "febrero", "fevereiro", "febbraio", "februar",
        "februari"),
    3: ("mar", "march", "mars", "marzo", "marco", "marz", "mrz", "mrt", "maart"),
    4: ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
    5: ("may", "mai", "mayo", "maio", "mag", "maggio", "mei"),
    6: ("jun", "june", "juin", "junio", "junho", "giu", "giugno", "juni"),
    7: ("jul", "july", "juil", "juillet", "julio", "julho", "lug", "luglio", "juli"),
    8: ("aug", "august", "aout", "ago", "agosto", "augustus"),
    9: ("sep", "sept", "september", "septembre", "septiembre", "set", "setembro", "sett", "settembre"),
    10: ("oct", "october", "octobre", "octubre", "out", "outubro", "ott", "ottobre", "okt", "oktober"),
    11: ("nov", "november", "novembre", "noviembre", "novembro"),
    12: ("dec", "december", "decembre", "dic", "diciembre", "dez", "dezembro", "dicembre", "dezember"),
}
MONTHS: dict[str, int] = {name: month for month, names in _MONTH_NAMES.items() for name in names}

# Zone names seen in such feeds; an unknown one is read as UTC, as feedparser does.
ZONES: dict[str, int] = {  # minutes east of UTC
    "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "west": 60, "cet": 60, "cest": 120, "mez": 60,
    "mesz": 120, "eet": 120, "eest": 180, "brt": -180, "art": -180, "hora": 0,
}

_DATE = re.compile(
    r"^(?:[a-z]+\.?,?\s+)?"  # a day name: "seg,", "lun.", "mo,", "dimanche"
    r"(\d{1,2})(?:er|º|°)?\.?\s+(?:de\s+)?"  # day: "24", "1er", "24." (de), "24 de" (es, pt)
    r"([a-z]+)\.?,?\s+(?:de\s+)?"  # month name: "set", "sept.", "septembre", "de septiembre de"
    r"(\d{4})"  # year
    r"(?:,?\s+(?:a\s+|as\s+|a\s+las\s+|alle\s+|um\s+|om\s+|-\s+)?"  # "à", "às", "a las", "um", "om"
    r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\s*uhr)?)?"  # time: "10:00", "10h00", "10:00:05 Uhr"
    r"\s*([a-z]+|[+-]\d{2}:?\d{2})?$"  # zone: "gmt", "cest", "+0200", "+02:00"
)


def _fold(text: str) -> str:
    """Lower case, accents removed ("Août" -> "aout", "Mär" -> "mar"), spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def parse_foreign_date(text: str) -> dt.datetime | None:
    """An aware UTC datetime from a day-month-year date in one of the languages above, or None."""
    m = _DATE.match(_fold(text))
    if m is None:
        return None
    day, month_name, year, hour, minute, second, zone = m.groups()
    month = MONTHS.get(month_name)
    if month is None:
        return None
    offset = _zone_minutes(zone)
    if offset is None:
        return None
    try:
        when = dt.datetime(int(year), month, int(day), int(hour or 0), int(minute or 0), int(second or 0),
                           tzinfo=dt.UTC)
    except ValueError:  # 31 September, 25:00
        return None
    return when - dt.timedelta(minutes=offset)


def _zone_minutes(zone: str | None) -> int | None:
    """Minutes east of UTC for a zone designator; None when it is no zone at all."""
    if not zone:
        return 0
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4])
        return -minutes if zone[0] == "-" else minutes
    if len(zone) > 5:
        return None  # a word, not a zone: the text was something else
    return ZONES.get(zone, 0)
