"""Reports in every form a user brings them, made at test time from one article of made-up figures.

The article and its table are invented for tests (no figure here is a province's real one). The same words are
written as plain text, a Word file, a PDF with a text layer, a scanned PDF (an image of the page, no text
layer), an Excel workbook and a news page with its site around it, so each reader can be scored against the
plain text.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)

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


def font_path() -> Path | None:
    return next((path for path in FONT_PATHS if path.exists()), None)


def plain_text() -> str:
    table_lines = [" | ".join(row) for row in TABLE]
    return "\n".join([TITLE, *PARAGRAPHS, TABLE_CAPTION, *table_lines])


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "Phòng Lao động - Thương binh và Xã hội huyện Tân Trụ"
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS[:2]:
        document.add_paragraph(paragraph)
    document.add_paragraph(TABLE_CAPTION)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for row_cells, row in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row_cells.cells, row, strict=True):
            cell.text = value
    for paragraph in PARAGRAPHS[2:]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục 1"
    sheet.append([TABLE_CAPTION])
    for row in TABLE:
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


def pdf_bytes() -> bytes:
    from fpdf import FPDF, FontFace

    pdf = FPDF()
    pdf.set_title(TITLE)
    pdf.add_page()
    pdf.add_font("body", fname=str(font_path()))
    pdf.set_font("body", size=12)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    for paragraph in PARAGRAPHS[:2]:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, TABLE_CAPTION, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(headings_style=FontFace(emphasis=None)) as table:
        for row in TABLE:
            cells = table.row()
            for value in row:
                cells.cell(value)
    for paragraph in PARAGRAPHS[2:]:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf_bytes(lines: tuple[str, ...] = PARAGRAPHS) -> bytes:
    """A page as a scanner gives it: an image of printed text at 300 dpi, with no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(font_path()), 40)
    y = 200
    for line in (TITLE, *lines):
        for part in _wrapped(line, 80):
            draw.text((180, y), part, font=font, fill=0)
            y += 64
        y += 24
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=300)
    return buffer.getvalue()


def _wrapped(line: str, width: int) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def news_page_html() -> str:
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
        "/tin/giam-ngheo-tan-tru.html": ("text/html; charset=utf-8", news_page_html().encode("utf-8")),
        "/files/bao-cao.pdf": ("application/pdf", pdf_bytes() if font_path() else b""),
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
