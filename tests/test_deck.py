"""The meeting deck, reopened as a user's PowerPoint would read it: one native chart per on-screen chart
panel with the same points, no line across a change of standard or the merger, sources under every
chart, every quote in the speaker notes, the figures as a table, and hostile text kept as plain text."""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import subprocess
from functools import partial

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from app import compare_year, deck, deck_charts, exports, queries
from app.charts import bars
from app.queries import Filters
from app.series_chart import drawn_points, series_lines
from etl.paths import PROJECT_DIR
from tests.test_dashboard import open_page

TITLE = "Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)"


@pytest.fixture
def on_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))
    return built_database


def make_deck(makers, language: str = "vi", filters: Filters | None = None) -> Presentation:
    address = "http://127.0.0.1/poverty?lang=vi"
    data = exports.deck_file(makers, "Tỷ lệ nghèo", filters or Filters(), language, address)
    return Presentation(io.BytesIO(data))


def series_deck(metric: str = "poverty_rate", language: str = "vi", filters: Filters | None = None):
    filters = filters or Filters()
    readings = queries.series(filters, metric)
    maker = partial(deck_charts.line_charts, readings, queries.poverty_standards(), language, TITLE)
    return make_deck([maker], language, filters), readings


def chart_slides(presentation: Presentation) -> list:
    return [slide for slide in presentation.slides if any(shape.has_chart for shape in slide.shapes)]


def chart_of(slide):
    return next(shape.chart for shape in slide.shapes if shape.has_chart)


def shape_text(slide, name: str) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.name == name)


def footnote_links(slide) -> list[str]:
    return [
        run.hyperlink.address
        for shape in slide.shapes
        if shape.name == "footnote"
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    ]


def pptx_lines(chart) -> list[tuple[str, dict[str, float]]]:
    categories = list(chart.plots[0].categories)
    return [
        (series.name, {year: value for year, value in zip(categories, series.values, strict=True) if value is not None})
        for series in chart.plots[0].series
    ]


def screen_lines(figure: dict, axis: str) -> list[tuple[str, dict[str, float]]]:
    return [
        (trace["name"], {str(year): value for year, value in zip(trace["x"], trace["y"], strict=True)})
        for trace in figure["data"]
        if trace.get("mode", "").startswith("lines") and trace.get("yaxis", "y") == axis
    ]


def close(first: dict[str, float], second: dict[str, float]) -> bool:
    return first.keys() == second.keys() and all(math.isclose(first[key], second[key]) for key in first)


# Lines over the years


def test_each_panel_of_the_series_chart_is_a_native_line_chart_with_the_same_points(on_built_database):
    presentation, readings = series_deck()
    figure = series_lines(readings, queries.poverty_standards(), "vi", TITLE).to_dict()
    axes = sorted({trace.get("yaxis", "y") for trace in figure["data"]}, key=lambda axis: (len(axis), axis))
    slides = chart_slides(presentation)
    assert len(slides) == len(axes) >= 2
    for slide, axis in zip(slides, axes, strict=True):
        chart = chart_of(slide)
        # A line chart (python-pptx calls it LINE once a series, the dotted join over missing years, has no marker).
        assert chart.chart_type in (XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE)
        drawn, on_screen = pptx_lines(chart), screen_lines(figure, axis)
        assert len(drawn) == len(on_screen)
        for (deck_name, deck_points), (screen_name, screen_points) in zip(drawn, on_screen, strict=True):
            assert deck_name == screen_name
            assert close(deck_points, screen_points), deck_name


