"""Write the validated tables into a DuckDB file, all or nothing.

The database is built in a temporary file beside the target and renamed over it
only when complete, so a failed build leaves the previous database untouched
and a reader never opens a half-written one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA = Path(__file__).with_name("schema.sql")
POVERTY_STANDARDS = Path(__file__).with_name("poverty_standards.sql")
FIGURES = Path(__file__).with_name("figures.sql")
# The tables that say what the figures may refer to, parents first.
REFERENCE_TABLES = (
    "regions",
    "provinces",
    "metrics",
    "headline_definitions",
    "beneficiary_groups",
    "poverty_standards",
    "programmes",
    "programme_metrics",
    "publishers",
)
# Parents before children, so every foreign key finds its row.
TABLE_ORDER = (
    *REFERENCE_TABLES,
    "sources",
    "source_notes_vi",
    "coverage_gaps",
    "reports",
    "facts",
)


def write_database(tables: dict[str, pd.DataFrame], target: Path) -> None:
    with new_database(target) as connection:
        for name in TABLE_ORDER:
            insert_frame(connection, name, tables[name])


@contextmanager
def new_database(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new database with the schema, in a temporary file beside `target`.

    When the block completes, each poverty figure gets its standard, the figures table is written
    and the file renamed over `target`;
    if anything fails, the temporary file goes and `target` stays as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    temporary.unlink()  # DuckDB creates the file itself and refuses an empty one
    try:
        with duckdb.connect(str(temporary)) as connection:
            connection.execute(SCHEMA.read_text(encoding="utf-8"))
            yield connection
            connection.execute(POVERTY_STANDARDS.read_text(encoding="utf-8"))
            connection.execute(FIGURES.read_text(encoding="utf-8"))
            connection.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)


def insert_frame(connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    connection.register("incoming", frame)
    try:
        connection.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")
