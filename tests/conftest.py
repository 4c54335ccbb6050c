"""Shared fixtures: a private PREFECT_HOME for the test session, one Prefect test API on demand, and
``store``: a fresh, migrated store under the test's tmp_path."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Set before anything imports prefect, so its settings (and its SQLite file) land in a throwaway folder.
_PREFECT_HOME = tempfile.mkdtemp(prefix="trendwatch-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """A real Prefect API on a temporary SQLite database, started once for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Any]:
    """A fresh store (``tmp_path/store.duckdb``, migrated), closed after the test."""
    from trendwatch.store import connect

    con = connect(tmp_path / "store.duckdb")
    yield con
    con.close()
