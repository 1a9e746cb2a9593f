"""The review table of the Add-a-report page, and everything it says.

The extractor's proposals become a table a reviewer reads from the left: whether to keep the figure, the words
quoted and the number, then what it measures, for whom, where and when. Closed columns offer their choices by
name in the page's language and keep the codes data/facts.csv holds. The table's rows go back as rows of
data/facts.csv (ids are made here, never typed), after the checks a table row needs before it can be staged;
and every problem, the page's own or the validator's (etl/validate.py), is worded in the page's language,
naming the table's row as the reviewer sees it ("Dòng 3") and the column by its header. The page
(pages/add_report.py) only draws and wires these.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import streamlit as st

from app import labels
from etl.add_report import Refusal
from etl.header_units import reading_with_header
from etl.parse_numbers import QUALIFIERS, UNITS, NumberFormatError, read_number
from etl.read_inputs import COLUMNS as FILE_COLUMNS
from etl.read_inputs import read_table
from etl.validate import AREA_LEVELS, CATEGORIES, Problem

# In the order a reviewer reads a figure: keep it or not, the words and the number, where they stand (a figure of
# a table is one cell, whose table, row and column the note names, and whose unit a header may print), what it
# measures and for whom, where and when, the rest; the extractor's confidence, which is not edited, last.
COLUMNS = (
    "accept",
    "quote",
    "value",
    "note",
    "unit",
    "qualifier",
    "metric",
    "beneficiary_group",
    "area",
    "area_level",
    "period_start",
    "period_end",
    "period_label",
    "is_target",
    "poverty_standard",
    "merged_province",
    "province",
    "quote_offset",
    "confidence",
)
FLAGS = ("accept", "is_target", "merged_province")
DATES = ("period_start", "period_end")
TEXTS = tuple(column for column in COLUMNS if column not in (*FLAGS, *DATES, "quote_offset", "confidence"))
# What a row needs before it is worth staging; the validator checks everything else, and these again.
REQUIRED = (
    "quote",
    "value",
    "unit",
    "qualifier",
    "metric",
    "beneficiary_group",
    "area",
    "area_level",
    "period_start",
    "period_end",
    "period_label",
)
REVIEWER_NOTE = "added by the reviewer from the text of the report"
# Streamlit's data editor draws rows 35 px high; the table is tall enough for this many rows before it scrolls.
ROW_HEIGHT = 35
ROWS_IN_VIEW = 15
# The source form's fields, by the label key the page shows them with.
SOURCE_FIELDS = {
    "title": "source_title",
    "publisher": "publisher",
    "author": "author",
    "publication_date": "published",
    "published_not_before": "published_not_before_field",
    "url": "url",
    "province": "province",
    "note": "note",
}
PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
DATE_TYPE = pd.ArrowDtype(pa.date32())  # typed even when every cell is empty, so the column edits as dates


@dataclass(frozen=True)
class Choices:
    """What the closed columns offer: each code with its name in the page's language, in the order offered."""

    metrics: dict[str, str]
    groups: dict[str, str]
    standards: dict[str, str]
    provinces: dict[str, str]
    topics: dict[str, str]  # metric -> its topic, in words


def choices(data_dir: Path, language: str) -> Choices:
    """The choices of data/'s reference files, read afresh: a metric added there is offered at once."""
    metrics = read_table(data_dir, "metrics").rows
    metrics = sorted(
        (row for _, row in metrics if row["category"] in CATEGORIES),
        key=lambda row: (CATEGORIES.index(row["category"]), row[f"label_{language}"]),
    )
    groups = [row for _, row in read_table(data_dir, "beneficiary_groups").rows]
    standards = [row for _, row in read_table(data_dir, "poverty_standards").rows]
    provinces = sorted(row["province"] for _, row in read_table(data_dir, "provinces").rows)
    return Choices(
        metrics={row["metric"]: row[f"label_{language}"] for row in metrics},
        groups={row["beneficiary_group"]: row[f"label_{language}"] for row in groups},
        standards={row["poverty_standard"]: row[f"label_{language}"] for row in standards},
        provinces={province: province for province in provinces},
        topics={row["metric"]: labels.category_name(row["category"], language) for row in metrics},
    )


