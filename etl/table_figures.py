"""Figures read from tables: one proposed figure per numeric cell.

A table of a report has places (provinces, districts, communes) or indicators ("Tỷ lệ hộ nghèo (%)", "Dư nợ
(tỷ đồng)") down its side and years or dates across its top, or the other way round. Each numeric cell is one
figure: its value and unit from the cell and the headers or caption that print the unit ("(%)", "tỷ đồng",
"hộ"); its period from its column or row header, else the caption, else the year of publication (with low
confidence); its place from its row or column, else the caption, else the report's province; what it measures
from the caption, the headers and the row's label, through the sentence extractor's rules (etl/classify.py).

Every axis of a cell is read the same way, so a table with years down and places or indicators across needs no
case of its own: a cell's row label and column header are each looked at for a period, a place, a unit and the
words of an indicator.

Each proposal quotes the cell's text at its offset in the document's text, verbatim, and its note names the
table, the row and the column; when the unit or scale comes from a header, the note says so in the phrase
etl/header_units.py defines, which the validator reads. fact_id is left empty: the caller numbers the rows
(etl/extract.py `extract_document` numbers them with the sentence figures, in document order).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from etl import classify
from etl.documents import Cell, Document, Table
from etl.header_units import header_unit_note
from etl.parse_numbers import NumberFormatError, NumberReading, read_number
from etl.periods import find_periods
from etl.places import KINDS, find_places, gazetteer_names
from etl.proposals import proposal_row

# Cells that hold no figure: empty, a dash, a cross, an ellipsis ("nothing to report", "not applicable").
_NO_FIGURE = re.compile(r"^(?:|-+|–|—|x|X|\.{2,}|…|\*|n/a|N/A)$")
# A column that numbers the rows ranks them: "1", "2" are not figures of a place.
_RANK_HEADER = re.compile(r"^(?:s[ốo]\s*)?(?:s\.?\s*)?t\.?\s*t\.?$|^số thứ tự$", re.IGNORECASE)
# A column that prints each row's unit ("ĐVT": "tỷ đồng", "hộ", "%"). "Đơn vị" alone also heads a column of
# places or offices: it is a unit column only when its cells are units.
_UNIT_HEADER = re.compile(r"^(?:đvt|đơn vị tính|unit)\.?:?$", re.IGNORECASE)
_UNIT_OR_OFFICE_HEADER = re.compile(r"^đơn vị\.?:?$", re.IGNORECASE)
# A column of changes or of shares of a plan is not a level of a period: "Tăng/giảm", "So sánh", "+/-",
# "2023 so với 2022", "Tỷ lệ TH/KH (%)", "Chênh lệch".
_CHANGE_HEADER = re.compile(
    r"tăng\s*/\s*giảm|tăng,?\s*giảm|tăng\s*\(\+\)|so sánh|so với|\+\s*/\s*-|±|chênh lệch|th\s*/\s*kh|%\s*kh\b"
    r"|\bđạt\b",
    re.IGNORECASE,
)
# A remark column holds words, and at times a number that belongs to them.
_REMARK_HEADER = re.compile(r"^(?:ghi chú|nguồn|note)", re.IGNORECASE)
# A totals row adds the places above it: the sum is no place's figure (a whole province's row says "Toàn tỉnh").
_TOTAL_ROW = re.compile(r"^(?:tổng cộng|tổng số|tổng|cộng|total)\s*:?$", re.IGNORECASE)
# The province the report is about, as a table's row names it.
_WHOLE_PROVINCE = re.compile(r"^(?:toàn tỉnh|cả tỉnh|tỉnh|chung toàn tỉnh|toàn tỉnh \(chung\))$", re.IGNORECASE)
_ROW_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,3}|[a-z])[.)]?$")
# A row that numbers the columns ("(1) | (2) | (3)") is part of the header.
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$|^\(?\s*\d{1,2}\s*=\s*[\d+\-*/ ]+\)?$|^[A-Z]$")
# Row numbering that leads a label: "1.", "a)", "-", "I.", "+".
_LEADING_NUMBERING = re.compile(r"^(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-+•*])\s+")
# Abbreviated administrative words of tables: "TP. Tân An", "TX Kiến Tường", "H. Tân Trụ", "TT Tân Trụ".
_ABBREVIATIONS = (
    (re.compile(r"^TP\.?\s*(?=[^\W\d_])"), "Thành phố "),
    (re.compile(r"^TX\.?\s*(?=[^\W\d_])"), "Thị xã "),
    (re.compile(r"^TT\.?\s+(?=[^\W\d_])"), "Thị trấn "),
    (re.compile(r"^H\.\s*(?=[^\W\d_])"), "Huyện "),
)
# Centrally run cities are provinces, whatever word precedes their name.
_CENTRAL_CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh"}
# A qualifier written as a sign in a cell; the number reader reads words only.
_SIGN_QUALIFIERS = {"~": "about", "≈": "about", ">": "more_than", "≥": "at_least", "<": "less_than", "≤": "at_most"}
_SIGN = re.compile(r"^\s*(?P<sign>[~≈><≥≤])\s*")
# A bare year or date of a header: "2023", "31/12/2022".
_BARE_DATE = re.compile(r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])")
_BARE_YEAR = re.compile(r"(?<![\d/.,])(?P<year>(?:19|20)\d\d)(?![\d/]|[.,]\d)")
_SAME_PERIOD = re.compile(r"cùng kỳ", re.IGNORECASE)
# "cuối năm", "tại thời điểm 31/12": a year's level at its end.
_AT_YEAR_END = re.compile(r"cuối năm(?!\s*(?:19|20)\d\d)|thời điểm 31/12(?!/)|đến 31/12(?!/)", re.IGNORECASE)
# Units a header prints, as the number reader reads them after a number; longest first.
_RATE_WORDS = re.compile(r"%|phần trăm|\btỷ lệ\b|\btỉ lệ\b", re.IGNORECASE)
_HEADER_UNITS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"nghìn tỷ(?: đồng| đ\b)?|ngàn tỷ(?: đồng)?", re.I), "nghìn tỷ đồng"),
    (re.compile(r"\btỷ (?:đồng|đ)\b|\btỷ\b|\btỉ (?:đồng|đ)\b|billion", re.I), "tỷ đồng"),
    (re.compile(r"triệu (?:đồng|đ)\b|\btriệu\b|\btr\.?\s?đ(?:ồng)?\b|\btrđ\b|million", re.I), "triệu đồng"),
    (re.compile(r"(?:nghìn|ngàn) (?:đồng|đ)\b|1\.000\s?(?:đồng|đ)\b", re.I), "nghìn đồng"),
    (re.compile(r"\bđồng\b|\bvnđ\b|\bvnd\b", re.I), "đồng"),
    (_RATE_WORDS, "%"),
    (re.compile(r"\blượt (?:người|hộ)\b", re.I), "lượt"),
    (re.compile(r"^(?:hộ|người|thẻ|lượt|khách hàng|căn|suất|học sinh)$", re.I), ""),
)
_LONGEST_UNIT_CELL = 12  # "nghìn đồng", "triệu đồng": a cell of a unit column
# Outside brackets, a label names its count's noun only after "Số": "Số hộ còn dư nợ", "Số người tham gia BHYT"
# ("Dư nợ cho vay hộ nghèo" is money lent to households).
_COUNTED = re.compile(r"^(?:tổng )?số (?:lượt )?(?P<noun>hộ|người|thẻ|lượt|khách hàng|căn|suất|học sinh)\b", re.I)
# Words of a label that measure something without saying what: merged with the caption's subject.
_GENERIC_MEASURES = re.compile(
    r"^(?:số hộ|số người|số lượng|số|tỷ lệ|tỉ lệ|giá trị|số tiền|kinh phí|tổng số|số thẻ|số lượt)$", re.IGNORECASE
)
_CAPTION_LEAD = re.compile(r"^(?:bảng|biểu|phụ lục|table)\s*[\w.-]*\s*[:.\-–]?\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
_UNIT_LABEL = re.compile(r"(?:đvt|đơn vị(?: tính)?)\s*:\s*(?P<words>[^;,)]+)", re.IGNORECASE)
_TARGET_HEADER = re.compile(r"\bKH\b|\bkế hoạch\b|\bmục tiêu\b|\bchỉ tiêu\b|\bdự kiến\b|\bphấn đấu\b", re.IGNORECASE)
# A "Chỉ tiêu" column header names the indicators ("Chỉ tiêu" is also a target): only a header with a number
# column under it can be a target.
_INDICATOR_COLUMN = re.compile(r"^(?:chỉ tiêu|nội dung|danh mục|tên chỉ tiêu)$", re.IGNORECASE)

# The headers and labels of a table repeat along its rows and columns: each is read once (a 30-page annex has
# thousands of cells and a few hundred distinct labels).
_CACHED_TEXTS = 4096

TABLE_NOTE_NAME = "{table} · hàng «{row}» · cột «{column}»"
OCR_NOTE = "read by OCR"
_QUALIFIER_NOTE = "qualifier: «{sign}» in the cell"


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str


@dataclass(frozen=True)
class Place:
    area: str
    level: str


@dataclass
class _Layout:
    """Which rows head the table and which columns are labels, ranks, units or figures."""

    header_rows: list[int]
    data_rows: list[int]
    label_columns: list[int]
    figure_columns: list[int]
    unit_column: int | None
    column_headers: dict[int, str] = field(default_factory=dict)


def table_figures(
    document: Document,
    source_id: str,
    province: str | None,
    published: date | None,
    provinces: set[str] | frozenset[str],
    metric_categories: dict[str, str],
    language: str = "vi",
) -> list[dict[str, str]]:
    """The proposed figures of every table of a document, as rows of data/facts.csv plus a confidence.

    fact_id is left empty for the caller to number."""
    rows: list[dict[str, str]] = []
    known = frozenset(provinces)  # hashable, so that a label's place is looked up once
    for table in document.tables:
        rows += _figures_of(table, source_id, province, published, known, metric_categories, language)
    return rows


def _figures_of(
    table: Table,
    source_id: str,
    province: str | None,
    published: date | None,
    provinces: frozenset[str],
    metric_categories: dict[str, str],
    language: str,
) -> list[dict[str, str]]:
    grid = [list(row) for row in table.rows]
    width = max(len(row) for row in grid)
    for row in grid:  # a short row is padded with empty cells, which hold no figure
        row += [Cell("", -1)] * (width - len(row))
    layout = _layout(grid, width, language)
    if layout is None:
        return []
    caption = table.caption
    caption_period = _period_in(caption, published)
    caption_place = _place_in(caption, provinces, province, None)
    caption_unit = _unit_in(caption)
    label_level = _level_named(" ".join(layout.column_headers.get(column, "") for column in layout.label_columns))
    if label_level is None and _names_only(grid, layout, provinces):
        # A column of bare names ("Hưng Hà", "Vũ Thư") under "Đơn vị": the places the caption names ("các xã"),
        # else a province's districts, as its reports list them most; the reviewer corrects a report of communes.
        label_level = _level_named(caption) or "district"
    subject = _subject(caption)
    standards = classify.poverty_standards(" ".join([caption, *layout.column_headers.values()]))
    part_of_year = next(
        (
            period
            for column in layout.figure_columns
            if (period := _period_in(layout.column_headers.get(column, ""), published))
            and period.start
            and period.end
            and period.start.year == period.end.year
            and (period.end - period.start).days < 360
        ),
        None,
    )
    context = _TableContext(
        caption, caption_period, caption_place, caption_unit, label_level, subject, standards, part_of_year
    )
    proposals: list[dict[str, str]] = []
    parent = ""
    for index in layout.data_rows:
        row = grid[index]
        label = " ".join(row[column].text for column in layout.label_columns if row[column].text).strip()
        label = _LEADING_NUMBERING.sub("", label)
        if _TOTAL_ROW.match(label):
            continue  # a sum of the rows above it, no place's own figure
        figure_cells = [column for column in layout.figure_columns if not _NO_FIGURE.match(row[column].text)]
        if not figure_cells:
            parent = label  # a heading over the rows below it ("Hộ nghèo" over "Số hộ", "Tỷ lệ")
            continue
        row_unit = row[layout.unit_column].text if layout.unit_column is not None else ""
        for column in figure_cells:
            cell = row[column]
            header = layout.column_headers.get(column, "")
            proposal = _proposal(
                _CellView(table, cell, label, parent, header, row_unit),
                source_id,
                province,
                published,
                provinces,
                metric_categories,
                language,
                context,
            )
            if proposal:
                proposals.append(proposal)
    return proposals


@dataclass(frozen=True)
class _CellView:
    table: Table
    cell: Cell
    label: str  # the row's label
    parent: str  # the heading row above it, if any
    header: str  # the column's header, its rows joined
    row_unit: str  # the row's unit column, if any


@dataclass(frozen=True)
class _TableContext:
    caption: str
    period: Period | None
    place: Place | None
    unit: str | None
    label_level: str | None  # the level the label column's header names ("Huyện, thị xã" → district)
    subject: str  # the caption without its number, unit, period and place
    standards: list[classify.StandardMention]
    # The part of a year a column states ("6 tháng đầu năm 2024"), which "Cùng kỳ năm 2023" beside it repeats.
    part_of_year: Period | None = None


def _layout(grid: list[list[Cell]], width: int, language: str) -> _Layout | None:
    """The header rows (those before the first row holding a figure), and the role of each column."""
    first = next(
        (index for index, row in enumerate(grid) if any(_is_value(cell.text, language) for cell in row[1:])), None
    )
    if first is None:
        return None
    # Under a "TT" header, the first numbered row starts the body, even if its figures are a heading's blanks.
    if _RANK_HEADER.match(grid[0][0].text):
        first = next((index for index in range(1, first) if _ROW_NUMBER.match(grid[index][0].text)), first)
    header_rows = list(range(first))
    data_rows = [index for index in range(first, len(grid)) if not _numbers_columns(grid[index])]
    headers = _column_headers(grid, header_rows, width)
    label_columns, figure_columns, unit_column = [], [], None
    for column in range(width):
        header = headers.get(column, "")
        cells = [grid[index][column].text for index in data_rows]
        filled = [text for text in cells if not _NO_FIGURE.match(text)]
        values = [text for text in filled if _is_value(text, language)]
        if _RANK_HEADER.match(header) or (column == 0 and not header and _counts_rows(filled)):
            continue  # the rows' numbers rank them; a rank is not a figure
        if _UNIT_HEADER.match(header) or (
            _UNIT_OR_OFFICE_HEADER.match(header)
            and filled
            and all(len(text) <= 12 and _unit_in(text) for text in filled)
        ):
            unit_column = column
        elif not filled or len(values) * 2 < len(filled):
            label_columns.append(column)
        elif _CHANGE_HEADER.search(header) or _REMARK_HEADER.match(header):
            continue  # a change or a share of a plan between two columns, or a remark: no level of a period
        else:
            figure_columns.append(column)
    if not figure_columns:
        return None
    return _Layout(header_rows, data_rows, label_columns, figure_columns, unit_column, headers)


def _numbers_columns(row: list[Cell]) -> bool:
    """A row "(1) | (2) | (3)" numbers the columns under the header."""
    filled = [cell.text for cell in row if cell.text]
    return len(filled) > 1 and all(_COLUMN_NUMBER.match(text) for text in filled)


def _counts_rows(cells: list[str]) -> bool:
    """A first column "1, 2, 3 …" without a header counts the rows."""
    numbers = [text.rstrip(".") for text in cells]
    return (
        bool(numbers)
        and all(text.isdigit() for text in numbers)
        and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    )


def _column_headers(grid: list[list[Cell]], header_rows: list[int], width: int) -> dict[int, str]:
    """Each column's header, its header rows joined top to bottom. A cell of an upper row left empty lies under
    the cell to its left spanning both ("Năm 2022" over "Số hộ | Tỷ lệ (%)"), as readers write a merged cell."""
    headers: dict[int, list[str]] = {column: [] for column in range(width)}
    for position, index in enumerate(header_rows):
        row = grid[index]
        last = position == len(header_rows) - 1
        carried = ""
        for column in range(width):
            text = row[column].text
            if text:
                carried = text
            elif not last and column > 0:
                text = carried
            if text and (not headers[column] or headers[column][-1] != text):
                headers[column].append(text)
    return {column: " / ".join(parts) for column, parts in headers.items() if parts}


def _is_value(text: str, language: str) -> bool:
    """A cell holding one figure: a number with at most its sign, qualifier or unit; not a year, a date or a
    heading that holds a year ("Số hộ nghèo 2021")."""
    if _NO_FIGURE.match(text) or _is_period_only(text):
        return False
    reading = _reading(text, language)
    if reading is None or (reading.text.isdigit() and _BARE_YEAR.fullmatch(reading.text)):
        return False
    return len(re.findall(r"[^\W\d_]", text.replace(reading.text, " "))) <= 12


# Words that only date a header: "Năm 2023", "Ước TH 2024", "Cuối năm 2023", "Thực hiện 6 tháng đầu năm 2024".
_PERIOD_WORDS = re.compile(
    r"\b(?:năm|cuối|đầu|tháng|ngày|quý|ước|thực hiện|th|kh|kế hoạch|tại thời điểm|thời điểm|tính đến|đến|hết"
    r"|giai đoạn|year|as of)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHED_TEXTS)
def _is_period_only(text: str) -> bool:
    """A header or label that names a period and nothing measured: "2023", "31/12/2022", "Năm 2023"."""
    rest = _without_periods(text)
    return rest != text.strip() and not _letters(_PERIOD_WORDS.sub(" ", rest))


@lru_cache(maxsize=_CACHED_TEXTS)
def _without_periods(text: str) -> str:
    """The text with its periods taken out."""
    for mention in find_periods(text, None):
        text = text.replace(mention.label, " ")
    text = _BARE_YEAR.sub(" ", _BARE_DATE.sub(" ", text))
    return " ".join(text.split())


def _letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", text))


def _reading(text: str, language: str) -> NumberReading | None:
    """The one number of a cell, its sign of qualifier aside; None when it holds none or several."""
    body = _SIGN.sub("", text)
    try:
        return read_number(body, language)
    except NumberFormatError:
        return None


def _proposal(
    view: _CellView,
    source_id: str,
    province: str | None,
    published: date | None,
    provinces: frozenset[str],
    metric_categories: dict[str, str],
    language: str,
    context: _TableContext,
) -> dict[str, str] | None:
    cell = view.cell
    sign = _SIGN.match(cell.text)
    cell_reading = _reading(cell.text, language)
    if cell_reading is None or cell_reading.value < 0:
        return None
    axes = [view.label, view.header] if view.label else [view.header]
    # The unit: the cell's own, else the row's unit column, the row's label, its heading, the column's header,
    # the caption.
    header_words = None
    if cell_reading.unit == "count" and not _has_scale(cell_reading.text):
        header_words = next(
            (words for words in map(_unit_in, (view.row_unit, view.label, view.parent, view.header)) if words),
            context.unit,
        )
    quote = cell.text
    try:
        body = _SIGN.sub("", quote)
        reading = read_number(f"{body} {header_words}" if header_words else body, language)
    except NumberFormatError:
        return None
    qualifier = _SIGN_QUALIFIERS[sign["sign"]] if sign else reading.qualifier

    period, period_from = _period_of(axes, view.parent, context, published)
    place = next((found for text in axes if (found := _place_in(text, provinces, province, context.label_level))), None)
    place = place or context.place or (Place(province, "province") if province else None)
    indicator = _indicator([view.parent, *axes], provinces, province, context.label_level)
    classify_context, caption_only = _classify_context(indicator, context, reading, header_words)
    metric, score = classify.best_metric(reading.unit, classify_context)
    if caption_only is not None:
        label_metric, _ = classify.best_metric(reading.unit, caption_only)
        caption_only_metric = label_metric is None and metric is not None
    else:
        caption_only_metric = metric is not None
    if metric is None and reading.unit == "count":
        # A count of something no metric measures ("Tổng số hộ dân cư", the households a rate is a share of)
        # can never be kept, as the sentence extractor drops a bare count.
        return None
    if period:
        metric = classify.for_period(metric, period.start, period.end)
    group = classify.best_group(metric, metric_categories.get(metric or ""), reading.unit, classify_context)
    metric = classify.for_group(metric, group)
    area, level = (place.area, place.level) if place else ("", "province")
    row_province = area if level == "province" and area in provinces else province or ""
    target_words = " ".join(text for text in (view.header, view.label) if not _INDICATOR_COLUMN.match(text))
    is_target = bool(_TARGET_HEADER.search(target_words))
    standard = ""
    if metric_categories.get(metric or "") == "poverty" and context.standards:
        standard = context.standards[0].standard

    note = TABLE_NOTE_NAME.format(
        table=view.table.name, row=" / ".join(filter(None, (view.parent, view.label))) or "—", column=view.header
    )
    if header_words:
        note += " · " + header_unit_note(header_words)
    if sign:
        note += "; " + _QUALIFIER_NOTE.format(sign=sign["sign"])
    confidence = 0.3 + 0.3 * min(1.0, score / 5)
    confidence += 0.1 if area else 0
    confidence += {"axis": 0.15, "caption": 0.1, "publication": -0.15}.get(period_from, 0)
    confidence += 0.1 if metric else 0
    confidence -= 0.1 if caption_only_metric else 0
    return proposal_row(
        source_id=source_id,
        province="" if level in ("country", "region") else row_province,
        area=area,
        area_level=level,
        period_start=period.start.isoformat() if period and period.start else "",
        period_end=period.end.isoformat() if period and period.end else "",
        period_label=period.label if period else "",
        metric=metric or "",
        beneficiary_group=group,
        value=_plain(reading.value),
        unit=reading.unit,
        qualifier=qualifier,
        is_target="true" if is_target else "false",
        quote=quote,
        quote_offset=str(cell.offset),
        poverty_standard=standard,
        note=note,
        confidence=f"{max(0.05, min(confidence, 0.95)):.2f}",
    )


def _has_scale(text: str) -> bool:
    return bool(re.search(r"tỷ|tỉ|triệu|nghìn|ngàn|billion|million|thousand", text, re.IGNORECASE))


@lru_cache(maxsize=_CACHED_TEXTS)
def _unit_in(text: str) -> str | None:
    """The unit words a header prints, as a number reader reads them after a number: in brackets ("Dư nợ (tỷ
    đồng)"), after "ĐVT:", or as a unit column's whole cell ("tỷ đồng"); outside those, only a rate's words ("Tỷ
    lệ hộ nghèo") and a count's noun after "Số" ("Số hộ còn dư nợ") say a unit, since a name holds "đồng" too
    ("ĐỒNG BẰNG SÔNG HỒNG", "Đồng Tháp")."""
    if not text:
        return None
    parts = [match[0].strip("() ") for match in _PARENTHESES.finditer(text)]
    parts += [match["words"] for match in _UNIT_LABEL.finditer(text)]
    for part in parts:
        for pattern, words in _HEADER_UNITS:
            match = pattern.search(part)
            if match:
                return words or match[0].lower()  # a count's noun is read as it is printed
    if len(text) <= _LONGEST_UNIT_CELL:  # a unit column's cell is a unit and nothing else ("Đồng Tháp" is not)
        for pattern, words in _HEADER_UNITS:
            match = pattern.fullmatch(text.strip())
            if match:
                return words or match[0].lower()
    if _RATE_WORDS.search(text):
        return "%"
    counted = _COUNTED.match(_LEADING_NUMBERING.sub("", text.strip()))
    return counted["noun"].lower() if counted else None


@lru_cache(maxsize=_CACHED_TEXTS)
def _period_in(text: str, published: date | None) -> Period | None:
    """The period a header or caption names: its first period as a sentence writes it, else a bare date or year
    ("31/12/2022", "2023")."""
    if not text:
        return None
    for mention in find_periods(text, published):
        if not mention.is_comparison and mention.period_end is not None:
            return Period(mention.period_start, mention.period_end, mention.label)
    if match := _BARE_DATE.search(text):
        try:
            day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
        return Period(day, day, match[0])
    if match := _BARE_YEAR.search(text):
        year = int(match["year"])
        return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}")
    return None


def _period_of(
    axes: list[str], parent: str, context: _TableContext, published: date | None
) -> tuple[Period | None, str]:
    """The cell's period and where it came from: its column or row ("axis"), the caption, or the year of
    publication. A year of a header is its end when the caption or header says the level is at the year's end."""
    found = next((period for text in [*axes, parent] if (period := _period_in(text, published))), None)
    source = "axis"
    if found is None and context.period:
        found, source = context.period, "caption"
    if found is None:
        if published is None:
            return None, ""
        year = published.year
        return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}"), "publication"
    whole_year = found.start and found.end and found.start == date(found.end.year, 1, 1) and found.end.month == 12
    same = context.part_of_year
    if whole_year and same and any(_SAME_PERIOD.search(text) for text in axes):
        # "Cùng kỳ năm 2023" beside "6 tháng đầu năm 2024": the same months, a year earlier.
        year = found.end.year
        start, end = same.start.replace(year=year), _month_end(year, same.end.month)
        return Period(start, end, next(text for text in axes if _SAME_PERIOD.search(text))), source
    if whole_year and any(_AT_YEAR_END.search(text) for text in [*axes, context.caption]):
        end = date(found.end.year, 12, 31)
        return Period(end, end, f"cuối năm {end.year}"), source
    return found, source


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=_CACHED_TEXTS)
def _place_in(text: str, provinces: frozenset[str], province: str | None, label_level: str | None) -> Place | None:
    """The place a row label, column header or caption names."""
    if not text:
        return None
    name = _LEADING_NUMBERING.sub("", _PARENTHESES.sub("", text)).strip(" :.")
    for pattern, words in _ABBREVIATIONS:
        name = pattern.sub(words, name)
    if _WHOLE_PROVINCE.match(name):
        return Place(province, "province") if province else None
    for mention in find_places(name, provinces):
        if mention.is_parent or not mention.area:
            continue
        if mention.area in _CENTRAL_CITIES or (mention.level == "district" and name in provinces):
            return Place(mention.area, "province")
        if mention.level == "province" and mention.area not in provinces:
            continue  # "tỉnh Nghèo": a capitalised word after "tỉnh" that names no province
        return Place(mention.area, mention.level)
    if label_level and _looks_like_name(name):
        return Place(name, label_level)
    return None


