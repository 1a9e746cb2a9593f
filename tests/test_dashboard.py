"""The dashboard driven as an analyst would: open pages, filter, switch language, read the numbers."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from etl.paths import DATA_DIR, PROJECT_DIR

PAGES = [
    "pages/overview.py",
    "pages/poverty.py",
    "pages/health_insurance.py",
    "pages/credit.py",
    "pages/support.py",
    "pages/explore.py",
    "pages/sources.py",
]


def open_page(app, page: str, **query: str | list[str]):
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page != PAGES[0]:
        app.switch_page(page)
        app.run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def chart_text(app) -> str:
    """Everything the page's charts carry (bars, labels, hover), as one string."""
    specs = (json.loads(element.proto.spec) for element in app.get("plotly_chart"))
    return " ".join(json.dumps(spec, ensure_ascii=False) for spec in specs)


def url_values(app, key: str) -> list[str]:
    value = app.query_params.get(key, [])
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(dashboard, page):
    app = open_page(dashboard, page)
    assert app.title, "the page has a title"
    assert app.get("plotly_chart") or app.dataframe or app.metric


def test_poverty_page_shows_long_an_rate(dashboard):
    app = open_page(dashboard, "pages/poverty.py", province="Long An", section="figures")
    charts = chart_text(app)
    assert "0,75%" in charts and "1,86%" in charts
    assert "Long An (tỉnh) · 1/2024" in charts
    assert "Kiến Xương" not in charts


def test_poverty_page_puts_target_beside_result_and_shows_change(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="figures")
    charts = chart_text(app)
    assert "Hải Dương (tỉnh) · 2023" in charts and "mục tiêu" in charts
    changes = app.dataframe[0].value
    kien_xuong = changes[changes.iloc[:, 0] == "Kiến Xương (huyện)"]
    assert kien_xuong.iloc[0, 2].startswith("2,08% (2022") and kien_xuong.iloc[0, 3].startswith("1,72% (3/2024")
    assert kien_xuong.iloc[0, 4] == "-0,36"


def test_a_filter_changes_the_figures(dashboard):
    app = open_page(dashboard, "pages/explore.py")
    everything = len(app.dataframe[0].value)
    app.multiselect(key="filter_provinces").set_value(["Phú Thọ"]).run()
    phu_tho = app.dataframe[0].value
    assert 0 < len(phu_tho) < everything
    assert set(phu_tho["Tỉnh (theo báo cáo)"]) == {"Phú Thọ"}
    assert url_values(app, "province") == ["Phú Thọ"]
    # The filters sit behind a button; what they hold is written under it.
    assert "Tỉnh: Phú Thọ" in [caption.value for caption in app.sidebar.caption]


def test_a_filter_that_matches_nothing_says_so(dashboard):
    # A card metric on the poverty page: nothing can match, whatever the corpus holds.
    app = open_page(dashboard, "pages/poverty.py", metric="bhyt_cards")
    assert any("Không có số liệu nào khớp" in info.value for info in app.info)
    assert not app.get("plotly_chart")


def test_language_switch_changes_labels_and_number_format(dashboard):
    app = open_page(dashboard, "pages/health_insurance.py", province="Thái Bình", section="figures")
    assert app.title[0].value == "Bảo hiểm y tế"
    assert "1.574" in chart_text(app)
    app.radio(key="language").set_value("en").run()
    assert app.title[0].value == "Health insurance"
    charts = chart_text(app)
    assert "1,574" in charts and "> VND 1.4 bn" in charts and "BHYT cards by beneficiary group" in charts
    assert url_values(app, "lang") == ["en"]


def test_bhyt_cards_of_long_an_near_poor_people_in_2023(dashboard):
    app = open_page(dashboard, "pages/health_insurance.py", province="Long An", group="near_poor", section="figures")
    charts = chart_text(app)
    assert "> 28.800" in charts and "Long An (tỉnh) · 2023" in charts
    assert "hơn 28.800" in charts  # the quote travels with the bar


def test_credit_for_newly_escaped_households(dashboard):
    app = open_page(dashboard, "pages/credit.py", group="newly_escaped", section="figures")
    charts = chart_text(app)
    assert "≈ 196 tỷ đồng" in charts and "536 tỷ đồng" in charts
    assert "Kiến Xương (huyện) · 2023" in charts and "Long An (tỉnh) · 1/2023–5/2024" in charts


