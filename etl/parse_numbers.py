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

from etl.figure_text import LANGUAGES
from etl.places import syllables_after

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

# Vietnamese news agencies also publish in English ("over VND 5,170 billion", "2.53 percent"):
# the same figures, read with English separators and words.
ENGLISH_QUALIFIER_WORDS: dict[str, str] = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "nearly": "nearly",
    "almost": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "at least": "at_least",
    "under": "less_than",
    "below": "less_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "at most": "at_most",
}
ENGLISH_SCALE_WORDS: dict[str, int] = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _number_pattern(
    qualifiers: Iterable[str], number: str, scales: Iterable[str], percent: str, currency: str, smaller: str
) -> re.Pattern:
    return re.compile(
        rf"(?:(?<!\w)(?P<qualifier>{_alternatives(qualifiers)})\s+)?"
        # "VND681 billion": a currency written before the number may touch it.
        r"(?:(?P<currency_before>(?<!\w)(?:VND|VNĐ))\s*|(?<![\w.,/:]))"
        rf"(?P<number>{number})"
        r"(?![\w/:]|[.,]\d)"
        rf"(?:\s*(?P<scale>{_alternatives(scales)})(?!\w)"
        # "3 tỷ 860 triệu đồng": a second, smaller part of the same amount.
        rf"(?:\s+(?P<rest>\d{{1,3}}(?:,\d+)?)\s*(?P<rest_scale>{smaller})(?!\w))?)?"
        rf"(?:\s*(?P<percent>%|{percent})|\s+(?P<currency>{currency})(?!\w))?",
        re.IGNORECASE,
    )


NUMBER_PATTERNS = {
    "vi": _number_pattern(
        QUALIFIER_WORDS,
        r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
        SCALE_WORDS,
        r"phần trăm(?!\w)",
        r"đồng|VNĐ|VND|đ",
        r"triệu|nghìn|ngàn",
    ),
    "en": _number_pattern(
        ENGLISH_QUALIFIER_WORDS,
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
        ENGLISH_SCALE_WORDS,
        r"\s?per\s?cent(?!\w)",
        r"VND|VNĐ|dong",
        r"(?!)",  # English writes one amount with one scale
    ),
}
NUMBER_PATTERN = NUMBER_PATTERNS["vi"]
_WORDS = {
    "vi": (QUALIFIER_WORDS, SCALE_WORDS),
    "en": (ENGLISH_QUALIFIER_WORDS, ENGLISH_SCALE_WORDS),
}


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


def find_numbers(text: str, language: str = "vi") -> list[NumberReading]:
    """Every number in the text, with its unit, qualifier and span; `language` is vi or en."""
    if language not in NUMBER_PATTERNS:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return [_reading(match, text, language) for match in NUMBER_PATTERNS[language].finditer(text)]


def read_number(text: str, language: str = "vi") -> NumberReading:
    """Read the one number in a short span such as "hơn 1,4 tỷ đồng" (or, in English, "over VND 5 billion").

    Raises NumberFormatError when the span holds no number or more than one.
    """
    readings = find_numbers(text, language)
    if not readings:
        raise NumberFormatError(f"no number found in {text!r}")
    if len(readings) > 1:
        found = ", ".join(repr(reading.text) for reading in readings)
        raise NumberFormatError(f"more than one number in {text!r}: {found}")
    return readings[0]


# The currency word that also opens place names: "đồng" (Vietnamese), "dong" (English editions).
_PLACE_OPENING_CURRENCY = {"đồng": "Đồng", "dong": "Dong"}
_NEXT_WORD = re.compile(r"[ \t]+(?P<word>\w+)")


def _currency_opens_something_else(match: re.Match, text: str) -> bool:
    """ "năm 2025 Đồng Tháp", "2025 Đồng Hới", "1.250\nĐồng thời": a capitalised "Đồng" after a number opens a
    place name or a new line, not the currency. Lower-case "đồng" is always the currency, and so is a capitalised
    one that ends the line or is followed by a lower-case word ("120.000 Đồng", "700.000 Đồng/người")."""
    word = match["currency"]
    first = _PLACE_OPENING_CURRENCY.get((word or "").casefold())
    if first is None or word.islower():
        return False
    if "\n" in text[_end_before_unit(match) : match.start("currency")]:
        return True  # the number ended its line; the word opens the next sentence or list item
    following = _NEXT_WORD.match(text, match.end("currency"))
    if following is None:
        return False
    if following["word"].casefold() in syllables_after("Đồng"):
        return True  # a place of the gazetteer, in any case: "Đồng Tháp", "ĐỒNG NAI", "Dong Thap"
    return word == first and following["word"][0].isupper()  # "Đồng Xoài", "Đồng Văn": a name's syllables


def _end_before_unit(match: re.Match) -> int:
    """Where the number and its scale words end, before any percent sign or currency."""
    return max(match.end(group) for group in ("number", "scale", "rest_scale") if match[group])


def _reading(match: re.Match, text: str, language: str) -> NumberReading:
    qualifier_words, scale_words = _WORDS[language]
    try:
        value = parse_decimal(match["number"], locale=language, strict=True)
    except BabelNumberFormatError as error:
        raise NumberFormatError(f"cannot read {match['number']!r}: {error}") from error
    if match["scale"]:
        scale = scale_words[match["scale"].lower()]
        value *= scale
        if match["rest"]:
            rest_scale = scale_words[match["rest_scale"].lower()]
            if rest_scale >= scale:
                raise NumberFormatError(f"{match[0]!r} puts a larger scale after a smaller one")
            value += parse_decimal(match["rest"], locale=language, strict=True) * rest_scale
    currency = bool(match["currency"]) and not _currency_opens_something_else(match, text)
    unit = "percent" if match["percent"] else "VND" if currency or match["currency_before"] else "count"
    end = match.end() if unit != "count" or not match["currency"] else _end_before_unit(match)
    qualifier = _qualifier(match, text, qualifier_words)
    first = "currency_before" if match["currency_before"] else "number"
    start = match.start("qualifier") if qualifier != "exact" else match.start(first)
    return NumberReading(
        value=value,
        unit=unit,
        qualifier=qualifier,
        start=start,
        end=end,
        text=text[start:end],
    )


def _qualifier(match: re.Match, text: str, qualifier_words: dict[str, str]) -> str:
    word = match["qualifier"]
    if not word:
        return "exact"
    word = word.lower()
    if word == "từ" and _RANGE_CONTINUATION.match(text, match.end()):
        return "exact"
    return qualifier_words[word]


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
