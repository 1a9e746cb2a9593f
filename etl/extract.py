"""`python -m etl extract REPORT.txt --out candidates.csv`: propose the figures of a new report.

Every number in the text is read (etl/parse_numbers.py); dates, the numbers of legal documents,
ages, durations, multiples, phone numbers and page furniture are dropped; each remaining number
gets a metric and group (etl/classify.py), an area (etl/places.py), a period (etl/periods.py),
a target flag, the poverty standard its sentence names, its quote and offset, and a confidence
for the analyst's review.

Multiples ("tăng hơn 2 lần", "gấp 1,5 lần") are not proposed. No metric of data/metrics.csv
measures one, and none can: a figure's unit is VND, percent or count, and a multiple is none of
them. A row proposed without a metric would be accepted on the review page only once the reviewer
picks a metric and a unit, and every choice there would store a ratio as a count of households or
people; a row that can never be kept is only noise in the review (and lowers the extractor's
precision). A multiple becomes proposable once metrics.csv has a metric of growth with a unit
for ratios.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from etl import classify
from etl.parse_numbers import NumberReading, find_numbers
from etl.paths import DATA_DIR
from etl.periods import PeriodMention, dateline, find_periods
from etl.places import COUNTRY, PlaceMention, find_places, main_places
from etl.proposals import PROPOSAL_COLUMNS, proposal_row, write_rows
from etl.read_inputs import read_table
from etl.sentences import SENTENCE_END


def reference(data_dir: Path) -> tuple[set[str], dict[str, str]]:
    """What extraction needs from data/: the province names and each metric's category."""
    provinces = {row["province"] for _, row in read_table(data_dir, "provinces").rows}
    categories = {row["metric"]: row["category"] for _, row in read_table(data_dir, "metrics").rows}
    return provinces, categories


def write_candidates(rows: list[dict[str, str]], path: Path) -> None:
    """The proposals as CSV for review, written to a temporary file first so a half-written file never appears."""
    write_rows(path, PROPOSAL_COLUMNS, rows)


