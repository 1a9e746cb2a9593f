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
    is_now: bool = False  # "đến nay", "hiện nay": the publication date, not a period the report states


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(match: re.Match, published: date | None) -> tuple[date, date]:
    year = int(match["year"] or match["year2"])
    return date(year, 1, 1), date(year, 12, 31)


def _year_and_months(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 1, 1), _month_end(int(match["year2"]), int(match["months"]))


_MONTH_WORDS = {"three": 3, "six": 6, "nine": 9}


def _first_months(match: re.Match, published: date | None) -> tuple[date, date]:
    months = int(match["months"]) if "months" in match.re.groupindex else _MONTH_WORDS[match["words"].lower()]
    return date(int(match["year"]), 1, 1), _month_end(int(match["year"]), months)


def _first_months_written(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    return date(published.year, 1, 1), _month_end(published.year, int(match["months"]))


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    """ "quý I", "quý 2/2023": the three months of that quarter, of the year of publication when none is named."""
    year = int(match["year"]) if match["year"] else (published.year if published else None)
    if year is None:
        return None, None
    quarter = _QUARTERS[match["quarter"].lower()]
    return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)


def _year_so_far(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    """ "từ đầu năm": from 1 January of the year of publication to the publication date."""
    if published is None:
        return None, None
    return date(published.year, 1, 1), published


def _until_month(match: re.Match, published: date | None) -> tuple[date, date]:
    end = _month_end(int(match["year"]), int(match["month"]))
    return end, end


def _start_of_year(match: re.Match, published: date | None) -> tuple[date, date]:
    return date(int(match["year"]), 1, 1), date(int(match["year"]), 1, 1)


def _end_of_year(match: re.Match, published: date | None) -> tuple[date, date]:
    year = int(match["year"] or match["year2"])
    return date(year, 12, 31), date(year, 12, 31)


def _now(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    return published, published


def _month_of_publication(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    # "tháng 5" alone is May of the year the report is written in.
    month = int(match["month"])
    if published is None or not 1 <= month <= 12:
        return None, None
    return date(published.year, month, 1), _month_end(published.year, month)


def _years(match: re.Match, published: date | None) -> tuple[date, date]:
    """ "giai đoạn 2016-2020", "(2014-2019)", "2021–2023": from the start of one year to the end of the other."""
    first, last = int(match["year"]), int(match["year2"])
    if last < first:
        raise ValueError("a range of years runs forwards")
    return date(first, 1, 1), date(last, 12, 31)


def _since_year(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    """ "từ năm 2016 đến nay": from the start of that year to the publication date."""
    if published is None:
        return None, None
    return date(int(match["year"] or match["year2"]), 1, 1), published


def _this_year(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    return date(published.year, 1, 1), date(published.year, 12, 31)


def _end_of_this_year(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    return date(published.year, 12, 31), date(published.year, 12, 31)


def _last_year(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    if published is None:
        return None, None
    return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)


def _at_day(match: re.Match, published: date | None) -> tuple[date | None, date | None]:
    """ "đến 31/5", "tính đến ngày 30/6/2023": a level on that day; without a year, in the year of publication."""
    year = int(match["year"]) if match["year"] else (published.year if published else None)
    if year is None:
        return None, None
    day = date(year, int(match["month"]), int(match["day"]))
    return day, day


def _month_end_level(match: re.Match, published: date | None) -> tuple[date, date]:
    """ "(tháng 6-2018)", "tháng 6/2023" standing alone: a level at the end of that month."""
    end = _month_end(int(match["year"]), int(match["month"]))
    return end, end


_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = r"(?P<year2>(?:19|20)\d\d)"
# The name of a poverty standard ("chuẩn nghèo đa chiều giai đoạn 2022-2025") is not the period of a figure.
NOT_A_PERIOD = re.compile(
    r"chuẩn(?: hộ)? nghèo[^.;,]{0,50}?(?:giai đoạn|cho|period)?\s*(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d"
    r"|(?:poverty )?standards? (?:for |of )?(?:the )?(?:period )?(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d",
    re.IGNORECASE,
)
# Longest forms first: where two overlap, the earlier pattern wins.
PATTERNS: list[tuple[re.Pattern, Callable, bool]] = [
    (
        re.compile(rf"năm {_YEAR} và (?P<months>\d{{1,2}}) tháng đầu năm {_YEAR2}", re.I),
        _year_and_months,
        False,
    ),
    (re.compile(rf"(?P<months>\d{{1,2}}) tháng (?:đầu |của )?năm {_YEAR}", re.I), _first_months, False),
    # "7 tháng đầu năm" alone: of the year the report is written in; "quý I", "quý 2/2023".
    (re.compile(r"(?P<months>\d{1,2}) tháng đầu năm(?! (?:19|20)\d\d)", re.I), _first_months_written, False),
    (
        re.compile(rf"quý (?P<quarter>IV|I{{1,3}}|[1-4])(?![\w/])(?:(?:/|\s+năm\s+){_YEAR})?", re.I),
        _quarter,
        False,
    ),
    (re.compile(rf"(?:the )?first (?P<words>three|six|nine) months of {_YEAR}", re.I), _first_months, False),
    (
        re.compile(
            r"từ đầu năm(?! (?:19|20)\d\d)(?: đến nay)?|since the (?:start|beginning) of (?:the|this) year", re.I
        ),
        _year_so_far,
        False,
    ),
    (
        re.compile(rf"(?:từ )?(?:đầu )?(?:năm )?{_YEAR} (?:đến|tới) nay|since {_YEAR2}", re.I),
        _since_year,
        False,
    ),
    # "ngay từ đầu năm 2017": since then, to the publication date.
    (re.compile(rf"từ đầu năm {_YEAR}(?![\d/])(?! (?:đến|tới))", re.I), _since_year, False),
    (re.compile(rf"(?<![\d/]){_YEAR}\s*[-–]\s*{_YEAR2}(?![\d/])", re.I), _years, False),
    (re.compile(rf"từ (?:năm )?{_YEAR} (?:đến|tới) (?:hết )?(?:năm )?{_YEAR2}(?![\d/])", re.I), _years, False),
    (
        re.compile(
            r"(?:tính )?(?:đến|tại thời điểm|as of)(?: hết| ngày)? (?P<day>\d{1,2})/(?P<month>\d{1,2})"
            r"(?:/(?P<year>(?:19|20)\d\d))?(?![\d/])",
            re.I,
        ),
        _at_day,
        False,
    ),
    (re.compile(rf"(?:tính )?đến (?:hết |cuối )?tháng (?P<month>\d{{1,2}})/{_YEAR}", re.I), _until_month, False),
    (re.compile(rf"tháng (?P<month>\d{{1,2}})[/-]{_YEAR}", re.I), _month_end_level, False),
    (re.compile(rf"đầu (?:năm )?{_YEAR}(?![\d/])", re.I), _start_of_year, False),
    (re.compile(rf"cuối (?:năm )?{_YEAR}(?![\d/])|(?:by |at )?the end of {_YEAR2}", re.I), _end_of_year, False),
    (re.compile(rf"so với (?:cùng kỳ )?(?:năm )?{_YEAR}|(?:compared with|from) {_YEAR2}", re.I), _year, True),
    (re.compile(rf"(?:năm |\bin |\((?:năm )?(?=(?:19|20)\d\d\))){_YEAR}\)?", re.I), _year, False),
    # "đến 2025", "vào 2030": a year without "năm", after the word that dates a target.
    (re.compile(rf"(?<!\w)(?:đến|tới|vào|trong)(?: hết)? {_YEAR}(?![\d/]|[.,]\d|\s*%)", re.I), _year, False),
    (re.compile(r"cuối năm nay|(?:by )?the end of this year", re.I), _end_of_this_year, False),
    (re.compile(r"năm nay|this year", re.I), _this_year, False),
    (re.compile(r"năm ngoái|last year", re.I), _last_year, False),
    (
        re.compile(r"(?:tính )?(?:đến nay|hiện nay|hiện tại|hiện có|hiện còn|đến thời điểm này)|so far|to date", re.I),
        _now,
        False,
    ),
    (re.compile(r"tháng (?P<month>\d{1,2})(?![\d/])", re.I), _month_of_publication, False),
]

# A period named as the base of a change ("tăng 8% so với cuối năm 2023", "so cùng kỳ năm 2022", "compared with
# 2019") dates the change's start, never a figure: the word of comparison just before it.
_COMPARED_WITH = re.compile(r"(?:(?<!\w)so(?: với)?|compared (?:with|to)|than)\s+(?:với\s+)?(?:cùng kỳ\s+)?$", re.I)


# Periods whose year is the year the report is written in.
_OF_THE_YEAR_WRITTEN = (
    _at_day,
    _this_year,
    _end_of_this_year,
    _last_year,
    _month_of_publication,
    _since_year,
    _first_months_written,
    _quarter,
)
# A year named as a target or the end of a range is not the year a report is written in.
_TARGET_YEAR = re.compile(r"(?:đến|tới|vào|phấn đấu|mục tiêu|kế hoạch|dự kiến|[-–])\s*(?:năm\s*)?$", re.I)


def find_periods(text: str, published: date | None) -> list[PeriodMention]:
    """Every period mention, in text order, without overlaps."""
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = [match.span() for match in NOT_A_PERIOD.finditer(text)]
    years = [
        int(match[0])
        for match in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)
        if not _TARGET_YEAR.search(text, max(0, match.start() - 20), match.start())
    ]
    # An undated report's "tháng 5", "đến ngày 30/4", "năm nay" are of the latest year it names.
    latest = date(max(years), 12, 31) if years and published is None else None
    for pattern, interpret, is_comparison in PATTERNS:
        anchor = latest if latest and interpret in _OF_THE_YEAR_WRITTEN else published
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                period_start, period_end = interpret(match, anchor)
            except ValueError:
                continue
            taken.append((match.start(), match.end()))
            compared = is_comparison or bool(_COMPARED_WITH.search(text, max(0, match.start() - 30), match.start()))
            found.append(
                PeriodMention(
                    match.start(),
                    match.end(),
                    period_start,
                    period_end,
                    match[0],
                    compared,
                    is_now=interpret is _now,
                )
            )
    return sorted(found, key=lambda mention: mention.start)


# A news page prints when it was published at its top, as a date with a time ("12/03/2021 - 09:05",
# "16:20 | 28/10/2024", "Thứ Ba, 04-06-2019, 14:32"), after a word that says so ("Cập nhật 7/9/2023", "Ngày đăng:
# 21/11/2022"), or alone on its line; an official document prints "Hà Nội, ngày 16 tháng 12 năm 2016". A date
# inside a sentence ("Tính đến 31/12/2023", "Quyết định ... ngày 05/3/2021") is a date the text speaks of.
_DAY = r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d\d)"
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
_WEEKDAY = r"(?:thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_SAYS_PUBLISHED = r"(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày xuất bản|xuất bản|published|updated|posted)"
_DATELINES = [
    re.compile(rf"(?<![\d/.-]){_DAY}(?![\d/.-])[ \t,|-]{{1,6}}(?:lúc\s*)?{_TIME}", re.I),
    re.compile(rf"{_TIME}(?:\s*(?:GMT|\(GMT)[+]\d+\)?)?[ \t,|-]{{1,6}}(?:{_WEEKDAY}[ \t,]*)?{_DAY}(?![\d/.-])", re.I),
    re.compile(rf"(?:{_SAYS_PUBLISHED}|{_WEEKDAY})\s*(?:lúc\s*)?:?[ \t,]*(?:{_TIME}[ \t,|-]*)?{_DAY}(?![\d/.-])", re.I),
    re.compile(rf"(?m)^[ \t]*{_DAY}[ \t]*$"),
    re.compile(
        r"(?m)^[^\W\d][^\n,.;]{1,30}, ngày (?P<day>\d{1,2}) tháng (?P<month>\d{1,2}) năm (?P<year>(?:19|20)\d\d)"
    ),
]


def dateline(text: str, within: int = 3000) -> date | None:
    """The publication date a page or document prints at its top (see _DATELINES), None when it prints none.

    The Add-a-report page proposes it in the source form when the reviewer has not given a date, and the
    extractor dates "hiện nay", "đến nay" and undated figures by it."""
    head = text[:within]
    found = [match for pattern in _DATELINES for match in pattern.finditer(head)]
    for match in sorted(found, key=lambda match: match.start()):
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None