def _looks_like_name(text: str) -> bool:
    """A bare place name under a "Huyện" or "Xã" header: a few capitalised syllables ("Tân Trụ", "Cần Đước")."""
    words = text.split()
    return 0 < len(words) <= 5 and all(word[0].isupper() for word in words) or text in gazetteer_names()


def _names_only(grid: list[list[Cell]], layout: _Layout, provinces: frozenset[str]) -> bool:
    """Whether every row label is a name: two to five syllables, each capitalised ("Kiến Xương"), where an
    indicator is written in sentence case ("Dư nợ", "Hộ nghèo")."""
    labels = [
        " ".join(grid[index][column].text for column in layout.label_columns).strip() for index in layout.data_rows
    ]
    labels = [label for label in labels if not (_TOTAL_ROW.match(label) or _WHOLE_PROVINCE.match(label))]
    return bool(labels) and all(
        1 < len(label.split()) <= 5 and all(word[0].isupper() for word in label.split()) for label in labels
    )


_KIND_WORDS = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")(?!\w)(?!\s+hội)", re.IGNORECASE
)


def _level_named(header: str) -> str | None:
    """The level a label column's header names first: "Huyện, thị xã, thành phố" → district, "Xã" → commune."""
    match = _KIND_WORDS.search(header)
    return KINDS[match[0].lower()] if match else None