_BEFORE_NOT_A_FIGURE = re.compile(
    r"(?:tháng|ngày|số|khoản|điều|mục|lần thứ|quý|tuần|giai đoạn|phiên bản|trang)\s*$", re.IGNORECASE
)
# Ages, durations and multiples ("dưới 5 tuổi", "sau 2 tháng", "tăng hơn 2 lần", "2.5 times"; "lần lượt" is
# "respectively", not a multiple): see the module's note on multiples.
_AFTER_NOT_A_FIGURE = re.compile(
    r"^\s*(?:tháng|năm|ngày|tuần|quý|giờ|phút|tuổi|lần(?!\s+lượt)|times|-?fold)(?!\w)"
    r"|^\s*(?:-|–|đến)\s*(?:dưới\s*)?\d+\s*tuổi",
    re.IGNORECASE,
)
# The number of a legal document belongs to its name: "Nghị định 07", "Quyết định số 90", "Nghị quyết 18",
# "các Nghị định 07 và 30", "Dự án 4" of a programme. Words that are also ordinary words ("kế hoạch" a plan,
# "kết luận" a conclusion, "pháp luật" the law in general) name a document only when capitalised as a title.
_DOCUMENT_NAME = re.compile(
    r"(?<!\w)(?:(?i:nghị định|quyết định|thông tư(?: liên tịch)?|nghị quyết|chỉ thị|công văn|công điện|pháp lệnh"
    r"|tờ trình|chương trình|đề án|(?:tiểu )?dự án)|Luật|Kết luận|Kế hoạch|Thông báo|Hướng dẫn|Quy định|Văn bản)"
    r"\s+(?i:số\s*:?\s*)?(?:\d[\w./-]*\s*(?:,|(?i:và))\s*(?i:số\s*)?)*$"
)
_RATIO = re.compile(r"(?<![\w/.,])(?P<part>\d{1,3})/(?P<whole>\d{1,3})(?![\w/])")
_CLAUSE_END = re.compile(r"[;\n]|[.!?…]+(?=\s)")
# "2,45% với 169.566 hộ", "dư nợ 4.870 tỷ đồng, phục vụ 128.300 khách hàng": a count that follows a rate or a
# balance counts the same households.
_WITH_COUNT = re.compile(
    r"\s*(?:\(|,)?\s*(?:với|gồm|tương ứng|phục vụ|equivalent to|or|with)\s*(?:tổng số\s*)?$", re.IGNORECASE
)
# An amount per house, per person or per month is a rate of support, not a total spent:
# "50 triệu đồng/căn", "700.000 đồng/người/tháng", "VND500,000 per household".
_PER_UNIT = re.compile(r"\s*(?:/|mỗi\b|một (?:hộ|người|căn|suất|tháng|năm)\b|per\b|a (?:month|year)\b)", re.IGNORECASE)
# "tăng 11,12%", "đạt 99,73% kế hoạch", "bằng 105,08% so với": growth and shares of a plan, not levels.
_GROWTH_BEFORE = re.compile(
    r"(?:tăng|tăng trưởng|(?P<reached>đạt)|bằng|increase[ds]? by|up)\s*(?:thêm\s*)?$", re.IGNORECASE
)
_PLAN_AFTER = re.compile(r"\s*(?:kế hoạch|chỉ tiêu|of (?:the )?plan)", re.IGNORECASE)
# ... but a rate the clause names reaches a level: "tỷ lệ bao phủ BHYT đạt 93,6%"; "tỷ lệ giải ngân" is a share
# of the plan.
_NAMED_RATE = re.compile(
    r"(?:tỷ|tỉ) lệ(?P<of_plan> (?:giải ngân|thực hiện|hoàn thành))?|bao phủ|coverage|\brate\b", re.I
)
# What joins a figure to the period written after it: "dưới 1% vào năm 2025", "95% đến năm 2030",
# "0,3%/năm giai đoạn 2021-2025".
_TO_ITS_PERIOD = re.compile(
    r"(?:\s*(?:/\s*năm|mỗi năm|(?:a|per) year))?\s*(?:(?:vào|đến|tới|trong|by)\s+)?(?:giai đoạn\s+)?", re.IGNORECASE
)


