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
from app.charts import LEVEL_ORDER, missing_reason, province_colour, value_scale, with_bar_labels
from app.series_chart import MERGER_YEAR, REFERENCE_STYLES, break_years, drawn_points, line_name, lines, panel_groups

COUNTRY_COLOUR = REFERENCE_STYLES["country"]["color"]


@dataclass(frozen=True)
class DeckSeries:
    """One series: a value (or None) and its written label per category, in the chart's category order."""

    name: str
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    colours: tuple[str, ...]
    dashed: bool = False
    reference: bool = False
    diamond: bool = False
    # A place under two standards is two series with one legend entry, as on screen.
    in_legend: bool = True


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


def line_charts(readings: pd.DataFrame, standards: pd.DataFrame, language: str, title: str) -> list[DeckChart]:
    """queries.series() rows as one line chart per panel of the chart on screen (one per beneficiary group)."""
    drawn = drawn_points(readings.astype(object))
    groups = panel_groups(drawn)
    drawn = drawn[drawn["beneficiary_group"].isin(groups)]
    if drawn.empty:
        return []
    scale, axis_title = value_scale(drawn, language)
    years = drawn["year"].astype(int)
    categories = tuple(str(year) for year in range(int(years.min()), int(years.max()) + 1))
    own_measures = set(standards.loc[standards["applies_from"].isna(), "poverty_standard"])
    charts = []
    for group in groups:
        panel = drawn[drawn["beneficiary_group"] == group]
        segments = lines(panel)
        names = [line_name(segment.iloc[0], language) for segment in segments]
        series = tuple(
            replace(
                _line_series(segment, name, categories, scale, own_measures, language),
                in_legend=name not in names[:index],
            )
            for index, (segment, name) in enumerate(zip(segments, names, strict=True))
        )
        heading = title if len(groups) == 1 else f"{title} · {panel[f'group_label_{language}'].iloc[0]}"
        notes = _break_notes(panel, standards, language) + _conflict_notes(panel, language)
        charts.append(DeckChart("line", heading, categories, series, axis_title, notes, panel))
    return charts


def _line_series(
    segment: pd.DataFrame, name: str, categories: tuple[str, ...], scale: float, own_measures: set[str], language: str
) -> DeckSeries:
    """One line segment: a place under one standard, on one side of the merger."""
    first = segment.iloc[0]
    by_year = dict(zip(segment["year"].astype(int).astype(str), segment.to_dict("records"), strict=True))
    written = dict(zip(segment["fact_id"], labels.value_texts(segment, language), strict=True))
    level = first["area_level"]
    colour = province_colour(first["province"]) if level == "province" else REFERENCE_STYLES[level]["color"]
    return DeckSeries(
        name=name,
        values=tuple(float(by_year[year]["value"]) / scale if year in by_year else None for year in categories),
        texts=tuple(written[by_year[year]["fact_id"]] if year in by_year else "" for year in categories),
        colours=(colour,),
        dashed=bool(first["merged_province"]) or level != "province",
        reference=level != "province",
        diamond=first["poverty_standard"] in own_measures,
    )


def _break_notes(panel: pd.DataFrame, standards: pd.DataFrame, language: str) -> tuple[str, ...]:
    labels_of = standards.set_index("poverty_standard")[f"label_{language}"]
    notes = [
        labels.text("standard_break", language, year=str(year), standard=labels_of[standard])
        for year, standard in break_years(panel, standards)
    ]
    if panel["merged_province"].any():
        notes.append(f"{labels.text('merger_break', language)} ({MERGER_YEAR})")
    return tuple(notes)


def _conflict_notes(panel: pd.DataFrame, language: str) -> tuple[str, ...]:
    conflicts = panel[panel["series_disagree"].fillna(False).astype(bool)]
    points = [f"{line_name(row, language)} {int(row['year'])}" for row in conflicts.to_dict("records")]
    return (f"{labels.text('conflict_marker', language)}: {', '.join(points)}",) if points else ()


def ranking_chart(rows: pd.DataFrame, year: int, language: str, title: str) -> DeckChart:
    """queries.ranking() rows as one bar per province, largest first, then the country; a province without a
    figure keeps its row, its category saying why."""
    provinces = rows[rows["place_level"] == "province"]
    country = rows[(rows["place_level"] == "country") & rows["value"].notna()]
    found = pd.concat([provinces, country]).dropna(subset=["value"])
    scale, axis_title = value_scale(found.fillna({"unit": "count"}), language) if len(found) else (1, "")
    written = dict(zip(found["fact_id"], labels.value_texts(found, language), strict=True))
    categories, values, texts, colours = [], [], [], []
    for row in [*provinces.to_dict("records"), *country.to_dict("records")]:
        name = row["place"]
        if pd.isna(row["value"]):
            name = f"{name} — {labels.text(missing_reason(row['other_standard_only']), language, year=str(year))}"
        elif int(row["year"]) != year:
            name = f"{name} {labels.text('nearest_year', language, year=str(int(row['year'])))}"
        categories.append(name)
        values.append(None if pd.isna(row["value"]) else float(row["value"]) / scale)
        texts.append(written.get(row["fact_id"], ""))
        colours.append(province_colour(row["place"]) if row["place_level"] == "province" else COUNTRY_COLOUR)
    series = DeckSeries(title, tuple(values), tuple(texts), tuple(colours))
    return DeckChart("bar", title, tuple(categories), (series,), axis_title, (), found)


def bar_charts(rows: pd.DataFrame, language: str, title: str, show_metric: bool = False) -> list[DeckChart]:
    """queries.chart_rows() (or derived ratio) rows as the bar charts on screen: one per area level, each bar
    labelled as on screen (place, period, group, and "target" where it is one)."""
    rows = with_bar_labels(rows, language, show_metric)
    scale, axis_title = value_scale(rows, language)
    levels = [level for level in LEVEL_ORDER if level in set(rows["area_level"])]
    charts = []
    for level in levels:
        panel = rows[rows["area_level"] == level]
        series = DeckSeries(
            title,
            tuple(float(value) / scale for value in panel["value"]),
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
