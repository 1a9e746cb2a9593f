"""Read the CSV files and reports under data/ as text, keeping row numbers for messages."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from etl.paths import reports_dirname

# The column contract of each input file; pages and tests rely on it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "provinces": ("province", "province_code", "region", "province_2025", "province_2025_code"),
    "regions": ("region", "label_en"),
    "metrics": (
        "metric",
        "category",
        "label_vi",
        "label_en",
        "unit",
        "measure",
        "headline_rank",
        "headline_group",
        "definition",
    ),
    "beneficiary_groups": ("beneficiary_group", "label_vi", "label_en", "definition"),
    "sources": (
        "source_id",
        "file",
        "title",
        "publisher",
        "author",
        "publication_date",
        "published_not_before",
        "published_not_after",
        "url",
        "province",
        "language",
        "number_style",
        "text_in_repository",
        "kind",
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
        "poverty_standard",
        "merged_province",
        "note",
    ),
    "poverty_standards": (
        "poverty_standard",
        "label_vi",
        "label_en",
        "legal_basis",
        "applies_from",
        "applies_to",
        "note",
    ),
    "coverage_gaps": ("province", "category", "year", "queries", "outcome"),
    # The support programmes (the Support page's panels) and the one programme each support metric belongs to.
    "programmes": ("programme", "label_vi", "label_en"),
    "programme_metrics": ("metric", "programme"),
    # Who each publisher is, so that a point given by several reports cites the most authoritative one.
    "publishers": ("publisher", "tier", "country"),
    # The reviewers' notes of sources.csv in Vietnamese, for Vietnamese pages (the English stays for reviewers).
    "source_notes_vi": ("source_id", "note_vi"),
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
    reports: dict[str, str]  # report file name -> text kept in data/reports; unreadable reports are absent
    report_problems: dict[str, str]  # report file name -> why it could not be read
    # Report file name -> text of a published article kept only on this machine (data/reports-local):
    # used to check quotes, never stored, so every machine builds the same database.
    local_reports: dict[str, str] = field(default_factory=dict)
    # data/metrics.meta.yml: the definition of each headline indicator.
    headline_definitions: dict[str, dict[str, str]] = field(default_factory=dict)

    def text_of(self, file: str) -> str | None:
        """The text a source's quotes are checked against, wherever it is kept; None when not here."""
        return self.reports.get(file, self.local_reports.get(file))


def read_inputs(data_dir: Path) -> Inputs:
    tables = {name: read_table(data_dir, name) for name in COLUMNS}
    reports, local_reports, report_problems = read_reports(data_dir, tables["sources"])
    definitions = read_headline_definitions(data_dir / METRICS_METADATA)
    return Inputs(data_dir, tables, reports, report_problems, local_reports, definitions)


METRICS_METADATA = "metrics.meta.yml"
# What the metadata says of each headline indicator: every field is required.
HEADLINE_FIELDS = (
    "definition_vi",
    "counted",
    "population",
    "measure",
    "reference_date",
    "year_reading",
    "unit",
    "published_by",
    "not_to_mix_with",
    "window_years",
)


def read_headline_definitions(path: Path) -> dict[str, dict[str, str]]:
    """The `headline` section of data/metrics.meta.yml: metric -> its fields, as text."""
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as error:
        raise InputError(f"{path}: file is missing") from error
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{path}: not readable YAML ({error})") from error
    headline = metadata.get("headline") if isinstance(metadata, dict) else None
    if not isinstance(headline, dict):
        raise InputError(f"{path}: needs a 'headline' section mapping each headline metric to its definition")
    return {
        str(metric): {str(key): str(value) for key, value in (fields or {}).items()} if isinstance(fields, dict) else {}
        for metric, fields in headline.items()
    }


def read_table(data_dir: Path, name: str) -> CsvTable:
    path = data_dir / f"{name}.csv"
    with _csv_reader(path) as reader:
        _check_header(path, reader.fieldnames, COLUMNS[name])
        rows = list(_checked_rows(path, reader))
    return CsvTable(name, path, rows)


def read_csv_rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a CSV file handed in by a user (a source row, reviewed figures) that has `columns`;
    columns in `optional` may be missing (read as empty) or present."""
    with _csv_reader(path) as reader:
        present = [column for column in reader.fieldnames or [] if column not in optional]
        _check_header(path, present, tuple(column for column in columns if column not in optional))
        return [dict.fromkeys(optional, "") | row for _, row in _checked_rows(path, reader)]


@contextmanager
def _csv_reader(path: Path) -> Iterator[csv.DictReader]:
    """A reader of a CSV file whose failures are InputErrors naming the file."""
    try:
        # utf-8-sig accepts the BOM that Excel adds; newline="" accepts Windows line endings.
        with path.open(encoding="utf-8-sig", newline="") as file:
            yield csv.DictReader(file)
    except FileNotFoundError as error:
        raise InputError(f"{path}: file is missing") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from error


def _checked_rows(path: Path, reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of each row, refusing a row wider or narrower than the header."""
    width = len(reader.fieldnames or [])
    for row in reader:
        if None in row:
            raise InputError(
                f"{path}:{reader.line_num}: the row has more fields than the header's "
                f"{width}; a value holding a comma must be in double quotes"
            )
        if any(value is None for value in row.values()):
            raise InputError(f"{path}:{reader.line_num}: the row has fewer fields than the header's {width}")
        yield reader.line_num, row


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


def read_reports(data_dir: Path, sources: CsvTable) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The texts of the sources: those kept in data/reports, those kept only locally, and problems.

    A report whose text is in the repository must be readable in data/reports. A published
    article's text is not committed: when a local copy is in data/reports-local its quotes are
    checked against it, and when there is none the source stands on its web address.
    """
    reports: dict[str, str] = {}
    local_reports: dict[str, str] = {}
    problems: dict[str, str] = {}
    for _, row in sources.rows:
        file, in_repository = row["file"], row["text_in_repository"] == "true"
        if not file and not in_repository:
            continue
        folder = reports_dirname(in_repository)
        if Path(file).name != file or not file:
            problems[file] = f"report file name {file!r} must be a plain file name inside data/{folder}"
            continue
        path = data_dir / folder / file
        if not in_repository and not path.exists():
            continue  # the article stands on its web address
        text, problem = _read_text(path)
        if problem:
            problems[file] = problem
        else:
            (reports if in_repository else local_reports)[file] = text
    return reports, local_reports, problems


def _read_text(path: Path) -> tuple[str, str]:
    """(text, "") or ("", why it cannot be read)."""
    try:
        return path.read_bytes().decode("utf-8"), ""
    except FileNotFoundError:
        return "", f"report file {path} is missing"
    except UnicodeDecodeError as error:
        return "", f"report file {path} is not UTF-8 text (byte {error.start})"
    except OSError as error:
        return "", f"report file {path} cannot be read ({error.strerror})"


def number_language(source: dict[str, str]) -> str:
    """The way a report writes its numbers: its language's ("2,15%"), unless `number_style` says otherwise (a
    Vietnamese page that prints "9.16%" the English way reads as English, while its language stays Vietnamese)."""
    return source.get("number_style") or source["language"]