def test_no_series_of_the_deck_joins_two_standards_or_the_two_sides_of_the_merger(on_built_database):
    presentation, readings = series_deck()
    drawn = drawn_points(readings)
    for slide in chart_slides(presentation):
        group_rows = drawn[drawn["fact_id"].isin(_fact_ids_in_notes(slide, drawn))]
        for name, values in pptx_lines(chart_of(slide)):
            rows = group_rows[group_rows["year"].astype(int).astype(str).isin(values)]
            rows = rows[[_line_name(row) == name for row in rows.to_dict("records")]]
            rows = rows[[math.isclose(row["value"], values[str(int(row["year"]))]) for row in rows.to_dict("records")]]
            assert len(rows) >= len(values), name
            assert rows["poverty_standard"].nunique(dropna=False) == 1 or len(values) == 1, name
            assert rows["merged_province"].nunique() == 1, name
    assert any(len(values) >= 2 for slide in chart_slides(presentation) for _, values in pptx_lines(chart_of(slide)))


def _line_name(row: dict) -> str:
    from app.series_chart import line_name

    return line_name(row, "vi")


def _fact_ids_in_notes(slide, drawn: pd.DataFrame) -> set[str]:
    notes = slide.notes_slide.notes_text_frame.text
    return {row["fact_id"] for row in drawn.to_dict("records") if row["quote"] in notes}


def test_every_chart_slide_names_its_sources_and_quotes_every_point(on_built_database):
    presentation, readings = series_deck()
    drawn = drawn_points(readings)
    quoted = 0
    listed = " ".join(shape_text(slide, "sources") for slide in presentation.slides)
    for slide in chart_slides(presentation):
        footnote = shape_text(slide, "footnote")
        notes = slide.notes_slide.notes_text_frame.text
        assert footnote.startswith("Nguồn (")
        panel_quotes = [row for row in drawn.to_dict("records") if f"“{row['quote']}”" in notes]
        assert panel_quotes
        numbers = re.findall(r"\[(\d+)\]", footnote)
        assert numbers
        for row in panel_quotes:
            # Under the chart in full when a few reports are behind it, else by number; always in full at the end.
            assert any(f"[{number}] {row['source_publisher']}" in listed for number in numbers), row["fact_id"]
            if len(numbers) <= deck.SOURCES_UNDER_CHART:
                assert row["source_publisher"] in footnote
            quoted += 1
        links = footnote_links(slide)
        assert set(links) <= set(drawn["source_url"].dropna())
        assert links
    assert quoted >= len(drawn)  # every drawn point's quote is in the notes of its panel's slide


def test_the_deck_opens_on_a_title_slide_and_ends_with_the_table_and_how_to_cite(on_built_database):
    presentation, readings = series_deck()
    slides = list(presentation.slides)
    cover = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "Tỷ lệ nghèo" in cover and "Long An" in cover and "Tiếng Việt" in cover and "lập ngày" in cover
    drawn = drawn_points(readings)
    points = len(drawn[drawn["beneficiary_group"].isin(deck_charts.panel_groups(drawn))])
    sources = drawn[drawn["beneficiary_group"].isin(deck_charts.panel_groups(drawn))]
    sources = sources.drop_duplicates(["source_title", "source_publisher", "source_url"])
    tables = [slide for slide in slides if any(shape.has_table for shape in slide.shapes)]
    expected = 1 + len(chart_slides(presentation)) + math.ceil(points / deck.TABLE_ROWS_PER_SLIDE)
    expected += math.ceil(len(sources) / deck.SOURCES_PER_SLIDE)
    assert len(slides) == expected
    table_rows = sum(len(next(shape for shape in slide.shapes if shape.has_table).table.rows) - 1 for slide in tables)
    assert table_rows == points
    assert "Trích dẫn" in shape_text(slides[-1], "citation") and "http://127.0.0.1/poverty" in shape_text(
        slides[-1], "citation"
    )


