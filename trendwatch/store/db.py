"""Opening the DuckDB store: one writer at a time, migrations applied once, views refreshed."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trendwatch import __version__
from trendwatch.errors import StoreBusyError, StoreDamagedError, StoreError
from trendwatch.store.connection import Connection
from trendwatch.store.sqlfiles import load_sql, query_sql, sql_names

_LOCKED = re.compile(r"(Could not set lock|Conflicting lock|lock on file)", re.I)
_DAMAGED = re.compile(
    r"(Could not read enough bytes|Corrupt|checksum|not a valid DuckDB|invalid database|"
    r"database file .* (truncated|damaged)|Failed to read database header|block .* out of range)",
    re.I,
)
_DISK_FULL = re.compile(r"(No space left on device|ENOSPC|disk is full)", re.I)
_READ_ONLY_FS = re.compile(r"Read-only file system", re.I)
_SCHEMA = re.compile(r"(Binder Error|Catalog Error|does not have a column|Referenced column)", re.I)


def explain_error(e: BaseException, path: str | os.PathLike[str]) -> StoreError:
    """A DuckDB (or OS) error on the store as a :class:`StoreError` saying what happened to the
    file and what to do, instead of DuckDB's own words and a traceback; ``.path`` names the file."""
    err = _explain(e, path)
    err.path = str(path)
    return err


def _explain(e: BaseException, path: str | os.PathLike[str]) -> StoreError:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    if _DISK_FULL.search(str(e)) or getattr(e, "errno", None) == 28:
        return StoreError(
            f"No space left on device while writing the store {path}: what earlier batches "
            "committed is kept. Free some disk space and run the command again."
        )
    if _DAMAGED.search(str(e)):
        return StoreDamagedError(
            f"the store {path} is damaged ({text}). Restore it from your backup (copy the file "
            "back, with its .wal if there is one), or move it aside and run `trendwatch ingest` to "
            "start a new store: the feeds are fetched again, earlier weeks stay in the old file."
        )
    if _READ_ONLY_FS.search(str(e)):
        return StoreError(
            f"can't write the store {path}: the file system is read-only. Set [store] path to a "
            "folder you can write to."
        )
    if _SCHEMA.search(str(e)):
        return StoreError(
            f"the store {path} does not have the tables or columns this trendwatch expects "
            f"({text}). Was it changed by hand? Restore it from your backup, or move it aside and "
            "run `trendwatch ingest` to start a new one."
        )
    return StoreError(f"the store {path}: {text}")


# A read-only connection runs analysts' SQL: it may read the store and nothing else. DuckDB's
# security settings only ever tighten once set, and lock_configuration (last) freezes the rest,
# so a query can't `SET enable_external_access = true` back.
SANDBOX_SETTINGS = (
    "SET enable_external_access = false",  # no COPY TO, EXPORT, read_text, glob, ATTACH, http
    "SET autoinstall_known_extensions = false",  # INSTALL / auto-install never downloads
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET lock_configuration = true",
)
FILES_ALLOWED_SETTINGS = (  # `sql --allow-files`: files yes, extensions and downloads still no
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET lock_configuration = true",
)


def sandbox(con: Connection, *, allow_files: bool = False) -> Connection:
    """Lock a connection's configuration so that SQL run on it can't touch files (unless
    ``allow_files``), install or load extensions, or reach the network. Returns ``con``."""
    for statement in FILES_ALLOWED_SETTINGS if allow_files else SANDBOX_SETTINGS:
        con.execute(statement)
    return con


def bound_memory(con: Connection, path: str | os.PathLike[str], limit_mb: int) -> Connection:
    """Cap what DuckDB keeps in memory on ``con`` at ``limit_mb`` MB: past it, DuckDB evicts
    blocks to the store or spills to ``<store>.tmp`` beside it (not the system's temp folder,
    which may be small) instead of growing. A long ingest holds its new rows and their index in
    memory until a checkpoint; this keeps that bounded whatever the feeds bring. Returns ``con``."""
    temp = str(Path(path)) + ".tmp"
    con.execute(f"SET memory_limit = '{int(limit_mb)}MB'")
    con.execute("SET temp_directory = '{}'".format(temp.replace("'", "''")))
    return con


def tune_for_ingest(
    con: Connection, path: str | os.PathLike[str], limit_mb: int, checkpoint_threshold: str
) -> Connection:
    """The connection an ingest writes with: checkpoint at ``checkpoint_threshold`` of log (once,
    when the run closes the store, for a normal run) and memory bounded (:func:`bound_memory`)."""
    con.execute("SET checkpoint_threshold = '{}'".format(checkpoint_threshold.replace("'", "''")))
    return bound_memory(con, path, limit_mb)


def table_counts(con: Connection, tables: Sequence[str]) -> dict[str, int]:
    """Rows per table (names checked against the store's own tables)."""
    known = {str(r[0]) for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    out = {}
    for table in tables:
        if table not in known:
            raise StoreError(f"No table {table!r} in the store: known tables are {', '.join(sorted(known))}")
        out[table] = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])  # noqa: S608
    return out


