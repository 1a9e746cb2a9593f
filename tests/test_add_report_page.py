"""The Add-a-report page as a reviewer uses it: propose, correct cells, untick, add rows by "+" and by pasting
the figure as printed, save, withdraw. No state of the table raises; every message is in the page's language
and names the table's row and column; what is saved is what the table showed."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from etl import data_lock
from tests.helpers import read_csv, snapshot

# Written for these tests in the style of a provincial news site: a poverty rate, BHYT cards, a decree
# number the extractor must not take for a figure, and a count it misses ("640 người").
REPORT = """Phú Thọ: Tỷ lệ hộ nghèo cuối năm 2024 giảm còn 2,15%

Minh Anh 20/01/2025 - 09:15

Theo báo cáo của UBND tỉnh Phú Thọ, đến cuối năm 2024 tỷ lệ hộ nghèo toàn tỉnh giảm còn 2,15%, tỷ lệ hộ cận nghèo \
còn 3,9%.

Trong năm 2024, tỉnh đã cấp 45.600 thẻ BHYT cho người nghèo và người cận nghèo theo Nghị định số 146/2018/NĐ-CP, \
với tổng kinh phí hơn 1,4 tỷ đồng từ ngân sách tỉnh.

Ngân hàng Chính sách xã hội tỉnh đã giải ngân 920 tỷ đồng cho 18.700 lượt hộ nghèo và đối tượng chính sách vay vốn. \
Các huyện mở 24 lớp, có 640 người tham gia tập huấn.
"""
TITLE = "Phú Thọ: Tỷ lệ hộ nghèo cuối năm 2024 giảm còn 2,15%"
PUBLISHER = "Báo Phú Thọ (bài thử)"
PROVINCE = "Phú Thọ"
PUBLISHED = date(2025, 1, 20)
# What the extractor proposes, in the table's order (the rows the reviewer sees as Dòng 1 to 6).
PROPOSED = ["2,15%", "3,9%", "45.600", "hơn 1,4 tỷ đồng", "920 tỷ đồng", "18.700"]
# A figure the extractor misses, filled in by the reviewer.
MISSED = {
    "accept": True,
    "quote": "640",
    "value": "640",
    "unit": "count",
    "qualifier": "exact",
    "metric": "livelihood_training_participants",
    "beneficiary_group": "all",
    "area": PROVINCE,
    "area_level": "province",
    "province": PROVINCE,
    "period_start": "2024-01-01",
    "period_end": "2024-12-31",
    "period_label": "Trong năm 2024",
    "is_target": False,
}
WORDS = {
    "vi": {"propose": "Đề xuất số liệu", "save": "Lưu báo cáo và số liệu đã chọn", "row": "Dòng", "add": "Thêm"},
    "en": {"propose": "Propose figures", "save": "Save the report and the ticked figures", "row": "Row", "add": "Add"},
}


@pytest.fixture
def page(add_report_page):
    return add_report_page


def in_language(app, language: str):
    if language != "vi":
        app.radio(key="language").set_value(language).run()
    return app


def propose(app, language: str = "vi"):
    app.text_area(key="report_paste").set_value(REPORT)
    app.text_input(key="source_title").set_value(TITLE)
    app.text_input(key="source_publisher").set_value(PUBLISHER)
    app.selectbox(key="source_province").set_value(PROVINCE)
    app.date_input(key="source_published").set_value(PUBLISHED)
    click(app, WORDS[language]["propose"])
    assert [str(row) for row in table(app)["quote"]] == PROPOSED
    return app


def click(app, label: str):
    next(button for button in app.button if button.label.startswith(label)).click().run()
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def table(app):
    """The review table as the page hands it to the data editor (before the edits seeded below)."""
    [editor] = app.data_editor
    return editor.value


def edit(app, edited: dict | None = None, added: list | None = None, deleted: list | None = None) -> None:
    """What the browser's data editor reports after the reviewer's edits: cells changed by row position,
    rows added with "+", rows deleted."""
    [editor] = app.data_editor
    app.session_state[editor.key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }


def save(app, language: str = "vi"):
    return click(app, WORDS[language]["save"])


def said(app) -> str:
    """Everything the page says in its alerts and code blocks, as the browser shows it (the Markdown escapes
    that keep a reviewer's text inert taken away)."""
    shown = [*app.error, *app.warning, *app.info, *app.success, *app.code]
    return re.sub(r"\\(.)", r"\1", "\n".join(element.value for element in shown))


def saved(app) -> bool:
    """Whether the page says the report was saved (the note on who may edit is a success message too)."""
    words = ("Đã lưu và cập nhật cơ sở dữ liệu", "Saved; the database is rebuilt")
    return any(success.value.startswith(words) for success in app.success)


def saved_rows(data_dir: Path, before: int) -> list[dict[str, str]]:
    return read_csv(data_dir / "facts.csv")[before:]


# The table


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_review_table_opens_on_the_quote_and_the_figure(page, language):
    app = propose(in_language(page, language), language)
    [editor] = app.data_editor
    order = list(editor.proto.column_order)
    assert order[:3] == ["accept", "quote", "value"]
    assert {"unit", "qualifier", "metric", "beneficiary_group", "area", "area_level", "period_start"} <= set(order)
    assert "fact_id" not in order and "source_id" not in order  # derived when saving, never typed
    config = json.loads(editor.proto.columns)
    metric_options = {option["value"]: option["label"] for option in config["metric"]["type_config"]["options"]}
    assert metric_options["poverty_rate"] == {"vi": "Tỷ lệ hộ nghèo", "en": "Poverty rate"}[language]
    group_options = {
        option["value"]: option["label"] for option in config["beneficiary_group"]["type_config"]["options"]
    }
    assert group_options["poor"] == {"vi": "Hộ nghèo / người nghèo", "en": "Poor"}[language]
    level_options = {option["value"]: option["label"] for option in config["area_level"]["type_config"]["options"]}
    assert level_options["district"] == {"vi": "huyện", "en": "district"}[language]
    assert config["confidence"]["disabled"] is True
    assert config["metric"]["label"] == {"vi": "Chỉ tiêu", "en": "Metric"}[language]
    assert "146" not in set(table(app)["value"].astype(str))  # the decree number is no figure


# No state of the table raises


NA_CELLS = {"accept": None, "is_target": None, "value": None, "quote_offset": None, "merged_province": None}


@pytest.mark.parametrize(
    "edits",
    [
        {"added": [{}]},
        {"added": [dict(NA_CELLS)]},
        {"added": [{"quote": "640"}]},
        {"added": [{"accept": False}]},
        {"edited": {0: dict(NA_CELLS)}},
        {"edited": {0: {"period_start": None, "metric": None, "unit": None, "qualifier": None}}},
        {"edited": {1: {"quote_offset": 999999, "value": "-3"}}},
    ],
    ids=[
        "empty-added-row",
        "added-row-of-NA",
        "added-row-with-only-a-quote",
        "added-row-unticked",
        "NA-in-a-proposed-row",
        "emptied-cells",
        "offset-outside-the-text",
    ],
)
def test_no_state_of_the_table_raises(page, data_dir, edits):
    app = propose(page)
    edit(app, **edits)
    save(app)
    assert saved(app) or "Dòng" in said(app), said(app)


@pytest.mark.parametrize(
    "edits",
    [{"edited": {row: {"accept": False} for row in range(len(PROPOSED))}}, {"deleted": list(range(len(PROPOSED)))}],
    ids=["all-unticked", "all-deleted"],
)
def test_a_report_with_no_figure_left_is_refused_and_nothing_is_written(page, data_dir, edits):
    before = snapshot(data_dir)
    app = propose(page)
    edit(app, **edits)
    save(app)
    assert not saved(app)
    assert "không có số liệu nào được chọn" in said(app), said(app)
    assert snapshot(data_dir) == before


def test_an_empty_added_row_is_left_out_and_the_others_are_saved(page, data_dir):
    before = len(read_csv(data_dir / "facts.csv"))
    app = propose(page)
    edit(app, added=[{}, dict(NA_CELLS)])
    save(app)
    assert saved(app), said(app)
    assert [row["quote"] for row in saved_rows(data_dir, before)] == PROPOSED
    assert "Dòng 7" in said(app) and "Dòng 8" in said(app)  # said to be left out, not silently dropped


# What is saved is what the table showed


def test_the_reviewers_edits_are_what_is_saved(page, data_dir, database):
    before = len(read_csv(data_dir / "facts.csv"))
    app = propose(page)
    edit(
        app,
        edited={
            2: {"period_start": "2024-01-01", "period_end": "2024-06-30", "period_label": "6 tháng đầu năm 2024"},
            3: {"metric": "poverty_programme_spending", "note": "kinh phí do tỉnh chi"},
            4: {"accept": False},
        },
        added=[dict(MISSED), {}],
    )
    save(app)
    assert saved(app), said(app)
    rows = {row["quote"]: row for row in saved_rows(data_dir, before)}
    assert set(rows) == {"2,15%", "3,9%", "45.600", "hơn 1,4 tỷ đồng", "18.700", "640"}
    cards = rows["45.600"]
    assert (cards["period_start"], cards["period_end"], cards["period_label"]) == (
        "2024-01-01",
        "2024-06-30",
        "6 tháng đầu năm 2024",
    )
    assert rows["hơn 1,4 tỷ đồng"]["metric"] == "poverty_programme_spending"
    assert rows["hơn 1,4 tỷ đồng"]["note"] == "kinh phí do tỉnh chi"
    assert (rows["hơn 1,4 tỷ đồng"]["value"], rows["hơn 1,4 tỷ đồng"]["qualifier"]) == ("1400000000", "more_than")
    missed = rows["640"]
    assert missed["quote_offset"] == str(REPORT.index("640 người"))  # found in the text, not typed
    assert (missed["metric"], missed["is_target"], missed["value"]) == (
        "livelihood_training_participants",
        "false",
        "640",
    )
    source_id = missed["source_id"]
    assert len({row["fact_id"] for row in rows.values()}) == 6
    assert all(row["fact_id"].startswith(f"{source_id}-") for row in rows.values())
    [source] = [row for row in read_csv(data_dir / "sources.csv") if row["source_id"] == source_id]
    assert (source["publication_date"], source["province"]) == ("2025-01-20", PROVINCE)


def test_a_change_of_language_keeps_the_reviewers_edits(page, data_dir):
    before = len(read_csv(data_dir / "facts.csv"))
    app = propose(page)
    edit(app, edited={3: {"metric": "poverty_programme_spending"}, 4: {"accept": False}}, added=[dict(MISSED)])
    app.run()
    key = app.data_editor[0].key
    in_language(app, "en")  # new headers and choices: a new editor, which starts from the table as edited
    assert app.data_editor[0].key != key
    rows = table(app)
    assert rows.loc[4, "metric"] == "poverty_programme_spending" and not rows.loc[5, "accept"]
    assert rows.loc[7, "quote"] == "640"
    save(app, "en")
    assert saved(app), said(app)
    rows = {row["quote"]: row for row in saved_rows(data_dir, before)}
    assert set(rows) == {"2,15%", "3,9%", "45.600", "hơn 1,4 tỷ đồng", "18.700", "640"}
    assert rows["hơn 1,4 tỷ đồng"]["metric"] == "poverty_programme_spending"


def test_a_missed_figure_pasted_as_printed_becomes_a_row_to_complete(page, data_dir):
    before = len(read_csv(data_dir / "facts.csv"))
    app = propose(page)
    app.text_input(key="missed_figure").set_value("640 người")
    click(app, "Thêm")
    rows = table(app)
    assert len(rows) == len(PROPOSED) + 1
    added = rows.iloc[-1]
    assert (added["quote"], str(added["value"]), added["unit"], added["qualifier"]) == ("640", "640", "count", "exact")
    assert int(added["quote_offset"]) == REPORT.index("640 người")
    assert any("**640**" in markdown.value for markdown in app.markdown)  # in bold in the text, as proposals are

    app.text_input(key="missed_figure").set_value("700 người")
    click(app, "Thêm")
    assert "700 người" in said(app) and "không có trong báo cáo" in said(app)
    app.text_input(key="missed_figure").set_value("mở 24 lớp, có 640 người")
    click(app, "Thêm")
    assert "không phải một số" in said(app)
    assert len(table(app)) == len(PROPOSED) + 1

    completed = {key: MISSED[key] for key in ("metric", "beneficiary_group", "period_start", "period_end")}
    edit(app, edited={len(PROPOSED): completed | {"period_label": "Trong năm 2024"}})
    save(app)
    assert saved(app), said(app)
    assert saved_rows(data_dir, before)[-1]["quote"] == "640"


# Messages: in the page's language, naming the table's row and column


FORBIDDEN = ("facts.csv", "sources.csv", "field '", "expected one of", "bhxh_participants", "is_target", "period_end")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Dòng 3 · Chỉ tiêu: chưa điền", "Dòng 2 · Giá trị"]),
        ("en", ["Row 3 · Metric: is empty", "Row 2 · Value"]),
    ],
)
def test_the_pages_own_checks_name_the_row_and_column(page, data_dir, language, expected):
    before = snapshot(data_dir)
    app = propose(in_language(page, language), language)
    edit(app, edited={2: {"metric": None}, 1: {"value": "3,9"}})
    save(app, language)
    message = said(app)
    assert all(part in message for part in expected), message
    assert not any(word in message for word in FORBIDDEN), message
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Dòng 2 · Đến ngày", "Dòng 3 · Giá trị: 45000 khác 45600", "Dòng 7 · Chỉ tiêu: trùng", "Dòng 1"]),
        ("en", ["Row 2 · To", "Row 3 · Value: 45000 differs from 45600", "Row 7 · Metric: the same figure as Row 1"]),
    ],
)
def test_the_validators_problems_name_the_row_and_column(page, data_dir, language, expected):
    before = snapshot(data_dir)
    app = propose(in_language(page, language), language)
    first = table(app).iloc[0]
    again = {
        "accept": True,
        "quote": "2,15%",
        "quote_offset": REPORT.index("2,15%", int(first["quote_offset"]) + 1),  # the same figure, in the body
        **{
            column: first[column] if not hasattr(first[column], "isoformat") else first[column].isoformat()
            for column in ("value", "unit", "qualifier", "metric", "beneficiary_group", "area", "area_level")
        },
        "province": PROVINCE,
        "period_start": "2024-12-31",
        "period_end": "2024-12-31",
        "period_label": "cuối năm 2024",
    }
    edit(app, edited={1: {"period_end": "2023-12-31"}, 2: {"value": "45000"}}, added=[again])
    save(app, language)
    message = said(app)
    assert all(part in message for part in expected), message
    assert not any(word in message for word in FORBIDDEN), message
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("language", "empty", "too_large"),
    [("vi", "Báo cáo trống", "1.000.000 byte"), ("en", "The report is empty", "1,000,000 bytes")],
)
def test_report_text_problems_are_in_the_pages_language(page, language, empty, too_large):
    app = in_language(page, language)
    app.text_input(key="source_title").set_value(TITLE)
    app.text_area(key="report_paste").set_value("   \n")
    click(app, WORDS[language]["propose"])
    assert empty in said(app) and "the report is empty" not in said(app)
    app.text_area(key="report_paste").set_value("x" * 1_000_001)
    click(app, WORDS[language]["propose"])
    assert too_large in said(app) and "limit for a report" not in said(app)


