"""Each kind of malformed input is refused with a message naming file, row, field and problem."""

from __future__ import annotations

import pytest

from etl.read_inputs import InputError, read_inputs
from etl.validate import validate
from tests.helpers import edit_row, read_csv, write_csv

FACT = "thaibinh-kienxuong-2024-02"  # "hơn 1,4 tỷ đồng": BHYT cost for poor people, Kiến Xương, 2023


def problems_after(data_dir, table, key_column, key, **changes):
    line = edit_row(data_dir / f"{table}.csv", key_column, key, **changes)
    return line, [str(problem) for problem in validate(read_inputs(data_dir))]


def test_the_curated_data_is_valid(data_dir):
    assert validate(read_inputs(data_dir)) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"quote_offset": "10"},
            "quote",
            "is not in report thaibinh-kienxuong-2024 at offset 10; it occurs at offset(s)",
        ),
        ({"quote": "hơn 1,5 tỷ đồng"}, "quote", "does not occur anywhere in the report"),
        ({"value": "140000000"}, "value", "140000000 differs from 1400000000"),
        ({"value": "1,4"}, "value", "is not a plain number"),
        ({"value": "-5"}, "value", "is negative"),
        ({"qualifier": "exact"}, "qualifier", "exact differs from more_than"),
        ({"qualifier": "roughly"}, "qualifier", "unknown qualifier 'roughly'"),
        ({"unit": "count"}, "unit", "metric bhyt_cost is measured in VND, not count"),
        ({"province": "Thai Binh"}, "province", "unknown province 'Thai Binh'"),
        ({"metric": "bhyt_money"}, "metric", "unknown metric 'bhyt_money'"),
        ({"beneficiary_group": "the poor"}, "beneficiary_group", "unknown beneficiary group"),
        ({"area_level": "village"}, "area_level", "unknown area level 'village'"),
        ({"area_level": "province"}, "area", "a province-level figure must have area = province"),
        ({"period_start": "2023-02-30"}, "period_start", "is not a valid date"),
        ({"period_end": "2022-12-31"}, "period_end", "is before period_start"),
        ({"is_target": "yes"}, "is_target", "unknown is_target value 'yes'"),
        ({"source_id": "nowhere"}, "source_id", "unknown source 'nowhere'"),
        ({"area": ""}, "area", "is empty"),
    ],
)
def test_a_bad_fact_is_named_by_file_row_and_field(data_dir, changes, field, message):
    line, problems = problems_after(data_dir, "facts", "fact_id", FACT, **changes)
    expected_start = f"{data_dir / 'facts.csv'}:{line} (fact_id={FACT}): field '{field}': "
    assert any(p.startswith(expected_start) and message in p for p in problems), problems


@pytest.mark.parametrize(
    ("changes", "field", "code", "values"),
    [
        ({"quote_offset": "10"}, "quote", "quote_not_at_offset", {"quote": "hơn 1,4 tỷ đồng", "offset": "10"}),
        ({"quote": "hơn 1,5 tỷ đồng"}, "quote", "quote_not_in_report", {"quote": "hơn 1,5 tỷ đồng"}),
        ({"value": "140000000"}, "value", "value_differs", {"value": "140000000", "read": "1400000000"}),
        ({"value": "1,4"}, "value", "not_number", {"value": "1,4"}),
        ({"value": "-5"}, "value", "negative", {"value": "-5"}),
        ({"qualifier": "exact"}, "qualifier", "qualifier_differs", {"qualifier": "exact", "read": "more_than"}),
        ({"metric": ""}, "metric", "empty", {}),
        ({"metric": "bhyt_money"}, "metric", "unknown", {"value": "bhyt_money"}),
        ({"period_start": "2023-02-30"}, "period_start", "not_date", {"value": "2023-02-30"}),
        ({"period_end": "2022-12-31"}, "period_end", "end_before_start", {"end": "2022-12-31", "start": "2023-01-01"}),
        ({"unit": "count"}, "unit", "metric_unit", {"metric": "bhyt_cost", "expected": "VND", "unit": "count"}),
    ],
)
def test_a_problem_gives_its_kind_and_values_for_the_page(data_dir, changes, field, code, values):
    """What the Add-a-report page words in its own language; the English line stays as above."""
    edit_row(data_dir / "facts.csv", "fact_id", FACT, **changes)
    problems = [p for p in validate(read_inputs(data_dir)) if p.key == f"fact_id={FACT}" and p.field == field]
    assert any(p.code == code and values.items() <= p.values.items() for p in problems), problems


