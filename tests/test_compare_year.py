"""The comparison of one year: a province without a reading of the year shows its nearest within the indicator's
window, marked with its own year on the cards, the ranking, its CSV and the deck — never across a change of poverty
standard, from the merged province, from a target, or beyond the window. The made-up figures live in tmp copies."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest
import yaml
from pptx import Presentation

from app import brief, compare_year, exports
from app.queries import Filters
from etl import coverage
from etl.build import BuildFailed, run
from tests.corpus import add_article, fact, web_source

# Provinces of provinces.csv that no report of data/ covers: only the made-up figures below are theirs.
ACROSS_STANDARD, TARGET_OR_MERGED, BEYOND_WINDOW, TIE, EXACT = (
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Thanh Hóa",
    "Quảng Trị",
)
MADE_UP = (ACROSS_STANDARD, TARGET_OR_MERGED, BEYOND_WINDOW, TIE, EXACT)


def rate(province: str, number: int, day: str, value: str, **changes: str) -> dict[str, str]:
    """A made-up province-level poverty rate of `province` at `day` (its standard follows from the date)."""
    source_id = f"made-{MADE_UP.index(province)}"
    return (
        fact(
            source_id,
            number,
            province=province,
            area=province,
            period_start=day,
            period_end=day,
            value=value,
            quote=value.replace(".", ",") + "%",
        )
        | changes
    )


def made_up_figures(data_dir: Path) -> None:
    figures = {
        # 2021 is under the 2016–2020 standard: it may not stand in for 2022; 2023 (the 2022–2025 one) may.
        ACROSS_STANDARD: [rate(ACROSS_STANDARD, 1, "2021-12-31", "5.1"), rate(ACROSS_STANDARD, 2, "2023-12-31", "4.3")],
        # A target of 2022 and the merged province's reading of 2023: neither is a reading of the province.
        TARGET_OR_MERGED: [
            rate(TARGET_OR_MERGED, 1, "2022-12-31", "3.5", is_target="true"),
            rate(TARGET_OR_MERGED, 2, "2023-12-31", "3.2", merged_province="true"),
        ],
        # Two years before 2022: beyond a window of one year, within it for 2021.
        BEYOND_WINDOW: [rate(BEYOND_WINDOW, 1, "2020-12-31", "6.2")],
        # 2022 and 2024, as near to 2023: the earlier stands in.
        TIE: [rate(TIE, 1, "2022-12-31", "2.4"), rate(TIE, 2, "2024-12-31", "2.2")],
        EXACT: [rate(EXACT, 1, "2022-12-31", "1.8")],
    }
    for province, rows in figures.items():
        source = web_source(f"made-{MADE_UP.index(province)}", province=province)
        add_article(data_dir, source, [row | {"source_id": source["source_id"]} for row in rows])


@pytest.fixture
def made_up_database(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    made_up_figures(data_dir)
    database = tmp_path / "made-up.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    return database


def compared(year: int) -> dict[str, tuple[int, bool, float] | None]:
    """Each made-up province's poverty rate in the comparison of `year`: (own year, stands in, value), or None."""
    rows = compare_year.ranking(Filters(provinces=MADE_UP), "poverty_rate", year)
    rows = rows[rows["place_level"] == "province"]
    return {
        row["place"]: None if row["value"] != row["value"] else (int(row["year"]), bool(row["stands_in"]), row["value"])
        for row in rows.to_dict("records")
    }


