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
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
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
SOURCES_PER_SLIDE = 10
SOURCE_SIZE = 14
# A chart whose points come from more reports than this names them by number only under the chart; the
# sources slides give each in full, in a size that can be read from the back of a room.
SOURCES_UNDER_CHART = 5
# About as many characters of a 13-point note as one line across the slide holds.
NOTE_LINE_CHARACTERS = 120
FOOTNOTE_SIZE = 11
# Labels on a line chart: every point when two province lines at most hold this many points each, else the
# last point of each line; a label closer than LABEL_SPACING of the axis to one already placed in the same
# or the next year is left out (the value is in the table and the notes), so that no two labels overlap.
LABEL_EVERY_POINT = 12
LABEL_SPACING = 0.07
# Where the plot sits inside a line chart's frame (fractions), so that rules can be drawn at the years.
PLOT_AREA = {"x": 0.07, "y": 0.05, "w": 0.6, "h": 0.8}
# The legend in the column right of the plot, so that it covers neither the lines nor the years.
LEGEND_AREA = {"x": 0.7, "y": 0.05, "w": 0.3, "h": 0.9}
# PowerPoint's dash styles for the dash names of the screen's chart (Plotly's).
DASHES = {
    "dash": MSO_LINE_DASH_STYLE.DASH,
    "dot": MSO_LINE_DASH_STYLE.ROUND_DOT,
    "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT,
    "longdash": MSO_LINE_DASH_STYLE.LONG_DASH,
    "longdashdot": MSO_LINE_DASH_STYLE.LONG_DASH_DOT,
}
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
        *([cover.address] if cover.address else []),
    ]
    _text_box(slide, (MARGIN, Inches(2.8), SLIDE_WIDTH - 2 * MARGIN, Inches(3.8)), lines, 20)


