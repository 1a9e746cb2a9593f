"""A figure read from a table cell whose unit and scale are printed in a header, not in the cell.

A cell "4.210" under "Dư nợ (tỷ đồng)" is 4 210 000 000 VND, but its quote, the cell's text, reads as the count
4210. The row's note then carries a fixed phrase naming the header's words, "unit from the table header: tỷ
đồng"; the validator reads the quote followed by those words ("4.210 tỷ đồng") and requires that reading to give
exactly the row's value and unit. The phrase and its reading live here, used by etl/table_figures.py to write
it, by etl/validate.py to check it and by the review table to fill an emptied value from it.
"""

from __future__ import annotations

import re

from etl.parse_numbers import NumberReading, read_number

HEADER_UNIT_PHRASE = "unit from the table header:"
# The words run to the end of the note or to the next part of it (" · " or "; ").
_HEADER_UNIT = re.compile(re.escape(HEADER_UNIT_PHRASE) + r"\s*(?P<words>[^;·\n]+)")


def header_unit_note(words: str) -> str:
    """The part of a note saying the unit and scale come from a header: `words` as a number reader reads them
    after a number ("tỷ đồng", "%", "hộ")."""
    return f"{HEADER_UNIT_PHRASE} {words}"


def header_unit_words(note: str) -> str | None:
    """The header's unit words a note names, None when the note names none."""
    match = _HEADER_UNIT.search(note or "")
    return match["words"].strip() if match and match["words"].strip() else None


def reading_with_header(quote: str, note: str, language: str = "vi") -> NumberReading:
    """The one number of a quote, read with the unit words its note takes from a table header, if any.

    Raises NumberFormatError as read_number does."""
    words = header_unit_words(note)
    return read_number(f"{quote} {words}" if words else quote, language)
