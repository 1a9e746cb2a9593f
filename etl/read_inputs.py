"""Read the CSV files and reports under data/ as text, keeping row numbers for messages."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl.paths import REPORTS_DIRNAME

# The column contract of each input file; pages and tests rely on it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "provinces": ("province", "province_code", "region", "province_2025", "province_2025_code"),
    "metrics": ("metric", "category", "label_vi", "label_en", "unit", "definition"),
    "beneficiary_groups": ("beneficiary_group", "label_vi", "label_en", "definition"),
    "sources": (
        "source_id",
        "file",
        "title",
        "publisher",
        "author",
        "publication_date",
        "url",
        "province",
        "note",
    ),
    "facts": (
        "fact_id",
        "source_id",
        "province",
        "area",
        "area_level",
        "period_start",
        "period_end",
        "period_label",
        "metric",
        "beneficiary_group",
        "value",
        "unit",
        "qualifier",
        "is_target",
        "quote",
        "quote_offset",
        "note",
    ),
}


class InputError(Exception):
    """An input file cannot be read at all (missing, not UTF-8, wrong header)."""


@dataclass(frozen=True)
class CsvTable:
    name: str
    path: Path
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, row)


@dataclass(frozen=True)
class Inputs:
    data_dir: Path
    tables: dict[str, CsvTable]
    reports: dict[str, str]  # report file name -> text; unreadable reports are absent
    report_problems: dict[str, str]  # report file name -> why it could not be read


def read_inputs(data_dir: Path) -> Inputs:
    tables = {name: read_table(data_dir, name) for name in COLUMNS}
    reports, report_problems = read_reports(data_dir, tables["sources"])
    return Inputs(data_dir, tables, reports, report_problems)


def read_table(data_dir: Path, name: str) -> CsvTable:
    path = data_dir / f"{name}.csv"
    try:
        # utf-8-sig accepts the BOM that Excel adds; newline="" accepts Windows line endings.
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            _check_header(path, reader.fieldnames, COLUMNS[name])
            rows = []
            for row in reader:
                if None in row:
                    raise InputError(
                        f"{path}:{reader.line_num}: the row has more fields than the header's "
                        f"{len(COLUMNS[name])}; a value holding a comma must be in double quotes"
                    )
                if any(value is None for value in row.values()):
                    raise InputError(
                        f"{path}:{reader.line_num}: the row has fewer fields than the header's {len(COLUMNS[name])}"
                    )
                rows.append((reader.line_num, row))
    except FileNotFoundError as error:
        raise InputError(f"{path}: file is missing") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from error
    return CsvTable(name, path, rows)


def _check_header(path: Path, found: list[str] | None, expected: tuple[str, ...]) -> None:
    found = list(found or [])
    missing = [column for column in expected if column not in found]
    unknown = [column for column in found if column not in expected]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise InputError(f"{path}:1: header has {'; '.join(parts)}; expected {','.join(expected)}")


def read_reports(data_dir: Path, sources: CsvTable) -> tuple[dict[str, str], dict[str, str]]:
    reports: dict[str, str] = {}
    problems: dict[str, str] = {}
    for _, row in sources.rows:
        if Path(row["file"]).name != row["file"] or not row["file"]:
            problems[row["file"]] = f"report file name {row['file']!r} must be a plain file name inside data/reports"
            continue
        path = data_dir / REPORTS_DIRNAME / row["file"]
        try:
            reports[row["file"]] = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            problems[row["file"]] = f"report file {path} is missing"
        except UnicodeDecodeError as error:
            problems[row["file"]] = f"report file {path} is not UTF-8 text (byte {error.start})"
        except OSError as error:
            problems[row["file"]] = f"report file {path} cannot be read ({error.strerror})"
    return reports, problems
