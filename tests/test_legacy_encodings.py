"""Vietnamese text in TCVN3 (ABC) and VNI is converted to Unicode; Windows-1258 and unknown bytes are refused."""

from __future__ import annotations

import pytest

from app import labels
from etl.legacy_encodings import from_tcvn3, from_vni, is_syllable, likeliest
from etl.read_document import read_document
from etl.report_text import ReportTextError, read_report_text

# Written by hand from the encodings' tables: a sentence of a report as the ABC font (.VnTime) saves it …
TCVN3_SENTENCE = b"T\xfb l\xd6 h\xe9 ngh\xcco cu\xe8i n\xa8m 2023 c\xf1a Th\xb8i B\xd7nh l\xb5 2,15%, gi\xb6m 0,4%."
# … and as the VNI fonts (VNI-Times) save it: a vowel, then the character of its marks.
VNI_SENTENCE = "Tyû leä hoä ngheøo cuoái naêm 2023 cuûa Thaùi Bình laø 2,15%, giaûm 0,4%.".encode("cp1252")
UNICODE_SENTENCE = "Tỷ lệ hộ nghèo cuối năm 2023 của Thái Bình là 2,15%, giảm 0,4%."


def test_tcvn3_letters_are_read_as_unicode():
    assert from_tcvn3(b"\xae\xe5ng") == "đồng"
    assert from_tcvn3(b"Th\xb8i B\xd7nh") == "Thái Bình"
    assert from_tcvn3(TCVN3_SENTENCE) == UNICODE_SENTENCE


def test_vni_marks_join_their_vowel():
    assert from_vni("ñoàng".encode("cp1252")) == "đồng"
    assert from_vni("Haûi Döông".encode("cp1252")) == "Hải Dương"
    assert from_vni("ÑOÀNG THAÙP".encode("cp1252")) == "ĐỒNG THÁP"
    assert from_vni(VNI_SENTENCE) == UNICODE_SENTENCE


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TCVN3_SENTENCE, "TCVN3"),
        (VNI_SENTENCE, "VNI"),
        (UNICODE_SENTENCE.encode(), "UTF-8"),
        (UNICODE_SENTENCE.encode("utf-16"), "UTF-16"),  # Notepad's "Unicode", with its byte-order mark
    ],
)
def test_a_report_in_a_legacy_encoding_is_converted_and_says_from_what(data, encoding):
    report = read_report_text(data, "baocao.txt")
    assert report.text == UNICODE_SENTENCE
    assert report.encoding == encoding
    assert "TCVN3" in labels.text("report_read_from", "vi", encoding="TCVN3")


def test_mojibake_is_not_vietnamese():
    assert is_syllable("nghiêng") and is_syllable("Thái") and is_syllable("khuya")
    # The same sentences read with the wrong table: letters Vietnamese has no use for, or no syllable at all.
    assert not is_syllable("Tyû")
    assert not is_syllable("nghốo")
    assert not is_syllable("lờề")


def test_windows_1258_is_named_and_refused():
    # "Tỷ lệ hộ nghèo cuối năm của tỉnh là 2,15%": Windows-1258 writes most tones as a combining character
    # after the letter (0xD2 the hook, 0xF2 the dot below, 0xEC the acute, 0xCC the grave).
    data = b"Ty\xd2 l\xea\xf2 h\xf4\xf2 ngh\xe8o cu\xf4\xeci n\xe3m cu\xd2a ti\xd2nh la\xcc 2,15%"
    assert likeliest(data).encoding == "Windows-1258"
    with pytest.raises(ReportTextError, match="Windows-1258") as raised:
        read_report_text(data, "baocao.txt")
    assert raised.value.code == "legacy_encoding"
    assert "UTF-8" in labels.text("report_legacy_encoding", "vi", **raised.value.values)


def test_bytes_in_no_known_encoding_are_refused_not_loaded_as_mojibake():
    with pytest.raises(ReportTextError, match="nor Vietnamese in TCVN3, VNI or Windows-1258") as raised:
        read_report_text(bytes(range(0x80, 0x100)) * 3, "baocao.txt")
    assert raised.value.code == "not_utf8"


def test_too_few_accented_words_to_tell_are_refused():
    with pytest.raises(ReportTextError, match="too few accented words") as raised:
        read_report_text(b"Th\xb8i B\xd7nh 2023", "baocao.txt")
    assert raised.value.values == {"encoding": "TCVN3"}


def word_file_of(*paragraphs: str, cells: tuple[str, ...] = ()) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if cells:
        table = document.add_table(rows=1, cols=len(cells))
        for index, cell in enumerate(cells):
            table.cell(0, index).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# What a Word file or PDF typed in the ABC fonts gives a reader: the TCVN3 bytes shown as Windows-1252.
TCVN3_AS_SHOWN = TCVN3_SENTENCE.decode("cp1252")
VNI_AS_SHOWN = VNI_SENTENCE.decode("cp1252")


@pytest.mark.parametrize(("shown", "encoding"), [(TCVN3_AS_SHOWN, "TCVN3"), (VNI_AS_SHOWN, "VNI")])
def test_a_word_file_typed_in_a_legacy_font_is_converted_text_and_cells(shown, encoding):
    # A heading added later in Unicode is kept as it is.
    heading = "Báo cáo tổng kết"
    document = read_document(word_file_of(heading, shown, cells=(shown.split(" 2023")[0], "2,15%")), "bc.docx")
    assert document.text.split("\n")[:2] == [heading, UNICODE_SENTENCE]
    assert document.tables[0].rows[0][0].text == "Tỷ lệ hộ nghèo cuối năm"
    assert document.text[document.tables[0].rows[0][1].offset :].startswith("2,15%")
    assert document.converted_from == encoding


def test_a_pdf_typed_in_a_legacy_font_is_converted():
    from tests import made_documents as made

    if made.FONT is None:
        pytest.skip(made.NO_FONT)
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Body", fname=str(made.FONT))
    pdf.set_font("Body", size=11)
    pdf.multi_cell(0, 6, TCVN3_AS_SHOWN)
    document = read_document(bytes(pdf.output()), "bc.pdf")
    assert document.text == UNICODE_SENTENCE
    assert document.converted_from == "TCVN3"


@pytest.mark.parametrize(
    "text",
    [
        UNICODE_SENTENCE,
        # Latin letters Unicode Vietnamese shares with Windows-1252 read the same in VNI: no reason to convert.
        "Thái Bình là nghèo, Thái Bình là nghèo, Thái Bình là nghèo",
        "Café crème à la française, très élégant, déjà vu, à bientôt",
    ],
)
def test_a_unicode_or_western_file_is_left_as_it_is(text):
    document = read_document(word_file_of(text), "bc.docx")
    assert (document.text, document.converted_from) == (text, "")
