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
        name = "giam-ngheo" if language == "vi" else "poverty-figures"
        downloads = (
            ("download_csv", csv_bytes(table), "csv", "text/csv"),
            (
                "download_xlsx",
                xlsx_bytes(table),
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("download_brief", lambda: brief.brief_html(view.filters, language), "html", "text/html"),
        )
        for column, (label, data, extension, mime) in zip(st.columns(len(downloads)), downloads, strict=True):
            column.download_button(
                labels.text(label, language),
                data,
                f"{name}.{extension}",
                mime,
                on_click="ignore",
                icon=":material/download:",
            )
    page.selectable_table(table, facts, "explore_table", view)
