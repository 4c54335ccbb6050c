"""Prefect flows over the trendwatch library: ``ingest``, ``digest`` and ``weekly``.

Importing this package first (before Prefect) gives a cold machine time to start Prefect's
temporary server: on 2 busy cores it took up to 19 s, and Prefect waits 20 s by default.
Set the variables yourself to override.
"""

import os

EPHEMERAL_STARTUP_TIMEOUT_S = "120"

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", EPHEMERAL_STARTUP_TIMEOUT_S)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls from a run
