"""Check every input row before anything is written.

Each problem names the file, the row (line number), the field and what is wrong,
so an analyst can fix data/*.csv without reading code. The checks a reviewer can hit on the
Add-a-report page also give a kind and the values their message names, so that the page can say
it in the reviewer's language and name the row of its table.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from etl.current_provinces import current_provinces
from etl.header_units import header_unit_words, reading_with_header
from etl.parse_numbers import LANGUAGES, QUALIFIERS, UNITS, NumberFormatError
from etl.read_inputs import COLUMNS, HEADLINE_FIELDS, METRICS_METADATA, CsvTable, Inputs, number_language

AREA_LEVELS = ("country", "region", "province", "district", "commune")
# Reference figures for the whole country or a region carry no province.
NATIONAL_LEVELS = ("country", "region")
COUNTRY_AREA = "Cả nước"
CATEGORIES = ("poverty", "health_insurance", "credit", "support", "women_union", "social_insurance")
BOOLEANS = {"true": True, "false": False}
# Who a publisher is (data/publishers.csv): the order in which reports of one point are cited.
PUBLISHER_TIERS = ("official", "domestic_press", "foreign")
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
# A row whose qualifier or unit is not written in its own quote (one "tối thiểu" governing two numbers,
# a table whose header says "%") must explain it in `note`, naming the word.
QUALIFIER_EXPLANATION = "qualifier"
UNIT_EXPLANATION = "unit"
BOUNDS = ("published_not_before", "published_not_after")
# A letter only Vietnamese writes: a vowel with a tone or shape mark, or đ.
VIETNAMESE_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
OPTIONAL_FACT_COLUMNS = ("note", "poverty_standard", "province", "merged_province")
# A quote of a report whose text is not in the repository is the figure as printed: the number,
# its qualifier and unit, at most a few words.
LONGEST_BARE_QUOTE = 40
MEASURES = ("stock", "flow")
# Where a source's figures come from: a published article (a newspaper, a portal page, a ministry decision), or
# an office that reported them by filling in a data request (etl/request_workbook.py).
SOURCE_KINDS = ("article", "office")
HEADLINE_COLUMNS = ("headline_rank", "headline_group")
HEADLINE_RANKS = ("1", "2", "3")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    field: str
    message: str
    key: str = ""
    # What is wrong, apart from the English wording: a kind ("empty", "unknown", "not_date", …) and the
    # values the message names, as text. The page words them in its language; str() stays the English
    # line the command line prints.
    code: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" + (f" ({self.key})" if self.key else "")
        return f"{where}: field '{self.field}': {self.message}"


class _Row:
    """One CSV row and the problems found in it."""

    def __init__(self, table: CsvTable, line: int, values: dict[str, str], key_column: str, problems: list):
        self.table, self.line, self.values, self.problems = table, line, values, problems
        self.key = f"{key_column}={values.get(key_column, '')}"

    def __getitem__(self, field: str) -> str:
        return self.values[field]

    def fail(self, field: str, message: str, code: str = "", **values: object) -> None:
        self.problems.append(
            Problem(
                str(self.table.path),
                self.line,
                field,
                message,
                self.key,
                code,
                {name: str(value) for name, value in values.items()},
            )
        )

    def require(self, *fields: str) -> None:
        for field in fields:
            if not self.values[field].strip():
                self.fail(field, "is empty", "empty")
            elif self.values[field] != self.values[field].strip():
                self.fail(field, "has spaces at the start or end", "spaces", value=self.values[field])

    def one_of(self, field: str, allowed: Collection[str], what: str) -> bool:
        if self.values[field] not in allowed:
            self.fail(
                field,
                f"unknown {what} {self.values[field]!r}; expected one of {', '.join(sorted(allowed))}",
                "unknown",
                value=self.values[field],
            )
            return False
        return True

    def iso_date(self, field: str) -> date | None:
        text = self.values[field]
        if not text:
            return None  # already reported by require()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        self.fail(field, f"{text!r} is not a valid date in the form YYYY-MM-DD", "not_date", value=text)
        return None


def validate(inputs: Inputs) -> list[Problem]:
    problems: list[Problem] = []
    tables = inputs.tables
    provinces = _validate_provinces(tables["provinces"], problems)
    groups = _validate_groups(tables["beneficiary_groups"], problems)
    metrics = _validate_metrics(tables["metrics"], groups, problems)
    standards = _validate_poverty_standards(tables["poverty_standards"], problems)
    sources = _validate_sources(tables["sources"], inputs, provinces, problems)
    references = References(provinces, _validate_regions(tables, problems), metrics, groups, standards)
    _validate_headline_definitions(tables["metrics"], inputs, problems)
    _validate_facts(tables["facts"], inputs, sources, references, problems)
    _validate_coverage_gaps(tables["coverage_gaps"], provinces, problems)
    _validate_programmes(tables, problems)
    _validate_publishers(tables["publishers"], tables["sources"], problems)
    _validate_source_notes(tables["source_notes_vi"], set(sources), problems)
    return problems


@dataclass(frozen=True)
class References:
    """What a fact may refer to."""

    provinces: set[str]
    regions: set[str]
    metrics: dict[str, tuple[str, str]]  # metric -> (unit, category)
    groups: set[str]
    standards: dict[str, tuple[date, date] | None]  # standard -> the periods it is chosen for, if any


def _validate_regions(tables: dict[str, CsvTable], problems: list[Problem]) -> set[str]:
    """Every region a province belongs to is named in regions.csv, in English too."""
    for row in _rows(tables["regions"], "region", problems):
        row.require("region", "label_en")
    named = {values["region"] for _, values in tables["regions"].rows}
    for line, values in tables["provinces"].rows:
        row = _Row(tables["provinces"], line, values, "province", problems)
        row.one_of("region", named, "region (regions.csv)")
    return named


def _rows(table: CsvTable, key_column: str, problems: list[Problem]):
    seen: dict[str, int] = {}
    for line, values in table.rows:
        row = _Row(table, line, values, key_column, problems)
        key = values[key_column]
        if key in seen:
            row.fail(
                key_column, f"duplicate {key_column} {key!r} (first on line {seen[key]})", "duplicate_key", value=key
            )
        seen.setdefault(key, line)
        yield row


def _validate_provinces(table: CsvTable, problems: list[Problem]) -> set[str]:
    current = current_provinces()
    codes: dict[str, int] = {}
    for row in _rows(table, "province", problems):
        row.require(*row.values)
        if not re.fullmatch(r"\d{2}", row["province_code"]):
            row.fail("province_code", f"{row['province_code']!r} is not a two-digit code")
        elif row["province_code"] in codes:
            row.fail(
                "province_code", f"duplicate code {row['province_code']} (first on line {codes[row['province_code']]})"
            )
        codes.setdefault(row["province_code"], row.line)
        expected = current.get(row["province_2025"])
        if expected is None:
            row.fail(
                "province_2025", f"{row['province_2025']!r} is not one of the 34 current provinces in vietnam-provinces"
            )
        elif not row["province_2025_code"].isdigit() or int(row["province_2025_code"]) != expected:
            row.fail(
                "province_2025_code",
                f"{row['province_2025_code']!r} is not the code of {row['province_2025']} ({expected:02d})",
            )
    return {values["province"] for _, values in table.rows}


def _validate_metrics(table: CsvTable, groups: set[str], problems: list[Problem]) -> dict[str, str]:
    headlines: dict[tuple[str, str], int] = {}
    for row in _rows(table, "metric", problems):
        row.require(*(column for column in row.values if column not in HEADLINE_COLUMNS))
        if not IDENTIFIER.match(row["metric"]):
            row.fail("metric", f"{row['metric']!r} must be lower-case words joined by '_'")
        row.one_of("category", CATEGORIES, "category")
        row.one_of("unit", UNITS, "unit")
        row.one_of("measure", MEASURES, "measure")
        _check_headline(row, groups, headlines)
    return {values["metric"]: (values["unit"], values["category"]) for _, values in table.rows}


def _check_headline(row: _Row, groups: set[str], headlines: dict[tuple[str, str], int]) -> None:
    """A headline indicator has a rank (1-3) unique within its topic and the group its figures count for."""
    rank, group = row["headline_rank"], row["headline_group"]
    if not rank and not group:
        return
    if rank not in HEADLINE_RANKS:
        row.fail("headline_rank", f"{rank!r} is not a headline rank; expected one of {', '.join(HEADLINE_RANKS)}")
    if not group:
        row.fail("headline_group", "a headline indicator names the beneficiary group its figures count for")
    else:
        row.one_of("headline_group", groups, "beneficiary group")
    key = (row["category"], rank)
    if key in headlines:
        row.fail("headline_rank", f"topic {row['category']} already has headline {rank} on line {headlines[key]}")
    headlines.setdefault(key, row.line)


def _validate_headline_definitions(table: CsvTable, inputs: Inputs, problems: list[Problem]) -> None:
    """Every headline metric of metrics.csv is defined in metrics.meta.yml, field by field, and nothing else is."""
    path = str(inputs.data_dir / METRICS_METADATA)
    definitions = inputs.headline_definitions
    marked = {values["metric"]: (line, values) for line, values in table.rows if values["headline_rank"]}
    for metric, (line, values) in marked.items():
        if metric not in definitions:
            problems.append(
                Problem(str(table.path), line, "headline_rank", f"headline metric {metric} has no entry in {path}")
            )
        elif definitions[metric].get("measure") != values["measure"]:
            problems.append(
                Problem(
                    path,
                    0,
                    "measure",
                    f"{metric} is a {definitions[metric].get('measure')!r} here and a {values['measure']!r} "
                    f"in metrics.csv",
                    f"metric={metric}",
                )
            )
    for metric, fields in definitions.items():
        if metric not in marked:
            problems.append(
                Problem(path, 0, "headline", f"{metric} is not a headline metric of metrics.csv", f"metric={metric}")
            )
        for field in HEADLINE_FIELDS:
            if not fields.get(field, "").strip():
                problems.append(Problem(path, 0, field, "is empty", f"metric={metric}"))
        window = fields.get("window_years", "").strip()
        if window and not window.isdigit():
            problems.append(
                Problem(
                    path,
                    0,
                    "window_years",
                    f"{window!r} is not a number of years (0 for none, 1, 2 …)",
                    f"metric={metric}",
                )
            )


def _validate_groups(table: CsvTable, problems: list[Problem]) -> set[str]:
    for row in _rows(table, "beneficiary_group", problems):
        row.require(*row.values)
    return {values["beneficiary_group"] for _, values in table.rows}


def _validate_sources(
    table: CsvTable, inputs: Inputs, provinces: set[str], problems: list[Problem]
) -> dict[str, Source]:
    files: dict[str, int] = {}
    for row in _rows(table, "source_id", problems):
        row.require("source_id", "title", "publisher")
        row.one_of("language", LANGUAGES, "language")
        if row["number_style"]:
            row.one_of("number_style", LANGUAGES, "number style")
        row.one_of("kind", SOURCE_KINDS, "source kind")
        if not IDENTIFIER.match(row["source_id"]):
            row.fail("source_id", f"{row['source_id']!r} must be lower-case letters, digits, '-' or '_'")
        if row.one_of("text_in_repository", BOOLEANS, "text_in_repository value"):
            _check_text_location(row)
        if row["file"] in inputs.report_problems:
            row.fail("file", inputs.report_problems[row["file"]])
        if row["file"] in files:
            row.fail("file", f"report file {row['file']!r} is already the file of line {files[row['file']]}")
        elif row["file"]:
            files[row["file"]] = row.line
        _check_publication_date(row)
        _check_title(row)
        if row["url"] and not re.match(r"^https?://\S+$", row["url"]):
            row.fail(
                "url",
                f"{row['url']!r} is not a web address starting with http:// or https://",
                "not_url",
                value=row["url"],
            )
        if row["province"]:
            row.one_of("province", provinces, "province")
    return {
        values["source_id"]: Source(values["file"], values["text_in_repository"] == "true", number_language(values))
        for _, values in table.rows
    }


def _check_title(row: _Row) -> None:
    """A title as published: a Vietnamese one carries its diacritics, and none is a web address's words
    ("von chinh sach sat canh cung ho ngheo" is a slug, not a title a meeting can cite)."""
    title = row["title"].strip()
    if not title:
        return  # already reported by require()
    if row["language"] == "vi" and not VIETNAMESE_LETTER.search(title):
        row.fail("title", f"{title!r} has no Vietnamese diacritics; give the title as published", "title_no_diacritics")
    elif title[0].isascii() and title[0].islower():
        row.fail(
            "title",
            f"{title!r} starts in lower case, like the words of a web address; give the title as published",
            "title_lower_case",
        )


def _check_publication_date(row: _Row) -> None:
    """The date a source was published, or for a page that prints none, the bounds its text allows."""
    if row["publication_date"]:
        row.iso_date("publication_date")
        for bound in ("published_not_before", "published_not_after"):
            if row[bound]:
                row.fail(
                    bound, "a source with a publication date needs no bound; leave it empty", "dated_needs_no_bound"
                )
        return
    if not row["note"].strip():
        row.fail(
            "note",
            "an undated source must say in its note why no date is given and how its bounds were found",
            "undated_needs_note",
        )
    if not any(row[bound] for bound in BOUNDS):
        row.fail(
            "published_not_before",
            "a source without a publication date needs the best bound its text allows: published_not_before "
            "(the latest event it reports) or published_not_after",
            "undated_needs_bound",
        )
    earliest, latest = (row.iso_date(bound) if row[bound] else None for bound in BOUNDS)
    if earliest and latest and latest < earliest:
        row.fail(
            "published_not_after",
            f"{latest} is before published_not_before {earliest}",
            "bound_order",
            earliest=earliest,
            latest=latest,
        )


@dataclass(frozen=True)
class Source:
    file: str
    text_in_repository: bool
    language: str


def _check_text_location(row: _Row) -> None:
    """A report is either kept in data/reports, or a published article that stands on its web address."""
    if row["text_in_repository"] == "true":
        row.require("file")
    elif not row["url"]:
        row.fail(
            "url",
            "a source whose text is not in the repository needs the web address it was published at "
            "(or set text_in_repository to true and put the report in data/reports)",
        )


def _validate_facts(
    table: CsvTable,
    inputs: Inputs,
    sources: dict[str, Source],
    references: References,
    problems: list[Problem],
) -> None:
    figures: dict[tuple, tuple[int, str]] = {}  # figure -> its first line and fact_id
    for row in _rows(table, "fact_id", problems):
        row.require(*(column for column in COLUMNS["facts"] if column not in OPTIONAL_FACT_COLUMNS))
        _check_place(row, references)
        row.one_of("beneficiary_group", references.groups, "beneficiary group")
        row.one_of("qualifier", QUALIFIERS, "qualifier")
        row.one_of("is_target", BOOLEANS, "is_target value")
        _check_merged_province(row)
        period_end = _check_period(row)
        _check_metric(row, references, period_end)
        value = _check_value(row)
        if row.one_of("source_id", sources, "source"):
            source = sources[row["source_id"]]
            text = inputs.text_of(source.file)
            quote_stands = source.text_in_repository or _check_bare_quote(row)
            if quote_stands and text is not None:
                quote_stands = _check_quote(row, text)
            if quote_stands and value is not None:
                _check_reading(row, value, source.language)
        # A city may share its province's name (Hải Dương): the level is part of the place. An empty
        # merged_province means false, so the two spellings are one key.
        key = tuple(
            (row[field] or "false") if field == "merged_province" else row[field]
            for field in (
                "source_id",
                "area",
                "area_level",
                "merged_province",
                "period_start",
                "period_end",
                "metric",
                "beneficiary_group",
                "is_target",
            )
        )
        if key in figures:
            line, first = figures[key]
            row.fail(
                "metric",
                f"the same figure (source, area, level, merger, period, metric, group, target) is already on line "
                f"{line}",
                "duplicate_figure",
                line=line,
                fact_id=first,
            )
        figures.setdefault(key, (row.line, row["fact_id"]))


def _check_place(row: _Row, references: References) -> None:
    """Province-level and smaller figures name their province; country and region figures name none."""
    if not row.one_of("area_level", AREA_LEVELS, "area level"):
        return
    level = row["area_level"]
    if level in NATIONAL_LEVELS:
        if row["province"]:
            row.fail(
                "province",
                f"a {level}-level figure belongs to no province; leave province empty",
                "no_province",
                level=level,
            )
        areas = {COUNTRY_AREA} if level == "country" else references.regions
        row.one_of("area", areas, f"{level} name")
        return
    if not row["province"]:
        row.fail("province", "is empty", "empty")
    elif row.one_of("province", references.provinces, "province") and level == "province":
        if row["area"] != row["province"]:
            row.fail(
                "area",
                f"a province-level figure must have area = province ({row['province']!r})",
                "area_not_province",
                province=row["province"],
            )


def _check_merged_province(row: _Row) -> None:
    """Figures for a province formed on 1 July 2025 describe another territory than the old province of the
    same name; only the reviewer can tell, so the column says it (empty means the old boundaries)."""
    if row["merged_province"] and row.one_of("merged_province", BOOLEANS, "merged_province value"):
        if BOOLEANS[row["merged_province"]] and row["area_level"] in NATIONAL_LEVELS:
            row.fail(
                "merged_province",
                f"a {row['area_level']}-level figure describes no province",
                "merged_national",
                level=row["area_level"],
            )


def _check_metric(row: _Row, references: References, period_end: date | None) -> None:
    if not row.one_of("metric", references.metrics, "metric"):
        return
    unit, category = references.metrics[row["metric"]]
    if row.one_of("unit", UNITS, "unit") and row["unit"] != unit:
        row.fail(
            "unit",
            f"metric {row['metric']} is measured in {unit}, not {row['unit']}",
            "metric_unit",
            metric=row["metric"],
            expected=unit,
            unit=row["unit"],
        )
    standard = row["poverty_standard"]
    if standard and category != "poverty":
        row.fail(
            "poverty_standard",
            f"only poverty figures have a poverty standard; {row['metric']} is {category}",
            "standard_not_poverty",
            metric=row["metric"],
            category=category,
        )
    elif standard:
        row.one_of("poverty_standard", references.standards, "poverty standard")
    elif category == "poverty" and period_end and standard_for_period(period_end, references.standards) is None:
        row.fail(
            "poverty_standard",
            f"no poverty standard of poverty_standards.csv applies on {period_end}; name the one the report uses",
            "no_standard",
            date=period_end,
        )


def standard_for_period(period_end: date, standards: dict[str, tuple[date, date] | None]) -> str | None:
    """The standard a poverty figure is measured under when its report does not say: the one in force on
    the day its period ends (poverty_standards.csv)."""
    return next(
        (name for name, span in standards.items() if span is not None and span[0] <= period_end <= span[1]), None
    )


def _check_period(row: _Row) -> date | None:
    """The end of the figure's period, once both dates are valid."""
    start, end = row.iso_date("period_start"), row.iso_date("period_end")
    if start and end and end < start:
        row.fail("period_end", f"{end} is before period_start {start}", "end_before_start", end=end, start=start)
    return end


