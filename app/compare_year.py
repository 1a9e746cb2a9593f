"""The provinces side by side in one year: its query, figure, CSV, deck chart, the Overview's cards and the brief's
charts, in one place.

Which reading a province shows for a year is decided once, by etl/coverage.py's compared_in_year_sql: the reading
of that year, or else its nearest within the indicator's window (data/metrics.meta.yml). The mark of a reading that
stands in is decided here once too: its value text carries its own year ("1,96% (2017)") from the moment it is
read, so every output that writes the value — bar labels, hover, cards, the deck's chart and table, the brief, the
CSV — writes the year with it; the bars are hatched on screen and on the slide, and a note says why.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import exports, labels, queries
from app.charts import FONT, TICK_FONT, TICK_FORMAT, province_colour, separators, value_scale
from app.deck_charts import COUNTRY_COLOUR, DeckChart, DeckSeries
from app.queries import Filters
from etl import coverage as coverage_matrices

# A bar standing in from another year: Plotly's hatch, filled with the province's colour over white.
HATCH = "/"
LANGUAGES = ("vi", "en")


def window(metric: str) -> int:
    """How many years from the year compared a reading of `metric` may stand in: its headline window, else none."""
    headlines = queries.headline_metrics().set_index("metric")
    return int(headlines.loc[metric, "window_years"]) if metric in headlines.index else 0


def ranking(filters: Filters, metric: str, year: int) -> pd.DataFrame:
    """Each province's reading of `metric` compared in `year` (results only, province level, for the group the
    metric is compared for), one row per province of the view, with `value` empty where it has none; then the
    country's, whichever provinces are picked. `stands_in` marks a reading of another year (its own `year`),
    whose value texts carry that year; `compared_year` and `window_years` say what was asked."""
    return _ranking(filters, metric, year, queries.compared_group(metric), queries.database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _ranking(filters: Filters, metric: str, year: int, group: str, version: tuple[str, int]) -> pd.DataFrame:
    # The provinces are those of `wanted` below; the filter's provinces must not hide the country's rule.
    chosen = replace(filters, provinces=None, levels=None, metrics=(metric,), groups=(group,), targets="actual")
    where, parameters = queries._where(replace(chosen, year_from=None, year_to=None))
    found = coverage_matrices.compared_in_year_sql(f"{where} AND area_level IN ('province', 'country')")
    sql = f"""
        WITH wanted AS (
            SELECT province, province_2025 FROM provinces
            WHERE list_contains($provinces, province)
        ),
        found AS ({found}),
        -- Provinces with a reading within the window, but only under another poverty standard than that of $year:
        -- the reason they have no value.
        other_standard AS (
            SELECT DISTINCT province FROM figures
            WHERE {where} AND series_choice = 1 AND area_level = 'province' AND NOT merged_province
              AND abs(year - $year) <= $window AND poverty_standard IS NOT NULL
              AND NOT EXISTS (
                  SELECT 1 FROM poverty_standards AS standard
                  WHERE standard.poverty_standard = figures.poverty_standard
                    AND make_date($year, 12, 31) BETWEEN standard.applies_from AND standard.applies_to
              )
        )
        SELECT wanted.province AS place, 'province' AS place_level, found.* EXCLUDE (province, province_2025),
               wanted.province, wanted.province_2025,
               wanted.province IN (SELECT province FROM other_standard) AS other_standard_only
        FROM wanted LEFT JOIN found ON found.province = wanted.province AND found.area_level = 'province'
        UNION ALL BY NAME
        SELECT area AS place, 'country' AS place_level, found.*, false AS other_standard_only
        FROM found WHERE area_level = 'country' AND unit = 'percent'  -- a reference on the same scale only
        ORDER BY place_level DESC, value DESC NULLS LAST, place
    """
    parameters |= {"provinces": queries.compared_provinces(filters), "year": year, "window": window(metric)}
    rows = queries.run_query(sql, parameters, version)
    rows["stands_in"] = rows["stands_in"].fillna(False).astype(bool)
    rows["compared_year"] = year
    rows["window_years"] = window(metric)
    for language in LANGUAGES:
        written = zip(rows[f"value_text_{language}"], rows["year"], rows["stands_in"], strict=True)
        rows[f"value_text_{language}"] = [
            labels.text("stand_in_value", language, value=text, year=str(int(own)))
            if stands_in and isinstance(text, str)
            else text
            for text, own, stands_in in written
        ]
    return rows


def ranking_years(filters: Filters, metric: str, at_least: int = 2) -> list[int]:
    """The years a ranking of `metric` can compare: those in which at least `at_least` of the provinces it shows
    have a reading by the rule of `ranking` (of the year, or standing in from within the window); those where most
    provinces have one first, then where most have one of the year itself, then the latest."""
    return _ranking_years(filters, metric, queries.compared_group(metric), at_least, queries.database_version())


@st.cache_data(show_spinner=False, max_entries=256)
def _ranking_years(filters: Filters, metric: str, group: str, at_least: int, version: tuple[str, int]) -> list[int]:
    chosen = replace(filters, levels=("province",), metrics=(metric,), groups=(group,), targets="actual")
    where, parameters = queries._where(replace(chosen, year_from=None, year_to=None))
    # The years compared: those the filters allow, else every year the figures stand for.
    found = coverage_matrices.compared_in_year_sql(
        f"{where} AND list_contains($provinces, province)",
        """SELECT unnest(range(
               coalesce($first, (SELECT min(year) FROM figures)), coalesce($last, (SELECT max(year) FROM figures)) + 1
           ))::INTEGER AS compared_year""",
    )
    sql = f"""
        SELECT compared_year, count(DISTINCT province) AS provinces,
               count(DISTINCT province) FILTER (WHERE NOT stands_in) AS exact
        FROM ({found})
        GROUP BY compared_year HAVING count(DISTINCT province) >= $at_least
        ORDER BY provinces DESC, exact DESC, compared_year DESC
    """
    parameters |= {
        "provinces": queries.compared_provinces(filters),
        "at_least": at_least,
        "first": filters.year_from,
        "last": filters.year_to,
    }
    return [int(year) for year in queries.run_query(sql, parameters, version)["compared_year"]]


def missing_text(row: dict, year: int, language: str) -> str:
    """Why a province has no value in the comparison of `year`: only a figure under another standard that year,
    nothing within the window, or nothing that year (a metric without one)."""
    reach = int(row.get("window_years") or 0)
    if row.get("other_standard_only"):
        if reach:
            return labels.text("missing_other_standard_window", language, year=str(year), window=reach)
        return labels.text("missing_other_standard", language, year=str(year))
    if reach:
        return labels.text("missing_window", language, year=str(year), window=reach)
    return labels.text("missing_year", language, year=str(year))


def stand_in_note(rows: pd.DataFrame, year: int, language: str) -> str:
    """The note under a comparison where some province's value stands in from another year; empty otherwise."""
    if not rows["stands_in"].any():
        return ""
    return labels.text("stand_in_note", language, year=str(year), window=int(rows["window_years"].iloc[0]))