# "Đến năm 2019, con số này là 2,66%": the figure is of the measure named before, in its paragraph.
_REFERS_BACK = re.compile(r"(?:con số|tỷ lệ|số liệu|số) (?:này|đó|trên)", re.IGNORECASE)
# Money by source after a total: "96 tỷ đồng, trong đó ngân sách trung ương 31 tỷ đồng, vốn huy động 23 tỷ đồng"
# splits the same spending, so each part keeps the total's metric.
_SOURCE_OF_MONEY = re.compile(
    r"^[\s,;:(]*(?:trong đó|gồm|bao gồm)?[\s:,]*(?:từ\s+)?(?:nguồn\s+)?(?:vốn\s+)?"
    r"(?:ngân sách(?: nhà nước| trung ương| tỉnh| địa phương| huyện| xã| cấp \w+)?|huy động|xã hội hóa|vận động"
    r"|đối ứng|lồng ghép|đóng góp|người dân|doanh nghiệp|nguồn khác)[^.;\d]{0,30}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def extract(
    text: str,
    source_id: str,
    province: str | None,
    published: date | None,
    provinces: set[str],
    metric_categories: dict[str, str],
    language: str = "vi",
    skip: Callable[[int], bool] | None = None,
) -> list[dict[str, str]]:
    """The proposed figures of one report, as rows of data/facts.csv plus a confidence.

    `skip` tells by its offset what is not read here, numbers, places and periods alike: a table's, read cell
    by cell (etl/table_figures.py), whose places and years are no context of the sentences after it."""
    kept = (lambda offset: not skip(offset)) if skip else (lambda offset: True)
    published = published or dateline(text)
    readings = [reading for reading in _figures(text, language) if kept(reading.start)]
    captions = _captions(text)
    places = [
        place
        for place in find_places(text, provinces)
        if not any(s.start <= place.start < s.end for s in captions) and kept(place.start)
    ]
    main = main_places(places)
    province = province or main.get("province")
    periods = [period for period in find_periods(text, published) if kept(period.start)]
    # A figure no period is named for is of the day the report was published ("Toàn tỉnh có ...").
    undated = PeriodMention(0, 0, published, published, "", is_now=True) if published else None
    standards = classify.poverty_standards(text)
    clauses, sentences = _spans(text, _CLAUSE_END), _spans(text, SENTENCE_END)

    rows: list[dict[str, str]] = []
    previous: dict[str, str] = {}
    # The last metric proposed for each unit in a sentence, and in a paragraph (line).
    named_in_sentence: dict[tuple[int, str], str] = {}
    named_in_paragraph: dict[tuple[int, str], str] = {}
    for reading in readings:
        clause = _containing(clauses, reading.start)
        if _is_not_a_total(reading, text, clause):
            continue
        sentence = _containing(sentences, reading.start)
        context = _context(text, reading, clause, readings)
        if classify.is_unmeasured_outcome(reading.unit, context):
            continue  # jobs created, works built: outcomes of lending that no metric measures
        metric, score = classify.best_metric(reading.unit, context)
        if (
            reading.unit == "VND"
            and previous.get("sentence") == str(sentence.start)
            and previous["unit"] == "VND"
            and previous["metric"]
            and _SOURCE_OF_MONEY.search(context.near_left)
        ):
            metric, score = previous["metric"], 3.0  # "96 tỷ đồng, trong đó ngân sách trung ương 31 tỷ đồng"
        counted = classify.COUNT_BESIDE.get(previous.get("metric", ""))
        if (
            counted
            and reading.unit == "count"
            and _WITH_COUNT.match(text, int(previous["end"]), reading.start)
            and not re.match(r"\s*lượt\b", text[reading.end :])
        ):
            metric, score = counted, 5.0  # "Đồng bằng sông Hồng 2,45% với 169.566 hộ"
        if metric is None:
            # "...hộ nghèo đạt 25,4 tỷ; hộ cận nghèo đạt 168 tỷ", "Tây Nguyên 11,20% với 180.300 hộ; Đông Nam Bộ
            # 0,25% với 11.400 hộ": a list keeps the measure its head names for each unit.
            metric = named_in_sentence.get((sentence.start, reading.unit))
            if metric is None and _REFERS_BACK.search(context.near_left):
                metric = named_in_paragraph.get((_paragraph_start(text, reading.start), reading.unit))
            score = 1.5 if metric else score
        if metric is None and reading.unit == "count" and reading.qualifier == "exact":
            continue  # a bare count with no measured thing beside it is rarely a figure
        area, level = _area(places, main, province, reading, clause, text)
        nearby = Span(reading.start - len(context.near_left), reading.end + len(context.near_right))
        period = _period(periods, reading, clause, nearby, text) or undated
        if metric in _flow_metrics():
            period = _span_of_flow(periods, reading, period, sentence.start)
        if period:
            metric = classify.for_period(metric, period.period_start, period.period_end)
        place_province = area if level == "province" and area in provinces else province
        row = _row(source_id, place_province, area, level, period, metric, reading, context, metric_categories)
        metric = classify.for_group(metric, row["beneficiary_group"])
        row["metric"] = metric or ""
        row["is_target"] = "true" if classify.is_target(text[sentence.start : reading.start]) else "false"
        if metric_categories.get(row["metric"]) == "poverty":
            row["poverty_standard"] = _standard_named(standards, sentence, reading)
        row["confidence"] = _confidence(score, row, period)
        rows.append(row)
        if metric:
            named_in_sentence[(sentence.start, reading.unit)] = metric
            named_in_paragraph[(_paragraph_start(text, reading.start), reading.unit)] = metric
        previous = {
            "sentence": str(sentence.start),
            "unit": reading.unit,
            "metric": metric or "",
            "end": str(reading.end),
        }
    _carry_at_least(rows, text)
    rows = _without_repeats(rows)
    for number, row in enumerate(rows, start=1):
        row["fact_id"] = f"{source_id}-{number:02d}"
    return rows


