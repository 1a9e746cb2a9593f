"""Every poverty figure carries the standard it was measured under: the report's word, else its period."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import run
from etl.read_inputs import read_inputs
from etl.validate import validate
from tests.corpus import add_article, fact, web_source
from tests.helpers import edit_row


def standards(data_dir, tmp_path) -> dict[str, tuple]:
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute("SELECT fact_id, poverty_standard, poverty_standard_basis FROM facts").fetchall()
    return {fact_id: (standard, basis) for fact_id, standard, basis in rows}


@pytest.mark.parametrize(
    ("year", "standard"),
    [
        ("2014", "income_2011_2015"),
        ("2015", "income_2011_2015"),
        ("2016", "multidimensional_2016_2020"),
        ("2020", "multidimensional_2016_2020"),
        ("2021", "multidimensional_2016_2020"),  # the 2016-2020 standard stayed in force through 2021
        ("2022", "multidimensional_2022_2025"),
        ("2025", "multidimensional_2022_2025"),
    ],
)
def test_without_a_word_in_the_report_the_period_decides(data_dir, tmp_path, year, standard):
    add_article(
        data_dir, web_source("web-a"), [fact("web-a", 1, period_start=f"{year}-01-01", period_end=f"{year}-12-31")]
    )
    assert standards(data_dir, tmp_path)["web-a-01"] == (standard, "period")


def test_the_report_s_word_wins_over_the_period(data_dir, tmp_path):
    # The review at the end of 2021 already applied the 2022-2025 thresholds, and reports say so.
    named = fact(
        "web-a", 1, period_start="2021-12-31", period_end="2021-12-31", poverty_standard="multidimensional_2022_2025"
    )
    add_article(data_dir, web_source("web-a"), [named])
    assert standards(data_dir, tmp_path)["web-a-01"] == ("multidimensional_2022_2025", "report")


def test_figures_outside_the_poverty_topic_have_no_standard(data_dir, tmp_path):
    result = standards(data_dir, tmp_path)
    assert result["thaibinh-kienxuong-2024-01"] == (None, None)  # BHYT cards
    assert result["longan-2024-16"] == ("multidimensional_2022_2025", "period")  # 0,75% early 2024


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"poverty_standard": "income_1990"}, "unknown poverty standard 'income_1990'"),
        (
            {"period_start": "2031-01-01", "period_end": "2031-12-31"},
            "no poverty standard of poverty_standards.csv applies on 2031-12-31",
        ),
        (
            {"metric": "credit_outstanding", "unit": "VND", "poverty_standard": "multidimensional_2016_2020"},
            "only poverty figures have a poverty standard",
        ),
    ],
)
def test_a_standard_that_cannot_be_right_is_refused(data_dir, changes, message):
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1, **changes)])
    problems = [str(problem) for problem in validate(read_inputs(data_dir))]
    assert any("field 'poverty_standard'" in problem and message in problem for problem in problems), problems


def test_overlapping_periods_in_the_rule_are_refused(data_dir):
    line = edit_row(
        data_dir / "poverty_standards.csv", "poverty_standard", "multidimensional_2022_2025", applies_from="2021-06-01"
    )
    problems = [str(problem) for problem in validate(read_inputs(data_dir))]
    assert any(f"poverty_standards.csv:{line} " in p and "overlaps the standard on line" in p for p in problems), (
        problems
    )
