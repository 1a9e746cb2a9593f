"""The curated data itself: every figure is verbatim in its report and reads back to its value."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from etl.current_provinces import current_provinces
from etl.parse_numbers import read_number
from etl.paths import DATA_DIR
from etl.read_inputs import number_language


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


FACTS = _rows("facts")
SOURCES = {row["source_id"]: row for row in _rows("sources")}
# Only reports kept in the repository have their text here; published articles stand on their address.
REPORTS = {
    source_id: (DATA_DIR / "reports" / row["file"]).read_text(encoding="utf-8")
    for source_id, row in SOURCES.items()
    if row["text_in_repository"] == "true"
}
KEPT = [fact for fact in FACTS if fact["source_id"] in REPORTS]
PUBLISHED = [fact for fact in FACTS if fact["source_id"] not in REPORTS]


@pytest.mark.parametrize("fact", KEPT, ids=[fact["fact_id"] for fact in KEPT])
def test_quote_is_verbatim_at_its_offset(fact):
    offset = int(fact["quote_offset"])
    assert REPORTS[fact["source_id"]][offset : offset + len(fact["quote"])] == fact["quote"]


@pytest.mark.parametrize("fact", PUBLISHED, ids=[fact["fact_id"] for fact in PUBLISHED])
def test_a_published_article_gives_only_the_figure_as_printed(fact):
    source = SOURCES[fact["source_id"]]
    assert source["url"].startswith(("https://", "http://"))
    assert len(fact["quote"]) <= 40


@pytest.mark.parametrize("fact", FACTS, ids=[fact["fact_id"] for fact in FACTS])
def test_value_is_what_the_quote_says(fact):
    reading = read_number(fact["quote"], number_language(SOURCES[fact["source_id"]]))
    assert reading.value == Decimal(fact["value"])
    assert reading.unit == fact["unit"] or "unit" in fact["note"]
    assert reading.qualifier == fact["qualifier"] or "qualifier" in fact["note"]


def test_published_articles_are_not_committed():
    published = [row["file"] for row in SOURCES.values() if row["text_in_repository"] == "false" and row["file"]]
    assert published
    assert not any((DATA_DIR / "reports" / name).exists() for name in published)


def test_reports_are_the_seed_texts_unchanged():
    seeds = DATA_DIR.parent.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("the seed folder is not beside this checkout")
    for source in SOURCES.values():
        if source["text_in_repository"] == "true":
            assert (DATA_DIR / "reports" / source["file"]).read_bytes() == (seeds / source["file"]).read_bytes()


@pytest.mark.parametrize(
    ("province", "area", "metric", "group", "value", "qualifier"),
    [
        # Figures the dashboard's first questions depend on, read off the seed reports by hand.
        ("Long An", "Long An", "poverty_rate", "all", "0.75", "exact"),
        ("Long An", "Long An", "bhyt_cards", "near_poor", "28800", "more_than"),
        ("Thái Bình", "Kiến Xương", "credit_disbursed", "newly_escaped", "196000000000", "nearly"),
        ("Long An", "Long An", "credit_disbursed", "newly_escaped", "536000000000", "exact"),
        ("Hải Dương", "Hải Dương", "poverty_rate", "all", "1.6", "exact"),
        ("Phú Thọ", "Phú Thọ", "credit_outstanding", "women_members", "1000000000000", "more_than"),
        ("An Giang", "Phú Tân", "voluntary_bhxh_participants", "all", "1275", "exact"),
    ],
)
def test_known_figures_are_present(province, area, metric, group, value, qualifier):
    matches = [
        fact
        for fact in FACTS
        if (fact["province"], fact["area"], fact["metric"], fact["beneficiary_group"])
        == (province, area, metric, group)
        and Decimal(fact["value"]) == Decimal(value)
        and fact["source_id"] in REPORTS
    ]
    assert [fact["qualifier"] for fact in matches] == [qualifier]


def test_every_report_has_figures_and_every_reference_is_used():
    assert {fact["source_id"] for fact in FACTS} == set(SOURCES)
    assert {fact["metric"] for fact in FACTS} == {metric["metric"] for metric in _rows("metrics")}
    assert {fact["beneficiary_group"] for fact in FACTS} == {
        group["beneficiary_group"] for group in _rows("beneficiary_groups")
    }


def test_former_provinces_map_onto_the_current_34():
    provinces = _rows("provinces")
    assert len(provinces) == 63
    current = current_provinces()
    assert {row["province_2025"] for row in provinces} == set(current)
    merged = {row["province"]: row["province_2025"] for row in provinces}
    assert merged["Thái Bình"] == "Hưng Yên"
    assert merged["Hải Dương"] == "Thành phố Hải Phòng"
    assert merged["Long An"] == "Tây Ninh"
    assert merged["Phú Thọ"] == "Phú Thọ"
    assert merged["An Giang"] == "An Giang"
