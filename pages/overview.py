"""Overview: where to start, then each topic's headline indicator for the provinces side by side in one year —
only figures that can be compared (province level, the same year, the same poverty standard) — what the
reports cover, and the offline brief."""

import streamlit as st

from app import brief, charts, compare_year, labels, page, queries

view = page.start()
language = view.language
page.heading("page_overview", view)

if not view.presenting:
    with st.container(border=True):
        st.markdown(f"**{labels.text('start_here', language)}**")
        for path, key in (
            ("pages/poverty.py", "start_topics"),
            ("pages/coverage.py", "start_coverage"),
            ("pages/sources.py", "start_sources"),
        ):
            st.page_link(path, label=labels.text(key, language))

if page.has_rows(view.filters, view):
    st.subheader(labels.text("overview_cards", language))
    st.caption(labels.text("overview_cards_intro", language))
    for topic, card in compare_year.cards(view.filters, language):
        with st.container(border=True):
            st.markdown(f"**{page.plain(labels.category_name(topic, language))} · {page.plain(card.title)}**")
            if card.rows is None:
                st.caption(labels.text("no_comparable_year", language))
                continue
            columns = st.columns(len(card.rows))
            for column, row in zip(columns, card.rows.itertuples(), strict=True):
                with column:  # Markdown, not st.metric: a value like "5.544,5 tỷ đồng" wraps instead of being cut
                    st.markdown(f"**{page.plain(row.place)}**", help=row.source)
                    st.markdown(f"#### {page.plain(row.value_text)}")
                    st.caption(page.plain(row.period))
            for note in (card.stand_in, card.note):
                if note:
                    st.caption(page.plain(note))

    coverage = queries.coverage(view.filters.within(provinces=queries.studied_provinces()))
    if len(coverage):
        grid = queries.coverage_grid(coverage, language)
        st.plotly_chart(
            charts.coverage_heatmap(grid, language, labels.text("coverage", language)),
            config=charts.chart_config("coverage"),
        )
        st.caption(labels.text("coverage_caption", language))

    # The deck of the overview: each topic's lead lines over the years, for the provinces in view.
    page.deck_series(view.filters, queries.lead_metrics(), view)
    page.deck_download(view, labels.text("page_overview", language), "overview")
    if not view.presenting:
        st.download_button(
            labels.text("download_brief", language),
            data=lambda: brief.brief_html(view.filters, language),
            file_name=page.download_name("brief", language, "html"),
            mime="text/html",
            on_click="ignore",
            icon=":material/download:",
        )