def _check_value(row: _Row) -> Decimal | None:
    text = row["value"]
    if text.startswith("-"):
        row.fail("value", f"{text!r} is negative; figures are never below zero", "negative", value=text)
        return None
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        row.fail(
            "value",
            f"{text!r} is not a plain number in base units (digits, '.' for decimals)",
            "not_number",
            value=text,
        )
        return None
    value = Decimal(text)
    if row["unit"] == "percent" and value > 100:
        row.fail("value", f"{text} is above 100 for a percentage", "over_100", value=text)
    return value


def _check_quote(row: _Row, text: str) -> bool:
    quote = row["quote"]
    if not quote or not row["quote_offset"].isdigit():
        row.fail(
            "quote_offset",
            f"{row['quote_offset']!r} is not a character offset (a whole number from 0)",
            "not_offset",
            value=row["quote_offset"],
        )
        return False
    offset = int(row["quote_offset"])
    if text[offset : offset + len(quote)] == quote:
        return True
    found = [match.start() for match in re.finditer(re.escape(quote), text)]
    where = (
        f"it occurs at offset(s) {', '.join(map(str, found[:5]))}"
        if found
        else "it does not occur anywhere in the report"
    )
    row.fail(
        "quote",
        f"{quote!r} is not in report {row['source_id']} at offset {offset}; {where}",
        "quote_not_at_offset" if found else "quote_not_in_report",
        quote=quote,
        offset=offset,
        found=", ".join(map(str, found[:5])),
    )
    return False


