"""The one query layer: parameterised SQL on a read-only DuckDB connection, returning DataFrames.

Pages never read files or write SQL; they describe what they want with `Filters`.
Results are cached per filter values and per database file version, so a rebuilt
database is read afresh.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

import duckdb
import pandas as pd
import streamlit as st

from app.labels import category_name
from etl.paths import database_path


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


_lock = threading.Lock()
_connections: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}


def database_version() -> tuple[str, int]:
    """The database path and its modification time: the cache key of every result."""
    path = database_path()
    return str(path), path.stat().st_mtime_ns


def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    # DuckDB shares one database instance per path inside a process: the connection to a
    # replaced file must be closed before the new file is opened, or reads see the old data.
    with _lock:
        current = _connections.get(path)
        if current and current[0] == version:
            return current[1]
        if current:
            current[1].close()
        connection = duckdb.connect(path, read_only=True)
        _connections[path] = (version, connection)
        return connection


def close_connections() -> None:
    """Close every cached connection, so the next query opens the database file anew.

    Needed after this process replaced the file: a new connection to the same path would
    otherwise be handed DuckDB's instance of the old file while one is still open.
    """
    with _lock:
        for _, connection in _connections.values():
            connection.close()
        _connections.clear()


def run_query(sql: str, parameters: dict | None = None, version: tuple[str, int] | None = None) -> pd.DataFrame:
    path, stamp = version or database_version()
    cursor = _connection(path, stamp).cursor()
    try:
        return cursor.execute(sql, parameters or {}).df()
    finally:
        cursor.close()


FILTER_SQL = """
    ($provinces IS NULL OR list_contains($provinces, province))
    AND ($categories IS NULL OR list_contains($categories, category))
    AND ($metrics IS NULL OR list_contains($metrics, metric))
    AND ($levels IS NULL OR list_contains($levels, area_level))
    AND ($groups IS NULL OR list_contains($groups, beneficiary_group))
    AND ($year_from IS NULL OR year(period_end) >= $year_from)
    AND ($year_to IS NULL OR year(period_start) <= $year_to)
    AND ($targets = 'all' OR is_target = ($targets = 'target'))
