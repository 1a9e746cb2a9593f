"""Accept a report's text from a file or an upload, or say plainly why not."""

from __future__ import annotations

import unicodedata

MAX_REPORT_BYTES = 1_000_000  # a long news report is under 50 kB; a megabyte is surely not one


class ReportTextError(ValueError):
    """The bytes are not a usable report: empty, binary, not UTF-8 or too large.

    str() is the English message of the command line; `code` ("too_large", "binary", "not_utf8", "empty")
    and `values` let the dashboard say the same in its reader's language."""

    def __init__(self, message: str, code: str, **values: object):
        super().__init__(message)
        self.code = code
        self.values = values


def decode_report(data: bytes, name: str) -> str:
    if len(data) > MAX_REPORT_BYTES:
        raise ReportTextError(
            f"{name}: {len(data):,} bytes is larger than the {MAX_REPORT_BYTES:,}-byte limit for a report",
            "too_large",
            size=len(data),
            limit=MAX_REPORT_BYTES,
        )
    if b"\x00" in data:
        raise ReportTextError(
            f"{name}: this is a binary file, not text; save the report as plain UTF-8 text (.txt)", "binary"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReportTextError(
            f"{name}: not UTF-8 text (byte {error.start} cannot be read); save the report as UTF-8",
            "not_utf8",
            byte=error.start,
        ) from error
    if not text.strip():
        raise ReportTextError(f"{name}: the report is empty", "empty")
    # Reports copied from different sites mix composed and decomposed accents; quotes must match either way.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
