"""Time from `streamlit run` to the first chart drawn in headless chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from etl.paths import PROJECT_DIR
from tests.chromium import CHROMIUM, CHROMIUM_FLAGS, free_port


def first_chart_seconds(database: Path, page: str = "poverty") -> float:
    """Start the server on `database` in a browser already open (as an analyst's is), load `page` as
    soon as the server answers, and wait for a drawn bar."""
    port = free_port()
    environment = os.environ | {"POVERTY_DB": str(database)}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        tab = browser.new_page()
        started = time.perf_counter()
        server = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                try:
                    tab.goto(f"http://127.0.0.1:{port}/{page}", timeout=2_000)
                    break
                except PlaywrightError:  # the server is not listening yet
                    if time.perf_counter() - started > 60:
                        raise
                    time.sleep(0.05)
            tab.locator(".js-plotly-plot .bars path").first.wait_for(timeout=60_000)
            return time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=20)
            browser.close()
