"""Coverage: what can be compared before anything is. First the headline indicators — the years in which at
least four of the five provinces have the figure — then, matrix by matrix, which province-level figures exist
for each province and year, how many readings, and any conflict. Each cell links to the readings behind it."""

from functools import partial
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app import labels, page, queries, sidebar
from etl import coverage as coverage_matrices
from etl.places import without_diacritics

view = page.start()
language = view.language
page.heading("page_coverage", view)

headlines = queries.headline_metrics()
metric_names = queries.metric_labels(language)
group_names = queries.options()["groups"].set_index("beneficiary_group")[f"label_{language}"].to_dict()

st.subheader(labels.text("comparable_title", language))
st.caption(labels.text("comparable_intro", language, minimum=coverage_matrices.COMPARABLE_PROVINCES))
comparable = queries.comparable_years().merge(headlines[["metric", "headline_group"]], on="metric")
comparable_table = pd.DataFrame(
    {
        labels.text("categories", language): [
            labels.category_name(topic, language) for topic in comparable["category"]
        ],
        labels.text("metric", language): [metric_names[metric] for metric in comparable["metric"]],
        labels.text("groups", language): [group_names.get(group, group) for group in comparable["headline_group"]],
        labels.text("comparable_count", language): [len(years) for years in comparable["years"]],
        labels.text("comparable_years", language): [
            ", ".join(map(str, years)) or labels.text("comparable_none", language) for years in comparable["years"]
        ],
        # Beside the exact count, what a one-year comparison reaches once a reading within the window stands in.
        labels.text("comparable_window", language): [str(int(window)) for window in comparable["window_years"]],
        labels.text("comparable_count_within", language): [len(years) for years in comparable["years_within"]],
        labels.text("comparable_years_within", language): [
            ", ".join(map(str, years)) or labels.text("comparable_none", language)
            for years in comparable["years_within"]
        ],
    }
)
# A short table of whole sentences: a static table, whose cells wrap instead of being cut.
st.table(comparable_table.set_index(comparable_table.columns[0]))

st.subheader(labels.text("kind_title", language))
st.caption(labels.text("kind_intro", language))
by_kind = queries.cells_by_kind()
st.dataframe(
    pd.DataFrame(
        {
            labels.text("categories", language): [
                labels.category_name(topic, language) for topic in by_kind["category"]
            ],
            labels.text("metric", language): [metric_names[metric] for metric in by_kind["metric"]],
            labels.text("kind_article", language): by_kind["article"],
            labels.text("kind_office", language): by_kind["office"],
        }
    ),
    hide_index=True,
    key="cells_by_kind",
)

if not view.presenting:
    st.subheader(labels.text("request_title", language))
    st.caption(labels.text("request_intro", language))
    request_columns = st.columns(3)
    for number, province in enumerate(queries.studied_provinces()):
        plain_name = without_diacritics(province).lower().replace(" ", "-")
        request_columns[number % 3].download_button(
            labels.text("request_download", language, province=province, cells=queries.asked_cells(province)),
            # Made when clicked, in the page's language: five workbooks are not built on every run of the page.
            data=partial(queries.request_workbook, province, language),
            file_name=f"{labels.text('request_file', language)}-{plain_name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"request_{plain_name}",
            on_click="ignore",
            icon=":material/download:",
        )

choices = {
    name: (name, topic, metric, headline)
    for name, topic, metric, headline in coverage_matrices.matrix_choices(headlines)
}
with_cells = set(queries.coverage_metrics())
for row in queries.options()["metrics"].itertuples():
    if row.metric in with_cells:
        choices.setdefault(row.metric, (row.metric, row.category, row.metric, False))


def matrix_name(name: str) -> str:
    _, topic, metric, headline = choices[name]
    if metric is None:
        return labels.text("all_of_topic", language, topic=labels.category_name(topic, language))
    if headline:
        return labels.text("headline_matrix", language, metric=metric_names[metric])
    return metric_names[metric]


chosen = sidebar.coded_choice(
    st.selectbox, labels.text("coverage_matrix", language), list(choices), "matrix", matrix_name
)
_, topic, metric, headline_only = choices[chosen]
table, places = queries.coverage_matrix(choices[chosen], language)


def cell_link(place: str, kind: str, year: int, mark: str) -> str:
    """A relative link to this page naming the cell; the text after 'cell=' is what the table shows."""
    query = urlencode({"matrix": chosen, "place": place, "kind": kind, "year": year})
    return f"coverage?{query}&cell={mark}"


links = pd.DataFrame(
    {
        str(year): [cell_link(place, kind, year, mark) for (place, kind), mark in zip(places, table[year], strict=True)]
        for year in table.columns
    },
    index=pd.Index(table.index, name=labels.text("place", language)),
)
st.dataframe(
    links,
    column_config={column: st.column_config.LinkColumn(column, display_text=r"cell=(.*)$") for column in links}
    | {key: value for key, value in page.fitted_columns(links, links.index.name).items() if key == "_index"},
)
st.caption(
    labels.text(
        "coverage_marks",
        language,
        counted=labels.text("coverage_counted_headline" if headline_only else "coverage_counted", language),
        other=coverage_matrices.OTHER_MEASURE,
        searched=coverage_matrices.SEARCHED_NOTHING,
        unsearched=coverage_matrices.NOT_SEARCHED,
    )
)

place, kind, year = (
    st.query_params.get("place"),
    st.query_params.get("kind", "province"),
    st.query_params.get("year", ""),
)
if (place, kind) in places and year.isdigit() and int(year) in table.columns:
    name = table.index[places.index((place, kind))]
    st.subheader(labels.text("cell_readings", language, place=name, year=year, matrix=matrix_name(chosen)))
    readings = queries.cell_readings(place, kind, int(year), topic, metric, headline_only, language)
    if readings.empty:
        gaps = queries.coverage_gaps()
        searched = gaps[(gaps["province"] == place) & (gaps["category"] == topic) & (gaps["year"] == int(year))]
        st.write(labels.text("cell_empty", language))
        for gap in searched.itertuples():
            st.caption(page.plain(gap.queries))
            page.english_note("search_outcome", gap.outcome, language)
    else:
        page.selectable_table(readings, "cell_table", view)
