"""Series over the years, the ranking of one year, the coverage view and the province profile, as an analyst
meets them: one value a year by a rule, no line across a break, shared axes, numbers in the chosen language,
downloads equal to what is drawn, and views that a copied link reopens."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pandas as pd
import pytest

from app import compare_year, exports, queries
from app.queries import Filters
from app.series_chart import drawn_points, series_lines
from etl import coverage as coverage_matrices
from etl.build import BuildFailed, run
from tests.corpus import add_article, classify_publisher, fact, web_source
from tests.test_dashboard import open_page

SERIES_PAGES = ("poverty", "health_insurance", "credit", "profile")


@pytest.fixture
def on_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))
    return built_database


def figure_specs(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("plotly_chart")]


def series_specs(app) -> list[dict]:
    return [spec for spec in figure_specs(app) if any(trace["type"] == "scatter" for trace in spec["data"])]


def point_traces(spec: dict) -> list[dict]:
    """The traces that draw readings (not the rings of disagreement, nor the dotted joins over missing years)."""
    return [trace for trace in spec["data"] if trace.get("mode", "").startswith("lines+markers")]


def drawn_fact_ids(spec: dict) -> list[str]:
    return [point[0] for trace in point_traces(spec) for point in trace["customdata"]]


def facts_of(database, fact_ids: list[str]) -> pd.DataFrame:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "SELECT * FROM figures WHERE list_contains($ids, fact_id)", {"ids": list(fact_ids)}
        ).df()


# One value a year, by the documented rule


def rule_key(row: pd.Series) -> tuple:
    """etl/figures.sql's rule written again in Python: the largest key is drawn."""
    published = row["source_publication_date"]
    if pd.isna(published):
        published = row["source_published_not_before"]
    return (
        pd.Timestamp(row["period_end"]).year == row["year"],  # dated in the year over carried from the next
        row["period_end"],
        -{"official": 0, "foreign": 2}.get(row["source_tier"], 1),  # official, the domestic press, foreign
        row["qualifier"] == "exact",
        pd.Timestamp(published) if pd.notna(published) else pd.Timestamp.min,
        tuple(-ord(character) for character in row["fact_id"]),
    )


def test_every_year_with_several_readings_draws_the_one_the_rule_picks(built_database):
    with duckdb.connect(str(built_database), read_only=True) as connection:
        readings = connection.execute("SELECT * FROM figures WHERE series_choice IS NOT NULL").df()
    point = ["province", "area", "area_level", "merged_province", "metric", "beneficiary_group", "is_target"]
    point += ["poverty_standard", "year"]
    several = 0
    for _, same_year in readings.groupby(point, dropna=False):
        assert sorted(same_year["series_choice"]) == list(range(1, len(same_year) + 1))
        expected = max(same_year.itertuples(index=False), key=lambda row: rule_key(pd.Series(row._asdict())))
        assert same_year.loc[same_year["series_choice"] == 1, "fact_id"].item() == expected.fact_id
        several += len(same_year) > 1
    assert several >= 10  # the corpus has many years read in more than one report


