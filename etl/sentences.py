"""Find the sentence of a report that holds a quoted span."""

from __future__ import annotations

import re

# A sentence ends at a line break, or at . ! ? … followed by white space;
# "1.574" and "0,75%" hold separators but never end a sentence.
SENTENCE_END = re.compile(r"\n|[.!?…]+(?=\s)")


def sentence_at(text: str, start: int, end: int) -> str:
    """The whole sentence of `text` around the span start:end, stripped."""
    sentence_start = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        sentence_start = match.end()
    following = SENTENCE_END.search(text, end)
    sentence_end = following.end() if following else len(text)
    return text[sentence_start:sentence_end].strip()
