"""What every reader of a report gives the extractor: its text, its tables, and what it says of itself.

A report arrives as a web page, a PDF (with a text layer or scanned), a Word or Excel file, or plain text.
Each reader (`etl/read_*.py`) fills a `DocumentBuilder` in reading order — paragraphs and tables — and the
builder writes one plain text from them. That text is what is kept beside the report and what every quote is
checked against: a table is written a row a line, its cells joined by " | ", so that a figure read from a
cell is quoted verbatim at its offset like a figure of a sentence.

A reader that cannot read its input raises `DocumentError`, whose `code` and `values` let the page word the
same message in its reader's language (app/labels.py, keys "document_<code>").
"""

from __future__ import annotations

from dataclasses import dataclass, field

CELL_SEPARATOR = " | "


class DocumentError(ValueError):
    """The input is not a report that can be read: str() is the English line of the command line."""

    def __init__(self, message: str, code: str, **values: object):
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Cell:
    text: str  # as printed, white space folded
    offset: int  # where the cell's text starts in Document.text


@dataclass(frozen=True)
class Table:
    name: str  # how a quote names it: "Bảng 2 (trang 4)", "Trang tính «Phụ lục 1»"
    caption: str  # the words just above the table (its title, a unit, a date), "" when there are none
    rows: tuple[tuple[Cell, ...], ...]  # header rows first, as printed
    start: int  # the table's span in Document.text
    end: int


@dataclass(frozen=True)
class SourceDetails:
    """What the file or page says of itself, proposed for the source form: the reviewer confirms it."""

    title: str = ""
    publisher: str = ""  # a site's name, a PDF's or Word file's company/author field when it names an office
    author: str = ""
    publication_date: str = ""  # ISO date, "" when the document gives none
    url: str = ""
    format: str = ""  # "web", "pdf", "pdf-scanned", "image", "docx", "doc", "xlsx", "txt"
    pages: int | None = None  # pages of a PDF or Word file, sheets of a workbook


@dataclass(frozen=True)
class Document:
    text: str
    tables: tuple[Table, ...]
    details: SourceDetails
    ocr: bool = False  # the text was read by OCR from images: proposals say so
    # Pages (or images) whose OCR gave no usable text, numbered from 1: the page says so instead of proposing
    # nothing silently.
    unreadable_pages: tuple[int, ...] = ()
    # The legacy Vietnamese encoding a text file was converted from ("TCVN3", "VNI"), "" when there was none:
    # the page says so, for the reader to check the accents.
    converted_from: str = ""

    def in_table(self, offset: int) -> bool:
        """Whether an offset of the text falls in a table (whose figures are read cell by cell)."""
        return any(table.start <= offset < table.end for table in self.tables)


@dataclass
class DocumentBuilder:
    """Collects a document in reading order and writes its one text."""

    parts: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    length: int = 0

    def _append(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def add_paragraph(self, text: str) -> None:
        """A paragraph (or a page's text) as read; blank ones are skipped."""
        text = text.strip()
        if text:
            self._append(text)

    def add_table(self, rows: list[list[str]], name: str, caption: str = "") -> Table | None:
        """A table as a grid of cell texts, header rows first; cells are written a row a line, joined by " | ".

        Empty rows are dropped; a table with no non-empty cell is skipped (returns None)."""
        cleaned = [[" ".join((cell or "").split()) for cell in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return None
        start = self.length + (1 if self.parts else 0)
        lines: list[tuple[Cell, ...]] = []
        for row in cleaned:
            line_start = self.length + (1 if self.parts else 0)
            cells: list[Cell] = []
            position = line_start
            for index, cell in enumerate(row):
                if index:
                    position += len(CELL_SEPARATOR)
                cells.append(Cell(cell, position))
                position += len(cell)
            self._append(CELL_SEPARATOR.join(row))
            lines.append(tuple(cells))
        table = Table(name=name, caption=" ".join(caption.split()), rows=tuple(lines), start=start, end=self.length)
        self.tables.append(table)
        return table

    def build(self, details: SourceDetails, ocr: bool = False, unreadable_pages: tuple[int, ...] = ()) -> Document:
        return Document("".join(self.parts), tuple(self.tables), details, ocr, unreadable_pages)