def column_config(options: Choices, language: str) -> dict[str, object]:
    """Headers, choices and widths of the table, in the page's language; confidence read-only."""

    def header(column: str) -> str:
        return labels.text(f"col_{column}", language)

    def pick(column: str, named: Mapping[str, str], width: int | str = "medium") -> object:
        # Shown by name, kept as the code data/facts.csv holds.
        return st.column_config.SelectboxColumn(
            header(column), options=list(named), format_func=lambda code: named.get(code, code), width=width
        )

    date_format = "DD/MM/YYYY" if language == "vi" else "YYYY-MM-DD"
    return {
        "_index": st.column_config.NumberColumn(header("row"), disabled=True, width=48),
        "accept": st.column_config.CheckboxColumn(header("accept"), default=True, width=70),
        "quote": st.column_config.TextColumn(header("quote"), help=labels.text("help_quote", language), width=150),
        "value": st.column_config.TextColumn(header("value"), help=labels.text("help_value", language), width=120),
        "unit": pick("unit", {unit: labels.unit_name(unit, language) for unit in UNITS}, 90),
        "qualifier": pick("qualifier", {word: labels.qualifier_word(word, language) for word in QUALIFIERS}, 120),
        "metric": pick("metric", options.metrics, 250),
        "beneficiary_group": pick("beneficiary_group", options.groups, 190),
        "area": st.column_config.TextColumn(header("area"), width=120),
        "area_level": pick("area_level", {level: labels.level_name(level, language) for level in AREA_LEVELS}, 80),
        "period_start": st.column_config.DateColumn(header("period_start"), format=date_format, width=105),
        "period_end": st.column_config.DateColumn(header("period_end"), format=date_format, width=105),
        "period_label": st.column_config.TextColumn(header("period_label"), width=150),
        "is_target": st.column_config.CheckboxColumn(header("is_target"), default=False, width=70),
        "poverty_standard": pick("poverty_standard", options.standards, 200),
        "merged_province": st.column_config.CheckboxColumn(
            header("merged_province"), help=labels.text("help_merged_province", language), default=False, width=90
        ),
        "province": pick("province", options.provinces, 120),
        "note": st.column_config.TextColumn(header("note"), help=labels.text("help_note", language), width=220),
        "quote_offset": st.column_config.NumberColumn(
            header("quote_offset"), help=labels.text("help_quote_offset", language), min_value=0, step=1, format="%d"
        ),
        "confidence": st.column_config.NumberColumn(
            header("confidence"), help=labels.text("help_confidence", language), disabled=True, format="%.2f"
        ),
    }


def table_height(rows: int) -> int:
    """Pixels for the header, the rows (up to ROWS_IN_VIEW, then it scrolls) and the row "+" adds."""
    return ROW_HEIGHT * (min(rows, ROWS_IN_VIEW) + 2) + 3


# The extractor's rows to the table, and the table back to data/facts.csv


def review_frame(proposed: list[dict[str, str]]) -> pd.DataFrame:
    """The extractor's rows (data/facts.csv rows plus a confidence) as the review table, rows numbered from 1."""
    rows = [
        {
            **{column: row.get(column) or None for column in TEXTS},
            "accept": True,
            "period_start": row.get("period_start"),
            "period_end": row.get("period_end"),
            "is_target": row.get("is_target") == "true",
            "merged_province": row.get("merged_province") == "true",
            "quote_offset": row.get("quote_offset"),
            "confidence": row.get("confidence"),
        }
        for row in proposed
    ]
    # Numbered as the reviewer sees them and the messages name them. Not a RangeIndex, which the editor
    # leaves blank; rows added with "+" are numbered on from the largest.
    frame = pd.DataFrame(rows, columns=list(COLUMNS), index=pd.Index(list(range(1, len(rows) + 1)), dtype="int64"))
    return normalized(frame)


