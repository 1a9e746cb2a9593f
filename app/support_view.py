"""The Support page, programme by programme: its query, its figure, its CSV and what the page draws.

Support figures are reported over whatever period a report covers (a year, nine months, a five-year plan)
and for whatever group it names, so a one-year ranking or a line over the years leaves most of them out.
Instead each programme (data/programmes.csv, the metrics of each in data/programme_metrics.csv) is one
panel that shows every figure of every province, each bar naming its period and group: money, counts and
shares on separate charts, and within a chart one sub-chart per metric and area level, each on its own axis,
so that a district's millions are not drawn on the axis of a province's hundreds of billions.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import deck_charts, labels, page, queries, sidebar
from app.charts import FONT, LEVEL_ORDER, TICK_FONT, TICK_FORMAT, panel_title, province_colour, separators, value_scale
from app.exports import chart_table
from app.queries import Filters
from app.sidebar import View
from app.tables import COLUMNS

# Money, counts and shares are never drawn on one axis: one chart each, in this order.
UNIT_ORDER = ("VND", "count", "percent")
# The height, in pixels, of a bar, of a sub-chart's title, and of its axis (ticks and title) under it.
BAR_PIXELS = 38
TITLE_PIXELS = 44
AXIS_PIXELS = 64
TOP_PIXELS = 110
# The legend's sample of a target: hatched, in no province's colour.
TARGET_LEGEND_COLOUR = "#777777"
# One figure reported by several reports is one bar; these columns say what "one figure" is.
SAME_FIGURE = (
    "province, area, area_level, merged_province, metric, beneficiary_group, period_start, period_end, is_target, "
    "poverty_standard, value"
)


def programme_choices(filters: Filters) -> pd.DataFrame:
    """The programmes that have figures under `filters`: programme, label_vi, label_en, provinces (how many
    provinces report it) and figures; the one most provinces report first, then the one with most figures."""
    return _programme_choices(filters, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _programme_choices(filters: Filters, version: tuple[str, int]) -> pd.DataFrame:
    where, parameters = queries.filter_condition(filters)
    # Counted per metric and province first: the join then meets a few hundred rows, not every figure.
    sql = f"""
        WITH counted AS (SELECT metric, province, count(*) AS figures_counted FROM figures WHERE {where} GROUP BY ALL)
        SELECT programme, any_value(programmes.label_vi) AS label_vi, any_value(programmes.label_en) AS label_en,
               count(DISTINCT province) AS provinces, sum(figures_counted) AS figure_count
        FROM counted JOIN programme_metrics USING (metric) JOIN programmes USING (programme)
        GROUP BY programme
        ORDER BY provinces DESC, figure_count DESC, programme
    """
    return queries.run_query(sql, parameters, version)


def programme_metrics(programme: str) -> tuple[str, ...]:
    """The metrics of a programme (data/programme_metrics.csv)."""
    return _programme_metrics(programme, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _programme_metrics(programme: str, version: tuple[str, int]) -> tuple[str, ...]:
    sql = "SELECT metric FROM programme_metrics WHERE programme = $programme ORDER BY metric"
    return tuple(queries.run_query(sql, {"programme": programme}, version)["metric"])


def programme_figures(filters: Filters, programme: str) -> tuple[pd.DataFrame, int]:
    """The figures a programme's panel draws under `filters`, one row per figure however many reports give it
    (`same_figure_reports` counts them), at most queries.MAX_BARS for each chart (money, counts, shares), widest
    areas and latest periods first; and how many figures there are in all."""
    return _programme_figures(filters, programme, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _programme_figures(filters: Filters, programme: str, version: tuple[str, int]) -> tuple[pd.DataFrame, int]:
    where, parameters = queries.filter_condition(filters)
    sql = f"""
        WITH chosen AS (
            SELECT
                figures.*,
                count(*) OVER same_figure AS same_figure_reports,
                row_number() OVER (
                    same_figure ORDER BY coalesce(source_publication_date, source_published_not_before) DESC NULLS LAST,
                    fact_id
                ) AS same_figure_order
            FROM figures JOIN programme_metrics USING (metric)
            WHERE {where} AND programme_metrics.programme = $programme
            WINDOW same_figure AS (PARTITION BY {SAME_FIGURE})
        )
        , kept AS (SELECT *, count(*) OVER () AS figures_in_all FROM chosen WHERE same_figure_order = 1)
        SELECT * FROM kept
        QUALIFY row_number() OVER (PARTITION BY unit ORDER BY {queries.CHART_PRIORITY}) <= {queries.MAX_BARS}
        ORDER BY {queries.CHART_PRIORITY}
    """
    rows = queries.run_query(sql, parameters | {"programme": programme}, version)
    total = int(rows["figures_in_all"].iloc[0]) if len(rows) else 0
    return rows.drop(columns=["figures_in_all", "same_figure_order"]), total


def period_words(start: date, end: date, language: str) -> str:
    """A support figure's period as reports write it: "2023", "2021–2025" for whole years, "9 tháng đầu năm
    2019" ("first 9 months of 2019") from January to the end of a month; else labels.period_text."""
    whole_months = (end + timedelta(days=1)).day == 1
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if (start.month, start.day) == (1, 1) and start.year == end.year and whole_months and end.month > 1:
        return labels.text("first_months", language, months=str(end.month), year=str(end.year))
    return labels.period_text(start, end, language)


