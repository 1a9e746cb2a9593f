"""Lines over the years: one per province, one value a year, never joined across a break.

A line is cut wherever what it measures changes: at a new poverty standard (each standard is its
own trace, so Plotly cannot join the last point of one to the first of the next) and at the
1 July 2025 merger (the merged province is a line of its own, dashed). Each break is marked with
a vertical rule and a note saying what changed. The country and the regions of the provinces
shown are grey reference lines. Points whose reports disagree are ringed in red; the hover names
the reading drawn and the others of that year. Panels (one per beneficiary group) share one
axis range; rates start at zero unless zero would squeeze them together (series_chart.axis_range says where).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from app import labels
from app.charts import FONT, TICK_FONT, TICK_FORMAT, panel_title, province_colour, separators, value_scale

MAX_PANELS = 3
REFERENCE_STYLES = {"country": {"color": "#444444", "dash": "dash"}, "region": {"color": "#9a9a9a", "dash": "dot"}}
# Regions differ by shade and dash (the dash names are Plotly's; the deck maps them to PowerPoint's).
REGION_STYLES = (
    {"color": "#7f7f7f", "dash": "dot"},
    {"color": "#a0a0a0", "dash": "dashdot"},
    {"color": "#5f5f5f", "dash": "longdashdot"},
    {"color": "#b5b5b5", "dash": "longdash"},
)
CONFLICT_COLOUR = "#C00000"
# Provinces merged on 1 July 2025: between the points of 2024 (mostly at its end) and of 2025, like the
# rule of a standard that starts with a year.
MERGER_YEAR = 2025
OTHER_READINGS_IN_HOVER = 3


def drawn_points(frame: pd.DataFrame) -> pd.DataFrame:
    """The readings a series chart draws: one per line and year (etl/figures.sql's rule)."""
    return frame[frame["series_choice"] == 1]


def on_chart(frame: pd.DataFrame) -> pd.Series:
    """Which readings series_lines draws as points: the reading the rule picks for its year, in a panel the chart
    has (a beneficiary group where some province has a line). What a chart's CSV marks as drawn."""
    drawn = (frame["series_choice"] == 1).fillna(False).astype(bool)
    groups = panel_groups(frame[drawn])
    return drawn & frame["beneficiary_group"].isin(groups)


def series_lines(frame: pd.DataFrame, standards: pd.DataFrame, language: str, title: str) -> go.Figure:
    """A line chart of queries.series() rows; `standards` is the poverty_standards table."""
    # Python objects rather than Arrow-backed text: the chart reads hundreds of single values, each
    # several times quicker from an object column (about half a second at a million figures).
    frame = frame.astype(object)
    drawn = drawn_points(frame)
    groups = panel_groups(drawn)
    drawn = drawn[drawn["beneficiary_group"].isin(groups)]
    scale, axis_title = value_scale(drawn, language)
    axis_bottom, ceiling, top = (value / scale if value is not None else None for value in axis_range(drawn))
    years = drawn["year"].astype(int)
    first_year, last_year = (int(years.min()), int(years.max())) if len(drawn) else (2015, 2025)
    hovers = _hover_texts(frame, language)
    # A standard that applies to no period is a survey's own measure: its points are drawn apart.
    own_measures = set(standards.loc[standards["applies_from"].isna(), "poverty_standard"])
    layout: dict = {
        "title": {"text": title, "font": {"size": 24}},
        "font": FONT,
        "height": 220 + 380 * len(groups),
        "legend": {"orientation": "v", "yanchor": "top", "y": 1, "x": 1.01, "font": {"size": 16}},
        "margin": {"l": 10, "r": 10, "t": 90, "b": 40},
        "hoverlabel": {"font_size": 15, "align": "left"},
        "separators": separators(language),
        "annotations": [],
        "shapes": [],
    }
    traces: list[dict] = []
    shown: set[str] = set()
    domains = _stacked_domains(len(groups))
    for number, (group, (bottom, upper)) in enumerate(zip(groups, domains, strict=True), start=1):
        suffix = "" if number == 1 else str(number)
        axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        panel = drawn[drawn["beneficiary_group"] == group]
        for line in lines(panel):
            name = line_name(line.iloc[0], language)
            parts = runs(line)
            for part in parts:
                trace = _line_trace(part, name, scale, hovers, own_measures, shown, language, ceiling)
                traces.append(trace | axes)
            colour = traces[-1]["line"]["color"]
            for before, after in zip(parts, parts[1:], strict=False):
                traces.append(_connector_trace(before, after, name, scale, colour) | axes)
        conflicts = panel[panel["series_disagree"].fillna(False).astype(bool)]
        if len(conflicts):
            traces.append(_conflict_trace(conflicts, scale, hovers, language, "conflict" not in shown) | axes)
            shown.add("conflict")
        layout[f"xaxis{suffix}"] = {
            "range": [first_year - 0.5, last_year + 0.5],
            "dtick": 1,
            "tickformat": "d",
            "tickfont": TICK_FONT,
            "anchor": f"y{suffix}",
            "showticklabels": True,
        }
        layout[f"yaxis{suffix}"] = {
            "title": {"text": axis_title},
            "range": [axis_bottom, top],
            "domain": [bottom, upper],
            "anchor": f"x{suffix}",
            "tickformat": TICK_FORMAT,
            "tickfont": TICK_FONT,
            "ticksuffix": "%" if set(drawn["unit"]) == {"percent"} else "",
        }
        if len(groups) > 1:
            layout["annotations"].append(panel_title(html.escape(str(panel[f"group_label_{language}"].iloc[0])), upper))
        _mark_breaks(panel, standards, suffix, layout, language)
        if axis_bottom:
            # Said on the chart itself, at the foot of the axis: its rates are drawn from there, not from zero.
            layout["annotations"].append(
                {
                    "text": html.escape(labels.text("axis_not_zero", language, bottom=axis_bottom)),
                    "xref": "paper",
                    "yref": f"y{suffix} domain",
                    "x": 0,
                    "y": 0,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": 13, "color": "#333333"},
                    "bgcolor": "rgba(255,255,255,0.85)",
                }
            )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# A rate axis starts at zero unless every value is at least this share of the largest: then zero would squeeze
# the provinces into a band at the top (BHYT coverage of 85–95 %), and the axis starts near the lowest value.
RATE_AXIS_SHARE = 0.5
# The merged province's lone point sets no scale when it is this many times the largest other value: it is drawn
# at the top edge, marked as off the scale, with its value written beside it.
OFF_SCALE_RATIO = 1.6


def axis_range(drawn: pd.DataFrame) -> tuple[float, float | None, float]:
    """(bottom, ceiling, top) of a chart's value axis, in the values' own unit. `ceiling` is where a merged
    province's point too large for the scale is drawn, None when every point fits."""
    if drawn.empty:
        return 0.0, None, 1.0
    values = drawn["value"].astype(float)
    merged = drawn["merged_province"].astype(bool).to_numpy()
    largest, ceiling = float(values.max()), None
    others = values[~merged]
    if merged.any() and len(others) and float(values[merged].max()) > OFF_SCALE_RATIO * float(others.max()):
        largest = float(others.max())
        ceiling = 1.08 * largest
    bottom = 0.0
    lowest = float(values.min())
    if set(drawn["unit"]) == {"percent"} and lowest >= RATE_AXIS_SHARE * largest > 0:
        bottom = max(0.0, 5 * math.floor((lowest - 0.5 * (largest - lowest)) / 5))
    return bottom, ceiling, largest + 0.15 * (largest - bottom) if largest > bottom else 1.0


def panel_groups(drawn: pd.DataFrame) -> list[str]:
    """The beneficiary groups where some province has a line of two years or more, "all" first, then by
    points; at most MAX_PANELS."""
    provinces = drawn[drawn["area_level"] == "province"]
    years = provinces.groupby(["beneficiary_group", "province", "merged_province"])["year"].nunique()
    with_lines = set(years[years >= 2].index.get_level_values("beneficiary_group"))
    counts = provinces[provinces["beneficiary_group"].isin(with_lines)]["beneficiary_group"].value_counts()
    ordered = sorted(counts.index, key=lambda group: (group != "all", -counts[group], group))
    return ordered[:MAX_PANELS] or ["all"]


def _stacked_domains(panels: int) -> list[tuple[float, float]]:
    spacing = 0.08
    height = (1 - spacing * (panels - 1)) / panels
    return [
        (max(0.0, round(1 - (index + 1) * height - index * spacing, 6)), round(1 - index * (height + spacing), 6))
        for index in range(panels)
    ]


def line_name(reading: Mapping, language: str) -> str:
    """A line's name: the province (marked when merged or a survey's rate) or the reference area, in the
    language (labels.place_name, as in every other output)."""
    return labels.place_name(reading, language)


def lines(panel: pd.DataFrame) -> list[pd.DataFrame]:
    """One frame per line segment: place, merger and standard; province lines first, references after."""
    keyed = panel.assign(
        line_place=panel["province"].fillna(panel["area"]),
        line_standard=panel["poverty_standard"].fillna(""),
        level_order=panel["area_level"].map({"province": 0, "country": 1, "region": 2}),
    )
    keys = ["level_order", "line_place", "merged_province", "line_standard"]
    return [part.sort_values("year") for _, part in keyed.groupby(keys, sort=True, dropna=False)]


def runs(segment: pd.DataFrame) -> list[pd.DataFrame]:
    """A line segment cut wherever a year is missing: each run holds consecutive years. Runs are drawn
    solid and joined only by a thin dotted connector, so a gap of several years never reads as a trend."""
    years = segment["year"].astype(int)
    starts = (years.diff() != 1).cumsum()
    return [run for _, run in segment.groupby(starts.to_numpy(), sort=True)]


def _connector_trace(before: pd.DataFrame, after: pd.DataFrame, name: str, scale: float, colour: str) -> dict:
    """The dotted join across missing years between two runs of one line: no marker, no hover, no legend."""
    ends = pd.concat([before.tail(1), after.head(1)])
    return {
        "type": "scatter",
        "mode": "lines",
        "x": ends["year"].astype(int).tolist(),
        "y": (ends["value"] / scale).tolist(),
        "name": name,
        "legendgroup": name,
        "showlegend": False,
        "hoverinfo": "skip",
        "line": {"color": colour, "width": 1.5, "dash": "dot"},
    }


def reference_style(level: str, area: str) -> dict:
    """The country a dark dashed line; each region its own grey and dash, so that three regions are told apart."""
    if level == "country":
        return dict(REFERENCE_STYLES["country"])
    index = sum(map(ord, area)) % len(REGION_STYLES)
    return dict(REGION_STYLES[index])


def _line_trace(
    line: pd.DataFrame,
    name: str,
    scale: float,
    hovers: dict,
    own_measures: set[str],
    shown: set[str],
    language: str,
    ceiling: float | None = None,
) -> dict:
    first = line.iloc[0]
    level = first["area_level"]
    merged = bool(first["merged_province"])
    if level == "province":
        colour = province_colour(first["province"])
        style = {"color": colour, "width": 4, "dash": "dash" if merged else "solid"}
    else:
        style = reference_style(level, first["area"]) | {"width": 2.5}
    symbol = "circle"
    if first["poverty_standard"] in own_measures:
        symbol = "diamond-open"
    elif merged:
        symbol = "square-open"  # another territory than the old province: never read as its next point
    values = (line["value"] / scale).tolist()
    off_scale = [ceiling is not None and value > ceiling for value in values]
    trace = {
        "type": "scatter",
        "mode": "lines+markers+text" if merged else "lines+markers",
        "x": line["year"].astype(int).tolist(),
        "y": [ceiling if beyond else value for value, beyond in zip(values, off_scale, strict=True)],
        "name": name,
        "legendgroup": name,
        "showlegend": name not in shown,
        "line": style,
        "marker": {
            "size": 13 if merged else 11 if level == "province" else 8,
            "color": style["color"],
            "symbol": symbol,
            "line": {"width": 2.5, "color": style["color"]},
        },
        "customdata": [[fact_id, hovers[fact_id]] for fact_id in line["fact_id"]],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
    }
    if any(off_scale):  # drawn at the top edge, its value and "off the scale" written beside it
        trace["marker"]["symbol"] = ["triangle-up" if beyond else symbol for beyond in off_scale]
    if merged:  # said at the point itself, not only in the legend
        written = labels.value_texts(line, language)
        texts = [
            labels.text("off_scale", language, value=value) if beyond else ""
            for value, beyond in zip(written, off_scale, strict=True)
        ]
        texts[0] = f"{labels.text('merged_short', language)} {texts[0]}".strip()
        trace |= {
            "text": texts,
            "textposition": "middle left" if any(off_scale) else "top center",
            "textfont": {"size": 14, "color": style["color"]},
        }
    shown.add(name)
    return trace


def _conflict_trace(points: pd.DataFrame, scale: float, hovers: dict, language: str, show_legend: bool) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": points["year"].astype(int).tolist(),
        "y": (points["value"] / scale).tolist(),
        "name": labels.text("conflict_marker", language),
        "legendgroup": "conflict",
        "showlegend": show_legend,
        "marker": {"size": 22, "symbol": "circle-open", "color": CONFLICT_COLOUR, "line": {"width": 3}},
        "customdata": [[fact_id, hovers[fact_id]] for fact_id in points["fact_id"]],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
    }


