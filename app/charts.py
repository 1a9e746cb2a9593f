"""The one chart layer: Plotly figures built from query results, ready for a projector.

Every bar names its area, level, period and group; charts are split by area level,
so a district is never drawn on the axis of a province as if alike. Hover shows the
source and the quote; the bar's customdata holds its fact id for the provenance panel.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from app import labels

# One colour per province on every page (Okabe–Ito, readable by colour-blind viewers).
PROVINCE_COLOURS = {
    "Thái Bình": "#0072B2",
    "Phú Thọ": "#E69F00",
    "Hải Dương": "#009E73",
    "Long An": "#CC79A7",
    "An Giang": "#D55E00",
}
# A province outside the five (named in a national report) is a grey: only the five compared have colours.
OTHER_PROVINCE_COLOUR = "#a6a6a6"
FONT = {"size": 18}
# Plotly writes ticks with d3-format; the decimal and thousands marks come from `separators`.
TICK_FORMAT = ",.2~f"
# Streamlit's chart theme writes ticks small; a projector needs them as large as the labels.
TICK_FONT = {"size": 17}
BAR_HEIGHT = 46
# The merged province's lone value sets no axis when it is this many times the largest other value.
OFF_SCALE_RATIO = 1.6
LEVEL_ORDER = ("province", "country", "region", "district", "commune")


def province_colour(province: str) -> str:
    return PROVINCE_COLOURS.get(province, OTHER_PROVINCE_COLOUR)


def separators(language: str) -> str:
    """Plotly's decimal and thousands marks for the language, from Babel's locale data: ",." for vi."""
    locale = labels.LOCALES[language]
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def chart_config(name: str, bare: bool = False) -> dict:
    """Plotly's own PNG button, at twice the screen size, named after the chart; no buttons at all when
    `bare` (while presenting, where only the chart is part of the story)."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name}}
    return config | ({"displayModeBar": False} if bare else {})


def bars(frame: pd.DataFrame, language: str, title: str, show_metric: bool = False) -> go.Figure:
    """Horizontal bars, one per figure, in one panel per area level.

    `frame` has the columns of facts_labelled (or of a derived ratio) with value, unit and qualifier.
    The figure is written as one plain specification: make_subplots and update calls cost
    several times more, on every rerun.
    """
    frame = with_bar_labels(frame, language, show_metric)
    levels = [level for level in LEVEL_ORDER if level in set(frame["area_level"])]
    domains = _panel_domains([int((frame["area_level"] == level).sum()) for level in levels])
    scale, axis_title = value_scale(frame, language)
    layout: dict = {
        "title": {"text": title, "font": {"size": 24}},
        "font": FONT,
        "height": 160 + BAR_HEIGHT * len(frame) + 60 * len(levels),
        "barmode": "overlay",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 1, "xanchor": "right"},
        "margin": {"l": 10, "r": 40, "t": 110, "b": 40},
        "hoverlabel": {"font_size": 15, "align": "left"},
        "annotations": [],
        "separators": separators(language),
    }
    # Panels of one chart share one axis range, so that bars of different levels are never compared
    # on different scales; the room to the right of the longest bar is for its written value.
    headroom = bar_headroom(frame) / scale or 1
    frame = frame.assign(off_scale=frame["value"] / scale > headroom)
    if frame["off_scale"].any():
        frame.loc[frame["off_scale"], "value_label"] = [
            labels.text("off_scale", language, value=value) for value in frame.loc[frame["off_scale"], "value_label"]
        ]
    traces, shown = [], set()
    for number, (level, (bottom, top)) in enumerate(zip(levels, domains, strict=True), start=1):
        suffix = "" if number == 1 else str(number)
        panel = frame[frame["area_level"] == level]
        # Country and region figures belong to no province: their legend entry is their area.
        names = panel[f"place_{language}"] if f"place_{language}" in panel else panel["area"]
        for place, part in panel.groupby(panel["province"].fillna(names), sort=False):
            traces.append(
                _bar_trace(part, place, scale, place not in shown, language)
                | {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
            )
            shown.add(place)
        layout[f"xaxis{suffix}"] = {
            "title": {"text": axis_title},
            "range": [0, headroom],
            "anchor": f"y{suffix}",
            "tickformat": TICK_FORMAT,
            "tickfont": TICK_FONT,
        }
        layout[f"yaxis{suffix}"] = {"autorange": "reversed", "domain": [bottom, top], "anchor": f"x{suffix}"}
        layout["annotations"].append(panel_title(labels.level_name(level, language).capitalize(), top))
    # Written here, checked by tests/test_charts.py: skipping Plotly's validation on every rerun
    # saves about five milliseconds a chart.
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def bar_headroom(frame: pd.DataFrame) -> float:
    """Where a bar chart's value axis ends, in the values' unit: room for the longest bar's written value, except
    that the merged province's lone bar never sets the scale (as on the lines: series_chart.axis_range)."""
    largest = float(frame["value"].max())
    merged = frame["merged_province"].astype(bool) if "merged_province" in frame else pd.Series(False, frame.index)
    others = frame.loc[~merged.to_numpy(), "value"]
    if merged.any() and len(others) and largest > OFF_SCALE_RATIO * float(others.max()):
        largest = float(others.max())
    return 1.3 * largest


def panel_title(text: str, top: float) -> dict:
    """The title of one panel of a chart, at the top left of its domain."""
    return {
        "text": text,
        "x": 0,
        "y": top,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 20},
    }


