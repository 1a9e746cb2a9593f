"""The synthetic database: deterministic, realistic in shape, and the whole dashboard works on it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from app import exports, queries
from app.queries import Filters
from etl import synth
from etl.__main__ import main
from etl.paths import DATA_DIR
from tests.test_dashboard import PAGES, open_page

ROWS = 20_000


@pytest.fixture(scope="module")
def synthetic_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    synth.run(ROWS, database, seed=7)
    return database


def table_contents(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("provinces", "metrics", "beneficiary_groups", "sources", "reports", "facts")
        }


def test_the_same_seed_gives_the_same_database_and_another_seed_does_not(tmp_path):
    for name, seed in (("first", 3), ("again", 3), ("other", 4)):
        synth.run(2_000, tmp_path / f"{name}.duckdb", seed=seed)
    first = table_contents(tmp_path / "first.duckdb")
    assert first == table_contents(tmp_path / "again.duckdb")
    assert first["facts"] != table_contents(tmp_path / "other.duckdb")["facts"]
    assert len(first["facts"]) == 2_000


def test_figures_cover_the_country_every_level_metric_group_and_both_kinds_of_period(synthetic_database):
    with duckdb.connect(str(synthetic_database), read_only=True) as connection:

        def one(sql: str) -> tuple:
            return connection.execute(sql).fetchone()

        assert one("SELECT count(DISTINCT province), count(DISTINCT province_2025) FROM facts_labelled") == (63, 34)
        assert one("SELECT count(DISTINCT area_level) FROM facts") == (3,)
        assert one("SELECT count(DISTINCT metric) FROM facts") == one("SELECT count(*) FROM metrics")
        assert one("SELECT count(DISTINCT beneficiary_group) FROM facts") == one(
            "SELECT count(*) FROM beneficiary_groups"
        )
        yearly, monthly = one(
            "SELECT count(*) FILTER (period_text NOT LIKE '%/%'), count(*) FILTER (period_text LIKE '%/%') FROM facts"
        )
        assert yearly > 0 and monthly > 0
        first, last = one("SELECT min(year(period_start)), max(year(period_end)) FROM facts")
        assert last - first == synth.LAST_YEAR - synth.FIRST_YEAR
        # Skewed like real reporting: the busiest province reports several times more than the median one.
        busiest, median = one(
            "SELECT max(figures), median(figures) FROM (SELECT count(*) AS figures FROM facts GROUP BY province)"
        )
        assert busiest > 3 * median
        assert one("SELECT count(*) FROM sources WHERE note NOT LIKE '%giả lập%'") == (0,)


def test_every_quote_stands_in_its_report_at_its_offset(synthetic_database):
    with duckdb.connect(str(synthetic_database), read_only=True) as connection:
        misplaced = connection.execute(
            """
            SELECT count(*) FROM facts JOIN reports USING (source_id)
            WHERE substr(text, quote_offset + 1, length(quote)) <> quote OR position(quote IN sentence) = 0
            """
        ).fetchone()[0]
    assert misplaced == 0


def test_it_never_writes_over_the_dashboards_database(capsys):
    assert main(["synth", "--rows", "10", "--out", str(DATA_DIR / "poverty.duckdb")]) == 1
    assert "dashboard's own database" in capsys.readouterr().err


@pytest.fixture
def synthetic_dashboard(synthetic_database, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DB", str(synthetic_database))
    return AppTest.from_file(str(DATA_DIR.parent / "dashboard.py"), default_timeout=60)


def bar_count(app) -> list[int]:
    specs = [json.loads(element.proto.spec) for element in app.get("plotly_chart")]
    return [sum(len(trace.get("y", [])) for trace in spec["data"] if trace["type"] == "bar") for spec in specs]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_the_synthetic_database(synthetic_dashboard, page):
    app = open_page(synthetic_dashboard, page)
    assert app.title
    assert all(bars <= queries.MAX_BARS for bars in bar_count(app))
    for table in app.dataframe:
        assert len(table.value) <= queries.PAGE_ROWS


@pytest.mark.parametrize("section", ["series", "ranking", "figures"])
@pytest.mark.parametrize("page", ["pages/poverty.py", "pages/credit.py"])
def test_every_view_of_a_topic_works_on_the_synthetic_database(synthetic_dashboard, page, section):
    app = open_page(synthetic_dashboard, page, section=section)
    assert app.get("plotly_chart")
    assert all(bars <= queries.MAX_BARS for bars in bar_count(app))
    lines = [
        trace
        for element in app.get("plotly_chart")
        for trace in json.loads(element.proto.spec)["data"]
        if trace.get("mode") == "lines+markers" and trace["line"]["width"] == 4
    ]
    assert section != "series" or 0 < len({trace["name"] for trace in lines}) <= queries.MAX_SERIES_PROVINCES


def test_charts_say_when_they_draw_fewer_figures_than_match(synthetic_dashboard):
    app = open_page(synthetic_dashboard, "pages/poverty.py", section="figures")
    assert max(bar_count(app)) == queries.MAX_BARS
    assert any("Biểu đồ vẽ 40 trong" in caption.value for caption in app.caption)


def test_a_province_filter_narrows_table_and_export_on_the_synthetic_database(synthetic_dashboard):
    app = open_page(synthetic_dashboard, "pages/explore.py")
    app.multiselect(key="filter_provinces").set_value(["An Giang"]).run()
    assert not app.exception
    table = app.dataframe[0].value
    assert set(table["Tỉnh (theo báo cáo)"]) == {"An Giang"}

    filters = Filters(provinces=("An Giang",))
    exported = pd.read_csv(io.BytesIO(exports.csv_download(filters, "vi")), encoding="utf-8-sig")
    assert len(exported) == queries.count(filters) > queries.PAGE_ROWS
    assert set(exported["Tỉnh (theo báo cáo)"]) == {"An Giang"}
    assert exported["Mã số liệu"].is_unique
    assert any(f"trên {len(exported):,}".replace(",", ".") in caption.value for caption in app.caption)


def test_a_second_page_of_the_table_shows_the_next_rows(synthetic_dashboard):
    app = open_page(synthetic_dashboard, "pages/explore.py")
    first = app.dataframe[0].value["Mã số liệu"].tolist()
    app.number_input(key="explore_table_page").set_value(2).run()
    second = app.dataframe[0].value["Mã số liệu"].tolist()
    assert len(second) == queries.PAGE_ROWS and not set(first) & set(second)
    assert any("Dòng 101–200" in caption.value for caption in app.caption)


def test_the_csv_lists_figures_in_the_order_the_table_pages_show_them(synthetic_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(synthetic_database))
    filters = Filters(categories=("poverty", "credit"))
    exported = pd.read_csv(io.BytesIO(exports.csv_download(filters, "en")), encoding="utf-8-sig")
    shown = [queries.table_page(filters, "en", page)["fact_id"].tolist() for page in (1, 2, 3)]
    assert exported["Figure id"].head(3 * queries.PAGE_ROWS).tolist() == shown[0] + shown[1] + shown[2]
    assert len(exported) == queries.count(filters)