def normalized(table: pd.DataFrame) -> pd.DataFrame:
    """The table with one type a column, whatever the editor handed back: an added row's empty cells are NA,
    and a column holding NA is no longer boolean. A new row counts as accepted (the box is ticked for it)."""
    table = table.reindex(columns=list(COLUMNS))
    index = table.index

    def column(values: list, dtype: object) -> pd.Series:
        return pd.Series(values, index=index, dtype=dtype)

    frame = pd.DataFrame(index=index)
    for name in COLUMNS:
        cells = table[name].tolist()
        if name in FLAGS:
            default = name == "accept"
            # Nullable, so that the editor can add a row with the box still empty (NA) to it.
            frame[name] = column([default if _missing(cell) else bool(cell) for cell in cells], "boolean")
        elif name in DATES:
            frame[name] = column([_as_date(cell) for cell in cells], DATE_TYPE)
        elif name == "quote_offset":
            frame[name] = column([_as_offset(cell) for cell in cells], "Int64")
        elif name == "confidence":
            frame[name] = column([None if _missing(cell) else _as_float(cell) for cell in cells], "Float64")
        else:
            frame[name] = column([_text(cell) or None for cell in cells], object)
    return frame


@dataclass(frozen=True)
class Message:
    """Something to tell the reviewer: a kind (a label key's ending, as the validator's Problem.code) and the
    values it names, and where: a row of the table (its label), the source form, the report, or a file."""

    code: str
    values: Mapping[str, object] = dataclasses.field(default_factory=dict)
    where: str = "row"  # "row", "source", "report" or "data"
    row: int | None = None
    field: str = ""


@dataclass(frozen=True)
class Reviewed:
    """The ticked rows as data/facts.csv rows, which table row each came from, the rows left empty, and what
    must be corrected before anything is staged."""

    facts: list[dict[str, str]]
    rows: dict[str, int]  # fact_id -> label of its table row
    left_out: list[int]
    problems: list[Message]


def reviewed_facts(table: pd.DataFrame, source_id: str, text: str) -> Reviewed:
    """The table's ticked rows as data/facts.csv rows, in table order, with ids made from `source_id`.

    A row with nothing in it is left out (it is what "+" adds before anything is typed). A row's quote is
    placed in the text when its position is missing or wrong; an empty value, unit or qualifier is read
    from the quote, as the build reads them. No cell of any type, NA included, makes this raise."""
    facts: list[dict[str, str]] = []
    rows: dict[str, int] = {}
    left_out: list[int] = []
    problems: list[Message] = []
    for position, (label, cells) in enumerate(zip(table.index, table.to_dict("records"), strict=True), start=1):
        row = _row_label(label, position)
        if _is_empty(cells):
            left_out.append(row)
            continue
        if not _ticked(cells.get("accept")):
            continue
        fact, found = _fact(cells, text)
        problems += [Message("empty", row=row, field=name) for name in REQUIRED if not fact[name]]
        problems += [Message(code, values, row=row, field=name) for name, code, values in found]
        fact_id = f"{source_id}-{len(facts) + 1:02d}"
        facts.append({"fact_id": fact_id, "source_id": source_id, **fact})
        rows[fact_id] = row
    return Reviewed(facts, rows, left_out, problems)


def _fact(cells: Mapping[str, object], text: str) -> tuple[dict[str, str], list[tuple[str, str, dict]]]:
    """One table row as the text of a data/facts.csv row, and the problems of its own cells."""
    fact = {name: _text(cells.get(name)).strip() for name in FILE_COLUMNS["facts"] if name in COLUMNS}
    fact.update({name: _as_iso(cells.get(name)) for name in DATES})
    fact["is_target"] = "true" if _is_true(cells.get("is_target")) else "false"
    fact["merged_province"] = "true" if _is_true(cells.get("merged_province")) else ""
    problems: list[tuple[str, str, dict]] = []
    raw_quote = _text(cells.get("quote"))
    quote = raw_quote.strip()
    offset = _as_offset(cells.get("quote_offset"))
    if offset is not None and quote:
        offset += len(raw_quote) - len(raw_quote.lstrip())  # the spaces trimmed stood before the quote
    fact["quote"] = quote
    if quote:
        _fill_from_quote(fact, quote)
        starts = [match.start() for match in re.finditer(re.escape(quote), text)]
        if not starts:
            problems.append(("quote", "quote_not_in_report", {"quote": quote}))
        elif offset is None or offset not in starts:
            # The quote stands elsewhere than its position says (it was typed, or widened by a word): the
            # occurrence nearest to where it was said to be is the one meant.
            offset = min(starts, key=lambda start: abs(start - (offset or 0)))
    fact["quote_offset"] = "" if offset is None else str(offset)
    value = fact["value"]
    if value and not value.startswith("-") and not PLAIN_NUMBER.fullmatch(value):
        problems.append(("value", "not_number", {"value": value}))
    return fact, problems


