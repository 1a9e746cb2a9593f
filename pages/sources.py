"""Sources & method: each report, where reports disagree, how figures are read, and the quote behind every figure."""

import streamlit as st

from app import labels, page, queries
from etl import audit
from etl.paths import data_dir

view = page.start()
language = view.language
st.title(labels.text("page_sources", language))

st.header(labels.text("definitions", language))
st.caption(labels.text("definitions_intro", language))
for headline in queries.headline_metrics().itertuples():
    definition = queries.headline_definition(headline.metric, language)
    name = getattr(headline, f"label_{language}")
    topic = labels.category_name(headline.category, language)
    st.markdown(f"**{page.plain(topic)} · {page.plain(name)}** — {page.plain(definition)}")

st.header(labels.text("reports", language))
search = st.text_input(labels.text("source_search", language), key="source_search", placeholder="Long An, vbsp, 2022…")
found = queries.source_count(search)
if search.strip() and not found:
    st.info(labels.text("source_search_none", language))
chosen = page.chosen_page(found, "sources", view, per_page=queries.SOURCES_PER_PAGE)
history = audit.history(data_dir())  # read once: every report's card and the table below
changes = page.changes_by_report(history, view)
for source in queries.sources(chosen, search).itertuples():
    with st.container(border=True):
        st.subheader(source.title, anchor=False)
        published = labels.publication_text(
            source.publication_date, source.published_not_before, source.published_not_after, language
        )
        author = source.author if isinstance(source.author, str) else "—"
        publisher = labels.publisher_name(source.publisher, language)
        mark = labels.source_mark({"source_kind": source.kind, "source_tier": source.tier}, language)
        marked = f" · {mark}" if mark else ""
        st.text(f"{publisher}{marked} · {author} · {published} · {labels.language_name(source.language, language)}")
        if source.tier == "foreign" and source.cited_points:
            st.caption(labels.text("foreign_source_note", language))
        place = f"{source.province} → {source.province_2025}" if isinstance(source.province, str) else None
        kept = labels.text("text_in_repository" if source.text_in_repository else "text_elsewhere", language)
        st.text(
            f"{place or labels.text('national', language)} · {source.figures} {labels.text('rows_shown', language)}"
        )
        st.caption(kept)
        if isinstance(source.url, str) and source.url.startswith(("http://", "https://")):
            st.link_button(labels.text("open_source", language), source.url)
        if isinstance(source.note, str):
            if language == "vi" and isinstance(source.note_vi, str):
                st.caption(f"{page.plain(labels.text('reviewer_note', language))}: {page.plain(source.note_vi)}")
            else:
                page.english_note("reviewer_note", source.note, language)
        for change in changes.get(source.source_id, []):
            st.caption(page.plain(change))

st.header(labels.text("history", language))
st.caption(labels.text("history_intro", language))
if history:
    st.dataframe(page.history_table(history, view), hide_index=True)
else:
    st.write(labels.text("no_history", language))

st.header(labels.text("conflicts", language))
st.caption(labels.text("conflicts_intro", language))
disagreements = queries.conflicts(view.filters, language)
if disagreements.empty:
    st.write(labels.text("no_conflicts", language))
else:
    page.selectable_table(disagreements, "conflicts_table", view)

st.header(labels.text("method", language))
st.markdown(labels.text("method_body", language))

if page.has_rows(view.filters, view):
    page.figures_table(view.filters, "quotes", "quotes_table", view)
