"""Printed lines joined back into paragraphs.

A PDF page and an OCR'd scan give text a printed line at a time, and the extractor ends a sentence at a line
break: a figure whose sentence wrapped onto the next line would lose the words that say what it counts. So
lines are joined with a space, and a paragraph ends where the print shows one: a wider gap than between lines,
a line that stops well short of the right margin (a heading, a paragraph's last line), or a line that opens a
list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list item or a numbered heading opens a paragraph of its own: "- ", "+ ", "• ", "1. ", "a) ", "II. ".
_ITEM_OPENING = re.compile(r"^(?:[-+•*–]\s|\d{1,2}[.)]\s|[a-zđ][.)]\s|[IVX]{1,5}[.)]\s)")
_SENTENCE_END = re.compile(r"[.!?:;…]$")
# Of a line's height: a gap wider than this between two lines is a paragraph break.
_PARAGRAPH_GAP = 0.7
# A line this far short of a full line ends its paragraph.
_SHORT_LINE = 0.85


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float


def paragraphs(lines: list[Line]) -> list[str]:
    """The paragraphs the lines make, in their order."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    left_margin = min(line.left for line in lines)
    widths = sorted(line.right - left_margin for line in lines)
    # A full line's width: most lines of a page are full, and one wide line (a header) must not set it.
    full = widths[int(0.9 * (len(widths) - 1))]
    found: list[list[str]] = [[lines[0].text.strip()]]
    for previous, line in zip(lines, lines[1:], strict=False):
        height = max(previous.bottom - previous.top, 1.0)
        gap = line.top - previous.bottom
        # Only the last line of a paragraph stops short of the margin: a heading, a sentence's end.
        ends_short = previous.right - left_margin < _SHORT_LINE * full
        if _ITEM_OPENING.match(line.text.strip()) or (
            (gap > _PARAGRAPH_GAP * height or ends_short) and not _continues(previous.text, line.text)
        ):
            found.append([])
        found[-1].append(line.text.strip())
    return [" ".join(paragraph) for paragraph in found]


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text whose paragraphs are separated by blank lines (Tesseract's output): each one's
    lines are joined, a list item still opens its own, and a paragraph that ends mid-sentence is joined to
    the next (Tesseract ends one at any line that stops short)."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if not line:
                continue
            if current and _ITEM_OPENING.match(line):
                found.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            paragraph = " ".join(current)
            if found and not _ITEM_OPENING.match(paragraph) and _continues(found[-1], paragraph):
                found[-1] = f"{found[-1]} {paragraph}"
            else:
                found.append(paragraph)
    return found


def _continues(previous: str, following: str) -> bool:
    """Whether a line carries on the sentence of the one before: that one ends without a stop and this one opens
    in lower case ("… của cả hệ thống chính" / "trị. Tỷ lệ …")."""
    following = following.strip()
    return not _SENTENCE_END.search(previous.strip()) and following[:1].islower()