def test_an_english_view_gives_an_english_deck_with_english_numbers(on_built_database):
    presentation, _ = series_deck(language="en", filters=Filters(provinces=("Long An",)))
    cover = " ".join(shape.text_frame.text for shape in presentation.slides[0].shapes if shape.has_text_frame)
    assert "English" in cover and "made on" in cover
    labels = [
        paragraph.text
        for slide in chart_slides(presentation)
        for series in chart_of(slide).plots[0].series
        for point in range(len(series.values))
        if series.points[point].data_label.has_text_frame
        for paragraph in series.points[point].data_label.text_frame.paragraphs
    ]
    assert labels and all("," not in label for label in labels if label.endswith("%"))
    assert any("." in label for label in labels)
    assert shape_text(chart_slides(presentation)[0], "footnote").startswith("Sources (")


def test_every_run_of_text_is_in_a_font_with_vietnamese_letters(on_built_database):
    presentation, _ = series_deck()
    fonts = {
        run.font.name
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {deck.FONT_NAME}


# Rankings and bars


def test_a_ranking_slide_is_clustered_bars_with_every_province_and_the_country(on_built_database):
    rows = compare_year.ranking(Filters(), "poverty_rate", 2017)
    title = "Tỷ lệ hộ nghèo, năm 2017"
    presentation = make_deck([lambda: [compare_year.deck_chart(rows, 2017, "vi", title)]])
    chart = chart_of(chart_slides(presentation)[0])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    on_screen = compare_year.figure(rows, 2017, "vi", title).to_dict()["data"][0]
    values = chart.plots[0].series[0].values
    categories = list(chart.plots[0].categories)
    provinces = len(on_screen["y"])
    assert [value or 0 for value in values[:provinces]] == pytest.approx(on_screen["x"])
    assert all(name in category for name, category in zip(on_screen["y"], categories, strict=False))
    assert categories[provinces:] == ["Cả nước"]  # the dashed rule on screen is a grey bar in the deck
    # Of two readings as near (2016 and 2018), the earlier stands in.
    assert "(số năm 2016)" in " ".join(categories) and "(số năm 2018)" not in " ".join(categories)


def test_a_province_without_a_figure_keeps_its_row_and_says_why(on_built_database):
    rows = compare_year.ranking(Filters(), "poverty_rate", 2021)
    chart = chart_of(chart_slides(make_deck([lambda: [compare_year.deck_chart(rows, 2021, "vi", "t")]]))[0])
    missing = [
        category
        for category, value in zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True)
        if value is None
    ]
    assert missing and all(category.endswith("không có số liệu năm 2021 hay trong vòng 1 năm") for category in missing)


def test_bar_charts_of_every_figure_carry_the_bars_on_screen_with_targets_marked(on_built_database):
    rows = queries.chart_rows(Filters(provinces=("Long An",), categories=("poverty",)))
    presentation = make_deck([partial(deck_charts.bar_charts, rows, "vi", "Tỷ lệ", True)])
    on_screen = bars(rows, "vi", "Tỷ lệ", show_metric=True).to_dict()["data"]
    screen_values = [value for trace in on_screen for value in trace["x"]]
    deck_values = [value for slide in chart_slides(presentation) for value in chart_of(slide).plots[0].series[0].values]
    assert sorted(deck_values) == pytest.approx(sorted(screen_values))
    categories = [category for slide in chart_slides(presentation) for category in chart_of(slide).plots[0].categories]
    assert sorted(categories) == sorted(label for trace in on_screen for label in trace["y"])
    assert rows["is_target"].any() and any("(mục tiêu)" in category for category in categories)


# Bad input


def test_a_view_with_no_chart_gives_a_clear_message_instead_of_a_deck(on_built_database):
    with pytest.raises(deck.EmptyDeck, match="Không có biểu đồ nào"):
        exports.deck_file([], "Tỷ lệ nghèo", Filters(), "vi", "")
    with pytest.raises(deck.EmptyDeck, match="no chart"):
        exports.deck_file([lambda: []], "Poverty", Filters(), "en", "")


