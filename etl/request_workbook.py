"""`python -m etl request`: the data-request workbook for one province — the headline cells it has no figure for.

Provincial offices exchange figures through forms they fill in (biểu mẫu). The workbook asks one province for
each headline indicator (data/metrics.meta.yml) in each year from 2015 to the last full year where the
database has no headline figure, by the rule the coverage matrices count with (etl/coverage.py).

Sheet `figures`: row 1 the column labels in the chosen language, row 2 the column keys (FIELDS), then one row a
missing cell. What the request asks (province, metric, group, date, unit) is written and locked; the sheet is
protected without a password, so every cell can be read and only the cells to fill can be typed in. Excel checks
the value (a decimal within the indicator's range), offers the qualifiers as a list, takes a date for the
document, and shows the indicator's definition when a value cell is selected.

Sheet `request`, very hidden (Excel's Unhide does not list it): the cells as they were asked, row for row, and
the request's province and language. etl/add_request.py compares the locked cells with it, so a province, metric,
group, date or unit typed over in another program is named instead of loaded.

Sheet `definitions`: each headline indicator's definition, what not to mix it with, and an example: a headline
figure of the database as published, with its source, so the example is a real one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import xlsxwriter

from etl.coverage import coverage_cells, headline_metrics, last_full_year, missing_headline_cells
from etl.figure_text import QUALIFIER_WORDS, value_text
from etl.parse_numbers import QUALIFIERS

FIGURES_SHEET, DEFINITIONS_SHEET, REQUEST_SHEET = "figures", "definitions", "request"
FIELDS = (
    "province",
    "metric",
    "beneficiary_group",
    "period_end",
    "unit",
    "value",
    "qualifier",
    "document_title",
    "issuing_body",
    "document_number",
    "document_date",
    "document_url",
    "page",
    "note",
)
ASKED = FIELDS[:5]  # written by the request and locked
FILLED = FIELDS[5:]  # typed by the office
DOCUMENT_FIELDS = ("document_title", "issuing_body", "document_number", "document_date", "document_url")
REQUIRED_DOCUMENT_FIELDS = ("document_title", "issuing_body", "document_date")
LABEL_ROW, KEY_ROW, FIRST_CELL_ROW = 1, 2, 3  # as Excel numbers rows
# Excel refuses an input message longer than this, and a title longer than 32 characters.
LONGEST_INPUT_MESSAGE = 255
# The hidden sheet: its first row says what was asked of whom, then one row per figures row, the same row number.
REQUEST_HEADER = ("request_province", "request_language", "request_made")

# The workbook's words, in the language it is written in. The page's own words are app/labels.py's; these are
# the pipeline's, which the command line writes too.
WORDS: dict[str, dict[str, str]] = {
    "province": {"vi": "Tỉnh", "en": "Province"},
    "metric": {"vi": "Chỉ tiêu (mã)", "en": "Indicator (code)"},
    "beneficiary_group": {"vi": "Nhóm đối tượng (mã)", "en": "Beneficiary group (code)"},
    "period_end": {"vi": "Số liệu tại ngày", "en": "Figure as of"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "value": {"vi": "Giá trị (điền)", "en": "Value (fill in)"},
    "qualifier": {"vi": "Mức chính xác", "en": "Qualifier"},
    "document_title": {"vi": "Tên văn bản", "en": "Document title"},
    "issuing_body": {"vi": "Cơ quan ban hành", "en": "Issuing body"},
    "document_number": {"vi": "Số văn bản", "en": "Document number"},
    "document_date": {"vi": "Ngày văn bản", "en": "Document date"},
    "document_url": {"vi": "Địa chỉ trên mạng (nếu có)", "en": "Web address (if any)"},
    "page": {"vi": "Trang", "en": "Page"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "definition_title": {"vi": "Định nghĩa", "en": "Definition"},
    "qualifier_title": {"vi": "Mức chính xác", "en": "Qualifier"},
    "qualifier_message": {
        "vi": "Để trống nếu số liệu chính xác.",
        "en": "Leave empty when the figure is exact.",
    },
    "date_title": {"vi": "Ngày văn bản", "en": "Document date"},
    "date_message": {"vi": "Ngày ký văn bản, dạng ngày/tháng/năm.", "en": "The date the document was signed."},
    "value_error": {"vi": "Giá trị không hợp lệ", "en": "Not a valid value"},
    "hint_percent": {"vi": "Nhập số phần trăm từ 0 đến 100.", "en": "Type a percentage from 0 to 100."},
    "hint_VND": {
        "vi": "Nhập số đồng, viết đủ chữ số (không viết tỷ, triệu).",
        "en": "Type the amount in đồng, every digit (not in billions).",
    },
    "hint_count": {"vi": "Nhập một số nguyên từ 0.", "en": "Type a whole number from 0."},
    "unit_percent": {"vi": "%", "en": "percent"},
    "unit_VND": {"vi": "đồng", "en": "VND"},
    "unit_count": {"vi": "số lượng", "en": "count"},
    "definitions_metric": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "definitions_code": {"vi": "Mã", "en": "Code"},
    "definitions_group": {"vi": "Nhóm đối tượng", "en": "Beneficiary group"},
    "definitions_unit": {"vi": "Đơn vị", "en": "Unit"},
    "definitions_definition": {"vi": "Định nghĩa", "en": "Definition"},
    "definitions_date": {"vi": "Thời điểm (tiếng Anh)", "en": "Reference date"},
    "definitions_not_to_mix": {"vi": "Không nhầm với (tiếng Anh)", "en": "Not to mix with"},
    "definitions_example": {"vi": "Ví dụ một dòng đã điền", "en": "Example of a filled row"},
    "example": {
        "vi": "{province}, {year}: {value}; {title} ({publisher}, {published})",
        "en": "{province}, {year}: {value}; {title} ({publisher}, {published})",
    },
    "no_example": {
        "vi": "Chưa có số liệu nào của chỉ tiêu này trong cơ sở dữ liệu.",
        "en": "The database holds no figure of this indicator yet.",
    },
}
MAXIMUM = {"percent": 100}  # the other units have no upper bound; none is below zero


class RequestError(Exception):
    """A request that cannot be written: an unknown province or language."""


@dataclass(frozen=True)
class AskedCell:
    """One headline cell the request asks for."""

    province: str
    metric: str
    beneficiary_group: str
    year: int
    unit: str
    measure: str

    @property
    def period_end(self) -> date:
        return cell_period(self.measure, self.year)[1]


def cell_period(measure: str, year: int) -> tuple[date, date]:
    """The period a year's reading stands for (metrics.meta.yml, `year_reading`): a stock at 31 December, a flow
    over the calendar year. Both are what the series and the coverage matrices take as the year's figure."""
    end = date(year, 12, 31)
    return (end if measure == "stock" else date(year, 1, 1)), end


