"""How a figure and its period are written for people, in Vietnamese and English: "> 1,4 tỷ đồng",
"> VND 1.4 bn", "2,15%", "3/2024".

The pipeline writes these texts into the database once (etl/display_text.py) and the dashboard writes
derived values the same way (app/labels.py), so both use this one module, which depends on neither.
"""

from __future__ import annotations

from datetime import date

from babel.numbers import format_decimal

LANGUAGES = ("vi", "en")
LOCALES = {"vi": "vi", "en": "en"}

QUALIFIER_MARKS = {
    "exact": "",
    "more_than": "> ",
    "nearly": "≈ ",
    "about": "~ ",
    "at_least": "≥ ",
    "less_than": "< ",
    "at_most": "≤ ",
}

# How each qualifier is named in words: the dashboard's tables and the data request's choice list.
QUALIFIER_WORDS = {
    "exact": {"vi": "chính xác", "en": "exact"},
    "more_than": {"vi": "hơn", "en": "more than"},
    "nearly": {"vi": "gần", "en": "nearly"},
    "about": {"vi": "khoảng", "en": "about"},
    "at_least": {"vi": "tối thiểu", "en": "at least"},
    "less_than": {"vi": "dưới", "en": "less than"},
    "at_most": {"vi": "tối đa", "en": "at most"},
}

# Money scales: (threshold, Vietnamese word, English abbreviation).
MONEY_SCALES = ((10**9, "tỷ", "bn"), (10**6, "triệu", "m"))


def number(value: float, language: str, decimals: int = 2) -> str:
    """1574 -> "1.574" (vi) or "1,574" (en); at most `decimals` decimals."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def money_scale(largest: float) -> tuple[int, str, str]:
    """The scale to write a set of money values in, chosen by the largest."""
    for threshold, vietnamese, english in MONEY_SCALES:
        if largest >= threshold:
            return threshold, vietnamese, english
    return 1, "", ""


def value_text(value: float, unit: str, qualifier: str, language: str) -> str:
    """A figure as the dashboard shows it: "> 1,4 tỷ đồng" or "> VND 1.4 bn"."""
    mark = QUALIFIER_MARKS[qualifier]
    if unit == "percent":
        return f"{mark}{number(value, language)}%"
    if unit == "VND":
        threshold, vietnamese, english = money_scale(value)
        scaled = number(value / threshold, language)
        if language == "vi":
            return f"{mark}{scaled} {vietnamese} đồng".replace("  ", " ")
        return f"{mark}VND {scaled} {english}".rstrip()
    return f"{mark}{number(value, language)}"


def period_text(start: date, end: date, language: str) -> str:
    """2023 for a calendar year, 3/2024 for a date, 1/2023–5/2024 otherwise."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start == end:
        return f"{start.month}/{start.year}"
    if start.year == end.year and start.month == end.month:
        return f"{start.month}/{start.year}"
    return f"{start.month}/{start.year}–{end.month}/{end.year}"
