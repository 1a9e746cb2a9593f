"""`python -m etl add-request FILE.xlsx`: load a data request an office filled in (etl/request_workbook.py).

Every row of the `figures` sheet with a value becomes a figure of its province for the cell the request asked;
rows left without a value are skipped and counted. Every problem is listed at once, naming the sheet, the row and
the column as Excel shows them, and with any problem nothing is written: text in a value cell, a value outside the
indicator's range, a document date before the year it reports or after today, a missing document, or an asked
cell (province, metric, group, date, unit) that is not what the request wrote. What the request wrote is read from
its very hidden `request` sheet, row for row, and what is there must still be a headline cell of data/metrics.csv:
an office cannot move a figure to another province or indicator by typing over a locked cell in a program that
ignores the protection.

Each distinct document (title, issuing body, number, date, address) becomes one source of kind `office`, whose
text is a plain rendering of its rows (data/reports/<source_id>.txt), so each figure's quote stands in it at its
offset as the build checks; the filled workbook itself is kept as data/requests/<source_id of the first>.xlsx.
The save is etl/add_report.py's: the same lock, staging, validation, atomic save, rebuild and audit trail. A
figure for a cell a published article already gives is added beside it; where the values differ, the build marks
the readings as a conflict, as for any two reports.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from etl.add_report import NewReport, Refusal, save_reports, source_id_for, taken_source_ids
from etl.data_lock import WAIT_SECONDS
from etl.figure_text import QUALIFIER_WORDS
from etl.parse_numbers import QUALIFIERS, format_vietnamese
from etl.read_inputs import InputError, read_table
from etl.request_workbook import (
    ASKED,
    DOCUMENT_FIELDS,
    FIELDS,
    FIGURES_SHEET,
    FIRST_CELL_ROW,
    KEY_ROW,
    MAXIMUM,
    REQUEST_SHEET,
    REQUIRED_DOCUMENT_FIELDS,
    cell_period,
)
from etl.validate import Problem

REQUESTS_DIRNAME = "requests"
# How a source field of sources.csv and a figure field of facts.csv are named in the workbook.
SOURCE_COLUMNS = {"title": "document_title", "publisher": "issuing_body", "publication_date": "document_date"}
SOURCE_COLUMNS |= {"url": "document_url", "note": "document_number"}
FACT_COLUMNS = {"value": "value", "qualifier": "qualifier", "quote": "value", "note": "note", "unit": "unit"}
FACT_COLUMNS |= {"period_end": "period_end", "period_start": "period_end", "metric": "metric"}
FACT_COLUMNS |= {"beneficiary_group": "beneficiary_group", "province": "province", "area": "province"}


@dataclass(frozen=True)
class RequestProblem:
    """Something wrong in the workbook: where (sheet, Excel row, column key), a kind and the values the message
    names, so the page can word it in its reader's language; str() is the English line the command line prints."""

    sheet: str
    row: int
    column: str
    code: str
    message: str
    values: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)

    @property
    def cell(self) -> str:
        """The cell as Excel names it ("F7"), or the row alone when no column is to blame."""
        if self.column in FIELDS and self.row:
            return f"{get_column_letter(FIELDS.index(self.column) + 1)}{self.row}"
        return str(self.row or "")

    def __str__(self) -> str:
        where = f"sheet {self.sheet}" + (f", row {self.row}" if self.row else "")
        where += f", column {self.column}" + (f" ({self.cell})" if self.row else "") if self.column else ""
        return f"{where}: {self.message}"


@dataclass
class FilledRow:
    row: int
    cells: dict[str, object]


@dataclass
class Loaded:
    """What became of a filled request: the problems that stopped it (nothing written then), the figures saved
    (or that would be, on a trial), the sources made, and the rows left without a value."""

    problems: list[RequestProblem | Refusal | Problem] = field(default_factory=list)
    figures: int = 0
    skipped: int = 0
    source_ids: list[str] = field(default_factory=list)


