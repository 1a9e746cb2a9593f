"""The offline brief: one self-contained HTML file with the charts, the figures and their sources.

Plotly's JavaScript is embedded once, so the file opens in any browser without internet.
Every text from a report is escaped; nothing from a report is ever markup.
"""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import charts, labels, queries
from app.queries import Filters
from app.tables import headed

BRIEF_ROWS = 500

STYLE = """
body {font-family: system-ui, sans-serif; font-size: 18px; margin: 2rem auto; max-width: 1200px; color: #222;}
h1 {font-size: 2.2rem;} h2 {font-size: 1.6rem; margin-top: 2.5rem;}
table {border-collapse: collapse; width: 100%; font-size: 15px;}
th, td {border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left;}
th {background: #f0f4f8;} .note {color: #555;}
"""


def build_brief(
    title: str,
    charts: list[tuple[str, go.Figure]],
    table: pd.DataFrame,
    table_caption: str,
    sources: pd.DataFrame,
    language: str,
) -> str:
    parts = [
        f"<!DOCTYPE html><html lang='{language}'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='note'>{escape(date.today().isoformat())} · {escape(labels.text('comparability', language))}</p>",
    ]
    for index, (heading, figure) in enumerate(charts):
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(figure.to_html(full_html=False, include_plotlyjs=index == 0, config={"displaylogo": False}))
    parts.append(f"<h2>{escape(labels.text('page_explore', language))}</h2>")
    parts.append(f"<p class='note'>{escape(table_caption)}</p>")
    # A published article's figure has no sentence here: an empty cell, not "NaN".
    parts.append(table.to_html(index=False, escape=True, border=0, na_rep=""))
    parts.append(f"<h2>{escape(labels.text('reports', language))}</h2><ul>")
    for source in sources.itertuples():
        address = f" — {escape(source.url)}" if isinstance(source.url, str) and source.url else ""
        published = source.publication_date.isoformat() if pd.notna(source.publication_date) else "?"
        parts.append(f"<li>{escape(source.title)} · {escape(source.publisher)} · {escape(published)}{address}</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def brief_html(filters: Filters, language: str) -> bytes:
    """The brief for the current filters: one chart per topic and unit that has figures, then the table.

    Charts draw what the dashboard's charts draw (at most queries.MAX_BARS bars each); the table holds
    the first BRIEF_ROWS figures, and says so when more match.
    """
    return _brief_html(filters, language, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _brief_html(filters: Filters, language: str, version: tuple[str, int]) -> bytes:
    metrics = queries.options()["metrics"]
    figures = []
    for (category, unit), chosen in metrics.groupby(["category", "unit"], sort=True):
        rows = queries.chart_rows(filters.within(categories=(category,), metrics=tuple(chosen["metric"])))
        if not rows.empty:
            heading = f"{labels.category_name(category, language)} ({labels.unit_name(unit, language)})"
            figures.append((heading, charts.bars(rows, language, heading, show_metric=True)))
    total = queries.count(filters)
    table = headed(queries.readable_rows(filters, language, limit=BRIEF_ROWS), language)
    title = labels.text("app_title", language)
    shown = labels.text("rows_range", language, first=min(1, total), last=len(table), total=total)
    return build_brief(title, figures, table, shown, queries.sources_of(filters), language).encode("utf-8")
