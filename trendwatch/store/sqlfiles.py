"""SQL lives in ``sql/*.sql`` and is loaded by name, from a checkout or an installed copy."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from trendwatch.errors import SqlNotFoundError


@cache
def sql_dir() -> Path:
    """The ``sql/`` folder: packaged as ``trendwatch/_sql`` in a wheel, ``../sql`` in a checkout."""
    packaged = Path(str(files("trendwatch"))) / "_sql"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "sql"
    if checkout.is_dir():
        return checkout
    raise SqlNotFoundError(
        f"the SQL files are missing (looked in {packaged} and {checkout}). Reinstall trendwatch."
    )


def sql_names(folder: str) -> list[str]:
    """Names (without ``.sql``) of the files in one ``sql/`` sub-folder, sorted."""
    return sorted(p.stem for p in (sql_dir() / folder).glob("*.sql"))


def load_sql(name: str) -> str:
    """Text of ``sql/<name>.sql``; ``name`` may include a sub-folder (``examples/new_this_week``)."""
    path = sql_dir() / f"{name}.sql"
    if not path.is_file():
        folder = name.rsplit("/", 1)[0] if "/" in name else ""
        known = sql_names(folder) if folder else sorted(p.stem for p in sql_dir().glob("*/*.sql"))
        raise SqlNotFoundError(
            f"no SQL file named {name!r}. Known: {', '.join(known)}.", name=name, known=known
        )
    return path.read_text(encoding="utf-8")


@cache
def query_sql(name: str) -> str:
    """The statement of ``sql/queries/<name>.sql``, ready to execute: its leading comment lines
    (what it does, its parameters) and final semicolon left out; read once per process."""
    lines = load_sql(f"queries/{name}").splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("--")):
        lines.pop(0)
    return "\n".join(lines).strip().removesuffix(";").rstrip()