def _fill_from_quote(fact: dict[str, str], quote: str) -> None:
    """An empty value, unit or qualifier, read from the quote the way the build checks them."""
    if fact["value"] and fact["unit"] and fact["qualifier"]:
        return
    try:
        # The page takes reports in Vietnamese (its sources' language); a table cell is read with the unit its
        # header prints, as the note says and the build checks.
        reading = reading_with_header(quote, fact.get("note", ""), "vi")
    except NumberFormatError:
        return  # the build says the quote holds no single number
    fact["value"] = fact["value"] or _plain(reading.value)
    fact["unit"] = fact["unit"] or reading.unit
    fact["qualifier"] = fact["qualifier"] or reading.qualifier


# A figure pasted as printed


class MissedFigureError(Exception):
    """The pasted words cannot become a row: a label key and the values it names."""

    def __init__(self, code: str, **values: object):
        super().__init__(code)
        self.code = code
        self.values = values


def with_missed_figure(table: pd.DataFrame, text: str, printed: str, province: str) -> tuple[pd.DataFrame, int]:
    """The table with a row for a figure the reviewer pasted as printed ("hơn 1,4 tỷ đồng"): found in the text,
    its value, unit and qualifier read by the number reader, its place the report's province; the reviewer
    completes the rest. The row's label is returned too. MissedFigureError when it cannot be."""
    printed = printed.strip()
    if not printed:
        raise MissedFigureError("missed_empty")
    starts = [match.start() for match in re.finditer(re.escape(printed), text)]
    if not starts:
        raise MissedFigureError("missed_not_found", printed=printed)
    try:
        reading = read_number(printed, "vi")
    except NumberFormatError as error:
        raise MissedFigureError("missed_not_one_number", printed=printed) from error
    table = normalized(table)
    taken = {
        (quote, int(offset)): int(label)
        for label, quote, offset in zip(table.index, table["quote"], table["quote_offset"], strict=True)
        if isinstance(quote, str) and not _missing(offset)
    }
    # The first place the words stand that no row quotes yet: a figure printed twice may be meant twice.
    free = [start + reading.start for start in starts if (reading.text, start + reading.start) not in taken]
    if not free:
        rows = [taken[(reading.text, start + reading.start)] for start in starts]
        raise MissedFigureError("missed_in_table", printed=printed, rows=rows)
    label = int(max(table.index, default=0)) + 1
    added = {
        "accept": True,
        "quote": reading.text,
        "value": _plain(reading.value),
        "unit": reading.unit,
        "qualifier": reading.qualifier,
        "area": province or None,
        "area_level": "province" if province else None,
        "province": province or None,
        "is_target": False,
        "merged_province": False,
        "note": REVIEWER_NOTE,
        "quote_offset": free[0],
    }
    row = pd.DataFrame([added], columns=list(COLUMNS), index=[label])
    return normalized(pd.concat([table.astype(object), row.astype(object)])), label


# What the page says


def messages_of(problems: list[Problem | Refusal], rows: Mapping[str, int], source_id: str) -> list[Message]:
    """The problems of a staged save, each placed where the reviewer can correct it: a figure at its table row
    (by its fact_id; the staged data/facts.csv line does not exist for the reviewer), the source at the form."""
    messages = []
    for problem in problems:
        if isinstance(problem, Refusal):
            messages.append(Message(problem.code, {**problem.values, "message": problem.message}, "report"))
            continue
        values: dict[str, object] = {**problem.values, "message": problem.message}
        file, key = Path(problem.file).name, problem.key.partition("=")[2]
        if file == "facts.csv" and key in rows:
            if problem.code == "duplicate_figure" and problem.values.get("fact_id") in rows:
                values["other_row"] = rows[problem.values["fact_id"]]
            messages.append(Message(problem.code, values, "row", rows[key], problem.field))
        elif file == "sources.csv" and key == source_id:
            messages.append(Message(problem.code, values, "source", None, problem.field))
        else:  # a row of data/ saved before: not the reviewer's to correct here
            values.update(file=file, line=problem.row)
            messages.append(Message("", values, "data", None, problem.field))
    return messages


