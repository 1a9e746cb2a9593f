"""The shapes of sentences that gave unseen articles a wrong year or topic (issue 29), and the group the
social-policy bank's figures are proposed for. Every sentence here was written for these tests, with made-up
numbers, in the shapes Vietnamese provincial news uses."""

from __future__ import annotations

from datetime import date

import pytest

from etl import periods
from etl.extract import extract, reference
from etl.paths import DATA_DIR

PROVINCES, CATEGORIES = reference(DATA_DIR)


def propose(text: str, published: date | None = date(2025, 1, 20)) -> dict[str, dict[str, str]]:
    return {row["quote"]: row for row in extract(text, "test", "Long An", published, PROVINCES, CATEGORIES)}


def period(row: dict[str, str]) -> tuple[str, str]:
    return row["period_start"], row["period_end"]


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "Hết năm 2024, tổng nguồn vốn của chi nhánh đạt trên 3.870 tỷ đồng, tăng 8,2% so với cuối năm 2023. "
            "Doanh số cho vay đạt trên 1.150 tỷ đồng.",
            "trên 1.150 tỷ đồng",
            ("2024-01-01", "2024-12-31"),
        ),
        (
            "Năm 2024, dư nợ đạt 2.640 tỷ đồng, tăng 190 tỷ đồng so cùng kỳ năm 2023; nợ quá hạn chiếm 0,12%. "
            "Toàn tỉnh có 41.200 khách hàng còn dư nợ.",
            "41.200",
            ("2024-01-01", "2024-12-31"),
        ),
        (
            "Trong năm 2023, số hộ nghèo giảm mạnh so với năm 2022. Cả tỉnh xây mới 215 căn nhà cho hộ nghèo.",
            "215",
            ("2023-01-01", "2023-12-31"),
        ),
        (
            "Năm 2022, tỷ lệ bao phủ BHYT tăng so với đầu năm 2021. Toàn tỉnh có 1.250.000 người tham gia BHYT.",
            "1.250.000",
            ("2022-01-01", "2022-12-31"),
        ),
    ],
)
def test_a_comparison_base_never_dates_a_figure(text, quote, expected):
    assert period(propose(text)[quote]) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Xã hội\n\nGiảm nghèo ở vùng biên\n\n12/03/2021 - 09:05\n\nHiện còn 730 hộ nghèo.", date(2021, 3, 12)),
        ("Tin tức\nCập nhật 7/9/2023\nĐến nay toàn huyện còn 412 hộ nghèo.", date(2023, 9, 7)),
        ("Kinh tế\n16:20 | 28/10/2024\nHiện tại huyện có 96 hộ nghèo.", date(2024, 10, 28)),
        ("Thứ Ba, 04-06-2019, 14:32 (GMT+7)\nNăm nay huyện có 51 hộ nghèo.", date(2019, 6, 4)),
        ("Giảm nghèo bền vững\nNgày đăng: 21/11/2022\nHiện nay huyện có 80 hộ nghèo.", date(2022, 11, 21)),
    ],
)
def test_the_dateline_is_the_publication_date(text, day):
    assert periods.dateline(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "Tính đến 31/12/2023, toàn tỉnh còn 2.140 hộ nghèo.",
        "Theo Quyết định số 12/2021/QĐ-UBND ngày 05/3/2021, huyện hỗ trợ 40 hộ.",
        "Không có ngày nào ở đây.",
    ],
)
def test_a_date_inside_a_sentence_is_not_a_dateline(text):
    assert periods.dateline(text) is None


def test_a_dateline_anchors_now_and_undated_figures_when_no_date_is_given():
    text = (
        "Xã hội\n\n08:15 | 19/04/2023\n\nHiện còn 1.920 hộ nghèo trên địa bàn huyện. "
        "Chi nhánh Ngân hàng Chính sách xã hội đã giải quyết cho 3.400 khách hàng vay vốn."
    )
    rows = propose(text, published=None)
    assert period(rows["1.920"]) == ("2023-04-19", "2023-04-19")
    assert rows["3.400"]["period_end"][:4] == "2023"


def test_a_body_date_is_not_taken_for_the_publication_date():
    text = "Tính đến 31/12/2023, toàn tỉnh còn 2.140 hộ nghèo. Hiện nay tỷ lệ hộ nghèo là 1,2%."
    assert propose(text, published=None)["1,2%"]["period_start"] == ""


