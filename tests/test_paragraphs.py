"""Printed lines (of a PDF page or an OCR'd scan) joined back into the paragraphs the extractor reads."""

from __future__ import annotations

from etl.paragraphs import Line, paragraphs, text_paragraphs


def printed(*texts_and_rights: tuple[str, float], gap: float = 2.0) -> list[Line]:
    """Lines 10 points high starting at the left margin, each ending at its right edge."""
    lines, top = [], 0.0
    for text, right in texts_and_rights:
        lines.append(Line(text, 50.0, right, top, top + 10.0))
        top += 10.0 + gap
    return lines


def test_a_wrapped_paragraph_is_one_and_a_heading_or_a_last_line_ends_one():
    lines = printed(
        ("I. KẾT QUẢ THỰC HIỆN", 200),
        ("Năm 2023, toàn tỉnh đã triển khai các giải pháp giảm nghèo, tỷ lệ", 500),
        ("hộ nghèo giảm còn 2,15%.", 240),
        ("Dư nợ tín dụng chính sách đạt 5.157 tỷ đồng, tăng so với cùng", 498),
        ("kỳ.", 80),
    )
    assert paragraphs(lines) == [
        "I. KẾT QUẢ THỰC HIỆN",
        "Năm 2023, toàn tỉnh đã triển khai các giải pháp giảm nghèo, tỷ lệ hộ nghèo giảm còn 2,15%.",
        "Dư nợ tín dụng chính sách đạt 5.157 tỷ đồng, tăng so với cùng kỳ.",
    ]


def test_a_list_item_and_a_wide_gap_open_a_paragraph_but_a_sentence_carries_on_over_a_short_line():
    lines = printed(("Kết quả như sau:", 500), ("- Hộ nghèo: 4.210 hộ;", 500), ("- Hộ cận nghèo: 3.100 hộ.", 500))
    assert paragraphs(lines) == ["Kết quả như sau:", "- Hộ nghèo: 4.210 hộ;", "- Hộ cận nghèo: 3.100 hộ."]
    full_lines = (("Tỷ lệ hộ nghèo của tỉnh giảm còn 2,15% và số hộ nghèo còn 4.210 hộ", 500), ("Năm 2024, …", 500))
    assert len(paragraphs(printed(*full_lines, gap=12))) == 2  # the space between two paragraphs
    assert len(paragraphs(printed(*full_lines, gap=2))) == 1
    carried = printed(("Tỷ lệ hộ nghèo của tỉnh giảm", 300), ("còn 2,15% vào cuối năm.", 500))
    assert paragraphs(carried) == ["Tỷ lệ hộ nghèo của tỉnh giảm còn 2,15% vào cuối năm."]


def test_ocr_paragraphs_are_joined_where_tesseract_cut_a_sentence():
    text = (
        "I. KẾT QUẢ\n\nNăm 2023, toàn tỉnh\nđã triển khai … của cả hệ thống chính\n\ntrị. Tỷ lệ hộ nghèo còn 2,15%.\n\n"
        "- Hộ nghèo: 4.210 hộ"
    )
    assert text_paragraphs(text) == [
        "I. KẾT QUẢ",
        "Năm 2023, toàn tỉnh đã triển khai … của cả hệ thống chính trị. Tỷ lệ hộ nghèo còn 2,15%.",
        "- Hộ nghèo: 4.210 hộ",
    ]
