"""A report in every form it arrives in — PDF, scanned PDF, image, Word, old Word, Excel, legacy text — is read
into the same document: its words, its tables cell by cell, what it says of itself; bad files are refused."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import labels
from etl import read_document as reading
from etl import read_scan
from etl.documents import Document, DocumentError
from etl.read_document import read_document, read_path
from tests import made_documents as made


def _needs(present: bool, reason: str) -> pytest.MarkDecorator:
    """Skip where a Debian package is missing; under CI, whose .ci/run installs them all, fail instead."""
    if not present and os.environ.get("CI"):
        return pytest.mark.usefixtures("_missing_in_ci")
    return pytest.mark.skipif(not present, reason=reason)


@pytest.fixture
def _missing_in_ci():
    pytest.fail("a Debian package the readers need is missing; .ci/run installs it with apt-get")


needs_font = _needs(made.FONT is not None, made.NO_FONT)
needs_ocr = _needs(
    shutil.which("tesseract") is not None,
    "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
)
needs_soffice = _needs(
    shutil.which("soffice") is not None, "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)


def cell_texts(document: Document, table: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row] for row in document.tables[table].rows]


def assert_cells_at_their_offsets(document: Document) -> None:
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.offset : cell.offset + len(cell.text)] == cell.text


def assert_in_reading_order(text: str, *parts: str) -> None:
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, [part for part, position in zip(parts, positions, strict=True) if position < 0]
    assert positions == sorted(positions)


def loosely(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


# --- PDF with a text layer ---------------------------------------------------------------------------------


@needs_font
def test_a_pdf_gives_its_paragraphs_its_tables_cell_by_cell_and_its_details():
    document = read_document(made.text_pdf(pages=2), "baocao.pdf")
    assert made.SENTENCE in document.text
    assert_in_reading_order(document.text, made.OPENING, made.CAPTION, "Hưng Hà | 3,12 | 2,48", made.CLOSING)
    assert len(document.tables) == 2
    first = document.tables[0]
    assert (first.name, first.caption) == ("Bảng 1 (trang 1)", made.CAPTION)
    assert document.tables[1].name == "Bảng 2 (trang 2)"
    assert cell_texts(document)[:2] == [made.HEADER, made.ROWS[0]]
    assert_cells_at_their_offsets(document)
    # A number of a table is read once, as its cell, never again as words of the page.
    assert document.text.count("3,12") == 2
    assert not document.ocr
    details = document.details
    assert (details.title, details.publisher, details.publication_date) == (
        "Báo cáo giảm nghèo năm 2023",
        "UBND tỉnh Thái Bình",
        "2024-01-15",
    )
    assert (details.format, details.pages) == ("pdf", 2)


@needs_font
def test_a_table_title_wrapped_over_two_lines_is_its_whole_caption():
    title = (
        "Bảng 3: Số hộ nghèo và hộ cận nghèo của các huyện, thị xã và thành phố trực thuộc tỉnh Thái Bình theo "
        "chuẩn nghèo đa chiều giai đoạn 2022-2025 (%)"
    )
    document = read_document(made.text_pdf(caption=title), "baocao.pdf")
    assert document.tables[0].caption == title
    assert title in document.text.split("\n")


@needs_font
def test_a_paragraph_wrapped_over_lines_is_one_sentence():
    document = read_document(made.text_pdf(), "baocao.pdf")
    # The opening and the sentence are one paragraph printed on two lines: no line break inside a sentence.
    assert f"{made.OPENING} {made.SENTENCE}" in document.text


@needs_soffice
def test_a_pdf_exported_from_word_keeps_headings_paragraphs_items_and_the_caption_apart(tmp_path):
    document = read_document(made.word_pdf(tmp_path), "baocao.pdf")
    paragraphs = document.text.split("\n")
    assert paragraphs[:2] == [made.HEADING, made.LONG_PARAGRAPH]
    # Word's bullet comes out of the PDF as a symbol font's private character: written "•", the item its own line.
    assert [f"• {item}" for item in made.BULLETS] == paragraphs[2:4]
    assert document.tables[0].caption == f"{made.CAPTION} {made.UNIT_LINE}"
    assert cell_texts(document)[1] == made.ROWS[0]
    assert paragraphs[-1] == made.CLOSING


def test_a_pdf_with_no_text_at_all_is_refused_not_read_as_nothing():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    with pytest.raises(DocumentError, match="no text") as raised:
        read_document(bytes(pdf.output()), "trang-trang.pdf")
    assert raised.value.code == "no_text"


@needs_font
def test_an_encrypted_pdf_is_refused_and_says_why():
    with pytest.raises(DocumentError, match="encrypted") as raised:
        read_document(made.encrypted_pdf(), "baocao.pdf")
    assert raised.value.code == "encrypted_pdf"
    assert "mật khẩu" in labels.text("document_encrypted_pdf", "vi", **raised.value.values)


@needs_font
def test_a_truncated_pdf_is_refused_as_damaged():
    data = made.text_pdf()
    with pytest.raises(DocumentError, match="damaged") as raised:
        read_document(data[: len(data) // 3], "baocao.pdf")
    assert raised.value.code == "corrupt_pdf"


def test_a_pdf_of_garbage_is_refused_as_damaged():
    with pytest.raises(DocumentError) as raised:
        read_document(b"%PDF-1.7\n" + bytes(range(256)) * 40, "baocao.pdf")
    assert raised.value.code == "corrupt_pdf"


@needs_font
def test_a_pdf_damaged_anywhere_is_read_or_refused_in_one_clear_line():
    import random

    data = made.text_pdf(pages=2)
    generator = random.Random(1)
    outcomes = set()
    for _ in range(20):
        damaged = bytearray(data)
        for _ in range(generator.randint(1, 20)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        try:
            read_document(bytes(damaged), "baocao.pdf")
            outcomes.add("read")
        except DocumentError as error:
            outcomes.add(error.code)
    assert "corrupt_pdf" in outcomes


# --- scans --------------------------------------------------------------------------------------------------


@needs_font
@needs_ocr
def test_a_scanned_pdf_is_read_by_ocr_with_its_figure():
    document = read_document(made.scanned_pdf(blank_pages=1), "scan.pdf")
    text = loosely(document.text)
    assert "2,15%" in text
    for words in ("tỷ lệ hộ nghèo", "thái bình", "năm 2023"):
        assert words in text
    assert document.ocr
    assert (document.details.format, document.details.pages) == ("pdf-scanned", 2)
    # The blank second page is named, not skipped in silence.
    assert document.unreadable_pages == (2,)


@needs_font
@needs_ocr
def test_a_pdf_whose_font_lost_its_unicode_table_is_read_by_ocr():
    # Without the table, the text layer gives glyph numbers ("(cid:28)") and other characters, not the words.
    data = made.text_pdf().replace(b"/ToUnicode", b"/NoUnicode")
    document = read_document(data, "baocao.pdf")
    assert document.ocr
    assert "2,15%" in document.text and "(cid:" not in document.text
    assert "tỷ lệ hộ nghèo" in loosely(document.text)


@needs_font
@needs_ocr
def test_an_image_is_read_by_ocr():
    document = read_document(made.image_file(made.SCANNED_LINES, "PNG"), "anh-chup.png")
    assert "2,15%" in document.text
    assert document.ocr and document.details.format == "image"


@needs_font
@needs_ocr
def test_a_page_scanned_sideways_is_turned_upright_before_it_is_read():
    buffer = io.BytesIO()
    made.page_image(made.SCANNED_LINES).rotate(90, expand=True).save(buffer, "PNG", dpi=(300, 300))
    document = read_document(buffer.getvalue(), "nghieng.png")
    assert "2,15%" in document.text
    assert "tỷ lệ hộ nghèo" in loosely(document.text)


@needs_font
@needs_ocr
def test_a_scanned_page_in_english_is_read_too():
    lines = ["The poverty rate of Long An fell to 2.15 percent in 2023,", "according to the provincial report."]
    document = read_document(made.image_file(lines, "PNG"), "english.png")
    assert "2.15 percent" in document.text and not document.unreadable_pages


@needs_font
@needs_ocr
def test_a_scan_with_nothing_on_it_is_refused_not_read_as_nothing():
    with pytest.raises(DocumentError, match="no text") as raised:
        read_document(made.scanned_pdf(lines=[]), "scan.pdf")
    assert raised.value.code == "no_text_ocr"
    assert "300 dpi" in labels.text("document_no_text_ocr", "en", **raised.value.values)


@needs_font
@needs_ocr
def test_an_image_too_large_to_be_a_page_is_refused_before_ocr(monkeypatch):
    monkeypatch.setattr(read_scan, "MAX_PIXELS", 1_000_000)  # the page below is 2481 × 3507 pixels
    monkeypatch.setattr(read_scan, "recognise", lambda image, name="": pytest.fail("the image was OCR'd"))
    with pytest.raises(DocumentError, match="too large") as raised:
        read_document(made.image_file(["x"], "PNG"), "anh.png")
    assert raised.value.code == "image_too_large"


@needs_font
@needs_ocr
def test_a_scan_of_more_pages_than_ocr_can_read_in_reasonable_time_is_refused(monkeypatch):
    monkeypatch.setattr(read_scan, "MAX_SCANNED_PAGES", 1)
    with pytest.raises(DocumentError, match="more than 1 scanned pages") as raised:
        read_document(made.scanned_pdf(blank_pages=1), "scan.pdf")
    assert raised.value.code == "too_many_scanned_pages"


def test_without_tesseract_a_scan_is_refused_naming_the_package(monkeypatch):
    def missing(config: str = "") -> list[str]:
        raise read_scan.pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(read_scan.pytesseract, "get_languages", missing)
    read_scan._languages.cache_clear()
    try:
        with pytest.raises(DocumentError, match="apt-get install tesseract-ocr tesseract-ocr-vie") as raised:
            read_scan.check_ocr("scan.pdf")
    finally:
        read_scan._languages.cache_clear()
    assert raised.value.code == "ocr_missing"


# --- Word ---------------------------------------------------------------------------------------------------


def test_a_word_file_keeps_paragraphs_and_tables_in_order_and_a_merged_cell_once():
    document = read_document(made.word_file(), "baocao.docx")
    assert_in_reading_order(document.text, made.OPENING, made.CAPTION, "Quỳnh Phụ | 2,87 | 2,05", made.CLOSING)
    table = document.tables[0]
    assert (table.name, table.caption) == ("Bảng 1", made.CAPTION)
    assert cell_texts(document)[-1] == ["Tổng cộng", "", "3,30", "2,61"]
    assert document.text.count("Tổng cộng") == 1
    assert_cells_at_their_offsets(document)
    details = document.details
    assert details.publisher == "Sở Lao động - Thương binh và Xã hội tỉnh Thái Bình"
    assert (details.title, details.publication_date, details.format) == (
        "Báo cáo giảm nghèo năm 2023",
        "2024-01-15",
        "docx",
    )


@needs_soffice
def test_an_old_word_file_is_converted_by_libreoffice(tmp_path):
    document = read_document(made.old_word_file(tmp_path), "baocao.doc")
    assert made.SENTENCE in document.text
    assert cell_texts(document)[1] == made.ROWS[0]
    assert document.details.format == "doc"


def test_without_libreoffice_an_old_word_file_is_refused_naming_the_package(monkeypatch):
    monkeypatch.setattr(reading.read_office.shutil, "which", lambda program: None)
    with pytest.raises(DocumentError, match="apt-get install libreoffice-writer-nogui") as raised:
        read_document(reading._OLE2 + b"\x00" * 600, "baocao.doc")
    assert raised.value.code == "doc_needs_libreoffice"


def zip_bomb(path_inside: str) -> bytes:
    """A ZIP dressed as an Office file whose one part unpacks to 20 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(path_inside, "w") as member:
            for _ in range(20):
                member.write(b"\x00" * 1024 * 1024)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "inside"), [("baocao.docx", "word/document.xml"), ("phuluc.xlsx", "xl/a.xml")])
