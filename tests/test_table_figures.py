"""Figures read from tables, one proposal per cell, on tables made for these tests in the shapes real annexes
take (provinces by years, districts by years with a rank column and a totals row, a bank's indicators by dates,
years down the side, a two-level header, a caption holding the year and the unit). Every value here is made up
and lives only in this file.

Each table is scored cell by cell (etl/table_figures.py `score_cells`): a cell is right when its value, unit,
place, level, year and metric all are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from app import review_table
from etl.document_figures import extract_document
from etl.documents import Document, DocumentBuilder, SourceDetails
from etl.extract import reference
from etl.paths import DATA_DIR
from etl.read_inputs import read_inputs
from etl.table_figures import score_cells, table_figures
from etl.validate import validate
from tests.helpers import read_csv, write_csv

PROVINCES, CATEGORIES = reference(DATA_DIR)
PUBLISHED = date(2024, 3, 15)
BILLION = 10**9
MILLION = 10**6


@dataclass
class Shape:
    """A table as a reader gives it, and what each of its figure cells is: by row and by column (indexes of the
    grid), merged with `common`; a row or column not named holds no figure (a rank, a total, a label)."""

    caption: str
    grid: list[list[str]]
    rows: dict[int, dict[str, object]]
    columns: dict[int, dict[str, object]]
    common: dict[str, object] = field(default_factory=dict)
    not_figures: list[tuple[int, int]] = field(default_factory=list)  # cells that must not be proposed
    province: str = "Long An"  # the report's, as the analyst gives it


def vietnamese_number(text: str) -> Decimal:
    """The test's own reading of a cell: '.' groups thousands, ',' marks decimals."""
    return Decimal(text.strip("~ %").replace(".", "").replace(",", "."))


