"""What a file's own properties can propose for the source form: a date as ISO, an office as publisher."""

from __future__ import annotations

import re
from datetime import date, datetime

# Words that open the name of an office rather than a person: "UBND tỉnh …", "Sở Lao động …", "Ngân hàng
# Chính sách xã hội …", "Bảo hiểm xã hội …", "Cục Thống kê …", "Hội Liên hiệp Phụ nữ …".
_OFFICE_WORDS = re.compile(
    r"^(?:UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Sở|Bộ|Cục|Chi cục|Tổng cục|Ban|Văn phòng|Ngân hàng|NHCSXH|Chi nhánh|"
    r"Phòng giao dịch|Bảo hiểm|BHXH|Hội|Liên hiệp|Trung tâm|Viện|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Phòng)(?!\w)",
    re.IGNORECASE,
)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def names_an_office(name: str) -> bool:
    return _OFFICE_WORDS.match(name.strip()) is not None


def publisher_and_author(*names: str) -> tuple[str, str]:
    """The first of a file's author and company fields that names an office is its publisher; a person's
    name stays its author."""
    cleaned = [" ".join(name.split()) for name in names if name and name.strip()]
    publisher = next((name for name in cleaned if names_an_office(name)), "")
    author = next((name for name in cleaned if not names_an_office(name)), "")
    return publisher, author


def pdf_date(value: object) -> str:
    """A PDF date ("D:20240115093000+07'00'") as an ISO date, "" when it is missing or not a date."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", errors="replace")
    if not isinstance(value, str):
        return ""
    match = _PDF_DATE.match(value.strip())
    if match is None:
        return ""
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1)).isoformat()
    except ValueError:
        return ""


def iso_date(value: object) -> str:
    """A datetime of a Word or Excel file's properties as an ISO date, "" when there is none."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def text_value(value: object) -> str:
    """A metadata value as text: PDFs may give bytes (UTF-16 with its mark, or a single-byte encoding)."""
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            value = value.decode("utf-16", errors="replace")
        else:
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                value = value.decode("latin-1")
    return " ".join(value.split()) if isinstance(value, str) else ""