def chart_slide(presentation: Presentation, chart: DeckChart, sources: dict[tuple, int], language: str) -> None:
    """A chart with its rules (a new poverty standard, the merger) drawn on it, its notes (breaks,
    disagreements), the reports behind its points underneath — in full when there are a few, by their numbers
    on the sources slides when there are more — and every point's quote in the speaker notes."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    width = SLIDE_WIDTH - 2 * MARGIN
    _text_box(slide, (MARGIN, Inches(0.25), width, Inches(0.8)), [chart.title], 26, bold=True)
    rows = chart.readings.to_dict("records")
    cited = sorted({sources[_source_key(row)]: row for row in rows}.items())
    footnote_height = Inches(0.3) if len(cited) > SOURCES_UNDER_CHART else Inches(0.22) * (len(cited) + 1)
    # A long note (why a bar stands in from another year) wraps: room for each of its lines.
    notes_height = Inches(0.28) * sum(-(-len(note) // NOTE_LINE_CHARACTERS) for note in chart.notes)
    bottom = SLIDE_HEIGHT - Inches(0.15) - footnote_height
    box = (MARGIN, Inches(1.05), width, bottom - notes_height - Inches(1.05))
    native_chart(slide, chart, box)
    if chart.rules:
        _draw_rules(slide, chart, box)
    if chart.notes:
        _text_box(slide, (MARGIN, bottom - notes_height, width, notes_height), chart.notes, 13)
    footnote = _text_box(slide, (MARGIN, bottom, width, footnote_height), [], FOOTNOTE_SIZE, name="footnote")
    paragraph = footnote.text_frame.paragraphs[0]
    _run(paragraph, labels.text("deck_sources", language, count=len(cited)) + " ", FOOTNOTE_SIZE, bold=True)
    in_full = len(cited) <= SOURCES_UNDER_CHART
    for number, row in cited:
        if in_full and number != cited[0][0]:
            paragraph = footnote.text_frame.add_paragraph()
        run = _run(paragraph, f"[{number}] {_short_source(row, language)}" if in_full else f"[{number}]", FOOTNOTE_SIZE)
        if str(row.get("source_url") or "").startswith(("http://", "https://")):
            run.hyperlink.address = plain(row["source_url"])
        if not in_full:
            _run(paragraph, " ", FOOTNOTE_SIZE)
    if not in_full:
        _run(paragraph, labels.text("deck_sources_see", language), FOOTNOTE_SIZE)
    slide.notes_slide.notes_text_frame.text = "\n".join(_quote_lines(chart.readings, sources, language))


def _draw_rules(slide: object, chart: DeckChart, box: tuple[Emu, Emu, Emu, Emu]) -> None:
    """A dotted vertical rule, with its note beside it, between the years where a standard changes or the
    provinces merged: on the chart itself, as on screen. The plot area's place is fixed (PLOT_AREA), and a line
    chart centres each year in an equal slot, so the rule before category i stands at i / n of the plot."""
    left, top, width, height = box
    plot_left = left + int(width * PLOT_AREA["x"])
    plot_top = top + int(height * PLOT_AREA["y"])
    plot_width, plot_height = int(width * PLOT_AREA["w"]), int(height * PLOT_AREA["h"])
    for order, (index, words) in enumerate(chart.rules):
        x = plot_left + int(plot_width * index / len(chart.categories))
        rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, plot_top, x, plot_top + plot_height)
        rule.name = "rule"
        rule.line.color.rgb, rule.line.width = RGBColor(0x55, 0x55, 0x55), Pt(1.75)
        rule.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
        # The note stands right of its rule, over the years it introduces; a rule near the plot's right edge
        # has its note on its left, ending at the rule, so that it is never squeezed into a narrow column.
        room = plot_left + plot_width - x - Inches(0.1)
        on_right = room >= Inches(1.4)
        note_width = room if on_right else Inches(2.4)
        note_left = x + Inches(0.05) if on_right else x - note_width - Inches(0.05)
        # A note on a rule's left (the merger, at the right edge) stands just above the plot, ending at its rule,
        # as on screen: inside the plot it would sit beside an earlier rule and be read as that rule's.
        note_top = plot_top + Inches(0.6) * order if on_right else plot_top - Inches(0.34)
        note = _text_box(slide, (note_left, note_top, note_width, Inches(0.3 if not on_right else 0.55)), [words], 11)
        if not on_right:
            for paragraph in note.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT
        note.name = "rule_note"


def _short_source(row: dict, language: str) -> str:
    """Publisher, date and the site the report is on: "VietNamNet 16/09/2025 vietnamnet.vn"."""
    site = urlsplit(str(row.get("source_url") or "")).netloc.removeprefix("www.")
    parts = (labels.publisher_name(row.get("source_publisher"), language), labels.source_date(row, language), site)
    return " ".join(plain(part) for part in parts if isinstance(part, str) and part) + _source_mark(row, language)


def _source_mark(row: dict, language: str) -> str:
    """ " (cơ quan báo cáo theo biểu mẫu)" after an office's answer to a data request, " (nguồn nước ngoài)" after a
    report cited for a point that only a foreign outlet gives (labels.source_mark)."""
    mark = labels.source_mark(row, language)
    return f" ({mark})" if mark else ""


def native_chart(slide: object, chart: DeckChart, box: tuple[Emu, Emu, Emu, Emu]) -> None:
    """The chart as PowerPoint's own: a line chart (years as categories) or clustered horizontal bars."""
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(plain(series.name), series.values)
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind == "line" else XL_CHART_TYPE.BAR_CLUSTERED
    drawn = slide.shapes.add_chart(kind, *box, data).chart
    if chart.kind == "line":
        _fix_plot_area(drawn)
    drawn.font.name, drawn.font.size = FONT_NAME, Pt(14)
    drawn.has_title = False  # the slide's title says what the chart is
    value_axis = drawn.value_axis
    value_axis.minimum_scale = chart.axis_minimum
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = "#,##0.##", False
    value_axis.has_title = bool(chart.axis_title)
    if chart.axis_title:
        value_axis.axis_title.text_frame.text = plain(chart.axis_title)
    if chart.kind == "line":
        _style_lines(drawn, chart.series)
    else:
        _style_bars(drawn, chart.series[0])


