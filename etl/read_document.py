"""One entry for a report file of any form: what the bytes really are decides the reader, not the name.

The content is sniffed from its first bytes (and, for a ZIP, its parts) and compared with the extension: a
file whose extension lies about its content is refused, naming both, since a renamed file is either a mistake
the sender should know of or something meant to slip past a reader. Each form has its size limit, checked
before anything is unpacked or parsed. A PDF, Word or Excel file typed in the old ABC (TCVN3) or VNI fonts is
converted to Unicode, and a file with no text at all is refused rather than read as nothing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from etl import legacy_encodings, read_office, read_pdf, read_scan
from etl.archive_checks import archive_members, refuse_macros
from etl.documents import Document, DocumentBuilder, DocumentError, SourceDetails
from etl.report_text import MAX_REPORT_BYTES, ReportTextError, read_report_text

# A report's PDF, scan or Office file with its annexes is a few megabytes; a scan of fifty pages, twenty.
MAX_FILE_BYTES = 30 * 1024 * 1024
# A PDF's header may follow a little junk (the format allows 1 kB of it).
_PDF_HEADER_WINDOW = 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}

# Each extension and the content it promises.
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "ole2",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "ole2",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
    ".text": "text",
}
# What each content is called in a message: names of formats, the same in Vietnamese and English.
CONTENT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "ole2": "Word/Excel 97–2003 (.doc, .xls)",
    "image": "PNG/JPEG/TIFF",
    "zip": "ZIP",
    "text": "TXT",
}
MACRO_EXTENSIONS = {".docm", ".xlsm"}


def read_path(path: Path) -> Document:
    """A report file on disk; its size is checked before it is read."""
    try:
        if not path.is_file():
            raise FileNotFoundError(2, "no such file" if not path.exists() else "not a file")
        size = path.stat().st_size
        limit = MAX_REPORT_BYTES if EXTENSIONS.get(path.suffix.lower()) == "text" else MAX_FILE_BYTES
        if size > limit:
            raise too_large(str(path), size, limit)
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(
            f"{path}: cannot be read ({error.strerror}); check the file's name", "unreadable_file", name=str(path)
        ) from error
    return read_document(data, str(path))


def unsupported(name: str, extension: str) -> DocumentError:
    return DocumentError(
        f"{name}: files ending in {extension} are not read; load a PDF, a Word (.docx, .doc) or Excel (.xlsx) "
        "file, an image (.png, .jpg, .tiff) or text (.txt)",
        "unsupported",
        name=name,
        extension=extension,
    )


def too_large(name: str, size: int, limit: int) -> DocumentError:
    return DocumentError(
        f"{name}: {size:,} bytes is larger than the {limit:,}-byte limit for this kind of file; load the part of "
        "the report that holds the figures",
        "too_large",
        name=name,
        size=size,
        limit=limit,
    )


def read_document(data: bytes, name: str) -> Document:
    """The document in a report file's bytes; `name` is its file name, whose extension must match the content."""
    extension = Path(name).suffix.lower()
    promised = EXTENSIONS.get(extension)
    if extension and promised is None:
        raise unsupported(name, extension)
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty", "empty", name=name)
    if extension in MACRO_EXTENSIONS:
        raise DocumentError(
            f"{name}: the file holds macros, which are never opened here; save it without macros (as .xlsx or "
            ".docx) and load it again",
            "macros",
            name=name,
        )
    if len(data) > MAX_FILE_BYTES:
        raise too_large(name, len(data), MAX_FILE_BYTES)
    content = sniff(data, name)
    if promised is None:  # a name without an extension promises nothing: the content decides
        if content == "zip":
            raise unsupported(name, "(ZIP)")
        promised = content
    if content != promised:
        raise DocumentError(
            f"{name}: the name ends in {extension} but the file is {CONTENT_NAMES[content]}, not "
            f"{CONTENT_NAMES[promised]}; give it the right extension, or load the file you meant",
            "extension_mismatch",
            name=name,
            extension=extension,
            promised=CONTENT_NAMES[promised],
            found=CONTENT_NAMES[content],
        )
    if content == "text":
        return _read_text(data, name)
    if content == "image":
        return read_scan.read_image(data, name)
    if content == "pdf":
        document = read_pdf.read_pdf(data, name)
    elif content == "docx":
        document = read_office.read_docx(data, name)
    elif content == "xlsx":
        document = read_office.read_xlsx(data, name)
    elif extension == ".xls":
        raise DocumentError(
            f"{name}: old Excel files (.xls) are not read; open it in Excel or LibreOffice and save it as .xlsx",
            "old_excel",
            name=name,
        )
    else:
        document = read_office.read_doc(data, name)
    if not document.text.strip():
        raise DocumentError(
            f"{name}: no text was found in the file (blank pages, or only drawings); load the report's own file",
            "no_text",
            name=name,
        )
    return unicode_from_legacy_fonts(document)


def unicode_from_legacy_fonts(document: Document) -> Document:
    """A PDF, Word or Excel file typed in the ABC (TCVN3) or VNI fonts reads as "Tû lÖ hé nghÌo": its text,
    captions and cells are converted to Unicode, and the document says from which encoding."""
    encoding = legacy_encodings.mojibake_encoding(document.text)
    if not encoding:
        return document
    builder = DocumentBuilder()
    position = 0
    for table in sorted(document.tables, key=lambda table: table.start):
        for paragraph in document.text[position : table.start].split("\n"):
            builder.add_paragraph(legacy_encodings.converted_text(paragraph, encoding))
        builder.add_table(
            [[legacy_encodings.converted_text(cell.text, encoding) for cell in row] for row in table.rows],
            table.name,
            legacy_encodings.converted_text(table.caption, encoding),
        )
        position = table.end
    for paragraph in document.text[position:].split("\n"):
        builder.add_paragraph(legacy_encodings.converted_text(paragraph, encoding))
    converted = builder.build(document.details, ocr=document.ocr, unreadable_pages=document.unreadable_pages)
    return dataclasses.replace(converted, converted_from=encoding)


def sniff(data: bytes, name: str) -> str:
    """What the bytes are: "pdf", "docx", "xlsx", "ole2", "image", "zip" (another archive) or "text"."""
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        members = archive_members(data, name)  # refuses a zip bomb before anything else looks inside
        refuse_macros(members, name)
        if "[Content_Types].xml" in members:
            if any(member.startswith("word/") for member in members):
                return "docx"
            if any(member.startswith("xl/") for member in members):
                return "xlsx"
        return "zip"
    if data.startswith(_OLE2):
        return "ole2"
    if any(data.startswith(magic) for magic in _IMAGES):
        return "image"
    return "text"


def _read_text(data: bytes, name: str) -> Document:
    try:
        report = read_report_text(data, name)
    except ReportTextError as error:
        raise DocumentError(str(error), error.code, name=name, **error.values) from error
    # The text is kept exactly as decoded (no paragraph is re-joined): quotes are offsets into it.
    converted = report.encoding if report.encoding in legacy_encodings.CONVERTIBLE else ""
    return Document(report.text, (), SourceDetails(format="txt"), converted_from=converted)
