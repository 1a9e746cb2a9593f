"""Extraction: numbers, what they measure, for whom, where and when — on the five reports and on reports
written for these tests in the style of Vietnamese news (tests/reports/), which the rules were not built on."""

from __future__ import annotations

import csv
import subprocess
import sys
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from etl.evaluate import rerun_scores, total
from etl.extract import extract, reference
from etl.paths import DATA_DIR, PROJECT_DIR
from etl.proposals import read_log
from etl.report_text import ReportTextError, decode_report

REPORTS = Path(__file__).parent / "reports"
PROVINCES, CATEGORIES = reference(DATA_DIR)


def propose(text: str, province: str | None = None) -> list[dict[str, str]]:
    return extract(text, "test", province, None, PROVINCES, CATEGORIES)


def test_the_five_reports_meet_the_targets():
    results = rerun_scores(DATA_DIR, include_local=False)
    assert len(results) == 5
    result = total(score for _, score in results)
    assert result.recall >= 0.95
    assert result.precision >= 0.90
    assert result.accuracy("metric") >= 0.85
    assert result.accuracy("beneficiary_group") >= 0.85


@pytest.mark.parametrize(("name", "province"), [("quy_hop_2025", "Nghệ An"), ("dong_thap_2023", "Đồng Tháp")])
def test_reports_the_rules_were_not_written_on(name, province):
    proposed = propose((REPORTS / f"{name}.txt").read_text(encoding="utf-8"), province)
    with (REPORTS / f"{name}.expected.csv").open(encoding="utf-8") as file:
        expected = list(csv.DictReader(file))
    found = {row["quote"]: row for row in proposed}
    hits = [row for row in expected if row["quote"] in found]
    assert len(hits) / len(expected) >= 0.9, [row["quote"] for row in expected if row["quote"] not in found]
    assert len(proposed) <= len(expected) + 1, [row["quote"] for row in proposed]
    for field in ("qualifier", "metric", "beneficiary_group", "area", "is_target"):
        right = sum(found[row["quote"]][field] == row[field] for row in hits)
        assert right / len(hits) >= 0.85, field
    assert all(Decimal(found[row["quote"]]["value"]) == Decimal(row["value"]) for row in hits)


def test_a_count_and_its_money_are_paired():
    text = "Năm 2023, toàn huyện đã cấp 1.574 thẻ bảo hiểm y tế cho người nghèo, kinh phí hơn 1,4 tỷ đồng."
    cards, cost = propose(text, "Thái Bình")
    assert (cards["metric"], cards["beneficiary_group"], cards["value"]) == ("bhyt_cards", "poor", "1574")
    assert (cost["metric"], cost["beneficiary_group"], cost["qualifier"]) == ("bhyt_cost", "poor", "more_than")
    assert cost["value"] == "1400000000" and cost["period_start"] == "2023-01-01"


@pytest.mark.parametrize(
    "text",
    [
        "Theo Nghị định số 20/2021/NĐ-CP, giai đoạn 2021 - 2025.",
        "Ngày 11-5, hội nghị diễn ra. 29/03/2024 - 17:01",
        "Sau 2 tháng triển khai, trẻ em dưới 5 tuổi và người từ 60 - 79 tuổi.",
        "Liên hệ: 0238 3881 234. Bình luận (0). Ảnh: 748e8c8b8863e26a.jpg",
        "Tháng BHXH toàn dân (tháng 5) năm 2025.",
    ],
)
def test_what_is_not_a_figure_is_skipped(text):
    assert propose(text, "Long An") == []


def test_places_periods_and_targets():
    text = (
        "Xã Vũ Hòa (huyện Kiến Xương) có 150 hội viên tham gia nhóm tiết kiệm. "
        "Tính đến cuối tháng 4/2025, toàn huyện Phú Tân có trên 152.700 người tham gia BHYT. "
        "Năm 2025, huyện phấn đấu phát triển thêm 933 người tham gia BHXH tự nguyện."
    )
    members, insured, target = propose(text, "An Giang")
    assert (members["area"], members["area_level"], members["metric"]) == ("Vũ Hòa", "commune", "savings_group_members")
    assert (insured["area"], insured["area_level"], insured["period_end"]) == ("Phú Tân", "district", "2025-04-30")
    assert (target["metric"], target["is_target"], target["period_start"]) == (
        "voluntary_bhxh_new_participants",
        "true",
        "2025-01-01",
    )


def extract_command(data_dir: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    report = str(REPORTS / "dong_thap_2023.txt")
    command = [sys.executable, "-m", "etl", "extract", report, "--out", str(out), "--province", "Đồng Tháp"]
    command += ["--source-id", "dong-thap-2023", "--data-dir", str(data_dir), *options]
    return subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)