def _fix_plot_area(drawn: object) -> None:
    """Place the plot at PLOT_AREA inside the chart's frame (c:manualLayout, inner), with each year centred in
    its slot (c:crossBetween between), so that the rules drawn over the chart fall between the right years."""
    plot_area = drawn._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    _manual_layout(plot_area, PLOT_AREA, inner=True)
    for cross in plot_area.iter(qn("c:crossBetween")):
        cross.set("val", "between")


def _manual_layout(element: object, area: dict[str, float], inner: bool = False) -> None:
    """A chart element's c:layout set to `area` (fractions of the chart's frame)."""
    layout = element.find(qn("c:layout"))
    if layout is None:
        layout = OxmlElement("c:layout")
        # c:layout comes first in c:plotArea, and after c:legendPos and c:legendEntry in c:legend.
        anchors = element.findall(qn("c:legendEntry")) or element.findall(qn("c:legendPos"))
        if anchors:
            anchors[-1].addnext(layout)
        else:
            element.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = OxmlElement("c:manualLayout")
    tags = (("c:layoutTarget", "inner"),) if inner else ()
    for tag, value in (*tags, ("c:xMode", "edge"), ("c:yMode", "edge")):
        child = OxmlElement(tag)
        child.set("val", value)
        manual.append(child)
    for key in ("x", "y", "w", "h"):
        child = OxmlElement(f"c:{key}")
        child.set("val", str(area[key]))
        manual.append(child)
    layout.append(manual)


def _style_lines(drawn: object, series_list: Sequence[DeckSeries]) -> None:
    # A series never has a gap inside it: runs of consecutive years are series of their own, and the dotted
    # join over missing years another, so spanning blanks draws exactly the screen's lines.
    for blanks in drawn._chartSpace.xpath("c:chart/c:dispBlanksAs"):
        blanks.set("val", "span")
    drawn.has_legend = True
    # On the right, beside the plot: at the bottom a long legend would cover the years.
    drawn.legend.position, drawn.legend.include_in_layout = XL_LEGEND_POSITION.RIGHT, False
    drawn.legend.font.size = Pt(13)
    _hide_from_legend(drawn, [index for index, series in enumerate(series_list) if not series.in_legend])
    _manual_layout(drawn.legend._element, LEGEND_AREA)
    labelled = labelled_points(series_list)
    for index, (series, drawn_series) in enumerate(zip(series_list, drawn.plots[0].series, strict=True)):
        colour = RGBColor.from_string(series.colours[0].lstrip("#"))
        drawn_series.smooth = False
        line = drawn_series.format.line
        line.color.rgb = colour
        line.width = Pt(1.5 if series.connector else 2 if series.reference else 3.5)
        if series.dash in DASHES:
            line.dash_style = DASHES[series.dash]
        if series.connector:
            drawn_series.marker.style = XL_MARKER_STYLE.NONE
            continue
        drawn_series.marker.style = (
            XL_MARKER_STYLE.DIAMOND
            if series.diamond
            else XL_MARKER_STYLE.SQUARE
            if series.square
            else XL_MARKER_STYLE.CIRCLE
        )
        drawn_series.marker.size = 7 if series.reference else 9
        drawn_series.marker.format.fill.solid()
        drawn_series.marker.format.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if series.square else colour
        drawn_series.marker.format.line.color.rgb = colour
        for point, position in labelled.get(index, {}).items():
            _label(drawn_series, series, point, position, colour)