def _hover_texts(frame: pd.DataFrame, language: str) -> dict[str, str]:
    """Per drawn reading: what it is, under which standard, from which report, and the other readings."""
    # Plain records: walking rows of Arrow-backed frames costs about a second at a million figures.
    readings = frame.assign(value_text=labels.value_texts(frame, language)).to_dict("records")
    keys = ("province", "area", "area_level", "merged_province", "beneficiary_group", "poverty_standard", "year")
    others: dict[tuple, list[dict]] = {}
    for reading in readings:
        if reading["series_choice"] > 1:
            others.setdefault(_point(reading, keys), []).append(reading)
    texts = {}
    for reading in readings:
        if reading["series_choice"] != 1:
            continue
        lines = [
            f"<b>{html.escape(line_name(reading, language))} · {html.escape(reading['period_text'])}</b>",
            html.escape(reading["value_text"]),
        ]
        standard = reading[f"poverty_standard_label_{language}"]
        if isinstance(standard, str):
            lines.append(html.escape(standard))
        lines += [html.escape(_source_line(reading, language)), "“" + html.escape(reading["quote"]) + "”"]
        same_year = others.get(_point(reading, keys), [])
        if same_year:
            lines.append(html.escape(labels.text("other_readings", language, count=len(same_year))))
            for other in same_year[:OTHER_READINGS_IN_HOVER]:
                words = f"{other['value_text']} ({other['period_text']}) — {_source_line(other, language)}"
                lines.append("· " + html.escape(words))
        texts[reading["fact_id"]] = "<br>".join(lines)
    return texts


