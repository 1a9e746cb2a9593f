"""One answer per question, on the shipped data: a year counted as comparable is a year the ranking compares,
a chart's CSV says exactly what the chart draws, and a point is cited to one report — the most authoritative —
on screen, in its tooltip, its CSV, the deck and the brief."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from pptx import Presentation

from app import brief, charts, compare_year, deck_charts, exports, labels, queries
from app.queries import Filters
from app.series_chart import series_lines
from etl import coverage as coverage_matrices
from etl.build import BuildFailed, run
from tests.helpers import read_csv, write_csv
from tests.test_dashboard import open_page
from tests.test_series import drawn_fact_ids

TIER_ORDER = {"official": 0, "domestic_press": 1, "foreign": 2}


@pytest.fixture
def on_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))
    return built_database


def provinces_compared(metric: str, year: int) -> list[str]:
    ranked = compare_year.ranking(Filters(), metric, year)
    return ranked.loc[(ranked["place_level"] == "province") & ranked["value"].notna(), "place"].tolist()


# 1. One answer per question


def test_a_year_counted_as_comparable_is_one_the_ranking_compares(on_built_database, capsys):
    comparable = queries.comparable_years()
    for row in comparable.itertuples():
        assert set(row.years) <= set(row.years_within)
        for year in row.years_within:
            compared = provinces_compared(row.metric, year)
            assert len(compared) >= coverage_matrices.COMPARABLE_PROVINCES, (row.metric, year, compared)
    # Hải Dương's only 2023 rate is the living-standards survey's: never beside the review's rates.
    poverty_years = comparable.set_index("metric").loc["poverty_rate", "years"]
    assert 2023 not in poverty_years
    for metric in comparable["metric"]:
        for year in compare_year.ranking_years(Filters(), metric):
            assert len(provinces_compared(metric, year)) >= 2, (metric, year)
    coverage_matrices.run(on_built_database)
    printed = capsys.readouterr().out
    line = next(line for line in printed.splitlines() if re.match(r"\s+poverty\s+poverty_rate\s", line))
    exactly, within = line.split("within")
    assert exactly.rstrip().endswith(", ".join(map(str, poverty_years))) and "2023" not in exactly
    within_years = comparable.set_index("metric").loc["poverty_rate", "years_within"]
    assert within.rstrip().endswith(", ".join(map(str, within_years)))


def test_the_overview_cards_compare_only_what_the_ranking_compares(on_built_database):
    for topic, card in compare_year.cards(Filters(), "en"):
        if card.rows is None:
            continue
        year = int(re.search(r"\b(20\d\d)\b", card.title).group(1))
        with_value = card.rows.loc[card.rows["value_text"] != "—", "place"].tolist()
        metric = next(
            metric
            for metric in queries.headline_metrics().query("category == @topic")["metric"]
            if queries.metric_labels("en")[metric] in card.title
        )
        assert sorted(with_value) == sorted(provinces_compared(metric, year)), topic


def test_a_survey_figure_is_marked_wherever_every_figure_draws_it(on_built_database):
    filters = Filters(categories=("poverty",), metrics=("poverty_rate",), provinces=("Hải Dương",))
    rows = queries.chart_rows(filters)
    survey = set(rows.loc[rows["survey_measure"].astype(bool), "fact_id"])
    assert survey, "Hải Dương's 2023 survey rate is in the corpus"
    for language, words in (("vi", "Khảo sát mức sống"), ("en", "living-standards survey")):
        figure = charts.bars(rows, language, "t").to_dict()
        for trace in figure["data"]:
            for label, data in zip(trace["y"], trace["customdata"], strict=True):
                assert (words in label) == (data[0] in survey), label
        for chart in deck_charts.bar_charts(rows, language, "t"):
            for category, fact_id in zip(chart.categories, chart.readings["fact_id"], strict=True):
                assert (words in category) == (fact_id in survey), category


# 2. Exports say what was drawn


def csv_rows(readings: pd.DataFrame, language: str) -> list[dict[str, str]]:
    """The CSV the download button of a chart of lines gives."""
    return list(csv.DictReader(io.StringIO(exports.series_csv(readings, language).decode("utf-8-sig"))))


@pytest.mark.parametrize("metric", ["credit_outstanding", "poverty_rate", "bhyt_population_coverage"])
def test_a_chart_csv_marks_as_drawn_exactly_the_points_on_the_chart(on_built_database, metric):
    readings = queries.series(Filters(), metric)
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    rows = csv_rows(readings, "vi")
    assert {row["Mã số liệu"] for row in rows if row["Trên biểu đồ"] == "có"} == set(drawn_fact_ids(figure))
    assert len([row for row in rows if row["Trên biểu đồ"] == "có"]) == len(drawn_fact_ids(figure))


def test_money_in_a_chart_csv_is_whole_dong_and_every_word_is_in_the_files_language(on_built_database):
    readings = queries.series(Filters(), "credit_outstanding")
    for language, value_header, unit_header in (
        ("vi", "Giá trị (đơn vị gốc)", "Đơn vị"),
        ("en", "Value (base unit)", "Unit"),
    ):
        rows = csv_rows(readings, language)
        money = [row for row in rows if row[unit_header] == labels.unit_name("VND", language)]
        assert money
        assert all(re.fullmatch(r"\d+", row[value_header]) for row in money), [row[value_header] for row in money]
    # Every figure of the corpus through the chart exporter: no English placeholder in the Vietnamese file.
    everything = queries.run_query("SELECT * FROM figures")
    vietnamese = exports.chart_csv(everything, "vi").decode("utf-8-sig")
    assert "Not named in the text" not in vietnamese
    assert labels.text("publisher_not_named", "vi") in vietnamese


# 3. One source per point, everywhere, and the right one


def test_a_point_given_by_several_reports_is_cited_to_the_official_one_then_the_domestic_press(
    on_built_database,
):
    tiers = {row["publisher"]: TIER_ORDER[row["tier"]] for row in read_csv(data_path("publishers.csv"))}
    figures = queries.run_query(
        "SELECT * FROM figures WHERE series_choice IS NOT NULL AND year(period_end) = year"
    ).assign(tier=lambda frame: frame["source_publisher"].map(tiers))
    keys = [
        "province",
        "area",
        "area_level",
        "merged_province",
        "metric",
        "beneficiary_group",
        "is_target",
        "poverty_standard",
        "year",
        "period_end",
    ]
    latest = figures[figures["period_end"] == figures.groupby(keys[:-1], dropna=False)["period_end"].transform("max")]
    for _, point in latest.groupby(keys, dropna=False):
        cited = point[point["series_choice"] == 1]
        if len(cited):
            assert int(cited["tier"].iloc[0]) == int(point["tier"].min()), point[["fact_id", "source_publisher"]]
    # The country's 2019 poverty rate is given by VTV and by RFA: VTV is cited.
    national = figures[(figures["area_level"] == "country") & (figures["metric"] == "poverty_rate")]
    assert national.loc[(national["year"] == 2019) & (national["series_choice"] == 1), "source_publisher"].tolist() == [
        "VTV (Đài Truyền hình Việt Nam)"
    ]


def data_path(name: str):
    from etl.paths import DATA_DIR

    return DATA_DIR / name


def test_every_publisher_of_a_report_is_classified_or_the_build_says_which(data_dir, tmp_path):
    publishers = read_csv(data_dir / "publishers.csv")
    assert {row["publisher"] for row in read_csv(data_dir / "sources.csv")} <= {row["publisher"] for row in publishers}
    write_csv(data_dir / "publishers.csv", [row for row in publishers if row["publisher"] != "RFA Tiếng Việt"])
    database = tmp_path / "poverty.duckdb"
    with pytest.raises(BuildFailed) as failure:
        run(data_dir, database, say=lambda _: None)
    assert any(
        "RFA Tiếng Việt" in str(problem) and "publishers.csv" in str(problem) for problem in failure.value.problems
    )
    assert not database.exists()


def cited(reading: pd.Series | dict, language: str) -> str:
    return labels.citation(reading, language)


def test_a_point_cites_the_same_report_on_screen_in_its_tooltip_csv_deck_and_brief(on_built_database):
    """Long An's 2023 poverty rate, 0,75 %, is printed by four reports: every output names the same one, by
    title, publisher and date, never by an internal id."""
    language = "vi"
    ranked = compare_year.ranking(Filters(), "poverty_rate", 2023)
    point = ranked[ranked["place"] == "Long An"].iloc[0]
    assert point["value"] == 0.75
    citation = cited(point, language)
    assert point["source_title"] in citation and point["source_publisher"] in citation
    assert point["source_id"] not in citation and point["fact_id"] not in citation

    # The ranking's tooltip.
    figure = compare_year.figure(ranked, 2023, language, "t").to_dict()
    trace = figure["data"][0]
    hover = trace["hovertext"][trace["y"].index("Long An")]
    assert citation in hover
    # The lines over the years: the hover of the point drawn for Long An in 2023.
    readings = queries.series(Filters(), "poverty_rate")
    lines = series_lines(readings, queries.poverty_standards(), language, "t").to_dict()
    hovers = {data[0]: data[1] for trace in lines["data"] for data in trace.get("customdata", [])}
    assert point["fact_id"] in hovers and citation in hovers[point["fact_id"]]
    # The chart's CSV: the drawn row of that point.
    rows = csv_rows(readings, language)
    drawn = [row for row in rows if row["Mã số liệu"] == point["fact_id"]]
    assert drawn and drawn[0]["Trên biểu đồ"] == "có"
    # The deck: the data table's row of that point cites the same publisher.
    data = exports.deck_file(
        [lambda: deck_charts.line_charts(readings, queries.poverty_standards(), language, "t")],
        "t",
        Filters(),
        language,
        "",
    )
    table_rows = [
        [cell.text for cell in row.cells]
        for slide in Presentation(io.BytesIO(data)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    long_an = [row for row in table_rows if row[0].startswith("Long An") and row[1].endswith("2023")]
    assert long_an and point["source_publisher"] in long_an[0][-1]
    # The every-figure chart and the brief draw that point once, cited to the same report.
    every = queries.chart_rows(Filters(provinces=("Long An",), metrics=("poverty_rate",), year_from=2023, year_to=2023))
    same_point = every[(every["period_end"] == point["period_end"]) & (every["area_level"] == "province")]
    assert same_point["fact_id"].tolist() == [point["fact_id"]]
    html = brief.brief_html(Filters(provinces=("Long An",), metrics=("poverty_rate",)), language).decode("utf-8")
    assert point["source_title"] in html


@pytest.mark.parametrize("language, words", [("vi", "nguồn nước ngoài"), ("en", "foreign source")])
def test_a_point_only_a_foreign_outlet_gives_is_marked_on_the_sources_page_and_in_the_deck(
    dashboard, on_built_database, language, words
):
    app = open_page(dashboard, "pages/sources.py", lang=language)
    app.text_input(key="source_search").set_value("China.org.cn").run()
    texts = [str(element.value) for kind in ("caption", "markdown", "text") for element in app.get(kind)]
    assert any(words in text and "China.org.cn" in text for text in texts)
    # The country's BHYT coverage of 2015 and 2021 is given only by the ISSA: its deck marks that source.
    rows = queries.chart_rows(Filters(levels=("country",), metrics=("bhyt_population_coverage",)))
    assert (rows["source_tier"] == "foreign").any()
    data = exports.deck_file([lambda: deck_charts.bar_charts(rows, language, "t")], "t", Filters(), language, "")
    texts = [
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(data)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(words in line and "ISSA" in line for text in texts for line in text.splitlines())
    # A domestic report is never marked so.
    assert not any(words in line and "Hanoitimes" in line for text in texts for line in text.splitlines())


def provenance_of_a_table_row() -> None:
    """A selected row of a figures table opens its sentence and source, as the pages do."""
    from app import page, queries
    from app.queries import Filters

    class View:
        language = "vi"

    rows = queries.table_page(Filters(provinces=("Long An",), metrics=("poverty_rate",)), "vi")
    page.provenance(rows[rows["fact_id"] == "longan-nld-2024-07"], View())


def test_a_selected_row_names_its_report_by_title_publisher_and_date_never_by_id(on_built_database):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(provenance_of_a_table_row, default_timeout=60).run()
    assert not app.exception
    captions = [caption.value for caption in app.caption]
    source = next(caption for caption in captions if caption.startswith("Nguồn"))
    assert "Báo Người Lao Động" in source and "longan-nld" not in source
    assert re.search(r"\d\d/\d\d/20\d\d", source)
    assert [button.label for button in app.get("link_button")] == ["Mở bài nguồn"]