def _place_name(row: dict, year: int, language: str) -> str:
    name = row["place"] if row["place_level"] == "province" else labels.text("country_name", language)
    if pd.notna(row["value"]) and row["stands_in"]:
        name = f"{name} {labels.text('nearest_year', language, year=str(int(row['year'])))}"
    return name


def figure(rows: pd.DataFrame, year: int, language: str, title: str) -> go.Figure:
    """The ranking as one bar per province on one axis, largest first, the country as a dashed rule. A bar from
    another year is hatched, its name and value say which year, and a line under the axis says what the hatch means; a
    province without a figure keeps its row, saying why."""
    provinces = rows[rows["place_level"] == "province"]
    country = rows[(rows["place_level"] == "country") & rows["value"].notna()]
    scale, axis_title = value_scale(provinces.dropna(subset=["value"]).fillna({"unit": "count"}), language)
    records = provinces.to_dict("records")
    names = [_place_name(row, year, language) for row in records]
    texts = [
        row[f"value_text_{language}"] if pd.notna(row["value"]) else missing_text(row, year, language)
        for row in records
    ]
    hatched = [bool(pd.notna(row["value"]) and row["stands_in"]) for row in records]
    colours = [province_colour(place) for place in provinces["place"]]
    largest = max([float(provinces["value"].max() or 0), float(country["value"].max() or 0)]) if len(rows) else 0
    layout: dict = {
        "title": {"text": title, "font": {"size": 24}},
        "font": FONT,
        "height": 200 + 70 * len(provinces) + (60 if any(hatched) else 0),
        "showlegend": False,
        "margin": {"l": 10, "r": 40, "t": 90, "b": 130 if any(hatched) else 60},
        "separators": separators(language),
        "xaxis": {
            "title": {"text": axis_title},
            "range": [0, 1.35 * largest / scale or 1],
            "tickformat": TICK_FORMAT,
            "tickfont": TICK_FONT,
        },
        "yaxis": {"autorange": "reversed", "tickfont": {"size": 19}},
        "hoverlabel": {"font_size": 15, "align": "left"},
        "shapes": [],
        "annotations": [],
    }
    trace = {
        "type": "bar",
        "orientation": "h",
        "x": (provinces["value"].fillna(0) / scale).tolist(),
        "y": names,
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "showlegend": False,
        "marker": {
            "color": colours,
            # A stand-in's hatch in its province's colour over white, outlined, so that it reads as the same
            # province and yet not as a reading of the year.
            "pattern": {
                "shape": [HATCH if mark else "" for mark in hatched],
                "fillmode": "replace",
                "solidity": 0.45,
                "size": 12,
            },
            "line": {"color": colours, "width": [2 if mark else 0 for mark in hatched]},
        },
        "customdata": [[fact_id if isinstance(fact_id, str) else ""] for fact_id in provinces["fact_id"]],
        # The report cited for each bar, as everywhere else the point is shown (labels.citation).
        "hovertext": [
            html.escape(labels.citation(row, language)) if isinstance(row.get("fact_id"), str) else ""
            for row in records
        ],
        "hovertemplate": "<b>%{y}</b><br>%{text}<br>%{hovertext}<extra></extra>",
    }
    if any(hatched):  # what a hatched bar is, under the axis: on screen, in the brief, in a saved image
        layout["annotations"].append(
            {
                "text": labels.text("stand_in_legend", language, window=int(rows["window_years"].iloc[0])),
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": 0,
                "yref": "paper",
                "yshift": -95,
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 15},
            }
        )
    for row in country.itertuples():
        position = row.value / scale
        layout["shapes"].append(
            {
                "type": "line",
                "x0": position,
                "x1": position,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#444444", "width": 2, "dash": "dash"},
            }
        )
        layout["annotations"].append(
            {
                "text": f"{labels.text('country_name', language)} {int(row.year)}: "
                + labels.value_text(row.value, row.unit, row.qualifier, language),
                "x": position,
                "y": 1,
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 15},
            }
        )
    return go.Figure({"data": [trace], "layout": layout}, _validate=False)


