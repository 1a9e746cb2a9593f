"""The one query layer: parameterised SQL on a read-only DuckDB connection, returning small DataFrames.

Pages never read files or write SQL; they describe what they want with `Filters`.
Filtering, counting, ranking and paging happen in DuckDB, so a page receives at most a
chart's bars or a table's page whatever the size of the database. Results are cached per
filter values and per database file version, so a rebuilt database is read afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from app import labels
from app.tables import COLUMNS
from etl import coverage as coverage_matrices
from etl.paths import database_path
from etl.request_workbook import request_workbook as workbook_of_request

TOPICS = coverage_matrices.TOPICS

# The most bars one chart draws, and the rows one table page shows; the rest stays in DuckDB.
MAX_BARS = 40
PAGE_ROWS = 100
MAX_CHANGES = 200
SOURCES_PER_PAGE = 20


@dataclass(frozen=True)
class Filters:
    """What the analyst picked. None means "all"; an empty tuple matches nothing."""

    provinces: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    metrics: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None
    year_from: int | None = None
    year_to: int | None = None
    targets: str = "all"  # all | actual | target

    def within(self, **narrower: tuple[str, ...]) -> Filters:
        """These filters intersected with a page's own scope, e.g. within(categories=("poverty",))."""
        changes = {}
        for field, allowed in narrower.items():
            chosen = getattr(self, field)
            changes[field] = tuple(allowed) if chosen is None else tuple(v for v in chosen if v in allowed)
        return replace(self, **changes)


def database_version() -> tuple[str, int]:
    """The database path and its modification time: the cache key of every result."""
    path = database_path()
    return str(path), path.stat().st_mtime_ns


# DuckDB shares one database instance per path inside a process, so the connection to a
# replaced file must be closed before the new file is opened, or reads see the old data.
# Closing it under a query that another session is running would break that query: a
# connection is swapped only when no query holds it.
_condition = threading.Condition()
_connections: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}
_queries_running = 0


@contextmanager
def _connection(path: str, version: int) -> Iterator[duckdb.DuckDBPyConnection]:
    global _queries_running
    with _condition:
        current = _connections.get(path)
        if current is None or current[0] < version:
            _condition.wait_for(lambda: _queries_running == 0)
            current = _connections.get(path)
            if current is None or current[0] < version:
                if current:
                    current[1].close()
                current = (version, duckdb.connect(path, read_only=True))
                # A cap on DuckDB's buffer pool (80% of the machine otherwise): a million-row download
                # streams through it instead of keeping the whole file in memory beside the bytes
                # handed to the browser. Set, not passed to connect(), so that other connections to
                # the file in this process (the readability check, tests) need no matching config.
                current[1].execute("SET memory_limit = '512MB'")
                _connections[path] = current
        _queries_running += 1
    try:
        yield current[1]
    finally:
        with _condition:
            _queries_running -= 1
            _condition.notify_all()


def close_connections() -> None:
    """Close every cached connection, so the next query opens the database file anew.

    Needed after this process replaced the file: a new connection to the same path would
    otherwise be handed DuckDB's instance of the old file while one is still open.
    """
    with _condition:
        _condition.wait_for(lambda: _queries_running == 0)
        for _, connection in _connections.values():
            connection.close()
        _connections.clear()


def run_query(sql: str, parameters: dict | None = None, version: tuple[str, int] | None = None) -> pd.DataFrame:
    path, stamp = version or database_version()
    with _connection(path, stamp) as connection:
        cursor = connection.cursor()
        try:
            return cursor.execute(sql, parameters or {}).df()
        finally:
            cursor.close()


# Each filter the analyst set becomes one condition on `figures` (etl/figures.sql: the facts with
# their labels, stored in list order). Leaving out the conditions of filters not set lets DuckDB
# skip blocks by their min/max.
CONDITIONS = {
    "provinces": "list_contains($provinces, province)",
    "categories": "list_contains($categories, category)",
    "metrics": "list_contains($metrics, metric)",
    "levels": "list_contains($levels, area_level)",
    "groups": "list_contains($groups, beneficiary_group)",
    "year_from": "period_end >= make_date($year_from, 1, 1)",
    "year_to": "period_start <= make_date($year_to, 12, 31)",
}


def _where(filters: Filters) -> tuple[str, dict]:
    """The WHERE condition of these filters, and its parameters."""
    conditions, parameters = ["true"], {}
    for field, condition in CONDITIONS.items():
        value = getattr(filters, field)
        if value is not None:
            conditions.append(condition)
            parameters[field] = (list(value) or [""]) if isinstance(value, tuple) else value
    if filters.targets != "all":
        conditions.append("is_target = $is_target")
        parameters["is_target"] = filters.targets == "target"
    return " AND ".join(conditions), parameters


