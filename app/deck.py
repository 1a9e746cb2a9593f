"""The meeting deck: a PowerPoint file of the current view that others can edit, translate and merge.

A title slide; one slide per chart, drawn as a native PowerPoint chart (its data opens in PowerPoint),
with the sources of its points as a footnote and the quote behind every point in the speaker notes;
then the figures as a table and how to cite the dashboard. Text is written in Arial, which Windows
has and LibreOffice replaces by its metric twin Liberation Sans, both with every Vietnamese letter.
Everything from a report goes in as plain text runs: PowerPoint has no markup to inject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from app import labels
from app.deck_charts import DeckChart, DeckSeries, points

FONT_NAME = "Arial"
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
BLANK_LAYOUT = 6
TABLE_ROWS_PER_SLIDE = 14
TABLE_ROWS = 140
SOURCES_PER_SLIDE = 16
# A line chart with more points than this labels only the last point of each line (and inexact figures).
LABELLED_POINTS = 24
# About how many characters of 8-point Arial fit on a line across the slide, to size the footnote.
FOOTNOTE_LINE = 210
# XML 1.0 refuses these control characters; a report that carries one still exports.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class EmptyDeck(ValueError):
    """The view has no chart to put in a deck."""


@dataclass(frozen=True)
class Cover:
    """What the title slide says: the topic, the provinces and years shown, the filters in words, the date."""

    topic: str
    provinces: str
    years: str
    filters: str
    made_on: str
    address: str


def deck_bytes(cover: Cover, charts: Sequence[DeckChart], language: str) -> bytes:
    """The .pptx file of `charts`; EmptyDeck, with the reason in the language, when there is none."""
    charts = [chart for chart in charts if any(value is not None for series in chart.series for value in series.values)]
    if not charts:
        raise EmptyDeck(labels.text("deck_empty", language))
    drawn = points(charts)
    sources = source_numbers(drawn)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title_slide(presentation, cover, language)
    for chart in charts:
        chart_slide(presentation, chart, sources, language)
    table_slides(presentation, drawn, sources, language)
    source_slides(presentation, drawn, sources, cover, language)
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def source_numbers(readings: pd.DataFrame) -> dict[tuple, int]:
    """Each report behind the deck, numbered in the order its first point is drawn."""
    keys = dict.fromkeys(_source_key(row) for row in readings.to_dict("records"))
    return {key: number for number, key in enumerate(keys, start=1)}


def _source_key(row: dict) -> tuple:
    return tuple(plain(row.get(column)) for column in ("source_title", "source_publisher", "source_url"))


def plain(text: object) -> str:
    """Report text as PowerPoint can hold it: a string without XML-forbidden control characters."""
    return _NOT_XML.sub(" ", "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


def title_slide(presentation: Presentation, cover: Cover, language: str) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text_box(slide, (MARGIN, Inches(1.2), SLIDE_WIDTH - 2 * MARGIN, Inches(1.4)), [cover.topic], 40, bold=True)
    lines = [
        f"{labels.text('provinces', language)}: {cover.provinces}",
        f"{labels.text('years', language)}: {cover.years}",
        f"{labels.text('filters', language)}: {cover.filters}",
        f"{labels.text('deck_language', language)} · {labels.text('deck_made_on', language)} {cover.made_on}",
        labels.text("app_title", language),
        cover.address,
    ]
    _text_box(slide, (MARGIN, Inches(2.8), SLIDE_WIDTH - 2 * MARGIN, Inches(3.8)), lines, 20)


def chart_slide(presentation: Presentation, chart: DeckChart, sources: dict[tuple, int], language: str) -> None:
    """A chart, its notes (breaks, disagreements), the reports behind its points underneath (publisher, date
    and web address, linked) and every point's quote in the speaker notes."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    width = SLIDE_WIDTH - 2 * MARGIN
    _text_box(slide, (MARGIN, Inches(0.25), width, Inches(0.8)), [chart.title], 26, bold=True)
    rows = chart.readings.to_dict("records")
    cited = sorted({sources[_source_key(row)]: row for row in rows}.items())
    footnote_lines = 1 + sum(len(_short_source(row)) + 6 for _, row in cited) // FOOTNOTE_LINE
    footnote_height = Inches(0.16) * (footnote_lines + 1)
    notes_height = Inches(0.25) * len(chart.notes)
    bottom = SLIDE_HEIGHT - Inches(0.15) - footnote_height
    native_chart(slide, chart, (MARGIN, Inches(1.05), width, bottom - notes_height - Inches(1.05)))
    if chart.notes:
        _text_box(slide, (MARGIN, bottom - notes_height, width, notes_height), chart.notes, 12)
    footnote = _text_box(slide, (MARGIN, bottom, width, footnote_height), [], 8, name="footnote")
    paragraph = footnote.text_frame.paragraphs[0]
    _run(paragraph, labels.text("deck_sources", language, count=len(cited)) + " ", 8, bold=True)
    for number, row in cited:
        run = _run(paragraph, f"[{number}] {_short_source(row)}   ", 8)
        if str(row.get("source_url") or "").startswith(("http://", "https://")):
            run.hyperlink.address = plain(row["source_url"])
    slide.notes_slide.notes_text_frame.text = "\n".join(_quote_lines(chart.readings, sources, language))