def message_text(message: Message, language: str, options: Choices) -> str:
    """One line in the page's language: where (the table's row, the source form …), the column, what is wrong."""
    if message.where == "row":
        where = row_name(message.row, language)
    elif message.where == "data":
        values = message.values
        where = labels.text("where_data", language, file=str(values.get("file", "")), line=str(values.get("line", "")))
    else:
        where = labels.text(f"where_{message.where}", language)
    what = _what(message, language, options)
    name = field_name(message.field, message.where, language)
    return f"{where} · {name}: {what}" if name else f"{where}: {what}"


def row_name(row: int | None, language: str) -> str:
    """A table row as the reviewer sees it: "Dòng 3"."""
    return labels.text("where_row", language, row=str(row))


def missed_text(code: str, values: Mapping[str, object], language: str) -> str:
    """What became of a pasted figure (a MissedFigureError's code and values, or "missed_added" with the row,
    quote and offset), in the page's language: worded when shown, so that it follows a change of language."""
    worded = dict(values)
    if "row" in worded:
        worded["row"] = row_name(int(worded["row"]), language)
    if "rows" in worded:
        worded["rows"] = ", ".join(row_name(row, language) for row in worded["rows"])
    return labels.text(code, language, **worded)


def field_name(field: str, where: str, language: str) -> str:
    """A field by the name the reviewer sees it under: the table's column header or the form's label."""
    if not field:
        return ""
    if where == "source" and field in SOURCE_FIELDS:
        return labels.text(SOURCE_FIELDS[field], language)
    key = f"col_{field}"
    return labels.text(key, language) if key in labels.TEXT else field


def _what(message: Message, language: str, options: Choices) -> str:
    key = f"problem_{message.code}"
    if not message.code or key not in labels.TEXT:
        return labels.text("problem_other", language, message=str(message.values.get("message", "")))
    values = {name: _worded(name, value, message, language, options) for name, value in message.values.items()}
    if message.code == "duplicate_figure":  # the earlier reading, by its table row when it is one of the table's
        other = message.values.get("other_row")
        values["other"] = row_name(int(other), language) if other else f"{message.values.get('line', '')}"
    try:
        return labels.text(key, language, **values)
    except KeyError:  # a problem of a newer validator naming other values than the words expect
        return labels.text("problem_other", language, message=str(message.values.get("message", "")))


def _worded(name: str, value: object, message: Message, language: str, options: Choices) -> object:
    """A value a problem names, as the page's language names it: a metric by its name, a date in words."""
    text = str(value)
    if name in ("unit", "expected") or (name == "read" and message.code == "unit_differs"):
        return labels.unit_name(text, language) if text in labels.UNITS else text
    if name == "qualifier" or (name == "read" and message.code == "qualifier_differs"):
        return labels.qualifier_word(text, language) if text in labels.QUALIFIER_WORDS else text
    if name == "metric":
        return options.metrics.get(text, text)
    if name == "category":
        return labels.category_name(text, language) if text in labels.CATEGORIES else text
    if name == "level":
        return labels.level_name(text, language) if text in labels.LEVELS else text
    if name in ("start", "end", "date", "earliest", "latest"):
        try:
            return labels.date_text(date.fromisoformat(text), language)
        except ValueError:
            return text
    return text


# Cells of any type, NA included


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or other container is a value, not a missing one
        return False


def _text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_date(value: object) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _as_iso(value: object) -> str:
    """A date cell as data/facts.csv writes it; a cell that is not a date keeps its text, for the validator to name."""
    day = _as_date(value)
    return day.isoformat() if day else _text(value).strip()


def _as_offset(value: object) -> int | None:
    if _missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number >= 0 and number.is_integer() else None


def _as_float(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def _is_true(value: object) -> bool:
    return not _missing(value) and value is not False and str(value).lower() in ("true", "1", "1.0")


def _ticked(value: object) -> bool:
    """An accept box left NA belongs to a row added with "+" and filled in: it is kept, as the box's default."""
    return _missing(value) or _is_true(value)


def _is_empty(cells: Mapping[str, object]) -> bool:
    """Nothing typed or chosen: no text, date or position, and no box ticked that is unticked by default."""
    filled = [name for name in (*TEXTS, *DATES, "quote_offset") if _text(cells.get(name)).strip()]
    return not filled and not any(_is_true(cells.get(name)) for name in ("is_target", "merged_province"))


def _row_label(label: object, position: int) -> int:
    try:
        return int(label)
    except (TypeError, ValueError):
        return position


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