def labelled_points(series_list: Sequence[DeckSeries]) -> dict[int, dict[int, object]]:
    """Which points of which series get a label, and where (above or below), so that no two labels overlap.

    Only province lines are labelled (references are named in the legend). With at most two province lines
    of few points, every point is labelled, the higher line's above and the lower's below; otherwise the last
    point of each line. A label goes above its point, or below where the line is the lower one or above would
    cover a marker; it is left out when both would cover another series' marker or a label already placed in the
    same or the next year."""
    provinces = [
        (index, series) for index, series in enumerate(series_list) if not series.reference and not series.connector
    ]
    values = [value for _, series in provinces for value in series.values if value is not None]
    if not values:
        return {}
    counts: dict[str, int] = {}
    for _, series in provinces:
        counts[series.name] = counts.get(series.name, 0) + sum(value is not None for value in series.values)
    every = len(counts) <= 2 and max(counts.values()) <= LABEL_EVERY_POINT
    points = [
        (point, index) for index, series in provinces for point, value in enumerate(series.values) if value is not None
    ]
    if every:
        wanted = [(index, point, series_list[index].values[point]) for point, index in points]
    else:  # the last point of each line
        last = {series_list[index].name: (point, index) for point, index in sorted(points)}
        wanted = [(index, point, series_list[index].values[point]) for point, index in last.values()]
    # A label stands above or below its point, about `spacing` tall: it must cover neither another series' marker
    # in that year (a province's or the country's) nor a label already placed in the same or the next year.
    scale_top = max(value for series in series_list for value in series.values if value is not None) or 1
    reach, margin = LABEL_SPACING * scale_top, 0.35 * LABEL_SPACING * scale_top
    placed: dict[int, dict[int, object]] = {}
    taken: list[tuple[int, float, float]] = []  # (point, lowest, highest) of each label placed
    for index, point, value in sorted(wanted, key=lambda item: -item[2]):
        if point < len(series_list[index].off_scale) and series_list[index].off_scale[point]:
            # A point at the scale's top edge: its long "↑ off the scale" label stands right of it, in the space
            # above the legend, clear of the notes that stand above the plot at the rules.
            placed.setdefault(index, {})[point] = XL_LABEL_POSITION.RIGHT
            taken.append((point, value - margin, value + margin))
            continue
        markers = [
            other.values[point]
            for other_index, other in enumerate(series_list)
            if other_index != index and not other.connector and other.values[point] is not None
        ]
        provinces_here = [
            marker
            for other_index, other in provinces
            if other_index != index
            for marker in [other.values[point]]
            if marker is not None
        ]
        below_first = bool(provinces_here) and every and value < max(provinces_here)
        positions = (XL_LABEL_POSITION.BELOW, XL_LABEL_POSITION.ABOVE)
        for position in positions if below_first else positions[::-1]:
            low, high = (
                (value - margin - reach, value - margin)
                if position == XL_LABEL_POSITION.BELOW
                else (value + margin, value + margin + reach)
            )
            covers_marker = any(low - margin < marker < high + margin for marker in markers)
            covers_label = any(
                abs(point - other_point) <= 1 and low < other_high and other_low < high
                for other_point, other_low, other_high in taken
            )
            if not covers_marker and not covers_label:
                taken.append((point, low, high))
                placed.setdefault(index, {})[point] = position
                break
    return placed


def _label(
    drawn_series: object, series: DeckSeries, point: int, position: object, colour: RGBColor, size: int = 12
) -> None:
    """A point's label: the value as the dashboard writes it in the language, qualifier included."""
    text = series.texts[point]
    if not text:
        return
    label = drawn_series.points[point].data_label
    label.position = position
    label.text_frame.text = ""
    run = _run(label.text_frame.paragraphs[0], text, size)
    run.font.color.rgb = colour


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
        point = drawn_series.points[index].format
        if index < len(series.hatched) and series.hatched[index]:
            # A reading of another year: hatched in the province's colour over white and outlined, as on screen.
            point.fill.patterned()
            point.fill.pattern = MSO_PATTERN.DARK_UPWARD_DIAGONAL
            point.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
            point.fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            point.line.color.rgb = RGBColor.from_string(colour.lstrip("#"))
            point.line.width = Pt(1.5)
            continue
        point.fill.solid()
        point.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    _label_points(
        drawn_series, series, XL_LABEL_POSITION.OUTSIDE_END, RGBColor(0x22, 0x22, 0x22), bar_label_size(series)
    )


