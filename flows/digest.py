"""The digest flow: write the week's digest and calendar (and any week a missed run left
unwritten), then show the latest digest in the Prefect UI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.settings import settings_for
from trendwatch.publish_week import CATCH_UP_WEEKS, write_digests

DIGEST_ARTIFACT_KEY = "weekly-digest"
TOPICS_ARTIFACT_KEY = "weekly-topics"


@task(name="write-digests")
def write_digests_task(
    config: str, week: str | None = None, catch_up: int = CATCH_UP_WEEKS
) -> list[dict[str, Any]]:
    """Write the digest and calendar of ``week`` (default: the last complete week, plus the weeks
    missed since the last digest); returns ``{"week", "topics", "files"}`` per week, oldest first."""
    written = write_digests(settings_for(config), week, catch_up=catch_up)
    for w in written:
        get_run_logger().info("digest %s: %d topic(s), files in %s", w.week, w.topics,
                              next(iter(w.files.values())).parent)  # fmt: skip
    return [{"week": w.week, "topics": w.topics, "files": w.paths()} for w in written]


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


@flow(name="trendwatch-digest")
def digest_flow(config: str, week: str | None = None, catch_up: int = CATCH_UP_WEEKS) -> list[dict[str, Any]]:
    """Write the digests (see :func:`write_digests_task`) and add the latest one's artifacts."""
    written = write_digests_task(config, week, catch_up)
    publish_artifacts(written[-1]["files"])
    return written