def test_hostile_text_from_a_report_stays_plain_text_in_the_deck(on_built_database):
    readings = queries.series(Filters(provinces=("Long An",)), "poverty_rate")
    hostile = "<script>alert('x')</script> =HYPERLINK(\"http://evil\") \x07bell {{title}}"
    readings = readings.assign(quote=hostile, source_title="<b>bold</b> & co", source_url="javascript:alert(1)")
    maker = partial(deck_charts.line_charts, readings, queries.poverty_standards(), "vi", "<i>title</i>")
    presentation = make_deck([maker])
    slide = chart_slides(presentation)[0]
    notes = slide.notes_slide.notes_text_frame.text
    assert "<script>alert('x')</script> =HYPERLINK(\"http://evil\")  bell {{title}}" in notes
    assert "<b>bold</b> & co" in notes
    assert "<i>title</i>" in [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert not footnote_links(slide)  # only web addresses become links


# In the dashboard


def test_topic_pages_offer_the_deck(dashboard):
    app = open_page(dashboard, "pages/poverty.py")
    assert "Tải bản trình chiếu PowerPoint" in [button.label for button in app.get("download_button")]
    assert app.radio(key="section") and app.radio(key="series")


def test_presenting_hides_every_control_that_is_not_part_of_the_story(dashboard):
    presenting = open_page(dashboard, "pages/poverty.py", present="1", section="ranking", rank_year="2017")
    assert not presenting.get("download_button")
    assert not [radio for radio in presenting.radio if radio.key in ("section", "series")]
    assert not [box for box in presenting.selectbox if box.key in ("rank_metric", "rank_year")]
    specs = [element.proto for element in presenting.get("plotly_chart")]
    assert specs and all('"displayModeBar": false' in spec.config for spec in specs)
    titles = [json.loads(spec.spec)["layout"]["title"]["text"] for spec in specs]
    assert any("năm 2017" in title for title in titles)  # what the hidden controls chose is in the title


def test_a_view_whose_filters_match_nothing_offers_no_deck(dashboard):
    app = open_page(dashboard, "pages/poverty.py", province="Long An", years="2010-2010")
    assert not [button for button in app.get("download_button") if "PowerPoint" in button.label]
    assert any("Không có số liệu" in info.value for info in app.info)


def test_the_profile_and_the_overview_offer_a_deck(dashboard):
    for page in ("pages/profile.py", "pages/overview.py"):
        app = open_page(dashboard, page)
        assert "Tải bản trình chiếu PowerPoint" in [button.label for button in app.get("download_button")], page


# LibreOffice


def test_libreoffice_converts_the_deck_to_pdf_with_vietnamese_text(on_built_database, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None and os.environ.get("CI"):
        pytest.fail("LibreOffice is not installed; .ci/run installs it with apt-get")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-impress-nogui); .ci/run installs it")
    presentation, _ = series_deck()
    path = tmp_path / "deck.pptx"
    presentation.save(path)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [office, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "deck.pdf"
    assert finished.returncode == 0 and pdf.exists(), finished.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    kept = PROJECT_DIR / "test-output" / "deck"
    kept.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, kept / "poverty-deck.pdf")  # for a person to look at
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Tỷ lệ hộ nghèo qua các năm" in text and "Trích dẫn" in text
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1) == str(len(presentation.slides))


# Ready to project: no local address, no overlapping labels, the rules drawn, sources readable, one language


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("", ""),
        ("http://localhost:8501", ""),
        ("http://127.0.0.1:8501/", ""),
        ("http://[::1]:8501", ""),
        ("https://dashboard.example.org/", "https://dashboard.example.org/poverty?lang=vi&section=series"),
    ],
)
def test_a_deck_cites_the_view_only_at_the_dashboards_public_address(monkeypatch, configured, expected):
    from app import page

    monkeypatch.setenv(page.PUBLIC_ADDRESS_VARIABLE, configured)
    assert page.public_address("/poverty", [("lang", "vi"), ("section", "series")]) == expected


