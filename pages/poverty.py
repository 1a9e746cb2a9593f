"""Poverty: rates by province over the years, the provinces side by side in one year, then every figure."""

import streamlit as st

from app import labels, page, queries
from app.tables import change_table

# Lines offered after the topic's headline indicators.
OTHER_LINES = ("poor_households", "near_poor_households")

view = page.start()
page.heading("page_poverty", view)
filters = view.filters.within(categories=("poverty",))


def every_figure() -> None:
    page.metric_chart(filters, ("poverty_rate", "near_poverty_rate"), "poverty_rates", "poverty_rates", view)
    changes, matching = queries.changes(filters.within(metrics=("poverty_rate", "near_poverty_rate")))
    if not changes.empty:
        st.subheader(labels.text("changes", view.language))
        st.dataframe(change_table(changes, view.language), hide_index=True)
        if matching > len(changes):
            st.caption(labels.text("changes_limited", view.language, shown=len(changes), total=matching))
        st.caption(labels.text("derived", view.language))
    page.metric_chart(filters, ("poor_households", "near_poor_households"), "households", "households", view)
    page.figures_table(filters, "other_figures", "poverty_table", view)


if page.has_rows(filters, view):
    page.topic_views(
        filters,
        queries.topic_metrics("poverty", ("poor_households", "near_poor_households")),
        "poverty",
        view,
        every_figure,
    )