@pytest.mark.parametrize(
    ("text", "quote", "metric", "group"),
    [
        (
            "Nguồn vốn tín dụng chính sách đã giúp 610 lượt hộ nghèo, 1.470 hộ cận nghèo, 8.300 hộ mới thoát nghèo "
            "có vốn phát triển sản xuất.",
            "610",
            "credit_borrowers",
            "poor",
        ),
        (
            "Nguồn vốn tín dụng chính sách đã giúp 610 lượt hộ nghèo, 1.470 hộ cận nghèo, 8.300 hộ mới thoát nghèo "
            "có vốn phát triển sản xuất.",
            "1.470",
            "credit_borrowers",
            "near_poor",
        ),
        (
            "Nguồn vốn tín dụng chính sách đã giúp 610 lượt hộ nghèo, 1.470 hộ cận nghèo, 8.300 hộ mới thoát nghèo "
            "có vốn phát triển sản xuất.",
            "8.300",
            "credit_borrowers",
            "newly_escaped",
        ),
        ("Trong năm, có 3.950 hộ nghèo trên địa bàn được vay vốn ưu đãi.", "3.950", "credit_borrowers", "poor"),
        (
            "Năm 2024, doanh số vay đạt 2.480 tỷ đồng, tăng 6% so với năm trước.",
            "2.480 tỷ đồng",
            "credit_disbursed",
            "policy_households",
        ),
        (
            "Doanh số cho vay các chương trình tín dụng chính sách năm 2023 đạt 915 tỷ đồng.",
            "915 tỷ đồng",
            "credit_disbursed",
            "policy_households",
        ),
        (
            "Đến cuối năm 2024, tổng dư nợ của Ngân hàng Chính sách xã hội tỉnh đạt 5.120 tỷ đồng.",
            "5.120 tỷ đồng",
            "credit_outstanding",
            "policy_households",
        ),
        (
            "Năm 2024, tổng kinh phí thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững đạt hơn 530 tỷ đồng.",
            "hơn 530 tỷ đồng",
            "poverty_programme_spending",
            "poor_near_poor_newly_escaped",
        ),
        (
            "Giai đoạn 2021-2024, vốn thực hiện Chương trình MTQG giảm nghèo bền vững trên địa bàn tỉnh là trên 690 "
            "tỷ đồng.",
            "trên 690 tỷ đồng",
            "poverty_programme_spending",
            "poor_near_poor_newly_escaped",
        ),
        (
            "Chương trình giảm nghèo năm 2024 đạt nhiều kết quả. Tổng kinh phí thực hiện đạt hơn 610 tỷ đồng.",
            "hơn 610 tỷ đồng",
            "poverty_programme_spending",
            "poor_near_poor_newly_escaped",
        ),
    ],
)
def test_credit_and_programme_figures_get_their_topic(text, quote, metric, group):
    row = propose(text)[quote]
    assert (row["metric"], row["beneficiary_group"]) == (metric, group)


def test_housing_money_by_source_is_housing_money():
    text = (
        "Năm 2024, tổng kinh phí xóa nhà tạm, nhà dột nát trên địa bàn tỉnh là 96 tỷ đồng, trong đó ngân sách "
        "trung ương 31 tỷ đồng, ngân sách địa phương 42 tỷ đồng, vốn huy động 23 tỷ đồng."
    )
    rows = propose(text)
    assert {quote: row["metric"] for quote, row in rows.items()} == dict.fromkeys(
        ["96 tỷ đồng", "31 tỷ đồng", "42 tỷ đồng", "23 tỷ đồng"], "houses_built_spending"
    )


def test_outcomes_of_lending_are_not_houses_or_insured_people():
    text = (
        "Năm 2024, vốn vay ưu đãi của Ngân hàng Chính sách xã hội đã góp phần tạo việc làm cho trên 2.300 lao "
        "động, xây mới hơn 4.100 công trình nước sạch và vệ sinh môi trường, giúp 870 học sinh, sinh viên được "
        "vay vốn đi học."
    )
    rows = propose(text)
    assert "trên 2.300" not in rows and "hơn 4.100" not in rows
    assert (rows["870"]["metric"], rows["870"]["beneficiary_group"]) == ("credit_borrowers", "students")


