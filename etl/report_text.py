"""Accept a report's text from a file or an upload, or say plainly why not."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from etl import legacy_encodings

MAX_REPORT_BYTES = 1_000_000  # a long news report is under 50 kB; a megabyte is surely not one


class ReportTextError(ValueError):
    """The bytes are not a usable report: empty, binary, not UTF-8 or too large.

    str() is the English message of the command line; `code` ("too_large", "binary", "not_utf8", "empty",
    "legacy_encoding") and `values` let the dashboard say the same in its reader's language."""

    def __init__(self, message: str, code: str, **values: object):
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class ReportText:
    text: str
    # What the bytes were read as: "UTF-8", "UTF-16", or the legacy encoding they were converted from ("TCVN3", "VNI"),
    # which the page says so that the reader checks the accents.
    encoding: str


def decode_report(data: bytes, name: str) -> str:
    return read_report_text(data, name).text


def read_report_text(data: bytes, name: str) -> ReportText:
    """A report's text from its bytes: UTF-8, or Vietnamese in TCVN3 or VNI converted to Unicode."""
    if len(data) > MAX_REPORT_BYTES:
        raise ReportTextError(
            f"{name}: {len(data):,} bytes is larger than the {MAX_REPORT_BYTES:,}-byte limit for a report",
            "too_large",
            size=len(data),
            limit=MAX_REPORT_BYTES,
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows Notepad's "Unicode": UTF-16 with its byte-order mark, full of zero bytes but text all the same.
        return _utf16_text(data, name)
    if b"\x00" in data:
        raise ReportTextError(
            f"{name}: this is a binary file, not text; save the report as plain UTF-8 text (.txt)", "binary"
        )
    try:
        text = data.decode("utf-8-sig")
        encoding = "UTF-8"
    except UnicodeDecodeError as error:
        text, encoding = _legacy_text(data, name, error)
    if not text.strip():
        raise ReportTextError(f"{name}: the report is empty", "empty")
    # Reports copied from different sites mix composed and decomposed accents; quotes must match either way.
    return ReportText(unicodedata.normalize("NFC", text.replace("\r\n", "\n")), encoding)


def _utf16_text(data: bytes, name: str) -> ReportText:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise ReportTextError(
            f"{name}: not UTF-8 text, and not readable as the UTF-16 its first bytes announce (byte {error.start}); "
            "save the report as UTF-8",
            "not_utf8",
            byte=error.start,
        ) from error
    if not text.strip():
        raise ReportTextError(f"{name}: the report is empty", "empty")
    return ReportText(unicodedata.normalize("NFC", text.replace("\r\n", "\n")), "UTF-16")


def _legacy_text(data: bytes, name: str, error: UnicodeDecodeError) -> tuple[str, str]:
    """The text of a file in a legacy Vietnamese encoding, converted; or the reason it cannot be."""
    found = legacy_encodings.likeliest(data)
    if found is None:
        raise ReportTextError(
            f"{name}: not UTF-8 text (byte {error.start} cannot be read), nor Vietnamese in TCVN3, VNI or "
            "Windows-1258; save the report as UTF-8",
            "not_utf8",
            byte=error.start,
        ) from error
    if found.encoding not in legacy_encodings.CONVERTIBLE:
        raise ReportTextError(
            f"{name}: not UTF-8 text; it seems to be Vietnamese in {found.encoding}, which is not read here; "
            "open it in a word processor and save it as UTF-8 text",
            "legacy_encoding",
            encoding=found.encoding,
        ) from error
    if found.syllables < legacy_encodings.MINIMUM_WORDS:
        raise ReportTextError(
            f"{name}: not UTF-8 text; it may be Vietnamese in {found.encoding}, but it has too few accented "
            "words to be sure; save the report as UTF-8 text",
            "unsure_encoding",
            encoding=found.encoding,
        ) from error
    return found.text, found.encoding
