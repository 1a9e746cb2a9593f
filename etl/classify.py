"""Decide what a number in a report measures, for whom, and whether it is a target.

The words of Vietnamese poverty reporting are scored by how close they stand to the
number: the words before it (the clause so far) and after it (up to the clause end).
A nearer word counts more. Rules name words, never sentences of particular reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Where a rule looks: "left" of the number, "right" of it, "end" = immediately before it, or "any".
Rule = tuple[str, str, float]

_BHYT = r"(?:bảo hiểm y tế|bhyt)"
_BHXH = r"(?:bảo hiểm xã hội|bhxh)"
_PARTICIPANTS = r"(?:người )?tham gia"
_NEW = ("end", r"(?:phát triển(?: thêm| mới)?|thêm|mới)[^.;]{0,70}$", 3.0)
_PROGRAMME = (
    r"chương trình (?:mục tiêu quốc gia |mtqg )?(?:về )?giảm nghèo|poverty (?:reduction )?programme"
    r"|national target programme[^.;]{0,40}poverty"
)
# The drive to remove temporary and dilapidated houses (xóa nhà tạm, nhà dột nát).
# Building a house; "cất mới" in the south.
_BUILD = r"(?:xây dựng|xây mới|xây|cất mới|cất)"
_TEMPORARY_HOUSES = r"nhà (?:ở )?tạm|nhà dột nát|temporary (?:and dilapidated )?houses|dilapidated houses"
# A count that is a stock of borrowers: "58.400 hộ còn dư nợ", "61.300 khách hàng đang vay vốn".
_STILL_BORROWING = (
    r"^\s*(?!lượt)[^.;,]{0,30}?(?:(?:còn|đang có|có) dư nợ|\b(?:hộ|khách hàng) dư nợ|\bđang (?:còn )?(?:vay|được vay)"
    r"|\b(?:with|having) (?:loans? )?outstanding|\bstill (?:owing|borrowing))"
)
# Words of the social-policy bank's lending, and of being lent to.
_BANK = r"(?:ngân hàng (?:chính sách|csxh)|nhcsxh|vbsp)"
_LENDING = rf"(?:nguồn vốn|vốn vay|vốn tín dụng|tín dụng chính sách|{_BANK}|cho vay|vay vốn)"
# Words up to the end of a list of households ("7.420 hộ nghèo, 5.980 hộ cận nghèo được vay vốn"): a number
# only when it counts households or people too.
_LISTED = r"(?:[^.;\d]|\d[\d.,]*(?=\s+(?:lượt\s+)?(?:hộ|người)))"
# Up to a clause's end, numbers included ("1.420,5 tỷ đồng" holds a dot that does not end a sentence).
_WITHIN_CLAUSE = r"(?:[^.;]|\.(?=\d))"
_BORROWED = r"(?:được vay|vay vốn|có vốn|tiếp cận (?:nguồn )?vốn|được (?:ngân hàng )?cho vay)"
_FUND_FOR_THE_POOR = r"quỹ\s*[\"“‘']?vì người nghèo"
_CONTRIBUTION = r"^[^.;]{0,40}(?:mức đóng|chi phí (?:tham gia|mua thẻ))"
_RATE_OF_POPULATION = (
    rf"(?:tỷ|tỉ) lệ (?:bao phủ(?: {_BHYT})?|(?:dân số |người dân |dân cư )?tham gia {_BHYT})"
    rf"|bao phủ {_BHYT}|health insurance coverage|coverage of health insurance"
)

METRIC_RULES: dict[str, tuple[str, list[Rule]]] = {
    # money
    "credit_outstanding": ("VND", [("left", r"dư nợ|outstanding|credit balance", 4.0)]),
    # "dư nợ nguồn vốn cho vay" is loans outstanding, not the bank's funds.
    "credit_funds": ("VND", [("left", r"(?<!dư nợ )(?:tổng )?nguồn vốn|total (?:capital|funds)|capital", 4.5)]),
    "credit_disbursed": (
        "VND",
        [
            # The bank's lending over the period ("doanh số cho vay", "doanh số vay"), whatever programme it names.
            ("left", r"doanh số (?:cho )?vay", 8.0),
            ("left", r"doanh số|cho vay|vay vốn|được vay|tín dụng|giải ngân|lent|lending|loans? disbursed", 2.5),
            ("right", r"^\s*(?:vốn )?(?:tín dụng|vay)", 3.0),
            # The bank's own disbursement ("Ngân hàng CSXH ... đã giải ngân") is its lending.
            ("left", rf"{_BANK}{_WITHIN_CLAUSE}{{0,80}}giải ngân", 4.0),
        ],
    ),
    # A year's money of the national target programme disbursed; other programme money (allocated, mobilised,
    # or over several years: see YEARLY_METRICS) is poverty_programme_spending, which wins a tie.
    "poverty_programme_spending": (
        "VND",
        [
            ("any", _PROGRAMME, 3.0),
            ("left", r"vận động|huy động|mobili|phân bổ|giao|bố trí|kế hoạch vốn|tổng (?:nguồn )?vốn|allocat", 2.5),
            # "Tổng kinh phí thực hiện đạt hơn 600 tỷ đồng" after a sentence naming the programme.
            ("left", r"(?:kinh phí|vốn) (?:để )?(?:thực hiện|triển khai)", 1.5),
            ("paragraph", _PROGRAMME, 1.5),
        ],
    ),
    "poverty_programme_disbursed": ("VND", [("any", _PROGRAMME, 3.0), ("left", r"giải ngân|disburs", 3.5)]),
    "poverty_fund_raised": (
        "VND",
        [
            ("left", r"(?:vận động|quyên góp|tiếp nhận|huy động)[^.;]{0,40}quỹ", 4.5),
            # "Quỹ “Vì người nghèo” các cấp đã tiếp nhận ..." and its parts by level after it.
            ("left", rf"{_FUND_FOR_THE_POOR}[^;]{{0,80}}(?:tiếp nhận|vận động được|quyên góp|ủng hộ)", 5.0),
        ],
    ),
    "poverty_fund_spending": ("VND", [("left", r"quỹ [\"“]?vì người nghèo[\"”]?[^.;]{0,40}(?:chi|hỗ trợ)", 4.5)]),
    "bhyt_cost": ("VND", [("left", rf"thẻ {_BHYT}|{_BHYT}", 2.5)]),
    "electricity_support_spending": ("VND", [("any", r"tiền điện", 3.0)]),
    "tuition_support_spending": ("VND", [("left", r"học phí", 3.0)]),
    "social_allowance_spending": ("VND", [("left", r"trợ cấp", 3.0)]),
    "tet_gift_spending": ("VND", [("left", r"quà", 3.0)]),
    "houses_built_spending": (
        "VND",
        [("left", rf"{_BUILD}\s[^.;]{{0,25}}nhà", 3.5), ("any", _TEMPORARY_HOUSES, 3.0)],
    ),
    "houses_repaired_spending": ("VND", [("left", r"sửa chữa|sửa", 4.0)]),
    # counts
    "bhyt_cards": (
        "count",
        [
            ("right", r"^\s*(?:lượt )?thẻ|^\s*(?:free )?health insurance cards", 5.0),
            ("any", rf"thẻ {_BHYT}", 3.0),
        ],
    ),
    "savings_group_cards_per_month": (
        "count",
        [("left", r"mỗi tháng|hằng tháng|hàng tháng", 6.0), ("right", r"^\s*(?:lượt )?thẻ", 5.0)],
    ),
    "savings_group_members": ("count", [("right", r"^\s*(?:chị em|hội viên|thành viên)[^.;,]{0,20}tham gia", 5.0)]),
    "credit_borrowers_outstanding": (
        "count",
        [
            ("right", _STILL_BORROWING, 12.0),
            ("left", r"(?:hộ|khách hàng|người vay)[^.;,]{0,10}(?:còn|đang có) dư nợ|(?:hộ|khách hàng) đang vay", 6.0),
        ],
    ),
    "credit_borrowers": (
        "count",
        [
            # Borrowers listed in a lending clause are not counts of the poor: "nguồn vốn đã giúp 600 lượt hộ
            # nghèo, 1.400 hộ cận nghèo ... có vốn sản xuất", "4.000 hộ nghèo được vay vốn".
            ("left", rf"{_LENDING}{_WITHIN_CLAUSE}{{0,120}}?\b(?:giúp|cho|tạo điều kiện cho|hỗ trợ)\b", 6.0),
            ("right", rf"^\s*(?:lượt\s+)?(?:hộ|người|khách hàng|học sinh){_LISTED}{{0,80}}?{_BORROWED}", 6.0),
            ("right", r"^[^.;,]{0,40}\bvay\b", 5.0),
            ("end", r"cho vay\s*(?:trên|hơn|gần)?\s*$", 5.0),
            (
                "right",
                r"^\s*(?:lượt )?khách hàng|^[^.;,]{0,30}\b(?:borrowers?|borrowed|customers|with loans)\b",
                5.0,
            ),
        ],
    ),
    "electricity_support_recipients": ("count", [("any", r"tiền điện", 3.0)]),
    "tuition_support_recipients": ("count", [("any", r"học phí", 3.0)]),
    "social_allowance_recipients": ("count", [("any", r"trợ cấp", 3.0), ("right", r"bảo trợ xã hội", 2.0)]),
    "tet_gifts": ("count", [("right", r"^\s*(?:xuất |suất |phần )quà|^\s*(?:tet )?gifts?\b|^\s*gift packages", 6.0)]),
    "houses_built": (
        "count",
        [
            ("end", rf"{_BUILD}\s*$", 3.0),
            ("right", r"^\s*(?:căn |ngôi )?nhà (?:đại đoàn kết|tình nghĩa|ở)|^\s*(?:căn|ngôi) nhà", 3.0),
        ],
    ),
    "houses_repaired": ("count", [("end", r"sửa chữa\s*$|sửa\s*$", 6.0)]),
    # Houses built or repaired in the drive; those of the Fund for the Poor outside it stay houses_built/_repaired.
    "temporary_houses_removed": (
        "count",
        [("right", rf"^\s*(?:căn |ngôi )?(?:{_TEMPORARY_HOUSES})", 8.0), ("any", _TEMPORARY_HOUSES, 2.0)],
    ),
    "poor_households": (
        "count",
        [
            ("left", r"số hộ nghèo", 4.0),
            ("right", r"^\s*hộ nghèo|^\s*(?:poor|below-poverty) households", 2.0),
            ("end", r"hộ nghèo(?: là| có| còn)?\s*$", 4.0),
        ],
    ),
    "near_poor_households": (
        "count",
        [
            ("left", r"số hộ cận nghèo", 5.0),
            ("right", r"^\s*hộ cận nghèo|^\s*(?:near-poor|sub-poverty) households", 2.5),
            ("end", r"hộ cận nghèo(?: là| có| còn)?\s*$", 5.0),
        ],
    ),
    "poor_and_near_poor_households": (
        "count",
        [
            ("left", r"(?:tổng )?số hộ nghèo(?:,| và) (?:hộ )?cận nghèo", 6.0),
            ("end", r"hộ nghèo(?:,| và) (?:hộ )?cận nghèo(?: là| có| còn)?\s*$", 6.0),
            ("right", r"^\s*(?:hộ nghèo(?:,| và) (?:hộ )?cận nghèo|poor and near-poor households)", 6.0),
        ],
    ),
    "poor_households_reduction": (
        "count",
        [
            ("end", r"giảm(?: được)?\s*(?:từ|hơn|trên)?\s*$", 4.0),
            ("right", r"^\s*hộ (?:đã )?(?:thoát nghèo|ra khỏi)", 5.0),
            # Households a loan helped out of poverty ("giúp 3.000 hộ nghèo có điều kiện sản xuất, vươn lên thoát
            # nghèo") are a fall in poor households, not borrowers; "hộ mới thoát nghèo" is a group of borrowers.
            ("right", r"^[^.;\d]{0,90}?(?<!mới )(?:vươn lên |đã )?thoát nghèo", 7.0),
        ],
    ),
    "bhyt_participants": (
        "count",
        [
            ("right", rf"^\s*(?:{_PARTICIPANTS}|người có thẻ) {_BHYT}", 5.0),
            # "; năm 2024 đạt 1,80 triệu người tham gia" (nothing said of what) in a paragraph about health insurance.
            ("right", r"^\s*người tham gia\s*(?:[(;,.]|$)", 1.5),
            ("paragraph", _BHYT, 1.0),
        ],
    ),
    "bhyt_new_participants": ("count", [("right", rf"^\s*{_PARTICIPANTS} {_BHYT}", 5.0), _NEW]),
    "bhxh_participants": ("count", [("right", rf"^\s*{_PARTICIPANTS} {_BHXH}", 5.0)]),
    "voluntary_bhxh_participants": ("count", [("right", rf"^\s*{_PARTICIPANTS} {_BHXH} tự nguyện", 6.0)]),
    "voluntary_bhxh_new_participants": ("count", [("right", rf"^\s*{_PARTICIPANTS} {_BHXH} tự nguyện", 6.0), _NEW]),
    "cooperative_groups": ("count", [("right", r"^[^.;,]{0,15}tổ hợp tác", 6.0)]),
    "linkage_groups": ("count", [("right", r"^\s*(?:tổ, nhóm|nhóm liên kết|tổ liên kết|tổ nhóm)", 6.0)]),
    "district_unions_engaged": ("count", [("right", r"^\s*hội (?:lhpn|liên hiệp phụ nữ|phụ nữ) (?:cấp )?huyện", 6.0)]),
    "livelihood_models": ("count", [("right", r"^\s*mô hình", 4.0)]),
    "livelihood_model_households": ("count", [("end", r"mô hình[^.;]{0,100}\bcho\s*$", 5.0)]),
    "livelihood_training_participants": ("count", [("left", r"tập huấn|đào tạo|chuyển giao", 3.0)]),
    # rates
    "poverty_rate": (
        "percent",
        [
            ("left", r"tỷ lệ hộ (?:hội viên )?nghèo|hộ nghèo|poverty (?:rate|ratio)|poor households?", 3.0),
            # "giảm từ 5,12% năm 2021 xuống còn 3,40%": the level it fell from; "hộ nghèo giảm còn 0,91%".
            ("right", r"^[^.;,]{0,25}?xuống(?: còn)?\s", 4.0),
            ("end", r"(?<!cận )hộ nghèo(?: giảm)?(?: xuống)? còn\s*$", 6.0),
        ],
    ),
    "near_poverty_rate": ("percent", [("left", r"cận nghèo|near-poor|near poor|sub-poverty", 4.0)]),
    # "tỷ lệ nghèo đa chiều" adds poor and near-poor; "tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều" does not.
    "poor_and_near_poor_rate": (
        "percent",
        [("left", r"(?:tỷ|tỉ) lệ (?:hộ )?nghèo đa chiều|(?:tỷ|tỉ) lệ hộ nghèo(?:,| và) (?:hộ )?cận nghèo", 6.0)],
    ),
    "poverty_rate_reduction": ("percent", [("end", r"giảm\s*$", 6.0), ("right", r"^\s*so với", 3.0)]),
    "poverty_rate_yearly_reduction": (
        "percent",
        [
            ("right", r"^\s*(?:/\s*năm|mỗi năm|một năm|(?:a|per) year)", 7.0),
            ("left", r"giảm|decrease|reduc", 1.0),
            ("end", r"(?:mỗi|một|hằng|hàng) năm giảm(?: được)?\s*$", 8.0),
        ],
    ),
    # The budgets' share of a group's contribution (central and provincial together), and the province's
    # top-up alone ("ngân sách tỉnh hỗ trợ thêm 30% mức đóng").
    "bhyt_contribution_budget_share": ("percent", [("right", _CONTRIBUTION, 6.0)]),
    "bhyt_contribution_province_topup": (
        "percent",
        [
            ("right", _CONTRIBUTION, 6.0),
            ("end", r"thêm\s*$", 3.0),
            ("left", r"(?:ngân sách|kinh phí) (?:của )?(?:tỉnh|địa phương)|(?:tỉnh|địa phương) hỗ trợ", 3.0),
        ],
    ),
    "bhyt_coverage": ("percent", [("right", rf"thẻ {_BHYT}", 4.0)]),
    # The whole population's coverage; a group's share is bhyt_coverage (see WHOLE_POPULATION_METRICS).
    "bhyt_population_coverage": (
        "percent",
        [
            ("left", _RATE_OF_POPULATION, 6.0),
            ("right", rf"^\s*(?:dân số|người dân|dân cư)[^.;,]{{0,15}}(?:tham gia|có thẻ) {_BHYT}", 6.0),
            # "1,69 triệu người tham gia bảo hiểm y tế (chiếm 91,8% dân số)", "(độ bao phủ chiếm 90,5% dân số)".
            ("right", r"^\s*(?:dân số|số dân)(?!\w)", 3.0),
            ("left", rf"(?:độ |tỷ lệ )?bao phủ|{_BHYT}", 2.0),
        ],
    ),
    "credit_access_coverage": ("percent", [("right", r"vay vốn|tín dụng", 4.0)]),
    "tuition_support_coverage": ("percent", [("right", r"học phí", 4.0)]),
    "clean_water_access_coverage": ("percent", [("right", r"nước sạch", 5.0)]),
    "tet_gift_coverage": ("percent", [("right", r"tặng quà|nhận quà", 5.0)]),
    "policy_access_coverage": ("percent", [("right", r"tiếp cận (?:các |đầy đủ )?chính sách", 5.0)]),
    "social_protection_coverage": ("percent", [("right", r"bảo trợ xã hội", 4.0), ("right", r"trợ cấp", 2.0)]),
}

# The households a rate is a share of: the count printed beside a rate is of the same measure.
COUNT_OF_RATE = {
    "poverty_rate": "poor_households",
    "near_poverty_rate": "near_poor_households",
    "poor_and_near_poor_rate": "poor_and_near_poor_households",
}
# The count printed beside a rate or a balance ("2,45% với 169.566 hộ", "dư nợ 4.250 tỷ đồng với 61.300 khách
# hàng") counts the households of the same measure: those the rate is a share of, those with the loans outstanding.
COUNT_BESIDE = {**COUNT_OF_RATE, "credit_outstanding": "credit_borrowers_outstanding"}
# Metrics of one plan year: the same money over several years is other programme money.
YEARLY_METRICS = {
    "poverty_programme_disbursed": "poverty_programme_spending",
}
# Metrics of the whole population: the same measure for a group named beside the number is another metric.
WHOLE_POPULATION_METRICS = {"bhyt_population_coverage": "bhyt_coverage"}

_ETHNIC_MINORITY = r"(?:đồng bào |người |hộ (?:nghèo |cận nghèo )?)?dân tộc thiểu số|\bdtts\b"
# Most specific first: a longer match hides the shorter ones inside it.
GROUP_PATTERNS: list[tuple[str, str]] = [
    ("policy_households", r"(?:hộ|người) nghèo[^.;]{0,70}(?:đối tượng chính sách|hộ chính sách)"),
    ("poor_near_poor_newly_escaped", r"(?:hộ|người) nghèo,? (?:hộ )?cận nghèo,? (?:và )?(?:hộ )?mới thoát nghèo"),
    ("poor_and_near_poor", r"(?:hộ|người) nghèo,? (?:và )?(?:hộ |người )?cận nghèo|nghèo, cận nghèo"),
    ("disadvantaged", r"hoàn cảnh (?:đặc biệt )?khó khăn"),
    ("ethnic_minority", _ETHNIC_MINORITY),
    ("newly_escaped", r"(?:mới )?thoát nghèo"),
    ("near_poor", r"(?:hộ|người|học sinh) cận nghèo|cận nghèo"),
    ("poor_women", r"phụ nữ nghèo|hội viên nghèo"),
    ("poor", r"(?:hộ|người|học sinh|phụ nữ) nghèo"),
    ("social_protection", r"bảo trợ xã hội|trợ cấp xã hội|người cao tuổi"),
    ("farm_households_average_living", r"hộ gia đình làm nông nghiệp|mức sống trung bình"),
    ("households", r"hộ gia đình"),
    ("students", r"học sinh"),
    ("women_members", r"hội viên|phụ nữ|chị em"),
    ("residents", r"người dân"),
]
# Groups defined by poverty status outrank who the people are (pupils, members, residents).
POVERTY_GROUPS = {
    "policy_households",
    "poor_near_poor_newly_escaped",
    "poor_and_near_poor",
    "newly_escaped",
    "near_poor",
    "poor_women",
    "poor",
}
# Metrics about poverty itself: "hộ nghèo" names what is measured, not a group.
POVERTY_MEASURES = {
    "poverty_rate",
    "poor_and_near_poor_rate",
    "poor_and_near_poor_households",
    "near_poverty_rate",
    "poverty_rate_reduction",
    "poverty_rate_yearly_reduction",
    "poor_households",
    "near_poor_households",
    "poor_households_reduction",
}
# The social-policy bank lends to poor and policy households: reviewers record its figures for that group
# unless the report names another beside the number.
DEFAULT_GROUP_BY_CATEGORY = {"women_union": "women_members", "credit": "policy_households"}
# Whom a figure counts when the report names no group: the group its metric's definition counts
# (data/metrics.meta.yml). The drive's house counts without a group are its totals, with people with merit.
DEFAULT_GROUP_BY_METRIC = {
    "credit_borrowers_outstanding": "policy_households",
    "poverty_fund_raised": "poor",
    "poverty_fund_spending": "poor",
    "poverty_programme_disbursed": "poor_near_poor_newly_escaped",
    "poverty_programme_spending": "poor_near_poor_newly_escaped",
    "temporary_houses_removed": "disadvantaged",
}

# The poverty standard a sentence names ("theo chuẩn nghèo đa chiều giai đoạn 2022-2025"), by the last year of the
# period in its name (the decree of the 2022-2025 standard calls it "giai đoạn 2021-2025"), by the decision that set
# it, or by the survey: codes of data/poverty_standards.csv.
_STANDARD_BY_LAST_YEAR = {
    "2015": "income_2011_2015",
    "2020": "multidimensional_2016_2020",
    "2025": "multidimensional_2022_2025",
}
_STANDARD_BY_DECISION = {
    "09/2011": "income_2011_2015",
    "59/2015": "multidimensional_2016_2020",
    "07/2021": "multidimensional_2022_2025",
}
_STANDARD = re.compile(
    r"(?:chuẩn(?: hộ)? nghèo|poverty (?:standard|line|threshold)s?)[^.;,]{0,50}?(?:19|20)\d\d\s*[-–]\s*"
    r"(?P<last>20(?:15|20|25))(?!\d)"
    r"|(?P<decision>09/2011|59/2015|07/2021)/(?:QĐ-TTg|NĐ-CP)"
    r"|(?P<survey>khảo sát mức sống|(?:household )?living standards? survey)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StandardMention:
    start: int
    end: int
    standard: str


def poverty_standards(text: str) -> list[StandardMention]:
    """Every poverty standard the text names, in text order."""
    mentions = []
    for match in _STANDARD.finditer(text):
        if match["last"]:
            standard = _STANDARD_BY_LAST_YEAR[match["last"]]
        elif match["decision"]:
            standard = _STANDARD_BY_DECISION[match["decision"]]
        else:
            standard = "living_standards_survey"
        mentions.append(StandardMention(match.start(), match.end(), standard))
    return mentions


TARGET_WORDS = re.compile(r"phấn đấu|mục tiêu(?! quốc gia)|kế hoạch|chỉ tiêu|dự kiến", re.IGNORECASE)
_REACHED_TARGET = re.compile(r"đạt (?:mục tiêu|kế hoạch|chỉ tiêu)", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """The words around one number: `left` ends at it, `right` starts after it (both lower case)."""

    left: str
    right: str
    near_left: str  # since the previous number of the clause
    near_right: str  # until the next number of the clause
    paragraph: str = ""  # the paragraph (line) up to the number: what it names frames the figures that follow


# Outcomes of lending that no metric counts: jobs ("tạo việc làm cho 2.000 lao động") and works built ("xây mới
# 4.000 công trình nước sạch"), not houses, insured people or trainees.
_UNMEASURED_OUTCOME = re.compile(
    r"^\s*(?:lao động|người lao động|việc làm|công trình|lượt lao động)(?!\w)", re.IGNORECASE
)
_TRAINING = re.compile(r"tập huấn|đào tạo|dạy nghề|chuyển giao", re.IGNORECASE)


def is_unmeasured_outcome(unit: str, context: Context) -> bool:
    """A count of jobs or works, which no metric of data/metrics.csv measures (trainees excepted)."""
    return (
        unit == "count"
        and bool(_UNMEASURED_OUTCOME.match(context.right))
        and not _TRAINING.search(context.near_left + context.right)
    )


def metric_scores(unit: str, context: Context) -> dict[str, float]:
    """Each metric's score; what the paragraph names only adds to a metric the figure's own clause points to."""
    scores = {}
    for metric, (metric_unit, rules) in METRIC_RULES.items():
        if metric_unit == unit:
            own = sum(
                _rule_score(side, pattern, weight, context) for side, pattern, weight in rules if side != "paragraph"
            )
            if own > 0:
                framed = sum(
                    _rule_score(side, pattern, weight, context)
                    for side, pattern, weight in rules
                    if side == "paragraph"
                )
                scores[metric] = own + framed
    return scores


def best_metric(unit: str, context: Context) -> tuple[str | None, float]:
    scores = metric_scores(unit, context)
    if not scores:
        return None, 0.0
    metric = max(scores, key=scores.get)
    if metric in ("houses_built", "houses_repaired") and re.search(
        _TEMPORARY_HOUSES, context.left + " " + context.right, re.IGNORECASE
    ):
        return "temporary_houses_removed", scores[metric]  # built or repaired, within the drive
    return metric, scores[metric]


def for_period(metric: str | None, period_start: date | None, period_end: date | None) -> str | None:
    """A metric of one plan year becomes its several-year kind when the figure's period spans years."""
    spans_years = period_start is not None and period_end is not None and period_start.year != period_end.year
    return YEARLY_METRICS.get(metric or "", metric) if spans_years else metric