# What a bar is drawn with.
BAR_COLUMNS = ("metric", "area_level", "unit", "legend_name", "value", "bar_label", "is_target", "value_label")
BAR_COLUMNS += ("fact_id", "hover")
# What labels.place_name reads of a figure, and what a bar's hover says.
PLACE_COLUMNS = ("province", "area", "area_level", "merged_province", "survey_measure", "is_target")
HOVER_COLUMNS = (
    "bar_label",
    "value_label",
    "source_title",
    "source_publisher",
    "source_publication_date",
    "source_published_not_before",
    "source_published_not_after",
    "quote",
    "same_figure_reports",
)


def labelled(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """`rows` with what a bar shows: its period in words, its label (place · period · group, a target marked
    as one), its written value and its hover; labels made unique within a sub-chart."""
    rows = rows.copy()
    rows["period_words"] = [
        period_words(pd.Timestamp(start).date(), pd.Timestamp(end).date(), language)
        for start, end in zip(rows["period_start"], rows["period_end"], strict=True)
    ]
    target_word = labels.text("target", language)
    names = []
    # Plain records of the few columns used: walking rows of the whole frame costs more than the rest.
    for reading in rows[[*PLACE_COLUMNS, f"place_{language}", f"group_label_{language}", "period_words"]].to_dict(
        "records"
    ):
        place = labels.place_name(reading, language)
        if reading["area_level"] in ("district", "commune"):
            place = labels.area_text(place, reading["area_level"], language)
        name = f"{place} · {reading['period_words']} · {reading[f'group_label_{language}']}"
        names.append(f"{name} ({target_word})" if reading["is_target"] else name)
    rows["bar_label"] = names
    # Two reports giving different values for the same place, period and group are two bars: the publisher
    # tells them apart.
    clash = rows.duplicated(["metric", "area_level", "bar_label"], keep=False)
    rows.loc[clash, "bar_label"] = rows.loc[clash, "bar_label"] + " · " + rows.loc[clash, "source_publisher"]
    clash = rows.duplicated(["metric", "area_level", "bar_label"], keep=False)
    rows.loc[clash, "bar_label"] = rows.loc[clash, "bar_label"] + " · " + rows.loc[clash, "fact_id"]
    rows["value_label"] = labels.value_texts(rows, language)
    # The country's or a region's figure belongs to no province: its legend entry is its place.
    rows["legend_name"] = rows["province"].fillna(rows[f"place_{language}"])
    hovered = rows[[*HOVER_COLUMNS, f"metric_label_{language}"]].to_dict("records")
    rows["hover"] = [_hover(reading, language) for reading in hovered]
    return rows


def _hover(reading: dict, language: str) -> str:
    """What a bar's hover says: the bar, the metric, the value, then the source's publisher and date, its
    title and the figure as quoted; and how many other reports give the same figure."""
    title = str(reading["source_title"])
    source = f"{reading['source_publisher']}, {labels.source_date(reading, language)}"
    lines = [
        f"<b>{html.escape(reading['bar_label'])}</b>",
        html.escape(reading[f"metric_label_{language}"]),
        html.escape(reading["value_label"]),
        html.escape(f"{labels.text('source', language)}: {source}"),
        html.escape(title[:80] + "…" if len(title) > 80 else title),
        "“" + html.escape(reading["quote"]) + "”",
    ]
    if reading["same_figure_reports"] > 1:
        others = int(reading["same_figure_reports"]) - 1
        lines.append(html.escape(labels.text("same_figure_reports", language, count=others)))
    return "<br>".join(lines)


def sub_charts(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(metric, area level) of each sub-chart of one chart: the provinces' sub-charts first, then the
    districts' and the communes'; within a level, the metric with most figures first."""
    metrics = rows["metric"].value_counts(sort=False)
    order = sorted(metrics.index, key=lambda metric: (-metrics[metric], metric))
    present = set(zip(rows["metric"], rows["area_level"], strict=True))
    return [(metric, level) for level in LEVEL_ORDER for metric in order if (metric, level) in present]


def programme_figure(rows: pd.DataFrame, language: str, title: str) -> go.Figure:
    """Horizontal bars of one unit, one sub-chart per metric and area level, each with its own axis; bars
    grouped by province (one colour each), a target hatched and named. `rows` are labelled()."""
    # Within a sub-chart, bars grouped by province, then by place and period. Plain records, walked once: a few
    # dozen sub-charts of a few bars each cost more in pandas calls than in data.
    ordered = rows.sort_values(["legend_name", "area", "period_start", "period_end", "beneficiary_group", "is_target"])
    parts: dict[tuple[str, str], list[dict]] = {}
    for bar in ordered[[*BAR_COLUMNS, f"metric_label_{language}"]].to_dict("records"):
        parts.setdefault((bar["metric"], bar["area_level"]), []).append(bar)
    panels = sub_charts(rows)
    heights = [TITLE_PIXELS + BAR_PIXELS * len(parts[panel]) + AXIS_PIXELS for panel in panels]
    plot_height = sum(heights)
    layout: dict = {
        "title": {"text": html.escape(title), "font": {"size": 24}},
        "font": FONT,
        "height": TOP_PIXELS + plot_height,
        "barmode": "overlay",
        # Above the first sub-chart's title, under the chart's.
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1 + 30 / plot_height,
            "x": 1,
            "xanchor": "right",
            "font": {"size": 16},
            "itemwidth": 40,
        },
        "margin": {"l": 10, "r": 40, "t": TOP_PIXELS, "b": 0},
        "hoverlabel": {"font_size": 15, "align": "left"},
        "annotations": [],
        "separators": separators(language),
    }
    traces, used = _legend_traces(rows, language), 0
    for number, ((metric, level), height) in enumerate(zip(panels, heights, strict=True), start=1):
        suffix = "" if number == 1 else str(number)
        panel = parts[(metric, level)]
        top = 1 - (used + TITLE_PIXELS) / plot_height
        bottom = 1 - (used + height - AXIS_PIXELS) / plot_height
        used += height
        values = [bar["value"] for bar in panel]
        scale, axis_title = value_scale(
            pd.DataFrame({"unit": [bar["unit"] for bar in panel], "value": values}), language
        )
        by_name: dict[str, list[dict]] = {}
        for bar in panel:
            by_name.setdefault(bar["legend_name"], []).append(bar)
        for name, bars in by_name.items():
            traces.append(_bar_trace(bars, name, scale) | {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"})
        layout[f"xaxis{suffix}"] = {
            "title": {"text": html.escape(axis_title), "standoff": 4},
            "range": [0, 1.3 * max(values) / scale or 1],
            "anchor": f"y{suffix}",
            "tickformat": TICK_FORMAT,
            "tickfont": TICK_FONT,
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [max(0.0, bottom), top],
            "anchor": f"x{suffix}",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [bar["bar_label"] for bar in panel],
            "autorange": "reversed",
            "tickfont": {"size": 15},
        }
        words = f"{panel[0][f'metric_label_{language}']} · {labels.level_name(level, language)}"
        layout["annotations"].append(panel_title(html.escape(words), top))
    # Written here, checked by tests/test_support_page.py: Plotly's validation would cost a tenth of a second
    # for a hundred bars on every new selection.
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _legend_traces(rows: pd.DataFrame, language: str) -> list[dict]:
    """The legend: each province in its plain colour, and a hatched grey swatch saying what a target looks like.
    Bars carry no legend of their own, so that a province whose first bar is a target is not shown hatched; the
    swatches are empty filled areas, not bars, so that they add no bar to a chart."""
    entries = [(province, province_colour(province), "") for province in sorted(set(rows["legend_name"]))]
    if rows["is_target"].any():
        entries.append((labels.text("target", language).capitalize(), TARGET_LEGEND_COLOUR, "/"))
    return [
        {
            "type": "scatter",
            "mode": "none",
            "x": [None],
            "y": [None],
            "fill": "toself",
            "fillcolor": colour,
            "fillpattern": {"shape": shape, "fgcolor": "white", "fillmode": "overlay"},
            "name": name,
            "legendgroup": name,
            "showlegend": True,
            "hoverinfo": "skip",
        }
        for name, colour, shape in entries
    ]


def _bar_trace(bars: list[dict], name: str, scale: float) -> dict:
    return {
        "type": "bar",
        "orientation": "h",
        "x": [bar["value"] / scale for bar in bars],
        "y": [bar["bar_label"] for bar in bars],
        "name": name,
        "legendgroup": name,
        "showlegend": False,
        "marker": {
            "color": province_colour(name),
            "pattern": {
                "shape": ["/" if bar["is_target"] else "" for bar in bars],
                "fgcolor": "white",
                "fillmode": "overlay",
            },
        },
        "text": [bar["value_label"] for bar in bars],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [[bar["fact_id"], bar["hover"]] for bar in bars],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
    }


def programme_table(rows: pd.DataFrame, programme_label: str, language: str) -> pd.DataFrame:
    """What a programme's panel draws as a table with the page's headers: the programme, then each figure as
    app/exports.py writes a chart's (place, period as on the chart, group, value, source …), with whether it
    is a target and how many reports give it."""
    table = chart_table(rows.assign(series_choice=1, period_text=rows["period_words"]), language)
    table.insert(0, labels.text("programme", language), programme_label)
    table.insert(
        table.columns.get_loc(COLUMNS["value_label"][language]) + 1,
        COLUMNS["target_label"][language],
        [labels.text("target" if target else "actual", language) for target in rows["is_target"]],
    )
    table[labels.text("same_figure_header", language)] = rows["same_figure_reports"].to_numpy()
    return table


def programme_csv(rows: pd.DataFrame, programme_label: str, language: str) -> bytes:
    """programme_table as UTF-8 with a byte-order mark, which is how Excel recognises Vietnamese text."""
    return programme_table(rows, programme_label, language).to_csv(index=False).encode("utf-8-sig")


def show(view: View) -> None:
    """The Support page below its title: the programme picker, the chosen programme's charts, its CSV, the
    table of its figures, and the page's deck."""
    language, filters = view.language, view.filters
    choices = programme_choices(filters)
    if choices.empty:
        st.info(labels.text("empty", language))
        return
    if not view.presenting:
        st.caption(labels.text("support_by_programme", language))
    options = {
        row.programme: labels.text(
            "programme_option" if row.provinces != 1 else "programme_option_one",
            language,
            programme=getattr(row, f"label_{language}"),
            provinces=int(row.provinces),
        )
        for row in choices.itertuples()
    }
    programme = sidebar.coded_choice(
        partial(st.radio, horizontal=True),
        labels.text("programme", language),
        tuple(options),
        "programme",
        options.get,
        default=next(iter(options)),
        hidden=view.presenting,
    )
    name = choices.set_index("programme").loc[programme, f"label_{language}"]
    programme_panel(filters, programme, name, view)
    page.deck_download(view, labels.text("page_support", language), "support")


def programme_panel(filters: Filters, programme: str, name: str, view: View) -> None:
    """One programme: which provinces report it, a chart per unit, the CSV of what is drawn, its figures."""
    language = view.language
    rows, total, figures = _panel_drawing(filters, programme, name, language, queries.database_version())
    st.subheader(name)
    if not view.presenting:
        reporting = set(rows["province"].dropna())
        silent = [province for province in queries.studied_provinces() if province not in reporting]
        if silent:
            st.caption(labels.text("programme_silent", language, provinces=", ".join(silent)))
    for unit, (title, figure) in figures.items():
        part = rows[rows["unit"] == unit]
        page.chart(figure, f"support_{programme}_{unit}", part, view)
        view.deck.append(partial(deck_charts.bar_charts, part, language, title, True))
    if view.presenting:
        return
    st.caption(labels.text("programme_caption", language))
    if total > len(rows):
        st.caption(labels.text("chart_limited", language, shown=len(rows), total=total))
    st.download_button(
        labels.text("download_programme_csv", language),
        data=lambda: programme_csv(rows, name, language),
        file_name=f"support_{programme}.csv",
        mime="text/csv",
        key=f"download_support_{programme}",
        on_click="ignore",
        icon=":material/download:",
    )
    page.figures_table(filters.within(metrics=programme_metrics(programme)), "programme_figures", "support_table", view)


# The labelled rows and the figures of a panel are made once per filters, programme, language and database
# version and handed out as they are, like app/page.py's charts: a rerun neither labels a hundred bars again
# nor rebuilds their charts.
@st.cache_resource(show_spinner=False, max_entries=256)
def _panel_drawing(
    filters: Filters, programme: str, name: str, language: str, version: tuple[str, int]
) -> tuple[pd.DataFrame, int, dict[str, tuple[str, go.Figure]]]:
    rows, total = programme_figures(filters, programme)
    rows = labelled(rows, language)
    figures = {}
    for unit in UNIT_ORDER:
        part = rows[rows["unit"] == unit]
        if len(part):
            title = labels.text(f"programme_chart_{unit}", language, programme=name)
            figures[unit] = (title, programme_figure(part, language, title))
    return rows, total, figures
