"""The proposed figures of a whole document: those of its sentences, and those of its tables cell by cell.

The sentence extractor (etl/extract.py) leaves the tables' text alone, since a table's numbers are read cell by
cell (etl/table_figures.py) with their headers; the two lists are numbered together in document order. A
document read by OCR says so in every proposal's note, for the reviewer to check the digits against the page.
"""

from __future__ import annotations

from datetime import date

from etl.documents import Document
from etl.extract import extract
from etl.periods import dateline
from etl.places import find_places, main_places
from etl.table_figures import OCR_NOTE, table_figures


def extract_document(
    document: Document,
    source_id: str,
    province: str | None,
    published: date | None,
    provinces: set[str],
    metric_categories: dict[str, str],
    language: str = "vi",
) -> list[dict[str, str]]:
    """The proposed figures of a document, as rows of data/facts.csv plus a confidence, numbered
    `<source_id>-01`, `-02` … in the order they stand in the document's text. Without a province or date given,
    the tables take those the text outside them names, as its sentences do."""
    if province is None:
        outside = [place for place in find_places(document.text, provinces) if not document.in_table(place.start)]
        province = main_places(outside).get("province")
    published = published or dateline(document.text)
    sentences = extract(
        document.text,
        source_id,
        province,
        published,
        provinces,
        metric_categories,
        language,
        skip=document.in_table,
    )
    tables = table_figures(document, source_id, province, published, provinces, metric_categories, language)
    # A figure a sentence states and a table repeats is proposed once, from the sentence, whose words qualify it.
    stated = {_figure(row) for row in sentences}
    tables = [row for row in tables if _figure(row) not in stated]
    rows = sorted(sentences + tables, key=lambda row: int(row["quote_offset"]))
    for number, row in enumerate(rows, start=1):
        row["fact_id"] = f"{source_id}-{number:02d}"
        if document.ocr:
            row["note"] = f"{row['note']}; {OCR_NOTE}" if row["note"] else OCR_NOTE
    return rows


_SAME_FIGURE = (
    "value",
    "unit",
    "metric",
    "beneficiary_group",
    "area",
    "area_level",
    "period_start",
    "period_end",
    "is_target",
)


def _figure(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[name] for name in _SAME_FIGURE)
