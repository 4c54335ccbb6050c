"""`trendwatch init [DIR]`: a commented starter config and an empty store."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "init"
HELP = "write a commented starter trendwatch.toml in DIR and create the store"
EXAMPLE = "trendwatch init ~/veille && $EDITOR ~/veille/trendwatch.toml"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), help="folder (default: current)")
    p.add_argument("--force", action="store_true", help="overwrite an existing trendwatch.toml")


def run(args: argparse.Namespace) -> int:
    from trendwatch.config import DEFAULT_CONFIG, load_settings, starter_config
    from trendwatch.errors import ConfigError
    from trendwatch.store.db import connect

    folder: Path = args.dir
    path = folder / DEFAULT_CONFIG
    if path.exists() and not args.force:
        raise ConfigError(
            f"{path} already exists: edit it to add feeds, then run `trendwatch --config {path} ingest` "
            "(--force would overwrite it with the starter config).",
            path=str(path),
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(starter_config(), encoding="utf-8")
    except OSError as e:
        raise ConfigError(
            f"can't write the starter config: {e.strerror or e}. Choose a folder you can write to: "
            "`trendwatch init ~/veille`.",
            path=str(path),
        ) from e
    settings = load_settings(path)
    connect(settings.store_path).close()
    print(f"wrote {path}\ncreated the store {settings.store_path}")
    print(f"next: list your feeds in {path}, then `trendwatch --config {path} ingest`")
    return 0