def _short_source(row: dict) -> str:
    """Publisher, date and the site the report is on: "VietNamNet 16/09/2025 vietnamnet.vn"."""
    site = urlsplit(str(row.get("source_url") or "")).netloc.removeprefix("www.")
    parts = (row.get("source_publisher"), _published(row), site)
    return " ".join(plain(part) for part in parts if isinstance(part, str) and part)


def native_chart(slide: object, chart: DeckChart, box: tuple[Emu, Emu, Emu, Emu]) -> None:
    """The chart as PowerPoint's own: a line chart (years as categories) or clustered horizontal bars."""
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(plain(series.name), series.values)
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.BAR_CLUSTERED
    drawn = slide.shapes.add_chart(kind, *box, data).chart
    drawn.font.name, drawn.font.size = FONT_NAME, Pt(14)
    drawn.has_title = False  # the slide's title says what the chart is
    value_axis = drawn.value_axis
    value_axis.minimum_scale = 0
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = "#,##0.##", False
    value_axis.has_title = bool(chart.axis_title)
    if chart.axis_title:
        value_axis.axis_title.text_frame.text = plain(chart.axis_title)
    if chart.kind == "line":
        _style_lines(drawn, chart.series)
    else:
        _style_bars(drawn, chart.series[0])


def _style_lines(drawn: object, series_list: Sequence[DeckSeries]) -> None:
    # A gap inside one series (a year without a report) is bridged, as on screen; two series never are.
    for blanks in drawn._chartSpace.xpath("c:chart/c:dispBlanksAs"):
        blanks.set("val", "span")
    drawn.has_legend = True
    drawn.legend.position, drawn.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    drawn.legend.font.size = Pt(13)
    _hide_from_legend(drawn, [index for index, series in enumerate(series_list) if not series.in_legend])
    crowded = sum(value is not None for series in series_list for value in series.values)
    for series, drawn_series in zip(series_list, drawn.plots[0].series, strict=True):
        colour = RGBColor.from_string(series.colours[0].lstrip("#"))
        drawn_series.smooth = False
        line = drawn_series.format.line
        line.color.rgb, line.width = colour, Pt(2 if series.reference else 3.5)
        if series.dashed:
            line.dash_style = MSO_LINE_DASH_STYLE.DASH
        drawn_series.marker.style = XL_MARKER_STYLE.DIAMOND if series.diamond else XL_MARKER_STYLE.CIRCLE
        drawn_series.marker.size = 7 if series.reference else 9
        drawn_series.marker.format.fill.solid()
        drawn_series.marker.format.fill.fore_color.rgb = colour
        _label_points(drawn_series, series, XL_LABEL_POSITION.ABOVE, colour, every_point=crowded <= LABELLED_POINTS)


def _hide_from_legend(drawn: object, indexes: list[int]) -> None:
    """Leave these series out of the legend (python-pptx has no call for it: c:legendEntry/c:delete)."""
    position = drawn.legend._element.find(qn("c:legendPos"))
    for index in reversed(indexes):
        entry = OxmlElement("c:legendEntry")
        for tag, value in (("c:idx", str(index)), ("c:delete", "1")):
            child = OxmlElement(tag)
            child.set("val", value)
            entry.append(child)
        position.addnext(entry)