@pytest.mark.parametrize(("language", "placeholder"), [("vi", "Chọn một báo cáo"), ("en", "Choose a report")])
def test_the_withdraw_box_asks_in_the_pages_language(page, language, placeholder):
    app = in_language(page, language)
    assert app.selectbox(key="withdraw_source").proto.placeholder == placeholder


# Another change being saved


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_save_while_another_change_is_saved_writes_nothing_and_says_so(page, data_dir, monkeypatch, language):
    monkeypatch.setattr(data_lock, "WAIT_SECONDS", 0.2)
    app = propose(in_language(page, language), language)
    before = snapshot(data_dir)
    with data_lock.writing(data_dir):  # another writer: the command line, or another session
        save(app, language)
        busy = {"vi": "Một thay đổi khác đang được lưu", "en": "Another change is being saved"}[language]
        assert busy in said(app), said(app)
        app.selectbox(key="withdraw_source").set_value("longan-2024")
        app.checkbox(key="withdraw_confirmed").check()
        app.run()
        click(app, {"vi": "Rút báo cáo", "en": "Withdraw the report"}[language])
        assert busy in said(app), said(app)
    assert snapshot(data_dir) == before
    save(app, language)  # once the other change is saved, the same table saves
    assert saved(app), said(app)


# Propose, save, withdraw, and add the same report again


