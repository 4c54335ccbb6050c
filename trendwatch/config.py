"""Settings: one frozen object per ``trendwatch.toml``, validated with messages that say the fix.

Each TOML table is a frozen dataclass below. A field's ``metadata`` may carry ``choices``,
``min``/``max`` and ``help``; validation is generic, so adding a key is adding a field (and a
line in ``starter.toml``, which a test keeps in step with these classes).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trendwatch.config_checks import check_sections
from trendwatch.errors import ConfigError

DEFAULT_CONFIG = "trendwatch.toml"
CONFIG_ENV = "TRENDWATCH_CONFIG"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _f(default: Any = dataclasses.MISSING, **meta: Any) -> Any:
    if isinstance(default, (list, dict)):
        value = default
        return field(default_factory=lambda: typing.cast(Any, type(value))(value), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class StoreSettings:
    path: str = _f("trendwatch.duckdb", help="DuckDB file, relative to the config file")
    lock_timeout_s: float = _f(0.0, min=0, help="seconds to wait for another run holding the store")
    memory_limit_mb: int = _f(
        128, min=64, help="DuckDB memory while ingest writes; beyond it rows spill to <store>.tmp"
    )


@dataclass(frozen=True)
class FetchSettings:
    concurrency: int = _f(100, min=1, max=1000, help="requests in flight at once, all hosts")
    per_host: int = _f(64, min=1, max=1000, help="requests in flight at once to one host")
    timeout_s: float = _f(20.0, min=0.1, help="whole-request timeout, seconds")
    connect_timeout_s: float = _f(10.0, min=0.1, help="connect timeout, seconds")
    max_bytes: int = _f(20_000_000, min=1024, help="largest body accepted, after decompression")
    min_interval_minutes: float = _f(
        30.0, min=0, help="don't refetch a feed fetched OK this recently (ingest --force does)"
    )
    backoff_after_failures: int = _f(3, min=1, help="consecutive failures before a feed is backed off")
    backoff_max_hours: float = _f(72.0, min=0, help="longest back-off; a backed-off feed is retried then")
    user_agent: str = _f("", help="empty: trendwatch/VERSION (+project URL)")
    allow_private_redirects: bool = _f(
        False,
        help="follow a redirect from a public feed host to a private, loopback or link-local address",
    )


@dataclass(frozen=True)
class FeedConfig:
    url: str = _f(help="http(s) URL, file:// URL or local path")
    name: str = _f("", help="short name shown in digests; default: the feed's own title")
    language: str = _f("", help="fr, en, ...; default: the feed's, else detected per entry")
    tags: list[str] = _f([], help="free labels, queryable in SQL")


@dataclass(frozen=True)
class TrendsSettings:
    enabled: bool = _f(False)
    keywords: list[str] = _f([])
    geo: str = _f("FR")
    timeframe: str = _f("today 3-m")
    category: int = _f(0, min=0)
    hl: str = _f("fr-FR")
    tz: int = _f(-60, help="minutes WEST of UTC, as Google/pytrends take it: Paris -60, New York 300")
    anchor: str = _f("", help="anchor term shared by every batch; default: the first keyword")
    related: bool = _f(True, help="fetch related queries (top and rising) per keyword")
    trending: bool = _f(True, help="fetch trending searches for the geo")
    cache_hours: float = _f(12.0, min=0, help="a re-run within this time reuses stored answers")
    max_requests: int = _f(30, min=1, help="request budget per run")
    max_retries: int = _f(3, min=0, help="retries of one request on 429/5xx")
    backoff_s: float = _f(5.0, min=0, help="first back-off delay; doubles with jitter")
    replay_dir: str = _f("", help="read recorded answers from this folder instead of Google (demo)")


@dataclass(frozen=True)
class AnalysisSettings:
    baseline_weeks: int = _f(8, min=1, max=104, help="earlier weeks a topic's growth is measured against")
    random_state: int = _f(0, help="seed for clustering: same store, same digest")
    min_articles: int = _f(
        3, min=1, help="stories of its own a topic needs (thin week, under 60 stories: 2 sharing a new name)"
    )
    min_sources: int = _f(1, min=1, help="fewest distinct feeds for a topic to be shown")
    min_score: float = _f(
        1.0, min=0, help="lowest emergence score shown: below about 1 a topic's growth is within noise"
    )


@dataclass(frozen=True)
class DigestSettings:
    top: int = _f(10, min=1, max=100)
    language: str = _f("fr", choices=("fr", "en"))
    timezone: str = _f("Europe/Paris", help="IANA time zone for weeks and publication slots")
    peak_hours: list[str] = _f(["09:00", "12:30", "18:00"], help="HH:MM slots ideas are placed in")
    publish_days: list[str] = _f(["mon", "tue", "wed", "thu", "fri"], help="days ideas are placed on")
    blocklist: list[str] = _f([], help="terms from your communication guidelines: flagged in ideas")
    sensitive_terms: list[str] = _f([], help="extra terms marking a topic 'inform, don't promote'")
    focus: list[str] = _f([], help="your sector's terms: on-sector topics get ideas, the rest is context")


@dataclass(frozen=True)
class PublishSettings:
    dir: str = _f("digests", help="folder for digest files, relative to the config file")
    formats: list[str] = _f(["md", "html", "json"])
    email_to: list[str] = _f([])
    email_from: str = _f("")
    smtp_host: str = _f("")
    smtp_port: int = _f(587, min=1, max=65535)
    smtp_user: str = _f("")
    smtp_starttls: bool = _f(True)
    smtp_password_env: str = _f("TRENDWATCH_SMTP_PASSWORD", help="env var holding the SMTP password")
    webhook_url_env: str = _f("TRENDWATCH_WEBHOOK_URL", help="env var holding the chat webhook URL")
    secret_block: str = _f("", help="Prefect Secret block holding the SMTP password, if any")
    base_url: str = _f("", help="http(s) address where the [publish] dir is served; chat links point there")


@dataclass(frozen=True)
class BrandSettings:
    names: list[str] = _f([])
    aliases: list[str] = _f([])
    products: list[str] = _f([])
    competitors: list[str] = _f([])
    exclude: list[str] = _f([], help="homonyms that are not you, e.g. 'orange mécanique'")
    alert_sigma: float = _f(3.0, min=0)
    alert_min_count: int = _f(5, min=1)
    alert_weeks: int = _f(8, min=2, max=52, help="earlier weeks a name's mentions are compared with")
    alert_webhook_env: str = _f("TRENDWATCH_ALERT_WEBHOOK_URL")


@dataclass(frozen=True)
class GuidelinesSettings:
    forbidden: list[str] = _f([])
    sensitive: list[str] = _f([])
    confidential: list[str] = _f([])


@dataclass(frozen=True)
class CalendarSettings:
    posts_per_day: int = _f(2, min=1, max=24)
    days_off: list[str] = _f(["sat", "sun"])
    event_minutes: int = _f(30, min=5, max=480, help="length of each calendar event")


@dataclass(frozen=True)
class Settings:
    """Everything read from one ``trendwatch.toml``; ``base_dir`` anchors relative paths."""

    store: StoreSettings = field(default_factory=StoreSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    feeds: tuple[FeedConfig, ...] = ()
    trends: TrendsSettings = field(default_factory=TrendsSettings)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)
    brand: BrandSettings = field(default_factory=BrandSettings)
    guidelines: GuidelinesSettings = field(default_factory=GuidelinesSettings)
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    base_dir: Path = Path(".")
    source: str = "<defaults>"

    def resolve(self, path: str) -> Path:
        """A path from the config, made absolute against the config file's folder."""
        p = Path(os.path.expanduser(path))
        return p if p.is_absolute() else (self.base_dir / p).resolve()

    @property
    def store_path(self) -> Path:
        return self.resolve(self.store.path)


