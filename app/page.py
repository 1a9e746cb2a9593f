"""What every page does the same way: read the view, say when nothing matches, draw a chart, show provenance."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import labels, sidebar
from app.charts import bars, chart_config
from app.sidebar import View
from app.tables import readable_table

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def plain(text: str) -> str:
    """Report text made inert for st.markdown: no links, emphasis, HTML or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def start() -> View:
    """Draw the shared sidebar and return what it says: language, presentation mode, filters."""
    return sidebar.render()


def heading(key: str, view: View) -> None:
    st.title(labels.text(key, view.language))
    if not view.presenting:
        st.caption(labels.text("comparability", view.language))


def has_rows(frame: pd.DataFrame, view: View) -> bool:
    """False, after saying so plainly, when the filters match nothing."""
    if frame.empty:
        st.info(labels.text("empty", view.language))
        return False
    return True


def chart(figure: go.Figure, name: str, frame: pd.DataFrame, view: View) -> None:
    """Draw a chart; a selected bar opens the sentence it came from."""
    event = st.plotly_chart(
        figure, key=f"chart_{name}", on_select="rerun", selection_mode="points", config=chart_config(name)
    )
    selected = [point.get("customdata", [None])[0] for point in (event.selection.points if event else [])]
    provenance(frame[frame["fact_id"].isin(selected)], view)


def provenance(rows: pd.DataFrame, view: View) -> None:
    for row in rows.drop_duplicates("fact_id").itertuples():
        with st.container(border=True):
            st.markdown(f"**{plain(labels.text('sentence', view.language))}:** {_highlighted(row.sentence, row.quote)}")
            st.caption(
                f"{plain(labels.text('source', view.language))}: {plain(row.source_title)} · {plain(row.fact_id)}"
            )
            if isinstance(row.source_url, str) and row.source_url.startswith(("http://", "https://")):
                st.link_button(labels.text("address", view.language), row.source_url)
            else:
                st.caption(
                    f"{plain(labels.text('address', view.language))}: {plain(labels.text('no_address', view.language))}"
                )


def _highlighted(sentence: str, quote: str) -> str:
    before, found, after = sentence.partition(quote)
    return plain(sentence) if not found else f"{plain(before)}**{plain(found)}**{plain(after)}"


def selectable_table(table: pd.DataFrame, facts: pd.DataFrame, key: str, view: View) -> None:
    """A table whose selected row opens the sentence of the report it came from."""
    event = st.dataframe(table, key=key, on_select="rerun", selection_mode="single-row", hide_index=True)
    rows = event.selection.rows if event else []
    if rows:
        provenance(facts.iloc[rows], view)
    elif not view.presenting:
        st.caption(labels.text("select_hint", view.language))


def metric_chart(facts: pd.DataFrame, metrics: tuple[str, ...], title_key: str, name: str, view: View) -> None:
    """One bar chart of the given metrics, if the filtered figures hold any."""
    rows = facts[facts["metric"].isin(metrics)]
    if not rows.empty:
        title = labels.text(title_key, view.language)
        chart(bars(rows, view.language, title, show_metric=rows["metric"].nunique() > 1), name, rows, view)


def derived_chart(ratios: pd.DataFrame, title_key: str, name: str, view: View) -> None:
    """A chart of values computed from two figures, marked as derived."""
    if not ratios.empty:
        chart(bars(ratios, view.language, labels.text(title_key, view.language)), name, ratios, view)
        st.caption(f"{labels.text('derived', view.language)}: {' · '.join(sorted(set(ratios['quote'])))}")


def figures_table(facts: pd.DataFrame, metrics: tuple[str, ...] | None, title_key: str, key: str, view: View) -> None:
    """A table of figures (all, or of the given metrics) whose rows open their sentence."""
    rows = facts if metrics is None else facts[facts["metric"].isin(metrics)]
    if not rows.empty:
        st.subheader(labels.text(title_key, view.language))
        selectable_table(readable_table(rows, view.language, compact=True), rows.reset_index(drop=True), key, view)


def highlighted_text(text: str, candidates: pd.DataFrame) -> str:
    """The report as inert Markdown, each proposed figure in bold."""
    pieces, position = [], 0
    for start, quote in sorted(zip(candidates["quote_offset"].astype(int), candidates["quote"], strict=True)):
        if start < position or text[start : start + len(quote)] != quote:
            continue
        pieces += [plain(text[position:start]), f"**{plain(quote)}**"]
        position = start + len(quote)
    pieces.append(plain(text[position:]))
    return "".join(pieces).replace("\n", "  \n")