SHAPES = {
    "provinces_by_years": Shape(
        "Bảng 1: Tỷ lệ hộ nghèo các tỉnh giai đoạn 2021–2023 (%)",
        [
            ["TT", "Tỉnh, thành phố", "2021", "2022", "2023"],
            ["1", "Thái Bình", "2,15", "1,85", "1,52"],
            ["2", "Phú Thọ", "5,30", "4,61", "3,95"],
            ["3", "Hải Dương", "1,92", "1,60", "1,21"],
            ["4", "Long An", "1,40", "1,12", "0,88"],
            ["5", "An Giang", "3,10", "2,72", "2,35"],
            ["6", "TP. Hồ Chí Minh", "0,12", "0,05", "-"],
            ["", "Cả nước", "4,40", "4,30", "2,93"],
        ],
        rows={
            1: {"area": "Thái Bình", "area_level": "province"},
            2: {"area": "Phú Thọ", "area_level": "province"},
            3: {"area": "Hải Dương", "area_level": "province"},
            4: {"area": "Long An", "area_level": "province"},
            5: {"area": "An Giang", "area_level": "province"},
            6: {"area": "Hồ Chí Minh", "area_level": "province"},
            7: {"area": "Cả nước", "area_level": "country"},
        },
        columns={2: {"year": "2021"}, 3: {"year": "2022"}, 4: {"year": "2023"}},
        common={"unit": "percent", "metric": "poverty_rate"},
        not_figures=[(row, 0) for row in range(1, 7)] + [(6, 4)],
    ),
    "districts_by_years": Shape(
        "Bảng 2: Số hộ nghèo các huyện, thị xã, thành phố giai đoạn 2021–2023 (hộ)",
        [
            ["STT", "Huyện, thị xã, thành phố", "Năm 2021", "Năm 2022", "Năm 2023"],
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["1", "Huyện Tân Trụ", "1.210", "1.105", "987"],
            ["2", "Thị xã Kiến Tường", "640", "598", "512"],
            ["3", "TP. Tân An", "415", "380", "301"],
            ["4", "Cần Đước", "2.310", "2.120", "1.984"],
            ["5", "Huyện Thạnh Hóa", "1.876", "1.701", "x"],
            ["", "Tổng cộng", "6.451", "5.904", "3.784"],
        ],
        rows={
            2: {"area": "Tân Trụ", "area_level": "district"},
            3: {"area": "Kiến Tường", "area_level": "district"},
            4: {"area": "Tân An", "area_level": "district"},
            5: {"area": "Cần Đước", "area_level": "district"},
            6: {"area": "Thạnh Hóa", "area_level": "district"},
        },
        columns={2: {"year": "2021"}, 3: {"year": "2022"}, 4: {"year": "2023"}},
        common={"unit": "count", "metric": "poor_households"},
        not_figures=[(row, 0) for row in range(2, 7)] + [(7, 2), (7, 3), (7, 4), (6, 4), (1, 2)],
    ),
    "bank_indicators_by_dates": Shape(
        "Kết quả hoạt động tín dụng chính sách xã hội",
        [
            ["TT", "Chỉ tiêu", "31/12/2021", "31/12/2022", "31/12/2023", "So sánh 2023/2022 (+/-)"],
            ["1", "Tổng nguồn vốn (tỷ đồng)", "4.420", "4.790", "5.230", "+440"],
            ["2", "Dư nợ (tỷ đồng)", "4.210", "4.580,5", "5.020", "+439,5"],
            ["3", "Số hộ còn dư nợ (hộ)", "61.300", "60.150", "59.870", "-280"],
            ["4", "Doanh số cho vay (tỷ đồng)", "1.320", "1.410", "1.505", "+95"],
        ],
        rows={
            1: {"metric": "credit_funds", "unit": "VND", "scale": BILLION},
            2: {"metric": "credit_outstanding", "unit": "VND", "scale": BILLION},
            3: {"metric": "credit_borrowers_outstanding", "unit": "count"},
            4: {"metric": "credit_disbursed", "unit": "VND", "scale": BILLION},
        },
        columns={2: {"year": "2021"}, 3: {"year": "2022"}, 4: {"year": "2023"}},
        common={"area": "Long An", "area_level": "province"},
        not_figures=[(row, column) for row in range(1, 5) for column in (0, 5)],
    ),
    "years_down": Shape(
        "Bảng 4: Kết quả giảm nghèo của tỉnh",
        [
            ["Năm", "Tỷ lệ hộ nghèo (%)", "Số hộ nghèo (hộ)", "Tỷ lệ hộ cận nghèo (%)"],
            ["2021", "1,40", "6.950", "2,10"],
            ["2022", "1,12", "5.610", "1,95"],
            ["Cuối năm 2023", "0,88", "4.420", "1,70"],
        ],
        rows={1: {"year": "2021"}, 2: {"year": "2022"}, 3: {"year": "2023"}},
        columns={
            1: {"metric": "poverty_rate", "unit": "percent"},
            2: {"metric": "poor_households", "unit": "count"},
            3: {"metric": "near_poverty_rate", "unit": "percent"},
        },
        common={"area": "Long An", "area_level": "province"},
        not_figures=[(row, 0) for row in range(1, 4)],
    ),
    "health_insurance_at_a_date": Shape(
        "Bảng 5: Bao phủ bảo hiểm y tế các tỉnh tại thời điểm 31/12/2022",
        [
            ["Tỉnh", "Số người tham gia BHYT (người)", "Tỷ lệ bao phủ BHYT (%)"],
            ["Thái Bình", "1.780.450", "93,6"],
            ["Phú Thọ", "1.402.100", "94,1"],
            ["Long An", "1.580.300", "91,2"],
            ["An Giang", "1.720.000", "~ 88,5"],
            ["Toàn quốc", "91.100.000", "92,0"],
        ],
        rows={
            1: {"area": "Thái Bình", "area_level": "province"},
            2: {"area": "Phú Thọ", "area_level": "province"},
            3: {"area": "Long An", "area_level": "province"},
            4: {"area": "An Giang", "area_level": "province"},
            5: {"area": "Cả nước", "area_level": "country"},
        },
        columns={
            1: {"metric": "bhyt_participants", "unit": "count"},
            2: {"metric": "bhyt_population_coverage", "unit": "percent"},
        },
        common={"year": "2022"},
    ),
    "two_level_header": Shape(
        "Bảng 6: Hộ nghèo theo huyện",
        [
            ["STT", "Huyện", "Năm 2022", "", "Năm 2023", ""],
            ["", "", "Số hộ", "Tỷ lệ (%)", "Số hộ", "Tỷ lệ (%)"],
            ["1", "Tân Trụ", "1.105", "2,35", "987", "2,01"],
            ["2", "Cần Đước", "2.120", "4,20", "1.984", "3,60"],
            ["3", "Châu Thành", "1.530", "3,05", "1.402", "2,71"],
            ["", "Toàn tỉnh", "5.610", "1,12", "4.420", "0,88"],
        ],
        rows={
            2: {"area": "Tân Trụ", "area_level": "district"},
            3: {"area": "Cần Đước", "area_level": "district"},
            4: {"area": "Châu Thành", "area_level": "district"},
            5: {"area": "Long An", "area_level": "province"},
        },
        columns={
            2: {"year": "2022", "metric": "poor_households", "unit": "count"},
            3: {"year": "2022", "metric": "poverty_rate", "unit": "percent"},
            4: {"year": "2023", "metric": "poor_households", "unit": "count"},
            5: {"year": "2023", "metric": "poverty_rate", "unit": "percent"},
        },
        not_figures=[(row, 0) for row in range(2, 5)],
    ),
    "caption_with_year_and_unit": Shape(
        "Biểu 7: Dư nợ cho vay hộ nghèo theo huyện năm 2023 (ĐVT: triệu đồng)",
        [
            ["Đơn vị", "Dư nợ", "Doanh số cho vay"],
            ["Huyện Tân Trụ", "312.450", "98.300"],
            ["Huyện Cần Đước", "401.200", "120.750"],
            ["Thị xã Kiến Tường", "150.800", "41.020"],
        ],
        rows={
            1: {"area": "Tân Trụ", "area_level": "district"},
            2: {"area": "Cần Đước", "area_level": "district"},
            3: {"area": "Kiến Tường", "area_level": "district"},
        },
        columns={1: {"metric": "credit_outstanding"}, 2: {"metric": "credit_disbursed"}},
        common={"year": "2023", "unit": "VND", "scale": MILLION},
    ),
    "ministry_annex_regions": Shape(
        "Phụ lục: Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2023 theo chuẩn nghèo đa chiều giai đoạn 2022–2025",
        [
            ["STT", "Tỉnh, thành phố", "Tổng số hộ dân cư", "Hộ nghèo", "", "Hộ cận nghèo", ""],
            ["", "", "", "Số hộ", "Tỷ lệ (%)", "Số hộ", "Tỷ lệ (%)"],
            ["I", "ĐỒNG BẰNG SÔNG HỒNG", "7.012.345", "31.020", "0,44", "80.115", "1,14"],
            ["1", "Hà Nội", "2.301.500", "2.110", "0,09", "9.870", "0,43"],
            ["2", "Thái Bình", "620.410", "9.120", "1,47", "12.005", "1,94"],
            ["II", "TRUNG DU VÀ MIỀN NÚI PHÍA BẮC", "3.410.200", "310.400", "9,10", "190.300", "5,58"],
            ["3", "Phú Thọ", "405.300", "16.020", "3,95", "14.100", "3,48"],
            ["", "Cả nước", "26.870.000", "787.100", "2,93", "897.400", "3,34"],
        ],
        rows={
            2: {"area": "Đồng bằng sông Hồng", "area_level": "region"},
            3: {"area": "Hà Nội", "area_level": "province"},
            4: {"area": "Thái Bình", "area_level": "province"},
            5: {"area": "Trung du và miền núi phía Bắc", "area_level": "region"},
            6: {"area": "Phú Thọ", "area_level": "province"},
            7: {"area": "Cả nước", "area_level": "country"},
        },
        columns={
            3: {"metric": "poor_households", "unit": "count"},
            4: {"metric": "poverty_rate", "unit": "percent"},
            5: {"metric": "near_poor_households", "unit": "count"},
            6: {"metric": "near_poverty_rate", "unit": "percent"},
        },
        common={"year": "2023"},
    ),
    "communes_by_years": Shape(
        "Bảng 3. Tỷ lệ hộ nghèo các xã, thị trấn huyện Tân Trụ (%)",
        [
            ["TT", "Xã, thị trấn", "Năm 2022", "Năm 2023"],
            ["1", "Xã Tân Phước Tây", "3,12", "2,70"],
            ["2", "Thị trấn Tân Trụ", "0,95", "0,81"],
            ["3", "Xã Nhựt Ninh", "2,44", "2,05"],
            ["4", "Xã Bình Lãng", "1,80", "1,52"],
        ],
        rows={
            1: {"area": "Tân Phước Tây", "area_level": "commune"},
            2: {"area": "Tân Trụ", "area_level": "commune"},
            3: {"area": "Nhựt Ninh", "area_level": "commune"},
            4: {"area": "Bình Lãng", "area_level": "commune"},
        },
        columns={2: {"year": "2022"}, 3: {"year": "2023"}},
        common={"unit": "percent", "metric": "poverty_rate"},
    ),
    "bhyt_indicators_estimate_and_plan": Shape(
        "Biểu 2: Kết quả thực hiện bảo hiểm y tế",
        [
            ["STT", "Chỉ tiêu", "ĐVT", "Năm 2022", "Năm 2023", "Ước TH 2024", "KH 2025"],
            ["1", "Số người tham gia BHYT", "người", "1.512.000", "1.548.200", "1.570.000", "1.600.000"],
            ["2", "Tỷ lệ bao phủ BHYT", "%", "90,5", "91,8", "92,4", "93,0"],
            ["3", "Số thẻ BHYT cấp cho người nghèo", "thẻ", "18.400", "16.950", "15.100", "-"],
        ],
        rows={
            1: {"metric": "bhyt_participants", "unit": "count"},
            2: {"metric": "bhyt_population_coverage", "unit": "percent"},
            3: {"metric": "bhyt_cards", "unit": "count"},
        },
        columns={3: {"year": "2022"}, 4: {"year": "2023"}, 5: {"year": "2024"}, 6: {"year": "2025"}},
        common={"area": "Long An", "area_level": "province"},
    ),
    "provinces_across": Shape(
        "Tình hình tín dụng chính sách đến 31/12/2023",
        [
            ["Chỉ tiêu", "Thái Bình", "Phú Thọ", "Hải Dương", "Long An"],
            ["Dư nợ (tỷ đồng)", "5.120", "6.340", "4.870", "5.020"],
            ["Số khách hàng còn dư nợ (khách hàng)", "88.100", "102.300", "79.600", "59.870"],
        ],
        rows={
            1: {"metric": "credit_outstanding", "unit": "VND", "scale": BILLION},
            2: {"metric": "credit_borrowers_outstanding", "unit": "count"},
        },
        columns={
            1: {"area": "Thái Bình", "area_level": "province"},
            2: {"area": "Phú Thọ", "area_level": "province"},
            3: {"area": "Hải Dương", "area_level": "province"},
            4: {"area": "Long An", "area_level": "province"},
        },
        common={"year": "2023"},
    ),
    "six_months_and_same_period": Shape(
        "Kết quả cho vay 6 tháng đầu năm 2024",
        [
            ["Chỉ tiêu", "6 tháng đầu năm 2024", "Cùng kỳ năm 2023", "Tăng/giảm (%)"],
            ["Doanh số cho vay (triệu đồng)", "712.400", "655.100", "8,7"],
            ["Số lượt hộ được vay vốn (lượt)", "14.210", "13.800", "3,0"],
        ],
        rows={
            1: {"metric": "credit_disbursed", "unit": "VND", "scale": MILLION},
            2: {"metric": "credit_borrowers", "unit": "count"},
        },
        columns={1: {"year": "2024"}, 2: {"year": "2023"}},
        common={"area": "Long An", "area_level": "province"},
    ),
    "poor_and_near_poor_by_district": Shape(
        "Biểu số 01: Số hộ nghèo, hộ cận nghèo theo huyện (Đơn vị tính: hộ)",
        [
            ["TT", "Đơn vị hành chính", "Hộ nghèo 2022", "Hộ nghèo 2023", "Hộ cận nghèo 2022", "Hộ cận nghèo 2023"],
            ["1", "Huyện Thủ Thừa", "812", "701", "1.420", "1.318"],
            ["2", "Huyện Đức Hòa", "1.530", "1.312", "2.905", "2.650"],
            ["3", "Thành phố Tân An", "402", "350", "980", "911"],
            ["", "Toàn tỉnh", "5.610", "4.420", "9.120", "8.010"],
        ],
        rows={
            1: {"area": "Thủ Thừa", "area_level": "district"},
            2: {"area": "Đức Hòa", "area_level": "district"},
            3: {"area": "Tân An", "area_level": "district"},
            4: {"area": "Long An", "area_level": "province"},
        },
        columns={
            2: {"year": "2022", "metric": "poor_households"},
            3: {"year": "2023", "metric": "poor_households"},
            4: {"year": "2022", "metric": "near_poor_households"},
            5: {"year": "2023", "metric": "near_poor_households"},
        },
        common={"unit": "count"},
    ),
    "coverage_some_provinces": Shape(
        "Bảng 2. Tỷ lệ bao phủ BHYT một số tỉnh, thành phố",
        [
            ["Tỉnh, thành phố", "2020", "2021", "2022", "2023"],
            ["Hải Dương", "90,1", "91,0", "92,3", "93,1"],
            ["An Giang", "86,2", "87,5", "88,0", "89,4"],
            ["Đồng Tháp", "88,7", "89,9", "90,2", "91,5"],
            ["TP. Cần Thơ", "89,0", "90,4", "91,1", "92,0"],
        ],
        rows={
            1: {"area": "Hải Dương", "area_level": "province"},
            2: {"area": "An Giang", "area_level": "province"},
            3: {"area": "Đồng Tháp", "area_level": "province"},
            4: {"area": "Cần Thơ", "area_level": "province"},
        },
        columns={1: {"year": "2020"}, 2: {"year": "2021"}, 3: {"year": "2022"}, 4: {"year": "2023"}},
        common={"unit": "percent", "metric": "bhyt_population_coverage"},
    ),
    "credit_years_down": Shape(
        "Kết quả cho vay hộ nghèo",
        [
            ["Năm", "Dư nợ cho vay hộ nghèo (triệu đồng)", "Số hộ nghèo được vay vốn (lượt)"],
            ["2021", "820.400", "9.120"],
            ["2022", "845.900", "8.870"],
            ["2023", "861.300", "8.410"],
        ],
        rows={1: {"year": "2021"}, 2: {"year": "2022"}, 3: {"year": "2023"}},
        columns={
            1: {"metric": "credit_outstanding", "unit": "VND", "scale": MILLION},
            2: {"metric": "credit_borrowers", "unit": "count"},
        },
        common={"area": "Long An", "area_level": "province"},
    ),
    "headings_over_rows": Shape(
        "Bảng 4: Kết quả giảm nghèo năm 2023",
        [
            ["TT", "Nội dung", "Năm 2023"],
            ["1", "Hộ nghèo", ""],
            ["", "- Số hộ", "4.420"],
            ["", "- Tỷ lệ (%)", "0,88"],
            ["2", "Hộ cận nghèo", ""],
            ["", "- Số hộ", "8.010"],
            ["", "- Tỷ lệ (%)", "1,70"],
        ],
        rows={
            2: {"metric": "poor_households", "unit": "count"},
            3: {"metric": "poverty_rate", "unit": "percent"},
            5: {"metric": "near_poor_households", "unit": "count"},
            6: {"metric": "near_poverty_rate", "unit": "percent"},
        },
        columns={2: {"year": "2023"}},
        common={"area": "Long An", "area_level": "province"},
    ),
    "programme_to_a_date": Shape(
        "Biểu 5: Tiến độ thực hiện Chương trình MTQG giảm nghèo bền vững",
        [
            ["Chỉ tiêu", "Thực hiện đến 30/6/2024", "Kế hoạch năm 2024", "Tỷ lệ TH/KH (%)"],
            ["Vốn Chương trình MTQG giảm nghèo bền vững đã giải ngân (triệu đồng)", "41.250", "120.000", "34,4"],
            ["Số nhà tạm, nhà dột nát được xóa (căn)", "312", "850", "36,7"],
        ],
        rows={
            1: {"metric": "poverty_programme_disbursed", "unit": "VND", "scale": MILLION},
            2: {"metric": "temporary_houses_removed", "unit": "count"},
        },
        columns={1: {"year": "2024"}, 2: {"year": "2024"}},
        common={"area": "Long An", "area_level": "province"},
    ),
    "review_annex_uppercase_caption": Shape(
        "Biểu 01/HN: TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024",
        [
            [
                "STT",
                "Huyện/thị xã/thành phố",
                "Tổng số hộ",
                "Số hộ nghèo",
                "Tỷ lệ hộ nghèo (%)",
                "Số hộ cận nghèo",
                "Tỷ lệ hộ cận nghèo (%)",
            ],
            ["1", "Huyện Hưng Hà", "75.210", "812", "1,08", "1.420", "1,89"],
            ["2", "Huyện Vũ Thư", "68.400", "705", "1,03", "1.310", "1,92"],
            ["3", "TP Thái Bình", "61.900", "210", "0,34", "530", "0,86"],
            ["", "Tổng cộng", "205.510", "1.727", "0,84", "3.260", "1,59"],
        ],
        rows={
            1: {"area": "Hưng Hà", "area_level": "district"},
            2: {"area": "Vũ Thư", "area_level": "district"},
            3: {"area": "Thái Bình", "area_level": "district"},
        },
        columns={
            3: {"metric": "poor_households", "unit": "count"},
            4: {"metric": "poverty_rate", "unit": "percent"},
            5: {"metric": "near_poor_households", "unit": "count"},
            6: {"metric": "near_poverty_rate", "unit": "percent"},
        },
        common={"year": "2024"},
        province="Thái Bình",
    ),
    "provinces_with_the_word_tinh": Shape(
        "Dư nợ tín dụng chính sách (tỷ đồng)",
        [
            ["Địa phương", "Năm 2021", "Năm 2022"],
            ["Tỉnh Thái Bình", "4.610", "4.980"],
            ["Tỉnh Phú Thọ", "5.720", "6.050"],
            ["Tỉnh An Giang", "6.300", "6.710"],
        ],
        rows={
            1: {"area": "Thái Bình", "area_level": "province"},
            2: {"area": "Phú Thọ", "area_level": "province"},
            3: {"area": "An Giang", "area_level": "province"},
        },
        columns={1: {"year": "2021"}, 2: {"year": "2022"}},
        common={"unit": "VND", "scale": BILLION, "metric": "credit_outstanding"},
    ),
    "dates_as_columns": Shape(
        "Kết quả phát triển người tham gia BHYT",
        [
            ["Chỉ tiêu", "Đến 31/12/2022", "Đến 31/12/2023"],
            ["Số người có thẻ BHYT (người)", "1.702.300", "1.731.800"],
            ["Tỷ lệ bao phủ BHYT (%)", "92,1", "93,0"],
        ],
        rows={
            1: {"metric": "bhyt_participants", "unit": "count"},
            2: {"metric": "bhyt_population_coverage", "unit": "percent"},
        },
        columns={1: {"year": "2022"}, 2: {"year": "2023"}},
        common={"area": "Thái Bình", "area_level": "province"},
        province="Thái Bình",
    ),
    "bare_district_names_under_unit": Shape(
        "Tỷ lệ hộ nghèo theo đơn vị",
        [
            ["Đơn vị", "2022", "2023"],
            ["Hưng Hà", "2,1%", "1,7%"],
            ["Vũ Thư", "1,9%", "1,5%"],
            ["Kiến Xương", "2,4%", "2,0%"],
        ],
        rows={
            1: {"area": "Hưng Hà", "area_level": "district"},
            2: {"area": "Vũ Thư", "area_level": "district"},
            3: {"area": "Kiến Xương", "area_level": "district"},
        },
        columns={1: {"year": "2022"}, 2: {"year": "2023"}},
        common={"unit": "percent", "metric": "poverty_rate"},
        province="Thái Bình",
    ),
    "years_down_provinces_across": Shape(
        "Tỷ lệ hộ nghèo (%)",
        [
            ["Năm", "Thái Bình", "Hải Dương", "Phú Thọ"],
            ["2022", "1,85", "1,60", "4,61"],
            ["2023", "1,52", "1,21", "3,95"],
            ["2024", "1,20", "0,95", "3,10"],
        ],
        rows={1: {"year": "2022"}, 2: {"year": "2023"}, 3: {"year": "2024"}},
        columns={
            1: {"area": "Thái Bình", "area_level": "province"},
            2: {"area": "Hải Dương", "area_level": "province"},
            3: {"area": "Phú Thọ", "area_level": "province"},
        },
        common={"unit": "percent", "metric": "poverty_rate"},
    ),
}