def _check_bare_quote(row: _Row) -> bool:
    """Without the report's text here, the quote must at least be a figure as printed, nothing more."""
    quote = row["quote"]
    if len(quote) > LONGEST_BARE_QUOTE:
        row.fail(
            "quote",
            f"{quote!r} is {len(quote)} characters; the report's text is not in the repository, so the quote is "
            f"the figure as printed (number, qualifier and unit), at most {LONGEST_BARE_QUOTE} characters",
            "quote_too_long",
            quote=quote,
            longest=LONGEST_BARE_QUOTE,
        )
        return False
    if not row["quote_offset"].isdigit():
        row.fail(
            "quote_offset",
            f"{row['quote_offset']!r} is not a character offset (a whole number from 0)",
            "not_offset",
            value=row["quote_offset"],
        )
    return True


def _check_reading(row: _Row, value: Decimal, language: str) -> None:
    # A table cell whose unit and scale stand in a header is read with the header's words its note names; that
    # reading must then give the value and unit exactly, with no explanation accepted in place of it.
    header_words = header_unit_words(row["note"])
    try:
        reading = reading_with_header(row["quote"], row["note"], language if language in LANGUAGES else "vi")
    except NumberFormatError as error:
        row.fail("quote", f"cannot read one number from the quote: {error}", "not_one_number", quote=row["quote"])
        return
    says = f"{row['quote']!r}" + (f" under the table header's {header_words!r}" if header_words else "")
    if reading.value != value:
        read = f"{reading.value.normalize():f}"
        row.fail(
            "value",
            f"{row['value']} differs from {read}, which is what {says} says",
            "value_differs",
            value=row["value"],
            read=read,
            quote=row["quote"],
        )
    if reading.unit != row["unit"] and (header_words or UNIT_EXPLANATION not in row["note"]):
        row.fail(
            "unit",
            f"{row['unit']} differs from {reading.unit}, which is what {says} says; "
            f"if the unit is written elsewhere (a table header), explain it in note (mention 'unit')",
            "unit_differs",
            unit=row["unit"],
            read=reading.unit,
            quote=row["quote"],
        )
    if reading.qualifier != row["qualifier"] and QUALIFIER_EXPLANATION not in row["note"]:
        row.fail(
            "qualifier",
            f"{row['qualifier']} differs from {reading.qualifier}, which is what {row['quote']!r} says; "
            f"if the qualifier is written elsewhere in the sentence, explain it in note (mention 'qualifier')",
            "qualifier_differs",
            qualifier=row["qualifier"],
            read=reading.qualifier,
            quote=row["quote"],
        )


