"""`python -m etl synth`: a database of realistic synthetic figures, to measure the dashboard at national scale.

Load inputs (the real provinces, metrics and groups of data/, the communes of the
`vietnam-provinces` gazetteer), process (draw N figures with a seeded generator, skewed
as real reporting is: a few provinces, metrics and recent years report far more), save
(the real schema, written to a temporary file and renamed into place).

Every report it writes says it is synthetic. It refuses to write over data/poverty.duckdb.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from vietnam_provinces import Ward

from etl.build import typed_tables
from etl.display_text import period_texts, value_texts
from etl.load import REFERENCE_TABLES, insert_frame, new_database
from etl.paths import DATA_DIR
from etl.read_inputs import read_inputs

FIRST_YEAR, LAST_YEAR = 2016, 2025
DISTRICTS_PER_PROVINCE = (6, 16)  # former provinces had 6 to 15 districts
FIGURES_PER_REPORT = 30
LEVEL_SHARES = {"province": 0.10, "district": 0.35, "commune": 0.55}
QUALIFIER_SHARES = {"exact": 0.80, "more_than": 0.09, "nearly": 0.05, "about": 0.04, "at_least": 0.02}
CATEGORY_SHARES = {
    "poverty": 0.30,
    "health_insurance": 0.22,
    "credit": 0.20,
    "support": 0.18,
    "women_union": 0.05,
    "social_insurance": 0.05,
}
# Typical size of a figure for a district; a province reports about ten times more, a commune a fifth.
TYPICAL_VALUE = {"count": 400.0, "VND": 3e9}
LEVEL_SCALE = {"province": 10.0, "district": 1.0, "commune": 0.2}
SYNTHETIC_NOTE = "Dữ liệu giả lập (python -m etl synth, seed {seed}) để đo hiệu năng; không phải số liệu thật."


class SynthError(Exception):
    pass


def run(rows: int, out: Path, seed: int = 2025, data_dir: Path = DATA_DIR) -> None:
    if out.resolve() == (DATA_DIR / "poverty.duckdb").resolve():
        raise SynthError(f"{out} is the dashboard's own database; write synthetic figures elsewhere")
    if rows < 1:
        raise SynthError("--rows must be at least 1")

    # Load inputs.
    reference = typed_tables(read_inputs(data_dir))
    generator = np.random.default_rng(seed)
    areas = area_table(reference["provinces"], generator)

    # Process.
    facts = draw_facts(rows, reference, areas, generator)
    sources = report_table(facts, reference["provinces"], seed)

    # Save.
    write(out, reference, sources, facts)


def area_table(provinces: pd.DataFrame, generator: np.random.Generator) -> pd.DataFrame:
    """Every former province with its districts and communes: province, area, area_level.

    Communes are the gazetteer's communes of the current province, shared out among the former
    provinces merged into it; district names are synthetic ("Huyện số 3"), as no maintained
    gazetteer of the abolished districts is available.
    """
    former = provinces.sort_values("province")
    wards = pd.DataFrame(
        [
            (f"{ward.province_code.value:02d}", ward.name.removeprefix(ward.division_type.value.capitalize() + " "))
            for ward in Ward.iter_all()
        ],
        columns=["code", "commune"],
    )
    rows = []
    for current_code, merged in former.groupby("province_2025_code", sort=True):
        communes = wards.loc[wards["code"] == current_code, "commune"].tolist()
        assert communes, f"the gazetteer has no communes for province code {current_code}"
        for index, province in enumerate(merged["province"]):
            districts = int(generator.integers(*DISTRICTS_PER_PROVINCE))
            rows.append((province, province, "province"))
            rows += [(province, f"Huyện số {number}", "district") for number in range(1, districts + 1)]
            rows += [(province, commune, "commune") for commune in communes[index :: len(merged)]]
    areas = pd.DataFrame(rows, columns=["province", "area", "area_level"]).drop_duplicates()
    assert set(areas["province"]) == set(provinces["province"]), "every former province has areas"
    return areas.reset_index(drop=True)


def _skewed(count: int, generator: np.random.Generator, steepness: float = 0.8) -> np.ndarray:
    """Shares for `count` things where a few take most, in a seeded random order (Zipf-like)."""
    weights = 1 / np.arange(1, count + 1) ** steepness
    return generator.permutation(weights / weights.sum())


def draw_facts(
    rows: int, reference: dict[str, pd.DataFrame], areas: pd.DataFrame, generator: np.random.Generator
) -> pd.DataFrame:
    """`rows` figures with unique keys: province, area, level, period, metric, group, value, qualifier, target."""
    wanted = int(rows * 1.1) + 100  # a few draws share a key and are dropped
    provinces = np.sort(areas["province"].unique())
    province = generator.choice(len(provinces), wanted, p=_skewed(len(provinces), generator))
    level = generator.choice(list(LEVEL_SHARES), wanted, p=list(LEVEL_SHARES.values()))

    area = np.empty(wanted, dtype=object)
    by_place = areas.groupby(["province", "area_level"])["area"].apply(np.array).to_dict()
    for (place_province, place_level), names in by_place.items():
        chosen = (provinces[province] == place_province) & (level == place_level)
        area[chosen] = names[generator.integers(0, len(names), chosen.sum())]

    metrics = reference["metrics"]
    metric_shares = np.concatenate(
        [
            CATEGORY_SHARES[category] * _skewed(len(part), generator)
            for category, part in metrics.groupby("category", sort=True)
        ]
    )
    metric_order = metrics.sort_values("category", kind="stable").reset_index(drop=True)
    metric = generator.choice(len(metric_order), wanted, p=metric_shares / metric_shares.sum())
    groups = reference["beneficiary_groups"]["beneficiary_group"].to_numpy()
    group_shares = _skewed(len(groups), generator, steepness=1.2)

    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    year = generator.choice(years, wanted, p=np.linspace(1, 3, len(years)) / np.linspace(1, 3, len(years)).sum())
    monthly = generator.random(wanted) < 0.6
    month = generator.integers(1, 13, wanted)
    is_target = ~monthly & (generator.random(wanted) < 0.15)

    facts = pd.DataFrame(
        {
            "province": provinces[province],
            "area": area,
            "area_level": level,
            "metric": metric_order["metric"].to_numpy()[metric],
            "unit": metric_order["unit"].to_numpy()[metric],
            "beneficiary_group": generator.choice(groups, wanted, p=group_shares),
            "year": year,
            "month": np.where(monthly, month, 0),
            "is_target": is_target,
            "qualifier": generator.choice(list(QUALIFIER_SHARES), wanted, p=list(QUALIFIER_SHARES.values())),
            "report_number": generator.integers(0, _reports_per_province_year(rows), wanted),
        }
    )
    facts["value"] = _values(facts, generator)
    keys = ["province", "year", "report_number", "area", "month", "metric", "beneficiary_group", "is_target"]
    facts = facts.drop_duplicates(keys).head(rows)
    assert len(facts) == rows, "too many repeated keys; draw more"
    return facts.reset_index(drop=True)


def _reports_per_province_year(rows: int) -> int:
    return max(1, round(rows / (63 * (LAST_YEAR - FIRST_YEAR + 1) * FIGURES_PER_REPORT)))


def _values(facts: pd.DataFrame, generator: np.random.Generator) -> np.ndarray:
    """Rates of a few percent (coverage rates near 100), counts and money log-normal around a typical size,
    rounded to three significant digits as reports round them."""
    scale = facts["area_level"].map(LEVEL_SCALE).to_numpy()
    spread = generator.lognormal(0.0, 0.9, len(facts))
    coverage = facts["metric"].str.endswith("_coverage").to_numpy()
    rate = np.where(coverage, 100 - np.minimum(spread * 2, 30), np.minimum(spread * 3, 60))
    amount = facts["unit"].map(TYPICAL_VALUE).fillna(1).to_numpy() * scale * spread
    # Three significant digits: whole powers of ten multiply exactly, so 1.234.567 becomes 1.230.000.
    step = 10.0 ** np.maximum(np.floor(np.log10(np.maximum(amount, 1))) - 2, 0)
    amount = np.maximum(np.round(amount / step) * step, 1.0)
    return np.where(facts["unit"].to_numpy() == "percent", np.round(rate, 2), amount)


def report_table(facts: pd.DataFrame, provinces: pd.DataFrame, seed: int) -> pd.DataFrame:
    """One synthetic report per province, year and report number."""
    keys = ["province", "year", "report_number"]
    sources = facts[keys].drop_duplicates().sort_values(keys)
    codes = provinces.set_index("province")["province_code"]
    sources["source_id"] = [
        f"synth-{codes[province]}-{year}-{number + 1:03d}"
        for province, year, number in sources[keys].itertuples(index=False)
    ]
    sources["title"] = [
        f"Báo cáo giảm nghèo {province} năm {year}, số {number + 1} (giả lập)"
        for province, year, number in sources[keys].itertuples(index=False)
    ]
    sources["publication_date"] = [date(year + 1, 1, 15) for year in sources["year"]]
    sources["note"] = SYNTHETIC_NOTE.format(seed=seed)
    return sources.reset_index(drop=True)


def write(out: Path, reference: dict[str, pd.DataFrame], sources: pd.DataFrame, facts: pd.DataFrame) -> None:
    """Assemble sentences, reports and display texts in DuckDB and write the real schema atomically."""
    periods = _periods(facts)
    with new_database(out) as connection:
        # Ten million figures would otherwise take most of the machine's memory: DuckDB spills
        # the rest of its work to a temporary folder beside the file.
        connection.execute("SET memory_limit = '10GB'")
        for name in REFERENCE_TABLES:
            insert_frame(connection, name, reference[name])
        for name, frame in {
            "drawn": facts,
            "drawn_sources": sources,
            "drawn_periods": periods,
            "value_texts": value_texts(facts),
            "period_texts": period_texts(periods),
        }.items():
            connection.register(name, frame)
        connection.execute(_INSERT_SQL)


def _periods(facts: pd.DataFrame) -> pd.DataFrame:
    """Each (year, month) drawn as a period: the calendar year for month 0, else that month."""
    periods = facts[["year", "month"]].drop_duplicates().reset_index(drop=True)
    keys = list(periods.itertuples(index=False))
    periods["period_start"] = [date(year, max(month, 1), 1) for year, month in keys]
    periods["period_end"] = [
        date(year, 12, 31) if month == 0 else (pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)).date()
        for year, month in keys
    ]
    periods["period_label"] = [f"năm {year}" if month == 0 else f"tháng {month}/{year}" for year, month in keys]
    return periods


_INSERT_SQL = """
INSERT INTO sources (
    source_id, file, title, publisher, author, publication_date, url, province, language, text_in_repository, kind,
    note
)
SELECT source_id, source_id || '.txt', title, 'Dữ liệu giả lập', NULL, publication_date, NULL, province,
       'vi', true, 'article', note