def load_request(
    data_dir: Path,
    database: Path,
    content: bytes,
    check_only: bool = False,
    who: object = None,
    wait: float = WAIT_SECONDS,
    say: Callable[[str], None] = lambda _: None,
    today: date | None = None,
) -> Loaded:
    """Load a filled request (the .xlsx file's bytes) into data/ and rebuild the database; with `check_only`,
    validate only. DataBusy when another change holds data/ for longer than `wait` seconds."""
    today = today or date.today()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        return Loaded([RequestProblem("", 0, "", "not_workbook", f"not an Excel workbook (.xlsx): {error}")])
    try:
        reference = _Reference.of(data_dir)
    except InputError as error:
        return Loaded([Refusal(str(error), "input", {"error": str(error)})])
    problems: list[RequestProblem] = []
    rows, skipped = _read(workbook, reference, problems, today)
    if problems:
        return Loaded(list(problems), skipped=skipped)
    if not rows:
        return Loaded([RequestProblem(FIGURES_SHEET, 0, "value", "nothing_filled", "no row has a value")], 0, skipped)
    # A kept request is named by its first source: an id whose source was withdrawn is not taken again.
    taken = taken_source_ids(data_dir) | {path.stem for path in (data_dir / REQUESTS_DIRNAME).glob("*.xlsx")}
    reports, where = _reports(rows, reference, taken)
    first = reports[0].source["source_id"]
    kept = Path(REQUESTS_DIRNAME) / f"{first}.xlsx"
    for report in reports:
        report.source["note"] += f" The filled request is kept as data/{kept.as_posix()}."
    found = save_reports(data_dir, database, reports, say, check_only, who, wait, kept_files={kept: content})
    figures = sum(len(report.facts) for report in reports)
    source_ids = [report.source["source_id"] for report in reports]
    return Loaded([_placed(problem, where) for problem in found], figures, skipped, source_ids)


@dataclass(frozen=True)
class _Reference:
    """What data/ says a request may ask: the headline metrics (group, unit, measure), names, provinces."""

    headlines: dict[str, tuple[str, str, str]]  # metric -> (headline group, unit, measure)
    metric_names: dict[str, str]  # metric -> Vietnamese name
    group_names: dict[str, str]  # group -> Vietnamese name
    provinces: set[str]

    @classmethod
    def of(cls, data_dir: Path) -> _Reference:
        metrics = [row for _, row in read_table(data_dir, "metrics").rows]
        groups = [row for _, row in read_table(data_dir, "beneficiary_groups").rows]
        return cls(
            {
                row["metric"]: (row["headline_group"], row["unit"], row["measure"])
                for row in metrics
                if row["headline_rank"]
            },
            {row["metric"]: row["label_vi"] for row in metrics},
            {row["beneficiary_group"]: row["label_vi"] for row in groups},
            {row["province"] for _, row in read_table(data_dir, "provinces").rows},
        )


def _read(
    workbook: openpyxl.Workbook, reference: _Reference, problems: list[RequestProblem], today: date
) -> tuple[list[FilledRow], int]:
    """The rows with a value and the number left empty; problems are appended."""
    for sheet in (FIGURES_SHEET, REQUEST_SHEET):
        if sheet not in workbook.sheetnames:
            problems.append(RequestProblem(sheet, 0, "", "no_sheet", f"the workbook has no sheet {sheet!r}"))
    if problems:
        return [], 0
    figures, request = workbook[FIGURES_SHEET], workbook[REQUEST_SHEET]
    keys = [_text(cell.value) for cell in figures[KEY_ROW]][: len(FIELDS)]
    if keys != list(FIELDS):
        problems.append(
            RequestProblem(
                FIGURES_SHEET,
                KEY_ROW,
                "",
                "keys_changed",
                f"row {KEY_ROW} must hold the column keys {', '.join(FIELDS)}; a column was moved, added or removed",
            )
        )
        return [], 0
    rows, skipped = [], 0
    last = max(figures.max_row, request.max_row)
    for number in range(FIRST_CELL_ROW, last + 1):
        cells = {key: figures.cell(number, column).value for column, key in enumerate(FIELDS, start=1)}
        asked = tuple(_text(request.cell(number, column).value) for column in range(1, len(ASKED) + 1))
        if not any(asked) and all(_empty(value) for value in cells.values()):
            continue  # below the request's last row
        if _empty(cells["value"]):
            skipped += 1
            continue
        _check_asked(number, cells, asked, reference, problems)
        _check_filled(number, cells, reference, problems, today)
        rows.append(FilledRow(number, cells))
    return rows, skipped