def _validate_poverty_standards(table: CsvTable, problems: list[Problem]) -> dict[str, tuple[date, date] | None]:
    standards: dict[str, tuple[date, date] | None] = {}
    spans: list[tuple[date, date, int]] = []
    for row in _rows(table, "poverty_standard", problems):
        row.require("poverty_standard", "label_vi", "label_en", "legal_basis", "note")
        if not IDENTIFIER.match(row["poverty_standard"]):
            row.fail("poverty_standard", f"{row['poverty_standard']!r} must be lower-case words joined by '_'")
        standards[row["poverty_standard"]] = None
        if not (row["applies_from"] or row["applies_to"]):
            continue  # named only where a report says so, never chosen by period
        start, end = row.iso_date("applies_from"), row.iso_date("applies_to")
        if start and end:
            if end < start:
                row.fail("applies_to", f"{end} is before applies_from {start}")
            for other_start, other_end, line in spans:
                if start <= other_end and other_start <= end:
                    row.fail("applies_from", f"the period {start}..{end} overlaps the standard on line {line}")
            spans.append((start, end, row.line))
            standards[row["poverty_standard"]] = (start, end)
    return standards


def _validate_coverage_gaps(table: CsvTable, provinces: set[str], problems: list[Problem]) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for line, values in table.rows:
        row = _Row(table, line, values, "province", problems)
        row.require("province", "category", "year", "queries", "outcome")
        row.one_of("province", provinces, "province")
        row.one_of("category", CATEGORIES, "category")
        if not re.fullmatch(r"(?:19|20)\d\d", row["year"]):
            row.fail("year", f"{row['year']!r} is not a year")
        key = (row["province"], row["category"], row["year"])
        if key in seen:
            row.fail("year", f"this province, topic and year is already on line {seen[key]}")
        seen.setdefault(key, line)


