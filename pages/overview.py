"""Overview: each province's headline figures, what the reports cover, and the offline brief."""

import streamlit as st

from app import brief, charts, labels, page, queries

view = page.start()
language = view.language
page.heading("page_overview", view)

if page.has_rows(view.filters, view):
    coverage = queries.coverage(view.filters)
    provinces = coverage.drop_duplicates("province")
    if view.filters.provinces is None:  # a province named once in a national report gets no card of its own
        provinces = provinces[provinces["province"].isin(queries.studied_provinces())]
    carded = provinces.head(queries.MAX_PROVINCE_CARDS)
    headlines = queries.headline_figures(view.filters.within(provinces=tuple(carded["province"])))
    columns = st.columns(min(3, len(carded)))
    for index, province in enumerate(carded.itertuples()):
        with columns[index % len(columns)].container(border=True):
            st.subheader(province.province)
            st.caption(f"{labels.text('now_part_of', language)} {province.province_2025}")
            rows = headlines[headlines["province"] == province.province]
            if rows.empty:
                st.write(labels.text("no_headline", language))
            for row in rows.itertuples():
                place = labels.place_and_period(row.area, row.area_level, row.period_start, row.period_end, language)
                st.metric(
                    f"{getattr(row, f'metric_label_{language}')} · {place}",
                    getattr(row, f"value_text_{language}"),
                )
    if len(provinces) > len(carded):
        st.caption(labels.text("more_provinces", language, count=len(provinces) - len(carded)))

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
            file_name="giam-ngheo-tom-tat.html" if language == "vi" else "poverty-brief.html",
            mime="text/html",
            on_click="ignore",
            icon=":material/download:",
        )
