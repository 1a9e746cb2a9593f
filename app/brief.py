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

from app import charts, compare_year, labels, queries
from app.queries import Filters
from app.series_chart import drawn_points, panel_groups, series_lines
from app.tables import COLUMNS, headed

BRIEF_ROWS = 500
# The table's columns on paper: the rest (dates, base units, the whole sentence…) stay on screen, where a
# page is as wide as it needs; on A4 twenty-one columns would each be a few letters wide.
PRINTED_COLUMNS = (
    "province",
    "area",
    "period_text",
    "metric_label",
    "group_label",
    "value_label",
    "quote",
    "source_title",
    "fact_id",
)
# Sized for A4 portrait: 186 mm of printable width (12 mm margins) is about 700 CSS pixels, and a chart of
# at most BARS_PER_CHART bars stays well inside the 273 mm (about 1030 pixels) of a page's height.
CHART_WIDTH = 700
BARS_PER_CHART = 14
PAGE_HEIGHT_PX = 1030

STYLE = """
body {font-family: Arial, 'Liberation Sans', sans-serif; font-size: 16px; margin: 2rem auto; max-width: 1000px;
  color: #222;}
h1 {font-size: 2rem;} h2 {font-size: 1.4rem; margin-top: 2rem;}
table {border-collapse: collapse; width: 100%; font-size: 13px;}
th, td {border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left;}
th {background: #f0f4f8;} .note {color: #555;}
/* Printed on A4: a chart and its heading are never split across pages, the table's header repeats. */
@page {size: A4 portrait; margin: 12mm;}
section.chart {break-inside: avoid; page-break-inside: avoid;}
@media print {
  body {margin: 0; max-width: none; font-size: 11pt;}
  h2 {break-after: avoid; page-break-after: avoid;}
  table {font-size: 8pt;} thead {display: table-header-group;} tr {break-inside: avoid; page-break-inside: avoid;}
  /* A long address would widen the table past the page, and the browser would then shrink every page. */
  th, td, li {overflow-wrap: anywhere; word-break: break-word;}
}
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
        parts.append(f"<section class='chart'><h2>{escape(heading)}</h2>")
        chart = figure.to_html(full_html=False, include_plotlyjs=index == 0, config={"displaylogo": False})
        parts.append(f"{chart}</section>")
    parts.append(f"<h2>{escape(labels.text('page_explore', language))}</h2>")
    parts.append(f"<p class='note'>{escape(table_caption)}</p>")
    # A published article's figure has no sentence here: an empty cell, not "NaN".
    parts.append(table.to_html(index=False, escape=True, border=0, na_rep="", classes="figures"))
    parts.append(f"<style>{_unprinted_columns(list(table.columns), language)}</style>")
    parts.append(f"<h2>{escape(labels.text('reports', language))}</h2><ul>")
    for source in sources.itertuples():
        address = f" — {escape(source.url)}" if isinstance(source.url, str) and source.url else ""
        published = labels.publication_text(
            source.publication_date, source.published_not_before, source.published_not_after, language
        )
        parts.append(f"<li>{escape(source.title)} · {escape(source.publisher)} · {escape(published)}{address}</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def _unprinted_columns(headers: list[str], language: str) -> str:
    """CSS that hides, on paper only, the table's columns outside PRINTED_COLUMNS."""
    printed = {COLUMNS[key][language] for key in PRINTED_COLUMNS}
    hidden = [number for number, header in enumerate(headers, start=1) if header not in printed]
    cells = ", ".join(f"table.figures th:nth-child({n}), table.figures td:nth-child({n})" for n in hidden)
    return f"@media print {{{cells} {{display: none;}}}}" if hidden else ""


def printable(figure: go.Figure) -> go.Figure:
    """A dashboard chart at the brief's size: the width of an A4 page, type sized for paper."""
    height = min(int(figure.layout.height or 500), PAGE_HEIGHT_PX - 80)
    figure.update_layout(width=CHART_WIDTH, height=height, font={"size": 12}, title={"font": {"size": 16}})
    # Without Streamlit's theme, long bar labels would be cut at the chart's left edge.
    return figure.update_yaxes(automargin=True).update_xaxes(automargin=True)


def series_figures(filters: Filters, language: str) -> list[tuple[str, go.Figure]]:
    """Each lead metric's lines over the years, one chart per panel of the dashboard's (one per group), so
    that each fits a page."""
    figures = []
    for metric in queries.series_metrics(filters, queries.lead_metrics()):
        readings = queries.series(filters, metric)
        groups = panel_groups(drawn_points(readings))
        for group in groups:
            one_panel = readings[readings["beneficiary_group"] == group]
            heading = queries.series_title(metric, language)
            if len(groups) > 1:
                heading += " · " + one_panel[f"group_label_{language}"].iloc[0]
            figure = printable(series_lines(one_panel, queries.poverty_standards(), language, heading))
            # Beside a page-wide chart a legend takes half of it: under the chart instead.
            figures.append((heading, figure.update_layout(legend={"orientation": "h", "x": 0, "y": -0.12})))
    return figures


def brief_html(filters: Filters, language: str) -> bytes:
    """The brief for the current filters: each topic's lead lines over the years, one bar chart per topic
    and unit that has figures, then the table.

    Charts draw what the dashboard's charts draw (at most queries.MAX_BARS bars each); the table holds
    the first BRIEF_ROWS figures, and says so when more match.
    """
    return _brief_html(filters, language, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=16)
def _brief_html(filters: Filters, language: str, version: tuple[str, int]) -> bytes:
    metrics = queries.options()["metrics"]
    # The Overview's one-year comparisons first, each value of another year marked as on screen.
    figures = [(heading, printable(figure)) for heading, figure in compare_year.brief_figures(filters, language)]
    figures += series_figures(filters, language)
    for (category, unit), chosen in metrics.groupby(["category", "unit"], sort=True):
        rows = queries.chart_rows(filters.within(categories=(category,), metrics=tuple(chosen["metric"])))
        heading = f"{labels.category_name(category, language)} ({labels.unit_name(unit, language)})"
        parts = range(0, len(rows), BARS_PER_CHART)
        for number, start in enumerate(parts, start=1):
            part = labels.part_title(heading, number, len(parts))
            figures.append(
                (part, printable(charts.bars(rows.iloc[start : start + BARS_PER_CHART], language, part, True)))
            )
    total = queries.count(filters)
    table = headed(queries.readable_rows(filters, language, limit=BRIEF_ROWS), language)
    title = labels.text("app_title", language)
    shown = labels.text("rows_range", language, first=min(1, total), last=len(table), total=total)
    return build_brief(title, figures, table, shown, queries.sources_of(filters), language).encode("utf-8")
