"""How the browser tests and the benchmark start Debian's chromium, offline, and a Streamlit server on a
free port, and wait for it to answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from etl.paths import PROJECT_DIR

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


@contextmanager
def running_streamlit(
    script: str | Path = "dashboard.py",
    environment: dict[str, str] | None = None,
    folder: Path = PROJECT_DIR,
    address: str = "127.0.0.1",
) -> Iterator[str]:
    """`streamlit run script` from `folder` (where .streamlit/config.toml is read) on a free port, without a
    file watcher; yields its address once it is healthy, and names the end of its log if it never is.
    `address` is what the server listens on: "::" takes IPv6 and IPv4 alike, and a browser at
    http://127.0.0.1 is then seen as ::ffff:127.0.0.1."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", address, "--browser.gatherUsageStats", "false"]
    command += ["--server.fileWatcherType", "none"]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            command, cwd=folder, env=os.environ | (environment or {}), stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_healthy(url, server, log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def data_copy(folder: Path) -> Path:
    """A copy of data/ in `folder` for a test to change: without the database, the local copies of published
    articles and the backups."""
    import shutil

    from etl.paths import DATA_DIR

    copy = folder / "data"
    shutil.copytree(
        DATA_DIR, copy, ignore=shutil.ignore_patterns("*.duckdb", "*.wal", ".*", "reports-local", "backups")
    )
    return copy


@contextmanager
def dashboard_on(data: Path, environment: dict[str, str] | None = None, address: str = "127.0.0.1") -> Iterator[str]:
    """The dashboard serving a copy of data/ (see data_copy), its database built beside it; yields its address."""
    from etl.build import build_problems

    database = data.parent / "poverty.duckdb"
    assert build_problems(data, database, say=lambda _: None) == []
    settings = {"POVERTY_DATA": str(data), "POVERTY_DB": str(database), **(environment or {})}
    with running_streamlit("dashboard.py", settings, address=address) as url:
        yield url


@contextmanager
def browser_tab(browser: object, width: int, height: int, timeout_ms: int = 60_000) -> Iterator[object]:
    """A tab of its own (a new browser context: no cookies or session shared with another test) of the given size,
    which accepts downloads, closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        yield page
    finally:
        context.close()
