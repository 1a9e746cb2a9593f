"""Reports made at test time in every form a report takes, for the readers' tests and benchmark.

Every figure here is made up (a test fixture, never data): the districts are real names so that the
gazetteer knows them, the numbers are not theirs.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
FONT = next((path for path in FONT_CANDIDATES if path.exists()), None)
NO_FONT = "no TrueType font with Vietnamese letters (fonts-dejavu-core or fonts-liberation2) is installed"

OPENING = "Báo cáo kết quả thực hiện chương trình giảm nghèo bền vững năm 2023 của tỉnh Thái Bình."
SENTENCE = "Tỷ lệ hộ nghèo cuối năm 2023 của tỉnh giảm còn 2,15%, thấp hơn năm trước."
CLOSING = "Nguồn vốn tín dụng chính sách đạt hơn 1,4 tỷ đồng cho các hộ cận nghèo."
# The opening and the sentence as a scanned page prints them, a line at a time.
SCANNED_LINES = [
    "Báo cáo kết quả thực hiện chương trình giảm nghèo bền vững",
    "năm 2023 của tỉnh Thái Bình. Tỷ lệ hộ nghèo cuối năm 2023 của",
    "tỉnh giảm còn 2,15%, thấp hơn năm trước.",
]
CAPTION = "Bảng 2: Tỷ lệ hộ nghèo các huyện (%)"
HEADER = ["STT", "Huyện", "Năm 2022", "Năm 2023"]
ROWS = [
    ["1", "Hưng Hà", "3,12", "2,48"],
    ["2", "Quỳnh Phụ", "2,87", "2,05"],
    ["3", "Kiến Xương", "4,01", "3,36"],
    ["", "Tổng cộng", "3,30", "2,61"],
]


def _font_path() -> str:
    if FONT is None:
        raise RuntimeError(NO_FONT)
    return str(FONT)


def text_pdf(
    pages: int = 1,
    title: str = "Báo cáo giảm nghèo năm 2023",
    author: str = "UBND tỉnh Thái Bình",
    repeat: int = 1,
    caption: str = CAPTION,
) -> bytes:
    """A PDF with a text layer: on each page a paragraph, a captioned table of districts by year, a paragraph;
    `repeat` times the paragraphs' sentences and the table's rows, for a page as full as a report's."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.add_font("Body", fname=_font_path())
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creation_date(datetime(2024, 1, 15, 9, 30))
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Body", size=11)
        opening = f"{OPENING} {SENTENCE}" if page == 1 else f"Trang {page}. {SENTENCE}"
        pdf.multi_cell(0, 6, " ".join([opening] + [LONG_PARAGRAPH] * (repeat - 1)))
        pdf.ln(4)
        pdf.multi_cell(0, 6, caption)
        with pdf.table(first_row_as_headings=True, line_height=7, headings_style=FontFace(emphasis="")) as table:
            for row in [HEADER, *ROWS * repeat]:
                table.row(row)
        pdf.ln(4)
        pdf.multi_cell(0, 6, " ".join([CLOSING] * repeat))
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    pdf.add_page()
    pdf.add_font("Body", fname=_font_path())
    pdf.set_font("Body", size=11)
    pdf.multi_cell(0, 6, SENTENCE)
    return bytes(pdf.output())


def page_image(lines: list[str], dpi: int = 300, size_points: int = 12):
    """An A4 page as a scanner gives it: black text on white, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(_font_path(), round(size_points * dpi / 72))
    y = dpi  # an inch of margin
    for line in lines:
        draw.text((dpi, y), line, font=font, fill=0)
        y += round(size_points * dpi / 72 * 1.6)
    return image


def scanned_pdf(lines: list[str] | None = None, blank_pages: int = 0, dpi: int = 300) -> bytes:
    """A scanned report: each page only an image (the first with `lines`, then blank ones)."""
    images = [page_image(lines if lines is not None else SCANNED_LINES, dpi)]
    images += [page_image([], dpi) for _ in range(blank_pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def image_file(lines: list[str], form: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    page_image(lines).save(buffer, form, dpi=(300, 300))
    return buffer.getvalue()


def word_file(macro: bool = False) -> bytes:
    """A .docx: a paragraph, the caption, the table of districts (its header's first two cells merged over
    two rows), a paragraph."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Báo cáo giảm nghèo năm 2023"
    document.core_properties.author = "Sở Lao động - Thương binh và Xã hội tỉnh Thái Bình"
    document.core_properties.created = datetime(2024, 1, 15, 9, 30)
    document.add_paragraph(f"{OPENING} {SENTENCE}")
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for row_index, row in enumerate([HEADER, *ROWS]):
        for column_index, value in enumerate(row):
            table.cell(row_index, column_index).text = value
    # "Tổng cộng" spans the STT and district columns: merged, it must be read once.
    merged = table.cell(len(ROWS), 0).merge(table.cell(len(ROWS), 1))
    merged.text = "Tổng cộng"
    document.add_paragraph(CLOSING)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HEADING = "I. KẾT QUẢ THỰC HIỆN"
