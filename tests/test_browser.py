"""A real browser: Debian's chromium, driven by Playwright, against `streamlit run dashboard.py`.

Opens every page, changes a filter and checks the URL keeps it, downloads the CSV, and saves
screenshots under test-output/screenshots for a person to look at.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from etl.paths import DATA_DIR, PROJECT_DIR
from tests.chromium import browser_tab, running_streamlit
from tests.helpers import read_csv

SCREENSHOTS = PROJECT_DIR / "test-output" / "screenshots"
PAGES = [
    ("overview", "Tổng quan", "Các tỉnh trong cùng một năm"),
    ("poverty", "Tỷ lệ nghèo", "Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)"),
    ("health_insurance", "Bảo hiểm y tế", "Tỷ lệ bao phủ BHYT qua các năm (cấp tỉnh)"),
    ("credit", "Tín dụng chính sách", "Dư nợ qua các năm (cấp tỉnh)"),
    ("support", "Chi hỗ trợ", "Nhà ở cho hộ nghèo"),
    ("profile", "Hồ sơ tỉnh", "Vị trí so với các tỉnh khác"),
    ("coverage", "Độ phủ số liệu", "Chỉ tiêu hoặc chủ đề"),
    ("explore", "Tra cứu & tải về", "Dòng 1–"),
    ("sources", "Nguồn & phương pháp", "Phương pháp"),
    ("add_report", "Thêm báo cáo", "Đề xuất số liệu"),
]


def running_dashboard(database: Path):
    """`streamlit run dashboard.py` on `database`."""
    return running_streamlit("dashboard.py", {"POVERTY_DB": str(database)})


@pytest.fixture(scope="module")
def server(built_database, tmp_path_factory):
    with running_dashboard(built_database) as url:
        yield url


@pytest.fixture
def tab(browser):
    with browser_tab(browser, 1600, 1000) as page:
        yield page


def _settle(tab) -> None:
    """Wait until the script has finished and lazily loaded widgets are drawn."""
    tab.wait_for_load_state("networkidle")
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    tab.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0")
    # The dashboard's own menu, never Streamlit's listing of pages/ by file name.
    tab.locator('[data-testid="stSidebarNav"]').get_by_text("Tổng quan").wait_for(timeout=30_000)
    assert not tab.locator('[data-testid="stSidebarNav"]').get_by_text("health insurance", exact=True).count()


def test_a_link_to_a_page_opened_first_after_start_gets_the_dashboards_menu(built_database, browser, tmp_path):
    """The first request a new server gets names a page, as a shared link does."""
    with running_dashboard(built_database) as url:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(f"{url}/credit")
        tab.get_by_role("heading", name="Tín dụng chính sách").first.wait_for()
        _settle(tab)
        assert "/credit" in tab.url
        context.close()


@pytest.mark.parametrize(("path", "title", "expected"), PAGES)
def test_every_page_opens_in_a_browser(server, tab, path, title, expected):
    tab.goto(f"{server}/{path}")
    tab.get_by_role("heading", name=title).first.wait_for()
    tab.get_by_text(expected).first.wait_for()
    _settle(tab)
    assert not tab.get_by_text("Traceback").count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{path}.png"), full_page=True)


def rows_caption(count: int) -> str:
    """The caption above a table of `count` figures, on its first page."""
    return f"Dòng 1–{min(count, 100)} trên {count}"


FIGURES_PER_PROVINCE = Counter(row["province"] for row in read_csv(DATA_DIR / "facts.csv"))


def test_a_filter_is_kept_in_the_url_and_the_csv_holds_its_rows(server, tab, tmp_path):
    long_an = FIGURES_PER_PROVINCE["Long An"]
    tab.goto(f"{server}/explore")
    tab.get_by_text(rows_caption(FIGURES_PER_PROVINCE.total())).wait_for()
    _settle(tab)
    tab.locator('[data-testid="stSidebar"] [data-testid="stPopover"] button').first.click()
    provinces = tab.locator('[data-testid="stMultiSelect"]').first
    provinces.click()
    tab.keyboard.type("Long An")
    tab.keyboard.press("Enter")
    tab.get_by_text(rows_caption(long_an)).wait_for()
    tab.wait_for_url("**province=Long+An**")
    _settle(tab)

    with tab.expect_download() as download:
        tab.locator('[data-testid="stDownloadButton"] button').filter(has_text="Tải CSV").click()
    saved = tmp_path / "download.csv"
    download.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + long_an
    assert all(line.startswith("Long An,Tây Ninh,") for line in lines[1:])
    tab.screenshot(path=str(SCREENSHOTS / "explore-long-an.png"), full_page=True)

    copied_link = tab.url
    tab.goto(copied_link)
    tab.get_by_text(rows_caption(long_an)).wait_for()


def test_twenty_sessions_filtering_at_once_see_only_their_own_filters(server, browser):
    """Twenty analysts open the dashboard at the same moment, each with another province chosen."""
    counts = FIGURES_PER_PROVINCE
    provinces = sorted(province for province in counts if province)  # country and region figures have none
    sessions = []
    for index in range(20):
        province = provinces[index % len(provinces)]
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        tab.goto(f"{server}/explore?province={quote(province)}", wait_until="commit")
        sessions.append((province, context, tab))
    try:
        for province, _, tab in sessions:
            tab.get_by_text(rows_caption(counts[province])).wait_for()
            # The filters in words, under the sidebar's filter button.
            chosen = tab.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]').last.inner_text()
            assert [name for name in provinces if name in chosen] == [province], f"{province} session shows {chosen}"
            assert not tab.get_by_text("Traceback").count()
    finally:
        for _, context, _ in sessions:
            context.close()


def _chart_fact_ids(tab, index: int) -> set[str]:
    """The figure ids of the points a drawn Plotly chart holds, read from the chart in the page."""
    return set(
        tab.evaluate(
            """index => {
                const chart = document.querySelectorAll('.js-plotly-plot')[index];
                return chart.data.filter(trace => (trace.mode || '').startsWith('lines+markers'))
                    .flatMap(trace => trace.customdata.map(point => point[0]));
            }""",
            index,
        )
    )


def test_the_poverty_series_csv_holds_exactly_the_points_drawn(server, tab, tmp_path):
    tab.goto(f"{server}/poverty")
    tab.get_by_text("Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)").first.wait_for()
    _settle(tab)
    tab.locator(".js-plotly-plot").first.wait_for()
    drawn = _chart_fact_ids(tab, 0)
    assert len(drawn) >= 20
    with tab.expect_download() as download:
        tab.locator('[data-testid="stDownloadButton"] button').filter(has_text="Tải CSV của biểu đồ này").first.click()
    saved = tmp_path / "series.csv"
    download.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {row["Mã số liệu"] for row in rows if row["Trên biểu đồ"] == "có"} == drawn
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.locator(".js-plotly-plot").first.screenshot(path=str(SCREENSHOTS / "poverty-series.png"))


def test_the_ranking_of_a_year_from_a_link_draws_all_five_on_one_axis(server, tab):
    tab.goto(f"{server}/poverty?section=ranking&rank_metric=poverty_rate&rank_year=2017")
    tab.get_by_text("Tỷ lệ hộ nghèo, năm 2017").first.wait_for()
    _settle(tab)
    ranking = tab.locator(".js-plotly-plot").filter(has_text="Tỷ lệ hộ nghèo, năm 2017")
    bars = tab.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .find(chart => chart.layout.title.text.includes('Tỷ lệ hộ nghèo, năm 2017')).data[0].x"""
    )
    assert len([value for value in bars if value > 0]) == 5
    assert "rank_year=2017" in tab.url and "section=ranking" in tab.url
    ranking.scroll_into_view_if_needed()
    ranking.screenshot(path=str(SCREENSHOTS / "poverty-ranking.png"))