def test_the_rule_prefers_year_end_then_official_then_domestic_then_exact_then_latest(data_dir, tmp_path):
    """Six readings of Long An's 2019 rate; each step of the rule decides once. Who publishes is read from
    publishers.csv, not guessed from the address."""
    classify_publisher(data_dir, "Cổng thông tin thử", "official")
    classify_publisher(data_dir, "Báo nước ngoài thử", "foreign")
    portal = {"publisher": "Cổng thông tin thử"}
    add_article(
        data_dir, web_source("mid-year"), [fact("mid-year", 1, period_end="2019-06-30", period_start="2019-06-30")]
    )
    add_article(data_dir, web_source("press"), [fact("press", 1)])
    add_article(
        data_dir,
        web_source(
            "abroad", url="https://example.com/a.html", publication_date="2020-06-01", publisher="Báo nước ngoài thử"
        ),
        [fact("abroad", 1)],
    )
    add_article(data_dir, web_source("portal", url="https://example.vn/a.html", **portal), [fact("portal", 1)])
    add_article(
        data_dir,
        web_source("portal-about", url="https://example.vn/b.html", publication_date="2020-05-01", **portal),
        [fact("portal-about", 1, qualifier="about", quote="khoảng 1,75%", note="qualifier: khoảng")],
    )
    add_article(
        data_dir,
        web_source("portal-later", url="https://example.vn/c.html", publication_date="2020-03-01", **portal),
        [fact("portal-later", 1)],
    )
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    with duckdb.connect(str(database), read_only=True) as connection:
        order = connection.execute(
            "SELECT source_id FROM figures WHERE source_id IN ('mid-year', 'press', 'abroad', 'portal', "
            "'portal-about', 'portal-later') ORDER BY series_choice"
        ).fetchall()
    expected = ["portal-later", "portal", "portal-about", "press", "abroad", "mid-year"]
    assert [source for (source,) in order] == expected


# Lines never cross a break


def every_series_spec(app) -> list[dict]:
    """The line charts of a page: each metric of its series picker in turn, or the profile's lines."""
    picker = [widget for widget in app.radio if widget.key == "series"]
    if not picker:
        return series_specs(app)
    specs = []
    for metric in picker[0].options:
        app.session_state["series"] = next(
            code
            for code in queries.series_metrics(Filters(), tuple(queries.options()["metrics"]["metric"]))
            if queries.options()["metrics"].set_index("metric").loc[code, "label_vi"] == metric
        )
        app.run()
        specs += series_specs(app)
    return specs


@pytest.mark.parametrize("page", SERIES_PAGES)
def test_no_line_joins_two_standards_or_the_two_sides_of_the_merger(dashboard, built_database, on_built_database, page):
    app = open_page(dashboard, f"pages/{page}.py")
    specs = every_series_spec(app)
    assert specs
    for spec in specs:
        for trace in point_traces(spec):
            facts = facts_of(built_database, [point[0] for point in trace["customdata"]])
            assert len(facts) == len(trace["customdata"])
            assert facts["poverty_standard"].nunique(dropna=False) == 1, trace["name"]
            assert facts["merged_province"].nunique() == 1, trace["name"]
            assert list(trace["x"]) == sorted(set(trace["x"])), "one value a year"


