"""Downloads of exactly the figures the filters select: CSV of any size, Excel up to EXCEL_ROWS.

The CSV is written by DuckDB straight from the query to a file and read back once, so a
million figures never become a DataFrame; it is UTF-8 with a byte-order mark, which is how
Excel recognises Vietnamese text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app import queries
from app.queries import Filters
from app.tables import headed, xlsx_bytes

# Excel files are built in memory cell by cell; past this many rows the CSV is the download to use.
EXCEL_ROWS = 100_000


def csv_download(filters: Filters, language: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="poverty-export-") as folder:
        path = Path(folder) / "figures.csv"
        queries.write_csv(filters, language, path)
        return path.read_bytes()


def excel_download(filters: Filters, language: str) -> bytes:
    """The matching figures as an .xlsx workbook; callers check count() <= EXCEL_ROWS first."""
    rows = queries.readable_rows(filters, language, offset=0, limit=EXCEL_ROWS)
    return xlsx_bytes(headed(rows, language))