def test_a_zip_bomb_dressed_as_office_is_never_unpacked(name, inside):
    data = zip_bomb(inside)
    assert len(data) < 100_000
    with pytest.raises(DocumentError, match="zip bomb") as raised:
        read_document(data, name)
    assert raised.value.code == "zip_bomb"
    assert name in labels.text("document_zip_bomb", "vi", **raised.value.values)


# --- Excel --------------------------------------------------------------------------------------------------


def test_every_sheet_of_a_workbook_is_a_table_with_numbers_written_the_vietnamese_way():
    document = read_document(made.workbook(), "phuluc.xlsx")
    assert [table.name for table in document.tables] == ["Trang tính «Phụ lục 1»", "Trang tính «Hộ nghèo»"]
    annex, counts = document.tables
    assert annex.caption == "Tỷ lệ hộ nghèo các huyện tỉnh Thái Bình (Kèm theo Báo cáo số 12/BC-UBND)"
    assert cell_texts(document, 0)[0] == made.HEADER
    # 0.0248 formatted as a percent is printed as Excel shows it, its fixed decimals too.
    assert cell_texts(document, 0)[1] == ["1", "Hưng Hà", "3,12%", "2,48%"]
    assert cell_texts(document, 0)[-1] == ["", "Tổng cộng", "3,30%", "2,61%"]
    # Years typed as numbers stay years; counts formatted with thousands group them with dots; decimals a comma.
    assert cell_texts(document, 1) == [
        ["Huyện", "2022", "2023", "Bình quân"],
        ["Hưng Hà", "4.512", "4.210", "4361,5"],
        ["Quỳnh Phụ", "1.402", "1.350", "1376"],
    ]
    assert_cells_at_their_offsets(document)
    assert (document.details.format, document.details.pages, document.details.author) == ("xlsx", 2, "Nguyễn Văn An")