def _figures(text: str, language: str) -> list[NumberReading]:
    readings = [reading for reading in find_numbers(text, language) if _is_figure(reading, text)]
    for match in _RATIO.finditer(text):
        part, whole = int(match["part"]), int(match["whole"])
        before = text[max(0, match.start() - 12) : match.start()]
        # "13/13 Hội LHPN": a part of a whole; "11/5", "4/2025" are dates.
        if (
            0 < part <= whole
            and whole > 12
            and not _BEFORE_NOT_A_FIGURE.search(before)
            and not _is_document_number(match.start(), text)
        ):
            readings.append(
                NumberReading(Decimal(part), "count", "exact", match.start(), match.end("part"), match["part"])
            )
    return sorted(readings, key=lambda reading: reading.start)


def _is_figure(reading: NumberReading, text: str) -> bool:
    if reading.value == 0:
        return False  # page furniture ("0 đánh giá", "(0) Bình luận")
    if reading.unit != "count":
        return True
    before, after = text[max(0, reading.start - 20) : reading.start], text[reading.end : reading.end + 30]
    if _AFTER_NOT_A_FIGURE.search(after):
        return False  # ages and durations, qualified or not: "dưới 5 tuổi", "sau 2 tháng", "60 - 79 tuổi"
    if reading.qualifier != "exact" or not reading.text[-1].isdigit():
        return True
    digits = reading.text
    if len(digits) >= 8 and digits.isdigit():
        return False  # a phone number
    if digits.isdigit() and 1900 <= reading.value <= 2100:
        return False  # a year
    if _BEFORE_NOT_A_FIGURE.search(before):
        return False  # "tháng 5", "Nghị định số 20"
    if _is_document_number(reading.start, text):
        return False  # "Nghị định 07 của Chính phủ", "Nghị quyết 18"
    if re.search(r"\w-$", before) or re.match(r"-\w", after):
        return False  # "11-5", file names
    return not (before.endswith("(") and after.startswith(")"))


def _is_document_number(start: int, text: str) -> bool:
    """The number starting at `start` ends the name of a legal document ("Nghị định 07", "Quyết định số 90")."""
    return bool(_DOCUMENT_NAME.search(text[max(0, start - 80) : start]))


def _is_not_a_total(reading: NumberReading, text: str, clause: Span) -> bool:
    """A per-unit amount of money, or a percentage of growth or of a plan."""
    if reading.unit == "VND":
        return bool(_PER_UNIT.match(text, reading.end))
    if reading.unit == "percent":
        if _PLAN_AFTER.match(text, reading.end):
            return True
        if re.match(r"\s*(?:dân số|số dân)(?!\w)", text[reading.end :]):
            return False  # "đạt hơn 87% dân số": a share of the population, a level
        growth = _GROWTH_BEFORE.search(text[max(0, reading.start - 25) : reading.start])
        if growth and growth["reached"]:
            rates = list(_NAMED_RATE.finditer(text, clause.start, reading.start))
            return not rates or bool(rates[-1]["of_plan"])
        return bool(growth)
    return False