def document_of(*tables: tuple[str, Shape]) -> Document:
    builder = DocumentBuilder()
    builder.add_paragraph("Báo cáo tổng kết công tác giảm nghèo tỉnh Long An.")
    for name, shape in tables:
        builder.add_paragraph(shape.caption)
        builder.add_table(shape.grid, name, shape.caption)
    return builder.build(SourceDetails(title="Báo cáo", format="docx"))


def expected_cells(document: Document, table_index: int, shape: Shape) -> list[dict[str, object]]:
    table = document.tables[table_index]
    cells = []
    for row, row_facts in shape.rows.items():
        for column, column_facts in shape.columns.items():
            cell = table.rows[row][column]
            if cell.text in ("", "-", "x"):
                continue
            facts = {**shape.common, **row_facts, **column_facts}
            scale = facts.pop("scale", 1)
            cells.append({**facts, "value": str(vietnamese_number(cell.text) * scale), "quote_offset": cell.offset})
    return cells


def propose(document: Document, province: str | None = "Long An") -> list[dict[str, str]]:
    return table_figures(document, "tables-test", province, PUBLISHED, PROVINCES, CATEGORIES)


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_shape_of_table_gives_its_cells_right(name):
    shape = SHAPES[name]
    document = document_of((f"Bảng ({name})", shape))
    proposed = propose(document, shape.province)
    result = score_cells(proposed, expected_cells(document, 0, shape))
    assert result.expected >= 4
    assert result.share >= 0.9, result.misses
    offsets = {row["quote_offset"] for row in proposed}
    table = document.tables[0]
    refused = [table.rows[row][column] for row, column in shape.not_figures]
    assert not [cell.text for cell in refused if str(cell.offset) in offsets]


