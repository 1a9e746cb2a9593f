"""Province profile: one province at a glance — its latest figure per topic, its lines over the years,
and where it stands among the provinces compared."""

import streamlit as st

from app import labels, page, queries, sidebar
from app.queries import Filters

view = page.start()
language = view.language
page.heading("page_profile", view)

provinces = queries.studied_provinces()
current = queries.options()["provinces"].set_index("province")["province_2025"].to_dict()
province = sidebar.coded_choice(
    st.selectbox,
    labels.text("province_pick", language),
    provinces,
    "profile",
    lambda name: f"{name} (→ {current.get(name, name)})",
    hidden=view.presenting,
)
if view.presenting:
    st.subheader(province)
st.caption(f"{labels.text('now_part_of', language)} {current.get(province, province)}")

st.subheader(labels.text("latest_figures", language))
latest = queries.latest_by_metric(province)
for category, rows in latest.groupby("category", sort=False):
    with st.container(border=True):
        st.markdown(f"**{page.plain(labels.category_name(category, language))}**")
        columns = st.columns(3)
        for index, row in enumerate(rows.head(6).itertuples()):
            with columns[index % 3]:  # Markdown, not st.metric, whose labels are cut short with "…"
                label = f"{getattr(row, f'metric_label_{language}')} · {getattr(row, f'group_label_{language}')}"
                st.markdown(f"**{page.plain(label)}**")
                st.markdown(f"#### {page.plain(getattr(row, f'value_text_{language}'))}")
                st.caption(f"{page.plain(row.period_text)} · {page.plain(row.source_title)}")

st.subheader(labels.text("standing", language))
standing = page.standing_table(province, queries.lead_metrics(), view)
if standing.empty:
    st.write(labels.text("no_standing", language))
else:
    st.dataframe(standing, hide_index=True)

st.subheader(labels.text("over_the_years", language))
page.series_charts(Filters(provinces=(province,)), queries.lead_metrics(), view)
page.deck_download(view, f"{labels.text('page_profile', language)} · {province}", "profile")
