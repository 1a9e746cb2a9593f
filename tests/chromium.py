"""How the browser tests and the benchmark start Debian's chromium, offline, find a free port and wait
for a Streamlit server to answer."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import IO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, log: IO[bytes] | None = None, seconds: float = 90) -> None:
    """Return once the Streamlit server at `url` says it is healthy; raise, with the end of its `log`
    where given, if it exits or does not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = ""
            if log is not None:
                log.seek(0)
                output = ":\n" + log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"streamlit exited with status {server.returncode}{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds} s")
