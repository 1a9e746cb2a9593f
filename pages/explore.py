"""Explore & export: every figure that matches the filters, downloadable as CSV, Excel or an offline brief."""

import streamlit as st

from app import brief, exports, labels, page, queries

view = page.start()
language = view.language
page.heading("page_explore", view)

if page.has_rows(view.filters, view):
    total = queries.count(view.filters)
    if not view.presenting:
        name = "giam-ngheo" if language == "vi" else "poverty-figures"
        too_many_for_excel = total > exports.EXCEL_ROWS
        downloads = (
            ("download_csv", lambda: exports.csv_download(view.filters, language), "csv", "text/csv", False),
            (
                "download_xlsx",
                lambda: exports.excel_download(view.filters, language),
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                too_many_for_excel,
            ),
            ("download_brief", lambda: brief.brief_html(view.filters, language), "html", "text/html", False),
        )
        for column, (label, data, extension, mime, disabled) in zip(st.columns(len(downloads)), downloads, strict=True):
            column.download_button(
                labels.text(label, language),
                data,
                f"{name}.{extension}",
                mime,
                on_click="ignore",
                icon=":material/download:",
                disabled=disabled,
            )
        if too_many_for_excel:
            st.caption(labels.text("excel_too_many", language, limit=exports.EXCEL_ROWS))
    chosen = page.chosen_page(total, "explore_table", view)
    page.selectable_table(queries.table_page(view.filters, language, chosen), "explore_table", view, compact=False)