LONG_PARAGRAPH = (
    "Năm 2023, toàn tỉnh đã triển khai đồng bộ các giải pháp giảm nghèo bền vững, huy động sự vào cuộc của cả hệ "
    "thống chính trị. Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2022-2025 giảm từ 2,87% xuống còn 2,15%, "
    "vượt kế hoạch đề ra; số hộ nghèo còn 4.210 hộ."
)
BULLETS = [
    "Tín dụng chính sách: dư nợ đạt 5.157 tỷ đồng, tăng 8,2% so với năm 2022, với 41.230 hộ còn dư nợ.",
    "Bảo hiểm y tế: 100% người nghèo được cấp thẻ.",
]
UNIT_LINE = "(Đơn vị: %)"


def styled_word_file() -> bytes:
    """A .docx as an office writes one: a heading, a paragraph of several lines, bulleted items (Word's
    bullet, a symbol font's glyph), a caption over two paragraphs (its title, then its unit), a bordered table."""
    import docx

    document = docx.Document()
    document.add_heading(HEADING, level=1)
    document.add_paragraph(LONG_PARAGRAPH)
    for item in BULLETS:
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph(CAPTION)
    document.add_paragraph(UNIT_LINE)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    table.style = "Table Grid"
    for row_index, row in enumerate([HEADER, *ROWS]):
        for column_index, value in enumerate(row):
            table.cell(row_index, column_index).text = value
    document.add_paragraph(CLOSING)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def workbook(percent_cells: bool = True) -> bytes:
    """An .xlsx of two sheets: «Phụ lục 1», two title rows above the table of districts (rates as numbers
    formatted as percents), and «Hộ nghèo», counts of households by year."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục 1"
    sheet.append(["Tỷ lệ hộ nghèo các huyện tỉnh Thái Bình"])
    sheet.append(["(Kèm theo Báo cáo số 12/BC-UBND)"])
    sheet.append(HEADER)
    for row in ROWS:
        values: list[object] = [int(row[0]) if row[0] else None, row[1]]
        for printed in row[2:]:
            number = float(printed.replace(",", "."))
            values.append(number / 100 if percent_cells else number)
        sheet.append(values)
        if percent_cells:
            for cell in sheet[sheet.max_row][2:]:
                cell.number_format = "0.00%"
    counts = book.create_sheet("Hộ nghèo")
    # Years as numbers in the header, as Excel users type them; counts formatted with thousands.
    counts.append(["Huyện", 2022, 2023, "Bình quân"])
    counts.append(["Hưng Hà", 4512, 4210, 4361.5])
    counts.append(["Quỳnh Phụ", 1402, 1350, 1376])
    for row in counts.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "#,##0"
    book.properties.title = "Phụ lục số liệu giảm nghèo"
    book.properties.creator = "Nguyễn Văn An"
    book.properties.created = datetime(2024, 2, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def old_word_file(folder: Path) -> bytes:
    """The Word file saved by LibreOffice as an old .doc (Word 97–2003)."""
    return converted(word_file(), "doc", folder)


def word_pdf(folder: Path) -> bytes:
    """The styled Word file exported to PDF by LibreOffice, as offices publish their reports."""
    return converted(styled_word_file(), "pdf", folder)


def converted(docx_data: bytes, form: str, folder: Path) -> bytes:
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    source = folder / "report.docx"
    source.write_bytes(docx_data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            form,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return (folder / f"report.{form}").read_bytes()


# An article of a district's results with a table of communes in the middle, in every form a user brings it:
# plain text, Word, a PDF with a text layer, a scan, an Excel annex and a news page with its site around it
# (menus, a price ticker, related links, comments, a footer), so that each reader is scored against its text.
TITLE = "Huyện Tân Trụ: kết quả giảm nghèo năm 2023 (bài thử nghiệm)"
PARAGRAPHS = (
    "Năm 2023, tỷ lệ hộ nghèo của huyện Tân Trụ giảm còn 1,27%, tỷ lệ hộ cận nghèo còn 2,05%.",
    "Đến cuối năm 2023, dư nợ cho vay của Ngân hàng Chính sách xã hội huyện đạt 512 tỷ đồng với 9.850 hộ còn dư nợ.",
    "Trong năm, huyện đã cấp 6.420 thẻ bảo hiểm y tế cho người nghèo và người cận nghèo.",
    "Kinh phí hỗ trợ xây dựng 87 căn nhà cho hộ nghèo là 4,35 tỷ đồng.",
)
TABLE_CAPTION = "Bảng 1: Tỷ lệ hộ nghèo các xã (%)"
TABLE = (
    ("STT", "Xã", "Năm 2022", "Năm 2023"),
    ("1", "Xã Bình Lãng", "2,41", "1,96"),
    ("2", "Xã Lạc Tấn", "1,88", "1,52"),
    ("", "Tổng cộng", "2,10", "1,70"),
)
# The site around the article: none of these numbers is a figure of the report.
SURROUNDINGS = {
    "menu": ("Thời sự", "Kinh tế 24h", "Top 10 điểm đến"),
    "ticker": ("Vàng SJC 84,50 triệu đồng/lượng", "Xăng RON95 23.450 đồng/lít"),
    "related": ("Giải ngân 1.234 tỷ đồng vốn đầu tư công", "Tỉnh có 3.456 doanh nghiệp mới"),
    "comments": ("Bạn đọc 7788: nhà tôi được hỗ trợ 40 triệu đồng", "Bạn đọc 9911: tôi có 99 thẻ"),
    "footer": ("Tòa soạn: 123 Hùng Vương, điện thoại 0272 3826 567", "Giấy phép số 45/GP-BTTTT"),
}


def docx_with_table(
    before: tuple[str, ...], caption: str, table: tuple[tuple[str, ...], ...], after: tuple[str, ...], title: str = ""
) -> bytes:
    """A Word file: a heading (when titled), paragraphs, a captioned table, paragraphs, in that order."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
        document.core_properties.author = "Phòng Lao động - Thương binh và Xã hội huyện Tân Trụ"
        document.add_heading(title, level=1)
    for paragraph in (*before, caption):
        document.add_paragraph(paragraph)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for cells, row in zip(grid.rows, table, strict=True):
        for cell, value in zip(cells.cells, row, strict=True):
            cell.text = value
    for paragraph in after:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def workbook_with_table(sheet_name: str, caption: str, table: tuple[tuple[str, ...], ...]) -> bytes:
    """An Excel annex: the caption in its first row, then the table, numbers as Excel holds them."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.append([caption])
    for row in table:
        sheet.append([_cell_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(value: str) -> object:
    """A number as Excel holds it ("2,41" is the number 2.41), words as they are."""
    try:
        return float(value.replace(",", ".")) if "," in value else int(value)
    except ValueError:
        return value


def pdf_with_table(
    before: tuple[str, ...], caption: str, table: tuple[tuple[str, ...], ...], after: tuple[str, ...], title: str = ""
) -> bytes:
    """A PDF with a text layer: a title (when given), paragraphs, a captioned ruled table, paragraphs."""
    from fpdf import FPDF, FontFace

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.add_page()
    pdf.add_font("body", fname=_font_path())
    pdf.set_font("body", size=12)
    for paragraph in (*((title,) if title else ()), *before, caption):
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(headings_style=FontFace(emphasis=None)) as grid:
        for row in table:
            cells = grid.row()
            for value in row:
                cells.cell(value)
    for paragraph in after:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def article_docx() -> bytes:
    return docx_with_table(PARAGRAPHS[:2], TABLE_CAPTION, TABLE, PARAGRAPHS[2:], title=TITLE)


def article_workbook() -> bytes:
    return workbook_with_table("Phụ lục 1", TABLE_CAPTION, TABLE)


def article_pdf() -> bytes:
    return pdf_with_table(PARAGRAPHS[:2], TABLE_CAPTION, TABLE, PARAGRAPHS[2:], title=TITLE)


def scanned_article_pdf() -> bytes:
    """The article as a scanner gives it: its title and paragraphs drawn as an image, no text layer."""
    return scanned_pdf([part for line in (TITLE, *PARAGRAPHS) for part in _wrapped(line, 62)])


def _wrapped(line: str, width: int) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def article_page_html() -> str:
    """The article on a provincial news site: menus, a price ticker, related links, comments and a footer."""

    def items(key: str) -> str:
        return "".join(f"<li><a href='/x{index}'>{text}</a></li>" for index, text in enumerate(SURROUNDINGS[key]))

    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    rows = "".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in TABLE)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{TITLE} - Báo Thử Nghiệm</title>
<meta property="og:site_name" content="Báo Thử Nghiệm"><meta name="author" content="Minh An">
<meta property="article:published_time" content="2024-01-15T09:40:00+07:00"></head><body>
<header><nav><ul>{items("menu")}</ul></nav><div class="ticker"><ul>{items("ticker")}</ul></div></header>
<main><article><h1>{TITLE}</h1><div class="meta">09:40 | 15/01/2024 · Minh An</div>
{paragraphs[: paragraphs.index("<p>Trong")]}<p>{TABLE_CAPTION}</p><table>{rows}</table>
{paragraphs[paragraphs.index("<p>Trong") :]}</article>
<section class="related"><h2>Tin liên quan</h2><ul>{items("related")}</ul></section>
<section class="comments"><h2>Bình luận</h2><ul>{items("comments")}</ul></section></main>
<footer><p>{SURROUNDINGS["footer"][0]}</p><p>{SURROUNDINGS["footer"][1]}</p></footer></body></html>"""