def word(key: str, language: str) -> str:
    return WORDS[key][language]


def unit_word(unit: str, language: str) -> str:
    return WORDS[f"unit_{unit}"][language]


def qualifier_choices(language: str) -> list[str]:
    """The qualifiers as the list in the workbook names them, in the order of etl/parse_numbers.py."""
    return [QUALIFIER_WORDS[qualifier][language] for qualifier in QUALIFIERS]


def asked_cells(connection: duckdb.DuckDBPyConnection, province: str, today: date) -> list[AskedCell]:
    """The headline cells of `province` without a headline figure, from 2015 to the last full year before `today`."""
    last = last_full_year(today)
    missing = missing_headline_cells(coverage_cells(connection, last), headline_metrics(connection), province, last)
    return [
        AskedCell(province, row.metric, row.headline_group, int(row.year), row.unit, row.measure)
        for row in missing.itertuples()
    ]


def provinces_studied(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The provinces the corpus compares: those its sources are about (as `etl coverage` lists them)."""
    rows = connection.execute("SELECT DISTINCT province FROM sources WHERE province IS NOT NULL ORDER BY province")
    return [province for (province,) in rows.fetchall()]


def request_workbook(database: Path, province: str, language: str = "vi", today: date | None = None) -> bytes:
    """The request workbook of one province, as the bytes of an .xlsx file."""
    today = today or date.today()
    with duckdb.connect(str(database), read_only=True) as connection:
        studied = provinces_studied(connection)
        if province not in studied:
            raise RequestError(f"{province!r} is not one of the provinces studied: {', '.join(studied)}")
        cells = asked_cells(connection, province, today)
    return workbook_of_cells(database, province, cells, language, today)


def workbook_of_cells(database: Path, province: str, cells: list[AskedCell], language: str, today: date) -> bytes:
    """A request workbook asking for `cells`, with the definitions and examples of the database."""
    if language not in ("vi", "en"):
        raise RequestError(f"unknown language {language!r}; expected vi or en")
    with duckdb.connect(str(database), read_only=True) as connection:
        definitions = _definitions(connection)
        examples = _examples(connection)
        names = connection.execute(f"SELECT beneficiary_group, label_{language} FROM beneficiary_groups").fetchall()
    return write_workbook(province, cells, definitions, examples, dict(names), language, today)


def _definitions(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return connection.execute(
        """
        SELECT metric, category, headline_rank, headline_group, label_vi, label_en, metrics.unit, definition,
               definition_vi, counted, reference_date, not_to_mix_with
        FROM metrics JOIN headline_definitions USING (metric)
        ORDER BY list_position(['poverty', 'health_insurance', 'credit', 'support'], category), headline_rank
        """
    ).df()


def _examples(connection: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Per headline indicator, its latest headline figure of a province as published, with its source."""
    rows = connection.execute(
        """
        SELECT metric, province, year, value, unit, qualifier, source_title, source_publisher,
               coalesce(source_publication_date, source_published_not_before) AS published
        FROM figures
        WHERE headline_rank IS NOT NULL AND series_choice = 1 AND area_level = 'province' AND NOT is_target
        QUALIFY row_number() OVER (PARTITION BY metric ORDER BY year DESC, fact_id) = 1
        """
    ).df()
    return {row["metric"]: row for row in rows.to_dict("records")}


def input_message(definition: str, unit: str, language: str) -> str:
    """What Excel shows beside a selected value cell: the definition, then how to write the value."""
    message = f"{definition} {word(f'hint_{unit}', language)}"
    if len(message) > LONGEST_INPUT_MESSAGE:
        raise RequestError(f"the definition is longer than Excel shows ({len(message)} > {LONGEST_INPUT_MESSAGE})")
    return message


def definition_text(row: pd.Series | dict, language: str) -> str:
    """The indicator's exact definition in data/metrics.meta.yml, in the language."""
    return str(row["definition_vi"] if language == "vi" else row["counted"])


def write_workbook(
    province: str,
    cells: list[AskedCell],
    definitions: pd.DataFrame,
    examples: dict[str, dict],
    group_names: dict[str, str],
    language: str,
    today: date,
) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    heading = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE7F0"})
    key_format = workbook.add_format({"font_color": "#777777", "italic": True})
    asked = workbook.add_format({"bg_color": "#EEEEEE"})
    asked_date = workbook.add_format({"bg_color": "#EEEEEE", "num_format": "dd/mm/yyyy"})
    open_cell = workbook.add_format({"locked": False})
    open_number = workbook.add_format({"locked": False, "num_format": "#,##0.##########"})
    open_date = workbook.add_format({"locked": False, "num_format": "dd/mm/yyyy"})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})

    figures = workbook.add_worksheet(FIGURES_SHEET)
    widths = {"province": 12, "metric": 28, "beneficiary_group": 26, "period_end": 12, "unit": 9, "value": 16}
    widths |= {"qualifier": 12, "document_title": 40, "issuing_body": 30, "document_number": 16}
    widths |= {"document_date": 13, "document_url": 30, "page": 7, "note": 30}
    column_formats = {"value": open_number, "document_date": open_date}
    for column, field in enumerate(FIELDS):
        figures.set_column(
            column, column, widths[field], column_formats.get(field, open_cell if field in FILLED else None)
        )
        figures.write(LABEL_ROW - 1, column, word(field, language), heading)
        figures.write(KEY_ROW - 1, column, field, key_format)
    figures.set_row(LABEL_ROW - 1, 32)
    figures.freeze_panes(KEY_ROW, 0)
    by_metric = definitions.set_index("metric")
    qualifiers = qualifier_choices(language)
    for index, cell in enumerate(cells):
        row = FIRST_CELL_ROW - 1 + index
        figures.write(row, 0, cell.province, asked)
        figures.write(row, 1, cell.metric, asked)
        figures.write(row, 2, cell.beneficiary_group, asked)
        figures.write_datetime(row, 3, cell.period_end, asked_date)
        figures.write(row, 4, cell.unit, asked)
        # Styled blanks: each cell to fill is unlocked itself, whatever a program makes of the column's style.
        for field in FILLED:
            figures.write_blank(row, FIELDS.index(field), None, column_formats.get(field, open_cell))
        definition = definition_text(by_metric.loc[cell.metric], language)
        figures.data_validation(
            row,
            FIELDS.index("value"),
            row,
            FIELDS.index("value"),
            {
                "validate": "decimal",
                **(
                    {"criteria": "between", "minimum": 0, "maximum": MAXIMUM[cell.unit]}
                    if cell.unit in MAXIMUM
                    else {"criteria": ">=", "value": 0}
                ),
                "input_title": word("definition_title", language),
                "input_message": input_message(definition, cell.unit, language),
                "error_title": word("value_error", language),
                "error_message": word(f"hint_{cell.unit}", language),
            },
        )
    last_row = FIRST_CELL_ROW - 2 + max(len(cells), 1)
    figures.data_validation(
        FIRST_CELL_ROW - 1,
        FIELDS.index("qualifier"),
        last_row,
        FIELDS.index("qualifier"),
        {
            "validate": "list",
            "source": qualifiers,
            "input_title": word("qualifier_title", language),
            "input_message": word("qualifier_message", language),
        },
    )
    figures.data_validation(
        FIRST_CELL_ROW - 1,
        FIELDS.index("document_date"),
        last_row,
        FIELDS.index("document_date"),
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2015, 1, 1),
            "maximum": date(2100, 12, 31),
            "input_title": word("date_title", language),
            "input_message": word("date_message", language),
        },
    )
    # No password: everyone can read every cell; only the cells to fill can be typed in.
    figures.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False})

    _write_definitions(workbook, definitions, examples, group_names, language, heading, wrapped)

    request = workbook.add_worksheet(REQUEST_SHEET)
    request.write_row(0, 0, REQUEST_HEADER)
    request.write_row(1, 0, (province, language, today.isoformat()))
    for index, cell in enumerate(cells):
        asked_values = (cell.province, cell.metric, cell.beneficiary_group, cell.period_end.isoformat(), cell.unit)
        request.write_row(FIRST_CELL_ROW - 1 + index, 0, asked_values)
    request.very_hidden()
    request.protect("")
    figures.activate()
    workbook.close()
    return buffer.getvalue()


