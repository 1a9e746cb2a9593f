"""A PDF report, page by page: its tables cell by cell, the text around them as paragraphs, scans by OCR.

pdfplumber finds each page's tables from their ruling lines; the page's characters inside a table's box are
read only as the table's cells, and the rest as paragraphs above, between and below the tables, so that no
number is read twice. A page with (almost) no text layer and something drawn on it is a scan: it is drawn as
an image and read by OCR (etl/read_scan.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Sequence

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page

from etl import read_scan
from etl.document_details import pdf_date, publisher_and_author, text_value
from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails
from etl.paragraphs import Line, paragraphs

# pdfminer logs a warning for every oddity of a damaged file (a font's box, an xref entry): the reader says
# in one line whether the file can be read, and the command line shows that line alone.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A report with its annexes runs to a few hundred pages at most; past this it is something else.
MAX_PAGES = 500
# A page with fewer letters than this in its text layer, and an image or drawing on it, is a scan.
SCAN_LETTERS = read_scan.MINIMUM_LETTERS
# A page on which more than this share of the characters are glyphs without a letter is read by OCR.
UNMAPPED_SHARE = 0.05
# Lines opening a table's title: the caption above a table runs from one of them to the table.
_CAPTION_OPENING = re.compile(r"^(?:Bảng|Biểu|Phụ lục|Phụ biểu|Table)(?!\w)", re.IGNORECASE)
# A title's lines: at most this many, at most this gap between them (in line heights; Word adds space after
# a paragraph, so a title and its unit line may stand apart).
_CAPTION_LINES = 3
_CAPTION_GAP = 1.5
_PRIVATE_USE_OPENING = re.compile(r"^[\ue000-\uf8ff]\s*")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# How far above a table (in line heights) its caption may be.
_CAPTION_DISTANCE = 3
# What word processors put in a PDF's title and author when the writer gave none.
_WORD_PROCESSOR_TITLE = re.compile(r"^Microsoft (?:Word|Excel) - ", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.(?:docx?|xlsx?|pdf|rtf|odt)$", re.IGNORECASE)
_ACCOUNT_NAMES = {"admin", "administrator", "user", "pc", "windows user", "microsoft", "owner", "may tinh", "máy tính"}


def read_pdf(data: bytes, name: str) -> Document:
    # pdfminer parses lazily and, on a damaged file, raises almost any kind of exception (its own, TypeError,
    # KeyError, struct.error …) at any point: each one means the same here, a PDF that cannot be read.
    try:
        pdf = pdfplumber.open(io.BytesIO(data), unicode_norm="NFC")
    except Exception as error:
        raise _open_error(error, name) from error
    try:
        return _read(pdf, data, name)
    except DocumentError:
        raise
    except Exception as error:
        raise _open_error(error, name) from error
    finally:
        # Closing parses the pages left unread: a damaged one would raise again over the message.
        with contextlib.suppress(Exception):
            pdf.close()


def _open_error(error: Exception, name: str) -> DocumentError:
    causes = [error, *getattr(error, "args", ())]
    if any(isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) for cause in causes):
        return DocumentError(
            f"{name}: the PDF is encrypted and needs a password to open; save or print it again without a "
            "password, or ask its sender for a copy without one",
            "encrypted_pdf",
            name=name,
        )
    return DocumentError(
        f"{name}: the PDF is damaged and cannot be read ({type(error).__name__}); download or export it again",
        "corrupt_pdf",
        name=name,
    )


def _read(pdf: pdfplumber.PDF, data: bytes, name: str) -> Document:
    page_count = len(pdf.pages)
    if page_count > MAX_PAGES:
        raise DocumentError(
            f"{name}: {page_count} pages is more than the {MAX_PAGES}-page limit for a report; load the part "
            "that holds the figures",
            "too_many_pages",
            name=name,
            pages=page_count,
            limit=MAX_PAGES,
        )
    builder = DocumentBuilder()
    scanned: list[int] = []
    unreadable: list[int] = []
    images: pypdfium2.PdfDocument | None = None
    for number, page in enumerate(pdf.pages, start=1):
        if _is_scan(page):
            if images is None:
                read_scan.check_ocr(name)
                images = pypdfium2.PdfDocument(data)
            scanned.append(number)
            if len(scanned) > read_scan.MAX_SCANNED_PAGES:
                raise read_scan.too_many_scanned_pages(name)
            if not read_scan.add_page_text(
                builder, read_scan.page_text(read_scan.render_page(images, number - 1), name)
            ):
                unreadable.append(number)
        else:
            _read_page(page, number, builder)
        # pdfplumber keeps every parsed page otherwise: a long report would be held whole in memory.
        page.close()
    if images is not None:
        images.close()
    if scanned and len(unreadable) == len(scanned) and not builder.parts:
        raise read_scan.no_text(name, len(scanned))
    fully_scanned = bool(scanned) and len(scanned) == page_count
    return builder.build(
        _details(pdf.metadata, page_count, "pdf-scanned" if fully_scanned else "pdf"),
        ocr=bool(scanned),
        unreadable_pages=tuple(unreadable),
    )


def _is_scan(page: Page) -> bool:
    """A page to read by OCR: (almost) no text layer and something drawn on it, or a text layer whose glyphs do
    not say which letters they are (a font without its Unicode table, read as "(cid:37)")."""
    letters = sum(char["text"].isalpha() for char in page.chars)
    if letters < SCAN_LETTERS and bool(page.images or page.curves or page.rects):
        return True
    unmapped = sum(char["text"].startswith("(cid:") for char in page.chars)
    return unmapped > UNMAPPED_SHARE * max(len(page.chars), 1)


def _inside(box: Sequence[float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _read_page(page: Page, number: int, builder: DocumentBuilder) -> None:
    tables = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    boxes = [table.bbox for table in tables]

    def outside_tables(item: dict) -> bool:
        if item.get("object_type") != "char":
            return True
        middle = ((item["x0"] + item["x1"]) / 2, (item["top"] + item["bottom"]) / 2)
        return not any(_inside(box, *middle) for box in boxes)

    lines = [
        Line(_without_symbols(line["text"]), line["x0"], line["x1"], line["top"], line["bottom"])
        for line in page.filter(outside_tables).extract_text_lines()
    ]
    upper = float("-inf")
    for table in tables:
        top = table.bbox[1]
        above = [line for line in lines if upper <= (line.top + line.bottom) / 2 < top]
        caption = _caption(above, top)
        for paragraph in paragraphs(above[: len(above) - len(caption)]):
            builder.add_paragraph(paragraph)
        caption_text = " ".join(line.text.strip() for line in caption)
        builder.add_paragraph(caption_text)
        builder.add_table(
            [list(row) for row in table.extract()], f"Bảng {len(builder.tables) + 1} (trang {number})", caption_text
        )
        upper = table.bbox[3]
    for paragraph in paragraphs([line for line in lines if (line.top + line.bottom) / 2 >= upper]):
        builder.add_paragraph(paragraph)


def _without_symbols(text: str) -> str:
    """A symbol font's glyphs come out as private-use characters (Word's bullet is U+F0B7): a bullet opening the
    line is written "•", so that it opens a list item; any other is dropped."""
    return _PRIVATE_USE.sub("", _PRIVATE_USE_OPENING.sub("• ", text.strip(), count=1))


def _caption(above: list[Line], table_top: float) -> list[Line]:
    """The lines just above a table that title it: the last line when it is near the table, with the lines
    before it back to one opening with "Bảng", "Biểu" or "Phụ lục" when it is close above (a title wrapped over
    lines, or followed by its unit, "(Đơn vị: %)"); none when the nearest line is far from the table."""
    if not above:
        return []
    last = above[-1]
    if table_top - last.bottom > _CAPTION_DISTANCE * max(last.bottom - last.top, 1.0):
        return []
    for index in range(len(above) - 1, max(len(above) - 1 - _CAPTION_LINES, -1), -1):
        line = above[index]
        if _CAPTION_OPENING.match(line.text.strip()):
            return above[index:]
        if index and line.top - above[index - 1].bottom > _CAPTION_GAP * max(line.bottom - line.top, 1.0):
            break  # a paragraph's gap: what is above it is not the title
    return [last]


def _details(metadata: dict, pages: int, form: str) -> SourceDetails:
    title = _WORD_PROCESSOR_TITLE.sub("", text_value(metadata.get("Title")))
    if _FILE_NAME.search(title):
        title = ""  # a file's name, not its title
    author = text_value(metadata.get("Author"))
    # The Creator field may name the office that made the file, or (mostly) the program that did.
    publisher, _ = publisher_and_author(author, text_value(metadata.get("Creator")))
    if author == publisher or author.casefold() in _ACCOUNT_NAMES:
        author = ""  # an office is the publisher, and a computer's account is nobody's name
    return SourceDetails(
        title=title,
        publisher=publisher,
        author=author,
        # A scan's file was made by the scanner on the day of scanning: no publication date of the report.
        publication_date=pdf_date(metadata.get("CreationDate")) if form == "pdf" else "",
        format=form,
        pages=pages,
    )