def test_the_poverty_lines_break_where_the_standard_changes_and_say_so(on_built_database):
    readings = queries.series(Filters(), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    standards = drawn_points(readings).set_index("fact_id")["poverty_standard"]
    long_an = [trace for trace in point_traces(figure) if trace["name"] == "Long An"]
    by_standard: dict[str, list[int]] = {}
    for trace in long_an:  # a trace never holds two standards; 2016–2021 and 2022–2024 are apart
        held = {standards[point[0]] for point in trace["customdata"]}
        assert len(held) == 1, held
        by_standard.setdefault(held.pop(), []).extend(trace["x"])
    assert max(by_standard["multidimensional_2016_2020"]) < min(by_standard["multidimensional_2022_2025"])
    joins = [trace for trace in figure["data"] if trace["name"] == "Long An" and trace["mode"] == "lines"]
    assert all(not (trace["x"][0] < 2021.5 < trace["x"][1]) for trace in joins)  # no join across the rule
    notes = [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert "Từ 2022:<br>chuẩn 2022–2025" in notes
    rules = {shape["x0"] for shape in figure["layout"]["shapes"]}
    assert 2021.5 in rules


def test_a_merged_province_is_a_line_of_its_own_after_a_marked_merger(data_dir, tmp_path, monkeypatch):
    source = web_source("merged", province="Phú Thọ", publication_date="2025-12-20")
    text = "Tỷ lệ 3,21% rồi 2,5% và 4,49%."

    def yearly_rate(number: int, year: int, quote: str, merged: str) -> dict[str, str]:
        return fact(
            "merged",
            number,
            province="Phú Thọ",
            area="Phú Thọ",
            period_start=f"{year}-01-01",
            period_end=f"{year}-12-31",
            merged_province=merged,
            value=quote.rstrip("%").replace(",", "."),
            quote=quote,
            quote_offset=str(text.index(quote)),
        )

    rows = [
        yearly_rate(1, 2024, "3,21%", "true"),
        yearly_rate(2, 2025, "2,5%", "true"),
        yearly_rate(3, 2023, "4,49%", ""),
    ]
    add_article(data_dir, source, rows, text=text)
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    queries.close_connections()
    readings = queries.series(Filters(provinces=("Phú Thọ",)), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    names = {trace["name"]: trace for trace in figure["data"]}
    merged = names["Phú Thọ (tỉnh mới từ 1/7/2025)"]
    assert merged["x"] == [2024, 2025] and merged["line"]["dash"] == "dash"
    assert 2024 not in names["Phú Thọ"]["x"]
    assert "Sáp nhập tỉnh 1/7/2025" in [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert 2024.5 in {shape["x0"] for shape in figure["layout"]["shapes"]}  # between the 2024 and 2025 points


def test_a_merged_flag_on_a_country_figure_is_refused(data_dir, tmp_path):
    row = fact("national", 1, province="", area="Cả nước", area_level="country", merged_province="true")
    add_article(data_dir, web_source("national", province=""), [row])
    with pytest.raises(BuildFailed) as refused:
        run(data_dir, tmp_path / "poverty.duckdb", say=lambda _: None)
    assert any(problem.field == "merged_province" for problem in refused.value.problems)


# Axes and numbers


def test_panels_share_one_axis_and_rates_start_at_zero_unless_the_chart_says_otherwise(on_built_database):
    readings = queries.series(Filters(), "poverty_rate")
    layout = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()["layout"]
    ranges = [layout[name]["range"] for name in layout if name.startswith("yaxis")]
    assert len(ranges) >= 2 and all(axis == ranges[0] for axis in ranges)
    assert ranges[0][0] == 0 and ranges[0][1] >= drawn_points(readings)["value"].max()
    # BHYT coverage runs from 85 to 95 %: from zero the provinces would overlap in a band at the top, so the
    # axis starts near the lowest value and the chart says so.
    coverage = queries.series(Filters(), "bhyt_population_coverage")
    figure = series_lines(coverage, queries.poverty_standards(), "en", "t").to_dict()
    low, high = figure["layout"]["yaxis"]["range"]
    values = drawn_points(coverage)["value"]
    assert 0 < low <= values.min() and high >= values.max()
    assert any("not 0" in note["text"] for note in figure["layout"]["annotations"])
    bars = figure_layout_of_bars()
    x_ranges = [bars[name]["range"] for name in bars if name.startswith("xaxis")]
    assert len(x_ranges) >= 2 and all(axis == x_ranges[0] for axis in x_ranges)


def figure_layout_of_bars() -> dict:
    from app.charts import bars

    rows = queries.chart_rows(Filters(metrics=("bhyt_cards",)))
    return bars(rows, "vi", "t").to_dict()["layout"]


@pytest.mark.parametrize(
    ("language", "separators", "rate", "count"), [("vi", ",.", "2,15%", "13.823"), ("en", ".,", "2.15%", "13,823")]
)
def test_ticks_and_hover_follow_the_language(on_built_database, language, separators, rate, count):
    from app import labels

    readings = queries.series(Filters(), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), language, "t").to_dict()
    assert figure["layout"]["separators"] == separators
    assert figure["layout"]["yaxis"]["tickformat"] == ",.2~f"
    assert figure["layout"]["xaxis"]["tickformat"] == "d"  # 2016, never 2.016
    hover = " ".join(point[1] for trace in point_traces(figure) for point in trace["customdata"])
    assert rate in hover  # Hải Dương 2022, from its province's paper
    assert labels.value_text(13823, "count", "exact", language) == count


# Downloads equal the drawn points


def test_the_chart_csv_holds_the_drawn_points_then_the_readings_left_out(on_built_database):
    readings = queries.series(Filters(), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    drawn = set(drawn_fact_ids(figure))
    text = exports.chart_csv(readings, "vi").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["Mã số liệu"] for row in rows if row["Trên biểu đồ"] == "có"} == drawn
    left_out = {row["Mã số liệu"] for row in rows if row["Trên biểu đồ"] == "không"}
    assert left_out == set(readings.loc[readings["series_choice"] > 1, "fact_id"])
    assert all(row["Trích dẫn"] and row["Nguồn"] for row in rows)
    assert {row["Chuẩn nghèo"] for row in rows} >= {"Chuẩn nghèo đa chiều 2022–2025"}
    first_left_out = next(index for index, row in enumerate(rows) if row["Trên biểu đồ"] == "không")
    assert all(row["Trên biểu đồ"] == "không" for row in rows[first_left_out:])


# Ranking: one year, one axis, gaps named


def test_the_ranking_names_every_province_and_the_country(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="ranking", rank_metric="poverty_rate", rank_year="2016")
    ranking = next(spec for spec in figure_specs(app) if spec["layout"]["title"]["text"] == "Tỷ lệ hộ nghèo, năm 2016")
    bars = ranking["data"][0]
    studied = {"An Giang", "Long An", "Phú Thọ", "Thái Bình"}
    assert studied < set(bars["y"]) and "Hải Dương (số năm 2017)" in bars["y"]
    assert "Cả nước 2016: 8,23%" in [annotation["text"] for annotation in ranking["layout"]["annotations"]]


def test_a_province_with_nothing_within_the_window_keeps_its_row_and_says_why(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="ranking", rank_metric="poverty_rate", rank_year="2021")
    ranking = next(spec for spec in figure_specs(app) if spec["layout"]["title"]["text"] == "Tỷ lệ hộ nghèo, năm 2021")
    bars = ranking["data"][0]
    assert bars["text"][bars["y"].index("Thái Bình")] == "không có số liệu năm 2021 hay trong vòng 1 năm"
    assert any("Thái Bình" in caption.value for caption in app.caption)


def test_the_nearest_reading_within_the_window_fills_a_gap_hatched_and_dated(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="ranking", rank_metric="poverty_rate", rank_year="2017")
    ranking = next(spec for spec in figure_specs(app) if "2017" in spec["layout"]["title"]["text"])
    bars = ranking["data"][0]
    assert len([value for value in bars["x"] if value > 0]) == 5  # all five on one axis
    # Phú Thọ has 2016 and 2018 readings: of two as near, the earlier stands in, hatched and dated.
    standing_in = bars["y"].index("Phú Thọ (số năm 2016)")
    assert bars["text"][standing_in].endswith("(2016)") and bars["marker"]["pattern"]["shape"][standing_in] == "/"
    exact = bars["y"].index("Thái Bình")
    assert bars["marker"]["pattern"]["shape"][exact] == "" and not bars["text"][exact].endswith(")")
    under_the_axis = [annotation["text"] for annotation in ranking["layout"]["annotations"]]
    assert "Gạch chéo: số của năm khác (năm trong ngoặc), gần nhất trong vòng 1 năm" in under_the_axis
    assert any("lấy số gần nhất trong vòng 1 năm" in caption.value for caption in app.caption)


def test_the_ranking_view_is_restored_from_a_copied_link(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="ranking", rank_metric="near_poverty_rate", rank_year="2022")
    assert app.query_params["rank_metric"] in ("near_poverty_rate", ["near_poverty_rate"])
    titles = [spec["layout"]["title"]["text"] for spec in figure_specs(app)]
    assert "Tỷ lệ hộ cận nghèo, năm 2022" in titles


def test_a_link_naming_an_unknown_metric_or_year_opens_the_default_ranking(dashboard):
    app = open_page(
        dashboard, "pages/poverty.py", section="ranking", rank_metric="'; DROP TABLE facts", rank_year="1066"
    )
    titles = [spec["layout"]["title"]["text"] for spec in figure_specs(app)]
    assert any(title.startswith("Tỷ lệ hộ nghèo, năm ") for title in titles)


def test_changing_the_ranking_year_changes_the_chart_and_the_url(dashboard):
    app = open_page(dashboard, "pages/poverty.py", section="ranking")
    app.selectbox(key="rank_year").set_value(2022).run()
    titles = [spec["layout"]["title"]["text"] for spec in figure_specs(app)]
    assert "Tỷ lệ hộ nghèo, năm 2022" in titles
    app.selectbox(key="rank_metric").set_value("near_poverty_rate").run()
    assert app.query_params["rank_metric"] in ("near_poverty_rate", ["near_poverty_rate"])
    assert any(
        title.startswith("Tỷ lệ hộ cận nghèo, năm ")
        for title in (s["layout"]["title"]["text"] for s in figure_specs(app))
    )


# Coverage view


def vietnamese_place(place: str, kind: str) -> str:
    """How the Coverage page names a row in Vietnamese."""
    return f"{place} (tỉnh mới từ 1/7/2025)" if kind == "merged_province" else place


def matrix_index(app) -> int:
    """Which of the Coverage page's data frames is the matrix: the one with a column a year (the table of
    comparable years is a static table, and the cells by source come before it)."""
    return next(number for number, frame in enumerate(app.dataframe) if "2015" in map(str, frame.value.columns))


def cell_texts(app) -> pd.DataFrame:
    table = app.dataframe[matrix_index(app)].value
    return table.map(lambda link: link.split("cell=", 1)[1])


@pytest.mark.parametrize("matrix", ["poverty_rate", "credit"])
def test_the_coverage_view_matches_the_command_line(dashboard, built_database, matrix):
    app = open_page(dashboard, "pages/coverage.py", matrix=matrix)
    with duckdb.connect(str(built_database), read_only=True) as connection:
        cells = coverage_matrices.coverage_cells(connection)
        gaps = connection.execute("SELECT province, category, year FROM coverage_gaps").df()
        provinces = [
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT province FROM sources WHERE province IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        headlines = coverage_matrices.headline_metrics(connection)
    chosen = [choice for choice in coverage_matrices.matrix_choices(headlines) if choice[0] == matrix]
    expected = coverage_matrices.matrices(cells, gaps, provinces, chosen, vietnamese_place)[matrix]
    shown = cell_texts(app)
    assert list(shown.index) == list(expected.index)
    assert shown.to_numpy().tolist() == expected.to_numpy().tolist()


def test_a_coverage_cell_opens_its_readings_and_sources(dashboard):
    app = open_page(dashboard, "pages/coverage.py", matrix="poverty_rate", place="Hải Dương", year="2022")
    readings = app.dataframe[matrix_index(app) + 1].value  # the readings of the cell, under the matrix
    assert len(readings) == 2 and {"1,75%", "2,15%"} <= set(readings.iloc[:, 9])
    assert app.query_params["place"] in ("Hải Dương", ["Hải Dương"])


# Province profile


def test_the_profile_shows_a_provinces_latest_figures_series_and_standing(dashboard):
    app = open_page(dashboard, "pages/profile.py", profile="Long An")
    assert app.selectbox(key="profile").value == "Long An"
    values = [md.value.removeprefix("#### ").replace("\\", "") for md in app.markdown if md.value.startswith("#### ")]
    assert "0,75%" in values  # the latest province-level poverty rate of Long An
    standing = app.dataframe[0].value
    assert "Tỷ lệ hộ nghèo" in set(standing.iloc[:, 0])
    lines = {trace["name"] for spec in series_specs(app) for trace in spec["data"]}
    assert "Long An" in lines and "An Giang" not in lines and "Cả nước" in lines


def test_changes_in_points_are_computed_within_one_poverty_standard(on_built_database):
    changes, _ = queries.changes(Filters())
    assert len(changes)
    facts = facts_of(on_built_database, list(changes["earlier_fact"]) + list(changes["later_fact"]))
    standard = facts.set_index("fact_id")["poverty_standard"].fillna("")  # none for other topics
    crossing = [
        (earlier, later)
        for earlier, later in zip(changes["earlier_fact"], changes["later_fact"], strict=True)
        if standard[earlier] != standard[later]
    ]
    assert crossing == []


def test_a_topic_page_opens_on_one_line_chart_and_each_view_is_a_link(dashboard):
    app = open_page(dashboard, "pages/poverty.py")
    titles = [spec["layout"]["title"]["text"] for spec in figure_specs(app)]
    assert titles == ["Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)"]
    assert app.query_params["section"] in ("series", ["series"])
    app.radio(key="series").set_value("near_poverty_rate").run()
    assert [spec["layout"]["title"]["text"] for spec in figure_specs(app)] == [
        "Tỷ lệ hộ cận nghèo qua các năm (cấp tỉnh)"
    ]
    assert app.query_params["series"] in ("near_poverty_rate", ["near_poverty_rate"])
    app.radio(key="section").set_value("figures").run()
    assert app.dataframe  # every figure, in a table whose rows open their sentence


def test_the_merged_phu_tho_is_its_own_line_in_the_corpus(on_built_database):
    readings = queries.series(Filters(provinces=("Phú Thọ",)), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), "en", "t").to_dict()
    names = {trace["name"] for trace in figure["data"]}
    assert {"Phú Thọ", "Phú Thọ (merged province from 1 July 2025)"} <= names
    assert "Provinces merged 1 July 2025" in [annotation["text"] for annotation in figure["layout"]["annotations"]]


# What a view may join, what counts as disagreement, which reading a year shows — on the real data


@pytest.mark.parametrize("metric", ["poverty_rate", "credit_outstanding", "bhyt_population_coverage"])
def test_no_solid_line_crosses_a_missing_year_and_a_dotted_join_says_so(on_built_database, metric):
    readings = queries.series(Filters(), metric)
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    for trace in point_traces(figure):
        years = list(trace["x"])
        assert all(later - earlier == 1 for earlier, later in zip(years, years[1:], strict=False)), trace["name"]
    joins = [trace for trace in figure["data"] if trace.get("mode") == "lines"]
    assert all(trace["line"]["dash"] == "dot" and trace["x"][1] - trace["x"][0] > 1 for trace in joins)
    if metric == "credit_outstanding":  # An Giang: 2018, then nothing until 2022
        an_giang = [trace["x"] for trace in joins if trace["name"] == "An Giang"]
        assert [2018, 2022] in an_giang


def test_a_one_off_event_is_never_a_point_of_a_yearly_line(on_built_database):
    with duckdb.connect(str(on_built_database), read_only=True) as connection:
        events = connection.execute(
            "SELECT count(*) FILTER (WHERE series_choice IS NOT NULL), count(*) FROM figures "
            "WHERE measure = 'flow' AND period_start = period_end"
        ).fetchone()
    assert events[1] > 0 and events[0] == 0  # e.g. BHYT cards handed out on one day
    assert "bhyt_cards" not in queries.series_metrics(Filters(provinces=("Phú Thọ",)), ("bhyt_cards",))


def test_two_dates_of_one_year_are_not_a_disagreement(on_built_database):
    with duckdb.connect(str(on_built_database), read_only=True) as connection:
        rows = connection.execute(
            "SELECT period_end, value, series_choice, series_disagree, agreement FROM figures "
            "WHERE province = 'Hải Dương' AND metric = 'credit_outstanding' AND area_level = 'province' "
            "AND year = 2024 ORDER BY series_choice"
        ).fetchall()
    assert len(rows) == 2 and rows[0][1] != rows[1][1]  # June and December, two values
    assert str(rows[0][0]) == "2024-12-31"  # the year-end balance is drawn
    assert not any(row[3] for row in rows) and {row[4] for row in rows} == {"single"}


def test_a_figure_given_at_the_start_of_a_year_stands_for_the_year_before(on_built_database):
    with duckdb.connect(str(on_built_database), read_only=True) as connection:
        start_of_2024 = connection.execute(
            "SELECT year, series_choice FROM figures WHERE fact_id = 'longan-2024-16'"
        ).fetchone()
        drawn_2023 = connection.execute(
            "SELECT period_end FROM figures WHERE province = 'Long An' AND metric = 'poverty_rate' "
            "AND area_level = 'province' AND beneficiary_group = 'all' AND year = 2023 AND series_choice = 1"
        ).fetchone()
    assert start_of_2024[0] == 2023 and start_of_2024[1] > 1  # "đầu năm 2024": the end-2023 review, not drawn
    assert str(drawn_2023[0]) == "2023-12-31"  # the year-end review is


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_place_is_named_in_the_language_and_special_cases_are_marked(on_built_database, language):
    readings = queries.series(Filters(), "poverty_rate")
    figure = series_lines(readings, queries.poverty_standards(), language, "t").to_dict()
    names = {trace["name"] for trace in point_traces(figure)}
    rows = list(csv.DictReader(io.StringIO(exports.chart_csv(readings, language).decode("utf-8-sig"))))
    place = "Nơi (như trên biểu đồ)" if language == "vi" else "Place (as on the chart)"
    in_file = {row[place] for row in rows}
    if language == "vi":
        expected = {"Cả nước", "Phú Thọ (tỉnh mới từ 1/7/2025)", "Hải Dương (Khảo sát mức sống)"}
    else:
        expected = {"Viet Nam", "Phú Thọ (merged province from 1 July 2025)", "Hải Dương (living-standards survey)"}
        assert not any("Cả nước" in name or "Đồng bằng" in name or "tỉnh mới" in name for name in names | in_file)
    assert expected <= names and expected <= in_file


@pytest.mark.parametrize(
    ("page_name", "topic"),
    [("poverty", "poverty"), ("health_insurance", "health_insurance"), ("credit", "credit")],
)
def test_a_topic_page_opens_on_its_headline_indicator_in_a_view_that_compares_provinces(
    dashboard, on_built_database, page_name, topic
):
    from app import page

    app = open_page(dashboard, f"pages/{page_name}.py")
    specs = figure_specs(app)
    section, metric = page.opening(Filters(categories=(topic,)), queries.topic_metrics(topic))
    assert specs  # never an empty view
    if section == "figures":  # nothing of the topic has two provinces in a year: every figure, never an empty chart
        assert app.radio(key="section").value == "figures"
        return
    assert len(specs) == 1
    places = {
        name
        for trace in specs[0]["data"]
        for name in ([trace["name"]] if "customdata" in trace and trace.get("type") == "scatter" else trace["y"])
        if trace.get("customdata") and any(point and point[0] for point in trace["customdata"])
    }
    assert len(places) >= 2  # never an empty view, never one province alone
    headlines = queries.headline_metrics()
    comparable = [
        metric
        for metric in headlines.loc[headlines["category"] == topic, "metric"]
        if queries.series_metrics(Filters(), (metric,)) or queries.series_years(Filters(), metric)
    ]
    title = specs[0]["layout"]["title"]["text"]
    if comparable:  # the first headline indicator with figures to compare
        assert title.startswith(queries.metric_labels("vi")[comparable[0]]) and metric == comparable[0]


def test_a_ranking_offers_only_years_in_which_two_provinces_or_more_have_the_figure(dashboard, on_built_database):
    with duckdb.connect(str(on_built_database), read_only=True) as connection:
        counts = dict(
            connection.execute(
                "SELECT year, count(DISTINCT province) FROM figures WHERE metric = 'poverty_rate' "
                "AND beneficiary_group = 'all' AND area_level = 'province' AND series_choice = 1 AND NOT is_target "
                "AND NOT merged_province AND province IN ('An Giang', 'Hải Dương', 'Long An', 'Phú Thọ', 'Thái Bình') "
                "GROUP BY year"
            ).fetchall()
        )
    offered = compare_year.ranking_years(Filters(), "poverty_rate")
    # Every year with two provinces or more of its own, and those a reading within the window makes so.
    assert {year for year, provinces in counts.items() if provinces >= 2} <= set(offered)
    app = open_page(dashboard, "pages/poverty.py", section="ranking")
    assert set(app.selectbox(key="rank_year").options) == {str(year) for year in offered}


def test_the_ranking_keeps_the_countrys_rule_when_the_five_provinces_are_picked(dashboard, on_built_database):
    five = ("An Giang", "Hải Dương", "Long An", "Phú Thọ", "Thái Bình")
    picked = compare_year.ranking(Filters(provinces=five), "poverty_rate", 2023)
    assert ((picked["place_level"] == "country") & picked["value"].notna()).any()
    app = open_page(
        dashboard,
        "pages/poverty.py",
        section="ranking",
        rank_metric="poverty_rate",
        rank_year="2023",
        province=list(five),
    )
    spec = figure_specs(app)[0]
    assert any(annotation["text"].startswith("Cả nước 2023: 2,93%") for annotation in spec["layout"]["annotations"])
    assert any("vạch đứt: cả nước" in caption.value.lower() for caption in app.caption)
    money = compare_year.ranking(Filters(provinces=five), "credit_outstanding", 2024)
    assert not (money["place_level"] == "country").any()  # a national balance is on another scale: no rule


def test_the_merged_provinces_lone_point_sets_no_scale_and_a_province_without_the_indicator_is_named(
    dashboard, on_built_database
):
    readings = queries.series(Filters(), "credit_outstanding")
    figure = series_lines(readings, queries.poverty_standards(), "vi", "t").to_dict()
    drawn = drawn_points(readings)
    merged = drawn[drawn["merged_province"].astype(bool)]
    others = drawn[~drawn["merged_province"].astype(bool)]
    scale = 1e9  # tỷ đồng
    low, high = figure["layout"]["yaxis"]["range"]
    assert len(merged) and merged["value"].max() > 2 * others["value"].max()
    assert high < merged["value"].max() / scale and high >= others["value"].max() / scale
    # The merged point stands at the top edge, its value and "off the scale" written beside it.
    merged_trace = next(trace for trace in figure["data"] if "tỉnh mới" in trace["name"] and "text" in trace)
    assert any("ngoài thang đo" in text for text in merged_trace["text"])
    assert max(merged_trace["y"]) <= high
    # Long An publishes no balance: the page says so under the chart.
    app = open_page(dashboard, "pages/credit.py")
    captions = [caption.value for caption in app.caption]
    assert any(
        caption.startswith("Không có số liệu cấp tỉnh của chỉ tiêu này") and "Long An" in caption
        for caption in captions
    )


def test_the_every_figure_bars_mark_the_merged_province_and_never_take_its_scale(on_built_database):
    from app.charts import bars

    rows = queries.chart_rows(Filters(categories=("credit",), metrics=("credit_outstanding",), levels=("province",)))
    merged = rows[rows["merged_province"].astype(bool)]
    assert len(merged)
    figure = bars(rows, "en", "t").to_dict()
    low, high = figure["layout"]["xaxis"]["range"]
    assert high * 1e9 < merged["value"].max()
    labelled = {
        data[0]: (label, text)
        for trace in figure["data"]
        for label, text, data in zip(trace["y"], trace["text"], trace["customdata"], strict=True)
    }
    for fact_id in merged["fact_id"]:
        label, text = labelled[fact_id]
        assert "merged province from 1 July 2025" in label
    assert any("off the scale" in text for label, text in labelled.values())