def for_group(metric: str | None, group: str) -> str | None:
    """A whole-population metric becomes the group's metric when a group is named beside the number."""
    return WHOLE_POPULATION_METRICS[metric] if metric in WHOLE_POPULATION_METRICS and group != "all" else metric


def _rule_score(side: str, pattern: str, weight: float, context: Context) -> float:
    best = 0.0
    if side == "paragraph":
        return weight if re.search(pattern, context.paragraph, re.IGNORECASE) else 0.0
    if side in ("left", "any", "end"):
        for match in re.finditer(pattern, context.left, re.IGNORECASE):
            if side == "end" and match.end() != len(context.left):
                continue
            best = max(best, weight / (1 + (len(context.left) - match.end()) / 60))
    if side in ("right", "any"):
        for match in re.finditer(pattern, context.right, re.IGNORECASE):
            best = max(best, weight / (1 + match.start() / 60))
    return best


_BREAKDOWN = re.compile(r"\btrong đó\b|\btập trung\b", re.IGNORECASE)


def best_group(metric: str | None, category: str | None, unit: str, context: Context) -> str:
    if metric in POVERTY_MEASURES:
        if re.search(_ETHNIC_MINORITY, context.near_left[-40:] + context.near_right[:40], re.IGNORECASE):
            return "ethnic_minority"  # "hộ nghèo dân tộc thiểu số": the poor of the minorities
        if _groups_in(context.near_left, context.near_right, unit) == "poor_near_poor_newly_escaped":
            return "poor_near_poor_newly_escaped"  # households newly out of poverty too: beneficiaries, not a measure
        return "women_members" if re.search(r"hội viên", context.left, re.IGNORECASE) else "all"
    if metric in WHOLE_POPULATION_METRICS:
        # Only a group named right beside the number makes it a group's share ("tỷ lệ tham gia BHYT của
        # người nghèo"); residents (người dân) are the whole population.
        found = _groups_in(context.near_left, context.near_right, unit)
        return found if found and found != "residents" else "all"
    if metric == "temporary_houses_removed" and re.search(r"người có công", context.left + context.right):
        return "disadvantaged"  # the drive's totals with the houses of people with merit
    # Before a count or rate, the words after an earlier number of the clause belong to that number.
    near_left = context.near_left if unit == "VND" or context.near_left == context.left else ""
    if category == "credit":
        # The bank's customers ("lượt khách hàng") are its poor and policy households, and what follows "trong đó"
        # lists the programmes it lent through: only a group named beside the number is the figure's.
        near_right = _BREAKDOWN.split(context.near_right)[0]
        if re.match(r"\s*(?:lượt\s+)?khách hàng", near_right):
            return "policy_households"
        found = _groups_in(near_left, near_right, unit)
        found = found or _groups_in(context.left, _BREAKDOWN.split(context.right)[0], unit)
        return found or DEFAULT_GROUP_BY_CATEGORY["credit"]
    for left, right in ((near_left, context.near_right), (context.left, context.right)):
        found = _groups_in(left, right, unit)
        if found:
            return found
    return DEFAULT_GROUP_BY_METRIC.get(metric or "", DEFAULT_GROUP_BY_CATEGORY.get(category or "", "all"))


