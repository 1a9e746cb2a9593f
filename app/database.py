"""Open the facts database for reading, building it first when it is missing or unreadable.

A file that DuckDB cannot open, or that lacks the facts, is never overwritten: it is moved
aside (poverty.duckdb.unreadable-<time>) and a new database is built from data/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from etl.build import build_problems
from etl.data_lock import DataBusy, writing
from etl.paths import data_dir


@dataclass(frozen=True)
class DatabaseState:
    problems: list[str]  # what stopped a build; empty when the database is ready
    moved_aside: Path | None = None  # where an unreadable file was put before rebuilding
    reason: str = ""  # why it could not be read


# (path, modification time) of files already found readable: checked once, not on every rerun.
_readable: set[tuple[str, int]] = set()


def ensure_database(database: Path) -> DatabaseState:
    """Make sure `database` can be read, building it from data/ when it is missing or unreadable."""
    moved_aside, reason = None, ""
    if database.exists():
        reason = unreadable_because(database)
        if not reason:
            return DatabaseState([])
        moved_aside = database.with_name(f"{database.name}.unreadable-{datetime.now():%Y%m%d-%H%M%S-%f}")
        os.replace(database, moved_aside)
    try:
        with writing(data_dir()):
            if moved_aside is None and database.exists():  # another session built it meanwhile
                return DatabaseState([])
            problems = build_problems(data_dir(), database, say=lambda _: None)
    except DataBusy as busy:
        problems = [str(busy)]
    return DatabaseState(problems, moved_aside, reason)


def unreadable_because(database: Path) -> str:
    """Why DuckDB cannot read the figures from this file; empty when it can."""
    key = (str(database), database.stat().st_mtime_ns)
    if key in _readable:
        return ""
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            connection.execute("SELECT count(*) FROM facts_labelled").fetchone()
    except duckdb.Error as error:
        return str(error).splitlines()[0]
    _readable.add(key)
    return ""


def forget_checks() -> None:
    """Check every file again on its next use (after a read failed on a file once found readable)."""
    _readable.clear()