def _indicator(texts: Iterable[str], provinces: frozenset[str], province: str | None, label_level: str | None) -> str:
    """The words of the cell's axes that say what is measured: neither a place, nor a period, nor a unit."""
    kept = []
    for text in texts:
        if not text or _INDICATOR_COLUMN.match(text):
            continue
        for part in text.split(" / "):
            if _place_in(part, provinces, province, label_level):
                continue
            words = _PARENTHESES.sub(" ", _without_periods(part))
            words = " ".join(_LEADING_NUMBERING.sub("", words.strip()).split())
            if not _letters(_PERIOD_WORDS.sub(" ", words)):
                continue
            if kept and _GENERIC_MEASURES.match(words):
                # "Hộ nghèo" over "Số hộ | Tỷ lệ (%)": "số hộ nghèo", "tỷ lệ hộ nghèo".
                kept[-1] = _merged(words.lower(), kept[-1].lower())
            else:
                kept.append(words)
    return " ".join(kept)


def _subject(caption: str) -> str:
    """What a caption says is measured: without "Bảng 2:", its units in brackets, its periods."""
    subject = _CAPTION_LEAD.sub("", caption)
    subject = _PARENTHESES.sub(" ", subject)
    for mention in find_periods(subject, None):
        subject = subject.replace(mention.label, " ")
    subject = re.split(r"\s(?:giai đoạn|tại thời điểm|tính đến|đến|theo|của|các|trên địa bàn)\b", subject)[0]
    return " ".join(subject.split()).strip(" ,.:;-–").lower()


