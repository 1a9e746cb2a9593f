"""Word (.docx, and an old .doc through LibreOffice) and Excel (.xlsx) reports.

Word: the body's paragraphs and tables in the order they are printed; a merged cell is read once (in its first
row and column), so that a total spanning two columns is not counted twice. Excel: every sheet's used range is
one table named after its sheet, the title rows above it its caption. A cell holds a number, not its printed
form: it is written back the Vietnamese way the extractor reads ("4.210", "2,15", a percent-formatted 0,0215
as "2,15%"), keeping every digit that means something.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime, time
from decimal import Context, Decimal
from pathlib import Path
from xml.etree import ElementTree

import docx
import openpyxl
from docx.document import Document as WordDocument
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from etl.archive_checks import archive_members, refuse_macros
from etl.document_details import iso_date, publisher_and_author
from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails

LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"
# A report converts in a few seconds; LibreOffice's first start on a new profile takes a few more.
CONVERSION_TIMEOUT_SECONDS = 120
# A workbook of annexes holds thousands of cells; a million is a database export, not a report.
MAX_CELLS = 500_000
# A float holds any decimal of 15 significant digits exactly: past them is a computed cell's noise
# (0.1 + 0.2 = 0.30000000000000004), while a 13-digit amount of đồng keeps every digit.
SIGNIFICANT_DIGITS = 15
# The decimals a number format fixes: "0.00", "#,##0.0", "0.00%".
_FIXED_DECIMALS = re.compile(r"\.(0+)")
# Lines opening a table's title, and lines that only give its unit: the caption above a Word table.
_CAPTION_OPENING = re.compile(r"^(?:Bảng|Biểu|Phụ lục|Phụ biểu|Table)(?!\w)", re.IGNORECASE)
_UNIT_LINE = re.compile(r"^(?:\(|Đơn vị|ĐVT)", re.IGNORECASE)
# A paragraph longer than this above a table is text, not its title.
_CAPTION_LENGTH = 200
_APP_PROPERTIES = "docProps/app.xml"
_APP_PROPERTIES_BYTES = 100_000
_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def read_docx(data: bytes, name: str, form: str = "docx") -> Document:
    members = archive_members(data, name)
    refuse_macros(members, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors … on a damaged file
        raise _damaged("Word", name, error) from error
    try:
        return _read_word(document, data, form)
    except Exception as error:  # a damaged part may show only as it is read
        raise _damaged("Word", name, error) from error


def _damaged(kind: str, name: str, error: Exception) -> DocumentError:
    return DocumentError(
        f"{name}: the {kind} file is damaged and cannot be read ({type(error).__name__}); open it and save it again",
        "corrupt_office",
        name=name,
    )


def _read_word(document: WordDocument, data: bytes, form: str) -> Document:
    builder = DocumentBuilder()
    recent: list[str] = []  # the paragraphs just above the next table: its caption
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            builder.add_paragraph(text)
            recent = [*recent[-1:], text] if text else recent
        elif isinstance(block, WordTable):
            caption = _caption(recent)
            builder.add_table(_word_rows(block), f"Bảng {len(builder.tables) + 1}", caption)
            recent = []
    company, pages = _app_properties(data)
    properties = document.core_properties
    publisher, author = publisher_and_author(properties.author or "", company)
    return builder.build(
        SourceDetails(
            title=" ".join((properties.title or "").split()),
            publisher=publisher,
            author=author,
            publication_date=iso_date(properties.created),
            format=form,
            pages=pages,
        )
    )


def _caption(recent: list[str]) -> str:
    """The paragraph just above a table when it is short enough to title it, with the one before it when the
    last only gives a unit ("(Đơn vị: %)") and the one before opens with "Bảng"."""
    if not recent or len(recent[-1]) > _CAPTION_LENGTH:
        return ""
    if len(recent) == 2 and _UNIT_LINE.match(recent[-1]) and _CAPTION_OPENING.match(recent[0]):
        return f"{recent[0]} {recent[1]}"
    return recent[-1]


def _word_rows(table: WordTable) -> list[list[str]]:
    """A Word table's grid; a merged cell's text in its first row and column only, "" where it spans."""
    # The cell elements themselves are kept, not their id(): lxml makes a new proxy for an element no longer
    # referenced, and an id may then come back for another cell.
    seen: set[object] = set()
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            # python-docx gives a merged cell once for each grid column and row it spans, as the same element.
            element = cell._tc
            cells.append("" if element in seen else cell.text)
            seen.add(element)
        rows.append(cells)
    return rows


def _app_properties(data: bytes) -> tuple[str, int | None]:
    """The company and page count Word writes in docProps/app.xml, when it did."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(_APP_PROPERTIES).file_size > _APP_PROPERTIES_BYTES:
                return "", None  # a few hundred bytes in any real file: anything larger is not Word's
            root = ElementTree.fromstring(archive.read(_APP_PROPERTIES))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return "", None
    company = " ".join((root.findtext(f"{_EXTENDED}Company") or "").split())
    pages = (root.findtext(f"{_EXTENDED}Pages") or "").strip()
    return company, int(pages) if pages.isdigit() and int(pages) > 0 else None