def test_a_count_of_poor_households_outside_credit_stays_a_poverty_count():
    rows = propose("Cuối năm 2024, toàn huyện còn 1.230 hộ nghèo, 2.010 hộ cận nghèo.")
    assert (rows["1.230"]["metric"], rows["2.010"]["metric"]) == ("poor_households", "near_poor_households")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Nguồn vốn chính sách đã giúp gần 2.900 hộ thoát nghèo.", "gần 2.900"),
        (
            "Vốn vay ưu đãi giúp cho trên 1.700 hộ nghèo và cận nghèo có điều kiện chăn nuôi, vươn lên thoát nghèo.",
            "trên 1.700",
        ),
    ],
)
def test_households_a_loan_helped_out_of_poverty_are_a_fall_in_poor_households(text, quote):
    assert propose(text)[quote]["metric"] == "poor_households_reduction"


def test_the_bank_s_customers_are_policy_households_whatever_programmes_follow():
    text = (
        "Năm 2023, doanh số cho vay đạt 870 tỷ đồng với 21.400 lượt khách hàng vay vốn, trong đó chủ yếu là các "
        "chương trình cho vay hộ nghèo, hộ cận nghèo."
    )
    rows = propose(text)
    assert (rows["870 tỷ đồng"]["beneficiary_group"], rows["21.400"]["beneficiary_group"]) == (
        "policy_households",
        "policy_households",
    )
    assert rows["21.400"]["metric"] == "credit_borrowers"


def test_a_flow_is_not_dated_by_the_day_of_a_level_before_it():
    text = (
        "Năm 2022, chi nhánh hoàn thành các chỉ tiêu. Tổng nguồn vốn đến 31/12/2022 đạt 2.960 tỷ đồng.\n"
        "Doanh số cho vay đạt 780 tỷ đồng."
    )
    rows = propose(text)
    assert period(rows["2.960 tỷ đồng"]) == ("2022-12-31", "2022-12-31")
    assert period(rows["780 tỷ đồng"]) == ("2022-01-01", "2022-12-31")


