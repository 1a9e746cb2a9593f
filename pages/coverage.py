"""Coverage: which province-level figures exist for each province and year, how many readings, and any
conflict, before anything is compared. Each cell links to the readings behind it."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app import labels, page, queries, sidebar
from etl import coverage as coverage_matrices

view = page.start()
language = view.language
page.heading("page_coverage", view)

metrics = queries.options()["metrics"]
cells = queries.coverage_cells()
choices = {name: (name, topic, metric) for name, topic, metric in coverage_matrices.MATRICES}
for row in metrics[metrics["metric"].isin(cells["metric"])].itertuples():
    choices.setdefault(row.metric, (row.metric, row.category, row.metric))


def matrix_name(name: str) -> str:
    if name in labels.CATEGORIES:
        return labels.text("all_of_topic", language, topic=labels.category_name(name, language))
    return metrics.set_index("metric").loc[name, f"label_{language}"]


chosen = sidebar.coded_choice(
    st.selectbox, labels.text("coverage_matrix", language), list(choices), "matrix", matrix_name
)
name, topic, metric = choices[chosen]
provinces = list(queries.studied_provinces())
table = coverage_matrices.matrices(cells, queries.coverage_gaps(), provinces, (choices[chosen],))[name]


def cell_link(place: str, year: int, mark: str) -> str:
    """A relative link to this page naming the cell; the text after 'cell=' is what the table shows."""
    return "coverage?" + urlencode({"matrix": chosen, "place": place, "year": year}) + f"&cell={mark}"


links = pd.DataFrame(
    {str(year): [cell_link(place, year, table.loc[place, year]) for place in table.index] for year in table.columns},
    index=pd.Index(table.index, name=labels.text("place", language)),
)
st.dataframe(
    links,
    column_config={column: st.column_config.LinkColumn(column, display_text=r"cell=(.*)$") for column in links},
)
st.caption(
    labels.text(
        "coverage_marks",
        language,
        searched=coverage_matrices.SEARCHED_NOTHING,
        unsearched=coverage_matrices.NOT_SEARCHED,
    )
)

place, year = st.query_params.get("place"), st.query_params.get("year", "")
if place in table.index and year.isdigit() and int(year) in table.columns:
    st.subheader(labels.text("cell_readings", language, place=place, year=year, matrix=matrix_name(chosen)))
    readings = queries.cell_readings(place, int(year), topic, metric, language)
    if readings.empty:
        gaps = queries.coverage_gaps()
        searched = gaps[(gaps["province"] == place) & (gaps["category"] == topic) & (gaps["year"] == int(year))]
        st.write(labels.text("cell_empty", language))
        for gap in searched.itertuples():
            st.caption(page.plain(f"{gap.queries} → {gap.outcome}"))
    else:
        page.selectable_table(readings, "cell_table", view)