# The topics whose every metric is shown on the Support page, in the panel of its programme.
SUPPORT_CATEGORIES = ("support", "women_union")


def _validate_programmes(tables: dict[str, CsvTable], problems: list[Problem]) -> None:
    """Every support metric belongs to exactly one programme of programmes.csv, and every programme has a metric:
    the Support page draws one panel per programme, so a metric without one would never be shown."""
    for row in _rows(tables["programmes"], "programme", problems):
        row.require("programme", "label_vi", "label_en")
        if not IDENTIFIER.match(row["programme"]):
            row.fail("programme", f"{row['programme']!r} must be lower-case words joined by '_'")
    programmes = {values["programme"] for _, values in tables["programmes"].rows}
    metrics = {values["metric"]: (line, values["category"]) for line, values in tables["metrics"].rows}
    mapping = tables["programme_metrics"]
    for row in _rows(mapping, "metric", problems):
        row.require("metric", "programme")
        row.one_of("metric", metrics, "metric (metrics.csv)")
        row.one_of("programme", programmes, "programme (programmes.csv)")
    mapped = {values["metric"] for _, values in mapping.rows}
    for metric, (line, category) in metrics.items():
        if category in SUPPORT_CATEGORIES and metric not in mapped:
            problems.append(
                Problem(
                    str(tables["metrics"].path),
                    line,
                    "metric",
                    f"support metric {metric} belongs to no programme; add it to {mapping.path.name}",
                    f"metric={metric}",
                )
            )
    used = {values["programme"] for _, values in mapping.rows}
    for line, values in tables["programmes"].rows:
        if values["programme"] not in used:
            problems.append(
                Problem(
                    str(tables["programmes"].path),
                    line,
                    "programme",
                    f"programme {values['programme']} has no metric in {mapping.path.name}",
                    f"programme={values['programme']}",
                )
            )


