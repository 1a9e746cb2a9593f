"""`python -m etl coverage`: which province-level figures the corpus holds, per topic, province and year.

A cell counts the readings of actual (not target) province-level figures whose period ends in
that year. An empty cell is a gap: "×" where data/coverage_gaps.csv records a search of that
topic that found nothing, "·" where no search is recorded. The poverty rate, the figure most
comparisons start from, has its own matrix before the four topics; country and region figures
are listed under the provinces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

FIRST_YEAR, LAST_YEAR = 2015, 2025
TOPICS = ("poverty", "health_insurance", "credit", "support")
# Each matrix: its name, the topic whose recorded searches mark its gaps, and the metric it is limited to.
MATRICES = (("poverty_rate", "poverty", "poverty_rate"),) + tuple((topic, topic, None) for topic in TOPICS)
SEARCHED_NOTHING, NOT_SEARCHED = "×", "·"
MERGED_SUFFIX = " (merged 1 July 2025)"

# A cell's place: the province, country or region, with a province as merged on 1 July 2025 a row of
# its own (its figures describe another territory than the old province of the same name).
PLACE_SQL = f"CASE WHEN merged_province THEN province || '{MERGED_SUFFIX}' ELSE coalesce(province, area) END"

COVERAGE_SQL = f"""
    SELECT
        {PLACE_SQL} AS place,
        CASE WHEN merged_province THEN 'merged_province' ELSE area_level END AS area_level,
        category,
        metric,
        year(period_end)::INTEGER AS year,
        count(*)::INTEGER AS readings,
        count(DISTINCT source_id)::INTEGER AS reports,
        bool_or(agreement = 'conflict') AS conflict
    FROM figures
    WHERE area_level IN ('country', 'region', 'province') AND NOT is_target
      AND year(period_end) BETWEEN $first AND $last
    GROUP BY ALL
"""


def coverage_cells(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per place, topic and year with figures: readings, reports, and whether any conflict."""
    return connection.execute(COVERAGE_SQL, {"first": FIRST_YEAR, "last": LAST_YEAR}).df()


def matrices(
    cells: pd.DataFrame,
    gaps: pd.DataFrame,
    provinces: list[str],
    chosen: tuple[tuple[str, str, str | None], ...] = MATRICES,
) -> dict[str, pd.DataFrame]:
    """Per matrix (name, topic, metric or None), place × year: the number of readings ("2!" when they
    disagree), or a gap mark."""
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    searched = set(zip(gaps["province"], gaps["category"], gaps["year"].astype(int), strict=True))
    tables = {}
    for name, topic, metric in chosen:
        found = cells[(cells["category"] == topic) & ((cells["metric"] == metric) if metric else True)]
        found = found.groupby(["place", "area_level", "year"], as_index=False).agg(
            readings=("readings", "sum"), conflict=("conflict", "any")
        )
        places = provinces + sorted(set(found.loc[found["area_level"] != "province", "place"]))
        table = pd.DataFrame(index=places, columns=years, dtype=object)
        for place in places:
            for year in years:
                table.loc[place, year] = SEARCHED_NOTHING if (place, topic, year) in searched else NOT_SEARCHED
        for row in found.itertuples():
            if row.place in table.index:
                table.loc[row.place, row.year] = f"{row.readings}{'!' if row.conflict else ''}"
        tables[name] = table
    return tables


def run(database: Path, say: Callable[[str], None] = print) -> None:
    with duckdb.connect(str(database), read_only=True) as connection:
        cells = coverage_cells(connection)
        gaps = connection.execute("SELECT province, category, year FROM coverage_gaps").df()
        provinces = (
            connection.execute("SELECT DISTINCT province FROM sources WHERE province IS NOT NULL ORDER BY province")
            .df()["province"]
            .tolist()
        )
    say(
        "Province-level figures (readings of actual figures, by the year their period ends); "
        f"'!' readings disagree, '{SEARCHED_NOTHING}' searched and not found, '{NOT_SEARCHED}' not searched."
    )
    for topic, table in matrices(cells, gaps, provinces).items():
        say("")
        say(f"{topic}:")
        say(table.to_string())