def test_a_reading_stands_in_only_within_the_window_under_the_standard_of_the_year_compared(made_up_database):
    in_2022 = compared(2022)
    assert in_2022[EXACT] == (2022, False, 1.8)
    assert in_2022[ACROSS_STANDARD] == (2023, True, 4.3)  # never the 2021 rate, of the previous standard
    assert in_2022[TARGET_OR_MERGED] is None  # never a target, never the merged province's
    assert in_2022[BEYOND_WINDOW] is None  # 2020 is two years away
    assert compared(2021)[BEYOND_WINDOW] == (2020, True, 6.2)
    assert compared(2023)[TIE] == (2022, True, 2.4)  # of two as near, the earlier
    # The reason a province without a value gives, on the chart and the slide.
    rows = compare_year.ranking(Filters(provinces=MADE_UP), "poverty_rate", 2022)
    reasons = {
        row["place"]: compare_year.missing_text(row, 2022, "en")
        for row in rows.to_dict("records")
        if row["value"] != row["value"]
    }
    assert reasons == {
        TARGET_OR_MERGED: "no figure for 2022 nor within 1 year(s)",
        BEYOND_WINDOW: "no figure for 2022 nor within 1 year(s)",
    }
    # The count of `etl coverage` applies the same rule.
    with duckdb.connect(str(made_up_database), read_only=True) as connection:
        cells = coverage.windowed_cells(connection)
    mine = cells[cells["place"].isin(MADE_UP) & (cells["metric"] == "poverty_rate") & (cells["year"] == 2022)]
    assert dict(zip(mine["place"], mine["stands_in"], strict=True)) == {
        EXACT: False,
        TIE: False,
        ACROSS_STANDARD: True,
    }


def test_a_reading_of_a_flow_never_stands_in(data_dir, tmp_path, monkeypatch):
    lent = fact(
        "made-flow",
        1,
        province=EXACT,
        area=EXACT,
        metric="credit_disbursed",
        beneficiary_group="policy_households",
        unit="VND",
        value="1000000000",
        quote="1 tỷ đồng",
        period_start="2021-01-01",
        period_end="2021-12-31",
    )
    add_article(data_dir, web_source("made-flow", province=EXACT), [lent])
    database = tmp_path / "flow.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    rows = compare_year.ranking(Filters(provinces=(EXACT,)), "credit_disbursed", 2021)
    assert rows.loc[rows["place"] == EXACT, "value"].iloc[0] == 1e9
    rows = compare_year.ranking(Filters(provinces=(EXACT,)), "credit_disbursed", 2022)
    assert rows.loc[rows["place"] == EXACT, "value"].isna().all()  # lending of 2021 is not lending of 2022
    assert compare_year.missing_text(rows.iloc[0].to_dict(), 2022, "vi") == "không có số liệu năm 2022"


def set_window(data_dir: Path, metric: str, window: object) -> None:
    """Write `window` as the metric's window_years in metrics.meta.yml (None: remove the field)."""
    path = data_dir / "metrics.meta.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"\n  {metric}:\n(?:    .*\n)+", text)
    assert block
    lines = [line for line in block.group(0).splitlines(keepends=True) if "window_years:" not in line]
    if window is not None:
        lines.append(f"    window_years: {window}\n")
    path.write_text(text.replace(block.group(0), "".join(lines)), encoding="utf-8")


@pytest.mark.parametrize(
    "window, problem", [(None, "is empty"), (-1, "not a number of years"), ("one", "not a number")]
)
def test_a_headline_indicator_without_a_valid_window_is_refused(data_dir, tmp_path, window, problem):
    set_window(data_dir, "credit_outstanding", window)
    database = tmp_path / "refused.duckdb"
    with pytest.raises(BuildFailed) as failure:
        run(data_dir, database, say=lambda _: None)
    said = "\n".join(map(str, failure.value.problems))
    assert "window_years" in said and problem in said and "credit_outstanding" in said
    assert not database.exists()  # nothing is written


def test_the_windows_stated_are_read_by_the_build(built_database):
    stated = yaml.safe_load((Path(__file__).parents[1] / "data" / "metrics.meta.yml").read_text(encoding="utf-8"))
    with duckdb.connect(str(built_database), read_only=True) as connection:
        built = dict(connection.execute("SELECT metric, window_years FROM headline_definitions").fetchall())
    assert built == {metric: fields["window_years"] for metric, fields in stated["headline"].items()}
    assert built["poverty_rate"] == 1 and built["credit_disbursed"] == 0  # a stock reaches a year, a flow none