def _point(reading: dict, keys: tuple[str, ...]) -> tuple:
    """A reading's point; a missing province or standard (NaN, None, NA) counts as one key."""
    return tuple(None if pd.isna(reading[key]) else reading[key] for key in keys)


def _source_line(reading: dict, language: str) -> str:
    return labels.citation(reading, language)


def break_years(panel: pd.DataFrame, standards: pd.DataFrame) -> list[tuple[int, str]]:
    """(first year, standard) of each dated poverty standard that follows another one drawn on this panel."""
    dated = standards.dropna(subset=["applies_from"]).sort_values("applies_from")
    present = set(panel.loc[panel["area_level"] == "province", "poverty_standard"].dropna())
    breaks, seen_before = [], False
    for row in dated.itertuples():
        if row.poverty_standard in present:
            if seen_before:
                breaks.append((pd.Timestamp(row.applies_from).year, row.poverty_standard))
            seen_before = True
    return breaks


def _span(label: str) -> str:
    """The years a standard's name spans ("2022–2025"), or the name itself."""
    found = re.search(r"\d{4}\s*[–-]\s*\d{4}", label)
    return found.group(0) if found else label


def _mark_breaks(panel: pd.DataFrame, standards: pd.DataFrame, suffix: str, layout: dict, language: str) -> None:
    labels_of = standards.set_index("poverty_standard")[f"label_{language}"]
    marks = [
        (year - 0.5, labels.text("standard_break_short", language, year=str(year), span=_span(labels_of[standard])))
        for year, standard in break_years(panel, standards)
    ]
    merger = [(MERGER_YEAR - 0.5, labels.text("merger_break", language))] if panel["merged_province"].any() else []
    for order, (position, words) in enumerate(marks + merger):
        layout["shapes"].append(
            {
                "type": "line",
                "xref": f"x{suffix}",
                "yref": f"y{suffix} domain",
                "x0": position,
                "x1": position,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#555555", "width": 2, "dash": "dot"},
            }
        )
        # A standard's note names what begins at the rule, so it stands on the rule's right, over the years it
        # is about, in two short lines so that it stays within the chart; several notes go one under another.
        # The merger, at the right edge, is noted just above the chart, ending at its rule.
        head, _, rest = words.partition(": ")
        last = order == len(marks) and bool(merger)
        layout["annotations"].append(
            {
                "text": html.escape(head + ":") + "<br>" + html.escape(rest) if rest else html.escape(words),
                "xref": f"x{suffix}",
                "yref": f"y{suffix} domain",
                "x": position,
                "y": 1.0 if last else 1 - 0.14 * order,
                "xanchor": "right" if last else "left",
                "yanchor": "bottom" if last else "top",
                "align": "right" if last else "left",
                "showarrow": False,
                "font": {"size": 13, "color": "#333333"},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
