"""Editing a copy of the data files the way an analyst would in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from etl.data_lock import LOCK_FILENAME
from etl.load import TABLE_ORDER


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def write_csv(path: Path, rows: list[dict[str, str]], line_ending: str = "\n", bom: bool = False) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator=line_ending)
        writer.writeheader()
        writer.writerows(rows)


def edit_row(path: Path, key_column: str, key: str, **changes: str) -> int:
    """Change fields of one row; return its line number in the file."""
    rows = read_csv(path)
    index = next(i for i, row in enumerate(rows) if row[key_column] == key)
    rows[index].update(changes)
    write_csv(path, rows)
    return index + 2


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every data file's bytes. The empty lock file a writer leaves behind (etl/data_lock.py) holds no data,
    and a refused save may have created it: it is left out."""
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and path.name != LOCK_FILENAME
    }


def table_contents(database: Path) -> dict[str, list[tuple]]:
    """Every table of a built database, rows sorted: two builds are equal when these are."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return {name: connection.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in TABLE_ORDER}