def read_doc(data: bytes, name: str) -> Document:
    """An old Word file (.doc), converted to .docx by LibreOffice in a folder and profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentError(
            f"{name}: an old Word file (.doc) is read by converting it with LibreOffice, which is not installed; "
            f"install it with: apt-get install {LIBREOFFICE_PACKAGE}, or save the file as .docx",
            "doc_needs_libreoffice",
            name=name,
            command=f"apt-get install {LIBREOFFICE_PACKAGE}",
        )
    with tempfile.TemporaryDirectory(prefix="report-doc-") as folder:
        source = Path(folder) / "report.doc"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=CONVERSION_TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "HOME": folder},
            )
        except subprocess.TimeoutExpired as error:
            raise DocumentError(
                f"{name}: LibreOffice took more than {CONVERSION_TIMEOUT_SECONDS} s to convert the .doc file; "
                "save it as .docx and load that",
                "doc_conversion_failed",
                name=name,
            ) from error
        converted = Path(folder) / "report.docx"
        if not converted.exists():
            raise DocumentError(
                f"{name}: LibreOffice could not convert the .doc file (damaged, or not Word); save it as .docx "
                "and load that",
                "doc_conversion_failed",
                name=name,
            )
        return read_docx(converted.read_bytes(), name, form="doc")


def read_xlsx(data: bytes, name: str) -> Document:
    members = archive_members(data, name)
    refuse_macros(members, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises KeyError, ValueError, lxml errors … on a damaged file
        raise _damaged("Excel", name, error) from error
    try:
        return _read_book(book, name)
    except DocumentError:
        raise
    except Exception as error:  # the sheets are parsed only now, as they are read: damage shows here too
        raise _damaged("Excel", name, error) from error
    finally:
        book.close()


def _read_book(book: openpyxl.Workbook, name: str) -> Document:
    builder = DocumentBuilder()
    cells = 0
    for sheet in book.worksheets:
        rows: list[list[str]] = []
        for row in sheet.iter_rows():
            cells += len(row)
            if cells > MAX_CELLS:
                raise DocumentError(
                    f"{name}: the workbook has more than {MAX_CELLS:,} cells, more than any report's annex; "
                    "load the sheets that hold the figures",
                    "too_many_cells",
                    name=name,
                    limit=MAX_CELLS,
                )
            rows.append([cell_text(cell.value, getattr(cell, "number_format", "General")) for cell in row])
        _add_sheet(builder, sheet.title, _used_range(rows))
    properties = book.properties
    publisher, author = publisher_and_author(properties.creator or "", "")
    details = SourceDetails(
        title=" ".join((properties.title or "").split()),
        publisher=publisher,
        author=author,
        publication_date=iso_date(properties.created),
        format="xlsx",
        pages=len(book.worksheets),
    )
    return builder.build(details)


def _used_range(rows: list[list[str]]) -> list[list[str]]:
    """The rows and columns that hold something: a sheet's dimensions often run far past its table."""
    rows = [row for row in rows if any(row)]
    width = max((max(index for index, cell in enumerate(row) if cell) + 1 for row in rows), default=0)
    first = min((min(index for index, cell in enumerate(row) if cell) for row in rows), default=0)
    return [[*row[first:width], *[""] * (width - len(row))] for row in rows]


def _add_sheet(builder: DocumentBuilder, sheet: str, rows: list[list[str]]) -> None:
    """Title rows (one cell filled) above the first row of two cells or more are the table's caption."""
    opening = next((index for index, row in enumerate(rows) if sum(bool(cell) for cell in row) >= 2), None)
    if opening is None:  # a sheet of notes: a cell a paragraph
        for row in rows:
            builder.add_paragraph(" ".join(cell for cell in row if cell))
        return
    caption = " ".join(cell for row in rows[:opening] for cell in row if cell)
    builder.add_paragraph(caption)
    builder.add_table(rows[opening:], f"Trang tính «{sheet}»", caption)


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value written the Vietnamese way, as Excel shows it where that loses no digit.

    Thousands are grouped with dots only where the cell's format groups them (General shows 2022 and 4210 as
    they are: a year in a header stays a year), decimals take a comma, a format's fixed decimals are kept
    ("0.00": 3,30) but never round a digit away, and a percent-formatted 0.0215 is "2,15%". Every rendering
    reads back, through etl/parse_numbers.py, to the cell's value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # an error or overflow Excel shows as #NUM!: no figure
    if isinstance(value, int | float):
        # A format has up to four sections (positive; negative; zero; text): the first says how numbers look.
        shown = (number_format or "General").split(";")[0]
        number = _significant(value)
        percent = "%" in shown
        if percent:
            number *= 100
        decimals = len(match[1]) if (match := _FIXED_DECIMALS.search(shown)) else 0
        if -number.normalize().as_tuple().exponent < decimals:
            number = number.quantize(Decimal(1).scaleb(-decimals))
        else:
            number = number.normalize() if number != number.to_integral_value() else number.quantize(Decimal(1))
        written = _vietnamese(number, group="," in shown)
        return f"{written}%" if percent else written
    return " ".join(str(value).split())


def _vietnamese(number: Decimal, group: bool) -> str:
    """Dots between thousands (when `group`), a decimal comma, every digit of `number` kept."""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if group:
        whole = f"{int(whole):,}".replace(",", ".")
    return ("-" if number < 0 else "") + whole + (f",{fraction}" if fraction else "")


def _significant(value: int | float) -> Decimal:
    if isinstance(value, int):
        return Decimal(value)
    # repr gives the shortest decimal that reads back to the same float: 0.0215, not 0.02149999…
    return Context(prec=SIGNIFICANT_DIGITS).plus(Decimal(repr(value)))