# The order figures are listed in, on screen and in files.
LIST_ORDER = "list_position"
# Widest areas and latest periods first: what a chart keeps when more figures match than it can draw.
CHART_PRIORITY = """
    CASE area_level WHEN 'province' THEN 0 WHEN 'country' THEN 1 WHEN 'region' THEN 2 WHEN 'district' THEN 3 ELSE 4 END,
    period_end DESC, province, metric, beneficiary_group, area, fact_id
"""


def count(filters: Filters) -> int:
    """How many figures match."""
    return _count(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _count(filters: Filters, version: tuple[str, int]) -> int:
    where, parameters = _where(filters)
    sql = f"SELECT count(*) AS figures FROM figures WHERE {where}"
    return int(run_query(sql, parameters, version)["figures"].iloc[0])


def chart_rows(filters: Filters) -> pd.DataFrame:
    """The figures one chart draws: one bar per point, cited to the reading etl/figures.sql prefers among the
    reports that give it (point_choice), at most MAX_BARS, widest areas and latest periods first."""
    return _chart_rows(filters, database_version())


def point_count(filters: Filters) -> int:
    """How many points match: figures given by several reports count once, as a chart draws them."""
    return _point_count(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _point_count(filters: Filters, version: tuple[str, int]) -> int:
    where, parameters = _where(filters)
    sql = f"SELECT count(*) AS points FROM figures WHERE {where} AND point_choice = 1"
    return int(run_query(sql, parameters, version)["points"].iloc[0])


@st.cache_data(show_spinner=False, max_entries=256)
def _chart_rows(filters: Filters, version: tuple[str, int]) -> pd.DataFrame:
    where, parameters = _where(filters)
    sql = f"""
        WITH chosen AS (
            SELECT * FROM figures WHERE {where} AND point_choice = 1 ORDER BY {CHART_PRIORITY} LIMIT {MAX_BARS}
        )
        SELECT * FROM chosen ORDER BY {LIST_ORDER}
    """
    return run_query(sql, parameters, version)


def _readable_columns(language: str, with_headers: bool, byte_order_mark: bool = False) -> tuple[str, dict]:
    """The SELECT list of a table as shown and downloaded (the columns of app/tables.py), and its parameters.

    With a byte-order mark, the first header starts with one: in a CSV file written by DuckDB,
    that is how Excel recognises UTF-8.
    """
    if language not in labels.LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    expressions = {
        # The country and regions in the reader's language; a national figure has no province.
        "province": "coalesce(province, '')",
        "area": f"place_{language}",
        "area_level_label": "map($level_keys, $level_names)[area_level]",
        "period_start": "strftime(period_start, '%Y-%m-%d')",
        "period_end": "strftime(period_end, '%Y-%m-%d')",
        "metric_label": f"metric_label_{language}",
        "group_label": f"group_label_{language}",
        "value_label": f"value_text_{language}",
        "unit_label": "map($unit_keys, $unit_names)[unit]",
        "qualifier_label": "map($qualifier_keys, $qualifier_names)[qualifier]",
        "target_label": "CASE WHEN is_target THEN $target_word ELSE $actual_word END",
        "poverty_standard_label": f"poverty_standard_label_{language}",
        "agreement_label": "map($agreement_keys, $agreement_names)[agreement]",
    }

    def alias(index: int, column: str) -> str:
        name = COLUMNS[column][language] if with_headers else column
        name = "\ufeff" + name if byte_order_mark and index == 0 else name
        return '"' + name.replace('"', '""') + '"'

    select = ", ".join(
        f"{expressions.get(column, column)} AS {alias(index, column)}" for index, column in enumerate(COLUMNS)
    )
    parameters = {"target_word": labels.text("target", language), "actual_word": labels.text("actual", language)}
    for name, words in (
        ("level", labels.LEVELS),
        ("unit", labels.UNITS),
        ("qualifier", labels.QUALIFIER_WORDS),
        ("agreement", labels.AGREEMENT),
    ):
        parameters[f"{name}_keys"] = list(words)
        parameters[f"{name}_names"] = [word[language] for word in words.values()]
    return select, parameters


def source_details(fact_ids: tuple[str, ...]) -> pd.DataFrame:
    """The report behind each of these figures as a citation needs it (labels.citation), by fact_id."""
    return _source_details(fact_ids, database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _source_details(fact_ids: tuple[str, ...], version: tuple[str, int]) -> pd.DataFrame:
    sql = """
        SELECT fact_id, source_title, source_publisher, source_publication_date, source_published_not_before,
               source_published_not_after, source_tier, source_kind
        FROM figures WHERE list_contains($ids, fact_id)
    """
    return run_query(sql, {"ids": list(fact_ids) or [""]}, version)


def table_page(filters: Filters, language: str, page: int = 1) -> pd.DataFrame:
    """One page (PAGE_ROWS rows) of the figures as the tables show them, with internal column names."""
    return _table_page(filters, language, page, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _table_page(filters: Filters, language: str, page: int, version: tuple[str, int]) -> pd.DataFrame:
    return _readable_rows(filters, language, PAGE_ROWS * (max(page, 1) - 1), PAGE_ROWS, version)


def readable_rows(filters: Filters, language: str, offset: int = 0, limit: int = PAGE_ROWS) -> pd.DataFrame:
    """Matching figures from `offset`, at most `limit`, as the tables show them; not cached (for downloads)."""
    return _readable_rows(filters, language, offset, limit, database_version())


def _readable_rows(filters: Filters, language: str, offset: int, limit: int, version: tuple[str, int]) -> pd.DataFrame:
    select, parameters = _readable_columns(language, with_headers=False)
    where, conditions = _where(filters)
    sql = f"""
        SELECT {select} FROM figures WHERE {where} ORDER BY {LIST_ORDER} LIMIT $limit OFFSET $offset
    """
    parameters |= conditions | {"offset": offset, "limit": limit}
    return run_query(sql, parameters, version)


def write_csv(filters: Filters, language: str, path: Path) -> None:
    """Every matching figure, as the tables show them, written by DuckDB straight to a CSV file.

    The file is complete as DuckDB writes it, byte-order mark included, and never passes through pandas.
    """
    select, parameters = _readable_columns(language, with_headers=True, byte_order_mark=True)
    where, conditions = _where(filters)
    target = str(path).replace("'", "''")
    sql = f"""
        COPY (
            SELECT {select} FROM figures WHERE {where}
        )
        TO '{target}' (FORMAT csv, HEADER true)
    """
    run_query(sql, parameters | conditions)  # COPY answers with the count of rows written


def changes(filters: Filters) -> tuple[pd.DataFrame, int]:
    """Each rate result beside the next figure (result or target) for the same report, area, metric, group and
    poverty standard: never a change across a new standard or the merger.

    Returns at most MAX_CHANGES pairs, and how many there are.
    """
    return _changes(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _changes(filters: Filters, version: tuple[str, int]) -> tuple[pd.DataFrame, int]:
    where, parameters = _where(filters)
    sql = f"""
        WITH paired AS (
            SELECT *,
                lead(period_start) OVER next_figure AS later_start,
                lead(period_end) OVER next_figure AS later_end,
                lead(value) OVER next_figure AS later_value,
                lead(qualifier) OVER next_figure AS later_qualifier,
                lead(is_target) OVER next_figure AS later_is_target,
                lead(fact_id) OVER next_figure AS later_fact
            FROM figures
            WHERE {where} AND unit = 'percent'
            WINDOW next_figure AS (
                -- A change is computed only within one poverty standard and one side of the merger.
                PARTITION BY source_id, area, area_level, merged_province, metric, beneficiary_group, poverty_standard
                ORDER BY period_end, is_target, fact_id
            )
        ),
        chosen AS (
            SELECT *, count(*) OVER () AS matching FROM paired
            WHERE NOT is_target AND later_end > period_end
            ORDER BY province, area, metric, period_end
            LIMIT {MAX_CHANGES}
        )
        SELECT
            province, area, place_vi, place_en, area_level, metric, metric_label_vi, metric_label_en, beneficiary_group,
            period_start AS earlier_start, period_end AS earlier_end,
            value AS earlier_value, qualifier AS earlier_qualifier, is_target AS earlier_is_target,
            later_start, later_end, later_value, later_qualifier, later_is_target,
            later_value - value AS change,
            fact_id AS earlier_fact, later_fact, matching
        FROM chosen
        ORDER BY province, area, metric, earlier_end
    """
    rows = run_query(sql, parameters, version)
    matching = int(rows["matching"].iloc[0]) if len(rows) else 0
    return rows.drop(columns="matching"), matching


def derived_ratios(filters: Filters, numerator: str, denominator: str) -> pd.DataFrame:
    """numerator / denominator for figures of one report about the same area, period and group.

    Used for cost per BHYT card and credit per borrower. The ratio keeps a qualifier:
    exact when both figures are exact, the numerator's when only it is qualified
    ("hơn 1,4 tỷ" / 1.574 is more than 889.454), and 'about' otherwise.
    Returns at most MAX_BARS ratios, chosen as a chart chooses its bars.
    """
    return _derived_ratios(filters, numerator, denominator, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _derived_ratios(filters: Filters, numerator: str, denominator: str, version: tuple[str, int]) -> pd.DataFrame:
    where, parameters = _where(filters.within(metrics=(numerator, denominator)))
    sql = f"""
        WITH chosen_figures AS (SELECT * FROM figures WHERE {where}),
        ratios AS (
            SELECT
                top.source_id, top.province, top.area, top.area_level, top.period_start, top.period_end,
                top.period_label, top.metric, top.beneficiary_group, top.is_target,
                top.value / bottom.value AS value,
                CASE WHEN bottom.qualifier = 'exact' THEN top.qualifier ELSE 'about' END AS qualifier,
                top.unit, top.fact_id, bottom.fact_id AS denominator_fact_id,
                top.quote || ' ÷ ' || bottom.quote AS quote, top.sentence,
                top.province_2025, top.category, top.metric_label_vi, top.metric_label_en,
                top.group_label_vi, top.group_label_en, top.source_title, top.source_url,
                top.year, top.period_text, top.merged_province, top.source_publisher, top.source_publication_date,
                top.poverty_standard_label_vi, top.poverty_standard_label_en, top.place_vi, top.place_en,
                top.survey_measure, top.source_tier, top.source_kind
            FROM chosen_figures AS top
            JOIN chosen_figures AS bottom
              ON top.source_id = bottom.source_id AND top.area = bottom.area
             AND top.area_level = bottom.area_level AND top.merged_province = bottom.merged_province
             AND top.period_start = bottom.period_start AND top.period_end = bottom.period_end
             AND top.beneficiary_group = bottom.beneficiary_group AND top.is_target = bottom.is_target
            WHERE top.metric = $numerator AND bottom.metric = $denominator AND bottom.value > 0
        ),
        chosen AS (SELECT * FROM ratios ORDER BY {CHART_PRIORITY} LIMIT {MAX_BARS})
        SELECT * FROM chosen ORDER BY province, area, beneficiary_group, period_start
    """
    parameters |= {"numerator": numerator, "denominator": denominator}
    return run_query(sql, parameters, version)


def coverage(filters: Filters) -> pd.DataFrame:
    """Province × category: how many figures match, with the province since July 2025."""
    return _coverage(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _coverage(filters: Filters, version: tuple[str, int]) -> pd.DataFrame:
    where, parameters = _where(filters)
    sql = f"""
        SELECT province, province_2025, category, count(*)::INTEGER AS figures
        FROM figures WHERE {where} AND province IS NOT NULL
        GROUP BY ALL ORDER BY province, category
    """
    return run_query(sql, parameters, version)


def coverage_grid(coverage: pd.DataFrame, language: str) -> pd.DataFrame:
    """coverage() as province × topic, zero where a report says nothing on a topic."""
    categories = options()["categories"]["category"].tolist()
    grid = coverage.pivot(index="province", columns="category", values="figures")
    grid = grid.reindex(columns=categories).fillna(0).astype(int)
    return grid.rename(columns=lambda category: labels.category_name(category, language))


def options() -> dict[str, pd.DataFrame]:
    """What the filters can offer, with labels."""
    return _options(database_version())


@st.cache_data(show_spinner=False)
def _options(version: tuple[str, int]) -> dict[str, pd.DataFrame]:
    return {
        "provinces": run_query(
            "SELECT province, province_2025 FROM provinces WHERE province IN (SELECT province FROM facts) "
            "ORDER BY province",
            version=version,
        ),
        "categories": run_query(
            "SELECT DISTINCT category FROM metrics WHERE metric IN (SELECT metric FROM facts) ORDER BY category",
            version=version,
        ),
        "metrics": run_query(
            "SELECT metric, category, label_vi, label_en, unit FROM metrics "
            "WHERE metric IN (SELECT metric FROM facts) ORDER BY category, metric",
            version=version,
        ),
        "groups": run_query(
            "SELECT beneficiary_group, label_vi, label_en FROM beneficiary_groups "
            "WHERE beneficiary_group IN (SELECT beneficiary_group FROM facts) ORDER BY beneficiary_group",
            version=version,
        ),
        "levels": run_query("SELECT DISTINCT area_level FROM facts ORDER BY area_level", version=version),
        "years": run_query(
            "SELECT min(year(period_start)) AS first, max(year(period_end)) AS last FROM facts", version=version
        ),
    }


def series_title(metric: str, language: str) -> str:
    """The title of a metric's lines over the years: "Tỷ lệ hộ nghèo qua các năm (cấp tỉnh)"."""
    return labels.text("series_title", language, metric=metric_labels(language)[metric])


def metric_labels(language: str) -> dict[str, str]:
    """Each metric's name in the language, for labels drawn many times a run (options() copies frames)."""
    return _metric_labels(language, database_version())


@st.cache_data(show_spinner=False)
def _metric_labels(language: str, version: tuple[str, int]) -> dict[str, str]:
    return (
        run_query("SELECT metric, label_vi, label_en FROM metrics", version=version)
        .set_index("metric")[f"label_{language}"]
        .to_dict()
    )


def sources_of(filters: Filters, limit: int = 200) -> pd.DataFrame:
    """The reports that gave the matching figures (at most `limit`)."""
    return _sources_of(filters, limit, database_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _sources_of(filters: Filters, limit: int, version: tuple[str, int]) -> pd.DataFrame:
    where, parameters = _where(filters)
    sql = f"""
        SELECT * FROM sources
        WHERE source_id IN (SELECT source_id FROM figures WHERE {where})
        ORDER BY province, source_id LIMIT $limit
    """
    return run_query(sql, parameters | {"limit": limit}, version)


MAX_CONFLICT_READINGS = 200


def conflicts(filters: Filters, language: str) -> pd.DataFrame:
    """The readings of points on which reports disagree, point by point, as the tables show them
    (at most MAX_CONFLICT_READINGS)."""
    return _conflicts(filters, language, database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _conflicts(filters: Filters, language: str, version: tuple[str, int]) -> pd.DataFrame:
    select, parameters = _readable_columns(language, with_headers=False)
    where, conditions = _where(filters)
    sql = f"""
        SELECT {select} FROM figures
        WHERE {where} AND agreement = 'conflict'
        ORDER BY province NULLS FIRST, area, metric, beneficiary_group, period_start, period_end,
                 source_publication_date, fact_id
        LIMIT {MAX_CONFLICT_READINGS}
    """
    return run_query(sql, parameters | conditions, version)


def source_ids() -> set[str]:
    """Every report's id, so that a new report gets one not yet taken."""
    return set(run_query("SELECT source_id FROM sources")["source_id"])


# What a search of the reports looks in; accents and case do not matter ("thai binh" finds Thái Bình).
SOURCE_SEARCH = """
    ($search = '' OR strip_accents(lower(concat_ws(' ', source_id, title, publisher, author, province, url)))
        LIKE '%' || strip_accents(lower($search)) || '%')
"""


def source_count(search: str = "") -> int:
    return _source_count(search.strip(), database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _source_count(search: str, version: tuple[str, int]) -> int:
    sql = f"SELECT count(*) AS reports FROM sources WHERE {SOURCE_SEARCH}"
    return int(run_query(sql, {"search": search}, version=version)["reports"].iloc[0])


def sources(page: int = 1, search: str = "") -> pd.DataFrame:
    """One page (SOURCES_PER_PAGE) of the reports a search finds (all without one), with their current province
    and the figures each gave."""
    return _sources(page, search.strip(), database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _sources(page: int, search: str, version: tuple[str, int]) -> pd.DataFrame:
    return run_query(
        f"""
        WITH page AS (
            SELECT * FROM sources WHERE {SOURCE_SEARCH}
            ORDER BY province, source_id LIMIT {SOURCES_PER_PAGE} OFFSET $offset
        )
        SELECT page.*, provinces.province_2025, publishers.tier, source_notes_vi.note_vi,
               (SELECT count(*) FROM facts WHERE facts.source_id = page.source_id) AS figures,
               -- Points this report is cited for: a foreign outlet's are those no other report gives.
               (SELECT count(*) FROM figures WHERE figures.source_id = page.source_id AND point_choice = 1)
                   AS cited_points
        FROM page LEFT JOIN provinces USING (province) LEFT JOIN publishers USING (publisher)
            LEFT JOIN source_notes_vi USING (source_id)
        ORDER BY province, source_id
        """,
        {"offset": SOURCES_PER_PAGE * (max(page, 1) - 1), "search": search},
        version=version,
    )


# Series: a line per province over the years, one value a year (the rule of etl/figures.sql).
MAX_SERIES_PROVINCES = 8
MAX_SERIES_READINGS = 3000
SERIES_LEVELS = ("province", "country", "region")


def studied_provinces() -> tuple[str, ...]:
    """The provinces that have reports of their own (the five), in name order."""
    return _studied_provinces(database_version())


@st.cache_data(show_spinner=False)
def _studied_provinces(version: tuple[str, int]) -> tuple[str, ...]:
    sql = "SELECT DISTINCT province FROM sources WHERE province IS NOT NULL ORDER BY province"
    return tuple(run_query(sql, version=version)["province"])


def series(filters: Filters, metric: str) -> pd.DataFrame:
    """Every reading of the yearly series of `metric`: province lines, and the country and the regions of
    those provinces as references. `series_choice` = 1 marks the reading drawn for its year; the others
    come with it for the hover and the download. Results only, never targets."""
    return _series(filters, metric, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _series(filters: Filters, metric: str, version: tuple[str, int]) -> pd.DataFrame:
    provinces = compared_provinces(filters)
    where, parameters = _where(replace(filters, provinces=None, levels=None, metrics=(metric,), targets="actual"))
    sql = f"""
        WITH readings AS (
            SELECT * FROM figures
            WHERE {where} AND series_choice IS NOT NULL AND area_level IN ('province', 'country', 'region')
        ),
        lines AS (
            SELECT province, count(*) AS points FROM readings
            WHERE area_level = 'province' AND series_choice = 1 AND list_contains($provinces, province)
            GROUP BY province
            ORDER BY points DESC, province
            LIMIT {MAX_SERIES_PROVINCES}
        ),
        regions AS (SELECT DISTINCT region FROM provinces WHERE province IN (SELECT province FROM lines))
        -- The country and regions are references only for rates: a national balance or count is on another
        -- scale, and drawn on the provinces' axis it would flatten them.
        SELECT * FROM readings
        WHERE province IN (SELECT province FROM lines)
           OR (unit = 'percent' AND area_level = 'country')
           OR (unit = 'percent' AND area_level = 'region' AND area IN (SELECT region FROM regions))
        ORDER BY series_choice, area_level, province, area, beneficiary_group, year
        LIMIT {MAX_SERIES_READINGS}
    """
    return run_query(sql, parameters | {"provinces": provinces}, version)


def series_metrics(filters: Filters, metrics: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `metrics` with a province-level series: two years or more for some province."""
    return _series_metrics(filters, metrics, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _series_metrics(filters: Filters, metrics: tuple[str, ...], version: tuple[str, int]) -> tuple[str, ...]:
    where, parameters = _where(replace(filters.within(metrics=metrics), levels=("province",), targets="actual"))
    sql = f"""
        SELECT DISTINCT metric FROM (
            SELECT metric FROM figures WHERE {where} AND series_choice = 1
            GROUP BY metric, province, merged_province, beneficiary_group
            HAVING count(DISTINCT year) >= 2
        )
    """
    found = set(run_query(sql, parameters, version)["metric"])
    return tuple(metric for metric in metrics if metric in found)


def poverty_standards() -> pd.DataFrame:
    """The poverty standards and the dates each applies (none for a survey's own measure)."""
    return _poverty_standards(database_version())


@st.cache_data(show_spinner=False)
def _poverty_standards(version: tuple[str, int]) -> pd.DataFrame:
    return run_query("SELECT * FROM poverty_standards ORDER BY applies_from NULLS LAST", version=version)


def standard_in_force(year: int) -> str | None:
    """The poverty standard of poverty_standards.csv in force at the end of `year`."""
    return _standard_in_force(year, database_version())


@st.cache_data(show_spinner=False)
def _standard_in_force(year: int, version: tuple[str, int]) -> str | None:
    sql = """
        SELECT poverty_standard FROM poverty_standards
        WHERE make_date($year, 12, 31) BETWEEN applies_from AND applies_to
    """
    found = run_query(sql, {"year": year}, version)
    return found["poverty_standard"].iloc[0] if len(found) else None


def compared_provinces(filters: Filters) -> list[str]:
    """The provinces a series or a ranking compares: those picked, else the five with reports of their own
    (a province named once in a national report would be a lone point or an empty row)."""
    return list(filters.provinces) if filters.provinces else list(studied_provinces())


def _is_poverty_metric(metric: str, version: tuple[str, int]) -> bool:
    return _options(version)["metrics"].set_index("metric").loc[metric, "category"] == "poverty"


def is_poverty_metric(metric: str) -> bool:
    """Whether a metric is of the poverty topic, whose figures carry a poverty standard."""
    return bool(_is_poverty_metric(metric, database_version()))


def headline_definition(metric: str, language: str) -> str | None:
    """A headline indicator's exact definition in the language (data/metrics.meta.yml, metrics.csv), else None."""
    headlines = headline_metrics().set_index("metric")
    if metric not in headlines.index:
        return None
    return str(headlines.loc[metric, "definition_vi" if language == "vi" else "definition"])


def series_years(filters: Filters, metric: str, at_least: int = 2) -> list[int]:
    """The years in which at least `at_least` of the provinces a ranking shows have a drawn province-level
    value of `metric` (for its compared group): those where most provinces have one first, then the latest.
    A ranking of one province is no comparison, so by default a year needs two."""
    return _series_years(filters, metric, compared_group(metric), at_least, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _series_years(filters: Filters, metric: str, group: str, at_least: int, version: tuple[str, int]) -> list[int]:
    where, parameters = _where(
        replace(filters, levels=("province",), metrics=(metric,), groups=(group,), targets="actual")
    )
    sql = f"""
        -- The rule of the ranking itself: a poverty figure counts only under the standard in force that year.
        SELECT year, count(DISTINCT province) AS provinces FROM figures
        WHERE {where} AND {coverage_matrices.COMPARED_READING} AND list_contains($provinces, province)
        GROUP BY year HAVING count(DISTINCT province) >= $at_least ORDER BY provinces DESC, year DESC
    """
    parameters |= {"provinces": compared_provinces(filters), "at_least": at_least}
    return [int(year) for year in run_query(sql, parameters, version)["year"]]


def headline_metrics() -> pd.DataFrame:
    """The headline indicators (data/metrics.meta.yml): metric, topic, rank and the group each is counted for,
    topic by topic in rank order, with their definitions."""
    return _headline_metrics(database_version())


@st.cache_data(show_spinner=False)
def _headline_metrics(version: tuple[str, int]) -> pd.DataFrame:
    sql = """
        SELECT metrics.metric, category, headline_rank, headline_group, label_vi, label_en, metrics.unit,
               definition, headline_definitions.* EXCLUDE (metric, unit), headline_definitions.unit AS unit_words
        FROM metrics JOIN headline_definitions USING (metric)
        ORDER BY list_position($topics, category), headline_rank
    """
    return run_query(sql, {"topics": list(coverage_matrices.TOPICS)}, version)


def lead_metrics() -> tuple[str, ...]:
    """Each topic's lead lines: its first two headline indicators, topic by topic. What the profile, the
    overview's deck and the offline brief draw over the years."""
    headlines = headline_metrics()
    return tuple(headlines.loc[headlines["headline_rank"] <= 2, "metric"])


def topic_metrics(category: str, others: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A topic's metrics in the order its page offers them: its headline indicators first, then `others`."""
    headlines = headline_metrics()
    first = tuple(headlines.loc[headlines["category"] == category, "metric"])
    return first + tuple(metric for metric in others if metric not in first)


def compared_group(metric: str) -> str:
    """The beneficiary group a metric's provinces are compared for: a headline indicator's own group, else the
    group with the most province-level figures of the metric."""
    return _compared_groups(database_version()).get(metric, "all")


@st.cache_data(show_spinner=False)
def _compared_groups(version: tuple[str, int]) -> dict[str, str]:
    sql = """
        SELECT metric, coalesce(any_value(headline_group), arg_max(beneficiary_group, figures)) AS compared_group
        FROM (
            SELECT metric, beneficiary_group, count(*) AS figures FROM facts
            WHERE area_level = 'province' AND NOT is_target GROUP BY ALL
        )
        RIGHT JOIN metrics USING (metric)
        GROUP BY metric
    """
    rows = run_query(sql, version=version)
    return dict(zip(rows["metric"], rows["compared_group"].fillna("all"), strict=True))


@st.cache_data(show_spinner=False)
def _coverage_cells(version: tuple[str, int]) -> pd.DataFrame:
    return run_query(
        coverage_matrices.COVERAGE_SQL,
        {"first": coverage_matrices.FIRST_YEAR, "last": coverage_matrices.LAST_YEAR},
        version,
    )


def coverage_metrics() -> tuple[str, ...]:
    """The metrics with a cell in some coverage matrix, for the Coverage page's choice of matrices."""
    return _coverage_metrics(database_version())


@st.cache_data(show_spinner=False)
def _coverage_metrics(version: tuple[str, int]) -> tuple[str, ...]:
    return tuple(sorted(set(_coverage_cells(version)["metric"])))


def coverage_gaps() -> pd.DataFrame:
    return _coverage_gaps(database_version())


@st.cache_data(show_spinner=False)
def _coverage_gaps(version: tuple[str, int]) -> pd.DataFrame:
    return run_query("SELECT province, category, year, queries, outcome FROM coverage_gaps", version=version)


def comparable_years() -> pd.DataFrame:
    """Per headline indicator, the years in which at least four of the five provinces have its figure: exactly
    (`years`) and within the indicator's window (`years_within`, `window_years`)."""
    return _comparable_years(database_version())


@st.cache_data(show_spinner=False)
def _comparable_years(version: tuple[str, int]) -> pd.DataFrame:
    windowed = run_query(
        coverage_matrices.WINDOWED_CELLS_SQL,
        {"first": coverage_matrices.FIRST_YEAR, "last": coverage_matrices.LAST_YEAR},
        version,
    )
    return coverage_matrices.comparable_years(
        _coverage_cells(version), _headline_metrics(version), list(_studied_provinces(version)), windowed=windowed
    )


def coverage_matrix(
    choice: tuple[str, str, str | None, bool], language: str
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """One coverage matrix with its rows named in the language, and each row's (place, kind of place).

    Cached: the matrix is the same for every session until the database changes, so at a million figures a
    rerun of the Coverage page hands it out instead of grouping every cell again.
    """
    return _coverage_matrix(choice, language, database_version())


@st.cache_data(show_spinner=False, max_entries=128)
def _coverage_matrix(
    choice: tuple[str, str, str | None, bool], language: str, version: tuple[str, int]
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    cells, gaps, provinces = _coverage_cells(version), _coverage_gaps(version), list(_studied_provinces(version))
    places: list[tuple[str, str]] = []

    def named(place: str, kind: str) -> str:
        places.append((place, kind))
        return labels.place_name(
            {
                "province": place if kind in ("province", "merged_province") else None,
                "area": place,
                "area_level": "province" if kind == "merged_province" else kind,
                "merged_province": kind == "merged_province",
                f"place_{language}": _region_name(place, kind, language, version),
            },
            language,
        )

    table = coverage_matrices.matrices(cells, gaps, provinces, [choice], named)[choice[0]]
    return table, places


def _region_name(place: str, kind: str, language: str, version: tuple[str, int]) -> str:
    if kind == "country":
        return labels.text("country_name", language)
    if kind == "region" and language == "en":
        return _region_names(version).get(place, place)
    return place


@st.cache_data(show_spinner=False)
def _region_names(version: tuple[str, int]) -> dict[str, str]:
    rows = run_query("SELECT region, label_en FROM regions", version=version)
    return dict(zip(rows["region"], rows["label_en"], strict=True))


def cell_readings(
    place: str, kind: str, year: int, category: str, metric: str | None, headline_only: bool, language: str
) -> pd.DataFrame:
    """The readings behind one cell of a coverage matrix, as the tables show them."""
    return _cell_readings(place, kind, year, category, metric, headline_only, language, database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _cell_readings(
    place: str,
    kind: str,
    year: int,
    category: str,
    metric: str | None,
    headline_only: bool,
    language: str,
    version: tuple[str, int],
) -> pd.DataFrame:
    select, parameters = _readable_columns(language, with_headers=False)
    sql = f"""
        SELECT {select} FROM figures
        WHERE coalesce(province, area) = $place AND area_level IN ('country', 'region', 'province')
          AND (CASE WHEN merged_province THEN 'merged_province' ELSE area_level END) = $kind
          AND NOT is_target AND year = $year AND category = $category
          AND ($metric IS NULL OR metric = $metric)
          AND (NOT $headline_only OR (headline_rank IS NOT NULL AND series_choice IS NOT NULL))
        ORDER BY metric, beneficiary_group, period_end DESC, fact_id
        LIMIT {PAGE_ROWS}
    """
    parameters |= {
        "place": place,
        "kind": kind,
        "year": year,
        "category": category,
        "metric": metric,
        "headline_only": headline_only,
    }
    return run_query(sql, parameters, version)


def latest_by_metric(province: str) -> pd.DataFrame:
    """A province's latest actual province-level figure of each metric (for everyone where given), the
    reading a series would draw where there are several."""
    return _latest_by_metric(province, database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _latest_by_metric(province: str, version: tuple[str, int]) -> pd.DataFrame:
    sql = """
        SELECT * FROM figures
        WHERE province = $province AND area_level = 'province' AND NOT is_target AND NOT merged_province
        QUALIFY row_number() OVER (
            PARTITION BY metric
            ORDER BY beneficiary_group = 'all' DESC, period_end DESC, series_choice NULLS LAST, fact_id
        ) = 1
        ORDER BY category, headline_rank NULLS LAST, metric
    """
    return run_query(sql, {"province": province}, version)


def cells_by_kind() -> pd.DataFrame:
    """Per headline indicator, its province-year cells with a figure from a published article and from an office."""
    return _cells_by_kind(database_version())


@st.cache_data(show_spinner=False)
def _cells_by_kind(version: tuple[str, int]) -> pd.DataFrame:
    return coverage_matrices.cells_by_kind(
        _coverage_cells(version), _headline_metrics(version), list(_studied_provinces(version))
    )


def asked_cells(province: str) -> int:
    """How many cells the data request of `province` asks for today."""
    return _asked_cells(province, date.today(), database_version())


@st.cache_data(show_spinner=False)
def _asked_cells(province: str, today: date, version: tuple[str, int]) -> int:
    last = coverage_matrices.last_full_year(today)
    return len(
        coverage_matrices.missing_headline_cells(
            _cells_until(last, version), _headline_metrics(version), province, last
        )
    )


@st.cache_data(show_spinner=False)
def _cells_until(last: int, version: tuple[str, int]) -> pd.DataFrame:
    """The coverage cells up to `last`: the matrices' own when it is their last year, queried once for all provinces."""
    if last == coverage_matrices.LAST_YEAR:
        return _coverage_cells(version)
    return run_query(coverage_matrices.COVERAGE_SQL, {"first": coverage_matrices.FIRST_YEAR, "last": last}, version)


def request_workbook(province: str, language: str) -> bytes:
    """The data request of `province` in the language, as the bytes of an .xlsx file."""
    return _request_workbook(province, language, date.today(), database_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _request_workbook(province: str, language: str, today: date, version: tuple[str, int]) -> bytes:
    return workbook_of_request(Path(version[0]), province, language, today)


def filter_condition(filters: Filters) -> tuple[str, dict]:
    """The WHERE condition of `filters` on the `figures` table, and its parameters, for a view module that
    writes its own query (app/support_view.py)."""
    return _where(filters)