def test_a_rate_above_100_is_refused(data_dir):
    line, problems = problems_after(data_dir, "facts", "fact_id", "longan-2024-16", value="175")
    assert any(f"facts.csv:{line} " in p and "175 is above 100 for a percentage" in p for p in problems), problems


def test_a_duplicate_figure_is_refused(data_dir):
    rows = read_csv(data_dir / "facts.csv")
    copy = dict(rows[0], fact_id="copy-of-the-first")
    write_csv(data_dir / "facts.csv", rows + [copy])
    found = validate(read_inputs(data_dir))
    problems = [str(p) for p in found]
    assert any(
        f"facts.csv:{len(rows) + 2} " in p and "the same figure" in p and "already on line 2" in p for p in problems
    )
    # The page names the first reading by its own row, from its fact_id.
    assert any(p.code == "duplicate_figure" and p.values == {"line": "2", "fact_id": rows[0]["fact_id"]} for p in found)


@pytest.mark.parametrize(("first", "second"), [("", "false"), ("false", "")])
def test_an_empty_merger_flag_and_false_are_the_same_figure(data_dir, first, second):
    rows = read_csv(data_dir / "facts.csv")
    original = dict(rows[0], merged_province=first)
    copy = dict(rows[0], fact_id="copy-of-the-first", merged_province=second)
    write_csv(data_dir / "facts.csv", [original, *rows[1:], copy])
    problems = [str(p) for p in validate(read_inputs(data_dir))]
    assert any("the same figure" in p and "already on line 2" in p for p in problems), problems


def test_a_duplicate_fact_id_is_refused(data_dir):
    rows = read_csv(data_dir / "facts.csv")
    write_csv(data_dir / "facts.csv", rows + [dict(rows[1], metric="bhyt_cards")])
    problems = [str(p) for p in validate(read_inputs(data_dir))]
    assert any("duplicate fact_id" in p and "first on line 3" in p for p in problems), problems


def test_a_qualifier_written_elsewhere_needs_an_explanation(data_dir):
    fact = "angiang-phutan-2025-11"  # "500", governed by "tối thiểu" earlier in its clause
    _, problems = problems_after(data_dir, "facts", "fact_id", fact, note="")
    assert any(fact in p and "at_least differs from exact" in p for p in problems), problems


def test_a_current_province_must_exist_in_the_gazetteer(data_dir):
    line, problems = problems_after(data_dir, "provinces", "province", "Thái Bình", province_2025="Thái Bình")
    assert any(f"provinces.csv:{line} " in p and "not one of the 34 current provinces" in p for p in problems)
    line, problems = problems_after(
        data_dir, "provinces", "province", "Thái Bình", province_2025="Hưng Yên", province_2025_code="34"
    )
    assert any(f"provinces.csv:{line} " in p and "'34' is not the code of Hưng Yên (33)" in p for p in problems)


def test_a_missing_report_is_named(data_dir):
    (data_dir / "reports" / "003_2ddaf8eb7a8f073c.txt").unlink()
    problems = [str(p) for p in validate(read_inputs(data_dir))]
    assert any(
        "sources.csv:5 (source_id=longan-2024): field 'file': report file" in p and "is missing" in p for p in problems
    )


def test_a_report_outside_the_reports_folder_is_refused(data_dir):
    _, problems = problems_after(data_dir, "sources", "source_id", "longan-2024", file="../facts.csv")
    assert any("must be a plain file name" in p for p in problems), problems


def test_a_wrong_header_is_refused(data_dir):
    rows = read_csv(data_dir / "facts.csv")
    write_csv(data_dir / "facts.csv", [{("amount" if k == "value" else k): v for k, v in row.items()} for row in rows])
    with pytest.raises(
        InputError, match=r"facts\.csv:1: header has missing column\(s\) value; unknown column\(s\) amount"
    ):
        read_inputs(data_dir)


def test_an_unquoted_comma_is_named(data_dir):
    path = data_dir / "beneficiary_groups.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,A,B,C,D\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"beneficiary_groups\.csv:\d+: the row has more fields"):
        read_inputs(data_dir)


def test_excel_style_files_with_bom_and_windows_line_endings_are_read(data_dir):
    rows = read_csv(data_dir / "facts.csv")
    write_csv(data_dir / "facts.csv", rows, line_ending="\r\n", bom=True)
    inputs = read_inputs(data_dir)
    assert validate(inputs) == []
    assert len(inputs.tables["facts"].rows) == len(rows)


def test_a_file_that_is_not_utf8_is_named(data_dir):
    (data_dir / "metrics.csv").write_bytes("metric,category\nnghèo,x\n".encode("cp1258"))
    with pytest.raises(InputError, match=r"metrics\.csv: not UTF-8 text"):
        read_inputs(data_dir)