def outputs(language: str) -> dict[str, object]:
    """What a user gets of the poverty rate's comparison of 2018: the Overview's poverty card, the ranking's bars,
    its CSV and the deck of the ranking."""
    card = dict(compare_year.cards(Filters(), language))["poverty"]
    rows = compare_year.ranking(Filters(), "poverty_rate", 2018)
    bars = compare_year.figure(rows, 2018, language, "t").to_dict()["data"][0]
    table = list(csv.DictReader(io.StringIO(compare_year.csv(rows, language).decode("utf-8-sig"))))
    deck = exports.deck_file(
        [lambda: [compare_year.deck_chart(rows, 2018, language, "t")]], "t", Filters(), language, ""
    )
    slides = Presentation(io.BytesIO(deck)).slides
    categories = [
        str(category)
        for slide in slides
        for shape in slide.shapes
        if shape.has_chart
        for category in shape.chart.plots[0].categories
    ]
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    cells = [
        cell.text
        for slide in slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    printed = brief.brief_html(Filters(), language).decode("utf-8")
    return {
        "brief": printed,
        "card": card,
        "bars": bars,
        "csv": table,
        "categories": categories,
        "texts": texts,
        "cells": cells,
    }


def test_narrowing_a_window_to_none_changes_the_cards_the_ranking_the_csv_and_the_deck_together(
    data_dir, tmp_path, monkeypatch
):
    """Hải Dương has poverty rates of 2017 and 2019, none of 2018: within a window of one year its 2017 rate
    stands in everywhere; with none, it is missing everywhere."""
    database = tmp_path / "window.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    within = outputs("vi")
    card = within["card"]
    assert dict(zip(card.rows["place"], card.rows["value_text"], strict=True))["Hải Dương"].endswith("(2017)")
    assert "(2017)" in "".join(within["bars"]["text"]) and "/" in within["bars"]["marker"]["pattern"]["shape"]
    hai_duong = [row for row in within["csv"] if row["Nơi (như trên biểu đồ)"].startswith("Hải Dương")]
    assert [
        (row["Năm của số liệu"], row["Năm so sánh"], row["Số năm khác thay cho năm so sánh"]) for row in hai_duong
    ] == [("2017", "2018", "có")]
    assert "Hải Dương (số năm 2017)" in within["categories"]
    assert any(text.startswith("Tỉnh không có số năm 2018") for text in within["texts"])  # the note under the chart
    assert any(cell.endswith("(2017)") for cell in within["cells"])  # the data table's value names its year
    assert "Hải Dương (số năm 2017)" in within["brief"]  # the brief's comparison of the Overview's card

    set_window(data_dir, "poverty_rate", 0)
    database = tmp_path / "none.duckdb"
    run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    exact = outputs("vi")
    shown = dict(zip(exact["card"].rows["place"], exact["card"].rows["value_text"], strict=True))
    assert shown["Hải Dương"] == "—" and not any(value.endswith(")") for value in shown.values())
    assert exact["card"].stand_in == ""
    assert "(2017)" not in "".join(exact["bars"]["text"]) and "không có số liệu năm 2018" in exact["bars"]["text"]
    assert set(exact["bars"]["marker"]["pattern"]["shape"]) == {""}
    assert not [row for row in exact["csv"] if row["Nơi (như trên biểu đồ)"].startswith("Hải Dương")]
    assert {row["Số năm khác thay cho năm so sánh"] for row in exact["csv"]} == {"không"}
    assert "Hải Dương — không có số liệu năm 2018" in exact["categories"]
    assert not any(text.startswith("Tỉnh không có số năm") for text in exact["texts"])
    assert "Hải Dương (số năm 2017)" not in exact["brief"]
