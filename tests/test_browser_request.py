"""A data request in a real browser (Debian's chromium, driven by Playwright): download Long An's request from the
Coverage page, fill it in as the province's office would (openpyxl, made-up values), upload it on the Add-a-report
page and see the figures saved; then the Coverage page no longer asks for them. The server works on a
temporary copy of data/."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from etl.request_workbook import FIELDS
from tests.chromium import browser_tab, dashboard_on, data_copy
from tests.helpers import read_csv

COLUMN = {field: index for index, field in enumerate(FIELDS, start=1)}
# Made up for this test; it lives only in the server's temporary data.
DOCUMENT = {
    "document_title": "Báo cáo số liệu giảm nghèo của tỉnh (bản thử trình duyệt)",
    "issuing_body": "Sở Lao động - Thương binh và Xã hội (thử)",
    "document_date": datetime(2025, 2, 10),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return data_copy(tmp_path_factory.mktemp("browser-request"))


@pytest.fixture(scope="module")
def server(data):
    with dashboard_on(data) as url:
        yield url


@pytest.fixture
def tab(browser):
    with browser_tab(browser, 1400, 1000) as page:
        yield page


def settle(tab) -> None:
    tab.wait_for_timeout(300)
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def test_a_request_downloaded_filled_and_uploaded_is_saved(server, data, tab, tmp_path):
    tab.goto(f"{server}/coverage")
    button = tab.get_by_role("button", name="Biểu mẫu của Long An")
    button.wait_for()
    settle(tab)
    with tab.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "yeu-cau-so-lieu-long-an.xlsx"
    downloaded = tmp_path / download.value.suggested_filename
    download.value.save_as(downloaded)

    workbook = openpyxl.load_workbook(downloaded)
    sheet = workbook["figures"]
    asked = [number for number in range(3, sheet.max_row + 1) if sheet.cell(number, 1).value == "Long An"]
    percent = next(number for number in asked if sheet.cell(number, COLUMN["unit"]).value == "percent")
    count = next(number for number in asked if sheet.cell(number, COLUMN["unit"]).value == "count")
    for number, value in ((percent, 4.75), (count, 2468)):
        sheet.cell(number, COLUMN["value"]).value = value
        for field, text in DOCUMENT.items():
            sheet.cell(number, COLUMN[field]).value = text
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)

    tab.goto(f"{server}/add_report")
    tab.get_by_text("bạn đang ở máy đó").wait_for()  # allowed to edit: this machine, no sign-in set up
    settle(tab)
    uploader = tab.locator('[data-testid="stFileUploader"]').filter(has_text="Tệp .xlsx đã điền")
    uploader.locator('input[type="file"]').set_input_files(str(filled))
    settle(tab)
    tab.get_by_role("button", name="Kiểm tra và lưu số liệu").click()
    saved = f"Đã lưu 2 số liệu từ 1 văn bản và cập nhật cơ sở dữ liệu; {len(asked) - 2} dòng để trống."
    tab.get_by_text(saved).wait_for()
    assert not tab.get_by_text("Traceback").count()

    [source] = [row for row in read_csv(data / "sources.csv") if row["kind"] == "office"]
    assert source["title"] == DOCUMENT["document_title"]
    values = {row["value"] for row in read_csv(data / "facts.csv") if row["source_id"] == source["source_id"]}
    assert values == {"4.75", "2468"}

    tab.goto(f"{server}/coverage")
    tab.get_by_role("button", name=f"Biểu mẫu của Long An ({len(asked) - 2} ô)").wait_for()  # no longer asked
