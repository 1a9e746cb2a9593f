"""Read numbers the way Vietnamese reports print them, and print them back.

Vietnamese uses '.' to group thousands and ',' for decimals ("1.574", "1,4"),
adds scale words ("1,4 tỷ đồng", "130 nghìn hộ") and qualifies figures with
words such as "hơn" (more than) or "gần" (nearly). Babel's Vietnamese locale
does the separator work; this module adds scale words, units and qualifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError as BabelNumberFormatError
from babel.numbers import format_decimal, parse_decimal

LOCALE = "vi"

# Longest phrase first, so "gần như" wins over "gần" and "nghìn tỷ" over "nghìn".
QUALIFIER_WORDS: dict[str, str] = {
    "gần như": "nearly",
    "gần": "nearly",
    "hơn": "more_than",
    "trên": "more_than",
    "khoảng": "about",
    "xấp xỉ": "about",
    "chừng": "about",
    "tối thiểu": "at_least",
    "ít nhất": "at_least",
    "từ": "at_least",
    "dưới": "less_than",
    "chưa đến": "less_than",
    "chưa tới": "less_than",
    "tối đa": "at_most",
    "không quá": "at_most",
}
QUALIFIERS = ("exact", "more_than", "nearly", "about", "at_least", "less_than", "at_most")

# The word each qualifier is written with when a value is printed back.
QUALIFIER_PHRASE: dict[str, str] = {
    "exact": "",
    "more_than": "hơn",
    "nearly": "gần",
    "about": "khoảng",
    "at_least": "tối thiểu",
    "less_than": "dưới",
    "at_most": "tối đa",
}

SCALE_WORDS: dict[str, int] = {
    "nghìn tỷ": 10**12,
    "ngàn tỷ": 10**12,
    "nghìn tỉ": 10**12,
    "ngàn tỉ": 10**12,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "triệu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
}
# Scales used when printing money, largest first.
MONEY_SCALES = (("nghìn tỷ", 10**12), ("tỷ", 10**9), ("triệu", 10**6))

UNITS = ("VND", "percent", "count")

# "từ 50" means "50 or more" unless it opens a range ("từ 2,08% xuống 1,72%").
_RANGE_CONTINUATION = re.compile(r"\s*(?:đến|tới|xuống|lên|-|–)", re.IGNORECASE)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


NUMBER_PATTERN = re.compile(
    rf"(?:(?<!\w)(?P<qualifier>{_alternatives(QUALIFIER_WORDS)})\s+)?"
    r"(?<![\w.,/:])"
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?![\w/:]|[.,]\d)"
    rf"(?:\s*(?P<scale>{_alternatives(SCALE_WORDS)})(?!\w))?"
    r"(?:\s*(?P<percent>%|phần trăm(?!\w))|\s+(?P<currency>đồng|VNĐ|VND|đ)(?!\w))?",
    re.IGNORECASE,
)


class NumberFormatError(ValueError):
    """The text does not hold exactly one number written the Vietnamese way."""


@dataclass(frozen=True)
class NumberReading:
    value: Decimal
    unit: str
    qualifier: str
    start: int
    end: int
    text: str


def find_numbers(text: str) -> list[NumberReading]:
    """Every number in the text, with its unit, qualifier and span."""
    return [_reading(match, text) for match in NUMBER_PATTERN.finditer(text)]


def read_number(text: str) -> NumberReading:
    """Read the one number in a short span such as "hơn 1,4 tỷ đồng".

    Raises NumberFormatError when the span holds no number or more than one.
    """
    readings = find_numbers(text)
    if not readings:
        raise NumberFormatError(f"no number found in {text!r}")
    if len(readings) > 1:
        found = ", ".join(repr(reading.text) for reading in readings)
        raise NumberFormatError(f"more than one number in {text!r}: {found}")
    return readings[0]


def _reading(match: re.Match, text: str) -> NumberReading:
    try:
        value = parse_decimal(match["number"], locale=LOCALE, strict=True)
    except BabelNumberFormatError as error:
        raise NumberFormatError(f"cannot read {match['number']!r}: {error}") from error
    if match["scale"]:
        value *= SCALE_WORDS[match["scale"].lower()]
    unit = "percent" if match["percent"] else "VND" if match["currency"] else "count"
    qualifier = _qualifier(match, text)
    start = match.start("qualifier") if qualifier != "exact" else match.start("number")
    return NumberReading(
        value=value,
        unit=unit,
        qualifier=qualifier,
        start=start,
        end=match.end(),
        text=text[start : match.end()],
    )


def _qualifier(match: re.Match, text: str) -> str:
    word = match["qualifier"]
    if not word:
        return "exact"
    word = word.lower()
    if word == "từ" and _RANGE_CONTINUATION.match(text, match.end()):
        return "exact"
    return QUALIFIER_WORDS[word]


def format_vietnamese(value: Decimal | float | int, unit: str, qualifier: str = "exact") -> str:
    """Write a value as a Vietnamese report would, losing no digit.

    format_vietnamese(1400000000, "VND", "more_than") == "hơn 1,4 tỷ đồng"
    """
    number = _plain_decimal(Decimal(str(value)))
    if unit == "percent":
        body = _vietnamese_digits(number) + "%"
    elif unit == "VND":
        body = _money_words(number) + " đồng"
    elif unit == "count":
        body = _vietnamese_digits(number)
    else:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}")
    phrase = QUALIFIER_PHRASE[qualifier]
    return f"{phrase} {body}" if phrase else body


def _money_words(number: Decimal) -> str:
    for word, scale in MONEY_SCALES:
        if number >= scale:
            return f"{_vietnamese_digits(_plain_decimal(number / scale))} {word}"
    return _vietnamese_digits(number)


def _vietnamese_digits(number: Decimal) -> str:
    return format_decimal(number, locale=LOCALE, decimal_quantization=False, group_separator=True)


def _plain_decimal(number: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation ("1E+2")."""
    normal = number.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
