"""Overview: each province's headline figures, what the reports cover, and the offline brief."""

import streamlit as st

from app import brief, charts, labels, page, queries

view = page.start()
language = view.language
page.heading("page_overview", view)
facts = queries.facts(view.filters)

if page.has_rows(facts, view):
    columns = st.columns(min(3, facts["province"].nunique()))
    for index, (province, rows) in enumerate(facts.groupby("province", sort=True)):
        with columns[index % len(columns)].container(border=True):
            st.subheader(province)
            st.caption(f"{labels.text('now_part_of', language)} {rows['province_2025'].iloc[0]}")
            headlines = queries.headline_figures(rows)
            if headlines.empty:
                st.write(labels.text("no_headline", language))
            for row in headlines.itertuples():
                place = labels.place_and_period(row.area, row.area_level, row.period_start, row.period_end, language)
                st.metric(
                    f"{getattr(row, f'metric_label_{language}')} · {place}",
                    labels.value_text(row.value, row.unit, row.qualifier, language),
                )

    counts = queries.coverage(facts, language)
    st.plotly_chart(
        charts.coverage_heatmap(counts, language, labels.text("coverage", language)),
        config=charts.chart_config("coverage"),
    )
    st.caption(labels.text("coverage_caption", language))

    if not view.presenting:
        st.download_button(
            labels.text("download_brief", language),
            data=lambda: brief.brief_html(view.filters, language),
            file_name="giam-ngheo-tom-tat.html" if language == "vi" else "poverty-brief.html",
            mime="text/html",
            on_click="ignore",
            icon=":material/download:",
        )