@pytest.mark.parametrize(
    ("text", "quote", "metric", "group"),
    [
        (
            "Năm 2024, Ban vận động Quỹ “Vì người nghèo” các cấp đã tiếp nhận trên 84 tỷ đồng, trong đó cấp tỉnh "
            "12,5 tỷ đồng; cấp huyện 21,3 tỷ đồng.",
            "trên 84 tỷ đồng",
            "poverty_fund_raised",
            "poor",
        ),
        (
            "Năm 2024, Ban vận động Quỹ “Vì người nghèo” các cấp đã tiếp nhận trên 84 tỷ đồng, trong đó cấp tỉnh "
            "12,5 tỷ đồng; cấp huyện 21,3 tỷ đồng.",
            "21,3 tỷ đồng",
            "poverty_fund_raised",
            "poor",
        ),
        (
            "Năm 2023, từ nguồn quỹ vận động, tỉnh đã cất mới 840 căn nhà Đại đoàn kết cho hộ nghèo với kinh phí "
            "33,6 tỷ đồng.",
            "33,6 tỷ đồng",
            "houses_built_spending",
            "poor",
        ),
        (
            "Trong năm 2024, Ngân hàng CSXH chi nhánh tỉnh đã giải ngân 1.420,5 tỷ đồng cho 29.800 lượt hộ nghèo, "
            "cận nghèo và các đối tượng chính sách khác.",
            "1.420,5 tỷ đồng",
            "credit_disbursed",
            "policy_households",
        ),
        (
            "Trong năm 2024, Ngân hàng CSXH chi nhánh tỉnh đã giải ngân 1.420,5 tỷ đồng cho 29.800 lượt hộ nghèo, "
            "cận nghèo và các đối tượng chính sách khác.",
            "29.800",
            "credit_borrowers",
            "policy_households",
        ),
        (
            "Đến cuối năm 2024, tổng dư nợ đạt 4.870 tỷ đồng, phục vụ 128.300 khách hàng.",
            "128.300",
            "credit_borrowers_outstanding",
            "policy_households",
        ),
        (
            "Đến nay, tổng dư nợ nguồn vốn cho vay đạt 5.310 tỷ đồng.",
            "5.310 tỷ đồng",
            "credit_outstanding",
            "policy_households",
        ),
        (
            "Dư nợ cho vay đối với đồng bào dân tộc thiểu số là trên 190,4 tỷ đồng, với 15.230 hộ dân tộc thiểu số "
            "còn dư nợ.",
            "trên 190,4 tỷ đồng",
            "credit_outstanding",
            "ethnic_minority",
        ),
        (
            "Dư nợ cho vay đối với đồng bào dân tộc thiểu số là trên 190,4 tỷ đồng, với 15.230 hộ dân tộc thiểu số "
            "còn dư nợ.",
            "15.230",
            "credit_borrowers_outstanding",
            "ethnic_minority",
        ),
        (
            "Năm 2019, tổng số hộ nghèo dân tộc thiểu số của tỉnh là 4.860 hộ.",
            "4.860",
            "poor_households",
            "ethnic_minority",
        ),
        (
            "Năm 2023, toàn tỉnh có 1,69 triệu người tham gia bảo hiểm y tế (chiếm 91,8% dân số).",
            "91,8%",
            "bhyt_population_coverage",
            "all",
        ),
        (
            "Năm 2022, toàn tỉnh phát triển 1,65 triệu người tham gia bảo hiểm y tế (độ bao phủ chiếm 90,5% dân số).",
            "90,5%",
            "bhyt_population_coverage",
            "all",
        ),
    ],
)
def test_fund_housing_credit_and_coverage_shapes(text, quote, metric, group):
    row = propose(text)[quote]
    assert (row["metric"], row["beneficiary_group"]) == (metric, group)


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "9 tháng của năm 2023, Quỹ “Vì người nghèo” các cấp đã tiếp nhận trên 96 tỷ đồng.",
            "trên 96 tỷ đồng",
            ("2023-01-01", "2023-09-30"),
        ),
        (
            "Từ đầu năm 2024 đến nay, Quỹ “Vì người nghèo” các cấp đã tiếp nhận trên 41 tỷ đồng.",
            "trên 41 tỷ đồng",
            ("2024-01-01", "2025-01-20"),
        ),
        (
            "Đầu năm 2024 đến nay, Quỹ “Vì người nghèo” các cấp đã tiếp nhận trên 41 tỷ đồng.",
            "trên 41 tỷ đồng",
            ("2024-01-01", "2025-01-20"),
        ),
    ],
)
def test_periods_counted_from_the_start_of_a_year(text, quote, expected):
    assert period(propose(text)[quote]) == expected


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "Năm 2018, chi nhánh mở rộng cho vay. Tổng dư nợ đến ngày 30/4 là trên 1.930 tỷ đồng.",
            "trên 1.930 tỷ đồng",
            ("2018-04-30", "2018-04-30"),
        ),
        (
            "Chương trình Tết Nhân ái Xuân Giáp Thìn 2024: năm nay các cấp Hội trao tặng hơn 9.000 suất quà.",
            "hơn 9.000",
            ("2024-01-01", "2024-12-31"),
        ),
    ],
)
def test_an_undated_report_s_day_or_this_year_is_in_the_latest_year_it_names(text, quote, expected):
    assert period(propose(text, published=None)[quote]) == expected


def test_a_list_of_yearly_participants_in_a_health_insurance_paragraph():
    text = (
        "Theo kế hoạch bao phủ bảo hiểm y tế, năm 2024 toàn tỉnh đạt 1,71 triệu người tham gia; năm 2025 đạt "
        "1,74 triệu người tham gia."
    )
    rows = propose(text)
    assert (rows["1,71 triệu"]["metric"], rows["1,74 triệu"]["metric"]) == ("bhyt_participants", "bhyt_participants")
    assert period(rows["1,74 triệu"]) == ("2025-01-01", "2025-12-31")


def test_a_list_of_regions_keeps_the_measure_named_at_its_head():
    text = (
        "Năm 2024, tỷ lệ nghèo đa chiều theo các vùng như sau: Tây Nguyên 11,20% với 180.300 hộ; Đông Nam Bộ "
        "0,25% với 11.400 hộ; Đồng bằng sông Cửu Long 3,90% với 190.100 hộ."
    )
    rows = propose(text, published=date(2025, 2, 1))
    assert rows["0,25%"]["metric"] == rows["3,90%"]["metric"] == "poor_and_near_poor_rate"
    assert rows["11.400"]["metric"] == rows["190.100"]["metric"] == "poor_and_near_poor_households"
    assert {rows[quote]["beneficiary_group"] for quote in ("11,20%", "180.300", "0,25%")} == {"all"}


