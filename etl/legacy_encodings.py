"""Vietnamese text saved in the encodings used before Unicode: recognise it, and convert TCVN3 and VNI.

Older provincial files were typed with the ABC fonts (.VnTime: TCVN 5712:1993, "TCVN3") or the VNI fonts
(VNI-Times: "VNI-Windows"). Neither is a codec Python knows, and read as Windows-1252 both turn into mojibake
("Tû lÖ hé nghÌo", "Tyû leä hoä ngheøo") whose figures would be proposed with no word around them that means
anything. So the bytes are tried in each encoding, and the reading whose words are Vietnamese syllables wins:
mojibake is full of letters Vietnamese has no use for (û, Ö, ø) or of syllables no one can pronounce.

- TCVN3 gives each precomposed lower-case letter one byte from 0xA1 to 0xFE. Its capitals with a tone were
  printed with a second font (.VnTimeH) on the same bytes, so in a plain text file they read as lower case:
  nothing in the bytes tells them apart. The bytes below 0xA0 are read as Windows-1252 punctuation.
- VNI writes a base letter followed by one character for its marks ("a" + "ù" is "á", "a" + "á" is "ấ"),
  and a few letters as one character of their own ("ñ" is "đ", "ö" is "ư", "ô" is "ơ", "í" is "í").
- Windows-1258 is a real code page (Python reads it), with combining tones; it is recognised and named, so
  that the reader is told to save the file as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TCVN3 = "TCVN3"
VNI = "VNI"
WINDOWS_1258 = "Windows-1258"
CONVERTIBLE = (TCVN3, VNI)
# Fewer Vietnamese words with accents than this, and a reading cannot be told from chance.
MINIMUM_WORDS = 3
# The share of accented words that must be Vietnamese syllables in the reading that is chosen.
MINIMUM_SHARE = 0.9


def _cp1252_character(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# TCVN 5712:1993 from 0xA0: the lower-case letters of TCVN3 (VN3) and the few capitals of VN1 between them.
# VN1's capitals at 0x80–0x9F are left out: the ABC fonts never used them, while a Word file typed in those fonts
# holds its curly quotes, dashes and bullets there, as Windows-1252 does.
_TCVN3_UPPER_HALF = {
    0xA0: "\u00a0", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ",
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323", 0xB5: "à", 0xB6: "ả",
    0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ",
    0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề", 0xC6: "ặ", 0xC7: "ầ",
    0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ",
    0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì",
    0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò",
    0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ",
    0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù",
    0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ",
    0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ", 0xFF: "Ố",
}  # fmt: skip
_TCVN3_TABLE = {byte: _TCVN3_UPPER_HALF.get(byte) or _cp1252_character(byte) for byte in range(256)}

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
# VNI-Windows, read as Windows-1252: the characters that follow a vowel and carry its marks, lower case after
# a lower-case vowel and upper case after a capital.
_VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRCUMFLEX, "á": _CIRCUMFLEX + _ACUTE, "à": _CIRCUMFLEX + _GRAVE, "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE, "ä": _CIRCUMFLEX + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
    "Ù": _ACUTE, "Ø": _GRAVE, "Û": _HOOK, "Õ": _TILDE, "Ï": _DOT,
    "Â": _CIRCUMFLEX, "Á": _CIRCUMFLEX + _ACUTE, "À": _CIRCUMFLEX + _GRAVE, "Å": _CIRCUMFLEX + _HOOK,
    "Ã": _CIRCUMFLEX + _TILDE, "Ä": _CIRCUMFLEX + _DOT,
    "Ê": _BREVE, "É": _BREVE + _ACUTE, "È": _BREVE + _GRAVE, "Ú": _BREVE + _HOOK, "Ü": _BREVE + _TILDE,
    "Ë": _BREVE + _DOT,
}  # fmt: skip
# VNI's letters of one character: đ, ơ, ư, the five toned i and ỵ (which take no mark after them).
_VNI_LETTERS = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_BASES = set("aeouyAEOUY") | {"ơ", "ư", "Ơ", "Ư"}

# A Vietnamese syllable without its tone: onset, vowels, final consonant.
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_VOWELS = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu "
    "yê iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu"
).split()
_CODA = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:{'|'.join(sorted(_VOWELS, key=len, reverse=True))})(?:{_CODA})?", re.IGNORECASE
)
_TONES = {_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT}
_WORD = re.compile(r"[^\W\d_]+")
# Punctuation around a word, which no legacy encoding uses for a letter.
_EDGE_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…"


@dataclass(frozen=True)
class Reading:
    encoding: str
    text: str
    syllables: int  # accented words that are Vietnamese syllables
    words: int  # accented words (any letter outside ASCII)

    @property
    def share(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def from_tcvn3(data: bytes) -> str:
    return unicodedata.normalize("NFC", "".join(_TCVN3_TABLE[byte] for byte in data))


def _windows_1252(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1 so that no byte is lost."""
    return "".join(_cp1252_character(byte) for byte in data)


