"""Where the pipeline reads and writes."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
REPORTS_DIRNAME = "reports"
# Published articles are not committed: a copy kept here (git-ignored) lets the build check their quotes.
LOCAL_REPORTS_DIRNAME = "reports-local"
PROPOSALS_DIRNAME = "proposals"


def reports_dirname(text_in_repository: bool) -> str:
    """Where a report's text is kept: committed in data/reports, or for a published article only locally."""
    return REPORTS_DIRNAME if text_in_repository else LOCAL_REPORTS_DIRNAME


DATABASE_ENVIRONMENT_VARIABLE = "POVERTY_DB"
DATA_ENVIRONMENT_VARIABLE = "POVERTY_DATA"


def data_dir() -> Path:
    """The folder of reports and CSV files the dashboard adds to: $POVERTY_DATA, else data/."""
    configured = os.environ.get(DATA_ENVIRONMENT_VARIABLE)
    return Path(configured) if configured else DATA_DIR


def database_path() -> Path:
    """The database the dashboard reads: $POVERTY_DB, else data/poverty.duckdb."""
    configured = os.environ.get(DATABASE_ENVIRONMENT_VARIABLE)
    return Path(configured) if configured else DATA_DIR / "poverty.duckdb"
