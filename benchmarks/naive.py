"""The poverty page written the common way, for comparison only: the whole table read into pandas,
then filtered and ranked in pandas. Same sidebar, same charts, same table as pages/poverty.py.

naive_poverty.py reads the table on every rerun; naive_poverty_cached.py keeps it with
st.cache_data, as Streamlit's tutorials do (each rerun then gets a copy of the whole frame)."""

from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from app import charts, labels, page, queries, sidebar
from app.tables import headed
from etl.paths import database_path


def whole_table(path: str) -> pd.DataFrame:
    with duckdb.connect(path, read_only=True) as connection:
        return connection.execute("SELECT * FROM facts_labelled").df()


def matching(facts: pd.DataFrame, filters: queries.Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=facts.index)
    for field, column in (
        ("provinces", "province"),
        ("categories", "category"),
        ("metrics", "metric"),
        ("levels", "area_level"),
        ("groups", "beneficiary_group"),
    ):
        if getattr(filters, field) is not None:
            mask &= facts[column].isin(getattr(filters, field))
    if filters.year_from is not None:
        mask &= facts["period_end"].dt.year >= filters.year_from
    if filters.year_to is not None:
        mask &= facts["period_start"].dt.year <= filters.year_to
    return facts[mask]


def poverty_page(load: Callable[[str], pd.DataFrame]) -> None:
    view = sidebar.render()  # a page of its own, not one of the dashboard's: no menu around it
    page.heading("page_poverty", view)
    filters = view.filters.within(categories=("poverty",))
    rows = matching(load(str(database_path())), filters)
    for metrics, title_key in (
        (("poverty_rate", "near_poverty_rate"), "poverty_rates"),
        (("poor_households", "near_poor_households"), "households"),
    ):
        chosen = rows[rows["metric"].isin(metrics)]
        # Computed on the chosen rows: pandas gives an empty frame the index of a Series assigned to it.
        chosen = chosen.assign(level_rank=chosen["area_level"].map({"province": 0, "district": 1, "commune": 2}))
        chosen = chosen.sort_values(["level_rank", "period_end"], ascending=[True, False]).head(queries.MAX_BARS)
        if not chosen.empty:
            st.plotly_chart(charts.bars(chosen, view.language, labels.text(title_key, view.language)))
    table = rows.sort_values(["province", "metric", "beneficiary_group", "area_level", "area", "period_start"])
    table = table.head(queries.PAGE_ROWS).assign(
        area_level_label=lambda frame: frame["area_level"].map(lambda level: labels.level_name(level, view.language)),
        period_start=lambda frame: frame["period_start"].dt.strftime("%Y-%m-%d"),
    )
    st.dataframe(headed(table, view.language), hide_index=True)
    sidebar.draw_controls()  # a script of its own: app/shell.py, which draws them for pages, does not run
