"""Open the facts database for reading, building it first when it is missing."""

from __future__ import annotations

from pathlib import Path

from etl import build
from etl.paths import DATA_DIR
from etl.read_inputs import InputError


def ensure_database(database: Path) -> list[str]:
    """Build the database from data/ if the file is missing; return the problems that stopped it."""
    if database.exists():
        return []
    try:
        build.run(DATA_DIR, database, say=lambda _: None)
    except InputError as error:
        return [str(error)]
    except build.BuildFailed as failure:
        return [str(problem) for problem in failure.problems]
    return []
