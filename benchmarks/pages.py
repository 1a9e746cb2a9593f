"""Server-side rerun time of each page through AppTest after a filter change, cold and warm cache."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from etl.paths import PROJECT_DIR

PAGES = ("overview", "poverty", "health_insurance", "credit", "support", "profile", "coverage", "explore", "sources")
NAIVE_PAGES = {
    "naive": Path(__file__).with_name("naive_poverty.py"),
    "naive_cached": Path(__file__).with_name("naive_poverty_cached.py"),
}


def _opened(script: Path, page: str | None) -> AppTest:
    app = AppTest.from_file(str(script), default_timeout=300)
    app.run()
    if page:
        app.switch_page(f"pages/{page}.py")
        app.run()
    if app.exception:
        raise RuntimeError(f"{page or script.name}: {app.exception[0].value}")
    return app


def _rerun_seconds(app: AppTest, provinces: list[str]) -> float:
    started = time.perf_counter()
    app.multiselect(key="filter_provinces").set_value(provinces).run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(str(app.exception[0].value))
    return elapsed


def rerun_times(database: Path, page: str | None, choices: list[list[str]], script: Path | None = None) -> dict:
    """Median rerun after changing the province filter: first to values never seen (cold), then back (warm)."""
    os.environ["POVERTY_DB"] = str(database)
    app = _opened(script or PROJECT_DIR / "dashboard.py", page)
    cold = [_rerun_seconds(app, provinces) for provinces in choices]
    warm = [_rerun_seconds(app, provinces) for provinces in choices]
    return {"cold": statistics.median(cold), "warm": statistics.median(warm)}