def _panel_domains(bar_counts: list[int]) -> list[tuple[float, float]]:
    """Vertical extent of each panel, top to bottom, in proportion to its bars."""
    spacing = 0.16 if len(bar_counts) > 1 else 0.02
    room = 1 - spacing * (len(bar_counts) - 1)
    total = sum(max(1, count) for count in bar_counts)
    domains, top = [], 1.0
    for count in bar_counts:
        bottom = max(0.0, top - room * max(1, count) / total)
        domains.append((bottom, top))
        top = bottom - spacing
    return domains


def with_bar_labels(frame: pd.DataFrame, language: str, show_metric: bool) -> pd.DataFrame:
    """`frame` with each bar's label (place · period · metric · group, target marked) and written value."""
    frame = frame.copy()
    target_word = labels.text("target", language)
    names = frame[f"place_{language}"] if f"place_{language}" in frame else frame["area"]
    places = [
        labels.place_and_period(*place, language)
        for place in zip(names, frame["area_level"], frame["period_start"], frame["period_end"], strict=True)
    ]
    # A survey's own measure and the province as merged on 1 July 2025 are marked at their bar, as on every line
    # and in every file (labels.place_name).
    surveys = frame["survey_measure"] if "survey_measure" in frame else [False] * len(frame)
    merged = frame["merged_province"] if "merged_province" in frame else [False] * len(frame)
    places = [
        labels.text("survey_place", language, place=place) if not pd.isna(survey) and bool(survey) else place
        for place, survey in zip(places, surveys, strict=True)
    ]
    places = [
        labels.text("merged_line", language, province=place) if not pd.isna(flag) and bool(flag) else place
        for place, flag in zip(places, merged, strict=True)
    ]
    metric_column = f"metric_label_{language}"
    metrics = frame[metric_column] if show_metric and metric_column in frame else [None] * len(frame)
    bar_labels = []
    for place, metric, group, is_target in zip(
        places, metrics, frame[f"group_label_{language}"], frame["is_target"], strict=True
    ):
        label = " · ".join(part for part in (place, metric, group) if part)
        bar_labels.append(f"{label} ({target_word})" if is_target else label)
    frame["bar_label"] = bar_labels
    frame["value_label"] = labels.value_texts(frame, language)
    return frame


def value_scale(frame: pd.DataFrame, language: str) -> tuple[float, str]:
    """What the values of a chart are divided by, and the axis title that says so: tỷ đồng, %, count."""
    units = set(frame["unit"])
    if units == {"VND"}:
        threshold, vietnamese, english = labels.money_scale(frame["value"].max())
        return threshold, (f"{vietnamese} đồng".strip() if language == "vi" else f"VND {english}".strip())
    if units == {"percent"}:
        return 1, "%"
    return 1, labels.unit_name("count", language)


def _other_reports(reading: dict, language: str) -> str:
    """The hover's last line: how many other reports give the point a bar cites (none: nothing)."""
    others = int(reading.get("readings") or 1) - 1 if not pd.isna(reading.get("readings")) else 0
    if others <= 0:
        return ""
    key = "other_reports_disagree" if reading.get("agreement") == "conflict" else "other_reports"
    return "<br>" + html.escape(labels.text(key, language, count=others))


def _bar_trace(part: pd.DataFrame, province: str, scale: float, show_legend: bool, language: str) -> dict:
    colour = province_colour(province)
    return {
        "type": "bar",
        "x": (part["value"] / scale).tolist(),
        "y": part["bar_label"].tolist(),
        "orientation": "h",
        "name": province,
        "legendgroup": province,
        "showlegend": show_legend,
        "marker": {
            "color": colour,
            "pattern": {
                "shape": ["/" if target else "" for target in part["is_target"]],
                "fgcolor": "white",
                "fillmode": "overlay",
            },
        },
        "text": part["value_label"].tolist(),
        # A bar beyond the axis ends at its edge, its value written inside it.
        "textposition": ["inside" if beyond else "outside" for beyond in part["off_scale"]],
        "insidetextanchor": "end",
        "cliponaxis": False,
        "customdata": [
            [row["fact_id"], row["value_label"], html.escape(labels.citation(row, language)), row["quote"]]
            for row in part.to_dict("records")
        ],
        "hovertext": [_other_reports(row, language) for row in part.to_dict("records")],
        "hovertemplate": "<b>%{y}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>“%{customdata[3]}”%{hovertext}"
        "<extra></extra>",
    }


def coverage_heatmap(counts: pd.DataFrame, language: str, title: str) -> go.Figure:
    """Province × topic: how many figures each report gives; blank where it gives none."""
    figure = go.Figure(
        go.Heatmap(
            z=counts.to_numpy(dtype=float),
            x=list(counts.columns),
            y=list(counts.index),
            text=[[str(int(value)) if value else "" for value in row] for row in counts.to_numpy()],
            texttemplate="%{text}",
            colorscale=[[0, "#f4f4f4"], [0.0001, "#cfe3f3"], [1, "#0072B2"]],
            showscale=False,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(title={"text": title, "font": {"size": 22}}, font=FONT, height=120 + 60 * len(counts))
    figure.update_yaxes(autorange="reversed")
    return figure
