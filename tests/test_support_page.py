"""The Support page read by programme, driven as an analyst would, on the real data: it opens on the programme
most provinces report, every programme's panel has its figures, district amounts have their own axis, every
bar names its period and group, the page speaks one language, and the build refuses an unmapped metric."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import duckdb
import pandas as pd
import pytest

from app import labels
from app.queries import Filters
from etl import build
from tests.helpers import read_csv, write_csv
from tests.test_dashboard import open_page

PAGE = "pages/support.py"
# What makes two readings the same figure (app/support_view.py draws one bar for them).
SAME_FIGURE = ["province", "area", "area_level", "metric", "beneficiary_group", "period_start", "period_end"]
SAME_FIGURE += ["is_target", "value"]
VIETNAMESE_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


@pytest.fixture
def on_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))
    return built_database


def programme_facts(database) -> pd.DataFrame:
    """Every figure of a support programme, with its programme, as the database holds it."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "SELECT facts_labelled.*, programme FROM facts_labelled JOIN programme_metrics USING (metric)"
        ).df()


def specs(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("plotly_chart")]


def bars(spec: dict) -> list[tuple[str, str, str, dict]]:
    """(fact id, bar label, x axis, trace) of every bar of a chart."""
    return [
        (point[0], label, trace["xaxis"], trace)
        for trace in spec["data"]
        if trace.get("customdata")
        for point, label in zip(trace["customdata"], trace["y"], strict=True)
    ]


def test_the_page_opens_on_the_programme_most_provinces_report(dashboard, built_database):
    facts = programme_facts(built_database)
    provinces = facts.groupby("programme")["province"].nunique()
    most = provinces[provinces == provinces.max()].index
    # Between programmes as widely reported, the one with most figures.
    expected = facts[facts["programme"].isin(most)]["programme"].value_counts().index[0]
    app = open_page(dashboard, PAGE)
    assert app.radio(key="programme").value == expected
    options = app.radio(key="programme").options
    assert options[0].endswith(f"({provinces.max()} tỉnh)")
    assert all(f"({provinces.max() + 1} tỉnh)" not in option for option in options)
    assert app.query_params["programme"] in (expected, [expected])


def test_every_programme_panel_draws_every_figure_of_its_programme(dashboard, built_database):
    facts = programme_facts(built_database).set_index("fact_id")
    app = open_page(dashboard, PAGE)
    assert len(app.radio(key="programme").options) == facts["programme"].nunique()
    for programme in sorted(set(facts["programme"])):
        app.radio(key="programme").set_value(programme).run()
        assert not app.exception
        assert app.query_params["programme"] in (programme, [programme])  # a copied link reopens it
        drawn = [fact_id for spec in specs(app) for fact_id, *_ in bars(spec)]
        assert drawn, f"{programme}: a panel without figures"
        assert set(facts.loc[drawn, "programme"]) == {programme}
        # Every figure of the programme is a bar: the same figure given by two reports is one bar, no more.
        expected = facts[facts["programme"] == programme].drop_duplicates(SAME_FIGURE)
        assert len(drawn) == len(set(drawn)) == len(expected), programme
        assert set(map(tuple, facts.loc[drawn, SAME_FIGURE[1:]].to_numpy())) == set(
            map(tuple, expected[SAME_FIGURE[1:]].to_numpy())
        )


def test_money_counts_and_shares_are_never_on_one_chart(dashboard, built_database):
    facts = programme_facts(built_database).set_index("fact_id")
    app = open_page(dashboard, PAGE, programme="tet_gifts")
    charts = specs(app)
    assert len(charts) == 3  # Tết gifts have money, counts and a share
    for spec in charts:
        assert facts.loc[[fact_id for fact_id, *_ in bars(spec)], "unit"].nunique() == 1


def test_district_amounts_have_their_own_axis_on_which_they_are_visible(dashboard, built_database):
    facts = programme_facts(built_database).set_index("fact_id")
    app = open_page(dashboard, PAGE, programme="tet_gifts")
    money = next(spec for spec in specs(app) if spec["layout"]["title"]["text"] == "Quà Tết: kinh phí")
    axes: dict[str, set[str]] = {}
    for fact_id, _, axis, _ in bars(money):
        axes.setdefault(facts.loc[fact_id, "area_level"], set()).add(axis)
    assert len(axes["province"]) == len(axes["district"]) == 1 and axes["province"] != axes["district"]
    # The provinces' sub-chart comes first, the districts' under it, each with its title.
    titles = [annotation["text"] for annotation in money["layout"]["annotations"]]
    assert titles == ["Kinh phí quà Tết · tỉnh", "Kinh phí quà Tết · huyện"]
    for level, (axis,) in axes.items():
        layout = money["layout"]["xaxis" + axis.removeprefix("x")]
        drawn = [x for trace in money["data"] if trace.get("customdata") and trace["xaxis"] == axis for x in trace["x"]]
        # Each axis is scaled to its own largest amount, which spans most of it.
        assert 0.7 < max(drawn) / layout["range"][1] < 1, level
    # An Giang's district Tết gifts of 2022 are in millions, beside province amounts in billions.
    (district_axis,) = axes["district"]
    smallest = min(
        x for trace in money["data"] if trace.get("customdata") and trace["xaxis"] == district_axis for x in trace["x"]
    )
    assert smallest > 0
    tri_ton = [label for _, label, _, _ in bars(money) if label.startswith("Tri Tôn")]
    assert tri_ton == ["Tri Tôn (huyện) · 2022 · Đồng bào dân tộc thiểu số (mục tiêu)"]


