"""Word and Excel files are ZIP archives: look inside one before any library opens it.

A small file can unpack to gigabytes (a "zip bomb"), and python-docx or openpyxl would fill the memory
trying. The sizes each member declares are checked first (zipfile never unpacks more than a member declares),
and a workbook or document with macros (a vbaProject.bin) is refused unopened: nothing in it is ever run.
"""

from __future__ import annotations

import io
import zipfile

from etl.documents import DocumentError

# A report's Word or Excel file unpacks to a few megabytes; its pictures may take tens.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
# XML compresses well (10–30 times); a large member packed far tighter than this is padding, not a report.
MAX_RATIO = 100
LARGE_MEMBER_BYTES = 10 * 1024 * 1024


def archive_members(data: bytes, name: str) -> list[str]:
    """The member names of a ZIP archive that is safe to unpack; refuse a damaged archive or a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentError(
            f"{name}: the file is damaged and cannot be opened ({error}); save or download it again",
            "corrupt_archive",
            name=name,
        ) from error
    unpacked = sum(member.file_size for member in members)
    bomb = (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or any(
            member.file_size > LARGE_MEMBER_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1)
            for member in members
        )
    )
    if bomb:
        raise DocumentError(
            f"{name}: the file would unpack to {unpacked:,} bytes in {len(members):,} parts, far more than any "
            "report (a zip bomb?); it was not opened",
            "zip_bomb",
            name=name,
            size=unpacked,
        )
    return [member.filename for member in members]


def refuse_macros(members: list[str], name: str) -> None:
    if any(member.rsplit("/", 1)[-1].casefold() == "vbaproject.bin" for member in members):
        raise DocumentError(
            f"{name}: the file holds macros, which are never opened here; save it without macros (as .xlsx or "
            ".docx) and load it again",
            "macros",
            name=name,
        )