def _check_asked(
    number: int,
    cells: dict[str, object],
    asked: tuple[str, ...],
    reference: _Reference,
    problems: list[RequestProblem],
) -> None:
    """The locked cells hold what the request wrote, and that is a headline cell of data/metrics.csv."""

    def fail(column: str, code: str, message: str, **values: object) -> None:
        worded = {name: str(value) for name, value in values.items()}
        problems.append(RequestProblem(FIGURES_SHEET, number, column, code, message, worded))

    if not any(asked):
        fail("province", "not_asked", "the request asked for no figure in this row")
        return
    for column, expected in zip(ASKED, asked, strict=True):
        found = cells[column]
        written = _as_date(found).isoformat() if column == "period_end" and _as_date(found) else _text(found)
        if written != expected:
            fail(
                column,
                "asked_changed",
                f"{written!r} is not what the request wrote ({expected!r}); this cell may not be changed",
                found=written,
                expected=expected,
            )
    province, metric, group, period_end, unit = asked
    if province not in reference.provinces or metric not in reference.headlines:
        fail("metric", "not_headline", f"{province} / {metric} is not a headline cell of data/metrics.csv")
        return
    headline_group, headline_unit, measure = reference.headlines[metric]
    day = _as_date(period_end)
    if group != headline_group or unit != headline_unit or day is None or cell_period(measure, day.year)[1] != day:
        fail("metric", "not_headline", f"{metric} / {group} / {period_end} / {unit} is not a headline cell")


def _check_filled(
    number: int, cells: dict[str, object], reference: _Reference, problems: list[RequestProblem], today: date
) -> None:
    def fail(column: str, code: str, message: str, **values: object) -> None:
        worded = {name: str(value) for name, value in values.items()}
        problems.append(RequestProblem(FIGURES_SHEET, number, column, code, message, worded))

    unit = _text(cells["unit"])
    value = cells["value"]
    number_value = _as_decimal(value)
    if number_value is None:
        fail("value", "not_number", f"{_text(value)!r} is not a number", value=_text(value))
    elif number_value < 0:
        fail("value", "negative", f"{number_value} is below zero", value=_plain(number_value))
    elif unit in MAXIMUM and number_value > MAXIMUM[unit]:
        fail("value", "over_maximum", f"{number_value} is above {MAXIMUM[unit]}", value=_plain(number_value))
    elif unit == "count" and number_value != number_value.to_integral_value():
        fail("value", "not_whole", f"{number_value} is not a whole number, as a count is", value=_plain(number_value))
    if not _empty(cells["qualifier"]) and qualifier_code(_text(cells["qualifier"])) is None:
        fail("qualifier", "unknown_qualifier", f"{_text(cells['qualifier'])!r} is not one of the list's qualifiers")
    for column in REQUIRED_DOCUMENT_FIELDS:
        if _empty(cells[column]):
            fail(column, "missing_document", "is empty: every figure names the document that reports it")
    document_date = cells["document_date"]
    if not _empty(document_date):
        day = _as_date(document_date)
        year_day = _as_date(cells["period_end"])
        if day is None:
            fail("document_date", "not_date", f"{_text(document_date)!r} is not a date", value=_text(document_date))
        elif day > today:
            fail("document_date", "date_future", f"{day} is after today", date=day.isoformat())
        elif year_day is not None and day < date(year_day.year, 1, 1):
            fail(
                "document_date",
                "date_before_year",
                f"{day} is before the year {year_day.year} the figure is for",
                date=day.isoformat(),
                year=year_day.year,
            )
    url = _text(cells["document_url"])
    if url and not re.match(r"^https?://\S+$", url):
        fail("document_url", "not_url", f"{url!r} is not a web address starting with http:// or https://", value=url)


def qualifier_code(text: str) -> str | None:
    """A qualifier chosen from the list in either language, or written as its code; None for anything else."""
    text = text.strip().lower()
    for code in QUALIFIERS:
        if text == code or text in (word.lower() for word in QUALIFIER_WORDS[code].values()):
            return code
    return None


def _reports(
    rows: list[FilledRow], reference: _Reference, taken: set[str]
) -> tuple[list[NewReport], dict[str, tuple[int, str]]]:
    """One report per distinct document; and where each fact and source came from (id -> (row, column))."""
    documents: dict[tuple[str, ...], list[FilledRow]] = {}
    for row in rows:
        key = tuple(_document_text(row.cells[column], column) for column in DOCUMENT_FIELDS)
        documents.setdefault(key, []).append(row)
    reports, where = [], {}
    for key, document_rows in documents.items():
        details = dict(zip(DOCUMENT_FIELDS, key, strict=True))
        source_id = source_id_for(details["document_title"], taken)
        taken.add(source_id)
        text, facts = _rendered(source_id, details, document_rows, reference)
        province = _text(document_rows[0].cells["province"])
        number = f"; document number {details['document_number']}" if details["document_number"] else ""
        source = {
            "source_id": source_id,
            "file": f"{source_id}.txt",
            "title": details["document_title"],
            "publisher": details["issuing_body"],
            "author": "",
            "publication_date": details["document_date"],
            "url": details["document_url"],
            "province": province,
            "language": "vi",
            "text_in_repository": "true",
            "kind": "office",
            "note": f"Figures reported by the office through a data request{number}. "
            f"The text renders the request's rows {', '.join(str(row.row) for row in document_rows)}.",
        }
        reports.append(NewReport(text, source, facts))
        where[source_id] = (document_rows[0].row, "")
        where |= {fact["fact_id"]: (row.row, "") for fact, row in zip(facts, document_rows, strict=True)}
    return reports, where