def test_cost_per_card_is_derived_and_marked(dashboard):
    app = open_page(dashboard, "pages/health_insurance.py", province="Thái Bình", section="figures")
    assert "Kinh phí bình quân một thẻ (tính toán)" in chart_text(app)
    assert any("Tính từ hai số liệu" in caption.value for caption in app.caption)


def test_unknown_or_hostile_url_values_are_ignored(dashboard):
    app = open_page(dashboard, "pages/explore.py", province=["'; DROP TABLE facts; --", "Long An", "Atlantis"])
    assert set(app.dataframe[0].value["Tỉnh (theo báo cáo)"]) == {"Long An"}
    assert url_values(app, "province") == ["Long An"]


def test_overview_cards_compare_the_provinces_in_one_year_under_one_standard(dashboard, built_database):
    from app import compare_year, queries
    from app.queries import Filters

    app = open_page(dashboard, "pages/overview.py")
    cards = dict(compare_year.cards(Filters(), "vi"))
    poverty = cards["poverty"]
    year = int(poverty.title.split("năm ")[1][:4])
    standard = queries.standard_in_force(year)
    label = queries.poverty_standards().set_index("poverty_standard").loc[standard, "label_vi"]
    assert poverty.title.endswith(label)
    assert sorted(poverty.rows["place"]) == sorted(queries_five())
    with duckdb.connect(str(built_database), read_only=True) as connection:
        drawn = connection.execute(
            "SELECT province, value_text_vi FROM figures WHERE metric = 'poverty_rate' AND beneficiary_group = 'all' "
            "AND area_level = 'province' AND series_choice = 1 AND NOT is_target AND NOT merged_province "
            "AND year = ? AND poverty_standard = ?",
            [year, standard],
        ).fetchall()
    shown = dict(zip(poverty.rows["place"], poverty.rows["value_text"], strict=True))
    assert {province: shown[province] for province, _ in drawn} == dict(drawn)
    # A province without the year shows its nearest reading within the window, with that reading's own year.
    for province, value in shown.items():
        if province not in dict(drawn):
            assert value == "—" or re.search(rf"\(({year - 1}|{year + 1})\)$", value), (province, value)
    on_screen = [markdown.value for markdown in app.markdown]
    assert all(f"**{province}**" in on_screen for province in shown)  # every province of the card is on screen
    written = [value.replace("\\", "") for value in on_screen if value.startswith("#### ")]
    assert all(f"#### {value}" in written for value in shown.values() if value != "—")
    assert not any("Nghệ An" in value for value in on_screen)  # only the provinces compared


def queries_five() -> list[str]:
    return ["An Giang", "Hải Dương", "Long An", "Phú Thọ", "Thái Bình"]


def test_presentation_mode_hides_the_filters_but_keeps_them(dashboard):
    app = open_page(dashboard, "pages/explore.py", province="Long An")
    assert app.sidebar.multiselect
    app.toggle(key="presenting").set_value(True).run()
    assert not app.sidebar.multiselect
    assert set(app.dataframe[0].value["Tỉnh (theo báo cáo)"]) == {"Long An"}