"""


def _parameters(filters: Filters) -> dict:
    def as_list(values: tuple[str, ...] | None) -> list[str] | None:
        return None if values is None else list(values) or [""]

    return {
        "provinces": as_list(filters.provinces),
        "categories": as_list(filters.categories),
        "metrics": as_list(filters.metrics),
        "levels": as_list(filters.levels),
        "groups": as_list(filters.groups),
        "year_from": filters.year_from,
        "year_to": filters.year_to,
        "targets": filters.targets,
    }


def facts(filters: Filters) -> pd.DataFrame:
    """The figures that match, with labels, current province and source."""
    return _facts(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _facts(filters: Filters, version: tuple[str, int]) -> pd.DataFrame:
    sql = f"""
        SELECT * FROM facts_labelled
        WHERE {FILTER_SQL}
        ORDER BY province, category, metric, beneficiary_group, area_level, area, period_start, fact_id
    """
    return run_query(sql, _parameters(filters), version)


def derived_ratios(filters: Filters, numerator: str, denominator: str) -> pd.DataFrame:
    """numerator / denominator for figures of one report about the same area, period and group.

    Used for cost per BHYT card and credit per borrower. The ratio keeps a qualifier:
    exact when both figures are exact, the numerator's when only it is qualified
    ("hơn 1,4 tỷ" / 1.574 is more than 889.454), and 'about' otherwise.
    """
    return _derived_ratios(filters, numerator, denominator, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _derived_ratios(filters: Filters, numerator: str, denominator: str, version: tuple[str, int]) -> pd.DataFrame:
    sql = f"""
        WITH chosen AS (SELECT * FROM facts_labelled WHERE {FILTER_SQL})
        SELECT
            top.province, top.province_2025, top.area, top.area_level, top.period_start, top.period_end,
            top.period_label, top.beneficiary_group, top.group_label_vi, top.group_label_en, top.is_target,
            top.value / bottom.value AS value,
            CASE WHEN bottom.qualifier = 'exact' THEN top.qualifier ELSE 'about' END AS qualifier,
            top.unit, top.fact_id, bottom.fact_id AS denominator_fact_id,
            top.quote || ' ÷ ' || bottom.quote AS quote,
            top.sentence, top.source_title, top.source_url
        FROM chosen AS top
        JOIN chosen AS bottom
          ON top.source_id = bottom.source_id AND top.area = bottom.area
         AND top.period_start = bottom.period_start AND top.period_end = bottom.period_end
         AND top.beneficiary_group = bottom.beneficiary_group AND top.is_target = bottom.is_target
        WHERE top.metric = $numerator AND bottom.metric = $denominator AND bottom.value > 0
        ORDER BY top.province, top.area, top.beneficiary_group, top.period_start
    """
    parameters = _parameters(filters.within(metrics=(numerator, denominator))) | {
        "numerator": numerator,
        "denominator": denominator,
    }
    return run_query(sql, parameters, version)


def changes(filters: Filters) -> pd.DataFrame:
    """Pairs of results (or a target and a result) for the same area, metric and group at two dates."""
    return _changes(filters, database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _changes(filters: Filters, version: tuple[str, int]) -> pd.DataFrame:
    sql = f"""
        WITH chosen AS (SELECT * FROM facts_labelled WHERE {FILTER_SQL} AND unit = 'percent')
        SELECT
            earlier.province, earlier.area, earlier.area_level, earlier.metric,
            earlier.metric_label_vi, earlier.metric_label_en, earlier.beneficiary_group,
            earlier.period_start AS earlier_start, earlier.period_end AS earlier_end,
            earlier.value AS earlier_value, earlier.qualifier AS earlier_qualifier,
            earlier.is_target AS earlier_is_target,
            later.period_start AS later_start, later.period_end AS later_end,
            later.value AS later_value, later.qualifier AS later_qualifier,
            later.is_target AS later_is_target,
            later.value - earlier.value AS change,
            earlier.fact_id AS earlier_fact, later.fact_id AS later_fact
        FROM chosen AS earlier
        JOIN chosen AS later
          ON earlier.source_id = later.source_id AND earlier.area = later.area
         AND earlier.metric = later.metric AND earlier.beneficiary_group = later.beneficiary_group
         AND earlier.period_end < later.period_end
         AND NOT earlier.is_target
        ORDER BY earlier.province, earlier.area, earlier.metric, earlier.period_end
    """
    return run_query(sql, _parameters(filters), version)


def options() -> dict[str, pd.DataFrame]:
    """What the filters can offer, with labels."""
    return _options(database_version())


@st.cache_data(show_spinner=False)
def _options(version: tuple[str, int]) -> dict[str, pd.DataFrame]:
    return {
        "provinces": run_query(
            "SELECT DISTINCT province, province_2025 FROM facts_labelled ORDER BY province", version=version
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


def sources() -> pd.DataFrame:
    return _sources(database_version())


@st.cache_data(show_spinner=False)
def _sources(version: tuple[str, int]) -> pd.DataFrame:
    return run_query(
        """
        SELECT sources.*, provinces.province_2025, count(facts.fact_id) AS figures
        FROM sources JOIN provinces USING (province) LEFT JOIN facts USING (source_id)
        GROUP BY ALL ORDER BY sources.province
        """,
        version=version,
    )


# The figures a province card leads with, in this order of preference.
HEADLINE_METRICS = (
    "poverty_rate",
    "near_poverty_rate",
    "bhyt_cards",
    "credit_disbursed",
    "credit_outstanding",
    "bhyt_participants",
)


def headline_figures(province_facts: pd.DataFrame, limit: int = 3) -> pd.DataFrame:
    """A province's headline results: the latest figure of each headline metric, for everyone if given."""
    results = province_facts[~province_facts["is_target"] & province_facts["metric"].isin(HEADLINE_METRICS)].copy()
    results["rank"] = results["metric"].map(HEADLINE_METRICS.index)
    results["for_everyone"] = results["beneficiary_group"] == "all"
    results = results.sort_values(
        ["rank", "for_everyone", "period_end", "value"], ascending=[True, False, False, False]
    )
    return results.drop_duplicates("metric").head(limit)


def coverage(facts: pd.DataFrame, language: str) -> pd.DataFrame:
    """Province × topic: the number of figures, zero where a report says nothing on a topic."""
    categories = options()["categories"]["category"].tolist()
    counts = pd.crosstab(facts["province"], facts["category"]).reindex(columns=categories, fill_value=0)
    return counts.rename(columns=lambda category: category_name(category, language))