def test_merged_header_cells_written_twice_read_as_written_once():
    """A Word reader repeats a merged cell's text in each grid cell it spans; PDF readers leave them empty."""
    shape = SHAPES["two_level_header"]
    repeated = Shape(**{**shape.__dict__, "grid": [list(row) for row in shape.grid]})
    repeated.grid[0] = ["STT", "Huyện", "Năm 2022", "Năm 2022", "Năm 2023", "Năm 2023"]
    document = document_of(("Bảng 6", repeated))
    assert score_cells(propose(document), expected_cells(document, 0, repeated)).share >= 0.9


def test_every_quote_is_the_cell_verbatim_and_the_note_names_table_row_and_column():
    document = document_of(
        *((f"Bảng {number} (trang {number + 2})", shape) for number, shape in enumerate(SHAPES.values(), 1))
    )
    proposed = propose(document)
    expected = [expected_cells(document, index, shape) for index, shape in enumerate(SHAPES.values())]
    assert len(proposed) == sum(map(len, expected))
    for row in proposed:
        offset = int(row["quote_offset"])
        assert document.text[offset : offset + len(row["quote"])] == row["quote"]
    cell = document.tables[1].rows[2][3]  # Huyện Tân Trụ, Năm 2022
    [row] = [row for row in proposed if row["quote_offset"] == str(cell.offset)]
    assert row["note"].startswith("Bảng 2 (trang 4) · hàng «Huyện Tân Trụ» · cột «Năm 2022»")
    assert row["quote"] == "1.105" and row["value"] == "1105"