def test_cell_numbers_read_back_to_their_value():
    from etl.parse_numbers import read_number
    from etl.read_office import cell_text

    for value, number_format in [
        (0.0215, "0.00%"),
        (4210, "General"),
        (4210, "#,##0"),
        (0.1 + 0.2, "General"),
        (1234567.891, "#,##0.00"),
        (3.3, "0.00"),
        (5_157_000_000_000.0, "#,##0"),  # đồng: 13 digits, every one kept
    ]:
        reading_back = read_number(cell_text(value, number_format))
        expected = value * 100 if "%" in number_format else value
        assert float(reading_back.value) == pytest.approx(expected, rel=1e-12)


def with_member_damaged(data: bytes, member: str) -> bytes:
    """The Office file with one part's XML cut short: the archive is sound, the part is not."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(buffer, "w") as copy:
        for info in original.infolist():
            content = original.read(info)
            copy.writestr(info, content[: len(content) // 2] if info.filename == member else content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "made_file", "member"),
    [("phuluc.xlsx", made.workbook, "xl/worksheets/sheet1.xml"), ("baocao.docx", made.word_file, "word/document.xml")],
)
def test_an_office_file_with_a_damaged_part_is_refused_as_damaged(name, made_file, member):
    with pytest.raises(DocumentError, match="damaged") as raised:
        read_document(with_member_damaged(made_file(), member), name)
    assert raised.value.code == "corrupt_office"


def test_a_macro_workbook_is_never_opened():
    with pytest.raises(DocumentError, match="macros") as raised:
        read_document(made.workbook(), "phuluc.xlsm")
    assert raised.value.code == "macros"
    # Renamed to .xlsx, the macros are still found inside.
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made.workbook())) as original, zipfile.ZipFile(buffer, "w") as copy:
        for member in original.infolist():
            copy.writestr(member, original.read(member))
        copy.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    with pytest.raises(DocumentError, match="macros"):
        read_document(buffer.getvalue(), "phuluc.xlsx")


# --- the file as a whole ------------------------------------------------------------------------------------


@needs_font
def test_a_file_whose_extension_lies_is_refused_naming_both():
    png = made.image_file(["x"], "PNG")
    with pytest.raises(DocumentError, match=r"ends in \.pdf but the file is PNG/JPEG/TIFF") as raised:
        read_document(png, "baocao.pdf")
    assert raised.value.code == "extension_mismatch"
    assert "PDF" in labels.text("document_extension_mismatch", "vi", **raised.value.values)
    with pytest.raises(DocumentError, match="Excel"):
        read_document(made.workbook(), "baocao.docx")


@pytest.mark.parametrize("name", ["baocao.pdf", "baocao.docx", "baocao.txt"])
def test_an_empty_file_is_refused(name):
    with pytest.raises(DocumentError, match="empty") as raised:
        read_document(b"", name)
    assert raised.value.code == "empty"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "baocao.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a file over the limit was read"))
    with pytest.raises(DocumentError, match="larger than the 1,000-byte limit") as raised:
        read_path(big)
    assert raised.value.code == "too_large"


@pytest.mark.parametrize("where", ["missing.pdf", "."])
def test_a_path_that_is_no_file_is_refused_by_name(tmp_path, where):
    with pytest.raises(DocumentError, match="cannot be read") as raised:
        read_path(tmp_path / where)
    assert raised.value.code == "unreadable_file"


def test_a_text_over_the_report_limit_is_refused():
    with pytest.raises(DocumentError, match="larger than") as raised:
        read_document(b"a" * 1_000_001, "baocao.txt")
    assert raised.value.code == "too_large"


def test_a_legacy_text_file_is_converted_and_says_from_what():
    document = read_document(b"T\xfb l\xd6 h\xe9 ngh\xcco cu\xe8i n\xa8m 2023 l\xb5 2,15%", "baocao.txt")
    assert document.text == "Tỷ lệ hộ nghèo cuối năm 2023 là 2,15%"
    assert (document.converted_from, document.details.format) == ("TCVN3", "txt")


def test_a_name_without_an_extension_is_read_as_its_content_says():
    document = read_document(made.word_file(), "baocao")
    assert document.details.format == "docx" and made.SENTENCE in document.text
    assert read_document("Tỷ lệ hộ nghèo 2,15%".encode(), "baocao").text == "Tỷ lệ hộ nghèo 2,15%"


def test_an_unknown_kind_of_file_is_refused():
    with pytest.raises(DocumentError, match="not read") as raised:
        read_document(b"PK\x03\x04", "baocao.odt")
    assert raised.value.code == "unsupported"


def test_every_error_code_has_words_in_both_languages():
    sources = "".join(path.read_text() for path in Path("etl").glob("*.py"))
    codes = set(re.findall(r'DocumentError\(\s*(?:f?"[^"]*"\s*)+,\s*"(\w+)"', sources))
    codes |= {"binary", "not_utf8", "legacy_encoding", "unsure_encoding", "empty", "too_large"}  # from text
    assert {"zip_bomb", "encrypted_pdf", "no_text_ocr", "macros", "extension_mismatch"} <= codes
    for code in codes:
        for language in labels.LANGUAGES:
            assert labels.TEXT[f"document_{code}"][language]


def test_the_reader_benchmark_measures_a_file_and_reports_it_beside_its_goal(tmp_path):
    from benchmarks.readers import measure_one, report

    path = tmp_path / "report.docx"
    path.write_bytes(made.word_file())
    result = measure_one(path)
    assert result["read_s"] > 0 and result["process_peak_mib"] > 0
    assert result["cells"] == 20
    slow = result | {"read_s": 20.0}
    text = report({"Word file (.docx)": [result], "30-page PDF with tables": [slow]}, rounds=1)
    assert "| Word file (.docx) |" in text
    assert "≤ 15 s: MISSED" in text


# The opening bytes of each form, and the extension that promises it: garbage behind a right opening reaches the
# reader itself. (An old .doc is left out: each would start LibreOffice.)
_OPENINGS = [
    (b"%PDF-1.4\n", ".pdf"),
    (b"PK\x03\x04", ".docx"),
    (b"PK\x03\x04", ".xlsx"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"II*\x00", ".tiff"),
    (reading._OLE2, ".xls"),
    (b"", ".txt"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_OPENINGS), st.binary(max_size=2048), st.sampled_from([".pdf", ".docx", ".txt", None]))
def test_any_bytes_are_read_or_refused_with_the_readers_own_error(opening, rest, other_extension):
    magic, extension = opening
    name = f"baocao{other_extension or extension}"
    try:
        document = read_document(magic + rest, name)
    except DocumentError as error:
        assert name in str(error)
        assert labels.text(f"document_{error.code}", "vi", **error.values)
    else:
        assert isinstance(document.text, str)
