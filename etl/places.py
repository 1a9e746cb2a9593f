"""Find the places a report names ("huyện Kiến Xương", "xã Vũ Hòa", "tỉnh Long An", "toàn huyện",
"cả nước", "Đồng bằng sông Cửu Long").

Province names are checked against data/provinces.csv (the 63 units the reports use), with or
without diacritics ("Phu Tho" in English editions); district and commune names are taken as
written, since the maintained gazetteer of current units no longer has districts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

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

COUNTRY = "Cả nước"
# The whole country, and the six socio-economic regions of data/provinces.csv as reports write them.
COUNTRY_WORDS = r"cả nước|toàn quốc|nationwide|the whole country|(?<=the )country(?='s| has| had| still)"
REGION_NAMES = {
    "Trung du và miền núi phía Bắc": r"trung du và miền núi phía bắc|northern midland and mountainous",
    "Đồng bằng sông Hồng": r"đồng bằng sông hồng|red river delta",
    "Bắc Trung Bộ và duyên hải miền Trung": r"bắc trung bộ(?: và duyên hải miền trung)?|north[- ]central",
    "Tây Nguyên": r"tây nguyên|central highlands",
    "Đông Nam Bộ": r"đông nam bộ|south[- ]?east(?:ern)? region",
    "Đồng bằng sông Cửu Long": r"đồng bằng sông cửu long|mekong delta",
}
_COUNTRY_OR_REGION = re.compile(
    "|".join([rf"(?P<country>{COUNTRY_WORDS})"] + [f"({pattern})" for pattern in REGION_NAMES.values()]),
    re.IGNORECASE,
)
# "Hà Nội, ngày 16 tháng 12 năm 2016": the place a document was signed, not what it is about.
_DATELINE = re.compile(r"\s*,\s*ngày\s+\d", re.IGNORECASE)


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
    mentions += _country_and_regions(text, [(m.start, m.end) for m in mentions])
    return _trim_names(sorted(mentions, key=lambda mention: mention.start))


def _country_and_regions(text: str, taken: list[tuple[int, int]]) -> list[PlaceMention]:
    found = []
    for match in _COUNTRY_OR_REGION.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if match["country"]:
            found.append(PlaceMention(match.start(), match.end(), COUNTRY, "country", False))
            continue
        names = list(REGION_NAMES)
        region = next(names[index] for index, group in enumerate(match.groups()[1:]) if group)
        found.append(PlaceMention(match.start(), match.end(), region, "region", False))
    return found


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
        for spelling in {province, without_diacritics(province)}:
            for match in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
                if any(start <= match.start() < end for start, end in taken) or _DATELINE.match(text, match.end()):
                    continue
                is_parent = text[max(0, match.start() - 1) : match.start()] == "("
                found.append(PlaceMention(match.start(), match.end(), province, "province", is_parent))
    return found


# The division word a name of the gazetteer starts with ("Thành phố Hà Nội", "Phường Đồng Hới").
_DIVISION_WORD = re.compile(r"^(?:Thành phố|Tỉnh|Phường|Xã|Đặc khu|Thị trấn)\s+")


@cache
def gazetteer_names() -> frozenset[str]:
    """The names of the current provinces and communes (package vietnam-provinces), without the division word."""
    units = [*Province.iter_all(), *Ward.iter_all()]
    return frozenset(_DIVISION_WORD.sub("", unit.name) for unit in units)


@cache
def syllables_after(first: str) -> frozenset[str]:
    """The second syllables, case-folded and also without diacritics, of the gazetteer's names that begin
    with the syllable `first`: for "Đồng", "tháp", "nai", "hới", "xoài" … ("Đồng Tháp", "Đồng Hới")."""
    found = set()
    for name in gazetteer_names():
        words = name.split()
        if len(words) > 1 and words[0] == first:
            found |= {words[1].casefold(), without_diacritics(words[1]).casefold()}
    return frozenset(found)


def without_diacritics(name: str) -> str:
    """ "Phú Thọ" -> "Phu Tho", as English editions write it."""
    stripped = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(character for character in stripped if unicodedata.category(character) != "Mn")


def main_places(mentions: list[PlaceMention]) -> dict[str, str]:
    """The report's own unit at each level: the one it names most often, the first on a tie.

    A province named once in passing (a visiting delegation, a comparison) does not outweigh the
    one the report keeps coming back to.
    """
    counts: dict[tuple[str, str], int] = {}
    for mention in mentions:
        if mention.area and mention.level not in ("country", "region"):
            counts[(mention.level, mention.area)] = counts.get((mention.level, mention.area), 0) + 1
    main: dict[str, str] = {}
    for (level, area), count in counts.items():  # in order of first mention
        if level not in main or count > counts[(level, main[level])]:
            main[level] = area
    return main