def test_a_deck_without_a_public_address_cites_none(on_built_database):
    readings = queries.series(Filters(), "poverty_rate")
    maker = partial(deck_charts.line_charts, readings, queries.poverty_standards(), "vi", TITLE)
    presentation = Presentation(io.BytesIO(exports.deck_file([maker], "Tỷ lệ nghèo", Filters(), "vi", "")))
    text = " ".join(
        shape.text_frame.text for slide in presentation.slides for shape in slide.shapes if shape.has_text_frame
    )
    assert "http://127.0.0.1" not in text and "localhost" not in text
    assert "Trích dẫn: Giảm nghèo: so sánh 5 tỉnh" in text and "None" not in text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_two_labels_of_a_line_slide_overlap(on_built_database, language):
    presentation, _ = series_deck(language=language)
    for slide in chart_slides(presentation):
        chart = chart_of(slide)
        values = [value for series in chart.plots[0].series for value in series.values if value is not None]
        spacing = 0.05 * max(values)  # labels of 12 points need about this much of the axis apart
        labelled = [
            (point, series.values[point])
            for series in chart.plots[0].series
            for point in range(len(series.values))
            if series.points[point].data_label.has_text_frame and series.points[point].data_label.text_frame.text
        ]
        assert labelled, "a line slide labels its points"
        for index, (point, value) in enumerate(labelled):
            for other_point, other_value in labelled[index + 1 :]:
                assert abs(point - other_point) > 1 or abs(value - other_value) >= spacing, (point, other_point)


def test_the_standard_changes_and_the_merger_are_drawn_on_the_line_charts(on_built_database):
    presentation, readings = series_deck()
    slide = chart_slides(presentation)[0]
    chart = chart_of(slide)
    frame = next(shape for shape in slide.shapes if shape.has_chart)
    categories = list(chart.plots[0].categories)
    rules = sorted((shape for shape in slide.shapes if shape.name == "rule"), key=lambda shape: shape.begin_x)
    notes = [shape.text_frame.text for shape in slide.shapes if shape.name == "rule_note"]
    # The 2016 and 2022 standards and the merger, each a dotted rule between the right years, with its note.
    assert ["Từ 2016" in note or "Từ 2022" in note or "Sáp nhập" in note for note in notes] == [True] * 3
    left = frame.left + frame.width * deck.PLOT_AREA["x"]
    slot = frame.width * deck.PLOT_AREA["w"] / len(categories)
    between = [round((rule.begin_x - left) / slot) for rule in rules]
    assert between == [categories.index("2016"), categories.index("2022"), categories.index("2025")]
    assert all(rule.begin_x == rule.end_x for rule in rules)  # vertical
    # Each note beside its own rule: the merger's, at the right edge, stands above the plot and ends at its rule,
    # never inside the plot next to the 2022 rule.
    plot_top = frame.top + frame.height * deck.PLOT_AREA["y"]
    merger = next(shape for shape in slide.shapes if shape.name == "rule_note" and "Sáp nhập" in shape.text_frame.text)
    assert merger.top + merger.height <= plot_top + 1
    assert abs(merger.left + merger.width - rules[-1].begin_x) < deck.Inches(0.1)


def test_sources_are_readable_under_the_chart_and_in_full_at_the_end(on_built_database):
    presentation, _ = series_deck()
    for slide in chart_slides(presentation):
        sizes = {
            run.font.size.pt
            for shape in slide.shapes
            if shape.name == "footnote"
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        }
        assert min(sizes) >= 11
    listed = [shape for slide in presentation.slides for shape in slide.shapes if shape.name == "sources"]
    assert listed and all(
        run.font.size.pt >= 14
        for shape in listed
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    )
    assert all(len(shape.text_frame.paragraphs) <= deck.SOURCES_PER_SLIDE for shape in listed)