def _classify_context(
    indicator: str, context: _TableContext, reading: NumberReading, header_words: str | None
) -> tuple[classify.Context, classify.Context | None]:
    """The words classify.py reads around the cell's number, written as a sentence would put them: the
    caption, then the indicator nearest the number; a count's noun after it ("1.200 hộ"). Also the context
    without the caption, to tell whether the caption alone named the metric (None when there is no indicator)."""
    indicator = indicator.lower()
    subject = context.subject
    if indicator and _GENERIC_MEASURES.match(indicator) and subject:
        indicator = _merged(indicator, subject)
    elif not indicator:
        indicator = subject
    right = ""
    if reading.unit == "count":
        # "Số người tham gia BHYT": a sentence prints what is counted after the number ("1.580.300 người tham
        # gia BHYT"), where the rules for counts look.
        counted = re.sub(r"^(?:tổng số|số lượng|số)\s+(?:lượt\s+)?", "", indicator)
        right = counted if counted != indicator else (header_words or "").lower()
        if header_words == "lượt" and counted != indicator:
            right = f"lượt {counted}"  # "9.120 lượt hộ nghèo được vay vốn": loans made, not poor households
    left = f"{context.caption.lower()}. {indicator}".strip(" .")
    full = classify.Context(left=left, right=right, near_left=left, near_right=right)
    if not indicator or indicator == subject:
        return full, None
    alone = indicator
    return full, classify.Context(left=alone, right=right, near_left=alone, near_right=right)