def test_every_bar_names_its_period_and_group_and_a_target_is_marked(dashboard, built_database):
    from app.support_view import period_words

    facts = programme_facts(built_database).set_index("fact_id")
    app = open_page(dashboard, PAGE)
    seen = []
    for programme in sorted(set(facts["programme"])):
        app.radio(key="programme").set_value(programme).run()
        for spec in specs(app):
            for fact_id, label, _, trace in bars(spec):
                fact = facts.loc[fact_id]
                period = period_words(fact["period_start"].date(), fact["period_end"].date(), "vi")
                assert f" · {period} · {fact['group_label_vi']}" in label, label
                assert label.endswith("(mục tiêu)") == bool(fact["is_target"]), label
                shape = trace["marker"]["pattern"]["shape"][trace["y"].index(label)]
                assert (shape == "/") == bool(fact["is_target"])
                seen.append(label)
    # The periods as reports write them: nine months, a five-year plan.
    assert "An Giang · 9 tháng đầu năm 2019 · Hộ nghèo / người nghèo" in seen
    assert "An Giang · 2021–2025 · Hộ nghèo / người nghèo" in seen


def test_period_words():
    from app.support_view import period_words

    assert period_words(date(2023, 1, 1), date(2023, 12, 31), "vi") == "2023"
    assert period_words(date(2021, 1, 1), date(2025, 12, 31), "en") == "2021–2025"
    assert period_words(date(2024, 1, 1), date(2024, 6, 30), "vi") == "6 tháng đầu năm 2024"
    assert period_words(date(2024, 1, 1), date(2024, 6, 30), "en") == "first 6 months of 2024"
    assert period_words(date(2024, 1, 1), date(2024, 6, 20), "vi") == "1/2024–6/2024"
    assert period_words(date(2024, 3, 1), date(2024, 3, 31), "vi") == "3/2024"


def test_every_hover_gives_the_publisher_and_date_of_its_source(dashboard, built_database):
    facts = programme_facts(built_database).set_index("fact_id")
    app = open_page(dashboard, PAGE, programme="housing")
    for spec in specs(app):
        for trace in spec["data"]:
            for fact_id, hover in trace.get("customdata") or []:
                fact = facts.loc[fact_id].to_dict()
                assert f"Nguồn: {fact['source_publisher']}, {labels.source_date(fact, 'vi')}" in hover


def test_a_filter_narrows_the_programmes_and_the_page_is_never_empty(dashboard, built_database):
    facts = programme_facts(built_database)
    phu_tho = facts[facts["province"] == "Phú Thọ"]
    app = open_page(dashboard, PAGE, province="Phú Thọ")
    assert len(app.radio(key="programme").options) == phu_tho["programme"].nunique()
    assert not any(option.startswith("Nhà ở") for option in app.radio(key="programme").options)
    drawn = {fact_id for spec in specs(app) for fact_id, *_ in bars(spec)}
    assert drawn and drawn <= set(phu_tho["fact_id"])


def test_a_filter_that_matches_no_support_figure_says_so(dashboard):
    app = open_page(dashboard, PAGE, topic="poverty")
    assert any("Không có số liệu nào khớp" in info.value for info in app.info)
    assert not app.get("plotly_chart")


def page_words(app) -> list[str]:
    """The page's own words: titles, captions, choices, chart titles, axes, sub-chart titles, legends and bar
    labels — not the figures' quotes and source titles, which are in the report's language."""
    main = app.main  # the sidebar's language switch names both languages on purpose
    words = [element.value for element in [*main.title, *main.subheader, *main.caption, *main.info]]
    words += [option for radio in main.radio for option in radio.options]
    words += [radio.label for radio in main.radio]
    for spec in specs(app):
        layout = spec["layout"]
        words.append(layout["title"]["text"])
        words += [annotation["text"] for annotation in layout["annotations"]]
        words += [axis["title"]["text"] for name, axis in layout.items() if name.startswith("xaxis")]
        words += [trace["name"] for trace in spec["data"] if not trace.get("customdata")]
        words += [label for trace in spec["data"] if trace.get("customdata") for label in trace["y"]]
    return words