def _style_bars(drawn: object, series: DeckSeries) -> None:
    drawn.has_legend = False
    drawn.category_axis.reverse_order = True  # the first row on top, as on screen
    # Forty bars fit one slide only in smaller type.
    drawn.category_axis.tick_labels.font.size = Pt(max(8, min(14, 320 // max(1, len(series.values)))))
    plot = drawn.plots[0]
    plot.vary_by_categories, plot.gap_width = False, 50
    drawn_series = plot.series[0]
    for index, colour in enumerate(series.colours):
        fill = drawn_series.points[index].format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    _label_points(drawn_series, series, XL_LABEL_POSITION.OUTSIDE_END, RGBColor(0x22, 0x22, 0x22))


def _label_points(
    drawn_series: object, series: DeckSeries, position: object, colour: RGBColor, every_point: bool = True
) -> None:
    """Points labelled with the value as the dashboard writes it in the language, qualifier included: every
    point, or (on a crowded line chart) the last of each line and any that is not an exact figure."""
    last = max((index for index, value in enumerate(series.values) if value is not None), default=-1)
    for index, (value, text) in enumerate(zip(series.values, series.texts, strict=True)):
        if value is None or not text:
            continue
        if not (every_point or index == last or not text[0].isdigit()):
            continue
        label = drawn_series.points[index].data_label
        label.position = position
        label.text_frame.text = ""
        run = _run(label.text_frame.paragraphs[0], text, 11 if len(series.values) <= 20 else 9)
        run.font.color.rgb = colour


def table_slides(presentation: Presentation, readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> None:
    """The figures drawn, as tables of TABLE_ROWS_PER_SLIDE rows, each naming its report by number."""
    rows = _table_rows(readings.head(TABLE_ROWS), sources, language)
    headers = [labels.text(key, language) for key in ("place", "deck_period", "metric", "figure", "source")]
    pages = _pages(rows, TABLE_ROWS_PER_SLIDE)
    for number, page in enumerate(pages, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
        title = labels.part_title(labels.text("deck_table", language), number, len(pages))
        _text_box(slide, (MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7)), [title], 26, bold=True)
        _table(slide, headers, page)
        if len(readings) > TABLE_ROWS and number == len(pages):
            limited = labels.text("deck_table_limited", language, shown=TABLE_ROWS, total=len(readings))
            _text_box(slide, (MARGIN, Inches(6.9), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4)), [limited], 12)


def source_slides(
    presentation: Presentation, readings: pd.DataFrame, sources: dict[tuple, int], cover: Cover, language: str
) -> None:
    """Every report in full (publisher, date, title, address), numbered as in the footnotes; the last slide
    ends with how to cite the dashboard."""
    rows = {sources[_source_key(row)]: row for row in readings.to_dict("records")}
    lines = [f"[{number}] {_source_text(row)}" for number, row in sorted(rows.items())]
    pages = _pages(lines, SOURCES_PER_SLIDE)
    for number, page in enumerate(pages, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
        title = labels.part_title(labels.text("deck_sources_title", language), number, len(pages))
        _text_box(slide, (MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7)), [title], 26, bold=True)
        _text_box(slide, (MARGIN, Inches(1.0), SLIDE_WIDTH - 2 * MARGIN, Inches(5.3)), page, 11, name="sources")
        if number == len(pages):
            citation = labels.text("deck_cite", language, made_on=cover.made_on, address=cover.address)
            _text_box(
                slide, (MARGIN, Inches(6.4), SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)), [citation], 13, name="citation"
            )


def _pages(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _table_rows(readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> list[list[str]]:
    texts = labels.value_texts(readings, language) if len(readings) else []
    return [
        [
            _place(row),
            plain(row["period_text"]),
            plain(f"{row[f'metric_label_{language}']} · {row[f'group_label_{language}']}"),
            plain(text),
            f"[{sources[_source_key(row)]}] {_short_source(row)}",
        ]
        for row, text in zip(readings.to_dict("records"), texts, strict=True)
    ]


def _table(slide: object, headers: list[str], rows: list[list[str]]) -> None:
    widths = (Inches(2.2), Inches(1.5), Inches(4.0), Inches(1.6), Inches(3.2))
    shape = slide.shapes.add_table(len(rows) + 1, len(headers), MARGIN, Inches(1.0), sum(widths), Inches(0.3))
    table = shape.table
    for index, width in enumerate(widths):
        table.columns[index].width = width
    for row_index, cells in enumerate([headers, *rows]):
        table.rows[row_index].height = Inches(0.36)
        for column, value in enumerate(cells):
            cell = table.cell(row_index, column)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.text_frame.text = ""
            _run(cell.text_frame.paragraphs[0], value, 11, bold=row_index == 0)


def _place(row: dict) -> str:
    """The province a figure is about, or its area for the country and regions."""
    return plain(row["province"] if isinstance(row["province"], str) else row["area"])


def _published(row: dict) -> str | None:
    published = row.get("source_publication_date")
    return f"{published:%d/%m/%Y}" if pd.notna(published) else None


def _source_text(row: dict) -> str:
    """A report in full: publisher · date · title · address."""
    parts = (row.get("source_publisher"), _published(row), row.get("source_title"), row.get("source_url"))
    return " · ".join(plain(part) for part in parts if isinstance(part, str) and part)


def _quote_lines(readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> list[str]:
    """Per point: where, when, the value, and the report's own words, quoted verbatim, with its report."""
    texts = labels.value_texts(readings, language)
    return [
        f"{_place(row)} · {plain(row['period_text'])}: "
        f"{plain(text)} — “{plain(row['quote'])}” [{sources[_source_key(row)]}] {_source_text(row)}"
        for row, text in zip(readings.to_dict("records"), texts, strict=True)
    ]


def _text_box(
    slide: object, box: tuple, lines: Sequence[str], size: int, bold: bool = False, name: str | None = None
) -> object:
    shape = slide.shapes.add_textbox(*box)
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.TOP
    for index, line in enumerate(lines):
        _run(frame.paragraphs[0] if index == 0 else frame.add_paragraph(), line, size, bold)
    return shape


def _run(paragraph: object, text: str, size: int, bold: bool = False) -> object:
    run = paragraph.add_run()
    run.text = plain(text)
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT_NAME
    return run
