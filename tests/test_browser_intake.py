"""The Add-a-report page in a real browser with a report as it arrives: a web address (a site served on this
machine) and an uploaded PDF. Each ends in saved figures with their source, the source form filled from what
the document says of itself. The reports are made up (tests/made.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import made_documents as made
from tests.chromium import browser_tab, dashboard_on, data_copy
from tests.helpers import read_csv
from tests.test_browser_add_report import SCREENSHOTS, saved_or_said, settle

pytestmark = pytest.mark.skipif(made.FONT is None, reason="no TrueType font with Vietnamese letters")


@pytest.fixture(scope="module")
def site():
    with made.serving(made.site_pages()) as address:
        yield address


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return data_copy(tmp_path_factory.mktemp("intake-data"))


@pytest.fixture(scope="module")
def server(data):
    with dashboard_on(data, {"POVERTY_ALLOW_LOCAL_FETCH": "1"}) as url:
        yield url


@pytest.fixture
def tab(browser):
    with browser_tab(browser, 1600, 1400, 90_000) as page:
        yield page


def choose_province(tab, province: str) -> None:
    tab.locator('[data-testid="stSelectbox"]').filter(has_text="Tỉnh (tên trước").click()
    tab.keyboard.type(province)
    tab.keyboard.press("Enter")
    settle(tab)


def saved_source(data: Path, title_start: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    [source] = [row for row in read_csv(data / "sources.csv") if row["title"].startswith(title_start)]
    facts = [row for row in read_csv(data / "facts.csv") if row["source_id"] == source["source_id"]]
    return source, facts


def test_a_report_read_from_a_web_address_is_saved_with_its_source(server, site, data, tab):
    address = f"{site}/tin/giam-ngheo-tan-tru.html"
    tab.goto(f"{server}/add_report")
    settle(tab)
    tab.get_by_label("Hoặc địa chỉ trang web của báo cáo").fill(address)
    choose_province(tab, "Long An")
    tab.get_by_role("button", name="Đề xuất số liệu").click()
    tab.get_by_text("Đã đọc trang web").wait_for()
    settle(tab)
    # What the page says of itself is in the form for the reviewer to confirm.
    assert tab.get_by_label("Tiêu đề", exact=True).input_value().startswith("Huyện Tân Trụ")
    assert tab.get_by_label("Cơ quan đăng").input_value() == "Báo Thử Nghiệm"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "add-report-address-vi.png"), full_page=True)
    tab.get_by_role("button", name="Lưu báo cáo và số liệu đã chọn").click()
    saved_or_said(tab, "Đã lưu và cập nhật cơ sở dữ liệu")
    source, facts = saved_source(data, "Huyện Tân Trụ")
    assert source["url"] == address and source["publication_date"] == "2024-01-15"
    assert source["text_in_repository"] == "false"  # a published page stays on this machine
    assert {"1,27%", "2,05%"} <= {fact["quote"] for fact in facts}
    assert (data / "originals-local" / f"{source['source_id']}.json").exists()


def test_an_uploaded_pdf_is_saved_with_its_figures_and_its_original(server, data, tmp_path, tab):
    pdf = tmp_path / "bao-cao-tan-tru.pdf"
    pdf.write_bytes(made.article_pdf())
    tab.goto(f"{server}/add_report")
    settle(tab)
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(pdf))
    settle(tab)
    tab.get_by_label("Tiêu đề", exact=True).fill("Báo cáo giảm nghèo huyện Tân Trụ 2023 (tệp PDF thử nghiệm)")
    tab.get_by_label("Cơ quan đăng").fill("Phòng thử nghiệm")
    choose_province(tab, "Long An")
    tab.get_by_role("button", name="Đề xuất số liệu").click()
    tab.get_by_text("Đã đọc tệp PDF").wait_for()
    settle(tab)
    tab.get_by_label("Ngày đăng", exact=True).click()
    tab.keyboard.type("15/01/2024")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    settle(tab)
    tab.screenshot(path=str(SCREENSHOTS / "add-report-pdf-vi.png"), full_page=True)
    tab.get_by_role("button", name="Lưu báo cáo và số liệu đã chọn").click()
    saved_or_said(tab, "Đã lưu và cập nhật cơ sở dữ liệu")
    source, facts = saved_source(data, "Báo cáo giảm nghèo huyện Tân Trụ 2023")
    quotes = {fact["quote"] for fact in facts}
    assert {"1,27%", "1,96"} <= quotes  # a sentence's figure and a table cell's
    kept = data / "originals" / f"{source['source_id']}.pdf"
    assert kept.read_bytes() == pdf.read_bytes()
