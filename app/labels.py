"""Every word the dashboard shows, in Vietnamese and English. How a figure itself is written in each
(numbers, money, periods) is etl/figure_text.py's, which the pipeline uses too."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
from babel.dates import format_date

# Written once for the pipeline and the dashboard alike; the dashboard reads them from here.
from etl.figure_text import LANGUAGES as LANGUAGES
from etl.figure_text import LOCALES as LOCALES
from etl.figure_text import QUALIFIER_WORDS as QUALIFIER_WORDS
from etl.figure_text import money_scale as money_scale
from etl.figure_text import number as number
from etl.figure_text import period_text as period_text
from etl.figure_text import value_text as value_text

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"vi": "Giảm nghèo: so sánh 5 tỉnh", "en": "Poverty reduction: five provinces compared"},
    "app_short": {"vi": "Giảm nghèo 5 tỉnh", "en": "Poverty, five provinces"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "presentation": {"vi": "Chế độ trình chiếu", "en": "Presentation mode"},
    "filters": {"vi": "Bộ lọc", "en": "Filters"},
    "provinces": {"vi": "Tỉnh", "en": "Provinces"},
    "categories": {"vi": "Chủ đề", "en": "Topics"},
    "metrics": {"vi": "Chỉ tiêu", "en": "Metrics"},
    "levels": {"vi": "Cấp địa bàn", "en": "Area level"},
    "groups": {"vi": "Nhóm đối tượng", "en": "Beneficiary group"},
    "years": {"vi": "Năm", "en": "Years"},
    "targets": {"vi": "Số liệu", "en": "Figures"},
    "targets_all": {"vi": "Thực hiện và mục tiêu", "en": "Results and targets"},
    "targets_actual": {"vi": "Chỉ kết quả thực hiện", "en": "Results only"},
    "targets_target": {"vi": "Chỉ mục tiêu", "en": "Targets only"},
    "all": {"vi": "Tất cả", "en": "All"},
    "empty": {
        "vi": "Không có số liệu nào khớp với bộ lọc này. Hãy bỏ bớt điều kiện ở thanh bên.",
        "en": "No figures match these filters. Remove a condition in the sidebar.",
    },
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "page_poverty": {"vi": "Tỷ lệ nghèo", "en": "Poverty"},
    "page_health_insurance": {"vi": "Bảo hiểm y tế", "en": "Health insurance"},
    "page_credit": {"vi": "Tín dụng chính sách", "en": "Credit"},
    "page_support": {"vi": "Chi hỗ trợ", "en": "Support spending"},
    "page_explore": {"vi": "Tra cứu & tải về", "en": "Explore & export"},
    "page_sources": {"vi": "Nguồn & phương pháp", "en": "Sources & method"},
    "page_add_report": {"vi": "Thêm báo cáo", "en": "Add a report"},
    "add_intro": {
        "vi": "Đưa vào một báo cáo — địa chỉ trang web, tệp PDF (kể cả bản quét), Word, Excel, ảnh chụp, hoặc dán "
        "văn bản —, bấm Đề xuất; kiểm tra thông tin nguồn và từng số liệu trong bảng, bỏ chọn những dòng sai rồi "
        "bấm Lưu.",
        "en": "Bring a report — a web address, a PDF file (scanned too), Word, Excel, a photo, or paste its text —, "
        "press Propose; check its source and each figure in the table, untick the wrong ones, then press Save.",
    },
    "upload": {
        "vi": "Tải lên tệp báo cáo (.pdf, .docx, .doc, .xlsx, ảnh .png/.jpg/.tif, .txt)",
        "en": "Upload the report's file (.pdf, .docx, .doc, .xlsx, image .png/.jpg/.tif, .txt)",
    },
    "address_field": {
        "vi": "Hoặc địa chỉ trang web của báo cáo (http/https)",
        "en": "Or the report's web address (http/https)",
    },
    "paste": {"vi": "Hoặc dán văn bản báo cáo", "en": "Or paste the report's text"},
    "text_kept_where": {"vi": "Văn bản của báo cáo", "en": "The report's text"},
    "kept_in_project": {
        "vi": "báo cáo của cơ quan: lưu văn bản và tệp gốc trong dự án",
        "en": "an office's report: keep its text and original file in the project",
    },
    "kept_on_machine": {
        "vi": "bài đã đăng: chỉ lưu trên máy này (không đưa vào dự án)",
        "en": "a published article: keep them only on this machine (not in the project)",
    },
    "read_from": {
        "vi": "Đã đọc {form}: {characters} ký tự, {tables} bảng. Thông tin nguồn bên trên lấy từ tài liệu — hãy "
        "kiểm tra lại.",
        "en": "Read {form}: {characters} characters, {tables} tables. The source details above come from the "
        "document — check them.",
    },
    "no_figures_ticked": {
        "vi": "Chưa lưu gì: không có số liệu nào được chọn. Hãy chọn ít nhất một dòng.",
        "en": "Nothing was saved: no figure is ticked. Tick at least one row.",
    },
    "source_title": {"vi": "Tiêu đề", "en": "Title"},
    "publisher": {"vi": "Cơ quan đăng", "en": "Publisher"},
    "author": {"vi": "Tác giả", "en": "Author"},
    "published": {"vi": "Ngày đăng", "en": "Publication date"},
    "published_not_before_field": {
        "vi": "Nếu bài không ghi ngày: không trước ngày (sự việc muộn nhất bài kể)",
        "en": "If the report prints no date: not before (the latest event it tells of)",
    },
    "url": {"vi": "Địa chỉ (URL)", "en": "Address (URL)"},
    "province": {"vi": "Tỉnh (tên trước 1/7/2025)", "en": "Province (name before 1 July 2025)"},
    "note": {"vi": "Ghi chú (bắt buộc nếu không có ngày đăng)", "en": "Note (required when there is no date)"},
    "propose": {"vi": "Đề xuất số liệu", "en": "Propose figures"},
    "save": {"vi": "Lưu báo cáo và số liệu đã chọn", "en": "Save the report and the ticked figures"},
    "proposed": {
        "vi": "số liệu được đề xuất; số được tô đậm trong văn bản",
        "en": "figures proposed; shown in bold in the text",
    },
    "saved": {"vi": "Đã lưu và cập nhật cơ sở dữ liệu", "en": "Saved; the database is rebuilt"},
    "fix_these": {"vi": "Chưa lưu gì. Hãy sửa:", "en": "Nothing was saved. Please fix:"},
    "need_title": {
        "vi": "Đã đọc báo cáo nhưng tài liệu không ghi tiêu đề: hãy nhập tiêu đề rồi bấm Đề xuất lần nữa.",
        "en": "The report was read, but the document gives no title: type its title and press Propose again.",
    },
    "form_web": {"vi": "trang web", "en": "the web page"},
    "form_pdf": {"vi": "tệp PDF", "en": "the PDF file"},
    "form_pdf-scanned": {"vi": "tệp PDF quét", "en": "the scanned PDF file"},
    "form_image": {"vi": "ảnh chụp", "en": "the image"},
    "form_docx": {"vi": "tệp Word", "en": "the Word file"},
    "form_doc": {"vi": "tệp Word cũ (.doc)", "en": "the old Word file (.doc)"},
    "form_xlsx": {"vi": "tệp Excel", "en": "the Excel file"},
    "form_txt": {"vi": "văn bản", "en": "the text"},
    "accept": {"vi": "Nhận", "en": "Accept"},
    "now_part_of": {"vi": "Từ 1/7/2025 thuộc", "en": "Since 1 July 2025 part of"},
    "coverage": {
        "vi": "Báo cáo có gì: số liệu theo tỉnh và chủ đề",
        "en": "What the reports contain: figures by province and topic",
    },
    "coverage_caption": {
        "vi": "Ô trống: báo cáo của tỉnh không nói về chủ đề đó.",
        "en": "Empty cell: the province's report says nothing on that topic.",
    },
    "comparability": {
        "vi": "Số liệu của tỉnh, huyện và xã, hay của các năm khác nhau, không so sánh trực tiếp được: "
        "mỗi cột ghi rõ địa bàn, cấp và thời điểm; biểu đồ tách theo cấp. "
        "> hơn/trên · ≈ gần · ~ khoảng · ≥ tối thiểu/từ.",
        "en": "Figures for a province, a district and a commune, or for different years, are not directly "
        "comparable: every bar names its area, level and period, and charts are split by level. "
        "> more than · ≈ nearly · ~ about · ≥ at least.",
    },
    "derived": {"vi": "Tính từ hai số liệu của báo cáo", "en": "Derived from two figures of the report"},
    "download_csv": {"vi": "Tải CSV (Excel đọc được tiếng Việt)", "en": "Download CSV (opens in Excel)"},
    "download_xlsx": {"vi": "Tải Excel (.xlsx)", "en": "Download Excel (.xlsx)"},
    "download_brief": {
        "vi": "Tải bản tóm tắt (HTML, xem không cần mạng)",
        "en": "Download brief (HTML, works offline)",
    },
    "rows_shown": {"vi": "số liệu đang hiển thị", "en": "figures shown"},
    "select_hint": {
        "vi": "Chọn một cột hoặc một dòng để xem nguyên câu trong báo cáo.",
        "en": "Select a bar or a row to read the full sentence of the report.",
    },
    "sentence": {"vi": "Câu trong báo cáo", "en": "Sentence of the report"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "address": {"vi": "Địa chỉ", "en": "Address"},
    "no_address": {"vi": "báo cáo không ghi địa chỉ", "en": "the report gives no address"},
    "text_not_kept": {
        "vi": "Bài báo đã đăng không được lưu lại ở đây; mở địa chỉ nguồn để đọc câu có số liệu.",
        "en": "The published article is not kept here; open the source address to read the sentence.",
    },
    "quote_short": {"vi": "Số liệu như in trong bài", "en": "The figure as printed"},
    "national": {"vi": "Cả nước", "en": "National"},
    "conflicts": {"vi": "Các báo cáo nói khác nhau", "en": "Where reports disagree"},
    "conflicts_intro": {
        "vi": "Cùng địa bàn, chỉ tiêu, nhóm, thời kỳ và chuẩn nghèo nhưng số liệu khác nhau. "
        "Mọi số liệu đều được giữ, không lấy trung bình.",
        "en": "Same place, metric, group, period and poverty standard, different values. "
        "Every reading is kept; none is averaged or dropped.",
    },
    "no_conflicts": {"vi": "Không có số liệu nào mâu thuẫn.", "en": "No two reports disagree."},
    "text_in_repository": {"vi": "văn bản lưu trong dự án", "en": "text kept in the project"},
    "text_elsewhere": {"vi": "bài đã đăng, xem tại địa chỉ nguồn", "en": "published article, read it at its address"},
    "poverty_rates": {"vi": "Tỷ lệ hộ nghèo và cận nghèo", "en": "Poverty and near-poverty rates"},
    "targets_vs_actuals": {"vi": "Mục tiêu bên cạnh kết quả", "en": "Targets beside results"},
    "changes": {"vi": "Thay đổi giữa hai thời điểm", "en": "Change between two dates"},
    "households": {"vi": "Số hộ nghèo, cận nghèo", "en": "Poor and near-poor households"},
    "cards": {"vi": "Thẻ BHYT theo nhóm đối tượng", "en": "BHYT cards by beneficiary group"},
    "card_cost": {"vi": "Kinh phí thẻ BHYT", "en": "Spending on BHYT cards"},
    "cost_per_card": {"vi": "Kinh phí bình quân một thẻ (tính toán)", "en": "Cost per card (derived)"},
    "participants": {"vi": "Người tham gia BHYT, BHXH", "en": "BHYT and social insurance participants"},
    "credit_money": {"vi": "Vốn cho vay và dư nợ", "en": "Credit disbursed and outstanding"},
    "borrowers": {"vi": "Hộ, người vay vốn", "en": "Borrowers"},
    "per_borrower": {"vi": "Bình quân mỗi lượt vay (tính toán)", "en": "Average per borrower (derived)"},
    "support_spending": {"vi": "Kinh phí hỗ trợ", "en": "Support spending"},
    "support_recipients": {"vi": "Người, hộ được hỗ trợ", "en": "Support recipients"},
    "other_figures": {"vi": "Các số liệu", "en": "The figures"},
    "chart_limited": {
        "vi": "Biểu đồ vẽ {shown} trong {total} số liệu khớp bộ lọc: địa bàn rộng nhất và mới nhất trước. "
        "Thu hẹp bộ lọc để xem phần còn lại; bảng và tệp tải về có đủ.",
        "en": "The chart draws {shown} of the {total} matching figures: widest areas and latest first. "
        "Narrow the filters to see the rest; the table and the downloads hold them all.",
    },
    "chart_first": {
        "vi": "Biểu đồ vẽ {shown} giá trị đầu tiên: địa bàn rộng nhất và mới nhất trước. Thu hẹp bộ lọc để xem thêm.",
        "en": "The chart draws the first {shown} values: widest areas and latest first. "
        "Narrow the filters to see more.",
    },
    "rows_range": {"vi": "Dòng {first}–{last} trên {total}", "en": "Rows {first}–{last} of {total}"},
    "table_page": {"vi": "Trang", "en": "Page"},
    "changes_limited": {
        "vi": "Hiển thị {shown} trong {total} cặp; thu hẹp bộ lọc để xem phần còn lại.",
        "en": "Showing {shown} of {total} pairs; narrow the filters to see the rest.",
    },
    "excel_too_many": {
        "vi": "Tệp Excel chỉ tạo được khi có tối đa {limit} dòng; hãy thu hẹp bộ lọc hoặc tải CSV.",
        "en": "An Excel file is made for at most {limit} rows; narrow the filters or download the CSV.",
    },
    "method": {"vi": "Phương pháp", "en": "Method"},
    "reports": {"vi": "Các báo cáo", "en": "The reports"},
    "quotes": {"vi": "Trích dẫn của từng số liệu", "en": "The quote behind every figure"},
    "database_error": {
        "vi": "Không tạo được cơ sở dữ liệu. Hãy sửa các dòng sau trong data/ rồi tải lại trang:",
        "en": "The facts database could not be built. Fix these rows in data/ and reload:",
    },
    "database_unreadable": {
        "vi": "Không đọc được tệp cơ sở dữ liệu ({reason}). Tệp đã được giữ lại ở {aside} "
        "và cơ sở dữ liệu được tạo lại từ data/.",
        "en": "The database file could not be read ({reason}). It was kept as {aside} "
        "and the database was rebuilt from data/.",
    },
    "database_read_error": {
        "vi": "Không đọc được cơ sở dữ liệu lúc này ({reason}). Hãy tải lại trang.",
        "en": "The database could not be read just now ({reason}). Reload the page.",
    },
    "method_body": {
        "vi": "- **Mỗi số liệu** được chép từ một báo cáo, kèm đoạn trích nguyên văn và vị trí của nó; "
        "khi xây dựng cơ sở dữ liệu, giá trị được đọc lại từ đoạn trích và phải khớp.\n"
        "- **Mức chính xác** giữ nguyên lời báo cáo: > hơn/trên, ≈ gần, ~ khoảng, ≥ tối thiểu/từ. "
        "Một số không có từ nào là số chính xác.\n"
        "- **Cấp địa bàn**: tỉnh, huyện hoặc xã, đúng như báo cáo nêu. Tên tỉnh, huyện là tên trước "
        "ngày 1/7/2025; tỉnh hiện nay ghi bên cạnh (Nghị quyết 202/2025/QH15).\n"
        "- **Thời kỳ**: năm dương lịch, hoặc một thời điểm. “Đến nay”, “hiện nay” là ngày đăng bài; "
        "các suy luận được ghi trong cột ghi chú của data/facts.csv và data/sources.csv.\n"
        "- **Số liệu tính toán** (kinh phí bình quân một thẻ, vốn vay bình quân, mức thay đổi) là phép "
        "chia hoặc trừ hai số liệu của cùng báo cáo, cùng địa bàn, thời kỳ và nhóm; luôn ghi “tính toán”.",
        "en": "- **Every figure** is copied from one report with its verbatim quote and position; building "
        "the database reads the value back from the quote and refuses any difference.\n"
        "- **Qualifiers** keep the report's words: > more than, ≈ nearly, ~ about, ≥ at least. "
        "A number with no such word is exact.\n"
        "- **Area level**: province, district or commune, as the report says. Province and district names "
        "are those before 1 July 2025; the current province is shown beside them (Resolution 202/2025/QH15).\n"
        "- **Periods**: a calendar year, or a date. “Đến nay” and “hiện nay” mean the publication date; "
        "inferences are noted in data/facts.csv and data/sources.csv.\n"
        "- **Derived values** (cost per card, credit per borrower, changes) divide or subtract two figures "
        "of the same report, area, period and group, and are always marked derived.",
    },
    "from": {"vi": "từ", "en": "from"},
    "to": {"vi": "đến", "en": "to"},
    "change_points": {"vi": "điểm %", "en": "points"},
    "target": {"vi": "mục tiêu", "en": "target"},
    "yes": {"vi": "có", "en": "yes"},
    "no_filter": {"vi": "Chưa lọc: mọi số liệu", "en": "No filter: every figure"},
    "section": {"vi": "Xem", "en": "View"},
    "section_series": {"vi": "Qua các năm", "en": "Over the years"},
    "section_ranking": {"vi": "So sánh một năm", "en": "One year side by side"},
    "section_figures": {"vi": "Mọi số liệu", "en": "Every figure"},
    "no_series": {
        "vi": "Chưa tỉnh nào có từ hai năm số liệu cấp tỉnh cho chủ đề này; xem “So sánh một năm” hoặc “Mọi số liệu”.",
        "en": "No province has province-level figures for two years or more on this topic yet; see “One year "
        "side by side” or “Every figure”.",
    },
    "province_pick": {"vi": "Tỉnh", "en": "Province"},
    "latest_figures": {"vi": "Số liệu mới nhất theo chủ đề (cấp tỉnh)", "en": "Latest province-level figure per topic"},
    "standing": {"vi": "Vị trí so với các tỉnh khác", "en": "Where it stands among the provinces"},
    "no_standing": {"vi": "Chưa có năm nào để so sánh.", "en": "No year to compare yet."},
    "over_the_years": {"vi": "Qua các năm", "en": "Over the years"},
    "figure": {"vi": "Số liệu", "en": "Figure"},
    "position": {"vi": "Thứ hạng (từ cao xuống)", "en": "Place (highest first)"},
    "position_of": {"vi": "{position}/{of} tỉnh có số liệu", "en": "{position} of {of} with a figure"},
    "page_coverage": {"vi": "Độ phủ số liệu", "en": "Coverage"},
    "page_profile": {"vi": "Hồ sơ tỉnh", "en": "Province profile"},
    "comparable_title": {
        "vi": "So sánh được đến đâu: chỉ tiêu chính của từng chủ đề",
        "en": "What can be compared: each topic's headline indicators",
    },
    "comparable_intro": {
        "vi": "Những năm có ít nhất {minimum} trong 5 tỉnh công bố số liệu chỉ tiêu chính: cấp tỉnh, kết quả thực "
        "hiện, tỉnh trước sáp nhập 1/7/2025, đúng nhóm đối tượng, là số của cả năm (số cuối năm, hoặc cả năm dương "
        "lịch), theo chuẩn nghèo áp dụng năm đó: đúng năm, và khi tỉnh thiếu năm đó được lấy số gần nhất trong khoảng "
        "cho phép của chỉ tiêu — quy tắc của phần so sánh các tỉnh trong một năm. Định nghĩa từng chỉ tiêu ở trang "
        "Nguồn & phương pháp.",
        "en": "The years in which at least {minimum} of the five provinces publish the headline figure: province "
        "level, results, the province before the merger of 1 July 2025, the headline group, read for a whole year "
        "(the year-end figure, or the calendar year), under that year's poverty standard: exactly, and once a "
        "province without the year takes its nearest figure within the indicator's window — the rule of the "
        "provinces side by side in one year. Each indicator is defined on the Sources & method page.",
    },
    "comparable_count": {"vi": "Số năm (đúng năm)", "en": "Years (exactly)"},
    "comparable_years": {"vi": "Các năm so sánh được (đúng năm)", "en": "Comparable years (exactly)"},
    "comparable_window": {"vi": "Khoảng cho phép (năm)", "en": "Window (years)"},
    "comparable_count_within": {"vi": "Số năm (trong khoảng)", "en": "Years (within the window)"},
    "comparable_years_within": {
        "vi": "Các năm so sánh được (trong khoảng)",
        "en": "Comparable years (within the window)",
    },
    "comparable_none": {"vi": "chưa có năm nào", "en": "none yet"},
    "headline_matrix": {"vi": "Chỉ tiêu chính: {metric}", "en": "Headline: {metric}"},
    "coverage_counted_headline": {
        "vi": "số lượng số liệu chỉ tiêu chính của cả năm (cấp tỉnh, thực hiện, đúng nhóm)",
        "en": "how many readings of the headline figure for the whole year (province level, results, the "
        "headline group)",
    },
    "coverage_counted": {
        "vi": "số lượng số liệu thực hiện cấp tỉnh của năm (mọi báo cáo)",
        "en": "how many readings of actual province-level figures stand for that year (all reports)",
    },
    "country_name": {"vi": "Cả nước", "en": "Viet Nam"},
    "start_here": {"vi": "Bắt đầu từ đâu", "en": "Where to start"},
    "start_topics": {
        "vi": "1. Xem từng chủ đề qua các năm: tỷ lệ nghèo, bảo hiểm y tế, tín dụng, chi hỗ trợ",
        "en": "1. See each topic over the years: poverty, health insurance, credit, support spending",
    },
    "start_coverage": {
        "vi": "2. Xem những năm nào so sánh được 5 tỉnh (Độ phủ số liệu)",
        "en": "2. See which years the five provinces can be compared in (Coverage)",
    },
    "start_sources": {
        "vi": "3. Mỗi số liệu dẫn về câu của báo cáo gốc: xem nguồn và định nghĩa",
        "en": "3. Every figure traces to the words of its report: see the sources and definitions",
    },
    "overview_cards": {"vi": "Các tỉnh trong cùng một năm", "en": "The provinces in the same year"},
    "overview_cards_intro": {
        "vi": "Mỗi chủ đề: chỉ tiêu chính, năm có nhiều tỉnh có số nhất, số liệu cấp tỉnh của năm đó và cùng chuẩn "
        "nghèo; tỉnh thiếu năm đó lấy số gần nhất trong khoảng cho phép của chỉ tiêu, ghi năm của số. Tỉnh không "
        "có số nào trong khoảng đó được ghi rõ.",
        "en": "Each topic: its headline indicator, in the year most provinces have it, province-level figures of "
        "that year under the same poverty standard; a province without that year shows its nearest within the "
        "indicator's window, with that figure's year. A province with nothing in the window says so.",
    },
    "no_comparable_year": {
        "vi": "Chưa có năm nào có từ hai tỉnh công bố chỉ tiêu chính này; xem Độ phủ số liệu.",
        "en": "No year yet in which two provinces publish this headline indicator; see Coverage.",
    },
    "definitions": {"vi": "Định nghĩa các chỉ tiêu chính", "en": "What the headline indicators measure"},
    "definitions_intro": {
        "vi": "Mỗi chủ đề được so sánh trên các chỉ tiêu chính này, cùng một định nghĩa cho mọi tỉnh; các số liệu "
        "khác được giữ và hiển thị dưới tên riêng của chúng.",
        "en": "Each topic is compared on these headline indicators, under one definition for every province; other "
        "figures are kept and shown under their own names.",
    },
    "source_search": {
        "vi": "Tìm báo cáo (tên, cơ quan đăng, tỉnh, địa chỉ)",
        "en": "Find a report (title, publisher, province, address)",
    },
    "source_search_none": {"vi": "Không có báo cáo nào khớp.", "en": "No report matches."},
    "published_between": {
        "vi": "không ghi ngày, từ {earliest} đến {latest}",
        "en": "undated, between {earliest} and {latest}",
    },
    "published_not_before": {"vi": "không ghi ngày, không trước {day}", "en": "undated, not before {day}"},
    "published_not_after": {"vi": "không ghi ngày, không sau {day}", "en": "undated, not after {day}"},
    "reviewer_note": {"vi": "Ghi chú của người biên tập", "en": "Reviewer's note"},
    "note_only_english": {
        "vi": "Ghi chú biên tập chỉ có bằng tiếng Anh",
        "en": "The reviewer's note is in English only",
    },
    "search_outcome": {"vi": "Kết quả tìm kiếm", "en": "What the search found"},
    "coverage_matrix": {"vi": "Chỉ tiêu hoặc chủ đề", "en": "Metric or topic"},
    "all_of_topic": {"vi": "Cả chủ đề: {topic}", "en": "Whole topic: {topic}"},
    "place": {"vi": "Địa bàn", "en": "Place"},
    "coverage_marks": {
        "vi": "Mỗi ô: {counted}; “!” các báo cáo nói khác nhau; “{other}” chỉ có số theo thước đo khác (khảo sát "
        "mức sống hoặc chuẩn nghèo khác), không dùng để so sánh; “{searched}” đã tìm mà không thấy; “{unsearched}” "
        "chưa tìm. Bấm một ô để xem các số liệu và nguồn của nó.",
        "en": "Each cell: {counted}; “!” reports disagree; “{other}” only a figure of another measure (the "
        "living-standards survey or another poverty standard), not compared; “{searched}” searched and not found; "
        "“{unsearched}” not searched. Open a cell to see its readings and sources.",
    },
    "cell_readings": {"vi": "{matrix} · {place} · {year}", "en": "{matrix} · {place} · {year}"},
    "cell_empty": {
        "vi": "Không có số liệu nào cho ô này. Các lần tìm đã ghi lại:",
        "en": "No figure for this cell. Searches recorded:",
    },
    "no": {"vi": "không", "en": "no"},
    "metric": {"vi": "Chỉ tiêu", "en": "Metric"},
    "year": {"vi": "Năm", "en": "Year"},
    "series_title": {"vi": "{metric} qua các năm (cấp tỉnh)", "en": "{metric} by year (province level)"},
    "series_caption": {
        "vi": "Mỗi năm một giá trị cho mỗi tỉnh. Khi nhiều báo cáo cho cùng một năm, biểu đồ dùng: số cuối kỳ muộn "
        "nhất trong năm; rồi số của cơ quan nhà nước (bộ, Tổng cục Thống kê, cổng thông tin tỉnh, Ngân hàng "
        "CSXH, BHXH) trước báo chí trong nước, báo chí trong nước trước nguồn nước ngoài; rồi số chính xác "
        "trước số ước (hơn, khoảng…); rồi bài đăng muộn nhất. Số đầu năm (tháng 1, 2) là số cuối năm trước. "
        "Các số còn lại hiện khi rê chuột và có trong tệp tải về. Năm thiếu số liệu: đường chấm mảnh, không "
        "phải xu hướng; tỉnh mới sau sáp nhập 1/7/2025: đường đứt, ô vuông rỗng; vòng đỏ: các báo cáo nói "
        "khác nhau về cùng một thời điểm; đường xám: cả nước và vùng.",
        "en": "One value a year for each province. Where several reports give the same year, the chart uses: the "
        "latest year-end figure in the year; then an official publisher (a ministry, the statistics office, a"
        " provincial portal, the Bank for Social Policies, social insurance) over the domestic press, and the"
        " domestic press over a foreign outlet; then an exact figure over an approximate one (more than, "
        "about…); then the latest publication. A figure of January or February is the previous year's end. "
        "The others show on hover and are in the download. A missing year: a thin dotted join, not a trend; a"
        " province as merged on 1 July 2025: dashed, open squares; red ring: reports disagree about the same "
        "date; grey: country and regions.",
    },
    "series_caption_poverty": {
        "vi": "Mỗi năm một giá trị cho mỗi tỉnh. Khi nhiều báo cáo cho cùng một năm, biểu đồ dùng: số cuối kỳ muộn "
        "nhất trong năm; rồi số của cơ quan nhà nước (bộ, Tổng cục Thống kê, cổng thông tin tỉnh, Ngân hàng "
        "CSXH, BHXH) trước báo chí trong nước, báo chí trong nước trước nguồn nước ngoài; rồi số chính xác "
        "trước số ước (hơn, khoảng…); rồi bài đăng muộn nhất. Số đầu năm (tháng 1, 2) là kết quả rà soát của "
        "năm trước. Các số còn lại hiện khi rê chuột và có trong tệp tải về. Đường không nối qua chỗ đổi "
        "chuẩn nghèo hay qua ngày sáp nhập tỉnh 1/7/2025 (vạch chấm); năm thiếu số liệu: đường chấm mảnh, "
        "không phải xu hướng; vòng đỏ: các báo cáo nói khác nhau về cùng một thời điểm; hình thoi: tỷ lệ theo"
        " Khảo sát mức sống dân cư, không so được với chuẩn nghèo của tỉnh; đường xám: cả nước và vùng.",
        "en": "One value a year for each province. Where several reports give the same year, the chart uses: the "
        "latest year-end figure in the year; then an official publisher (a ministry, the statistics office, a"
        " provincial portal, the Bank for Social Policies, social insurance) over the domestic press, and the"
        " domestic press over a foreign outlet; then an exact figure over an approximate one (more than, "
        "about…); then the latest publication. A figure of January or February is the previous year's review."
        " The others show on hover and are in the download. Lines are never joined across a change of poverty"
        " standard or across the provincial merger of 1 July 2025 (dotted rules); a missing year: a thin "
        "dotted join, not a trend; red ring: reports disagree about the same date; diamond: rate from the "
        "Household Living Standards Survey, not comparable with the province's standard; grey: country and "
        "regions.",
    },
    "definition": {"vi": "Định nghĩa", "en": "Definition"},
    "series_limited": {
        "vi": "Biểu đồ vẽ {shown} tỉnh có nhiều năm nhất; chọn tỉnh ở thanh bên để xem tỉnh khác.",
        "en": "The chart draws the {shown} provinces with the most years; pick provinces in the sidebar for others.",
    },
    "merged_line": {"vi": "{province} (tỉnh mới từ 1/7/2025)", "en": "{province} (merged province from 1 July 2025)"},
    "merged_short": {"vi": "tỉnh mới", "en": "merged province"},
    "off_scale": {"vi": "{value} ↑ ngoài thang đo", "en": "{value} ↑ off the scale"},
    "axis_not_zero": {"vi": "Trục dọc bắt đầu từ {bottom}%, không từ 0", "en": "Axis starts at {bottom}%, not 0"},
    "series_missing": {
        "vi": "Không có số liệu cấp tỉnh của chỉ tiêu này: {provinces}.",
        "en": "No province-level figure of this indicator: {provinces}.",
    },
    "survey_place": {"vi": "{place} (Khảo sát mức sống)", "en": "{place} (living-standards survey)"},
    "conflict_marker": {"vi": "Các báo cáo nói khác nhau", "en": "Reports disagree"},
    "other_readings": {"vi": "Số khác cùng năm ({count}):", "en": "Other readings that year ({count}):"},
    "standard_break": {"vi": "Từ {year}: {standard}", "en": "From {year}: {standard}"},
    "standard_break_short": {"vi": "Từ {year}: chuẩn {span}", "en": "From {year}: {span} standard"},
    "merger_break": {"vi": "Sáp nhập tỉnh 1/7/2025", "en": "Provinces merged 1 July 2025"},
    "download_chart_csv": {
        "vi": "Tải CSV của biểu đồ này (các điểm đã vẽ và số bị bỏ qua)",
        "en": "Download this chart's CSV (points drawn and readings left out)",
    },
    "drawn_why": {"vi": "được vẽ trên biểu đồ", "en": "drawn on the chart"},
    "left_out_group_why": {
        "vi": "nhóm đối tượng này không có đường trên biểu đồ (không tỉnh nào có hai năm trở lên)",
        "en": "this beneficiary group has no line on the chart (no province has two years or more)",
    },
    "publisher_not_named": {"vi": "Không ghi trong bài", "en": "Not named in the text"},
    "foreign_source": {"vi": "nguồn nước ngoài", "en": "foreign source"},
    "office_source": {"vi": "cơ quan báo cáo theo biểu mẫu", "en": "reported by the office on a data request"},
    "article_source": {"vi": "bài đã đăng", "en": "published report"},
    "foreign_source_note": {
        "vi": "Số liệu chỉ có từ nguồn nước ngoài: chưa tìm được báo cáo của cơ quan nhà nước hay báo chí trong nước.",
        "en": "Only a foreign outlet gives this figure: no official or domestic report of it has been found.",
    },
    "other_reports": {
        "vi": "{count} báo cáo khác cũng đưa số này",
        "en": "{count} other report(s) give this figure too",
    },
    "other_reports_disagree": {
        "vi": "{count} báo cáo khác đưa số khác cho cùng thời điểm (xem Nguồn & phương pháp)",
        "en": "{count} other report(s) give a different figure for the same date (see Sources & method)",
    },
    "open_source": {"vi": "Mở bài nguồn", "en": "Open the source"},
    "left_out_why": {
        "vi": "số khác của cùng năm; biểu đồ dùng số theo quy tắc chọn",
        "en": "another reading of the same year; the chart uses the one the rule picks",
    },
    "ranking": {"vi": "So sánh các tỉnh trong một năm", "en": "The provinces side by side in one year"},
    "ranking_title": {"vi": "{metric}, năm {year}", "en": "{metric}, {year}"},
    # A value of another year standing in for the year compared, wherever it is written: "1,96% (2017)".
    "stand_in_value": {"vi": "{value} ({year})", "en": "{value} ({year})"},
    "stand_in_legend": {
        "vi": "Gạch chéo: số của năm khác (năm trong ngoặc), gần nhất trong vòng {window} năm",
        "en": "Hatched: another year's figure (its year in brackets), the nearest within {window} year(s)",
    },
    "stand_in_note": {
        "vi": "Tỉnh không có số năm {year}: lấy số gần nhất trong vòng {window} năm, ghi năm trong ngoặc (cột gạch "
        "chéo) — không lấy chỉ tiêu kế hoạch, số của tỉnh sau sáp nhập hay số theo chuẩn nghèo khác.",
        "en": "A province without a figure for {year} shows its nearest within {window} year(s), its year in "
        "brackets (hatched bar) — never a target, the merged province's, or one under another poverty standard.",
    },
    "stand_in_card": {
        "vi": "Số có năm trong ngoặc là của năm khác: tỉnh không có số năm {year}, lấy số gần nhất trong vòng "
        "{window} năm.",
        "en": "A value with a year in brackets is of another year: the province has none for {year}, and its "
        "nearest within {window} year(s) stands in.",
    },
    "missing_window": {
        "vi": "không có số liệu năm {year} hay trong vòng {window} năm",
        "en": "no figure for {year} nor within {window} year(s)",
    },
    "missing_other_standard_window": {
        "vi": "không có số năm {year} hay trong vòng {window} năm theo chuẩn nghèo năm {year} "
        "(chỉ có số theo chuẩn khác)",
        "en": "no figure for {year} nor within {window} year(s) under {year}'s poverty standard (only under another)",
    },
    "dashed_country": {"vi": "Vạch đứt: cả nước.", "en": "Dashed: country."},
    "nearest_year": {"vi": "(số năm {year})", "en": "({year} figure)"},
    "missing_year": {"vi": "không có số liệu năm {year}", "en": "no figure for {year}"},
    "missing_other_standard": {
        "vi": "năm {year} chỉ có số theo chuẩn khác",
        "en": "{year}: only a figure under another standard",
    },
    "ranking_missing": {
        "vi": "Không có số liệu cấp tỉnh năm {year}: {provinces}.",
        "en": "No province-level figure for {year}: {provinces}.",
    },
    "ranking_caption": {
        "vi": "Chỉ số liệu cấp tỉnh của đúng năm đã chọn; vạch đứt: cả nước.",
        "en": "Province-level figures of the chosen year only; dashed: country.",
    },
    "ranking_caption_no_country": {
        "vi": "Chỉ số liệu cấp tỉnh của đúng năm đã chọn; không có số của cả nước năm này.",
        "en": "Province-level figures of the chosen year only; no figure for the country that year.",
    },
    "ranking_caption_standard": {
        "vi": "Tỷ lệ nghèo chỉ so sánh theo chuẩn nghèo áp dụng năm đó; số của Khảo sát mức sống không được đặt cạnh.",
        "en": "Poverty rates are compared only under the poverty standard of that year; the living-standards "
        "survey's rates are never set beside them.",
    },
    "actual": {"vi": "thực hiện", "en": "result"},
    "editing_signed_in": {
        "vi": "Đã đăng nhập với tư cách người biên tập: {who}. Mọi thay đổi được ghi vào nhật ký.",
        "en": "Signed in as an editor: {who}. Every change is recorded in the audit trail.",
    },
    "editing_local": {
        "vi": "Chưa thiết lập đăng nhập: chỉ máy đang chạy bảng điều khiển này được sửa số liệu (bạn đang ở máy đó). "
        "Mọi thay đổi được ghi vào nhật ký.",
        "en": "No sign-in is set up: only the machine running this dashboard may change the data (you are on it). "
        "Every change is recorded in the audit trail.",
    },
    "editing_needs_sign_in": {
        "vi": "Trang này chỉ để xem: chưa thiết lập đăng nhập, nên chỉ máy chạy bảng điều khiển mới được sửa số liệu. "
        "Người quản trị bật đăng nhập bằng cách điền nhà cung cấp danh tính vào .streamlit/secrets.toml và thêm "
        "e-mail người biên tập vào data/editors.csv (xem README, mục Đăng nhập để biên tập).",
        "en": "This page is view-only: no sign-in is set up, so only the machine running the dashboard may change "
        "the data. An administrator enables sign-in by naming an identity provider in .streamlit/secrets.toml and "
        "adding editors' e-mail addresses to data/editors.csv (see the README, Sign-in for editing).",
    },
    "editing_sign_in": {
        "vi": "Hãy đăng nhập để thêm hoặc rút báo cáo. Xem số liệu không cần đăng nhập.",
        "en": "Sign in to add or withdraw reports. Viewing needs no sign-in.",
    },
    "editing_not_editor": {
        "vi": "{who} không có trong danh sách người biên tập (data/editors.csv): trang này chỉ để xem.",
        "en": "{who} is not in the list of editors (data/editors.csv): this page is view-only.",
    },
    "sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "withdraw": {"vi": "Rút một báo cáo đã lưu", "en": "Withdraw a saved report"},
    "withdraw_intro": {
        "vi": "Số liệu của báo cáo rời khỏi cơ sở dữ liệu qua đúng quy trình kiểm tra và dựng lại; văn bản và số liệu "
        "được giữ trong data/withdrawn/ và việc rút được ghi vào nhật ký.",
        "en": "Its figures leave the database through the same validated rebuild; its text and figures are kept in "
        "data/withdrawn/, and the withdrawal is recorded in the audit trail.",
    },
    "withdraw_pick": {"vi": "Báo cáo", "en": "Report"},
    "withdraw_confirm": {"vi": "Tôi muốn rút báo cáo này", "en": "I want to withdraw this report"},
    "withdraw_button": {"vi": "Rút báo cáo", "en": "Withdraw the report"},
    "withdrawn": {"vi": "Đã rút", "en": "Withdrawn"},
    # The Add-a-report page's review table: its columns, the figure pasted as printed, and every message of
    # the page, worded from the validator's kind of problem (etl/validate.py) and the values it names.
    "col_row": {"vi": "Dòng", "en": "Row"},
    "col_accept": {"vi": "Nhận", "en": "Accept"},
    "col_quote": {"vi": "Trích dẫn", "en": "Quote"},
    "col_value": {"vi": "Giá trị", "en": "Value"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "col_qualifier": {"vi": "Mức chính xác", "en": "Qualifier"},
    "col_metric": {"vi": "Chỉ tiêu", "en": "Metric"},
    "col_beneficiary_group": {"vi": "Nhóm đối tượng", "en": "Beneficiary group"},
    "col_area": {"vi": "Địa bàn", "en": "Area"},
    "col_area_level": {"vi": "Cấp", "en": "Level"},
    "col_period_start": {"vi": "Từ ngày", "en": "From"},
    "col_period_end": {"vi": "Đến ngày", "en": "To"},
    "col_period_label": {"vi": "Thời kỳ (lời báo cáo)", "en": "Period (the report's words)"},
    "col_is_target": {"vi": "Mục tiêu", "en": "Target"},
    "col_poverty_standard": {"vi": "Chuẩn nghèo", "en": "Poverty standard"},
    "col_merged_province": {"vi": "Tỉnh mới (sau 1/7/2025)", "en": "Merged province (from 1 July 2025)"},
    "col_province": {"vi": "Tỉnh", "en": "Province"},
    "col_note": {"vi": "Ghi chú", "en": "Note"},
    "col_quote_offset": {"vi": "Vị trí trong văn bản", "en": "Position in the text"},
    "col_confidence": {"vi": "Độ tin cậy", "en": "Confidence"},
    "col_fact_id": {"vi": "Mã số liệu", "en": "Figure id"},
    "col_source_id": {"vi": "Mã nguồn", "en": "Source id"},
    "help_quote": {
        "vi": "Đúng như in trong báo cáo: con số, từ chỉ mức (hơn, khoảng…) và đơn vị.",
        "en": "Exactly as printed in the report: the number, its qualifier (hơn, khoảng…) and unit.",
    },
    "help_value": {
        "vi": "Theo đơn vị gốc: đồng, %, hoặc số lượng; chỉ chữ số, dấu chấm cho phần thập phân (1400000000; 2.15). "
        "Để trống thì đọc từ trích dẫn.",
        "en": "In base units: VND, %, or a count; digits only, '.' for decimals (1400000000; 2.15). "
        "Left empty, it is read from the quote.",
    },
    "help_merged_province": {
        "vi": "Đánh dấu khi số liệu nói về tỉnh mới hình thành từ ngày 1/7/2025, không phải tỉnh cũ cùng tên.",
        "en": "Tick when the figure is about the province formed on 1 July 2025, not the old one of that name.",
    },
    "help_quote_offset": {
        "vi": "Vị trí ký tự của trích dẫn trong văn bản; để trống thì trang tự tìm.",
        "en": "The quote's character position in the text; left empty, the page finds it.",
    },
    "help_note": {
        "vi": 'Số liệu đọc từ bảng: tên bảng, hàng và cột của ô. Khi đơn vị in ở tiêu đề bảng ("unit from the '
        'table header: tỷ đồng"), giá trị được đọc cùng đơn vị đó; giữ nguyên cụm từ này để kiểm tra.',
        "en": "A figure read from a table: the table, row and column of its cell. When a header prints the unit "
        '("unit from the table header: tỷ đồng"), the value is read with it; keep those words for the check.',
    },
    "help_confidence": {
        "vi": "Mức tin cậy của đề xuất tự động (0–1); không sửa được.",
        "en": "How sure the automatic proposal is (0–1); not editable.",
    },
    "review_help": {
        "vi": "Mỗi dòng một số liệu. Bỏ dấu ở cột Nhận để không lưu một số liệu; bấm vào một ô để sửa (chọn trong "
        "danh sách ở các cột có sẵn lựa chọn); dấu + ở cuối bảng thêm một dòng. Mã số liệu và mã nguồn được tạo "
        "khi lưu.",
        "en": "One figure a row. Untick Accept to leave a figure out; click a cell to change it (pick from the list "
        "where the column has one); the + under the table adds a row. Figure and source ids are made when saving.",
    },
    "missed_figure": {
        "vi": "Số liệu bị bỏ sót: dán con số đúng như in trong báo cáo (vd. “hơn 1,4 tỷ đồng”)",
        "en": "A figure the proposal missed: paste it exactly as printed in the report (e.g. “hơn 1,4 tỷ đồng”)",
    },
    "add_missed": {"vi": "Thêm số liệu này", "en": "Add this figure"},
    "missed_added": {
        "vi": "Đã thêm {row}: “{quote}” ở vị trí {offset}. Hãy điền chỉ tiêu, nhóm đối tượng và thời kỳ.",
        "en": "Added {row}: “{quote}” at position {offset}. Fill in its metric, beneficiary group and period.",
    },
    "missed_empty": {"vi": "Hãy dán một số liệu trước.", "en": "Paste a figure first."},
    "missed_not_found": {
        "vi": "“{printed}” không có trong báo cáo. Hãy dán đúng như in trong văn bản.",
        "en": "“{printed}” is not in the report. Paste it exactly as printed in the text.",
    },
    "missed_not_one_number": {
        "vi": "“{printed}” không phải một số liệu: hãy dán đúng một con số, cùng đơn vị và từ chỉ mức như “hơn”.",
        "en": "“{printed}” is not one number: paste a single figure, with its unit and a word such as “hơn”.",
    },
    "missed_in_table": {
        "vi": "“{printed}” đã có trong bảng ({rows}).",
        "en": "“{printed}” is already in the table ({rows}).",
    },
    "rows_left_out": {
        "vi": "{rows}: để trống nên không được lưu.",
        "en": "{rows}: empty, so not saved.",
    },
    "where_row": {"vi": "Dòng {row}", "en": "Row {row}"},
    "where_source": {"vi": "Thông tin nguồn", "en": "Source details"},
    "where_report": {"vi": "Báo cáo", "en": "Report"},
    "where_data": {"vi": "Dữ liệu đã lưu ({file}, dòng {line})", "en": "Saved data ({file}, line {line})"},
    "busy": {
        "vi": "Một thay đổi khác đang được lưu (đã chờ {seconds} giây). Chưa ghi gì cả; hãy thử lại sau giây lát.",
        "en": "Another change is being saved (waited {seconds} s). Nothing was written; try again in a moment.",
    },
    "withdraw_placeholder": {"vi": "Chọn một báo cáo", "en": "Choose a report"},
    "report_empty": {
        "vi": "Báo cáo trống: hãy dán hoặc tải lên văn bản của báo cáo.",
        "en": "The report is empty: paste or upload its text.",
    },
    "report_too_large": {
        "vi": "Báo cáo có {size} byte, quá giới hạn {limit} byte.",
        "en": "The report is {size} bytes, more than the limit of {limit} bytes.",
    },
    "report_binary": {
        "vi": "Tệp này không phải văn bản: hãy lưu báo cáo dạng văn bản UTF-8 (.txt).",
        "en": "This file is not text: save the report as plain UTF-8 text (.txt).",
    },
    "report_not_utf8": {
        "vi": "Không đọc được byte thứ {byte} của tệp: hãy lưu báo cáo dạng văn bản UTF-8.",
        "en": "Byte {byte} of the file cannot be read: save the report as UTF-8 text.",
    },
    # A report read from a web address (etl/read_web.py): nothing is kept when it cannot be read.
    "document_address_scheme": {
        "vi": "Chỉ đọc được địa chỉ web bắt đầu bằng http:// hoặc https://, không phải “{scheme}”. "
        "Hãy dán địa chỉ của trang báo cáo, hoặc tải tệp lên.",
        "en": "Only web addresses starting with http:// or https:// can be read, not “{scheme}”. "
        "Paste the address of the report's page, or upload the file.",
    },
    "document_address_invalid": {
        "vi": "“{url}” không phải một địa chỉ web: hãy kiểm tra lại địa chỉ.",
        "en": "“{url}” is not a web address: check the address.",
    },
    "document_address_unknown": {
        "vi": "Không tìm thấy máy chủ “{host}”: hãy kiểm tra lại địa chỉ.",
        "en": "The host “{host}” cannot be found: check the address.",
    },
    "document_address_local": {
        "vi": "Không đọc địa chỉ này: “{host}” trỏ tới {address}, một địa chỉ trên máy này hoặc trong mạng nội bộ. "
        "Chỉ đọc trang trên internet; hãy tải tệp báo cáo lên thay vào đó.",
        "en": "This address is not read: “{host}” points to {address}, an address on this machine or in a private "
        "network. Only pages on the internet are read; upload the report's file instead.",
    },
    "document_page_unreachable": {
        "vi": "Không kết nối được tới máy chủ “{host}”. Hãy thử lại sau, hoặc lưu trang rồi tải tệp lên.",
        "en": "The server “{host}” could not be reached. Try again later, or save the page and upload it.",
    },
    "document_page_certificate": {
        "vi": "Không xác minh được chứng chỉ bảo mật của “{host}”, nên không chắc đang kết nối đúng trang đó; "
        "trang không được đọc. Hãy lưu trang rồi tải tệp lên.",
        "en": "The security certificate of “{host}” cannot be verified, so the connection may not be to that site; "
        "the page is not read. Save the page and upload it.",
    },
    "document_page_status": {
        "vi": "Máy chủ trả lời mã lỗi {status} nên không có trang nào để đọc. Hãy kiểm tra lại địa chỉ.",
        "en": "The server answered with status {status}, so there is no page to read. Check the address.",
    },
    "document_page_redirects": {
        "vi": "Địa chỉ chuyển hướng quá {limit} lần mà không tới trang nào. Hãy mở trang trong trình duyệt "
        "rồi dán địa chỉ cuối cùng.",
        "en": "The address redirects more than {limit} times without reaching a page. Open it in a browser and "
        "paste the final address.",
    },
    "document_page_timeout": {
        "vi": "Máy chủ không trả lời trong {seconds} giây. Hãy thử lại sau, hoặc lưu trang rồi tải tệp lên.",
        "en": "The server gave no answer within {seconds} seconds. Try again later, or save the page and upload it.",
    },
    "document_page_no_type": {
        "vi": "Máy chủ không cho biết đây là loại tài liệu gì nên không đọc được. Hãy tải tệp về rồi tải lên.",
        "en": "The server does not say what kind of document this is, so it is not read. Download the file and "
        "upload it.",
    },
    "document_page_type": {
        "vi": "Địa chỉ này trả về loại “{content_type}”, không phải trang web, văn bản, PDF, Word, Excel hay ảnh. "
        "Hãy dán địa chỉ của chính bài viết hoặc tệp báo cáo.",
        "en": "This address gives “{content_type}”, not a web page, text, PDF, Word, Excel or image file. Paste "
        "the address of the article or the report file itself.",
    },
    "document_page_too_large": {
        "vi": "Trang hoặc tệp ở địa chỉ này lớn hơn giới hạn {limit} byte cho một báo cáo nên không được đọc.",
        "en": "The page or file at this address is larger than the {limit}-byte limit for a report, so it is not read.",
    },
    "document_page_encoding": {
        "vi": "Văn bản ở địa chỉ này không được mã hóa bằng {charset} như máy chủ cho biết. Hãy lưu văn bản "
        "dạng UTF-8 rồi tải lên.",
        "en": "The text at this address is not in {charset} as the server says. Save it as UTF-8 text and upload it.",
    },
    "document_page_empty": {
        "vi": "Văn bản ở địa chỉ này trống.",
        "en": "The text at this address is empty.",
    },
    "document_no_article": {
        "vi": "Trang này không có bài viết, chỉ có phần khung của trang web (trình đơn, liên kết). Hãy mở chính "
        "bài viết rồi dán địa chỉ của nó, hoặc sao chép nội dung bài và dán vào.",
        "en": "This page has no article, only the site around it (menus, links). Open the article itself and "
        "paste its address, or copy its text and paste it.",
    },
    "report_legacy_encoding": {
        "vi": "Tệp không phải UTF-8 mà có vẻ là tiếng Việt mã {encoding}, mã này không đọc được ở đây: hãy mở tệp "
        "bằng trình soạn thảo và lưu lại dạng văn bản UTF-8.",
        "en": "The file is not UTF-8 but seems to be Vietnamese in {encoding}, which is not read here: open it in a "
        "word processor and save it as UTF-8 text.",
    },
    "report_unsure_encoding": {
        "vi": "Tệp không phải UTF-8; có thể là tiếng Việt mã {encoding} nhưng có quá ít chữ có dấu để chắc chắn: "
        "hãy lưu báo cáo dạng văn bản UTF-8.",
        "en": "The file is not UTF-8; it may be Vietnamese in {encoding}, but it has too few accented words to be "
        "sure: save the report as UTF-8 text.",
    },
    "report_read_from": {
        "vi": "Văn bản được chuyển sang Unicode từ mã {encoding}: hãy kiểm tra dấu của các chữ.",
        "en": "The text was converted to Unicode from {encoding}: check its accents.",
    },
    # Reading a report file (etl/read_document.py and its readers): each names the file and what to do.
    "document_unsupported": {
        "vi": "{name}: không đọc được tệp đuôi {extension}. Hãy tải lên PDF, Word (.docx, .doc), Excel (.xlsx), "
        "ảnh (.png, .jpg, .tiff) hoặc văn bản (.txt).",
        "en": "{name}: files ending in {extension} are not read. Load a PDF, Word (.docx, .doc), Excel (.xlsx), "
        "an image (.png, .jpg, .tiff) or text (.txt).",
    },
    "document_empty": {"vi": "{name}: tệp trống.", "en": "{name}: the file is empty."},
    "document_no_text": {
        "vi": "{name}: không tìm thấy chữ nào trong tệp (trang trắng hoặc chỉ có hình vẽ). Hãy tải lên đúng tệp "
        "báo cáo.",
        "en": "{name}: no text was found in the file (blank pages, or only drawings). Load the report's own file.",
    },
    "document_unreadable_file": {"vi": "{name}: không mở được tệp.", "en": "{name}: the file cannot be opened."},
    "document_too_large": {
        "vi": "{name}: tệp có {size} byte, quá giới hạn {limit} byte cho loại tệp này. Hãy tải lên phần báo cáo có "
        "số liệu. Chưa lưu gì cả.",
        "en": "{name}: the file is {size} bytes, more than the {limit}-byte limit for this kind of file. Load the "
        "part of the report that holds the figures. Nothing was saved.",
    },
    "document_macros": {
        "vi": "{name}: tệp có macro, không bao giờ được mở ở đây. Hãy lưu lại không có macro (.xlsx, .docx) rồi tải "
        "lên lại.",
        "en": "{name}: the file holds macros, which are never opened here. Save it without macros (.xlsx, .docx) and "
        "load it again.",
    },
    "document_extension_mismatch": {
        "vi": "{name}: tên tệp có đuôi {extension} nhưng nội dung là {found}, không phải {promised}. Hãy đặt đúng đuôi "
        "hoặc tải lên đúng tệp.",
        "en": "{name}: the name ends in {extension} but the file is {found}, not {promised}. Give it the right "
        "extension, or load the file you meant.",
    },
    "document_old_excel": {
        "vi": "{name}: không đọc tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx.",
        "en": "{name}: old Excel files (.xls) are not read. Open it in Excel or LibreOffice and save it as .xlsx.",
    },
    "document_zip_bomb": {
        "vi": "{name}: tệp sẽ bung ra {size} byte, lớn hơn mọi báo cáo (có thể là “bom nén”). Tệp không được mở.",
        "en": "{name}: the file would unpack to {size} bytes, far more than any report (a zip bomb?). It was not "
        "opened.",
    },
    "document_corrupt_archive": {
        "vi": "{name}: tệp bị hỏng, không mở được. Hãy lưu hoặc tải lại tệp.",
        "en": "{name}: the file is damaged and cannot be opened. Save or download it again.",
    },
    "document_corrupt_office": {
        "vi": "{name}: tệp Word/Excel bị hỏng, không đọc được. Hãy mở và lưu lại tệp.",
        "en": "{name}: the Word/Excel file is damaged and cannot be read. Open it and save it again.",
    },
    "document_encrypted_pdf": {
        "vi": "{name}: PDF có mật khẩu. Hãy lưu hoặc in lại không đặt mật khẩu, hoặc xin bản không có mật khẩu.",
        "en": "{name}: the PDF is encrypted and needs a password. Save or print it again without one, or ask its "
        "sender for a copy without one.",
    },
    "document_corrupt_pdf": {
        "vi": "{name}: PDF bị hỏng, không đọc được. Hãy tải hoặc xuất lại tệp.",
        "en": "{name}: the PDF is damaged and cannot be read. Download or export it again.",
    },
    "document_too_many_pages": {
        "vi": "{name}: tệp có {pages} trang, quá giới hạn {limit} trang. Hãy tải lên phần có số liệu.",
        "en": "{name}: {pages} pages is more than the {limit}-page limit. Load the part that holds the figures.",
    },
    "document_ocr_missing": {
        "vi": "{name}: đây là bản quét, cần chương trình nhận dạng chữ Tesseract tiếng Việt để đọc nhưng máy chưa "
        "cài. Hãy cài bằng lệnh: {command}",
        "en": "{name}: this is a scan, and reading it needs Tesseract OCR with its Vietnamese data, which is not "
        "installed. Install it with: {command}",
    },
    "document_too_many_scanned_pages": {
        "vi": "{name}: có hơn {limit} trang quét, mỗi trang phải nhận dạng chữ mất vài giây. Hãy tải lên các trang có "
        "số liệu.",
        "en": "{name}: more than {limit} scanned pages, each read by OCR in a few seconds. Load the pages that hold "
        "the figures.",
    },
    "document_no_text_ocr": {
        "vi": "{name}: nhận dạng chữ không thấy chữ nào trên {pages} trang (trang trắng, ảnh chụp hoặc quá mờ). Hãy "
        "quét lại ở 300 dpi, đen trắng, hoặc tải lên tệp gốc.",
        "en": "{name}: OCR found no text on its {pages} page(s) (blank, a photo, or too faint). Scan it again at "
        "300 dpi in black and white, or load the file it was printed from.",
    },
    "document_ocr_failed": {
        "vi": "{name}: nhận dạng chữ bị lỗi trên một trang. Hãy quét lại ở 300 dpi, hoặc tải lên tệp gốc.",
        "en": "{name}: OCR failed on a page. Scan the report again at 300 dpi, or load the file it was printed from.",
    },
    "document_unreadable_pages": {
        "vi": "Không đọc được chữ trên trang {pages}: số liệu ở các trang này chưa được đề xuất.",
        "en": "No text could be read on page(s) {pages}: no figure is proposed from them.",
    },
    "document_read_by_ocr": {
        "vi": "Văn bản được đọc bằng nhận dạng chữ (OCR): hãy đối chiếu từng số với bản gốc.",
        "en": "The text was read by OCR: check each figure against the original.",
    },
    "document_image_too_large": {
        "vi": "{name}: ảnh quá lớn để là một trang. Hãy quét lại ở 300 dpi.",
        "en": "{name}: the image is too large to be a page. Scan it again at 300 dpi.",
    },
    "document_corrupt_image": {
        "vi": "{name}: ảnh bị hỏng, không đọc được. Hãy quét hoặc lưu lại.",
        "en": "{name}: the image is damaged and cannot be read. Scan or save it again.",
    },
    "document_doc_needs_libreoffice": {
        "vi": "{name}: tệp Word cũ (.doc) được đọc bằng cách chuyển qua LibreOffice, nhưng máy chưa cài. Hãy cài bằng "
        "lệnh: {command}, hoặc lưu tệp thành .docx.",
        "en": "{name}: an old Word file (.doc) is read by converting it with LibreOffice, which is not installed. "
        "Install it with: {command}, or save the file as .docx.",
    },
    "document_doc_conversion_failed": {
        "vi": "{name}: LibreOffice không chuyển được tệp .doc. Hãy lưu tệp thành .docx rồi tải lên.",
        "en": "{name}: LibreOffice could not convert the .doc file. Save it as .docx and load that.",
    },
    "document_too_many_cells": {
        "vi": "{name}: bảng tính có hơn {limit} ô, nhiều hơn mọi phụ lục báo cáo. Hãy tải lên các trang tính có số "
        "liệu.",
        "en": "{name}: the workbook has more than {limit} cells, more than any report's annex. Load the sheets that "
        "hold the figures.",
    },
    "document_binary": {
        "vi": "{name}: tệp không phải văn bản. Hãy lưu báo cáo dạng văn bản UTF-8 (.txt).",
        "en": "{name}: this file is not text. Save the report as plain UTF-8 text (.txt).",
    },
    "document_not_utf8": {
        "vi": "{name}: không phải văn bản UTF-8 (byte thứ {byte}), cũng không phải tiếng Việt mã TCVN3, VNI hay "
        "Windows-1258. Hãy lưu báo cáo dạng UTF-8.",
        "en": "{name}: not UTF-8 text (byte {byte}), nor Vietnamese in TCVN3, VNI or Windows-1258. Save the report "
        "as UTF-8.",
    },
    "document_legacy_encoding": {
        "vi": "{name}: không phải UTF-8 mà có vẻ là tiếng Việt mã {encoding}, mã này không đọc được ở đây. Hãy mở "
        "bằng trình soạn thảo và lưu lại dạng UTF-8.",
        "en": "{name}: not UTF-8 but seemingly Vietnamese in {encoding}, which is not read here. Open it in a word "
        "processor and save it as UTF-8 text.",
    },
    "document_unsure_encoding": {
        "vi": "{name}: không phải UTF-8; có thể là tiếng Việt mã {encoding} nhưng quá ít chữ có dấu để chắc chắn. "
        "Hãy lưu báo cáo dạng UTF-8.",
        "en": "{name}: not UTF-8; it may be Vietnamese in {encoding}, but it has too few accented words to be sure. "
        "Save the report as UTF-8 text.",
    },
    "problem_empty": {"vi": "chưa điền", "en": "is empty"},
    "problem_spaces": {"vi": "có dấu cách ở đầu hoặc cuối", "en": "has spaces at the start or end"},
    "problem_unknown": {
        "vi": "“{value}” không có trong danh sách; hãy chọn một mục trong danh sách",
        "en": "“{value}” is not one of the choices; pick one from the list",
    },
    "problem_not_date": {"vi": "“{value}” không phải một ngày", "en": "“{value}” is not a date"},
    "problem_end_before_start": {
        "vi": "{end} trước ngày bắt đầu {start}",
        "en": "{end} is before the start, {start}",
    },
    "problem_negative": {
        "vi": "“{value}” là số âm; số liệu không bao giờ nhỏ hơn 0",
        "en": "“{value}” is negative; figures are never below zero",
    },
    "problem_not_number": {
        "vi": "“{value}” không phải một số theo đơn vị gốc: chỉ chữ số, dấu chấm cho phần thập phân "
        "(vd. 1400000000 hoặc 2.15)",
        "en": "“{value}” is not a number in base units: digits only, '.' for decimals (e.g. 1400000000 or 2.15)",
    },
    "problem_over_100": {
        "vi": "{value} lớn hơn 100 đối với một tỷ lệ phần trăm",
        "en": "{value} is above 100 for a percentage",
    },
    "problem_value_differs": {
        "vi": "{value} khác {read}, là số mà trích dẫn “{quote}” ghi",
        "en": "{value} differs from {read}, which is what “{quote}” says",
    },
    "problem_unit_differs": {
        "vi": "“{unit}” khác “{read}”, là đơn vị mà trích dẫn “{quote}” ghi; nếu đơn vị ghi ở chỗ khác (tiêu đề "
        "bảng), hãy giải thích trong cột Ghi chú, có chữ “unit”",
        "en": "“{unit}” differs from “{read}”, which is what “{quote}” says; if the unit is written elsewhere (a "
        "table header), explain it in the Note column, with the word “unit”",
    },
    "problem_qualifier_differs": {
        "vi": "“{qualifier}” khác “{read}”, là mức mà trích dẫn “{quote}” ghi; nếu từ chỉ mức ở chỗ khác trong câu, "
        "hãy giải thích trong cột Ghi chú, có chữ “qualifier”",
        "en": "“{qualifier}” differs from “{read}”, which is what “{quote}” says; if the qualifier is written "
        "elsewhere in the sentence, explain it in the Note column, with the word “qualifier”",
    },
    "problem_not_one_number": {
        "vi": "trích dẫn “{quote}” không chứa đúng một con số",
        "en": "the quote “{quote}” does not hold exactly one number",
    },
    "problem_not_offset": {
        "vi": "“{value}” không phải một vị trí ký tự (số nguyên từ 0)",
        "en": "“{value}” is not a character position (a whole number from 0)",
    },
    "problem_quote_not_at_offset": {
        "vi": "“{quote}” không nằm ở vị trí {offset} của báo cáo; nó có ở vị trí {found}",
        "en": "“{quote}” is not at position {offset} of the report; it is at {found}",
    },
    "problem_quote_not_in_report": {
        "vi": "“{quote}” không có trong báo cáo",
        "en": "“{quote}” is not in the report",
    },
    "problem_quote_too_long": {
        "vi": "“{quote}” dài quá {longest} ký tự: trích dẫn chỉ là con số như in",
        "en": "“{quote}” is longer than {longest} characters: the quote is only the figure as printed",
    },
    "problem_duplicate_figure": {
        "vi": "trùng với số liệu ở {other}: cùng địa bàn, cấp, thời kỳ, chỉ tiêu, nhóm đối tượng và mục tiêu",
        "en": "the same figure as {other}: same area, level, period, metric, beneficiary group and target",
    },
    "problem_duplicate_key": {"vi": "“{value}” đã có ở dòng khác", "en": "“{value}” is already on another row"},
    "problem_no_province": {
        "vi": "số liệu cấp {level} không thuộc tỉnh nào; hãy để trống cột Tỉnh",
        "en": "a figure for a {level} belongs to no province; leave the Province column empty",
    },
    "problem_area_not_province": {
        "vi": "số liệu cấp tỉnh phải có địa bàn là chính tỉnh đó ({province})",
        "en": "a province-level figure has the province itself as its area ({province})",
    },
    "problem_merged_national": {
        "vi": "số liệu cấp {level} không nói về một tỉnh; bỏ dấu ở cột này",
        "en": "a figure for a {level} is about no province; untick this column",
    },
    "problem_metric_unit": {
        "vi": "chỉ tiêu “{metric}” đo bằng “{expected}”, không phải “{unit}”",
        "en": "the metric “{metric}” is measured in “{expected}”, not “{unit}”",
    },
    "problem_standard_not_poverty": {
        "vi": "chỉ số liệu về nghèo mới có chuẩn nghèo; “{metric}” thuộc chủ đề {category}",
        "en": "only poverty figures have a poverty standard; “{metric}” is about {category}",
    },
    "problem_no_standard": {
        "vi": "không chuẩn nghèo nào áp dụng vào ngày {date}; hãy chọn chuẩn mà báo cáo dùng",
        "en": "no poverty standard applies on {date}; choose the one the report uses",
    },
    "problem_undated_needs_note": {
        "vi": "bài không có ngày đăng: hãy ghi ở đây vì sao không có ngày",
        "en": "the report has no publication date: say here why there is none",
    },
    "problem_undated_needs_bound": {
        "vi": "bài không có ngày đăng: hãy cho ngày sớm nhất bài có thể được đăng (sự việc muộn nhất bài kể)",
        "en": "the report has no publication date: give the earliest date it can have been published (the latest "
        "event it tells of)",
    },
    "problem_dated_needs_no_bound": {
        "vi": "bài đã có ngày đăng; hãy để trống ô này",
        "en": "the report has a publication date; leave this empty",
    },
    "problem_bound_order": {
        "vi": "ngày {latest} sớm hơn ngày {earliest}",
        "en": "{latest} is before {earliest}",
    },
    "problem_title_no_diacritics": {
        "vi": "tiêu đề tiếng Việt thiếu dấu; hãy chép đúng tiêu đề như bài đã đăng",
        "en": "the Vietnamese title has no diacritics; copy the title as published",
    },
    "problem_title_lower_case": {
        "vi": "tiêu đề bắt đầu bằng chữ thường như chữ của một địa chỉ web; hãy chép đúng tiêu đề như bài đã đăng",
        "en": "the title starts in lower case like the words of a web address; copy the title as published",
    },
    "problem_not_url": {
        "vi": "“{value}” không phải địa chỉ web bắt đầu bằng http:// hoặc https://",
        "en": "“{value}” is not a web address starting with http:// or https://",
    },
    "problem_report_exists": {
        "vi": "đã có tệp báo cáo {file}; hãy đổi tiêu đề",
        "en": "a report file {file} already exists; change the title",
    },
    "problem_proposal_kept": {
        "vi": "đã có đề xuất được lưu cho {source_id}; hãy đổi tiêu đề",
        "en": "a proposal is already kept for {source_id}; change the title",
    },
    "problem_write_failed": {
        "vi": "không ghi được tệp ({error}); dữ liệu vẫn như trước",
        "en": "the files could not be written ({error}); the data is as it was",
    },
    # The data request: the Coverage page's download, and loading a filled one on the Add-a-report page.
    "request_title": {"vi": "Đề nghị tỉnh cung cấp số liệu còn thiếu", "en": "Ask a province for its missing figures"},
    "request_intro": {
        "vi": "Mỗi tỉnh một tệp Excel: mỗi chỉ tiêu chính, mỗi năm từ 2015 đến năm vừa qua mà chưa có số liệu. "
        "Cơ quan của tỉnh điền giá trị và văn bản nguồn, rồi tệp được tải lên ở trang Thêm báo cáo.",
        "en": "One Excel file per province: each headline indicator in each year from 2015 to the last full year "
        "that has no figure yet. The province's office fills in the value and its document, and the file is "
        "uploaded on the Add-a-report page.",
    },
    "request_download": {"vi": "Biểu mẫu của {province} ({cells} ô)", "en": "{province}'s request ({cells} cells)"},
    "request_file": {"vi": "yeu-cau-so-lieu", "en": "data-request"},
    "kind_title": {
        "vi": "Ô số liệu chính (tỉnh × năm) theo nguồn",
        "en": "Headline cells (province × year) by source",
    },
    "kind_intro": {
        "vi": "Một ô có số liệu từ cả hai nguồn được đếm ở cả hai cột.",
        "en": "A cell with a figure from both kinds of source is counted in both columns.",
    },
    "kind_article": {"vi": "Bài báo, văn bản đã đăng", "en": "Published article"},
    "kind_office": {"vi": "Cơ quan báo cáo qua biểu mẫu", "en": "Reported by an office"},
    "request_upload_title": {
        "vi": "Tải lên biểu mẫu số liệu đã điền",
        "en": "Upload a filled data request",
    },
    "request_upload_intro": {
        "vi": "Biểu mẫu tải ở trang Độ phủ số liệu, do cơ quan của tỉnh điền. Mỗi dòng có giá trị phải ghi văn bản "
        "nguồn; dòng để trống được bỏ qua. Có lỗi thì không lưu gì.",
        "en": "The request downloaded from the Coverage page, filled in by the province's office. Every row with a "
        "value names its document; rows left empty are skipped. With any problem nothing is saved.",
    },
    "request_upload": {"vi": "Tệp .xlsx đã điền", "en": "The filled .xlsx file"},
    "request_load": {"vi": "Kiểm tra và lưu số liệu", "en": "Check and save the figures"},
    "request_saved": {
        "vi": "Đã lưu {figures} số liệu từ {documents} văn bản và cập nhật cơ sở dữ liệu; {skipped} dòng để trống.",
        "en": "Saved {figures} figures from {documents} documents and rebuilt the database; {skipped} rows left empty.",
    },
    "request_where": {
        "vi": "Trang {sheet}, dòng {row}, cột {cell} ({column})",
        "en": "Sheet {sheet}, row {row}, column {cell} ({column})",
    },
    "request_where_row": {"vi": "Trang {sheet}, dòng {row}", "en": "Sheet {sheet}, row {row}"},
    "request_where_file": {"vi": "Tệp", "en": "The file"},
    "request_problem_not_workbook": {"vi": "không phải tệp Excel (.xlsx)", "en": "not an Excel workbook (.xlsx)"},
    "request_problem_no_sheet": {
        "vi": "thiếu trang tính của biểu mẫu; hãy dùng tệp tải từ trang Độ phủ số liệu",
        "en": "a sheet of the request is missing; use the file downloaded from the Coverage page",
    },
    "request_problem_keys_changed": {
        "vi": "dòng 2 phải giữ nguyên mã các cột; một cột đã bị chuyển, thêm hoặc xóa",
        "en": "row 2 must keep the column keys; a column was moved, added or removed",
    },
    "request_problem_nothing_filled": {"vi": "chưa dòng nào có giá trị", "en": "no row has a value"},
    "request_problem_not_asked": {
        "vi": "biểu mẫu không hỏi số liệu ở dòng này",
        "en": "the request asked for no figure in this row",
    },
    "request_problem_asked_changed": {
        "vi": "“{found}” khác với nội dung biểu mẫu đã ghi (“{expected}”); ô này không được sửa",
        "en": "“{found}” is not what the request wrote (“{expected}”); this cell may not be changed",
    },
    "request_problem_not_headline": {
        "vi": "không phải một ô chỉ tiêu chính mà biểu mẫu có thể hỏi",
        "en": "not a headline cell a request can ask for",
    },
    "request_problem_not_number": {"vi": "“{value}” không phải một số", "en": "“{value}” is not a number"},
    "request_problem_negative": {"vi": "{value} nhỏ hơn 0", "en": "{value} is below zero"},
    "request_problem_over_maximum": {"vi": "{value} lớn hơn 100%", "en": "{value} is above 100 percent"},
    "request_problem_not_whole": {
        "vi": "{value} không phải số nguyên, mà chỉ tiêu đếm số lượng",
        "en": "{value} is not a whole number, as a count is",
    },
    "request_problem_unknown_qualifier": {
        "vi": "không phải một lựa chọn trong danh sách",
        "en": "not one of the list's choices",
    },
    "request_problem_missing_document": {
        "vi": "chưa điền: mỗi số liệu phải ghi văn bản nguồn",
        "en": "is empty: every figure names the document that reports it",
    },
    "request_problem_not_date": {"vi": "“{value}” không phải một ngày", "en": "“{value}” is not a date"},
    "request_problem_date_future": {"vi": "ngày {date} chưa tới", "en": "{date} is after today"},
    "request_problem_date_before_year": {
        "vi": "ngày {date} trước năm {year} của số liệu",
        "en": "{date} is before the year {year} the figure is for",
    },
    "request_problem_not_url": {
        "vi": "“{value}” không phải địa chỉ bắt đầu bằng http:// hoặc https://",
        "en": "“{value}” is not a web address starting with http:// or https://",
    },
    "problem_other": {
        "vi": "bộ kiểm tra báo (bằng tiếng Anh): {message}",
        "en": "{message}",
    },
    "history": {"vi": "Lịch sử thay đổi", "en": "History of changes"},
    "history_intro": {
        "vi": "Mỗi lần thêm hoặc rút báo cáo: ai, khi nào, số liệu trước và sau (data/audit.jsonl, chỉ ghi thêm).",
        "en": "Every report added or withdrawn: who, when, the figures before and after (data/audit.jsonl, "
        "append-only).",
    },
    "no_history": {"vi": "Chưa có thay đổi nào được ghi.", "en": "No change has been recorded yet."},
    "history_when": {"vi": "Thời điểm (UTC)", "en": "When (UTC)"},
    "history_who": {"vi": "Người thay đổi", "en": "Who"},
    "history_action": {"vi": "Việc", "en": "Action"},
    "history_before": {"vi": "Số liệu trước", "en": "Figures before"},
    "history_after": {"vi": "Số liệu sau", "en": "Figures after"},
    "report_added": {"vi": "thêm báo cáo", "en": "report added"},
    "report_withdrawn": {"vi": "rút báo cáo", "en": "report withdrawn"},
    "unreadable": {"vi": "dòng không đọc được", "en": "unreadable line"},
    "download_deck": {"vi": "Tải bản trình chiếu PowerPoint", "en": "Download a PowerPoint deck"},
    "deck_help": {
        "vi": "Các biểu đồ đang xem, dạng biểu đồ PowerPoint sửa được; nguồn dưới mỗi biểu đồ, trích dẫn trong "
        "ghi chú của người trình bày.",
        "en": "The charts in view as editable PowerPoint charts; sources under each chart, quotes in the "
        "speaker notes.",
    },
    "deck_empty": {
        "vi": "Không có biểu đồ nào để đưa vào bản trình chiếu: bộ lọc không khớp số liệu nào.",
        "en": "There is no chart to put in a deck: the filters match no figures.",
    },
    "deck_language": {"vi": "Tiếng Việt", "en": "English"},
    "deck_made_on": {"vi": "lập ngày", "en": "made on"},
    "deck_period": {"vi": "Năm / kỳ", "en": "Year / period"},
    "deck_sources": {"vi": "Nguồn ({count} báo cáo):", "en": "Sources ({count} reports):"},
    "deck_sources_title": {"vi": "Nguồn", "en": "Sources"},
    "deck_sources_see": {
        "vi": "— tên, ngày và địa chỉ của từng báo cáo ở các trang Nguồn cuối bản trình chiếu.",
        "en": "— each report's name, date and address are on the Sources slides at the end.",
    },
    "deck_cite_no_address": {
        "vi": "Trích dẫn: Giảm nghèo: so sánh 5 tỉnh — tổng hợp từ các báo cáo đã công bố, truy cập {made_on}. "
        "Mỗi số liệu dẫn về đúng câu của báo cáo gốc.",
        "en": "Cite as: Poverty reduction: five provinces compared — compiled from published reports, accessed "
        "{made_on}. Every figure traces back to the sentence of its report.",
    },
    "deck_table": {"vi": "Số liệu trên các biểu đồ", "en": "The figures on the charts"},
    "deck_table_limited": {
        "vi": "Bảng ghi {shown} trong {total} số liệu; tệp CSV của từng biểu đồ có đủ.",
        "en": "The table holds {shown} of {total} figures; each chart's CSV holds them all.",
    },
    "deck_cite": {
        "vi": "Trích dẫn: Giảm nghèo: so sánh 5 tỉnh — tổng hợp từ các báo cáo đã công bố, truy cập {made_on}, "
        "{address}. Mỗi số liệu dẫn về đúng câu của báo cáo gốc.",
        "en": "Cite as: Poverty reduction: five provinces compared — compiled from published reports, accessed "
        "{made_on}, {address}. Every figure traces back to the sentence of its report.",
    },
}

LEVELS = {
    "country": {"vi": "cả nước", "en": "country"},
    "region": {"vi": "vùng", "en": "region"},
    "province": {"vi": "tỉnh", "en": "province"},
    "district": {"vi": "huyện", "en": "district"},
    "commune": {"vi": "xã", "en": "commune"},
}

CATEGORIES = {
    "poverty": {"vi": "Nghèo, cận nghèo", "en": "Poverty"},
    "health_insurance": {"vi": "Bảo hiểm y tế", "en": "Health insurance"},
    "credit": {"vi": "Tín dụng", "en": "Credit"},
    "support": {"vi": "Hỗ trợ", "en": "Support"},
    "women_union": {"vi": "Hội Phụ nữ", "en": "Women's Union"},
    "social_insurance": {"vi": "Bảo hiểm xã hội", "en": "Social insurance"},
}

# Whether other reports give the same point (etl/figures.sql).
AGREEMENT = {
    "single": {"vi": "một báo cáo", "en": "one report"},
    "duplicate": {"vi": "nhiều báo cáo, cùng số", "en": "several reports agree"},
    "conflict": {"vi": "các báo cáo nói khác nhau", "en": "reports disagree"},
}


UNITS = {
    "VND": {"vi": "đồng", "en": "VND"},
    "percent": {"vi": "%", "en": "%"},
    "count": {"vi": "số lượng", "en": "count"},
}


def text(key: str, language: str, **values: object) -> str:
    """The words for `key`; numbers given as values are written the way the language writes them."""
    if not values:
        return TEXT[key][language]
    written = {
        name: number(value, language) if isinstance(value, int | float) else value for name, value in values.items()
    }
    return TEXT[key][language].format(**written)


def level_name(level: str, language: str) -> str:
    return LEVELS[level][language]


def category_name(category: str, language: str) -> str:
    return CATEGORIES[category][language]


def qualifier_word(qualifier: str, language: str) -> str:
    return QUALIFIER_WORDS[qualifier][language]


def unit_name(unit: str, language: str) -> str:
    return UNITS[unit][language]


def value_texts(frame: pd.DataFrame, language: str) -> list[str]:
    """value_text for every row of a frame with value, unit and qualifier columns.

    Figures read from the database carry the text written at build time; derived values do not.
    """
    if f"value_text_{language}" in frame:
        return frame[f"value_text_{language}"].tolist()
    return [
        value_text(value, unit, qualifier, language)
        for value, unit, qualifier in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)
    ]


def part_title(title: str, number: int, parts: int) -> str:
    """A title of one of several parts: "Tín dụng (1/3)"; the title alone when there is one part."""
    return f"{title} ({number}/{parts})" if parts > 1 else title


def publication_text(published: object, not_before: object, not_after: object, language: str) -> str:
    """When a report was published, as a citation prints it: its date, or for a page that shows none, the
    bounds its text allows ("không trước 09/12/2020", "not before 9 Dec 2020"); "—" when nothing is known."""
    known = [None if _missing(day) else pd.Timestamp(day).date() for day in (published, not_before, not_after)]
    exact, earliest, latest = (short_date(day, language) if day else None for day in known)
    if exact:
        return exact
    if earliest and latest:
        return text("published_between", language, earliest=earliest, latest=latest)
    if earliest:
        return text("published_not_before", language, day=earliest)
    if latest:
        return text("published_not_after", language, day=latest)
    return "—"


# How sources.csv writes a publisher its report does not name (the English of the reviewers' notes).
PUBLISHER_NOT_NAMED = "Not named in the text"


LANGUAGE_NAMES = {"vi": {"vi": "tiếng Việt", "en": "Vietnamese"}, "en": {"vi": "tiếng Anh", "en": "English"}}


def language_name(code: str, language: str) -> str:
    """The language a report is printed in, named in the reader's language ("tiếng Việt", "English")."""
    return LANGUAGE_NAMES.get(code, {}).get(language, code)


