"""`python -m etl coverage`: what the corpus can compare, per topic, province and year.

First the headline indicators (data/metrics.meta.yml): for each, the years in which at least four of the
five provinces have the figure — province level, actual (not a target), for the province as it was before
1 July 2025, for the headline group, read for a whole year (a year-end stock or a calendar year's flow).
Then one matrix per headline metric and one per topic. A cell counts readings ("2!" when they disagree);
an empty cell is a gap: "×" where data/coverage_gaps.csv records a search of that topic that found
nothing, "·" where no search is recorded. Country and region rows follow the provinces.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

FIRST_YEAR, LAST_YEAR = 2015, 2025
TOPICS = ("poverty", "health_insurance", "credit", "support")
# A year is comparable on a headline indicator when this many of the provinces studied have its figure.
COMPARABLE_PROVINCES = 4
SEARCHED_NOTHING, NOT_SEARCHED = "×", "·"
# A headline cell whose only figures are of another measure (a survey's, or under another poverty standard):
# shown, so that nobody reads the cell as searched-and-missing, but never counted as comparable.
OTHER_MEASURE = "◇"
# How a row of a matrix is named on the command line; the dashboard names it in the reader's language.
PLACE_KINDS = ("province", "merged_province", "country", "region")
MERGED_SUFFIX = " (merged province from 1 July 2025)"

# The one rule by which a figure compares provinces in the year it stands for, wherever a year is counted as
# comparable or provinces are ranked: this matrix, `etl coverage`, the Overview's cards and the topic pages'
# rankings. It is a result, the reading drawn for its year (etl/figures.sql), for the province as it was before
# the merger, and measured under the poverty standard in force that year: a survey's own measure (the
# living-standards survey's 0.71 %) or a rate under the previous standard is never set beside the review's.
COMPARED_READING = "(series_choice = 1 AND NOT is_target AND NOT merged_province AND standard_in_force)"


def compared_in_year_sql(where: str = "true", years: str = "SELECT $year::INTEGER AS compared_year") -> str:
    """The one rule by which a one-year comparison takes its readings: for each year `years` lists (one column,
    compared_year; by default the parameter $year) and each place (province, or the country and regions),
    metric and group among the figures `where` selects, the reading compared in that year.

    A compared reading (COMPARED_READING) of that year if there is one; else, for a headline indicator, the
    nearest compared reading within its window (`window_years` of data/metrics.meta.yml; none for any other
    metric) that is measured under the poverty standard in force in the year compared too, so that a stand-in
    is never taken across a change of standard; being a compared reading, it is never a target nor the merged
    province's. Of two readings as near, the earlier: the level the province had reached by the date compared,
    already published then, rather than later progress shown as if reached by then. `stands_in` says whether
    the reading is of another year than compared_year (its own year is `year`); `window_years` is the metric's.
    """
    return f"""
        SELECT * FROM (
            SELECT
                figures.*,
                compared.compared_year,
                figures.year <> compared.compared_year AS stands_in,
                coalesce(
                    (SELECT window_years FROM headline_definitions WHERE headline_definitions.metric = figures.metric),
                    0
                ) AS window_years
            FROM figures CROSS JOIN ({years}) AS compared
            WHERE {where} AND {COMPARED_READING}
              AND (
                  figures.poverty_standard IS NULL
                  OR EXISTS (
                      SELECT 1 FROM poverty_standards AS standard
                      WHERE standard.poverty_standard = figures.poverty_standard
                        AND make_date(compared.compared_year, 12, 31) BETWEEN standard.applies_from
                            AND standard.applies_to
                  )
              )
        )
        WHERE abs(year - compared_year) <= window_years
        QUALIFY row_number() OVER (
            PARTITION BY compared_year, coalesce(province, area), area_level, metric, beneficiary_group
            ORDER BY abs(year - compared_year), year
        ) = 1
    """


# One row per place, kind of place, topic, metric and year: readings of actual figures, those of the
# headline figure that compare (read for a whole year, under the standard in force), those of the headline
# figure under another measure only, and whether readings of one point disagree.
COVERAGE_SQL = f"""
    SELECT
        coalesce(province, area) AS place,
        CASE WHEN merged_province THEN 'merged_province' ELSE area_level END AS place_kind,
        category,
        metric,
        year::INTEGER AS year,
        count(*)::INTEGER AS readings,
        count(*) FILTER (
            WHERE headline_rank IS NOT NULL AND series_choice IS NOT NULL AND standard_in_force
        )::INTEGER AS headline_readings,
        count(*) FILTER (
            WHERE headline_rank IS NOT NULL AND series_choice IS NOT NULL AND standard_in_force
                AND source_kind = 'office'
        )::INTEGER AS office_headline_readings,
        count(*) FILTER (
            WHERE headline_rank IS NOT NULL AND series_choice IS NOT NULL AND NOT standard_in_force
        )::INTEGER AS other_measure_readings,
        bool_or(headline_rank IS NOT NULL AND {COMPARED_READING}) AS compared,
        count(DISTINCT source_id)::INTEGER AS reports,
        bool_or(agreement = 'conflict') AS conflict
    FROM figures
    WHERE area_level IN ('country', 'region', 'province') AND NOT is_target AND year BETWEEN $first AND $last
    GROUP BY ALL
