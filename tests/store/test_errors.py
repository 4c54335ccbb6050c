"""Errors carry the data they are about, keep their old constructors and survive pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from trendwatch import errors
from trendwatch.errors import (
    ConfigError,
    ParseError,
    SqlNotFoundError,
    StoreBusyError,
    StoreError,
    TrendsError,
    TrendwatchError,
)
from trendwatch.store import connect, load_sql


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_has_one_root_and_still_takes_just_a_message(name: str) -> None:
    cls = getattr(errors, name)
    assert issubclass(cls, TrendwatchError)
    assert str(cls("what happened")).endswith("what happened")


def test_data_fields_are_attributes_and_survive_pickling() -> None:
    err = ConfigError("bad value", path="tw.toml", key="[brand] names")
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.path, back.key) == ("tw.toml: bad value", "tw.toml", "[brand] names")
    busy = pickle.loads(pickle.dumps(StoreBusyError("held", path="/x.duckdb", pid=42)))
    assert (busy.path, busy.pid, busy.exit_code) == ("/x.duckdb", 42, 75)
    assert ParseError("no feed").kind == "parse"
    assert TrendsError("gone", part="interest", subject="pizza").details() == {
        "part": "interest",
        "subject": "pizza",
    }


def test_a_missing_sql_name_lists_the_known_ones() -> None:
    with pytest.raises(SqlNotFoundError) as caught:
        load_sql("examples/no_such_query")
    assert caught.value.name == "examples/no_such_query"
    assert "top_categories" in caught.value.known
    assert "top_categories" in str(caught.value)


def test_store_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    with pytest.raises(StoreError) as caught:
        connect(missing, read_only=True)
    assert caught.value.path == str(missing)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError) as caught:
        connect(junk)
    assert caught.value.path == str(junk)