def publisher_name(publisher: object, language: str) -> str:
    """A report's publisher as printed, or, where the report names none, the words for that in the language."""
    if _missing(publisher) or publisher == PUBLISHER_NOT_NAMED:
        return text("publisher_not_named", language)
    return str(publisher)


def citation(reading: Mapping, language: str) -> str:
    """The report behind a figure as a reader cites it: title — publisher, date ("nguồn nước ngoài" where only a
    foreign outlet gives it, "cơ quan báo cáo theo biểu mẫu" where an office reported it on a data request). The
    same words on screen, in tooltips, files and the deck; never an internal id."""
    title = str(reading.get("source_title") or "")
    title = title[:90] + "…" if len(title) > 90 else title
    cited = f"{title} — {publisher_name(reading.get('source_publisher'), language)}, {source_date(reading, language)}"
    mark = source_mark(reading, language)
    return f"{cited} ({mark})" if mark else cited


def source_mark(reading: Mapping, language: str) -> str:
    """What sets the report behind a figure apart from a domestic published one, "" for none: an office's answer
    to a data request ("cơ quan báo cáo theo biểu mẫu"), or a foreign outlet the only one to give it."""
    if reading.get("source_kind") == "office":
        return text("office_source", language)
    if reading.get("source_tier") == "foreign":
        return text("foreign_source", language)
    return ""