def deck_chart(rows: pd.DataFrame, year: int, language: str, title: str) -> DeckChart:
    """The ranking as a deck chart: one bar per province, largest first, then the country; a bar from another
    year hatched, its category and value naming its year, and a note under the chart saying why; a province
    without a figure keeps its row, its category saying why."""
    provinces = rows[rows["place_level"] == "province"]
    country = rows[(rows["place_level"] == "country") & rows["value"].notna()]
    found = pd.concat([provinces, country]).dropna(subset=["value"])
    scale, axis_title = value_scale(found.fillna({"unit": "count"}), language) if len(found) else (1, "")
    categories, values, texts, colours, hatched = [], [], [], [], []
    for row in [*provinces.to_dict("records"), *country.to_dict("records")]:
        name = _place_name(row, year, language)
        if pd.isna(row["value"]):
            name = f"{name} — {missing_text(row, year, language)}"
        categories.append(name)
        values.append(None if pd.isna(row["value"]) else float(row["value"]) / scale)
        texts.append(row[f"value_text_{language}"] if pd.notna(row["value"]) else "")
        colours.append(province_colour(row["place"]) if row["place_level"] == "province" else COUNTRY_COLOUR)
        hatched.append(bool(pd.notna(row["value"]) and row["stands_in"]))
    series = DeckSeries(title, tuple(values), tuple(texts), tuple(colours), hatched=tuple(hatched))
    note = stand_in_note(rows, year, language)
    return DeckChart("bar", title, tuple(categories), (series,), axis_title, (note,) if note else (), found)


