"""Check every input row before anything is written.

Each problem names the file, the row (line number), the field and what is wrong,
so an analyst can fix data/*.csv without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from etl.current_provinces import current_provinces
from etl.parse_numbers import QUALIFIERS, UNITS, NumberFormatError, read_number
from etl.read_inputs import COLUMNS, CsvTable, Inputs

AREA_LEVELS = ("province", "district", "commune")
CATEGORIES = ("poverty", "health_insurance", "credit", "support", "women_union", "social_insurance")
BOOLEANS = {"true": True, "false": False}
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
# A row whose qualifier is not written in its own quote must explain it in `note`.
QUALIFIER_EXPLANATION = "qualifier"
OPTIONAL_FACT_COLUMNS = ("note",)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    field: str
    message: str
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" + (f" ({self.key})" if self.key else "")
        return f"{where}: field '{self.field}': {self.message}"


class _Row:
    """One CSV row and the problems found in it."""

    def __init__(self, table: CsvTable, line: int, values: dict[str, str], key_column: str, problems: list):
        self.table, self.line, self.values, self.problems = table, line, values, problems
        self.key = f"{key_column}={values.get(key_column, '')}"

    def __getitem__(self, field: str) -> str:
        return self.values[field]

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(str(self.table.path), self.line, field, message, self.key))

    def require(self, *fields: str) -> None:
        for field in fields:
            if not self.values[field].strip():
                self.fail(field, "is empty")
            elif self.values[field] != self.values[field].strip():
                self.fail(field, "has spaces at the start or end")

    def one_of(self, field: str, allowed: Collection[str], what: str) -> bool:
        if self.values[field] not in allowed:
            self.fail(field, f"unknown {what} {self.values[field]!r}; expected one of {', '.join(sorted(allowed))}")
            return False
        return True

    def iso_date(self, field: str) -> date | None:
        text = self.values[field]
        if not text:
            return None  # already reported by require()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        self.fail(field, f"{text!r} is not a valid date in the form YYYY-MM-DD")
        return None


def validate(inputs: Inputs) -> list[Problem]:
    problems: list[Problem] = []
    tables = inputs.tables
    provinces = _validate_provinces(tables["provinces"], problems)
    metrics = _validate_metrics(tables["metrics"], problems)
    groups = _validate_groups(tables["beneficiary_groups"], problems)
    sources = _validate_sources(tables["sources"], inputs, provinces, problems)
    _validate_facts(tables["facts"], inputs, sources, provinces, metrics, groups, problems)
    return problems


def _rows(table: CsvTable, key_column: str, problems: list[Problem]):
    seen: dict[str, int] = {}
    for line, values in table.rows:
        row = _Row(table, line, values, key_column, problems)
        key = values[key_column]
        if key in seen:
            row.fail(key_column, f"duplicate {key_column} {key!r} (first on line {seen[key]})")
        seen.setdefault(key, line)
        yield row


def _validate_provinces(table: CsvTable, problems: list[Problem]) -> set[str]:
    current = current_provinces()
    codes: dict[str, int] = {}
    for row in _rows(table, "province", problems):
        row.require(*row.values)
        if not re.fullmatch(r"\d{2}", row["province_code"]):
            row.fail("province_code", f"{row['province_code']!r} is not a two-digit code")
        elif row["province_code"] in codes:
            row.fail(
                "province_code", f"duplicate code {row['province_code']} (first on line {codes[row['province_code']]})"
            )
        codes.setdefault(row["province_code"], row.line)
        expected = current.get(row["province_2025"])
        if expected is None:
            row.fail(
                "province_2025", f"{row['province_2025']!r} is not one of the 34 current provinces in vietnam-provinces"
            )
        elif not row["province_2025_code"].isdigit() or int(row["province_2025_code"]) != expected:
            row.fail(
                "province_2025_code",
                f"{row['province_2025_code']!r} is not the code of {row['province_2025']} ({expected:02d})",
            )
    return {values["province"] for _, values in table.rows}


def _validate_metrics(table: CsvTable, problems: list[Problem]) -> dict[str, str]:
    for row in _rows(table, "metric", problems):
        row.require(*row.values)
        if not IDENTIFIER.match(row["metric"]):
            row.fail("metric", f"{row['metric']!r} must be lower-case words joined by '_'")
        row.one_of("category", CATEGORIES, "category")
        row.one_of("unit", UNITS, "unit")
    return {values["metric"]: values["unit"] for _, values in table.rows}


def _validate_groups(table: CsvTable, problems: list[Problem]) -> set[str]:
    for row in _rows(table, "beneficiary_group", problems):
        row.require(*row.values)
    return {values["beneficiary_group"] for _, values in table.rows}


def _validate_sources(table: CsvTable, inputs: Inputs, provinces: set[str], problems: list[Problem]) -> dict[str, str]:
    for row in _rows(table, "source_id", problems):
        row.require("source_id", "file", "title", "publisher", "province")
        if not IDENTIFIER.match(row["source_id"]):
            row.fail("source_id", f"{row['source_id']!r} must be lower-case letters, digits, '-' or '_'")
        if row["file"] in inputs.report_problems:
            row.fail("file", inputs.report_problems[row["file"]])
        if row["publication_date"]:
            row.iso_date("publication_date")
        elif not row["note"].strip():
            row.fail("note", "an undated source must say in its note why no date is given")
        if row["url"] and not re.match(r"^https?://\S+$", row["url"]):
            row.fail("url", f"{row['url']!r} is not a web address starting with http:// or https://")
        row.one_of("province", provinces, "province")
    return {values["source_id"]: values["file"] for _, values in table.rows}


def _validate_facts(
    table: CsvTable,
    inputs: Inputs,
    sources: dict[str, str],
    provinces: set[str],
    metrics: dict[str, str],
    groups: set[str],
    problems: list[Problem],
) -> None:
    figures: dict[tuple, int] = {}
    for row in _rows(table, "fact_id", problems):
        row.require(*(column for column in COLUMNS["facts"] if column not in OPTIONAL_FACT_COLUMNS))
        row.one_of("province", provinces, "province")
        if (
            row.one_of("area_level", AREA_LEVELS, "area level")
            and row["area_level"] == "province"
            and row["area"] != row["province"]
        ):
            row.fail("area", f"a province-level figure must have area = province ({row['province']!r})")
        row.one_of("beneficiary_group", groups, "beneficiary group")
        row.one_of("qualifier", QUALIFIERS, "qualifier")
        row.one_of("is_target", BOOLEANS, "is_target value")
        if (
            row.one_of("metric", metrics, "metric")
            and row.one_of("unit", UNITS, "unit")
            and row["unit"] != metrics[row["metric"]]
        ):
            row.fail("unit", f"metric {row['metric']} is measured in {metrics[row['metric']]}, not {row['unit']}")
        _check_period(row)
        value = _check_value(row)
        if row.one_of("source_id", sources, "source"):
            text = inputs.reports.get(sources[row["source_id"]])
            if text is not None and _check_quote(row, text) and value is not None:
                _check_reading(row, value)
        key = tuple(
            row[field]
            for field in ("source_id", "area", "period_start", "period_end", "metric", "beneficiary_group", "is_target")
        )
        if key in figures:
            row.fail(
                "metric",
                f"the same figure (source, area, period, metric, group, target) is already on line {figures[key]}",
            )
        figures.setdefault(key, row.line)


def _check_period(row: _Row) -> None:
    start, end = row.iso_date("period_start"), row.iso_date("period_end")
    if start and end and end < start:
        row.fail("period_end", f"{end} is before period_start {start}")


def _check_value(row: _Row) -> Decimal | None:
    text = row["value"]
    if text.startswith("-"):
        row.fail("value", f"{text!r} is negative; figures are never below zero")
        return None
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        row.fail("value", f"{text!r} is not a plain number in base units (digits, '.' for decimals)")
        return None
    value = Decimal(text)
    if row["unit"] == "percent" and value > 100:
        row.fail("value", f"{text} is above 100 for a percentage")
    return value


def _check_quote(row: _Row, text: str) -> bool:
    quote = row["quote"]
    if not quote or not row["quote_offset"].isdigit():
        row.fail("quote_offset", f"{row['quote_offset']!r} is not a character offset (a whole number from 0)")
        return False
    offset = int(row["quote_offset"])
    if text[offset : offset + len(quote)] == quote:
        return True
    found = [match.start() for match in re.finditer(re.escape(quote), text)]
    where = (
        f"it occurs at offset(s) {', '.join(map(str, found[:5]))}"
        if found
        else "it does not occur anywhere in the report"
    )
    row.fail("quote", f"{quote!r} is not in report {row['source_id']} at offset {offset}; {where}")
    return False


def _check_reading(row: _Row, value: Decimal) -> None:
    try:
        reading = read_number(row["quote"])
    except NumberFormatError as error:
        row.fail("quote", f"cannot read one number from the quote: {error}")
        return
    if reading.value != value:
        row.fail(
            "value", f"{row['value']} differs from {reading.value.normalize():f}, which is what {row['quote']!r} says"
        )
    if reading.unit != row["unit"]:
        row.fail("unit", f"{row['unit']} differs from {reading.unit}, which is what {row['quote']!r} says")
    if reading.qualifier != row["qualifier"] and QUALIFIER_EXPLANATION not in row["note"]:
        row.fail(
            "qualifier",
            f"{row['qualifier']} differs from {reading.qualifier}, which is what {row['quote']!r} says; "
            f"if the qualifier is written elsewhere in the sentence, explain it in note (mention 'qualifier')",
        )
