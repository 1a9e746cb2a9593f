"""Explore & export: every figure that matches the filters, downloadable as CSV, Excel or an offline brief."""

import streamlit as st

from app import brief, labels, page, queries
from app.tables import csv_bytes, readable_table, xlsx_bytes

view = page.start()
language = view.language
page.heading("page_explore", view)
facts = queries.facts(view.filters)

if page.has_rows(facts, view):
    table = readable_table(facts, language)
    st.write(f"{len(table)} {labels.text('rows_shown', language)}")
    if not view.presenting:
        left, middle, right = st.columns(3)
        name = "giam-ngheo" if language == "vi" else "poverty-figures"
        left.download_button(
            labels.text("download_csv", language),
            csv_bytes(table),
            f"{name}.csv",
            "text/csv",
            on_click="ignore",
            icon=":material/download:",
        )
        middle.download_button(
            labels.text("download_xlsx", language),
            xlsx_bytes(table),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            icon=":material/download:",
        )
        right.download_button(
            labels.text("download_brief", language),
            lambda: brief.brief_html(view.filters, language),
            f"{name}.html",
            "text/html",
            on_click="ignore",
            icon=":material/download:",
        )
    page.selectable_table(table, facts, "explore_table", view)