def test_a_missing_database_is_built_on_first_start(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.paths import PROJECT_DIR

    database = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("POVERTY_DB", str(database))
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    assert database.exists() and [markdown for markdown in app.markdown if markdown.value.startswith("#### ")]


@pytest.mark.parametrize("page", ["pages/credit.py", "pages/poverty.py"])
def test_charts_are_large_and_coloured_per_province(dashboard, page):
    app = open_page(dashboard, page, section="figures")
    specs = [json.loads(element.proto.spec) for element in app.get("plotly_chart")]
    assert all(spec["layout"]["font"]["size"] >= 18 for spec in specs)
    colours = {
        (trace["name"], trace["marker"]["color"])
        for spec in specs
        for trace in spec["data"]
        if trace.get("name") in ("Long An", "Thái Bình")
    }
    assert colours == {("Long An", "#CC79A7"), ("Thái Bình", "#0072B2")}


def test_a_database_that_cannot_be_written_is_explained_not_raised(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.paths import PROJECT_DIR

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    monkeypatch.setenv("POVERTY_DB", str(blocker / "poverty.duckdb"))
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    assert "could not be built" in app.error[0].value or "Không tạo được" in app.error[0].value
    assert "writing" in app.code[0].value and "poverty.duckdb failed" in app.code[0].value


def test_the_sources_page_shows_published_articles_plainly(dashboard):
    app = open_page(dashboard, "pages/sources.py")
    lines = [element.value for element in app.text]
    assert lines and not any("nan" in line.split(" · ") for line in lines), lines
    assert any(line.endswith(" · tiếng Việt") for line in lines)  # the language as printed, in words
    captions = [caption.value for caption in app.caption]
    assert any(caption == "bài đã đăng, xem tại địa chỉ nguồn" for caption in captions)
    assert any(header.value == "Các báo cáo nói khác nhau" for header in app.header)


def test_table_cells_are_shown_whole_not_cut(dashboard):
    """Each text column is as wide as its longest cell (up to a limit), and the short table of what can be compared
    wraps its cells: "Vốn Chương trình MTQG giảm nghèo bền vững…" is read whole, not cut to "giảm nghèo bền v…"."""
    from app.page import CHARACTER_WIDTH, WIDEST_COLUMN

    app = open_page(dashboard, "pages/explore.py")
    table = app.dataframe[0]
    widths = json.loads(table.proto.columns)
    frame = table.value
    checked = 0
    for column in frame.columns:
        texts = [text for text in frame[column] if isinstance(text, str)]
        if not texts or column not in widths or widths[column].get("hidden"):
            continue
        longest = max(len(text) for text in [*texts, str(column)])
        assert widths[column]["width"] >= min(WIDEST_COLUMN, CHARACTER_WIDTH * longest), column
        checked += 1
    assert checked >= 3
    coverage = open_page(dashboard, "pages/coverage.py")
    comparable = coverage.table[0].value
    assert "Vốn Chương trình MTQG giảm nghèo bền vững đã giải ngân" in comparable.to_string()
    matrix = next(frame for frame in coverage.dataframe if "2015" in map(str, frame.value.columns))
    places = json.loads(matrix.proto.columns)["_index"]
    assert places["width"] >= CHARACTER_WIDTH * len("Bắc Trung Bộ và duyên hải miền Trung")


def test_a_vietnamese_source_card_shows_the_reviewers_note_in_vietnamese_or_says_it_is_english_only(
    data_dir, tmp_path, monkeypatch
):
    from streamlit.testing.v1 import AppTest

    from etl.build import run
    from tests.helpers import read_csv, write_csv

    notes = read_csv(data_dir / "source_notes_vi.csv")
    write_csv(
        data_dir / "source_notes_vi.csv", [note for note in notes if not note["source_id"].startswith("national-")]
    )
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    app = open_page(
        AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60), "pages/sources.py", lang="vi"
    )
    app.text_input(key="source_search").set_value("Kiến Xương").run()
    captions = [caption.value for caption in app.caption]
    assert any(caption.startswith("Ghi chú của người biên tập: Ngày giờ như in dưới tiêu đề") for caption in captions)
    assert not any("Date and time as printed" in caption for caption in captions)
    app.text_input(key="source_search").set_value("national-vietnamplus").run()
    notes_shown = [expander.label for expander in app.expander]
    assert notes_shown and all("Ghi chú biên tập chỉ có bằng tiếng Anh" in label for label in notes_shown)


def test_every_reviewers_note_shipped_exists_in_vietnamese():
    from tests.helpers import read_csv

    in_vietnamese = {row["source_id"]: row["note_vi"] for row in read_csv(DATA_DIR / "source_notes_vi.csv")}
    for source in read_csv(DATA_DIR / "sources.csv"):
        if source["note"].strip():
            assert in_vietnamese.get(source["source_id"], "").strip(), source["source_id"]


def test_a_vietnamese_note_of_no_source_is_refused(data_dir, tmp_path):
    from etl.build import BuildFailed, run
    from tests.helpers import read_csv, write_csv

    notes = read_csv(data_dir / "source_notes_vi.csv")
    write_csv(data_dir / "source_notes_vi.csv", [*notes, {"source_id": "khong-co", "note_vi": "Ghi chú."}])
    with pytest.raises(BuildFailed) as failure:
        run(data_dir, tmp_path / "poverty.duckdb", say=lambda _: None)
    assert any("khong-co" in str(problem) for problem in failure.value.problems)
