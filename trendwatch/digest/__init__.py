"""The weekly digest: ranked emerging topics, the evidence in words, content ideas with caution
flags and publication slots, rendered as Markdown, HTML or JSON and persisted in the store."""

from __future__ import annotations

from pathlib import Path

from trendwatch.digest.build import digest_from_analysis, make_digest
from trendwatch.digest.model import Digest, DigestTopic
from trendwatch.digest.render_html import render_html
from trendwatch.digest.render_json import render_json
from trendwatch.digest.render_md import render_markdown
from trendwatch.errors import DigestError

FORMATS = ("md", "html", "json")


def render(digest: Digest, fmt: str) -> str:
    """The digest as text in ``fmt``: md, html or json."""
    if fmt == "md":
        return render_markdown(digest)
    if fmt == "html":
        return render_html(digest)
    if fmt == "json":
        return render_json(digest)
    raise DigestError(f"unknown digest format {fmt!r}. Fix: use one of {', '.join(FORMATS)}.")


def write_digest_files(
    digest: Digest, folder: Path, formats: tuple[str, ...] | list[str] = FORMATS
) -> dict[str, Path]:
    """Write ``digest-<week>.<ext>`` for each format into ``folder``; returns the paths by format."""
    folder = Path(folder)
    texts = {fmt: render(digest, fmt) for fmt in formats}  # render all before writing any
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        for fmt, text in texts.items():
            path = folder / f"digest-{digest.week}.{fmt}"
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            paths[fmt] = path
    except OSError as e:
        raise DigestError(
            f"can't write the digest files in {folder}: {e}. Check the folder's permissions."
        ) from e
    return paths


__all__ = [
    "Digest",
    "DigestTopic",
    "FORMATS",
    "digest_from_analysis",
    "make_digest",
    "render",
    "write_digest_files",
]