def source_kind_name(kind: object, language: str) -> str:
    """Whether a figure comes from a published report or from an office through a data request."""
    return text("office_source" if kind == "office" else "article_source", language)


def source_date(reading: Mapping, language: str) -> str:
    """publication_text of the report behind a figure (a row of the figures table)."""
    return publication_text(
        reading.get("source_publication_date"),
        reading.get("source_published_not_before"),
        reading.get("source_published_not_after"),
        language,
    )


def short_date(day: date, language: str) -> str:
    """09/12/2020 in Vietnamese, 9 Dec 2020 in English (Babel)."""
    return day.strftime("%d/%m/%Y") if language == "vi" else format_date(day, "d MMM y", locale=LOCALES[language])


def _missing(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def date_text(day: date, language: str) -> str:
    """A date in words, as the language writes it: "6 tháng 11, 2026" or "November 6, 2026" (Babel)."""
    return format_date(day, "long", locale=LOCALES[language])


def place_name(reading: Mapping, language: str) -> str:
    """The place a figure is about, as a reader of the language names it, marked wherever it is special, the
    same way on screen, in files and in the deck: the province as merged on 1 July 2025 ("Phú Thọ (tỉnh mới
    từ 1/7/2025)"), a living-standards survey rate ("Hải Dương (Khảo sát mức sống)"), the country ("Cả nước",
    "Viet Nam") and regions in the language. `reading` is a row of the figures table."""
    province = reading.get("province")
    if isinstance(province, str) and reading.get("area_level") == "province":
        name = province
    else:
        name = reading.get(f"place_{language}") or reading.get("area")
    if isinstance(province, str) and _true(reading.get("merged_province")):
        name = text("merged_line", language, province=name)
    if _true(reading.get("survey_measure")):
        name = text("survey_place", language, place=name)
    return str(name)


def _true(value: object) -> bool:
    """A flag read from a frame: True, numpy's true, or 1; never NA."""
    try:
        return bool(value) and not pd.isna(value)
    except TypeError:  # pd.NA has no truth value
        return False


def area_text(area: str, level: str, language: str) -> str:
    """Kiến Xương (huyện)"""
    return f"{area} ({level_name(level, language)})"


def place_and_period(area: str, level: str, start: date, end: date, language: str) -> str:
    """Kiến Xương (huyện) · 3/2024"""
    return f"{area_text(area, level, language)} · {period_text(start, end, language)}"


# The Support page by programme (app/support_view.py).
TEXT.update(
    {
        "programme": {"vi": "Chương trình", "en": "Programme"},
        "programme_option": {"vi": "{programme} ({provinces} tỉnh)", "en": "{programme} ({provinces} provinces)"},
        "programme_option_one": {"vi": "{programme} (1 tỉnh)", "en": "{programme} (1 province)"},
        "support_by_programme": {
            "vi": "Mỗi chương trình hỗ trợ một bảng: các tỉnh báo cáo theo những thời kỳ và nhóm đối tượng khác "
            "nhau, nên mỗi cột ghi thời kỳ và nhóm của nó, thay cho so sánh một năm hay đường qua các năm. "
            "Chương trình được nhiều tỉnh báo cáo nhất đứng đầu.",
            "en": "One panel per support programme: provinces report over different periods and for different "
            "groups, so each bar names its period and group, instead of a one-year comparison or lines over the "
            "years. The programme most provinces report comes first.",
        },
        "programme_silent": {
            "vi": "Không có số liệu của chương trình này (theo bộ lọc): {provinces}.",
            "en": "No figure of this programme (under the filters) from: {provinces}.",
        },
        "programme_chart_VND": {"vi": "{programme}: kinh phí", "en": "{programme}: money"},
        "programme_chart_count": {"vi": "{programme}: số lượng", "en": "{programme}: counts"},
        "programme_chart_percent": {"vi": "{programme}: tỷ lệ", "en": "{programme}: shares"},
        "programme_caption": {
            "vi": "Mỗi biểu đồ con là một chỉ tiêu ở một cấp, với trục riêng: số của huyện, xã không vẽ trên trục "
            "của tỉnh. Cột gạch chéo là mục tiêu, không phải kết quả. Chọn một cột để xem câu trong báo cáo.",
            "en": "Each sub-chart is one metric at one level, on its own axis: district and commune figures are "
            "not drawn on a province's axis. A hatched bar is a target, not a result. Select a bar to read the "
            "sentence of its report.",
        },
        "first_months": {"vi": "{months} tháng đầu năm {year}", "en": "first {months} months of {year}"},
        "same_figure_reports": {
            "vi": "Cùng số liệu này còn có trong {count} báo cáo khác",
            "en": "The same figure is in {count} other report(s)",
        },
        "same_figure_header": {"vi": "Số báo cáo cho cùng số liệu", "en": "Reports giving the same figure"},
        "download_programme_csv": {
            "vi": "Tải CSV các số liệu đã vẽ của chương trình này",
            "en": "Download the figures drawn for this programme (CSV)",
        },
        "programme_figures": {"vi": "Mọi số liệu của chương trình", "en": "Every figure of the programme"},
    }
)
