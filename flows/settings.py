"""The settings every flow task needs, read once per version of the config file in a process."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from trendwatch.config import Settings, load_settings

PARALLEL_LOCK_WAIT_S = 600.0  # batches on Dask workers wait their turn to read the store


@functools.lru_cache(maxsize=8)
def _load(config: str, stamp: tuple[int, int]) -> Settings:
    return load_settings(config)


def settings_for(config: str, parallel: bool = False) -> Settings:
    """The settings, read once per version of the file in this process (5,000 feeds take ~1 s to
    validate, and every task needs them); with ``parallel``, a longer wait for the store lock
    (several processes share it)."""
    try:
        st = Path(config).stat()
    except OSError:
        return load_settings(config)  # its error names the missing file and the fix
    settings = _load(str(Path(config).resolve()), (st.st_mtime_ns, st.st_size))
    if parallel and settings.store.lock_timeout_s < PARALLEL_LOCK_WAIT_S:
        store = dataclasses.replace(settings.store, lock_timeout_s=PARALLEL_LOCK_WAIT_S)
        settings = dataclasses.replace(settings, store=store)
    return settings