def test_a_withdrawn_report_can_be_added_again(page, data_dir):
    app = save(propose(page))
    assert saved(app), said(app)
    [source_id] = [row["source_id"] for row in read_csv(data_dir / "sources.csv") if row["title"] == TITLE]
    app.selectbox(key="withdraw_source").set_value(source_id)
    app.checkbox(key="withdraw_confirmed").check()
    app.run()
    click(app, "Rút báo cáo")
    assert any(source_id in success.value for success in app.success), said(app)
    app = save(propose(app))  # its kept proposal stays: the report comes back under a new id
    assert saved(app), said(app)
    titles = [row["source_id"] for row in read_csv(data_dir / "sources.csv") if row["title"] == TITLE]
    assert len(titles) == 1 and titles[0] != source_id


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Nếu bài không ghi ngày: không trước ngày", "hãy cho ngày sớm nhất bài có thể được đăng"]),
        ("en", ["If the report prints no date: not before", "give the earliest date it can have been published"]),
    ],
)
def test_an_undated_report_needs_the_earliest_date_it_can_have(page, data_dir, language, expected):
    before = snapshot(data_dir)
    app = propose(in_language(page, language), language)
    app.date_input(key="source_published").set_value(None)
    app.text_input(key="source_note").set_value("No date printed; the text reports the end-2024 review.")
    save(app, language)
    message = said(app)
    assert all(part in message for part in expected), message
    assert snapshot(data_dir) == before and not saved(app)
    app.date_input(key="source_not_before").set_value(date(2025, 1, 1)).run()
    save(app, language)
    assert saved(app), said(app)
    [source] = [row for row in read_csv(data_dir / "sources.csv") if row["title"] == TITLE]
    assert source["publication_date"] == "" and source["published_not_before"] == "2025-01-01"
