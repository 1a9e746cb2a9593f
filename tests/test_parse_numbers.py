"""The number reader on every form the reports use, and its round trip with the writer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.parse_numbers import QUALIFIERS, NumberFormatError, find_numbers, format_vietnamese, read_number

REPORT_FORMS = [
    ("1.574", Decimal(1574), "count", "exact"),
    ("205.424", Decimal(205424), "count", "exact"),
    ("hơn 1,4 tỷ đồng", Decimal(1_400_000_000), "VND", "more_than"),
    ("trên 34,7 tỷ đồng", Decimal(34_700_000_000), "VND", "more_than"),
    ("gần 196 tỷ đồng", Decimal(196_000_000_000), "VND", "nearly"),
    ("gần 3.000 tỷ đồng", Decimal(3_000_000_000_000), "VND", "nearly"),
    ("trên 1 nghìn tỷ đồng", Decimal(1_000_000_000_000), "VND", "more_than"),
    ("83 triệu đồng", Decimal(83_000_000), "VND", "exact"),
    ("gần 32,8 triệu đồng", Decimal(32_800_000), "VND", "nearly"),
    ("trên 130 nghìn", Decimal(130_000), "count", "more_than"),
    ("0,75%", Decimal("0.75"), "percent", "exact"),
    ("0,03%", Decimal("0.03"), "percent", "exact"),
    ("100%", Decimal(100), "percent", "exact"),
    ("gần 200", Decimal(200), "count", "nearly"),
    ("khoảng 700", Decimal(700), "count", "about"),
    ("tối thiểu 100", Decimal(100), "count", "at_least"),
    ("từ 50", Decimal(50), "count", "at_least"),
    ("02", Decimal(2), "count", "exact"),
    ("gần như 100%", Decimal(100), "percent", "nearly"),
    ("Hơn 5 ngàn tỷ đồng", Decimal(5_000_000_000_000), "VND", "more_than"),
    ("2 tỉ đồng", Decimal(2_000_000_000), "VND", "exact"),
    ("12 phần trăm", Decimal(12), "percent", "exact"),
    ("dưới 5", Decimal(5), "count", "less_than"),
    ("không quá 3 triệu đồng", Decimal(3_000_000), "VND", "at_most"),
    ("3 tỷ 860 triệu đồng", Decimal(3_860_000_000), "VND", "exact"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), REPORT_FORMS)
def test_reads_report_forms(text, value, unit, qualifier):
    reading = read_number(text)
    assert (reading.value, reading.unit, reading.qualifier) == (value, unit, qualifier)
    assert reading.text == text


# Vietnamese news agencies' English editions print the same figures with English separators and words.
ENGLISH_FORMS = [
    ("8,858", Decimal(8858), "count", "exact"),
    ("1.36%", Decimal("1.36"), "percent", "exact"),
    ("2.53 percent", Decimal("2.53"), "percent", "exact"),
    ("9.79 per cent", Decimal("9.79"), "percent", "exact"),
    ("over VND 5,157 billion", Decimal(5_157_000_000_000), "VND", "more_than"),
    ("more than VND681 billion", Decimal(681_000_000_000), "VND", "more_than"),
    ("nearly VND 5,510 billion", Decimal(5_510_000_000_000), "VND", "nearly"),
    ("over 5.7 trillion VND", Decimal(5_700_000_000_000), "VND", "more_than"),
    ("Nearly 21,000", Decimal(21000), "count", "nearly"),
    ("under 1 percent", Decimal(1), "percent", "less_than"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier"), ENGLISH_FORMS)
def test_reads_english_forms(text, value, unit, qualifier):
    reading = read_number(text, "en")
    assert (reading.value, reading.unit, reading.qualifier) == (value, unit, qualifier)
    assert reading.text == text


def test_the_same_digits_mean_different_numbers_in_each_language():
    assert read_number("1,574", "en").value == 1574 and read_number("1,574").value == Decimal("1.574")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        read_number("1", "fr")


@pytest.mark.parametrize("text", ["29/03/2024", "4/2025", "20/2021/NĐ-CP", "17:01", "13/13", "748e8c8b8863e26a.jpg"])
def test_dates_references_and_ratios_are_not_figures(text):
    assert find_numbers(text) == []


def test_from_opening_a_range_is_not_a_lower_bound():
    first, second = find_numbers("giảm từ 2,08% xuống 1,72%")
    assert (first.value, first.qualifier) == (Decimal("2.08"), "exact")
    assert (second.value, second.qualifier) == (Decimal("1.72"), "exact")


def test_numbers_in_a_sentence_keep_their_spans():
    sentence = "cấp 1.574 thẻ bảo hiểm y tế cho người nghèo, kinh phí hơn 1,4 tỷ đồng"
    readings = find_numbers(sentence)
    assert [sentence[r.start : r.end] for r in readings] == ["1.574", "hơn 1,4 tỷ đồng"]


@pytest.mark.parametrize("text", ["", "không có số", "1.5", "1.574 và 3.220"])
def test_read_number_needs_exactly_one_number(text):
    with pytest.raises(NumberFormatError):
        read_number(text)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (1_400_000_000, "VND", "more_than", "hơn 1,4 tỷ đồng"),
        (83_000_000, "VND", "exact", "83 triệu đồng"),
        (3_000_000_000_000, "VND", "nearly", "gần 3 nghìn tỷ đồng"),
        (1574, "count", "exact", "1.574"),
        (Decimal("0.75"), "percent", "exact", "0,75%"),
        (500, "VND", "at_least", "tối thiểu 500 đồng"),
    ],
)
def test_writes_the_vietnamese_way(value, unit, qualifier, expected):
    assert format_vietnamese(value, unit, qualifier) == expected


values = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(Decimal),
    st.decimals(min_value=0, max_value=10**13, places=3, allow_nan=False, allow_infinity=False),
)


@given(value=values, unit=st.sampled_from(["VND", "count", "percent"]), qualifier=st.sampled_from(QUALIFIERS))
def test_written_values_read_back_unchanged(value, unit, qualifier):
    if unit == "percent":
        value = value % 101
    reading = read_number(format_vietnamese(value, unit, qualifier))
    assert (reading.value, reading.unit, reading.qualifier) == (value, unit, qualifier)


# "đồng" is the currency; "Đồng" also opens place names (Đồng Tháp, Đồng Nai, Đồng Hới, Đồng Xoài, Đồng Văn).
@pytest.mark.parametrize(
    "text",
    [
        "Đến năm 2025 Đồng Tháp phấn đấu giảm tỷ lệ hộ nghèo",  # a province of the gazetteer
        "Trong năm 2024 Đồng Nai hỗ trợ hộ cận nghèo",
        "năm 2025 Đồng Hới có thêm nhiều hộ thoát nghèo",  # capitalised "Đồng" and a capitalised syllable
        "Giai đoạn 2021 - 2025 Đồng Xoài xây nhà cho hộ khó khăn",
        "năm 2023 Đồng Văn hỗ trợ bò giống",
        "NĂM 2025 ĐỒNG THÁP VỀ ĐÍCH",  # a headline in capitals
        "Số hộ được hỗ trợ: 1.250\nĐồng thời, huyện vận động thêm quà Tết",  # "Đồng" opening a sentence
        "Xã Tân Lập: 35\nĐồng bào dân tộc thiểu số được cấp thẻ",
    ],
)
def test_dong_opening_a_place_name_or_a_sentence_is_not_the_currency(text):
    units = [reading.unit for reading in find_numbers(text)]
    assert units and set(units) == {"count"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mỗi hộ được hỗ trợ 500.000 đồng Đồng Tháp", Decimal(500_000)),  # lower-case: the currency
        ("hỗ trợ 2 triệu đồng cho mỗi hộ", Decimal(2_000_000)),
        ("Tổng kinh phí: 120.000 Đồng", Decimal(120_000)),  # capitalised at the end of a line, nothing after
        ("Mức hỗ trợ 700.000 Đồng/người/tháng", Decimal(700_000)),
        ("TỔNG KINH PHÍ 3 TỶ ĐỒNG", Decimal(3_000_000_000)),
    ],
)
def test_dong_after_a_number_on_its_line_is_the_currency(text, value):
    reading = read_number(text)
    assert (reading.value, reading.unit) == (value, "VND")


def test_dong_in_english_editions_follows_the_same_rule():
    assert [r.unit for r in find_numbers("By 2025 Dong Thap aims to cut poverty", "en")] == ["count"]
    assert read_number("500,000 dong", "en").unit == "VND"