def _merged(measure: str, subject: str) -> str:
    """ "số hộ" and a caption "hộ nghèo …" say "số hộ nghèo …"; "tỷ lệ" and "hộ nghèo" say "tỷ lệ hộ nghèo"."""
    core = re.sub(r"^(?:tỷ lệ|tỉ lệ|số lượng|tổng số|số)\s+", "", subject)
    noun = measure.split()[-1]
    if len(measure.split()) > 1 and core.startswith(noun + " "):
        return f"{measure[: -len(noun)]}{core}"
    return f"{measure} {core}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


# Scoring: how many cells of a table were read right, for the tests and the benchmark.

SCORED_FIELDS = ("value", "unit", "area", "area_level", "year", "metric")


@dataclass
class CellScore:
    """Cells expected, cells proposed right on every scored field, proposals where no figure was expected."""

    expected: int = 0
    right: int = 0
    extra: int = 0
    field_hits: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Right cells over expected cells plus proposals of no expected cell (a rank or a total read as a
        figure counts against the table)."""
        return self.right / (self.expected + self.extra) if self.expected + self.extra else 0.0


def score_cells(proposed: Sequence[dict[str, str]], expected: Sequence[dict[str, str]]) -> CellScore:
    """Each expected cell (a row with quote_offset, value, unit, area, area_level, the year of period_end or
    `year`, metric) against the proposal at the same offset."""
    by_offset = {row["quote_offset"]: row for row in proposed}
    result = CellScore(expected=len(expected))
    for cell in expected:
        found = by_offset.pop(str(cell["quote_offset"]), None)
        if found is None:
            result.misses.append(f"{cell['quote_offset']}: not proposed")
            continue
        wrong = []
        for name in SCORED_FIELDS:
            if _field(found, name) == _field(cell, name):
                result.field_hits[name] += 1
            else:
                wrong.append(f"{name} {_field(found, name)!r} ≠ {_field(cell, name)!r}")
        if wrong:
            result.misses.append(f"{cell['quote_offset']} ({found['quote']}): " + ", ".join(wrong))
        else:
            result.right += 1
    result.extra = len(by_offset)
    result.misses += [f"{offset} ({row['quote']}): proposed, not expected" for offset, row in by_offset.items()]
    return result


def _field(row: dict[str, str], name: str) -> str:
    if name == "year":
        return str(row.get("year") or (row.get("period_end") or "")[:4])
    if name == "value":
        try:
            return _plain(Decimal(str(row["value"])))
        except ArithmeticError:
            return str(row["value"])
    return str(row.get(name, ""))