def _validate_publishers(table: CsvTable, sources: CsvTable, problems: list[Problem]) -> None:
    """Every publisher has a tier, and every publisher of sources.csv is in publishers.csv: a report whose
    publisher is not classified could be cited before an official one."""
    for row in _rows(table, "publisher", problems):
        row.require("publisher", "tier")
        row.one_of("tier", PUBLISHER_TIERS, "tier")
        if row["country"] and not re.fullmatch(r"[A-Z]{2}", row["country"]):
            row.fail("country", f"{row['country']!r} is not a two-letter country code (ISO 3166)")
    classified = {values["publisher"] for _, values in table.rows}
    for line, values in sources.rows:
        if values["publisher"] and values["publisher"] not in classified:
            _Row(sources, line, values, "source_id", problems).fail(
                "publisher",
                f"publisher {values['publisher']!r} is not in publishers.csv; add it with its tier "
                f"({', '.join(PUBLISHER_TIERS)})",
                "unclassified_publisher",
                value=values["publisher"],
            )


def _validate_source_notes(table: CsvTable, sources: set[str], problems: list[Problem]) -> None:
    """A Vietnamese note belongs to a source of sources.csv, once, and says something."""
    for row in _rows(table, "source_id", problems):
        row.require("source_id", "note_vi")
        row.one_of("source_id", sources, "source_id (sources.csv)")