def _rendered(
    source_id: str, details: dict[str, str], rows: list[FilledRow], reference: _Reference
) -> tuple[str, list[dict[str, str]]]:
    """The document's rows as plain text, in Vietnamese as the office wrote them, and the figures quoting it."""
    day = date.fromisoformat(details["document_date"])
    lines = [
        "Số liệu do cơ quan báo cáo qua biểu mẫu yêu cầu số liệu.",
        f"Văn bản: {details['document_title']}",
        f"Cơ quan ban hành: {details['issuing_body']}",
    ]
    if details["document_number"]:
        lines.append(f"Số văn bản: {details['document_number']}")
    lines.append(f"Ngày văn bản: {day.day:02d}/{day.month:02d}/{day.year}")
    if details["document_url"]:
        lines.append(f"Địa chỉ: {details['document_url']}")
    text = "\n".join(lines) + "\n\n"
    facts = []
    for index, row in enumerate(rows, start=1):
        cells = row.cells
        metric, unit = _text(cells["metric"]), _text(cells["unit"])
        value = _as_decimal(cells["value"])
        qualifier = qualifier_code(_text(cells["qualifier"])) if not _empty(cells["qualifier"]) else "exact"
        start, end = cell_period(reference.headlines[metric][2], _as_date(cells["period_end"]).year)
        label = f"năm {end.year}" if start != end else f"ngày {end.day:02d}/{end.month:02d}/{end.year}"
        page = _text(cells["page"])
        quote = format_vietnamese(value, unit, qualifier or "exact")
        line = (
            f"Dòng {row.row}: {reference.metric_names[metric]} "
            f"({reference.group_names.get(_text(cells['beneficiary_group']), '')}), {label}"
            + (f", trang {page}" if page else "")
            + ": "
        )
        offset = len(text) + len(line)
        text += f"{line}{quote}.\n"
        office_note = _text(cells["note"])
        note = f"Row {row.row} of the data request" + (f", page {page} of the document" if page else "") + "."
        if office_note:
            note += f" The office's note: {office_note}"
        facts.append(
            {
                "fact_id": f"{source_id}-{index:02d}",
                "source_id": source_id,
                "province": _text(cells["province"]),
                "area": _text(cells["province"]),
                "area_level": "province",
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "period_label": label,
                "metric": metric,
                "beneficiary_group": _text(cells["beneficiary_group"]),
                "value": _plain(value),
                "unit": unit,
                "qualifier": qualifier or "exact",
                "is_target": "false",
                "quote": quote,
                "quote_offset": str(offset),
                "poverty_standard": "",
                "merged_province": "",
                "note": note,
            }
        )
    return text, facts


def _placed(problem: RequestProblem | Refusal | Problem, where: dict[str, tuple[int, str]]) -> object:
    """A problem the build's validation found in the staged rows, placed at the workbook row it came from."""
    if not isinstance(problem, Problem):
        return problem
    file, key = Path(problem.file).name, problem.key.partition("=")[2]
    if key not in where:
        return problem
    columns = FACT_COLUMNS if file == "facts.csv" else SOURCE_COLUMNS
    column = columns.get(problem.field, "")
    # The build's own kind of problem goes along, so the page can word it as the review table does.
    values = {"message": problem.message, "check": problem.code, **problem.values}
    return RequestProblem(FIGURES_SHEET, where[key][0], column, "validation", problem.message, values)


def _document_text(value: object, column: str) -> str:
    if column == "document_date":
        day = _as_date(value)
        return day.isoformat() if day else _text(value)
    return _text(value)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _as_decimal(value: object) -> Decimal | None:
    """A number cell's value; text is not a number even when it looks like one (Excel keeps it as text)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _plain(value: Decimal) -> str:
    normal = value.normalize()
    return format(normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal, "f")