"""
HEADLINE_SQL = """
    SELECT metric, category, headline_rank, headline_group, label_vi, label_en, metrics.unit, metrics.measure,
           window_years
    FROM metrics LEFT JOIN headline_definitions USING (metric) WHERE headline_rank IS NOT NULL
    ORDER BY list_position($topics, category), headline_rank
"""


# Per year from $first to $last, the province-level headline cells a one-year comparison of that year fills,
# by compared_in_year_sql: with a reading of the year, or one standing in from within the indicator's window.
WINDOWED_CELLS_SQL = f"""
    SELECT province AS place, metric, compared_year AS year, stands_in
    FROM ({
    compared_in_year_sql(
        "headline_rank IS NOT NULL AND area_level = 'province'",
        "SELECT unnest(range($first, $last + 1))::INTEGER AS compared_year",
    )
})
"""


def windowed_cells(connection: duckdb.DuckDBPyConnection, last: int = LAST_YEAR) -> pd.DataFrame:
    return connection.execute(WINDOWED_CELLS_SQL, {"first": FIRST_YEAR, "last": last}).df()


def coverage_cells(connection: duckdb.DuckDBPyConnection, last: int = LAST_YEAR) -> pd.DataFrame:
    return connection.execute(COVERAGE_SQL, {"first": FIRST_YEAR, "last": last}).df()


def last_full_year(today: date) -> int:
    """The latest calendar year that has ended by `today`."""
    return today.year - 1


def headline_cells(cells: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """The cells (province, headline metric, year) of `provinces` that have a headline figure compared by the rule
    of COMPARED_READING, one row each, with how many of its readings come from published articles and how many
    from offices. This is what the comparable years count, and what a data request asks for where it is missing."""
    found = cells[(cells["place_kind"] == "province") & cells["place"].isin(provinces) & cells["compared"]]
    per_cell = found.groupby(["place", "metric", "year"], as_index=False)[
        ["headline_readings", "office_headline_readings"]
    ].sum()
    per_cell["article"] = per_cell["headline_readings"] - per_cell["office_headline_readings"]
    per_cell["office"] = per_cell["office_headline_readings"]
    return per_cell[["place", "metric", "year", "article", "office"]]


def missing_headline_cells(
    cells: pd.DataFrame, headlines: pd.DataFrame, province: str, last: int = LAST_YEAR
) -> pd.DataFrame:
    """The headline cells of one province without a headline figure, indicator by indicator (topic, then rank)
    and year by year from FIRST_YEAR to `last`: metric, headline_group, unit, measure, year."""
    found = headline_cells(cells, [province])
    have = set(zip(found["metric"], found["year"].astype(int), strict=True))
    rows = [
        {
            "metric": row.metric,
            "headline_group": row.headline_group,
            "unit": row.unit,
            "measure": row.measure,
            "year": year,
        }
        for row in headlines.itertuples()
        for year in range(FIRST_YEAR, last + 1)
        if (row.metric, year) not in have
    ]
    return pd.DataFrame(rows, columns=["metric", "headline_group", "unit", "measure", "year"])


def cells_by_kind(cells: pd.DataFrame, headlines: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """Per headline indicator: how many province-year cells have a figure from a published article, and how many
    one reported by an office (a cell with both counts in both)."""
    found = headline_cells(cells, provinces)
    rows = []
    for row in headlines.itertuples():
        mine = found[found["metric"] == row.metric]
        rows.append(
            {
                "category": row.category,
                "metric": row.metric,
                "article": int((mine["article"] > 0).sum()),
                "office": int((mine["office"] > 0).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["category", "metric", "article", "office"])


def headline_metrics(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The headline indicators, topic by topic, in rank order."""
    return connection.execute(HEADLINE_SQL, {"topics": list(TOPICS)}).df()