def site_pages() -> dict[str, tuple[str, bytes]]:
    """A provincial site on this machine: the article as a news page, the report as a PDF, a page with no article."""
    return {
        "/tin/giam-ngheo-tan-tru.html": ("text/html; charset=utf-8", article_page_html().encode("utf-8")),
        "/files/bao-cao.pdf": ("application/pdf", article_pdf() if FONT else b""),
        "/menu-only.html": (
            "text/html; charset=utf-8",
            b"<html><body><nav><a href='/'>Trang chu</a></nav></body></html>",
        ),
    }


@contextmanager
def serving(pages: dict[str, tuple[str, bytes]]) -> Iterator[str]:
    """Serve `pages` (path → content type, body) on 127.0.0.1; yields the site's address. Unknown paths are 404."""

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            found = pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            content_type, body = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *arguments: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# A ministry-style annex: the poverty rate of the five provinces by year, as a table alone in a Word file, an
# Excel workbook or a PDF. The values are made up.
PROVINCE_CAPTION = "Phụ lục: Tỷ lệ hộ nghèo các tỉnh giai đoạn 2021–2023 (%)"
PROVINCE_TABLE = (
    ("TT", "Tỉnh", "Năm 2021", "Năm 2022", "Năm 2023"),
    ("1", "Thái Bình", "2,31", "1,95", "1,62"),
    ("2", "Phú Thọ", "4,87", "4,12", "3,40"),
    ("3", "Hải Dương", "1,74", "1,40", "1,12"),
    ("4", "Long An", "1,66", "1,31", "0,98"),
    ("5", "An Giang", "3,05", "2,64", "2,20"),
)


def province_cells() -> list[tuple[str, int, str]]:
    """Every figure of the annex: (province, year, the cell as printed)."""
    years = [int(header.split()[-1]) for header in PROVINCE_TABLE[0][2:]]
    return [(row[1], year, cell) for row in PROVINCE_TABLE[1:] for year, cell in zip(years, row[2:], strict=True)]


def province_docx() -> bytes:
    return docx_with_table((), PROVINCE_CAPTION, PROVINCE_TABLE, ())


def province_workbook() -> bytes:
    return workbook_with_table("Phụ lục", PROVINCE_CAPTION, PROVINCE_TABLE)


def province_pdf() -> bytes:
    return pdf_with_table((), PROVINCE_CAPTION, PROVINCE_TABLE, ())