SECTIONS: dict[str, type] = {
    "store": StoreSettings,
    "fetch": FetchSettings,
    "trends": TrendsSettings,
    "analysis": AnalysisSettings,
    "digest": DigestSettings,
    "publish": PublishSettings,
    "brand": BrandSettings,
    "guidelines": GuidelinesSettings,
    "calendar": CalendarSettings,
}


# ------------------------------------------------------------------ loading


def default_config_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG))


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read and validate a config file. Raises :class:`ConfigError` naming key, value and fix."""
    p = Path(path) if path is not None else default_config_path()
    if not p.exists():
        raise ConfigError(
            f"no config file at {p.resolve()}. Create one with `trendwatch init {p.parent}` "
            "or pass --config FILE.",
            path=str(p),
        )
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}. Fix the syntax at that line.", path=str(p)) from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"can't read the file: {e}", path=str(p)) from e
    return settings_from_dict(data, base_dir=p.resolve().parent, source=str(p))


def settings_from_dict(
    data: Mapping[str, Any], *, base_dir: Path | str = ".", source: str = "<dict>"
) -> Settings:
    """Validate an already-parsed TOML document (tests build settings this way)."""
    known = set(SECTIONS) | {"feeds"}
    unknown = [k for k in data if k not in known]
    if unknown:
        raise ConfigError(_unknown_message(unknown[0], known, ""), path=source, key=unknown[0])
    kwargs: dict[str, Any] = {}
    for name, cls in SECTIONS.items():
        raw = data.get(name, {})
        if not isinstance(raw, Mapping):
            raise ConfigError(
                f"[{name}] must be a table, got {type(raw).__name__} {raw!r}. Write it as `[{name}]`.",
                path=source,
                key=name,
            )
        kwargs[name] = _build(cls, raw, f"[{name}]", source)
    feeds_raw = data.get("feeds", [])
    if not isinstance(feeds_raw, list) or not all(isinstance(f, Mapping) for f in feeds_raw):
        raise ConfigError(
            "feeds must be an array of tables: write each feed as a `[[feeds]]` block with `url = ...`.",
            path=source,
            key="feeds",
        )
    feeds = tuple(_build(FeedConfig, f, f"[[feeds]] #{i + 1}", source) for i, f in enumerate(feeds_raw))
    _check_feeds(feeds, source)
    settings = Settings(**kwargs, feeds=feeds, base_dir=Path(base_dir), source=source)
    _check_cross(settings)
    return settings


def _unknown_message(key: str, known: set[str], where: str) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return (
        f"unknown key {where}{' ' if where else ''}{key!r}.{hint} "
        f"Known keys here: {', '.join(sorted(known))}."
    )


def _build(cls: type, raw: Mapping[str, Any], where: str, source: str) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in raw:
        if key not in fields:
            raise ConfigError(_unknown_message(key, set(fields), where), path=source, key=f"{where} {key}")
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ConfigError(f"{where} is missing {name!r}: add `{name} = ...`.", path=source, key=name)
            continue
        values[name] = _coerce(raw[name], hints[name], f, where, source)
    return cls(**values)


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return "a list of " + _type_name(typing.get_args(tp)[0]) + "s"
    return {str: "string", int: "integer", float: "number", bool: "true/false"}.get(tp, str(tp))


def _coerce(value: Any, tp: Any, f: dataclasses.Field[Any], where: str, source: str) -> Any:
    key = f"{where} {f.name}"

    def bad(expected: str, fix: str = "") -> ConfigError:
        fix = fix or f"write e.g. `{f.name} = {_example(tp, f)}`"
        return ConfigError(
            f"{key} = {value!r}: expected {expected}, got {type(value).__name__}. Fix: {fix}.",
            path=source,
            key=key,
        )

    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
        origin = typing.get_origin(tp)
    if origin in (list, tuple):
        (item_tp, *_rest) = typing.get_args(tp)
        if not isinstance(value, list):
            raise bad(_type_name(tp))
        if not all(isinstance(v, item_tp) and not isinstance(v, bool) for v in value):
            raise bad(_type_name(tp))
        out: Any = list(value)
    elif tp is bool:
        if not isinstance(value, bool):
            raise bad("true or false")
        out = value
    elif tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad("an integer")
        out = value
    elif tp is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise bad("a number")
        out = float(value)
    elif tp is str:
        if not isinstance(value, str):
            raise bad("a string", f'quote it: `{f.name} = "{value}"`')
        out = value
    else:  # pragma: no cover - a programming error in this module
        raise TypeError(f"unsupported config type {tp!r} for {key}")
    meta = f.metadata
    choices = meta.get("choices")
    if choices is not None and out not in choices:
        raise ConfigError(
            f"{key} = {value!r} is not allowed. Fix: use one of {', '.join(map(repr, choices))}.",
            path=source,
            key=key,
        )
    lo, hi = meta.get("min"), meta.get("max")
    if isinstance(out, (int, float)) and ((lo is not None and out < lo) or (hi is not None and out > hi)):
        rng = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise ConfigError(f"{key} = {value!r} is out of range. Fix: use a value {rng}.", path=source, key=key)
    return out


def _example(tp: Any, f: dataclasses.Field[Any]) -> str:
    default = f.default if f.default is not dataclasses.MISSING else None
    if default is None and f.default_factory is not dataclasses.MISSING:
        default = f.default_factory()
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, (int, float)):
        return repr(default)
    if isinstance(default, list):
        return "[" + ", ".join(f'"{v}"' for v in default) + "]" if default else '["..."]'
    return f'"{default or "..."}"'


def _check_feeds(feeds: tuple[FeedConfig, ...], source: str) -> None:
    seen: dict[str, int] = {}
    for i, feed in enumerate(feeds, 1):
        url = feed.url.strip()
        if not url:
            raise ConfigError(f"[[feeds]] #{i} has an empty url. Fix: give the feed's address.", path=source)
        scheme = url.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", url) else ""
        if scheme and scheme not in ("http", "https", "file"):
            raise ConfigError(
                f"[[feeds]] #{i} url = {url!r}: scheme {scheme!r} is not supported. "
                "Fix: use an http(s) URL, a file:// URL or a local path.",
                path=source,
                key="feeds.url",
            )
        if url in seen:
            raise ConfigError(
                f"[[feeds]] #{i} url = {url!r} repeats feed #{seen[url]}. Fix: remove one of them.",
                path=source,
                key="feeds.url",
            )
        seen[url] = i


def _check_cross(s: Settings) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(s.digest.timezone)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigError(
            f"[digest] timezone = {s.digest.timezone!r} is not a known time zone. "
            'Fix: use an IANA name such as "Europe/Paris" or "America/New_York".',
            path=s.source,
            key="[digest] timezone",
        ) from e
    for hh in s.digest.peak_hours:
        if not _HHMM.match(hh):
            raise ConfigError(
                f'[digest] peak_hours has {hh!r}: expected HH:MM (24 h). Fix: e.g. "12:30".',
                path=s.source,
                key="[digest] peak_hours",
            )
    for key, days in (
        ("[digest] publish_days", s.digest.publish_days),
        ("[calendar] days_off", s.calendar.days_off),
    ):
        for d in days:
            if d not in WEEKDAYS:
                raise ConfigError(
                    f"{key} has {d!r}. Fix: use three-letter days: {', '.join(WEEKDAYS)}.",
                    path=s.source,
                    key=key,
                )
    if s.trends.enabled and not s.trends.keywords:
        raise ConfigError(
            "[trends] enabled = true but keywords is empty. Fix: list keywords, or set enabled = false.",
            path=s.source,
            key="[trends] keywords",
        )
    check_sections(s)  # [brand] and [guidelines] check themselves (trendwatch/config_checks.py)


def starter_config() -> str:
    """The commented starter ``trendwatch.toml`` that ``trendwatch init`` writes."""
    from importlib.resources import files

    return (files("trendwatch") / "starter.toml").read_text(encoding="utf-8")