def csv(rows: pd.DataFrame, language: str) -> bytes:
    """The readings a ranking draws, as the chart's CSV: each with its own year, the year compared, and whether
    it stands in for that year."""
    return exports.chart_csv(rows.dropna(subset=["fact_id"]).assign(series_choice=1), language)


@dataclass(frozen=True)
class Card:
    """One topic's comparison on the overview: its title, one row per province (place, value_text, period,
    source), and notes (the country's value, what a value of another year means); rows is None when no year can
    be compared. `metric`, `year` and `ranked` are what it shows, for the brief to draw."""

    title: str
    rows: pd.DataFrame | None
    note: str = ""
    stand_in: str = ""
    metric: str = ""
    year: int = 0
    ranked: pd.DataFrame | None = None


def cards(filters: Filters, language: str) -> list[tuple[str, Card]]:
    """For each topic, its first headline indicator that two provinces or more have for the same year by the rule
    of `ranking`, in the year most of them do (then most of the year itself, then the latest): every province's
    value of that year or its stand-in, marked with its own year — or why there is none."""
    headlines = queries.headline_metrics()
    made = []
    for topic in queries.TOPICS:
        metrics = tuple(headlines.loc[headlines["category"] == topic, "metric"])
        if not metrics:
            continue
        shared = {metric: ranking_years(filters, metric) for metric in metrics}
        metric = next((metric for metric in metrics if shared[metric]), metrics[0])
        name = queries.metric_labels(language)[metric]
        if not shared[metric]:
            made.append((topic, Card(name, None, metric=metric)))
            continue
        year = shared[metric][0]
        ranked = ranking(filters, metric, year)
        title = labels.text("ranking_title", language, metric=name, year=str(year))
        standard = queries.standard_in_force(year) if queries.is_poverty_metric(metric) else None
        if standard:
            standards = queries.poverty_standards().set_index("poverty_standard")[f"label_{language}"]
            title += f" · {standards[standard]}"
        provinces = ranked[ranked["place_level"] == "province"]
        records = provinces.to_dict("records")
        rows = pd.DataFrame(
            {
                "place": provinces["place"],
                "value_text": [
                    row[f"value_text_{language}"] if isinstance(row[f"value_text_{language}"], str) else "—"
                    for row in records
                ],
                "period": [
                    row["period_text"] if isinstance(row["period_text"], str) else missing_text(row, year, language)
                    for row in records
                ],
                # The report cited for the value, as on every chart, file and slide: title, publisher, date.
                "source": [
                    labels.citation(row, language) if isinstance(row["source_title"], str) else None for row in records
                ],
            }
        )
        country = ranked[(ranked["place_level"] == "country") & ranked["value"].notna()]
        note = ""
        if len(country):
            note = f"{labels.text('country_name', language)} {int(country['year'].iloc[0])}: "
            note += country[f"value_text_{language}"].iloc[0]
        stand_in = ""
        if provinces["stands_in"].any():
            stand_in = labels.text("stand_in_card", language, year=str(year), window=window(metric))
        made.append((topic, Card(title, rows, note, stand_in, metric, year, ranked)))
    return made


def brief_figures(filters: Filters, language: str) -> list[tuple[str, go.Figure]]:
    """The Overview's comparisons as the brief's charts: one ranking per topic that has a comparable year."""
    return [
        (card.title, figure(card.ranked, card.year, language, card.title))
        for _, card in cards(filters, language)
        if card.ranked is not None
    ]