def test_no_english_on_the_vietnamese_page_and_no_vietnamese_on_the_english_one(dashboard, built_database):
    facts = programme_facts(built_database)
    # Names stay as they are in either language: places, and Tết, the word English writes too.
    names = sorted({*facts["area"], *facts["province"].dropna(), "Tết", "Chôl Chnăm Thmây"}, key=len, reverse=True)
    english = {text["en"] for key, text in labels.TEXT.items() if text["en"] != text["vi"] and len(text["en"]) > 3}
    english |= set(facts["metric_label_en"]) | set(facts["group_label_en"]) | {"province", "district", "Province"}
    app = open_page(dashboard, PAGE, programme="tet_gifts")
    vietnamese_words = page_words(app)
    for words in vietnamese_words:
        for english_words in english:
            assert not re.search(rf"\b{re.escape(english_words)}\b", words), (english_words, words)
    app.radio(key="language").set_value("en").run()
    english_page = page_words(app)
    assert "Tết gifts: money" in english_page
    for words in english_page:
        for name in names:
            words = words.replace(name, "")
        assert not VIETNAMESE_LETTER.search(words), words


def test_the_csv_of_a_programme_holds_what_is_drawn_in_the_pages_language(on_built_database, dashboard):
    from app import support_view
    from app.tables import COLUMNS

    rows, total = support_view.programme_figures(Filters(), "tet_gifts")
    app = open_page(dashboard, PAGE, programme="tet_gifts")
    drawn = {fact_id for spec in specs(app) for fact_id, *_ in bars(spec)}
    for language, programme in (("vi", "Quà Tết"), ("en", "Tết gifts")):
        data = support_view.programme_csv(support_view.labelled(rows, language), programme, language)
        assert data.startswith("\ufeff".encode())  # how Excel knows the text is UTF-8
        table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert {row[COLUMNS["fact_id"][language]] for row in table} == drawn and len(table) == total == len(drawn)
        assert list(table[0])[0] == labels.text("programme", language)
        assert {row[labels.text("programme", language)] for row in table} == {programme}
        targets = {row[COLUMNS["target_label"][language]] for row in table}
        assert targets == {labels.text("target", language), labels.text("actual", language)}
        assert "2022" in {row[COLUMNS["period_text"][language]] for row in table}
        if language == "en":
            assert not any(VIETNAMESE_LETTER.search(header) for header in table[0])


def test_the_build_refuses_a_support_metric_without_a_programme(data_dir, tmp_path):
    mapping = data_dir / "programme_metrics.csv"
    write_csv(mapping, [row for row in read_csv(mapping) if row["metric"] != "tet_gift_coverage"])
    database = tmp_path / "poverty.duckdb"
    problems = build.build_problems(data_dir, database, say=lambda _: None)
    assert any("support metric tet_gift_coverage belongs to no programme" in problem for problem in problems)
    assert not database.exists()


def test_the_build_refuses_a_metric_in_two_programmes_or_an_unknown_programme(data_dir, tmp_path):
    mapping = data_dir / "programme_metrics.csv"
    rows = read_csv(mapping)
    write_csv(
        mapping,
        [*rows, {"metric": "tet_gifts", "programme": "housing"}, {"metric": "houses_built", "programme": "roads"}],
    )
    database = tmp_path / "poverty.duckdb"
    problems = build.build_problems(data_dir, database, say=lambda _: None)
    assert any("duplicate metric 'tet_gifts'" in problem for problem in problems)
    assert any("unknown programme (programmes.csv) 'roads'" in problem for problem in problems)
    assert not database.exists()


def test_a_national_figure_of_a_programme_is_drawn_under_its_own_name(on_built_database):
    from app import support_view

    rows, _ = support_view.programme_figures(Filters(), "tet_gifts")
    # Made-up for the test: one of the figures moved to the country, which no province owns.
    rows.loc[0, ["area_level", "province", "place_vi", "area"]] = ["country", None, "Cả nước", "Cả nước"]
    labelled = support_view.labelled(rows[rows["unit"] == rows.loc[0, "unit"]], "vi")
    figure = support_view.programme_figure(labelled, "vi", "Quà Tết").to_dict()
    drawn = [(trace["name"], label) for trace in figure["data"] if trace.get("customdata") for label in trace["y"]]
    assert len(drawn) == len(labelled)
    assert [label for name, label in drawn if name == "Cả nước"] == [
        f"Cả nước · {labelled.loc[0, 'period_words']} · {labelled.loc[0, 'group_label_vi']}"
        + (" (mục tiêu)" if labelled.loc[0, "is_target"] else "")
    ]
    titles = [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert any(title.endswith("· cả nước") for title in titles)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_programme_figure_is_one_plotly_accepts(on_built_database, language):
    import plotly.graph_objects as go

    from app import support_view

    for programme in support_view.programme_choices(Filters())["programme"]:
        rows, _ = support_view.programme_figures(Filters(), programme)
        labelled = support_view.labelled(rows, language)
        for unit in set(labelled["unit"]):
            figure = support_view.programme_figure(labelled[labelled["unit"] == unit], language, programme)
            validated = go.Figure(figure.to_dict())  # raises on any property Plotly does not know
            assert sum(len(trace.y) for trace in validated.data if trace.customdata) == (labelled["unit"] == unit).sum()
