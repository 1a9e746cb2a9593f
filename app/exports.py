"""Downloads of exactly the figures the filters select: CSV of any size, Excel up to EXCEL_ROWS.

The CSV is written by DuckDB straight from the query to a file and read back once, so a
million figures never become a DataFrame; it is UTF-8 with a byte-order mark, which is how
Excel recognises Vietnamese text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from app import deck, labels, queries, sidebar
from app.deck_charts import DeckChart, points
from app.queries import Filters
from app.series_chart import on_chart
from app.tables import COLUMNS, headed, xlsx_bytes

# Excel files are built in memory cell by cell; past this many rows the CSV is the download to use.
EXCEL_ROWS = 100_000


def csv_download(filters: Filters, language: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="poverty-export-") as folder:
        path = Path(folder) / "figures.csv"
        queries.write_csv(filters, language, path)
        return path.read_bytes()


def excel_download(filters: Filters, language: str) -> bytes:
    """The matching figures as an .xlsx workbook; callers check count() <= EXCEL_ROWS first."""
    rows = queries.readable_rows(filters, language, offset=0, limit=EXCEL_ROWS)
    return xlsx_bytes(headed(rows, language))


# A chart's download: the points drawn, then the readings of the same points the chart left out. Headers
# shared with the tables are the tables' own (app/tables.py); the rest say what only a chart's file has.
CHART_ONLY_COLUMNS = {
    "place": {"vi": "Nơi (như trên biểu đồ)", "en": "Place (as on the chart)"},
    "merged_province": {"vi": "Tỉnh sau sáp nhập 1/7/2025", "en": "Province as merged on 1 July 2025"},
    "year": {"vi": "Năm của số liệu", "en": "Year of the figure"},
    "compared_year": {"vi": "Năm so sánh", "en": "Year compared"},
    "stands_in": {
        "vi": "Số năm khác thay cho năm so sánh",
        "en": "Another year's figure standing in for the year compared",
    },
    "drawn": {"vi": "Trên biểu đồ", "en": "On the chart"},
    "why": {"vi": "Lý do", "en": "Why"},
    "source_kind": {"vi": "Loại nguồn", "en": "Kind of source"},
    "source_publisher": {"vi": "Cơ quan đăng", "en": "Publisher"},
    "source_publication_date": {"vi": "Ngày đăng", "en": "Publication date"},
}
CHART_HEADERS = COLUMNS | CHART_ONLY_COLUMNS


def chart_table(readings: pd.DataFrame, language: str, drawn: pd.Series | None = None) -> pd.DataFrame:
    """A chart's readings with readable headers: drawn points first, then each left-out reading and why.

    `drawn` marks the readings the chart draws (series_chart.on_chart for lines); by default the reading the
    rule picks for its year. A reading the rule picks that is not drawn is left out because its group has no line.
    """
    chosen = (readings["series_choice"] == 1).fillna(False).astype(bool)
    drawn = chosen if drawn is None else drawn.fillna(False).astype(bool)
    why = [
        "drawn_why" if on else "left_out_group_why" if picked else "left_out_why"
        for on, picked in zip(drawn, chosen, strict=True)
    ]
    table = pd.DataFrame(
        {
            "place": [labels.place_name(reading, language) for reading in readings.to_dict("records")],
            "province": readings["province"],
            "province_2025": readings["province_2025"],
            "area": readings["area"],
            "area_level_label": [labels.level_name(level, language) for level in readings["area_level"]],
            "merged_province": [
                labels.text("yes" if merged else "no", language) for merged in readings["merged_province"]
            ],
            "year": readings["year"].astype("Int64"),
            "period_text": readings["period_text"],
            "metric_label": readings[f"metric_label_{language}"],
            "group_label": readings[f"group_label_{language}"],
            "value": [base_value(value, unit) for value, unit in zip(readings["value"], readings["unit"], strict=True)],
            "value_label": labels.value_texts(readings, language),
            "unit_label": [labels.unit_name(unit, language) for unit in readings["unit"]],
            "poverty_standard_label": readings[f"poverty_standard_label_{language}"],
            "drawn": [labels.text("yes" if chosen else "no", language) for chosen in drawn],
            "why": [labels.text(key, language) for key in why],
            "source_kind": [labels.source_kind_name(kind, language) for kind in readings["source_kind"]],
            "source_title": readings["source_title"],
            "source_publisher": [
                labels.publisher_name(publisher, language) for publisher in readings["source_publisher"]
            ],
            "source_publication_date": [
                labels.source_date(reading, language) for reading in readings.to_dict("records")
            ],
            "source_url": readings["source_url"],
            "quote": readings["quote"],
            "fact_id": readings["fact_id"],
        }
    )
    if "stands_in" in readings:  # a one-year comparison (app/compare_year.py): the year asked, and whether it stands in
        table.insert(
            table.columns.get_loc("year") + 1, "compared_year", readings["compared_year"].astype("Int64").to_numpy()
        )
        table.insert(
            table.columns.get_loc("compared_year") + 1,
            "stands_in",
            [labels.text("yes" if stands_in else "no", language) for stands_in in readings["stands_in"]],
        )
    table = table.assign(order=~drawn.to_numpy()).sort_values("order", kind="stable")
    return table.drop(columns="order").rename(
        columns={column: names[language] for column, names in CHART_HEADERS.items()}
    )


def base_value(value: float, unit: str) -> str:
    """A value in its base unit as a file writes it: money in whole đồng and counts as whole numbers (never
    "5544500000000.0"), rates as printed (0.75)."""
    if unit == "VND" or float(value).is_integer():
        return str(round(value))
    return repr(float(value))


def chart_csv(readings: pd.DataFrame, language: str, drawn: pd.Series | None = None) -> bytes:
    """chart_table as UTF-8 with a byte-order mark, which is how Excel recognises Vietnamese text."""
    return chart_table(readings, language, drawn).to_csv(index=False).encode("utf-8-sig")


def series_csv(readings: pd.DataFrame, language: str) -> bytes:
    """The CSV of a chart of lines over the years: drawn exactly the points on the chart."""
    return chart_csv(readings, language, on_chart(readings))


def deck_file(
    makers: Sequence[Callable[[], list[DeckChart]]], topic: str, filters: Filters, language: str, address: str
) -> bytes:
    """The .pptx of the charts a page drew (each maker gives one on-screen chart's deck charts): a cover
    naming the topic, provinces, years and filters, then app/deck.py's slides."""
    charts = [chart for make in makers for chart in make()]
    drawn = points(charts)
    provinces = sorted(set(drawn["province"].dropna())) if len(drawn) else []
    years = sorted(set(drawn["year"].dropna().astype(int))) if "year" in drawn else []
    if not years and len(drawn):
        years = sorted({day.year for day in pd.to_datetime(drawn["period_end"])})
    cover = deck.Cover(
        topic=topic,
        provinces=", ".join(provinces) or labels.text("all", language),
        years=f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years)),
        filters=sidebar.filters_summary(filters, queries.options(), language),
        made_on=labels.date_text(date.today(), language),
        address=address,
    )
    return deck.deck_bytes(cover, charts, language)