def test_a_scale_in_a_header_is_said_in_the_note_and_gives_base_units():
    document = document_of(("Bảng 3", SHAPES["bank_indicators_by_dates"]))
    cell = document.tables[0].rows[2][2]  # "4.210" in the row "Dư nợ (tỷ đồng)"
    [row] = [row for row in propose(document) if row["quote_offset"] == str(cell.offset)]
    assert (row["quote"], row["value"], row["unit"]) == ("4.210", "4210000000000", "VND")
    assert row["note"].endswith("unit from the table header: tỷ đồng")


def test_a_sign_in_a_cell_is_its_qualifier():
    document = document_of(("Bảng 5", SHAPES["health_insurance_at_a_date"]))
    [row] = [row for row in propose(document) if row["quote"] == "~ 88,5"]
    assert (row["qualifier"], row["value"]) == ("about", "88.5")
    assert "qualifier" in row["note"]


def test_a_target_column_is_a_target():
    shape = Shape(
        "Bảng 8: Tỷ lệ hộ nghèo (%)",
        [["Chỉ tiêu", "Thực hiện 2023", "Kế hoạch 2024"], ["Tỷ lệ hộ nghèo", "0,88", "0,70"]],
        rows={},
        columns={},
    )
    result, target = propose(document_of(("Bảng 8", shape)))
    assert (result["is_target"], target["is_target"]) == ("false", "true")
    assert (result["period_end"], target["period_end"]) == ("2023-12-31", "2024-12-31")


