"""A cold machine's first `run` or `demo` waits long enough for Prefect's temporary server."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "import flows\n"
    "from prefect.settings import get_current_settings\n"
    "print(get_current_settings().server.ephemeral.startup_timeout_seconds)\n"
)


def test_importing_flows_gives_prefect_a_longer_start_up_wait() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) >= 60  # Prefect's own default, 20 s, was too short on 2 busy cores
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "33"  # the user's own value wins
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "33"