def bar_label_size(series: DeckSeries) -> int:
    """The points of a bar's value label: as large as the bar is tall, so that the labels of forty bars on one
    slide never run into each other (a bar of a 5.3-inch plot is 380 / bars points tall)."""
    return max(7, min(12, int(0.7 * 380 / max(1, len(series.values)))))


def _label_points(drawn_series: object, series: DeckSeries, position: object, colour: RGBColor, size: int = 12) -> None:
    """Every bar labelled with its value as the dashboard writes it in the language, qualifier included."""
    for point, value in enumerate(series.values):
        if value is not None:
            _label(drawn_series, series, point, position, colour, size)


def table_slides(presentation: Presentation, readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> None:
    """The figures drawn, as tables of TABLE_ROWS_PER_SLIDE rows, each naming its report by number."""
    rows = _table_rows(readings.head(TABLE_ROWS), sources, language)
    headers = [
        labels.text(key, language)
        for key in ("place", "deck_period", "metric", "figure", "col_poverty_standard", "source")
    ]
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
    lines = [f"[{number}] {_source_text(row, language)}" for number, row in sorted(rows.items())]
    pages = _pages(lines, SOURCES_PER_SLIDE)
    for number, page in enumerate(pages, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
        title = labels.part_title(labels.text("deck_sources_title", language), number, len(pages))
        _text_box(slide, (MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7)), [title], 26, bold=True)
        _text_box(
            slide, (MARGIN, Inches(1.0), SLIDE_WIDTH - 2 * MARGIN, Inches(5.3)), page, SOURCE_SIZE, name="sources"
        )
        if number == len(pages):
            citation = labels.text(
                "deck_cite" if cover.address else "deck_cite_no_address",
                language,
                made_on=cover.made_on,
                address=cover.address,
            )
            _text_box(
                slide, (MARGIN, Inches(6.4), SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)), [citation], 13, name="citation"
            )


def _pages(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _table_rows(readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> list[list[str]]:
    texts = labels.value_texts(readings, language) if len(readings) else []
    return [
        [
            _place(row, language),
            plain(row["period_text"]),
            plain(f"{row[f'metric_label_{language}']} · {row[f'group_label_{language}']}"),
            plain(text),
            plain(_standard(row, language)),
            f"[{sources[_source_key(row)]}] {_short_source(row, language)}",
        ]
        for row, text in zip(readings.to_dict("records"), texts, strict=True)
    ]


def _table(slide: object, headers: list[str], rows: list[list[str]]) -> None:
    widths = (Inches(2.2), Inches(1.3), Inches(3.0), Inches(1.5), Inches(1.9), Inches(2.6))
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


def _standard(row: dict, language: str) -> str:
    """The poverty standard a figure is measured under ("—" for figures of other topics): without it, 2.5 % and
    8.45 % for An Giang in 2015 stand side by side unexplained."""
    standard = row.get(f"poverty_standard_label_{language}")
    return standard if isinstance(standard, str) and standard else "—"


def _place(row: dict, language: str) -> str:
    """The place a figure is about, named and marked as on screen (the merged province, a survey's rate, the
    country and regions in the language)."""
    return plain(labels.place_name(row, language))


def _source_text(row: dict, language: str) -> str:
    """A report in full: publisher · date (or its bounds) · title · address."""
    parts = (
        labels.publisher_name(row.get("source_publisher"), language),
        labels.source_date(row, language),
        row.get("source_title"),
        row.get("source_url"),
    )
    return " · ".join(plain(part) for part in parts if isinstance(part, str) and part) + _source_mark(row, language)


def _quote_lines(readings: pd.DataFrame, sources: dict[tuple, int], language: str) -> list[str]:
    """Per point: where, when, the value, and the report's own words, quoted verbatim, with its report."""
    texts = labels.value_texts(readings, language)
    return [
        f"{_place(row, language)} · {plain(row['period_text'])}: "
        f"{plain(text)} — “{plain(row['quote'])}” [{sources[_source_key(row)]}] {_source_text(row, language)}"
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
