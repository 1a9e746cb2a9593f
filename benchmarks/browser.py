"""The first chart drawn in headless chromium: after `streamlit run`, and on a server already running.

`first_chart_seconds` times a cold start (server and first session together). `first_chart_rounds`
times fresh browser sessions on two servers already running and warm, the dashboard's poverty page
against benchmarks/minimal_chart.py (one Plotly chart and nothing else), alternating between them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from etl.paths import PROJECT_DIR
from tests.chromium import CHROMIUM, CHROMIUM_FLAGS, free_port, running_streamlit

# A drawn data mark of any cartesian Plotly trace: a bar's path (g.trace.bars > g.point > path),
# a line (g.trace.scatter > path.js-line) or a marker (path.point). Legend symbols sit in
# g.traces, outside .cartesianlayer, so they do not count. Checked with Plotly 7.1 in Streamlit 1.67.
DRAWN_TRACE = ".js-plotly-plot .cartesianlayer .trace path"
MINIMAL_PAGE = Path(__file__).with_name("minimal_chart.py")


def first_chart_seconds(database: Path, page: str = "poverty") -> float:
    """Start the server on `database` in a browser already open (as an analyst's is), load `page` as
    soon as the server answers, and wait for the first drawn trace (a bar, a line or a marker)."""
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
            tab.locator(DRAWN_TRACE).filter(visible=True).first.wait_for(timeout=60_000)
            return time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=20)
            browser.close()


def _fresh_session_seconds(browser: Browser, url: str) -> float:
    """A new browser context (new session, empty cache): from just before goto to the first drawn trace."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        started = time.perf_counter()
        tab.goto(url, timeout=60_000)
        tab.locator(DRAWN_TRACE).filter(visible=True).first.wait_for(timeout=60_000)
        return time.perf_counter() - started
    finally:
        context.close()


def first_chart_rounds(database: Path, rounds: int = 7, say: Callable[[str], None] = print) -> dict:
    """Both servers started and warmed by one full load each, then `rounds` of (poverty page, minimal page)."""
    with (
        running_streamlit(PROJECT_DIR / "dashboard.py", {"POVERTY_DB": str(database)}) as dashboard,
        running_streamlit(MINIMAL_PAGE) as minimal,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            pages = {"poverty": f"{dashboard}/poverty", "minimal": f"{minimal}/"}
            for name, url in pages.items():
                say(f"  warm-up {name:<8} {_fresh_session_seconds(browser, url):.2f} s")
            times: dict[str, list[float]] = {name: [] for name in pages}
            for number in range(1, rounds + 1):
                for name, url in pages.items():
                    times[name].append(_fresh_session_seconds(browser, url))
                say(f"  round {number}: poverty {times['poverty'][-1]:.3f} s   minimal {times['minimal'][-1]:.3f} s")
        finally:
            browser.close()
    return compared(times["poverty"], times["minimal"])


def compared(poverty: list[float], minimal: list[float]) -> dict:
    """Each page's times and median, and how many times slower the poverty page is (ratio of medians)."""
    poverty_median, minimal_median = statistics.median(poverty), statistics.median(minimal)
    return {
        "poverty": list(poverty),
        "minimal": list(minimal),
        "poverty_median": poverty_median,
        "minimal_median": minimal_median,
        "ratio": poverty_median / minimal_median,
    }