def _groups_in(left: str, right: str, unit: str) -> str | None:
    candidates = []
    # Money usually follows the count it belongs to ("1.574 thẻ cho người nghèo, kinh phí 1,4 tỷ"),
    # counts and rates are followed by whom they count ("882 lượt hộ nghèo").
    left_factor, right_factor = (0.7, 2.0) if unit == "VND" else (1.5, 0.5)
    for side, text, factor in (("left", left, left_factor), ("right", right, right_factor)):
        spans = _group_spans(text)
        kinds = {group for group, _, _ in spans}
        for group, start, end in spans:
            if group in ("poor_and_near_poor", "poor", "near_poor") and "disadvantaged" in kinds and side == "right":
                group = "disadvantaged"  # a list of poor, near-poor and others in difficulty, as one figure
            distance = len(text) - end if side == "left" else start
            bonus = 30 if group in POVERTY_GROUPS else 0
            candidates.append((distance * factor - bonus, group))
    return min(candidates)[1] if candidates else None


def _group_spans(text: str) -> list[tuple[str, int, int]]:
    spans: list[tuple[str, int, int]] = []
    for group, pattern in GROUP_PATTERNS:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not any(start <= match.start() and match.end() <= end for _, start, end in spans):
                spans.append((group, match.start(), match.end()))
    return spans


def is_target(sentence_before_number: str) -> bool:
    """A plan, not a result: "phấn đấu", "mục tiêu", "kế hoạch", "chỉ tiêu" before the number in its sentence."""
    cleaned = _REACHED_TARGET.sub("", sentence_before_number)
    return bool(TARGET_WORDS.search(cleaned))
