"""What each chart of the meeting deck carries: the same points as the chart on screen, as plain data.

A deck chart is built from the frame the page drew its Plotly chart from, by the same rules
(app/series_chart.py for lines, app/charts.py for bars), so the two cannot drift apart. app/deck.py
then writes it as a native PowerPoint chart. Lines keep their breaks: every poverty standard and
each side of the 1 July 2025 merger is a series of its own, so PowerPoint never joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from app import labels
from app.charts import LEVEL_ORDER, bar_headroom, province_colour, value_scale, with_bar_labels
from app.series_chart import (
    MERGER_YEAR,
    REFERENCE_STYLES,
    axis_range,
    break_years,
    drawn_points,
    line_name,
    lines,
    panel_groups,
    reference_style,
    runs,
)

COUNTRY_COLOUR = REFERENCE_STYLES["country"]["color"]


@dataclass(frozen=True)
class DeckSeries:
    """One series: a value (or None) and its written label per category, in the chart's category order."""

    name: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    colours: tuple[str, ...]
    # Plotly's dash name ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot"), as on screen.
    dash: str = "solid"
    reference: bool = False
    diamond: bool = False
    square: bool = False  # the province as merged on 1 July 2025
    # A place under two standards, or with missing years, is several series with one legend entry, as on screen.
    in_legend: bool = True
    # The thin dotted join over missing years between two runs of a line: no marker, no label.
    connector: bool = False
    # Per point: too large for the scale, drawn at its top edge with its value written beside it.
    off_scale: tuple[bool, ...] = ()
    # Per bar: whether it is hatched, a reading of another year standing in (app/compare_year.py).
    hatched: tuple[bool, ...] = ()