def test_a_level_at_the_year_end_when_the_caption_says_so():
    shape = Shape(
        "Bảng 9: Dư nợ tại thời điểm cuối năm (tỷ đồng)",
        [["Huyện", "2022", "2023"], ["Huyện Tân Trụ", "312", "330"]],
        rows={},
        columns={},
    )
    first, second = propose(document_of(("Bảng 9", shape)))
    assert (first["period_start"], first["period_end"]) == ("2022-12-31", "2022-12-31")
    assert second["period_label"] == "cuối năm 2023"


def test_without_a_year_the_publication_year_is_proposed_with_less_confidence():
    dated = Shape("Bảng 10: Số hộ nghèo năm 2023", [["Huyện", "Số hộ nghèo"], ["Huyện Tân Trụ", "987"]], {}, {})
    undated = Shape("Bảng 10: Số hộ nghèo", [["Huyện", "Số hộ nghèo"], ["Huyện Tân Trụ", "987"]], {}, {})
    [with_year] = propose(document_of(("Bảng 10", dated)))
    [without] = propose(document_of(("Bảng 10", undated)))
    assert with_year["period_end"] == "2023-12-31" and without["period_end"] == f"{PUBLISHED.year}-12-31"
    assert float(without["confidence"]) < float(with_year["confidence"])


