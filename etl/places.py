"""Find the places a report names ("huyện Kiến Xương", "xã Vũ Hòa", "tỉnh Long An", "toàn huyện").

Province names are checked against data/provinces.csv (the 63 units the reports use);
district and commune names are taken as written, since the maintained gazetteer of
current units no longer has districts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Administrative word -> area level. Cities under a province and towns count as districts.
KINDS = {
    "tỉnh": "province",
    "huyện": "district",
    "thị xã": "district",
    "quận": "district",
    "thành phố": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
}
# Up to six words after the administrative word; only the leading capitalised ones are the name.
_NAME = r"[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,5}"
_KIND = "|".join(sorted(KINDS, key=len, reverse=True))
# The administrative word is matched in any case, the name only when its syllables are capitalised;
# "xã hội" (society) is not a commune.
PLACE_PATTERN = re.compile(rf"(?<!\w)(?P<kind>(?i:{_KIND}))(?!\s+(?i:hội)\b)(?:[ \t]+(?P<name>{_NAME}))?")
_PLURAL = re.compile(r"(?i:các|những|mỗi|từng)\s+$")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    area: str | None  # None: the word alone ("toàn huyện"), meaning the report's own unit of that level
    level: str
    is_parent: bool  # "(huyện Kiến Xương)" after a commune names where it lies, not a new subject


def find_places(text: str, provinces: set[str]) -> list[PlaceMention]:
    """Every place mention, in text order, including bare province names such as "của Hải Dương"."""
    mentions = [mention for match in PLACE_PATTERN.finditer(text) if (mention := _mention(match, text))]
    mentions += _bare_provinces(text, provinces, [(m.start, m.end) for m in mentions])
    return _trim_names(sorted(mentions, key=lambda mention: mention.start))


def _mention(match: re.Match, text: str) -> PlaceMention | None:
    kind = match["kind"].lower()
    name = _capitalised_prefix(match["name"] or "")
    if name is None and (kind == "thành phố" or _PLURAL.search(text, max(0, match.start() - 12), match.start())):
        return None
    is_parent = text[max(0, match.start() - 1) : match.start()] == "("
    return PlaceMention(match.start(), match.end(), name, KINDS[kind], is_parent)


def _capitalised_prefix(words: str) -> str | None:
    name = []
    for word in words.split():
        if not word[0].isupper():
            break
        name.append(word)
    return " ".join(name) or None


def _trim_names(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """ "huyện Phú Tân Tăng Văn Nê" names the district Phú Tân, seen before, and a person."""
    seen: list[str] = []
    trimmed = []
    for mention in mentions:
        if mention.area:
            known = next((name for name in seen if mention.area.startswith(name + " ")), None)
            if known:
                mention = PlaceMention(mention.start, mention.start, known, mention.level, mention.is_parent)
            seen.append(mention.area)
        trimmed.append(mention)
    return trimmed


def _bare_provinces(text: str, provinces: set[str], taken: list[tuple[int, int]]) -> list[PlaceMention]:
    found = []
    for province in provinces:
        for match in re.finditer(rf"(?<!\w){re.escape(province)}(?!\w)", text):
            if not any(start <= match.start() < end for start, end in taken):
                is_parent = text[max(0, match.start() - 1) : match.start()] == "("
                found.append(PlaceMention(match.start(), match.end(), province, "province", is_parent))
    return found


def main_places(mentions: list[PlaceMention]) -> dict[str, str]:
    """The report's own unit at each level: the first named mention of that level."""
    main: dict[str, str] = {}
    for mention in mentions:
        if mention.area and mention.level not in main:
            main[mention.level] = mention.area
    return main
