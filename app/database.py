"""Open the facts database for reading, building it first when it is missing."""

from __future__ import annotations

from pathlib import Path

from etl.build import build_problems
from etl.paths import data_dir


def ensure_database(database: Path) -> list[str]:
    """Build the database from data/ if the file is missing; return the problems that stopped it."""
    if database.exists():
        return []
    return build_problems(data_dir(), database, say=lambda _: None)
