"""Sources & method: each report, how figures are read, and the quote behind every figure."""

import pandas as pd
import streamlit as st

from app import labels, page, queries

view = page.start()
language = view.language
st.title(labels.text("page_sources", language))

st.header(labels.text("reports", language))
chosen = page.chosen_page(queries.source_count(), "sources", view, per_page=queries.SOURCES_PER_PAGE)
for source in queries.sources(chosen).itertuples():
    with st.container(border=True):
        st.subheader(source.title, anchor=False)
        published = source.publication_date.strftime("%d/%m/%Y") if pd.notna(source.publication_date) else "—"
        st.text(f"{source.publisher} · {source.author or '—'} · {published}")
        st.text(f"{source.province} → {source.province_2025} · {source.figures} {labels.text('rows_shown', language)}")
        if isinstance(source.url, str) and source.url.startswith(("http://", "https://")):
            st.link_button(labels.text("address", language), source.url)
        if isinstance(source.note, str):
            st.caption(page.plain(source.note))

st.header(labels.text("method", language))
st.markdown(labels.text("method_body", language))

if page.has_rows(view.filters, view):
    page.figures_table(view.filters, "quotes", "quotes_table", view)