def test_the_coverage_view_and_the_profile_in_a_browser(server, tab):
    tab.goto(f"{server}/coverage?matrix=poverty_rate&place=H%E1%BA%A3i+D%C6%B0%C6%A1ng&year=2022")
    tab.get_by_text("Tỷ lệ hộ nghèo · Hải Dương · 2022").wait_for()
    _settle(tab)
    tab.screenshot(path=str(SCREENSHOTS / "coverage-cell.png"), full_page=True)
    tab.goto(f"{server}/profile?profile=Long+An")
    tab.get_by_text("Vị trí so với các tỉnh khác").wait_for()
    _settle(tab)
    tab.locator(".js-plotly-plot").first.wait_for()
    tab.screenshot(path=str(SCREENSHOTS / "profile-long-an.png"), full_page=True)


def shown(select_box) -> str:
    """What a select box shows: its words, and the value of its input where it draws the choice in one."""
    inputs = select_box.locator("input")
    typed = " ".join(field.input_value() for field in inputs.all()) if inputs.count() else ""
    return f"{select_box.text_content()} {typed}"


def test_a_choice_shown_in_a_select_box_speaks_the_new_language_after_a_switch(server, tab):
    tab.goto(f"{server}/coverage")
    _settle(tab)
    chooser = tab.locator('[data-testid="stSelectbox"]').filter(has_text="Chỉ tiêu hoặc chủ đề")
    assert "Chỉ tiêu chính: Tỷ lệ hộ nghèo" in shown(chooser)
    tab.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    tab.get_by_text("Ask a province for its missing figures").wait_for()
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    chooser = tab.locator('[data-testid="stSelectbox"]').filter(has_text="Metric or topic")
    assert "Headline: Poverty rate" in shown(chooser), shown(chooser)


