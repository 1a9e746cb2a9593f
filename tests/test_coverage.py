"""`python -m etl coverage`: the province × year figures of each topic, gaps marked."""

from __future__ import annotations

import duckdb

from etl.__main__ import main
from etl.build import run
from etl.coverage import (
    NOT_SEARCHED,
    SEARCHED_NOTHING,
    comparable_years,
    coverage_cells,
    headline_metrics,
    matrices,
    matrix_choices,
)
from tests.corpus import add_article, append_rows, fact, web_source


def coverage_of(data_dir, database) -> dict:
    run(data_dir, database, say=lambda _: None)
    with duckdb.connect(str(database), read_only=True) as connection:
        cells = coverage_cells(connection)
        gaps = connection.execute("SELECT province, category, year FROM coverage_gaps").df()
        headlines = headline_metrics(connection)
    return matrices(cells, gaps, ["Long An", "Nghệ An"], matrix_choices(headlines))


def readings(cell: str) -> int:
    return 0 if cell in (NOT_SEARCHED, SEARCHED_NOTHING) else int(cell.rstrip("!"))


def test_coverage_counts_province_figures_and_marks_known_gaps(data_dir, tmp_path, capsys):
    before = coverage_of(data_dir, tmp_path / "before.duckdb")
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1, period_start="2017-01-01", period_end="2017-12-31")])
    other = fact("web-b", 1, value="1.8", quote="1,8%", period_start="2017-01-01", period_end="2017-12-31")
    add_article(data_dir, web_source("web-b"), [other])
    national = fact("web-vn", 1, province="", area="Cả nước", area_level="country", value="3.75", quote="3,75%")
    add_article(data_dir, web_source("web-vn", province=""), [national])
    # A province no report covers: before, nothing is known of its credit in 2016.
    searched = {"province": "Nghệ An", "category": "credit", "year": "2016", "queries": "q1 | q2", "outcome": "none"}
    append_rows(data_dir, "coverage_gaps", [searched])
    database = tmp_path / "after.duckdb"
    after = coverage_of(data_dir, database)

    rate_before, rate_after = before["poverty_rate"].loc["Long An"], after["poverty_rate"].loc["Long An"]
    assert readings(rate_after[2017]) == readings(rate_before[2017]) + 2
    assert rate_after[2017].endswith("!")  # 1,75% and 1,8% for the same point disagree
    topic_before, topic_after = before["poverty"].loc["Long An"], after["poverty"].loc["Long An"]
    assert readings(topic_after[2017]) == readings(topic_before[2017]) + 2
    assert readings(after["poverty_rate"].loc["Cả nước"][2019]) >= 1
    target = fact("web-t", 1, is_target="true", period_start="2017-01-01", period_end="2017-12-31")
    add_article(data_dir, web_source("web-t"), [target])
    assert readings(coverage_of(data_dir, tmp_path / "target.duckdb")["poverty_rate"].loc["Long An"][2017]) == 2
    assert before["credit"].loc["Nghệ An"][2016] == NOT_SEARCHED
    assert after["credit"].loc["Nghệ An"][2016] == SEARCHED_NOTHING

    assert main(["coverage", "--database", str(database)]) == 0
    printed = capsys.readouterr().out
    assert "poverty_rate:" in printed and "health_insurance:" in printed and "support:" in printed
    assert "Headline indicators" in printed.splitlines()[0]
    long_an = next(line for line in printed.split("poverty_rate:")[1].splitlines() if line.startswith("Long An"))
    assert long_an.split()[2:][2017 - 2015] == rate_after[2017]


def test_coverage_needs_a_database(tmp_path, capsys):
    assert main(["coverage", "--database", str(tmp_path / "none.duckdb")]) == 1
    assert "run python -m etl build first" in capsys.readouterr().err


def test_a_year_is_comparable_when_four_provinces_have_the_headline_figure(data_dir, tmp_path):
    """Four provinces with a 2017 poverty rate make 2017 comparable; three do not, nor does a target, a
    district figure or another group."""
    provinces = ["Thái Bình", "Phú Thọ", "Hải Dương", "Long An", "An Giang"]

    def rate(source_id: str, province: str, **changes: str) -> dict[str, str]:
        return (
            fact(source_id, 1, province=province, area=province, period_start="2024-12-31", period_end="2024-12-31")
            | changes
        )

    def comparable(database) -> list[int]:
        run(data_dir, database, say=lambda _: None)
        with duckdb.connect(str(database), read_only=True) as connection:
            years = comparable_years(coverage_cells(connection), headline_metrics(connection), provinces)
        return years.set_index("metric").loc["poverty_rate", "years"]

    for number, province in enumerate(provinces[:3]):
        add_article(data_dir, web_source(f"web-{number}", province=province), [rate(f"web-{number}", province)])
    others = [
        rate("web-target", "Long An", is_target="true"),
        rate("web-district", "Long An", area="Cần Đước", area_level="district"),
        rate("web-group", "Long An", beneficiary_group="ethnic_minority"),
    ]
    for row in others:
        add_article(data_dir, web_source(row["source_id"]), [row])
    assert 2024 not in comparable(tmp_path / "three.duckdb")
    add_article(data_dir, web_source("web-fourth", province="An Giang"), [rate("web-fourth", "An Giang")])
    assert 2024 in comparable(tmp_path / "four.duckdb")
