"""Downloads contain exactly the filtered rows, open in Excel with Vietnamese intact; the brief works offline."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from app import brief, exports, queries
from app.queries import Filters
from etl.paths import DATA_DIR
from tests.helpers import read_csv


@pytest.fixture(autouse=True)
def use_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))


LONG_AN = Filters(provinces=("Long An",))


def long_an_csv(language: str = "vi") -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(exports.csv_download(LONG_AN, language)), encoding="utf-8-sig")


def test_csv_has_a_bom_and_only_the_filtered_rows():
    data = exports.csv_download(LONG_AN, "vi")
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    expected = [row for row in read_csv(DATA_DIR / "facts.csv") if row["province"] == "Long An"]
    assert sorted(table["Mã số liệu"]) == sorted(row["fact_id"] for row in expected)
    assert set(table["Tỉnh từ 1/7/2025"]) == {"Tây Ninh"}
    assert "Nhân rộng mô hình giảm nghèo, trợ giúp pháp lý" in set(table["Nguồn"])


def test_csv_values_are_in_the_units_shown():
    table = long_an_csv()
    credit = table[table["Mã số liệu"] == "longan-2024-11"].iloc[0]
    assert credit["Giá trị (đơn vị gốc)"] == 3_000_000_000_000
    assert credit["Đơn vị"] == "đồng" and credit["Số liệu"] == "≈ 3.000 tỷ đồng"
    assert credit["Mức chính xác"] == "gần" and credit["Trích dẫn"] == "gần 3.000 tỷ đồng"


def test_excel_file_round_trips_vietnamese_text():
    table = long_an_csv()
    workbook = pd.read_excel(io.BytesIO(exports.excel_download(LONG_AN, "vi")), sheet_name="facts")
    assert list(workbook.columns) == list(table.columns)
    assert len(workbook) == len(table)
    # Published articles are not kept, so their figures have no sentence; the seed report's have one.
    sentences = workbook["Câu trong báo cáo"].dropna()
    assert "Đầu năm 2024, tổng số hộ nghèo của tỉnh Long An" in " ".join(sentences)
    assert len(sentences) == (table["Câu trong báo cáo"].notna()).sum()


def test_english_headers_and_numbers():
    table = long_an_csv("en")
    row = table[table["Figure id"] == "longan-2024-04"].iloc[0]
    assert row["Figure"] == "> 28,800" and row["Qualifier"] == "more than"


def test_brief_is_self_contained_and_escapes_report_text():
    html = brief.brief_html(Filters(provinces=("Long An",)), "vi").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Plotly" in html and not re.search(r"<script[^>]+src=", html)
    assert "0,75%" in html and "Tây Ninh" in html
    # Long An's published articles have no sentence here; their cells are empty, not "NaN".
    assert ">NaN<" not in html and "longan-nld-2024" in html


def test_brief_never_turns_text_into_markup():
    hostile = "<script>alert(1)</script> [link](http://example.invalid)"
    table = pd.DataFrame({"Trích dẫn": [hostile]})
    sources = pd.DataFrame(
        {
            "title": [hostile],
            "publisher": ["<b>x</b>"],
            "publication_date": [pd.NaT],
            "published_not_before": [pd.NaT],
            "published_not_after": [pd.NaT],
            "url": [None],
        }
    )
    html = brief.build_brief(hostile, [], table, hostile, sources, "vi")
    assert "<script>alert(1)</script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_brief_draws_each_lead_metrics_lines_one_panel_a_page():
    from app.series_chart import drawn_points, panel_groups

    filters = Filters(provinces=("Long An",))
    figures = brief.series_figures(filters, "vi")
    poverty = [figure for heading, figure in figures if heading.startswith("Tỷ lệ hộ nghèo qua các năm")]
    assert poverty and all(figure.layout.width == brief.CHART_WIDTH for _, figure in figures)
    assert all(figure.layout.height <= brief.PAGE_HEIGHT_PX for _, figure in figures)
    drawn = drawn_points(queries.series(filters, "poverty_rate"))
    drawn = drawn[drawn["beneficiary_group"].isin(panel_groups(drawn))]
    in_brief = {
        point[0]
        for figure in poverty
        for trace in figure.data
        if trace.mode == "lines+markers"
        for point in trace.customdata
    }
    assert in_brief == set(drawn["fact_id"]) and len(in_brief) >= 5
