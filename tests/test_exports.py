"""Downloads contain exactly the filtered rows, open in Excel with Vietnamese intact; the brief works offline."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from app import brief, queries
from app.queries import Filters
from app.tables import csv_bytes, readable_table, xlsx_bytes
from etl.paths import DATA_DIR
from tests.helpers import read_csv


@pytest.fixture(autouse=True)
def use_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))


def long_an_table(language: str = "vi") -> pd.DataFrame:
    return readable_table(queries.facts(Filters(provinces=("Long An",))), language)


def test_csv_has_a_bom_and_only_the_filtered_rows():
    data = csv_bytes(long_an_table())
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    expected = [row for row in read_csv(DATA_DIR / "facts.csv") if row["province"] == "Long An"]
    assert sorted(table["Mã số liệu"]) == sorted(row["fact_id"] for row in expected)
    assert set(table["Tỉnh từ 1/7/2025"]) == {"Tây Ninh"}
    assert "Nhân rộng mô hình giảm nghèo, trợ giúp pháp lý" in set(table["Nguồn"])


def test_csv_values_are_in_the_units_shown():
    table = pd.read_csv(io.BytesIO(csv_bytes(long_an_table())), encoding="utf-8-sig")
    credit = table[table["Mã số liệu"] == "longan-2024-11"].iloc[0]
    assert credit["Giá trị (đơn vị gốc)"] == 3_000_000_000_000
    assert credit["Đơn vị"] == "đồng" and credit["Số liệu"] == "≈ 3.000 tỷ đồng"
    assert credit["Mức chính xác"] == "gần" and credit["Trích dẫn"] == "gần 3.000 tỷ đồng"


def test_excel_file_round_trips_vietnamese_text():
    table = long_an_table()
    workbook = pd.read_excel(io.BytesIO(xlsx_bytes(table)), sheet_name="facts")
    assert list(workbook.columns) == list(table.columns)
    assert len(workbook) == len(table)
    assert "Đầu năm 2024, tổng số hộ nghèo của tỉnh Long An" in " ".join(workbook["Câu trong báo cáo"])


def test_english_headers_and_numbers():
    table = pd.read_csv(io.BytesIO(csv_bytes(long_an_table("en"))), encoding="utf-8-sig")
    row = table[table["Figure id"] == "longan-2024-04"].iloc[0]
    assert row["Figure"] == "> 28,800" and row["Qualifier"] == "more than"


def test_brief_is_self_contained_and_escapes_report_text():
    html = brief.brief_html(Filters(provinces=("Long An",)), "vi").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Plotly" in html and not re.search(r"<script[^>]+src=", html)
    assert "0,75%" in html and "Tây Ninh" in html


def test_brief_never_turns_text_into_markup():
    hostile = "<script>alert(1)</script> [link](http://example.invalid)"
    table = pd.DataFrame({"Trích dẫn": [hostile]})
    sources = pd.DataFrame({"title": [hostile], "publisher": ["<b>x</b>"], "publication_date": [pd.NaT], "url": [None]})
    html = brief.build_brief(hostile, [], table, sources, "vi")
    assert "<script>alert(1)</script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