@dataclass(frozen=True, eq=False)
class DeckChart:
    """One chart slide: kind ("line" or "bar"), title, categories, series, the axis title, notes a reader
    must see beside the chart (breaks, missing provinces), and the readings drawn (for sources and quotes)."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[DeckSeries, ...]
    axis_title: str
    notes: tuple[str, ...]
    readings: pd.DataFrame = field(repr=False)
    # Rules drawn on a line chart, as on screen: (index of the first category after the rule, its note).
    rules: tuple[tuple[int, str], ...] = ()
    # Where the value axis starts: zero, except for rates high enough that zero would squeeze them together.
    axis_minimum: float = 0.0


def line_charts(
    readings: pd.DataFrame, standards: pd.DataFrame, language: str, title: str, missing: Sequence[str] = ()
) -> list[DeckChart]:
    """queries.series() rows as one line chart per panel of the chart on screen (one per beneficiary group), on
    the same axis (series_chart.axis_range); `missing` names the compared provinces without a point."""
    drawn = drawn_points(readings.astype(object))
    groups = panel_groups(drawn)
    drawn = drawn[drawn["beneficiary_group"].isin(groups)]
    if drawn.empty:
        return []
    scale, axis_title = value_scale(drawn, language)
    bottom, ceiling, _ = axis_range(drawn)
    ceiling = ceiling / scale if ceiling is not None else None
    extra_notes = []
    if bottom:
        extra_notes.append(labels.text("axis_not_zero", language, bottom=bottom))
    if missing:
        extra_notes.append(labels.text("series_missing", language, provinces=", ".join(missing)))
    years = drawn["year"].astype(int)
    categories = tuple(str(year) for year in range(int(years.min()), int(years.max()) + 1))
    own_measures = set(standards.loc[standards["applies_from"].isna(), "poverty_standard"])
    charts = []
    for group in groups:
        panel = drawn[drawn["beneficiary_group"] == group]
        series: list[DeckSeries] = []
        for segment in lines(panel):
            name = line_name(segment.iloc[0], language)
            parts = runs(segment)
            for part in parts:
                in_legend = name not in {drawn_series.name for drawn_series in series}
                series.append(
                    replace(
                        _line_series(part, name, categories, scale, own_measures, language, ceiling),
                        in_legend=in_legend,
                    )
                )
            for before, after in zip(parts, parts[1:], strict=False):
                series.append(_connector(before, after, series[-1], categories, scale))
        heading = title if len(groups) == 1 else f"{title} · {panel[f'group_label_{language}'].iloc[0]}"
        rules = _rules(panel, standards, categories, language)
        notes = tuple(words for _, words in rules) + _conflict_notes(panel, language) + tuple(extra_notes)
        charts.append(
            DeckChart("line", heading, categories, tuple(series), axis_title, notes, panel, rules, bottom / scale)
        )
    return charts


def _line_series(
    segment: pd.DataFrame,
    name: str,
    categories: tuple[str, ...],
    scale: float,
    own_measures: set[str],
    language: str,
    ceiling: float | None = None,
) -> DeckSeries:
    """One run of a line: a place under one standard, on one side of the merger, over consecutive years."""
    first = segment.iloc[0]
    by_year = dict(zip(segment["year"].astype(int).astype(str), segment.to_dict("records"), strict=True))
    written = dict(zip(segment["fact_id"], labels.value_texts(segment, language), strict=True))
    level = first["area_level"]
    merged = bool(first["merged_province"])
    if level == "province":
        colour, dash = province_colour(first["province"]), "dash" if merged else "solid"
    else:
        style = reference_style(level, first["area"])
        colour, dash = style["color"], style["dash"]
    values = tuple(float(by_year[year]["value"]) / scale if year in by_year else None for year in categories)
    texts = tuple(written[by_year[year]["fact_id"]] if year in by_year else "" for year in categories)
    off_scale = tuple(ceiling is not None and value is not None and value > ceiling for value in values)
    if ceiling is not None:  # as on screen: a point too large for the scale at the top edge, its value written
        texts = tuple(
            labels.text("off_scale", language, value=text) if off else text
            for off, text in zip(off_scale, texts, strict=True)
        )
        values = tuple(min(value, ceiling) if value is not None else None for value in values)
    return DeckSeries(
        name=name,
        values=values,
        texts=texts,
        colours=(colour,),
        dash=dash,
        reference=level != "province",
        diamond=first["poverty_standard"] in own_measures,
        square=merged,
        off_scale=off_scale,
    )


def _connector(
    before: pd.DataFrame, after: pd.DataFrame, run: DeckSeries, categories: tuple[str, ...], scale: float
) -> DeckSeries:
    """The dotted join over the missing years between two runs of one line: values at its two ends only."""
    ends = {str(int(row["year"])): float(row["value"]) / scale for row in (before.iloc[-1], after.iloc[0])}
    return DeckSeries(
        name=run.name,
        values=tuple(ends.get(year) for year in categories),
        texts=("",) * len(categories),
        colours=run.colours,
        dash="dot",
        reference=True,
        in_legend=False,
        connector=True,
    )


def _rules(
    panel: pd.DataFrame, standards: pd.DataFrame, categories: tuple[str, ...], language: str
) -> tuple[tuple[int, str], ...]:
    """Where the chart changes meaning, as on screen: a new poverty standard, the 1 July 2025 merger. Each rule
    stands before the first year it concerns."""
    labels_of = standards.set_index("poverty_standard")[f"label_{language}"]
    marks = [
        (year, labels.text("standard_break", language, year=str(year), standard=labels_of[standard]))
        for year, standard in break_years(panel, standards)
    ]
    if panel["merged_province"].any():
        marks.append((MERGER_YEAR, labels.text("merger_break", language)))
    return tuple((categories.index(str(year)), words) for year, words in marks if str(year) in categories)


def _conflict_notes(panel: pd.DataFrame, language: str) -> tuple[str, ...]:
    conflicts = panel[panel["series_disagree"].fillna(False).astype(bool)]
    points = [f"{line_name(row, language)} {int(row['year'])}" for row in conflicts.to_dict("records")]
    return (f"{labels.text('conflict_marker', language)}: {', '.join(points)}",) if points else ()


def bar_charts(rows: pd.DataFrame, language: str, title: str, show_metric: bool = False) -> list[DeckChart]:
    """queries.chart_rows() (or derived ratio) rows as the bar charts on screen: one per area level, each bar
    labelled as on screen (place, period, group, and "target" where it is one)."""
    rows = with_bar_labels(rows, language, show_metric)
    scale, axis_title = value_scale(rows, language)
    ceiling = bar_headroom(rows)  # as on screen: a bar beyond it ends there, its value written with "off the scale"
    beyond = rows["value"] > ceiling
    if beyond.any():
        rows = rows.assign(
            value_label=[
                labels.text("off_scale", language, value=text) if off else text
                for text, off in zip(rows["value_label"], beyond, strict=True)
            ]
        )
    levels = [level for level in LEVEL_ORDER if level in set(rows["area_level"])]
    charts = []
    for level in levels:
        panel = rows[rows["area_level"] == level]
        series = DeckSeries(
            title,
            tuple(min(float(value), ceiling) / scale for value in panel["value"]),
            tuple(panel["value_label"]),
            tuple(province_colour(place) for place in panel["province"].fillna(panel["area"])),
        )
        heading = title if len(levels) == 1 else f"{title} · {labels.level_name(level, language)}"
        charts.append(DeckChart("bar", heading, tuple(panel["bar_label"]), (series,), axis_title, (), panel))
    return charts


def points(charts: Sequence[DeckChart]) -> pd.DataFrame:
    """Every reading the charts draw, once each, in the order drawn: the deck's table and its notes."""
    if not charts:
        return pd.DataFrame()
    return pd.concat([chart.readings for chart in charts]).drop_duplicates("fact_id")