def test_the_deck_downloaded_from_the_poverty_page_holds_the_lines_drawn(server, tab, tmp_path):
    from pptx import Presentation

    tab.goto(f"{server}/poverty")
    tab.get_by_text("Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)").first.wait_for()
    _settle(tab)
    traces = tab.evaluate(
        """() => document.querySelectorAll('.js-plotly-plot')[0].data
            .filter(trace => (trace.mode || '').startsWith('lines'))
            .map(trace => [trace.name, trace.yaxis || 'y', trace.x.map(String), trace.y])"""
    )
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Tải bản trình chiếu PowerPoint").click()
    assert download.value.suggested_filename == "poverty-vi.pptx"  # the page and the language, each once
    saved = tmp_path / "deck.pptx"
    download.value.save_as(saved)
    deck = Presentation(str(saved))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    axes = sorted({axis for _, axis, _, _ in traces}, key=lambda axis: (len(axis), axis))
    assert len(charts) == len(axes)
    for chart, axis in zip(charts, axes, strict=True):
        categories = list(chart.plots[0].categories)
        in_deck = [
            (
                series.name,
                {year: value for year, value in zip(categories, series.values, strict=True) if value is not None},
            )
            for series in chart.plots[0].series
        ]
        on_page = [
            (name, dict(zip(years, values, strict=True)))
            for name, trace_axis, years, values in traces
            if trace_axis == axis
        ]
        assert [name for name, _ in in_deck] == [name for name, _ in on_page]
        for (_, deck_points), (_, page_points) in zip(in_deck, on_page, strict=True):
            assert deck_points.keys() == page_points.keys()
            assert list(deck_points.values()) == pytest.approx(list(page_points.values()))
    text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "127.0.0.1" not in text and "localhost" not in text  # no public address is set: none is cited


def test_viewers_see_no_developer_menu_and_the_tab_is_named(server, tab):
    tab.goto(f"{server}/poverty")
    tab.get_by_text("Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)").first.wait_for()
    _settle(tab)
    assert not tab.get_by_text("Deploy", exact=True).count()
    tab.locator('[data-testid="stMainMenu"]').click()
    menu = tab.locator('[data-testid="stMainMenuList"]')
    menu.get_by_text("Print").wait_for()  # a viewer's menu: theme, print, record
    assert not menu.get_by_text("Clear cache").count() and not menu.get_by_text("Developer").count()
    assert tab.title() == "Tỷ lệ nghèo · Giảm nghèo 5 tỉnh"
    # The icon is drawn in the page itself: nothing is fetched from the internet for it.
    assert tab.locator("link[rel='shortcut icon']").get_attribute("href").startswith("data:image/svg+xml")


def test_the_offline_brief_prints_on_a4_without_a_chart_cut_across_pages(server, tab, tmp_path):
    tab.goto(f"{server}/")
    _settle(tab)
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Tải bản tóm tắt (HTML, xem không cần mạng)").click()
    brief = tmp_path / "brief.html"
    download.value.save_as(brief)
    tab.goto(brief.as_uri())
    tab.emulate_media(media="print")
    tab.set_viewport_size({"width": 703, "height": 1000})  # 186 mm: A4 less 12 mm margins, in CSS pixels
    sections = tab.evaluate(
        """() => [...document.querySelectorAll('section.chart')].map(section => ({
            height: section.getBoundingClientRect().height,
            width: section.scrollWidth,
            avoid: getComputedStyle(section).breakInside,
            charts: section.querySelectorAll('.js-plotly-plot svg.main-svg').length,
        }))"""
    )
    # Nothing wider than the page, which would make the browser shrink every page to fit it.
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 703
    assert len(sections) >= 3
    for section in sections:
        assert section["charts"] >= 1 and section["avoid"] == "avoid"
        assert section["height"] <= 1031  # 273 mm: an A4 page's height less its margins
        assert section["width"] <= 703
    pdf = tmp_path / "brief.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF")