def _write_definitions(
    workbook: xlsxwriter.Workbook,
    definitions: pd.DataFrame,
    examples: dict[str, dict],
    group_names: dict[str, str],
    language: str,
    heading: object,
    wrapped: object,
) -> None:
    sheet = workbook.add_worksheet(DEFINITIONS_SHEET)
    columns = ("metric", "code", "group", "unit", "definition", "date", "not_to_mix", "example")
    for column, (name, width) in enumerate(zip(columns, (28, 24, 24, 9, 60, 30, 45, 60), strict=True)):
        sheet.set_column(column, column, width)
        sheet.write(0, column, word(f"definitions_{name}", language), heading)
    for index, row in enumerate(definitions.to_dict("records"), start=1):
        example = examples.get(row["metric"])
        if example:
            published = example["published"]
            example_text = word("example", language).format(
                province=example["province"],
                year=example["year"],
                value=value_text(example["value"], example["unit"], example["qualifier"], language),
                title=example["source_title"],
                publisher=example["source_publisher"],
                published=published.strftime("%d/%m/%Y") if not pd.isna(published) else "",
            )
        else:
            example_text = word("no_example", language)
        sheet.write_row(
            index,
            0,
            (
                row[f"label_{language}"],
                row["metric"],
                group_names.get(row["headline_group"], row["headline_group"]),
                unit_word(row["unit"], language),
                definition_text(row, language),
                row["reference_date"],
                row["not_to_mix_with"],
                example_text,
            ),
            wrapped,
        )
    sheet.freeze_panes(1, 0)