def _spans(text: str, ends: re.Pattern) -> list[Span]:
    spans, start = [], 0
    for match in ends.finditer(text):
        spans.append(Span(start, match.end()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return spans


def _containing(spans: list[Span], position: int) -> Span:
    return next((span for span in spans if span.start <= position < span.end), spans[-1])


def _context(text: str, reading: NumberReading, clause: Span, readings: list[NumberReading]) -> classify.Context:
    inside = [other for other in readings if clause.start <= other.start < clause.end]
    before = [other for other in inside if other.end <= reading.start]
    after = [other for other in inside if other.start >= reading.end]
    near_start = before[-1].end if before else clause.start
    near_end = after[0].start if after else clause.end
    # "13/13 Hội LHPN huyện": what is counted follows the whole ratio.
    end = reading.end + len(match[0]) if (match := re.match(r"/\d+", text[reading.end :])) else reading.end
    paragraph_start = _paragraph_start(text, reading.start)
    return classify.Context(
        left=text[clause.start : reading.start].lower(),
        right=text[end : clause.end].lower(),
        near_left=text[near_start : reading.start].lower(),
        near_right=text[end:near_end].lower(),
        paragraph=text[paragraph_start : reading.start].lower(),
    )


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _captions(text: str) -> list[Span]:
    """Image file names and the caption line under each: page furniture, not the report's subject."""
    spans = []
    for match in re.finditer(r"(?m)^\S+\.(?:jpe?g|png|gif|webp)\s*\n(?:[^\n]*\n?)", text, re.IGNORECASE):
        spans.append(Span(match.start(), match.end()))
    return spans


def _area(
    places: list[PlaceMention],
    main: dict[str, str],
    province: str | None,
    reading: NumberReading,
    clause: Span,
    text: str,
) -> tuple[str, str]:
    """The place a figure is about: named after it in its clause, else the last place named before it.

    Before any place is named, a report about no province speaks of the whole country if it names it.
    """
    national = province is None and any(mention.level == "country" for mention in places)
    current = (COUNTRY, "country") if national else (province or "", "province")
    after = [m for m in places if reading.end <= m.start < clause.end and not m.is_parent]
    before = [m for m in places if m.start < reading.start and not m.is_parent]
    for mention in before + after[:1]:
        named = mention.area or (province if mention.level == "province" else main.get(mention.level))
        if named:
            current = (named, mention.level)
    return current


def _period(
    periods: list[PeriodMention], reading: NumberReading, clause: Span, nearby: Span, text: str
) -> PeriodMention | None:
    """The period of a figure; `nearby` runs from the clause's previous number to its next one.

    In order: the period named right after the figure ("4,61% năm 2016", "3,47% (2016)", "dưới 1% vào năm
    2025"); the last one named in its clause since the previous number; the last one its clause states
    before it (not "hiện nay" or "đến nay" of an earlier number); the first one its clause states after it,
    unless a comma sends it to the next number ("21,104 poor households in 2017", "0,5%/năm trong giai đoạn
    2021-2025"); a "now" of its clause; the last one named before the clause, else the first after it.
    A period stated in the figure's own clause so wins over the publication date. "so với năm 2022" right
    after the figure starts a change."""
    before = [p for p in periods if p.end <= reading.start and not p.is_comparison]
    after = [p for p in periods if reading.end <= p.start < nearby.end and not p.is_comparison]
    attached = next(
        (p for p in after if p.start <= reading.end + 2 or _TO_ITS_PERIOD.fullmatch(text, reading.end, p.start)),
        None,
    )
    if attached:
        return attached
    in_clause = [p for p in before if p.start >= clause.start]
    near = [p for p in in_clause if p.start >= nearby.start]
    stated = [p for p in in_clause if not p.is_now]
    last_of_clause = nearby.end >= clause.end
    stated_after = [p for p in after if not p.is_now and (last_of_clause or "," not in text[reading.end : p.start])]
    in_order = (_last(near), _last(stated), _first(stated_after), _last(in_clause), _last(before), _first(after))
    current = next((found for found in in_order if found), None)
    comparison = next((p for p in periods if p.is_comparison and reading.end <= p.start < nearby.end), None)
    if comparison and current and current.period_end:
        return PeriodMention(
            comparison.start, comparison.end, comparison.period_start, current.period_end, comparison.label
        )
    return current


@cache
def _flow_metrics() -> frozenset[str]:
    """The metrics counted over a period (data/metrics.csv's measure), not as a level on a day."""
    return frozenset(row["metric"] for _, row in read_table(DATA_DIR, "metrics").rows if row["measure"] == "flow")


def _span_of_flow(
    periods: list[PeriodMention], reading: NumberReading, period: PeriodMention | None, sentence_start: int
) -> PeriodMention | None:
    """A flow (loans made, money spent) runs over time, so a single day does not date it alone. A day its own
    sentence names before it ends the period from the start of that year ("đến hết tháng 3/2022 có 64 hộ được vay
    vốn"); a day stated for a level in an earlier sentence gives way to the last period running over time named
    before it ("Năm 2021 ... tổng nguồn vốn đến 31/12/2021 đạt ... Tổng doanh số cho vay đạt ..."). A day named
    after the figure, or a "now", stays."""
    if period is None or period.is_now or period.period_start != period.period_end or period.start > reading.start:
        return period
    if period.start >= sentence_start and period.period_end:
        # "đến hết tháng 3/2022 có 64 hộ được vay vốn": what was lent since the year began.
        return replace(period, period_start=date(period.period_end.year, 1, 1))
    spans = [
        p
        for p in periods
        if p.end <= reading.start and not p.is_comparison and p.period_start and p.period_start != p.period_end
    ]
    return spans[-1] if spans else period


def _last(periods: list[PeriodMention]) -> PeriodMention | None:
    return periods[-1] if periods else None


def _first(periods: list[PeriodMention]) -> PeriodMention | None:
    return periods[0] if periods else None


def _standard_named(standards: list[classify.StandardMention], sentence: Span, reading: NumberReading) -> str:
    """The poverty standard the figure's sentence names, the one nearest the figure if it names two."""
    named = [mention for mention in standards if sentence.start <= mention.start < sentence.end]
    if not named:
        return ""
    nearest = min(named, key=lambda m: min(abs(m.start - reading.end), abs(reading.start - m.end)))
    return nearest.standard


def _row(
    source_id: str,
    province: str | None,
    area: str,
    level: str,
    period: PeriodMention | None,
    metric: str | None,
    reading: NumberReading,
    context: classify.Context,
    metric_categories: dict[str, str],
) -> dict[str, str]:
    group = classify.best_group(metric, metric_categories.get(metric or ""), reading.unit, context)
    return proposal_row(
        source_id=source_id,
        province="" if level in ("country", "region") else province or "",
        area=area,
        area_level=level,
        period_start=period.period_start.isoformat() if period and period.period_start else "",
        period_end=period.period_end.isoformat() if period and period.period_end else "",
        period_label=period.label if period else "",
        metric=metric or "",
        beneficiary_group=group,
        value=_plain(reading.value),
        unit=reading.unit,
        qualifier=reading.qualifier,
        is_target="false",
        quote=reading.text,
        quote_offset=str(reading.start),
    )


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _confidence(score: float, row: dict[str, str], period: PeriodMention | None) -> str:
    confidence = 0.3 + 0.3 * min(1.0, score / 5)
    confidence += 0.1 if row["area"] else 0
    confidence += 0.15 if period and period.period_start else 0
    confidence += 0.1 if row["beneficiary_group"] != "all" or row["metric"] else 0
    return f"{min(confidence, 0.99):.2f}"


def _carry_at_least(rows: list[dict[str, str]], text: str) -> None:
    """ "tối thiểu 100 người ... và 500 người": the lower bound covers both numbers."""
    for earlier, later in zip(rows, rows[1:], strict=False):
        between = text[int(earlier["quote_offset"]) + len(earlier["quote"]) : int(later["quote_offset"])]
        if (
            earlier["qualifier"] == "at_least"
            and later["qualifier"] == "exact"
            and earlier["unit"] == later["unit"]
            and re.search(r"\bvà\b", between)
            and not re.search(r"[.;\n]", between)
        ):
            later["qualifier"] = "at_least"
            later["note"] += f"; qualifier: '{earlier['quote']}' governs this number too"


def _without_repeats(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """A figure repeated (a headline, then the body) is proposed once, where the text names its period."""
    kept: dict[tuple, dict[str, str]] = {}
    for row in rows:
        key = tuple(
            row[field] for field in ("value", "unit", "qualifier", "metric", "beneficiary_group", "area", "is_target")
        )
        # A period the text names (it has a label) beats the publication date given to an undated figure.
        if key not in kept or (not kept[key]["period_label"] and row["period_label"]):
            kept[key] = row
    return sorted(kept.values(), key=lambda row: int(row["quote_offset"]))