# Each character back to the byte it was read from, as Windows-1252 (or Latin-1 for the bytes 0x80–0x9F).
_BYTE_OF = {_cp1252_character(byte): byte for byte in range(256)}
for _byte in range(0x80, 0xA0):
    _BYTE_OF.setdefault(chr(_byte), _byte)
# Letters only Unicode Vietnamese has (ă, đ, ơ, ư and every letter with a dot below or a hook): a text with one
# of them was written in Unicode, whatever else it holds.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def from_vni(data: bytes) -> str:
    return vni_text(_windows_1252(data))


def vni_text(text: str) -> str:
    """VNI text as Windows-1252 shows it ("Tyû leä"), in Unicode ("Tỷ lệ")."""
    characters: list[str] = []
    for character in text:
        if character in _VNI_MARKS and characters and characters[-1] in _VNI_BASES:
            characters[-1] = unicodedata.normalize("NFC", characters[-1] + _VNI_MARKS[character])
        elif character in _VNI_LETTERS:
            characters.append(_VNI_LETTERS[character])
        else:
            characters.append(character)
    # VNI writes a vowel's circumflex or breve and its tone in one character, so each base letter is composed
    # once above; NFC joins anything left.
    return unicodedata.normalize("NFC", "".join(characters))


def tcvn3_text(text: str) -> str:
    """TCVN3 text as Windows-1252 shows it ("Tû lÖ"), in Unicode ("Tỷ lệ"); other characters are kept."""
    converted = (_TCVN3_TABLE[_BYTE_OF[c]] if c in _BYTE_OF else c for c in text)
    return unicodedata.normalize("NFC", "".join(converted))


def converted_text(text: str, encoding: str) -> str:
    """A paragraph or cell that a reader decoded as Windows-1252, converted from `encoding`; one holding a
    letter only Unicode has was typed in Unicode (a heading added later) and is kept as it is."""
    if _UNICODE_VIETNAMESE.search(text):
        return text
    return tcvn3_text(text) if encoding == TCVN3 else vni_text(text)


def mojibake_encoding(text: str) -> str:
    """The legacy encoding ("TCVN3", "VNI") of a text a reader decoded as if it were Windows-1252 — a PDF, Word
    or Excel file typed in the ABC or VNI fonts gives "Tû lÖ hé nghÌo" — or "" when it is not such a text.

    Only the words a conversion changes count: an encoding is chosen when, converted, they are Vietnamese
    syllables, and more of them than the words that already are (on lines in Unicode, or Latin letters such as
    "Bình" that read the same either way)."""
    already = 0
    legacy: list[str] = []
    for line in text.split("\n"):
        words = [word.strip(_EDGE_PUNCTUATION) for word in line.split()]
        words = [word for word in words if word and not word.isascii()]
        if _UNICODE_VIETNAMESE.search(line):
            already += len(words)
        else:
            already += sum(is_syllable(word) for word in words)
            legacy += words
    best, best_syllables = "", 0
    for encoding in CONVERTIBLE:
        changed = [converted for word in legacy if (converted := converted_text(word, encoding)) != word]
        syllables = sum(is_syllable(word) for word in changed)
        if syllables >= MINIMUM_WORDS and syllables >= MINIMUM_SHARE * len(changed) and syllables > best_syllables:
            best, best_syllables = encoding, syllables
    return best if best_syllables > already else ""


def from_windows_1258(data: bytes) -> str | None:
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def is_syllable(word: str) -> bool:
    """Whether a word is a Vietnamese syllable: one tone at most, and onset, vowels and final in their places."""
    decomposed = unicodedata.normalize("NFD", word)
    if sum(character in _TONES for character in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None


def reading(encoding: str, text: str) -> Reading:
    accented = [word for word in _WORD.findall(text) if not word.isascii()]
    return Reading(encoding, text, sum(is_syllable(word) for word in accented), len(accented))


def readings(data: bytes) -> list[Reading]:
    """The bytes read in each legacy encoding, the likeliest first."""
    found = [reading(TCVN3, from_tcvn3(data)), reading(VNI, from_vni(data))]
    windows = from_windows_1258(data)
    if windows is not None:
        found.append(reading(WINDOWS_1258, windows))
    # On a tie Windows-1258 goes first: VNI read as Windows-1252 shares its plain Latin letters ("nghèo"), and
    # only VNI's mark characters after a vowel, which Windows-1258 reads as nonsense, tell the two apart.
    return sorted(
        found,
        key=lambda candidate: (candidate.share, candidate.syllables, candidate.encoding == WINDOWS_1258),
        reverse=True,
    )


def likeliest(data: bytes) -> Reading | None:
    """The legacy encoding the bytes seem to be in, or None when no reading gives Vietnamese words.

    A reading is kept when at least MINIMUM_SHARE of its accented words are Vietnamese syllables; whether it
    has enough of them (MINIMUM_WORDS) to be converted is the caller's question."""
    best = readings(data)[0]
    if best.syllables and best.share >= MINIMUM_SHARE:
        return best
    return None