def test_command_line_writes_candidates_and_keeps_the_untouched_proposal(data_dir, tmp_path):
    out = tmp_path / "candidates.csv"
    result = extract_command(data_dir, out)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert rows and set(rows[0]) >= {"fact_id", "quote", "quote_offset", "confidence"}
    assert any(row["quote"] == "gần 480 tỷ đồng" and row["metric"] == "credit_disbursed" for row in rows)
    kept = data_dir / "proposals" / "dong-thap-2023.csv"
    assert kept.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    log = read_log(data_dir)
    assert [(entry.source_id, entry.figures) for entry in log][-1] == ("dong-thap-2023", len(rows))

    # A kept proposal is never replaced, so a score cannot be improved after review.
    out.write_text("edited by a reviewer", encoding="utf-8")
    again = extract_command(data_dir, tmp_path / "again.csv")
    assert again.returncode == 1 and "already kept" in again.stderr
    assert len(read_log(data_dir)) == len(log)
    trial = extract_command(data_dir, tmp_path / "trial.csv", "--trial")
    assert trial.returncode == 0 and len(read_log(data_dir)) == len(log)


def test_command_line_evaluate_prints_the_figures():
    result = subprocess.run(
        [sys.executable, "-m", "etl", "evaluate"], cwd=PROJECT_DIR, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "precision" in result.stdout and "recall" in result.stdout and "metric" in result.stdout


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"   \n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("nghèo".encode("cp1258"), "not UTF-8"),
        (b"a" * 1_000_001, "larger than"),
    ],
)
def test_bad_report_files_are_refused_with_a_message(data, message):
    with pytest.raises(ReportTextError, match=message):
        decode_report(data, "upload.txt")


def test_report_text_is_normalised():
    composed = "Tỷ lệ hộ nghèo"
    text = decode_report(unicodedata.normalize("NFD", composed).encode() + b"\r\n", "x.txt")
    assert text == composed + "\n"


def test_country_and_regions_are_places_and_a_count_beside_a_rate_counts_the_same_households():
    text = (
        "Kết quả rà soát năm 2022, tỷ lệ nghèo đa chiều chung toàn quốc là 7,52%. Tỷ lệ nghèo đa chiều theo "
        "các vùng như sau: Đồng bằng sông Hồng 2,45% với 169.566 hộ; Đồng bằng sông Cửu Long 5,73% với 277.936 hộ."
    )
    rows = {row["quote"]: row for row in propose(text)}
    assert (rows["7,52%"]["area_level"], rows["7,52%"]["area"], rows["7,52%"]["province"]) == ("country", "Cả nước", "")
    assert rows["7,52%"]["metric"] == "poor_and_near_poor_rate"
    assert (rows["169.566"]["area"], rows["169.566"]["metric"]) == (
        "Đồng bằng sông Hồng",
        "poor_and_near_poor_households",
    )
    assert rows["5,73%"]["area_level"] == "region" and rows["5,73%"]["period_start"] == "2022-01-01"


def test_a_province_named_in_passing_or_in_a_dateline_is_not_the_report_s_place():
    text = (
        "Hà Nội, ngày 16 tháng 12 năm 2016. Năm 2018, tỉnh Phú Thọ có 28.667 hộ nghèo, chiếm 7,09%. "
        "Đoàn công tác tỉnh Yên Bái đến thăm. Toàn tỉnh Phú Thọ giảm 1,2% so với năm 2017."
    )
    rows = propose(text)
    assert {row["province"] for row in rows} == {"Phú Thọ"}


def test_english_editions_name_provinces_without_diacritics():
    rows = extract("Phu Tho has 21,104 poor households in 2017.", "test", None, None, PROVINCES, CATEGORIES, "en")
    assert (rows[0]["province"], rows[0]["metric"], rows[0]["value"]) == ("Phú Thọ", "poor_households", "21104")
    assert rows[0]["period_start"] == "2017-01-01"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Tỷ lệ hộ nghèo giảm từ 4,61% năm 2016 xuống 3,5% năm 2018.", ("2016-01-01", "2016-12-31")),
        ("Tỷ lệ hộ cận nghèo giảm từ 3,47% (2016) xuống còn 3,41% (2017).", ("2016-01-01", "2016-12-31")),
        ("Giai đoạn 2016-2020, tỷ lệ hộ nghèo giảm bình quân 1,59%/năm.", ("2016-01-01", "2020-12-31")),
        (
            "Theo chuẩn nghèo đa chiều giai đoạn 2022-2025, năm 2023 tỷ lệ hộ nghèo là 0,75%.",
            ("2023-01-01", "2023-12-31"),
        ),
        ("Tính đến 31/5, toàn tỉnh có 1.574 hộ nghèo.", ("2024-05-31", "2024-05-31")),
    ],
)
def test_the_period_of_a_figure(text, period):
    first = extract(text, "test", "Long An", date(2024, 8, 1), PROVINCES, CATEGORIES)[0]
    assert (first["period_start"], first["period_end"]) == period


def test_amounts_per_house_and_shares_of_a_plan_are_not_figures():
    text = "Năm 2023, hỗ trợ 50 triệu đồng/căn; dư nợ đạt 99,73% kế hoạch, tăng 11,12%, đạt hơn 3.124 tỷ đồng."
    assert [row["quote"] for row in propose(text, "Thái Bình")] == ["hơn 3.124 tỷ đồng"]
