"""The digest flow: analyse the week, build the digest, write its files and show it in the Prefect UI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task

DIGEST_ARTIFACT_KEY = "weekly-digest"
TOPICS_ARTIFACT_KEY = "weekly-topics"


@task(name="make-digest")
def make_digest_files(config: str, week: str | None = None) -> dict[str, str]:
    """Build (and store) the week's digest, then write its files first thing; returns paths by format."""
    from trendwatch.config import load_settings
    from trendwatch.digest import make_digest
    from trendwatch.publish import write_files

    settings = load_settings(config)
    digest = make_digest(settings, week)
    files = write_files(settings, digest)
    calendar = write_calendar_files(settings, digest.week, next(iter(files.values())).parent)
    get_run_logger().info(
        "digest %s: %d topic(s), files in %s",
        digest.week,
        len(digest.topics),
        next(iter(files.values())).parent,
    )
    return {fmt: str(path) for fmt, path in {**files, **calendar}.items()}


def write_calendar_files(settings: Any, week: str, folder: Path) -> dict[str, Path]:
    """The week's content calendar (.ics and .csv) beside the digest files."""
    from trendwatch.cm.calendar import write_calendar
    from trendwatch.store import open_store

    with open_store(settings.store_path, read_only=True) as con:
        return write_calendar(con, settings, week, folder)


def topic_rows(digest_json: dict[str, Any]) -> list[dict[str, Any]]:
    """The ranked topics as table rows (rank, topic, score, articles, best article)."""
    rows = []
    for t in digest_json.get("topics", []):
        articles = t.get("articles") or []
        rows.append(
            {
                "rank": t.get("rank"),
                "topic": t.get("label"),
                "keywords": ", ".join(t.get("keywords") or []),
                "score": round(float(t.get("score") or 0.0), 2),
                "articles": len(articles),
                "best article": articles[0].get("title") if articles else "",
            }
        )
    return rows


@task(name="digest-artifacts")
def publish_artifacts(files: dict[str, str]) -> list[str]:
    """A markdown artifact (key ``weekly-digest``) and a table of the ranked topics in the Prefect UI."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    made = []
    digest_json = json.loads(Path(files["json"]).read_text(encoding="utf-8")) if "json" in files else {}
    week = digest_json.get("week", "")
    if "md" in files:
        markdown = Path(files["md"]).read_text(encoding="utf-8")
        create_markdown_artifact(markdown=markdown, key=DIGEST_ARTIFACT_KEY, description=f"Digest {week}")
        made.append(DIGEST_ARTIFACT_KEY)
    if digest_json:
        create_table_artifact(
            table=topic_rows(digest_json) or [{"rank": None, "topic": "no emerging topic"}],
            key=TOPICS_ARTIFACT_KEY,
            description=f"Ranked topics {week}",
        )
        made.append(TOPICS_ARTIFACT_KEY)
    return made


def week_of(files: dict[str, str]) -> str:
    """The ISO week in a digest file name (digest-2026-W10.html -> 2026-W10)."""
    return Path(next(iter(files.values()))).stem.removeprefix("digest-")


@flow(name="trendwatch-digest")
def digest_flow(config: str, week: str | None = None) -> dict[str, str]:
    """Build the digest of ``week`` (default: the last complete week), write its files, add the artifacts."""
    files = make_digest_files(config, week)
    publish_artifacts(files)
    return files
