"""The Add-a-report page in a real browser (Debian's chromium, driven by Playwright), as a reviewer on the machine
that runs the dashboard uses it, at http://127.0.0.1 and at http://localhost: paste a report, propose, correct a
cell of the table by keyboard, untick a figure, add a missed one, save; then data/facts.csv of the copy holds
what the table showed. Screenshots of the page in Vietnamese and English go to test-output/screenshots.

The server listens on "::" (IPv6 and IPv4): the browser at http://127.0.0.1 then arrives as the IPv4-mapped
address ::ffff:127.0.0.1, and at http://localhost as loopback, for which Streamlit gives no address at all
(st.context.ip_address is None for ::1 and 127.0.0.1). Both must be allowed to edit (app/editing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from app.review_table import COLUMNS
from etl.paths import PROJECT_DIR
from tests.chromium import browser_tab, dashboard_on, data_copy
from tests.helpers import read_csv
from tests.test_add_report_page import PROPOSED, PUBLISHER, REPORT, TITLE

SCREENSHOTS = PROJECT_DIR / "test-output" / "screenshots"
# Streamlit's data editor: 35 px rows under a 35 px header, and the row-marker column before the row numbers.
ROW, MARKERS, NUMBERS = 35, 33, 48


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return data_copy(tmp_path_factory.mktemp("browser-data"))


@pytest.fixture(scope="module")
def server(data):
    with dashboard_on(data, address="::") as url:
        yield url.rsplit(":", 1)[1]  # the port


@pytest.fixture
def tab(browser):
    with browser_tab(browser, 1600, 1100) as page:
        yield page


def settle(tab) -> None:
    """Wait until the script run the last action started has finished."""
    tab.wait_for_timeout(300)
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def grid(tab):
    return tab.locator('[data-testid="stDataFrame"]').first


def select_cell(tab, row: int, column: str) -> None:
    """Select a cell by keyboard: click the row's number, in the pinned column that never scrolls away, then
    move right to the column (the grid scrolls to it). Clicking a cell by position would miss it whenever the
    grid has scrolled sideways."""
    box = steady_box(tab)
    tab.mouse.click(box["x"] + MARKERS + NUMBERS / 2, box["y"] + ROW * (row + 0.5))
    tab.wait_for_timeout(150)
    for _ in range(COLUMNS.index(column) + 1):
        tab.keyboard.press("ArrowRight")
        tab.wait_for_timeout(50)


def steady_box(tab) -> dict:
    """Where the grid is once the page has stopped moving: a run may still add or remove a line above it."""
    table = grid(tab)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    for _ in range(20):
        tab.wait_for_timeout(150)
        settle(tab)
        table.scroll_into_view_if_needed()
        again = table.bounding_box()
        if again == box:
            return box
        box = again
    return box


def edit_cell(tab, row: int, column: str, keys: Callable[[], None], expected: str) -> None:
    """Select a cell, press `keys`, and wait until the grid holds `expected` there (its accessible table gives
    a cell's value as text: a code, an ISO date, true or false). Keys pressed while the grid redraws after a
    run can be lost: then the edit is made again."""
    cell = grid(tab).locator(f'[data-testid="glide-cell-{COLUMNS.index(column) + 2}-{row - 1}"]')
    found = None
    for _ in range(3):
        select_cell(tab, row, column)
        keys()
        settle(tab)
        for _ in range(25):
            found = cell.first.text_content() if cell.count() else None
            if found == expected:
                return
            tab.wait_for_timeout(200)
        tab.keyboard.press("Escape")  # an editor left open
    raise AssertionError(f"row {row}, {column}: {found!r} instead of {expected!r}")


def type_into_cell(tab, row: int, column: str, text: str) -> None:
    """Enter opens the cell's editor; select what it holds, type, and Enter keeps it. The editor fills in the
    cell's value just after it appears, over anything typed before: the text is typed again until it is there."""

    def keys() -> None:
        tab.keyboard.press("Enter")
        editor = tab.locator("textarea.gdg-input")
        editor.wait_for()
        for _ in range(5):
            tab.wait_for_timeout(200)
            tab.keyboard.press("Control+A")
            tab.keyboard.type(text)
            if editor.evaluate("box => box.value") == text:
                break
        tab.keyboard.press("Enter")

    edit_cell(tab, row, column, keys, text)


def choose_in_cell(tab, row: int, column: str, words: str, code: str) -> None:
    """A column with choices: Enter opens its list, typing narrows it, Enter takes the first option left."""

    def keys() -> None:
        tab.keyboard.press("Enter")
        tab.wait_for_function("() => document.activeElement?.tagName === 'INPUT'")
        tab.keyboard.type(words)
        tab.get_by_role("option").first.wait_for()
        tab.keyboard.press("Enter")

    edit_cell(tab, row, column, keys, code)


def date_into_cell(tab, row: int, column: str, day: date) -> None:
    """A date column: Enter opens the browser's date input; it is filled (typing into its month, day and year
    fields depends on the browser's locale) and Enter keeps it."""

    def keys() -> None:
        tab.keyboard.press("Enter")
        picker = tab.locator('input[data-testid="date-picker-cell"]')
        picker.fill(day.isoformat())
        picker.press("Enter")

    edit_cell(tab, row, column, keys, day.isoformat())


def untick(tab, row: int, column: str) -> None:
    """Space ticks or unticks the selected box."""
    edit_cell(tab, row, column, lambda: tab.keyboard.press("Space"), "false")


def headers(tab) -> list[str]:
    """The column headers the grid has drawn, from its accessible table (the cells are drawn on a canvas, and
    the table is filled once the grid is in view)."""
    grid(tab).scroll_into_view_if_needed()
    grid(tab).locator('[role="columnheader"]').first.wait_for(state="attached")
    return grid(tab).locator('[role="columnheader"]').all_text_contents()


def saved_or_said(tab, success: str) -> None:
    """Wait for the save to finish; if it was refused, fail with what the page said."""
    settle(tab)
    alerts = tab.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any(success in alert for alert in alerts), alerts


def screenshot(tab, name: str) -> None:
    grid(tab).scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / name))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_reviewer_on_this_machine_proposes_corrects_and_saves(server, data, tab, host):
    title = f"{TITLE} ({host})"
    tab.goto(f"http://{host}:{server}/add_report")
    tab.get_by_text("bạn đang ở máy đó").wait_for()  # allowed to edit: this machine, no sign-in set up
    settle(tab)
    tab.get_by_label("Hoặc dán văn bản báo cáo").fill(REPORT)
    tab.get_by_label("Tiêu đề", exact=True).fill(title)
    tab.get_by_label("Cơ quan đăng").fill(PUBLISHER)
    tab.locator('[data-testid="stSelectbox"]').filter(has_text="Tỉnh (tên trước").click()
    tab.keyboard.type("Phú Thọ")
    tab.keyboard.press("Enter")
    settle(tab)
    tab.get_by_label("Ngày đăng", exact=True).click()
    tab.keyboard.type("20/01/2025")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    settle(tab)
    tab.get_by_role("button", name="Đề xuất số liệu").click()
    tab.get_by_text(f"{len(PROPOSED)} số liệu được đề xuất").wait_for()
    settle(tab)
    assert headers(tab)[:4] == ["Dòng", "Nhận", "Trích dẫn", "Giá trị"]  # the quote and the figure first
    assert tab.locator("strong").filter(has_text="hơn 1,4 tỷ đồng").count()  # in bold in the text
    screenshot(tab, f"add-report-vi-{host}.png")

    type_into_cell(tab, 4, "period_label", "cả năm 2024")  # "hơn 1,4 tỷ đồng": the report's words for the year
    untick(tab, 5, "accept")  # "920 tỷ đồng": not kept

    tab.get_by_label("Số liệu bị bỏ sót", exact=False).fill("640 người")
    tab.get_by_role("button", name="Thêm số liệu này").click()
    tab.get_by_text("Đã thêm Dòng 7").wait_for()
    settle(tab)
    choose_in_cell(tab, 7, "metric", "tập huấn", "livelihood_training_participants")
    choose_in_cell(tab, 7, "beneficiary_group", "Toàn bộ", "all")
    date_into_cell(tab, 7, "period_start", date(2024, 1, 1))
    date_into_cell(tab, 7, "period_end", date(2024, 12, 31))
    type_into_cell(tab, 7, "period_label", "năm 2024")
    tab.get_by_role("button", name="Add row").click()  # "+": a row left empty
    settle(tab)

    if host == "127.0.0.1":  # the table keeps every edit when the language changes
        tab.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
        tab.get_by_role("button", name="Save the report and the ticked figures").wait_for()
        settle(tab)
        assert headers(tab)[:4] == ["Row", "Accept", "Quote", "Value"]
        tab.get_by_text("Added Row 7: “640” at position 515.").wait_for()
        screenshot(tab, f"add-report-en-{host}.png")
        tab.get_by_role("button", name="Save the report and the ticked figures").click()
        saved_or_said(tab, "Saved; the database is rebuilt")
        tab.get_by_text("Row 8: empty, so not saved.").wait_for()
    else:
        tab.get_by_role("button", name="Lưu báo cáo và số liệu đã chọn").click()
        saved_or_said(tab, "Đã lưu và cập nhật cơ sở dữ liệu")
        tab.get_by_text("Dòng 8: để trống nên không được lưu.").wait_for()
    settle(tab)
    assert not tab.get_by_text("Traceback").count()

    [source] = [row for row in read_csv(data / "sources.csv") if row["title"] == title]
    saved = {row["quote"]: row for row in read_csv(data / "facts.csv") if row["source_id"] == source["source_id"]}
    assert set(saved) == {"2,15%", "3,9%", "45.600", "hơn 1,4 tỷ đồng", "18.700", "640"}
    assert saved["hơn 1,4 tỷ đồng"]["period_label"] == "cả năm 2024"
    missed = saved["640"]
    assert (missed["metric"], missed["beneficiary_group"], missed["value"], missed["unit"]) == (
        "livelihood_training_participants",
        "all",
        "640",
        "count",
    )
    assert (missed["period_start"], missed["period_end"], missed["period_label"]) == (
        "2024-01-01",
        "2024-12-31",
        "năm 2024",
    )
    assert missed["quote_offset"] == str(REPORT.index("640 người"))
    assert (source["publication_date"], source["province"]) == ("2025-01-20", "Phú Thọ")