def _one(con: Connection, name: str, params: list[Any] | None = None) -> Any:
    """The first value of the first row of ``sql/queries/<name>.sql`` (None when no row)."""
    rows = con.execute(query_sql(name), params or []).fetchall()
    return rows[0][0] if rows else None


def _has_table(con: Connection, table: str) -> bool:
    return bool(_one(con, "store_table_exists", [table]))


def schema_version(con: Connection) -> int:
    """The last migration applied to the store (0 for a new file)."""
    if not _has_table(con, "schema_version"):
        return 0
    return int(_one(con, "store_schema_version") or 0)


def migrate(con: Connection) -> int:
    """Apply every ``sql/migrations/NNN_*.sql`` newer than the store, each in one transaction;
    then (re)create the views. Idempotent. Returns the schema version."""
    current = schema_version(con)
    if current == 0:
        con.execute(query_sql("store_schema_version_create"))
    for name in sql_names("migrations"):
        number = int(name.split("_", 1)[0])
        if number <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(load_sql(f"migrations/{name}"))
            con.execute(query_sql("store_schema_version_insert"), [number, name, dt.datetime.now(dt.UTC)])
            con.execute("COMMIT")
        except Exception as e:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {e}") from e
        current = number
    _refresh_views(con)
    return current


def _refresh_views(con: Connection) -> None:
    """(Re)create the views when their SQL changed since the last open (a hash is kept)."""
    import hashlib

    texts = [load_sql(f"views/{name}") for name in sql_names("views")]
    digest = hashlib.sha1("\x00".join(texts).encode()).hexdigest()
    # an unchanged store is only read here: no write transaction on every open
    if _has_table(con, "store_meta") and _one(con, "store_meta_get", ["views_sha1"]) == digest:
        return
    con.execute(query_sql("store_meta_create"))
    for text in texts:
        con.execute(text)
    con.execute(query_sql("store_meta_set"), ["views_sha1", digest])


def _connect(path: Path, read_only: bool) -> Any:
    import duckdb

    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as e:
        if _LOCKED.search(str(e)):
            pid = re.search(r"PID (\d+)", str(e))
            who = f" (process {pid.group(1)})" if pid else ""
            raise StoreBusyError(
                f"the store {path} is in use by another trendwatch run{who}. Wait for it to finish "
                "and try again, or set [store] lock_timeout_s to wait.",
                path=str(path),
                pid=int(pid.group(1)) if pid else None,
            ) from e
        raise explain_error(e, path) from e
    except duckdb.Error as e:
        if _DAMAGED.search(str(e)):
            raise explain_error(e, path) from e
        raise StoreError(f"can't open the store {path}: {e}. Is it a DuckDB file?", path=str(path)) from e


def connect(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    wait_s: float = 0.0,
    allow_files: bool = False,
) -> Any:
    """Open the store, creating and migrating it when writable. A store held by another writer
    raises :class:`StoreBusyError` after ``wait_s`` seconds. A read-only connection is
    sandboxed (:func:`sandbox`): its SQL reads the store and nothing else, unless
    ``allow_files``."""
    p = Path(path)
    if read_only and not p.exists():
        raise StoreError(
            f"no store at {p}. Run `trendwatch ingest` first: it creates the store.", path=str(p)
        )
    if not read_only:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise explain_error(e, p) from e
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = _connect(p, read_only)
            break
        except StoreBusyError as e:
            if time.monotonic() >= deadline:
                if wait_s > 0:
                    raise StoreBusyError(
                        f"the store {p} is still in use by another trendwatch run after waiting "
                        f"{wait_s:g} s ([store] lock_timeout_s). Try again when it has finished, or "
                        "raise lock_timeout_s.",
                        path=str(p),
                        pid=e.pid,
                    ) from e
                raise
            time.sleep(0.25)
    try:
        _refuse_newer(con, p)
        if read_only:
            sandbox(con, allow_files=allow_files)
        else:
            migrate(con)
    except StoreError:
        con.close()
        raise
    except Exception as e:  # a damaged file often opens, then fails on its first read
        con.close()
        raise explain_error(e, p) from e
    return con


def latest_schema() -> int:
    """The newest schema version this trendwatch knows (its last migration's number)."""
    return max(int(name.split("_", 1)[0]) for name in sql_names("migrations"))


def _refuse_newer(con: Connection, path: Path) -> None:
    version, known = schema_version(con), latest_schema()
    if version > known:
        raise StoreError(
            f"the store {path} was made by a newer trendwatch (schema {version}; trendwatch "
            f"{__version__} knows up to {known}): upgrade trendwatch (pip install -U trendwatch) "
            "to use it. Nothing was changed.",
            path=str(path),
        )


@contextmanager
def open_store(
    path: str | os.PathLike[str], *, read_only: bool = False, wait_s: float = 0.0
) -> Iterator[Any]:
    """``with open_store(path) as con:`` closes the connection on the way out."""
    con = connect(path, read_only=read_only, wait_s=wait_s)
    try:
        yield con
    finally:
        con.close()
