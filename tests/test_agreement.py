"""The same figure in several reports: every reading kept, duplicates and conflicts marked, conflicts listed."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import run
from tests.corpus import add_article, fact, web_source


@pytest.fixture
def three_readings(data_dir, tmp_path):
    """Long An's 2019 poverty rate read in three articles: two agree (1,75%), one does not (1,8%)."""
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1)])
    add_article(data_dir, web_source("web-b", publication_date="2020-02-01"), [fact("web-b", 1)])
    add_article(data_dir, web_source("web-c"), [fact("web-c", 1, value="1.8", quote="1,8%")])
    # The same value under another standard is another point, not a duplicate.
    named = fact("web-d", 1, poverty_standard="living_standards_survey")
    add_article(data_dir, web_source("web-d"), [named])
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    return database


def test_every_reading_is_kept_and_marked(three_readings):
    with duckdb.connect(str(three_readings), read_only=True) as connection:
        rows = connection.execute(
            "SELECT source_id, value, readings, agreement FROM figures WHERE source_id LIKE 'web-%' ORDER BY source_id"
        ).fetchall()
    assert rows == [
        ("web-a", 1.75, 3, "conflict"),
        ("web-b", 1.75, 3, "conflict"),
        ("web-c", 1.8, 3, "conflict"),
        ("web-d", 1.75, 1, "single"),
    ]


def test_agreeing_readings_are_duplicates(data_dir, tmp_path):
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1)])
    add_article(data_dir, web_source("web-b"), [fact("web-b", 1)])
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    with duckdb.connect(str(database), read_only=True) as connection:
        marks = connection.execute("SELECT DISTINCT agreement FROM figures WHERE source_id LIKE 'web-%'").fetchall()
        conflicts = connection.execute("SELECT count(*) FROM conflicts WHERE source_id LIKE 'web-%'").fetchone()[0]
    assert marks == [("duplicate",)] and conflicts == 0


def test_the_sources_page_lists_the_conflict(three_readings, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.paths import PROJECT_DIR

    monkeypatch.setenv("POVERTY_DB", str(three_readings))
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    app.switch_page("pages/sources.py").run()
    app.multiselect(key="filter_provinces").set_value(["Long An"]).run()
    app.slider(key="filter_years").set_value((2019, 2019)).run()
    assert not app.exception
    assert any(header.value == "Các báo cáo nói khác nhau" for header in app.header)
    tables = [frame.value for frame in app.dataframe]
    conflict_table = next(table for table in tables if "Mã số liệu" in table and "web-c-01" in set(table["Mã số liệu"]))
    ours = conflict_table[conflict_table["Mã số liệu"].str.startswith("web-")]
    assert set(ours["Mã số liệu"]) == {"web-a-01", "web-b-01", "web-c-01"}
    assert set(ours["Số liệu"]) == {"1,75%", "1,8%"}