def test_a_metric_named_only_by_the_caption_is_less_sure():
    by_label = Shape("Bảng 11", [["Chỉ tiêu", "2023"], ["Số hộ nghèo", "987"]], {}, {})
    by_caption = Shape("Bảng 11: Số hộ nghèo", [["Huyện", "2023"], ["Huyện Tân Trụ", "987"]], {}, {})
    [label_row] = propose(document_of(("Bảng 11", by_label)))
    [caption_row] = propose(document_of(("Bảng 11", by_caption)))
    assert label_row["metric"] == caption_row["metric"] == "poor_households"
    assert float(caption_row["confidence"]) < float(label_row["confidence"])


# The whole document: sentences and tables, each number read once


def test_a_document_proposes_its_sentences_and_its_table_cells_once_in_order():
    builder = DocumentBuilder()
    builder.add_paragraph("Năm 2023, tỷ lệ hộ nghèo của tỉnh Long An giảm còn 0,88%.")
    builder.add_table(SHAPES["years_down"].grid, "Bảng 1 (trang 2)", SHAPES["years_down"].caption)
    builder.add_paragraph("Năm 2023, toàn tỉnh đã cấp 1.574 thẻ bảo hiểm y tế cho người nghèo.")
    document = builder.build(SourceDetails(format="pdf"))
    rows = extract_document(document, "doc", "Long An", PUBLISHED, PROVINCES, CATEGORIES)
    assert [row["fact_id"] for row in rows] == [f"doc-{number:02d}" for number in range(1, len(rows) + 1)]
    offsets = [int(row["quote_offset"]) for row in rows]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    assert [row["quote"] for row in rows if not document.in_table(int(row["quote_offset"]))] == ["0,88%", "1.574"]
    assert len([row for row in rows if document.in_table(int(row["quote_offset"]))]) == 9
    # The table's years and places do not date or place the sentence after it.
    cards = rows[-1]
    assert (cards["metric"], cards["period_end"], cards["area"]) == ("bhyt_cards", "2023-12-31", "Long An")


def test_a_figure_a_sentence_states_and_a_table_repeats_is_proposed_once():
    builder = DocumentBuilder()
    builder.add_paragraph("Đến cuối năm 2023, tỷ lệ hộ nghèo của tỉnh Long An còn 0,88%.")
    builder.add_table([["Năm", "Tỷ lệ hộ nghèo (%)"], ["Cuối năm 2023", "0,88"], ["Cuối năm 2022", "1,12"]], "Bảng 1")
    rows = extract_document(builder.build(SourceDetails()), "doc", "Long An", PUBLISHED, PROVINCES, CATEGORIES)
    assert [row["quote"] for row in rows] == ["0,88%", "1,12"]


def test_a_document_read_by_ocr_says_so_in_every_note():
    builder = DocumentBuilder()
    builder.add_paragraph("Năm 2023, tỷ lệ hộ nghèo của tỉnh Long An giảm còn 0,88%.")
    builder.add_table(SHAPES["years_down"].grid, "Trang 1", SHAPES["years_down"].caption)
    rows = extract_document(builder.build(SourceDetails(), ocr=True), "doc", None, None, PROVINCES, CATEGORIES)
    assert rows and all(row["note"].endswith("read by OCR") for row in rows)
    assert {row["area"] for row in rows} == {"Long An"}  # the province the text outside the table names


# The validator: a unit from a header is accepted only when it reads to the row's value and unit


