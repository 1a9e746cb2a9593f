"""`python -m benchmarks.intake`: how each form of a report scores against the same article's plain text.

One made-up article (tests/made_documents.py) is read as a news page served on this machine with its site
around it, a Word file, a PDF with a text layer, a scanned PDF and an Excel annex, then proposed by
`extract_document`. Printed per form: the share of the figures its plain text gives that the form gives too,
the figures proposed from the page's surroundings (menus, prices, related links, comments, footer: none
should be), the table's cells proposed with the right value, place, year and topic, and the seconds from
the bytes to the proposals. A ministry-style annex of the five provinces by years is scored the same way as
Word, Excel and PDF. Printed, not asserted (tests/test_intake.py holds the goals as tests).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from etl.document_figures import extract_document
from etl.extract import extract, reference
from etl.intake import Intake, read_address, read_upload
from etl.paths import DATA_DIR
from tests import made_documents as made

PUBLISHED = date(2024, 1, 15)


def figures(rows: list[dict[str, str]]) -> set[tuple[Decimal, str]]:
    return {(Decimal(row["value"]).normalize(), row["unit"]) for row in rows}


def commune_cells(rows: list[dict[str, str]], categories: dict[str, str]) -> tuple[int, int]:
    """The article's table: its communes' cells right on value, commune, year and topic, and how many it has."""
    years = [int(header.split()[-1]) for header in made.TABLE[0][2:]]
    expected = [
        (row[1].removeprefix("Xã "), year, Decimal(cell.replace(",", ".")))
        for row in made.TABLE[1:]
        if row[0]  # the total row is no commune's
        for year, cell in zip(years, row[2:], strict=True)
    ]
    right = sum(
        any(
            row["area"].removeprefix("Xã ") == commune
            and row["period_end"][:4] == str(year)
            and Decimal(row["value"]) == value
            and categories.get(row["metric"]) == "poverty"
            for row in rows
        )
        for commune, year, value in expected
    )
    return right, len(expected)


def province_cells(rows: list[dict[str, str]], categories: dict[str, str]) -> tuple[int, int]:
    cells = made.province_cells()
    right = sum(
        any(
            row["area"] == province
            and row["period_end"][:4] == str(year)
            and Decimal(row["value"]) == Decimal(printed.replace(",", "."))
            and categories.get(row["metric"]) == "poverty"
            for row in rows
        )
        for province, year, printed in cells
    )
    return right, len(cells)


def surroundings(rows: list[dict[str, str]]) -> int:
    printed = " ".join(line for lines in made.SURROUNDINGS.values() for line in lines)
    return sum(row["quote"] in printed and row["quote"] not in " ".join(made.PARAGRAPHS) for row in rows)


def timed(read: Callable[[], Intake], provinces: set[str], categories: dict[str, str]) -> tuple[list, float]:
    started = time.perf_counter()
    document = read().document
    rows = extract_document(document, "benchmark", "Long An", PUBLISHED, provinces, categories)
    return rows, time.perf_counter() - started


def main() -> int:
    os.environ["POVERTY_ALLOW_LOCAL_FETCH"] = "1"  # the site is served on this machine
    provinces, categories = reference(DATA_DIR)
    plain = figures(extract("\n".join(made.PARAGRAPHS), "plain", "Long An", PUBLISHED, provinces, categories))
    print(f"The article's plain text gives {len(plain)} figures.\n")
    print("| form | figures of the plain text | from the surroundings | table cells right | seconds |")
    print("|---|---|---|---|---|")
    with made.serving(made.site_pages()) as site:
        forms: dict[str, Callable[[], Intake]] = {
            "news page with its site": lambda: read_address(f"{site}/tin/giam-ngheo-tan-tru.html"),
            "Word (.docx)": lambda: read_upload("bao-cao.docx", made.article_docx()),
            "PDF with a text layer": lambda: read_upload("bao-cao.pdf", made.article_pdf()),
            "scanned PDF (OCR)": lambda: read_upload("ban-quet.pdf", made.scanned_article_pdf()),
            "Excel annex (.xlsx, the table only)": lambda: read_upload("phu-luc.xlsx", made.article_workbook()),
        }
        for name, read in forms.items():
            rows, seconds = timed(read, provinces, categories)
            found = len(plain & figures(rows))
            right, cells = commune_cells(rows, categories)
            sentences = "—" if "Excel" in name else f"{found}/{len(plain)} ({found / len(plain):.0%})"
            table = "— (not read as a table)" if "scanned" in name else f"{right}/{cells} ({right / cells:.0%})"
            print(f"| {name} | {sentences} | {surroundings(rows)} | {table} | {seconds:.2f} |")
    print("\nThe five provinces by years (15 cells), a table alone:\n")
    print("| form | cells right (value, province, year, topic) | seconds |")
    print("|---|---|---|")
    annex = {
        "Word (.docx)": ("phu-luc.docx", made.province_docx),
        "Excel (.xlsx)": ("phu-luc.xlsx", made.province_workbook),
        "PDF": ("phu-luc.pdf", made.province_pdf),
    }
    for name, (file_name, make) in annex.items():
        rows, seconds = timed(
            lambda file_name=file_name, make=make: read_upload(file_name, make()), provinces, categories
        )
        right, cells = province_cells(rows, categories)
        print(f"| {name} | {right}/{cells} ({right / cells:.0%}) | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