def test_an_english_deck_names_the_country_regions_and_special_cases_in_english(on_built_database):
    presentation, _ = series_deck(language="en")
    names = [series.name for slide in chart_slides(presentation) for series in chart_of(slide).plots[0].series]
    table = " ".join(
        cell.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in presentation.slides)
    for text in (" ".join(names), table, notes):
        assert "Cả nước" not in text and "Đồng bằng" not in text and "tỉnh mới" not in text
    assert "Viet Nam" in names and "Red River Delta" in names
    assert "Phú Thọ (merged province from 1 July 2025)" in names and "Hải Dương (living-standards survey)" in names
    assert "Phú Thọ (merged province from 1 July 2025)" in table


def test_the_merged_province_and_the_survey_rate_are_marked_in_the_vietnamese_deck_table(on_built_database):
    presentation, _ = series_deck()
    table = [
        [cell.text for cell in row.cells]
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    places = {row[0] for row in table}
    assert "Phú Thọ (tỉnh mới từ 1/7/2025)" in places and "Hải Dương (Khảo sát mức sống)" in places


@pytest.mark.parametrize("metric", ["poverty_rate", "credit_outstanding", "bhyt_population_coverage"])
def test_no_value_label_covers_a_marker_of_another_line(on_built_database, metric):
    """A label sits above or below its point, about LABEL_SPACING of the axis tall: no other line's marker (a
    province's or the country's) of that year may stand where it is written."""
    from pptx.enum.chart import XL_LABEL_POSITION

    readings = queries.series(Filters(), metric)
    for chart in deck_charts.line_charts(readings, queries.poverty_standards(), "vi", TITLE):
        top = max(value for series in chart.series for value in series.values if value is not None)
        height = deck.LABEL_SPACING * top
        labelled = deck.labelled_points(chart.series)
        assert labelled
        for index, points in labelled.items():
            for point, position in points.items():
                value = chart.series[index].values[point]
                low, high = (value - height, value) if position == XL_LABEL_POSITION.BELOW else (value, value + height)
                for other_index, other in enumerate(chart.series):
                    marker = other.values[point]
                    if other_index == index or other.connector or marker is None:
                        continue
                    assert not low < marker < high, (chart.series[index].name, chart.categories[point], other.name)


def test_a_point_off_the_scale_is_labelled_beside_it_clear_of_the_rules_notes(on_built_database):
    """The merged province's lone 18,620 bn stands at the top edge: its long "↑ off the scale" label goes right of
    it, where nothing else is written, not above it where the merger's note stands."""
    from pptx.enum.chart import XL_LABEL_POSITION

    readings = queries.series(Filters(categories=("credit",)), "credit_outstanding")
    [chart] = deck_charts.line_charts(readings, queries.poverty_standards(), "en", TITLE)
    labelled = deck.labelled_points(chart.series)
    off = [
        (index, point)
        for index, series in enumerate(chart.series)
        for point, flag in enumerate(series.off_scale)
        if flag
    ]
    assert off, "the merged province's point is off the scale"
    for index, point in off:
        assert "off the scale" in chart.series[index].texts[point]
        assert labelled[index][point] == XL_LABEL_POSITION.RIGHT


def test_bar_value_labels_are_no_taller_than_their_bars(on_built_database):
    """Forty bars on a slide: each value label fits the height of its bar, so labels never run into each other."""
    rows = queries.chart_rows(Filters(categories=("credit",)))
    presentation = make_deck([partial(deck_charts.bar_charts, rows, "en", "t")], "en")
    chart = next(shape.chart for slide in presentation.slides for shape in slide.shapes if shape.has_chart)
    series = chart.plots[0].series[0]
    bars_on_slide = len(series.values)
    assert bars_on_slide >= 30
    sizes = {
        run.font.size.pt
        for point in range(bars_on_slide)
        if series.points[point].data_label.has_text_frame
        for run in series.points[point].data_label.text_frame.paragraphs[0].runs
    }
    plot_points = 5.3 * 72  # the plot's height on the slide, in points
    assert sizes and max(sizes) <= plot_points / bars_on_slide
