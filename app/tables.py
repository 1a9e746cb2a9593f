"""Tables as shown on screen and downloaded: readable headers, values written with their qualifier.

app/queries.py selects these columns in SQL; this module names them and writes the Excel file."""

from __future__ import annotations

import io

import pandas as pd

from app import labels

# Column of facts_labelled -> header in each language. The order is the order on screen and in files.
COLUMNS = {
    "province": {"vi": "Tỉnh (theo báo cáo)", "en": "Province (as reported)"},
    "province_2025": {"vi": "Tỉnh từ 1/7/2025", "en": "Province since 1 July 2025"},
    "area": {"vi": "Địa bàn", "en": "Area"},
    "area_level_label": {"vi": "Cấp", "en": "Level"},
    "period_text": {"vi": "Thời kỳ", "en": "Period"},
    "period_start": {"vi": "Từ ngày", "en": "Period start"},
    "period_end": {"vi": "Đến ngày", "en": "Period end"},
    "metric_label": {"vi": "Chỉ tiêu", "en": "Metric"},
    "group_label": {"vi": "Nhóm đối tượng", "en": "Beneficiary group"},
    "value_label": {"vi": "Số liệu", "en": "Figure"},
    "value": {"vi": "Giá trị (đơn vị gốc)", "en": "Value (base unit)"},
    "unit_label": {"vi": "Đơn vị", "en": "Unit"},
    "qualifier_label": {"vi": "Mức chính xác", "en": "Qualifier"},
    "target_label": {"vi": "Mục tiêu / thực hiện", "en": "Target / result"},
    "poverty_standard_label": {"vi": "Chuẩn nghèo", "en": "Poverty standard"},
    "agreement_label": {"vi": "Đối chiếu các báo cáo", "en": "Across reports"},
    "quote": {"vi": "Trích dẫn", "en": "Quote"},
    "sentence": {"vi": "Câu trong báo cáo", "en": "Sentence of the report"},
    "source_title": {"vi": "Nguồn", "en": "Source"},
    "source_url": {"vi": "Địa chỉ nguồn", "en": "Source address"},
    "fact_id": {"vi": "Mã số liệu", "en": "Figure id"},
}


# The shorter set of columns shown under a chart.
COMPACT_COLUMNS = (
    "province",
    "area",
    "area_level_label",
    "period_text",
    "metric_label",
    "group_label",
    "value_label",
    "target_label",
    "quote",
)


def headed(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """Rows of queries.table_page with the headers shown on screen and in files."""
    return rows.rename(columns={column: names[language] for column, names in COLUMNS.items()})


def visible_headers(language: str, compact: bool) -> list[str]:
    return [COLUMNS[column][language] for column in (COMPACT_COLUMNS if compact else COLUMNS)]


def change_table(changes: pd.DataFrame, language: str) -> pd.DataFrame:
    """Two dates of one rate side by side, with the change in percentage points (derived)."""
    target = labels.text("target", language)

    def side(value: float, qualifier: str, start: object, end: object, is_target: bool) -> str:
        written = labels.value_text(value, "percent", qualifier, language)
        return f"{written} ({labels.period_text(start, end, language)}{', ' + target if is_target else ''})"

    return pd.DataFrame(
        {
            COLUMNS["area"][language]: [
                labels.area_text(area, level, language)
                for area, level in zip(changes[f"place_{language}"], changes["area_level"], strict=True)
            ],
            COLUMNS["metric_label"][language]: changes[f"metric_label_{language}"],
            labels.text("from", language): [
                side(
                    row.earlier_value, row.earlier_qualifier, row.earlier_start, row.earlier_end, row.earlier_is_target
                )
                for row in changes.itertuples()
            ],
            labels.text("to", language): [
                side(row.later_value, row.later_qualifier, row.later_start, row.later_end, row.later_is_target)
                for row in changes.itertuples()
            ],
            labels.text("change_points", language): [
                ("+" if change > 0 else "") + labels.number(round(change, 4), language) for change in changes["change"]
            ],
        }
    )


def xlsx_bytes(table: pd.DataFrame, sheet: str = "facts") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes(1, 0)
        for index, column in enumerate(table.columns):
            worksheet.set_column(index, index, min(60, max(12, len(column) + 2)))
    return buffer.getvalue()
