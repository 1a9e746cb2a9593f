"""Find the periods a report speaks of ("năm 2023", "đầu năm 2024", "năm 2023 và 5 tháng đầu năm 2024",
"đến nay", "tính đến cuối tháng 4/2025") and the date it was published."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period_start: date | None  # None when the period is "now" and the publication date is unknown
    period_end: date | None
    label: str
    is_comparison: bool = False  # "so với năm 2022": the start of a change, for the figure just before


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(match: re.Match, published: date | None) -> tuple[date, date]:
    year = int(match["year"])
    return date(year, 1, 1), date(year, 12, 31)


def _year_and_months(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 1, 1), _month_end(int(match["year2"]), int(match["months"]))


def _first_months(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 1, 1), _month_end(int(match["year"]), int(match["months"]))


def _until_month(match: re.Match, published: date | None) -> tuple[date, date]:
    end = _month_end(int(match["year"]), int(match["month"]))
    return end, end


def _start_of_year(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 1, 1), date(int(match["year"]), 1, 1)


def _end_of_year(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 12, 31), date(int(match["year"]), 12, 31)


def _now(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    return published, published


def _month_of_publication(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    # "tháng 5" alone is May of the year the report is written in.
    month = int(match["month"])
    if published is None or not 1 <= month <= 12:
        return None, None
    return date(published.year, month, 1), _month_end(published.year, month)


_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Longest forms first: where two overlap, the earlier pattern wins.
PATTERNS: list[tuple[re.Pattern, Callable, bool]] = [
    (
        re.compile(rf"năm {_YEAR} và (?P<months>\d{{1,2}}) tháng đầu năm (?P<year2>(?:19|20)\d\d)", re.I),
        _year_and_months,
        False,
    ),
    (re.compile(rf"(?P<months>\d{{1,2}}) tháng đầu năm {_YEAR}", re.I), _first_months, False),
    (re.compile(rf"(?:tính )?đến (?:hết |cuối )?tháng (?P<month>\d{{1,2}})/{_YEAR}", re.I), _until_month, False),
    (re.compile(rf"đầu năm {_YEAR}", re.I), _start_of_year, False),
    (re.compile(rf"cuối năm {_YEAR}", re.I), _end_of_year, False),
    (re.compile(rf"so với (?:cùng kỳ )?năm {_YEAR}", re.I), _year, True),
    (re.compile(rf"năm {_YEAR}", re.I), _year, False),
    (re.compile(r"(?:tính )?(?:đến nay|hiện nay|hiện tại|đến thời điểm này)", re.I), _now, False),
    (re.compile(r"tháng (?P<month>\d{1,2})(?![\d/])", re.I), _month_of_publication, False),
]

_PRINTED_DATE = re.compile(r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])")


def find_periods(text: str, published: date | None) -> list[PeriodMention]:
    """Every period mention, in text order, without overlaps."""
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, interpret, is_comparison in PATTERNS:
        if interpret is _month_of_publication and published is None:
            years = [int(year) for year in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)]
            # Undated report: a bare month belongs to the latest year it mentions.
            published = date(max(years), 12, 31) if years else None
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                period_start, period_end = interpret(match, published)
            except ValueError:
                continue
            taken.append((match.start(), match.end()))
            found.append(PeriodMention(match.start(), match.end(), period_start, period_end, match[0], is_comparison))
    return sorted(found, key=lambda mention: mention.start)


def printed_date(text: str, within: int = 600) -> date | None:
    """The first date printed as dd/mm/yyyy near the top, as news pages print their publication date."""
    match = _PRINTED_DATE.search(text[:within])
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