@pytest.mark.parametrize(
    ("text", "quote", "metric"),
    [
        (
            "Năm 2015, tỷ lệ hộ nghèo của tỉnh ở mức 6,10%. Đến năm 2019, con số này là 3,05%.",
            "3,05%",
            "poverty_rate",
        ),
        (
            "Trong 5 năm, tỷ lệ hộ nghèo giảm 3,2%. Bình quân mỗi năm giảm 0,64%.",
            "0,64%",
            "poverty_rate_yearly_reduction",
        ),
        ("Tỷ lệ hộ nghèo của huyện giảm từ 5,12% năm 2021 xuống còn 3,40% năm 2023.", "từ 5,12%", "poverty_rate"),
        (
            "Năm 2023, tỷ lệ nghèo đa chiều của tỉnh là 3,10%, hộ nghèo giảm còn 0,91% và hộ cận nghèo còn 2,19%.",
            "0,91%",
            "poverty_rate",
        ),
        (
            "Từ năm 2021 đến nay, toàn tỉnh có 7.420 hộ nghèo, 5.980 hộ cận nghèo được hỗ trợ vay vốn ưu đãi.",
            "7.420",
            "credit_borrowers",
        ),
        (
            "Đến 31/7/2024, dư nợ cho vay hộ nghèo đạt 980 tỷ đồng, có 27.300 hộ dư nợ.",
            "27.300",
            "credit_borrowers_outstanding",
        ),
        (
            "Năm 2020 toàn tỉnh tăng thêm 0,15 triệu người tham gia bảo hiểm y tế, đạt hơn 87% dân số.",
            "hơn 87%",
            "bhyt_population_coverage",
        ),
    ],
)
def test_rates_and_counts_that_refer_back_or_come_in_lists(text, quote, metric):
    assert propose(text)[quote]["metric"] == metric


@pytest.mark.parametrize(
    ("text", "quote", "published", "expected"),
    [
        (
            "Thống kê từ năm 2018 đến nay, toàn tỉnh có 3.200 hộ nghèo được vay vốn ưu đãi. Năm 2021 tỷ lệ hộ nghèo "
            "là 1,6%, mục tiêu đến năm 2025 còn 1%.",
            "3.200",
            None,
            ("2018-01-01", "2021-12-31"),
        ),
        (
            "Doanh số cho vay 6 tháng đầu năm là 410 tỷ đồng.",
            "410 tỷ đồng",
            date(2023, 7, 20),
            ("2023-01-01", "2023-06-30"),
        ),
        (
            "Trong quý I, toàn tỉnh đã cấp 48.200 thẻ BHYT cho người thuộc hộ nghèo.",
            "48.200",
            date(2022, 4, 10),
            ("2022-01-01", "2022-03-31"),
        ),
        (
            "Theo báo cáo, đến hết tháng 3/2022 toàn tỉnh có 64 hộ nghèo được vay vốn với tổng số tiền "
            "2.080 triệu đồng.",
            "64",
            date(2022, 4, 10),
            ("2022-01-01", "2022-03-31"),
        ),
    ],
)
def test_periods_of_flows_quarters_and_undated_since(text, quote, published, expected):
    assert period(propose(text, published=published)[quote]) == expected


def test_participants_of_something_else_are_not_insured_people():
    text = "Bảo hiểm y tế được tuyên truyền rộng rãi. Các huyện mở 20 lớp, có 530 người tham gia tập huấn."
    assert "530" not in propose(text) or propose(text)["530"]["metric"] != "bhyt_participants"


def test_the_dateline_is_the_date_printed_at_the_top_not_one_inside_a_sentence():
    assert periods.dateline("Tin tức\n09:40 | 05/11/2024\nTính đến 31/12/2023, ...") == date(2024, 11, 5)
    assert periods.dateline("Tính đến 31/12/2023, toàn tỉnh còn 2.140 hộ nghèo.") is None