def matrix_choices(headlines: pd.DataFrame) -> list[tuple[str, str, str | None, bool]]:
    """The matrices in the order they are shown: (name, topic, metric or None, headline figures only)."""
    return [(row.metric, row.category, row.metric, True) for row in headlines.itertuples()] + [
        (topic, topic, None, False) for topic in TOPICS
    ]


def comparable_years(
    cells: pd.DataFrame,
    headlines: pd.DataFrame,
    provinces: list[str],
    minimum: int = COMPARABLE_PROVINCES,
    windowed: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per headline metric: the years in which at least `minimum` of `provinces` have its headline figure by
    the rule of COMPARED_READING (`years`), and, given `windowed` (windowed_cells), those in which they do once
    a reading within the indicator's window stands in for a missing one (`years_within`, the rule of a one-year
    comparison), with the window (`window_years`)."""
    found = headline_cells(cells, provinces)
    counts = found.groupby(["metric", "year"])["place"].nunique()
    if windowed is None:
        windowed = pd.DataFrame(columns=["place", "metric", "year", "stands_in"])
    within = windowed[windowed["place"].isin(provinces)].groupby(["metric", "year"])["place"].nunique()
    rows = []
    for row in headlines.itertuples():
        rows.append(
            {
                "category": row.category,
                "metric": row.metric,
                "headline_rank": row.headline_rank,
                "years": _years_reached(counts, row.metric, minimum),
                "years_within": _years_reached(within, row.metric, minimum),
                "window_years": getattr(row, "window_years", 0),
            }
        )
    return pd.DataFrame(rows, columns=["category", "metric", "headline_rank", "years", "years_within", "window_years"])


def _years_reached(counts: pd.Series, metric: str, minimum: int) -> list[int]:
    per_year = counts.get(metric, pd.Series(dtype=int)) if len(counts) else pd.Series(dtype=int)
    return sorted(int(year) for year, number in per_year.items() if number >= minimum)


def english_place(place: str, kind: str) -> str:
    return place + MERGED_SUFFIX if kind == "merged_province" else place


def matrices(
    cells: pd.DataFrame,
    gaps: pd.DataFrame,
    provinces: list[str],
    chosen: list[tuple[str, str, str | None, bool]],
    place_label: Callable[[str, str], str] = english_place,
) -> dict[str, pd.DataFrame]:
    """Per matrix (name, topic, metric or None, headline only): place × year, the number of readings ("2!"
    when they disagree) or a gap mark. Rows: the provinces studied, then the merged provinces, the country
    and the regions that have figures, each named by `place_label(place, kind)`."""
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    searched = pd.DataFrame(
        {"place": gaps["province"], "category": gaps["category"], "year": gaps["year"].astype(int), "searched": True}
    ).drop_duplicates(["place", "category", "year"])
    tables = {}
    for name, topic, metric, headline_only in chosen:
        found = cells[(cells["category"] == topic) & ((cells["metric"] == metric) if metric else True)]
        count_column = "headline_readings" if headline_only else "readings"
        found = found[found[count_column] > 0]
        per_cell = found.groupby(["place", "place_kind", "year"], as_index=False).agg(
            readings=(count_column, "sum"), conflict=("conflict", "any")
        )
        others = per_cell[per_cell["place_kind"] != "province"][["place", "place_kind"]].drop_duplicates()
        others = others.sort_values(
            ["place_kind", "place"],
            key=lambda column: column.map(PLACE_KINDS.index) if column.name == "place_kind" else column,
        )
        rows = [(place, "province") for place in provinces] + list(others.itertuples(index=False, name=None))
        index = pd.MultiIndex.from_tuples(rows, names=["place", "place_kind"])
        marks = pd.DataFrame(NOT_SEARCHED, index=index, columns=years, dtype=object)
        topic_gaps = searched[searched["category"] == topic]
        for gap in topic_gaps.itertuples():
            if (gap.place, "province") in marks.index and gap.year in marks.columns:
                marks.loc[(gap.place, "province"), gap.year] = SEARCHED_NOTHING
        if headline_only:
            other = cells[(cells["category"] == topic) & (cells["metric"] == metric)]
            for place, kind, year in other[other["other_measure_readings"] > 0][
                ["place", "place_kind", "year"]
            ].itertuples(index=False, name=None):
                if (place, kind) in marks.index and year in marks.columns:
                    marks.loc[(place, kind), year] = OTHER_MEASURE
        written = per_cell["readings"].astype(str) + per_cell["conflict"].map({True: "!", False: ""})
        for (place, kind, year), text in zip(
            per_cell[["place", "place_kind", "year"]].itertuples(index=False, name=None), written, strict=True
        ):
            if (place, kind) in marks.index and year in marks.columns:
                marks.loc[(place, kind), year] = text
        marks.index = [place_label(place, kind) for place, kind in marks.index]
        tables[name] = marks
    return tables


def run(database: Path, say: Callable[[str], None] = print) -> None:
    with duckdb.connect(str(database), read_only=True) as connection:
        cells = coverage_cells(connection)
        windowed = windowed_cells(connection)
        headlines = headline_metrics(connection)
        gaps = connection.execute("SELECT province, category, year FROM coverage_gaps").df()
        provinces = (
            connection.execute("SELECT DISTINCT province FROM sources WHERE province IS NOT NULL ORDER BY province")
            .df()["province"]
            .tolist()
        )
    say(
        f"Headline indicators: years in which at least {COMPARABLE_PROVINCES} of the {len(provinces)} provinces "
        "have the figure (province level, actual, before the 1 July 2025 merger, the headline group, read for a "
        "whole year): exactly, then once a province's nearest reading within the indicator's window stands in for "
        "a missing one (the one-year comparisons' rule)."
    )
    for row in comparable_years(cells, headlines, provinces, windowed=windowed).itertuples():
        exact = ", ".join(map(str, row.years)) or "none"
        within = ", ".join(map(str, row.years_within)) or "none"
        say(
            f"  {row.category:<17} {row.metric:<30} exactly {len(row.years):>2} year(s): {exact:<40} "
            f"within {row.window_years} year(s): {len(row.years_within):>2} year(s): {within}"
        )
    say("")
    say(
        "Headline cells (province and year) by where their figure comes from: a published article, "
        "or an office that filled in a data request (a cell with both is counted in both)."
    )
    for row in cells_by_kind(cells, headlines, provinces).itertuples():
        say(f"  {row.category:<17} {row.metric:<30} article {row.article:>3}   office {row.office:>3}")
    say("")
    say(
        "Readings per province and year ('!' readings disagree, "
        f"'{SEARCHED_NOTHING}' searched and not found, '{NOT_SEARCHED}' not searched, "
        f"'{OTHER_MEASURE}' only a figure of another measure, such as the living-standards survey); "
        "headline metrics count their headline figures only, topics every actual figure."
    )
    for name, table in matrices(cells, gaps, provinces, matrix_choices(headlines)).items():
        say("")
        say(f"{name}:")
        say(table.to_string())