@pytest.fixture
def table_report(data_dir):
    """A report of one table, its text kept in data/reports, and its figures as proposed."""
    document = document_of(("Bảng 3 (trang 5)", SHAPES["bank_indicators_by_dates"]))
    (data_dir / "reports" / "900_tables.txt").write_text(document.text, encoding="utf-8")
    sources = read_csv(data_dir / "sources.csv")
    source = dict.fromkeys(sources[0], "")
    source.update(
        source_id="longan-tables-2024",
        file="900_tables.txt",
        title="Báo cáo kết quả tín dụng chính sách",
        publisher="Chi nhánh Ngân hàng Chính sách xã hội tỉnh Long An",
        publication_date="2024-03-15",
        province="Long An",
        language="vi",
        text_in_repository="true",
        kind="article",
    )
    write_csv(data_dir / "sources.csv", [*sources, source])
    publishers = read_csv(data_dir / "publishers.csv")
    publisher = {"publisher": source["publisher"], "tier": "official", "country": "VN"}
    write_csv(data_dir / "publishers.csv", [*publishers, publisher])
    rows = extract_document(document, "longan-tables-2024", "Long An", PUBLISHED, PROVINCES, CATEGORIES)
    return data_dir, rows


def problems_with(data_dir, rows) -> list:
    facts = read_csv(data_dir / "facts.csv")
    write_csv(data_dir / "facts.csv", [*facts, *({key: row[key] for key in facts[0]} for row in rows)])
    return [problem for problem in validate(read_inputs(data_dir)) if "longan-tables" in problem.key]


def test_table_figures_with_a_header_unit_pass_the_validator(table_report):
    data_dir, rows = table_report
    assert len(rows) == 12
    assert problems_with(data_dir, rows) == []


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"value": "4210000000"}, "value", "value_differs"),  # a scale of million read under "tỷ đồng"
        ({"note": "Bảng 3 (trang 5) · unit from the table header: triệu đồng"}, "value", "value_differs"),
        ({"note": "Bảng 3 (trang 5) · the unit is in the header"}, "value", "value_differs"),
        ({"unit": "count", "metric": "credit_borrowers_outstanding"}, "unit", "unit_differs"),
    ],
    ids=["wrong-value", "wrong-scale-in-the-note", "no-header-words", "unit-not-the-headers"],
)
def test_a_wrong_scale_or_unit_is_still_refused(table_report, changes, field, code):
    data_dir, rows = table_report
    outstanding = next(row for row in rows if row["quote"] == "4.210")
    outstanding.update(changes)
    problems = problems_with(data_dir, [outstanding])
    assert any(problem.field == field and problem.code == code for problem in problems), problems


# The review table shows where a table's figure stands, and reads it back with its header's unit


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_review_table_shows_the_cells_table_row_and_column_beside_the_figure(language):
    document = document_of(("Bảng 3 (trang 5)", SHAPES["bank_indicators_by_dates"]))
    proposed = extract_document(document, "doc", "Long An", PUBLISHED, PROVINCES, CATEGORIES)
    frame = review_table.review_frame(proposed)
    assert list(review_table.COLUMNS[:4]) == ["accept", "quote", "value", "note"]
    first = frame.loc[1]
    assert (first["quote"], first["value"]) == ("4.420", "4420000000000")
    assert first["note"] == "Bảng 3 (trang 5) · hàng «Tổng nguồn vốn (tỷ đồng)» · cột «31/12/2021» · " + (
        "unit from the table header: tỷ đồng"
    )
    config = review_table.column_config(review_table.choices(DATA_DIR, language), language)
    assert config["note"]["label"] == {"vi": "Ghi chú", "en": "Note"}[language]
    assert "unit from the table header" in config["note"]["help"]
    assert config["note"].get("disabled") is not True  # the reviewer may correct it


def test_an_emptied_value_of_a_table_cell_is_read_again_with_its_headers_unit():
    document = document_of(("Bảng 3 (trang 5)", SHAPES["bank_indicators_by_dates"]))
    proposed = extract_document(document, "doc", "Long An", PUBLISHED, PROVINCES, CATEGORIES)
    frame = review_table.review_frame(proposed)
    frame.loc[1, ["value", "unit"]] = None
    reviewed = review_table.reviewed_facts(frame, "doc", document.text)
    assert reviewed.problems == []
    assert (reviewed.facts[0]["value"], reviewed.facts[0]["unit"]) == ("4420000000000", "VND")


def test_the_same_period_of_the_year_before_is_the_same_months():
    document = document_of(("Bảng 12", SHAPES["six_months_and_same_period"]))
    periods = {row["quote"]: (row["period_start"], row["period_end"]) for row in propose(document)}
    assert periods["712.400"] == ("2024-01-01", "2024-06-30")
    assert periods["655.100"] == ("2023-01-01", "2023-06-30")
    assert "8,7" not in periods  # a change in percent between the two columns


def test_a_plan_column_is_a_target_and_an_estimate_is_not():
    document = document_of(("Biểu 2", SHAPES["bhyt_indicators_estimate_and_plan"]))
    targets = {row["quote"]: row["is_target"] for row in propose(document)}
    assert (targets["1.570.000"], targets["1.600.000"]) == ("false", "true")