FROM drawn_sources;

CREATE TEMP TABLE sentences AS
SELECT
    'synth-' || lpad(CAST(row_number() OVER (
        ORDER BY drawn.province, drawn.metric, drawn.year, drawn.month, drawn.area,
                 drawn.beneficiary_group, drawn.is_target, drawn.report_number
    ) AS VARCHAR), 9, '0') AS fact_id,
    drawn_sources.source_id, drawn.province, drawn.area, drawn.area_level,
    drawn_periods.period_start, drawn_periods.period_end, drawn_periods.period_label,
    drawn.metric, drawn.beneficiary_group, drawn.value, drawn.unit, drawn.qualifier, drawn.is_target,
    value_texts.value_text_vi, value_texts.value_text_en, period_texts.period_text,
    CASE drawn.qualifier WHEN 'more_than' THEN 'hơn ' WHEN 'nearly' THEN 'gần ' WHEN 'about' THEN 'khoảng '
         WHEN 'at_least' THEN 'tối thiểu ' ELSE '' END
      || regexp_replace(value_texts.value_text_vi, '^[^0-9]*', '') AS quote,
    upper(left(drawn_periods.period_label, 1)) || substr(drawn_periods.period_label, 2) || ', '
      || CASE drawn.area_level WHEN 'province' THEN 'tỉnh ' WHEN 'district' THEN '' ELSE 'xã ' END || drawn.area
      || CASE WHEN drawn.is_target THEN ' phấn đấu đạt ' ELSE ' có ' END AS lead_in,
    ' (' || lower(metrics.label_vi) || ', ' || lower(beneficiary_groups.label_vi) || ').' AS tail
FROM drawn
JOIN drawn_sources USING (province, year, report_number)
JOIN drawn_periods USING (year, month)
JOIN value_texts USING (value, unit, qualifier)
JOIN period_texts USING (period_start, period_end)
JOIN metrics USING (metric)
JOIN beneficiary_groups USING (beneficiary_group);

CREATE TEMP TABLE placed AS
SELECT *,
    lead_in || quote || tail AS sentence,
    coalesce(sum(length(lead_in || quote || tail) + 1) OVER (
        PARTITION BY source_id ORDER BY fact_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ), 0) + length(lead_in) AS quote_offset
FROM sentences;

INSERT INTO reports (source_id, text)
SELECT source_id, string_agg(sentence, ' ' ORDER BY fact_id) FROM placed GROUP BY source_id;

INSERT INTO facts BY NAME
SELECT fact_id, source_id, province, area, area_level, period_start, period_end, period_label, metric,
       beneficiary_group, value, unit, qualifier, is_target, false AS merged_province, quote, quote_offset,
       NULL AS note, sentence,
       value_text_vi, value_text_en, period_text
FROM placed
ORDER BY province, metric, period_start, fact_id;
"""
