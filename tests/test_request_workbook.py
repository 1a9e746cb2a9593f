"""The data request of a province (etl/request_workbook.py) and loading it back filled (etl/add_request.py), as an
analyst and an office use them from the command line and the dashboard. The values typed into the workbooks here
are made up: they live only in the tests' copies of data/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.__main__ import main
from etl.figure_text import QUALIFIER_WORDS
from etl.request_workbook import FIELDS, AskedCell, workbook_of_cells
from tests.helpers import read_csv, snapshot

PROVINCE = "Long An"
COLUMN = {field: index for index, field in enumerate(FIELDS, start=1)}
DOCUMENT = {
    "document_title": "Báo cáo kết quả thực hiện chương trình giảm nghèo (bản thử)",
    "issuing_body": "Sở Lao động - Thương binh và Xã hội tỉnh Long An (thử)",
    "document_number": "99/BC-THU",
}
# Made-up values for the test copies: one per unit.
TEST_VALUES = {"percent": 3.25, "VND": 4321000000, "count": 1234}


def last_full_year() -> int:
    return date.today().year - 1


def expected_missing(database: Path, province: str) -> list[tuple[str, str, int, str]]:
    """Computed here, apart from the code under test: every headline metric × year from 2015 to the last full year
    without a province-level actual figure of the headline group, for the old province, that stands for the year
    (a stock, or a flow over the calendar year), measured under the poverty standard in force that year."""
    with duckdb.connect(str(database), read_only=True) as connection:
        headlines = connection.execute(
            "SELECT metric, headline_group, unit, category, headline_rank FROM metrics WHERE headline_rank IS NOT NULL"
        ).fetchall()
        found = set(
            connection.execute(
                """
                SELECT DISTINCT figures.metric, figures.year FROM figures JOIN metrics USING (metric)
                WHERE province = $province AND area_level = 'province' AND NOT is_target AND NOT merged_province
                  AND beneficiary_group = metrics.headline_group AND standard_in_force
                  AND (metrics.measure = 'stock' OR (month(period_start) = 1 AND day(period_start) = 1
                       AND month(period_end) = 12 AND day(period_end) = 31 AND year(period_start) = year(period_end)))
                """,
                {"province": province},
            ).fetchall()
        )
    topics = ["poverty", "health_insurance", "credit", "support"]
    headlines.sort(key=lambda row: (topics.index(row[3]), row[4]))
    return [
        (metric, group, year, unit)
        for metric, group, unit, _, _ in headlines
        for year in range(2015, last_full_year() + 1)
        if (metric, year) not in found
    ]


def asked_rows(path: Path) -> list[tuple[int, dict[str, object]]]:
    sheet = openpyxl.load_workbook(path)["figures"]
    return [
        (number, {field: sheet.cell(number, COLUMN[field]).value for field in FIELDS})
        for number in range(3, sheet.max_row + 1)
        if sheet.cell(number, 1).value
    ]


@pytest.fixture
def request_file(database: Path, tmp_path: Path) -> Path:
    path = tmp_path / "long-an.xlsx"
    assert main(["request", "--province", PROVINCE, "--out", str(path), "--database", str(database)]) == 0
    return path


def fill(path: Path, target: Path, rows: dict[int, dict[str, object]]) -> None:
    """Type into the figures sheet as an office would (openpyxl ignores the sheet's protection, as some programs
    do); only the given cells change."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["figures"]
    for number, cells in rows.items():
        for field, value in cells.items():
            sheet.cell(number, COLUMN[field]).value = value
    workbook.save(target)


def filled_row(unit: str, **changes: object) -> dict[str, object]:
    return {"value": TEST_VALUES[unit], **DOCUMENT, "document_date": datetime(2025, 3, 1), "page": 4} | changes


def first_rows_by_unit(path: Path) -> dict[str, int]:
    """The first asked row of each unit, so each test fills a rate, an amount and a count."""
    rows: dict[str, int] = {}
    for number, cells in asked_rows(path):
        rows.setdefault(str(cells["unit"]), number)
    return rows


# The request


def test_the_request_asks_exactly_for_the_missing_headline_cells_of_the_province(built_database, tmp_path):
    path = tmp_path / "long-an.xlsx"
    assert main(["request", "--province", PROVINCE, "--out", str(path), "--database", str(built_database)]) == 0
    rows = [cells for _, cells in asked_rows(path)]
    asked = [(row["metric"], row["beneficiary_group"], row["period_end"].year, row["unit"]) for row in rows]
    assert asked == expected_missing(built_database, PROVINCE)
    assert asked  # the corpus lacks most headline figures of Long An
    assert {row["province"] for row in rows} == {PROVINCE}
    assert {(row["period_end"].month, row["period_end"].day) for row in rows} == {(12, 31)}
    assert all(row[field] is None for row in rows for field in FIELDS[5:])
    keys = [cell.value for cell in openpyxl.load_workbook(path)["figures"][2]]
    assert keys == list(FIELDS)


def test_the_request_refuses_a_province_not_studied(built_database, tmp_path, capsys):
    path = tmp_path / "x.xlsx"
    assert main(["request", "--province", "Hà Nội", "--out", str(path), "--database", str(built_database)]) == 1
    assert "'Hà Nội' is not one of the provinces studied" in capsys.readouterr().err
    assert not path.exists()


def test_asked_cells_are_locked_and_the_cells_to_fill_are_validated(built_database, tmp_path):
    path = tmp_path / "long-an.xlsx"
    assert main(["request", "--province", PROVINCE, "--out", str(path), "--database", str(built_database)]) == 0
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["figures"]
    assert sheet.protection.sheet and not sheet.protection.password  # protected, readable without a password
    assert workbook["request"].sheet_state == "veryHidden"
    for field in FIELDS:
        assert sheet.cell(3, COLUMN[field]).protection.locked == (field in FIELDS[:5]), field
    assert [cell.value for cell in sheet[1]][:6] == ["Tỉnh", "Chỉ tiêu (mã)", "Nhóm đối tượng (mã)"] + [
        "Số liệu tại ngày",
        "Đơn vị",
        "Giá trị (điền)",
    ]
    with duckdb.connect(str(built_database), read_only=True) as connection:
        definitions = dict(connection.execute("SELECT metric, definition_vi FROM headline_definitions").fetchall())
        avoid = dict(connection.execute("SELECT metric, not_to_mix_with FROM headline_definitions").fetchall())
    validations = {str(validation.sqref): validation for validation in sheet.data_validations.dataValidation}
    for number, cells in asked_rows(path):
        value = validations[f"F{number}"]
        assert value.type == "decimal"
        assert value.prompt.startswith(definitions[cells["metric"]])  # the exact definition, in Vietnamese
        if cells["unit"] == "percent":
            assert (value.operator in (None, "between"), value.formula1, value.formula2) == (True, "0", "100")
        else:
            assert (value.operator, value.formula1) == ("greaterThanOrEqual", "0")
    last = max(number for number, _ in asked_rows(path))
    qualifier = validations[f"G3:G{last}"]
    assert qualifier.type == "list"
    assert qualifier.formula1.strip('"').split(",") == [words["vi"] for words in QUALIFIER_WORDS.values()]
    assert validations[f"K3:K{last}"].type == "date"
    definitions_sheet = list(workbook["definitions"].iter_rows(min_row=2, values_only=True))
    assert {row[1] for row in definitions_sheet} == set(definitions)
    for row in definitions_sheet:
        assert (row[4], row[6]) == (definitions[row[1]], avoid[row[1]])
        assert row[7]  # an example
    poverty = next(row for row in definitions_sheet if row[1] == "poverty_rate")
    assert "%" in poverty[7]  # a real published rate with its source


def test_the_request_in_english(built_database, tmp_path):
    path = tmp_path / "long-an-en.xlsx"
    command = ["request", "--province", PROVINCE, "--out", str(path), "--database", str(built_database)]
    assert main([*command, "--language", "en"]) == 0
    sheet = openpyxl.load_workbook(path)["figures"]
    assert sheet.cell(1, COLUMN["value"]).value == "Value (fill in)"
    list_validation = next(item for item in sheet.data_validations.dataValidation if item.type == "list")
    assert "more than" in list_validation.formula1


# LibreOffice opens a workbook only with its spreadsheet, Calc (libsclo.so); the deck's tests need only Impress.
CALC = Path("/usr/lib/libreoffice/program/libsclo.so")


def test_the_request_opens_in_libreoffice(request_file, tmp_path):
    if shutil.which("soffice") is None or not CALC.exists():
        missing = "LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; .ci/run installs it")
        pytest.skip(missing)
    out = tmp_path / "converted"
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv"]
        + ["--outdir", str(out), str(request_file)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = (out / "long-an.csv").read_text(encoding="utf-8", errors="replace")
    assert "province,metric,beneficiary_group" in text
    assert "Long An,poverty_rate,all" in text


# Loading it back


def test_a_word_in_a_value_and_a_row_without_its_document_are_refused_naming_both_and_nothing_is_written(
    data_dir, database, request_file, tmp_path, capsys
):
    rows = first_rows_by_unit(request_file)
    worded, undocumented = rows["percent"], rows["VND"]
    broken = tmp_path / "broken.xlsx"
    fill(
        request_file,
        broken,
        {
            worded: filled_row("percent", value="khoảng ba phần trăm"),
            undocumented: {"value": TEST_VALUES["VND"]},
            rows["count"]: filled_row("count", qualifier="khoảng"),  # chosen from the list
        },
    )
    before = snapshot(data_dir)
    for trial in (["--trial"], []):
        command = ["add-request", str(broken), "--data-dir", str(data_dir), "--database", str(database), *trial]
        assert main(command) == 1
        errors = capsys.readouterr().err
        assert f"sheet figures, row {worded}, column value (F{worded}): 'khoảng ba phần trăm' is not a number" in errors
        for field, letter in (("document_title", "H"), ("issuing_body", "I"), ("document_date", "K")):
            assert f"row {undocumented}, column {field} ({letter}{undocumented}): is empty" in errors
        assert "4 problem(s); nothing was added." in errors
        assert snapshot(data_dir) == before  # data/ unchanged, byte for byte

    corrected = tmp_path / "corrected.xlsx"
    fill(broken, corrected, {worded: {"value": TEST_VALUES["percent"]}, undocumented: filled_row("VND")})
    assert (
        main(["add-request", str(corrected), "--trial", "--data-dir", str(data_dir), "--database", str(database)]) == 0
    )
    assert "3 figure(s) from 1 document(s) are valid; nothing was written (--trial)" in capsys.readouterr().out
    assert snapshot(data_dir) == before
    assert main(["add-request", str(corrected), "--data-dir", str(data_dir), "--database", str(database)]) == 0
    skipped = len(asked_rows(request_file)) - 3
    assert "3 figure(s) from 1 document(s) added" in capsys.readouterr().out.replace(f"; {skipped} row(s)", "")

    [source] = [row for row in read_csv(data_dir / "sources.csv") if row["kind"] == "office"]
    assert (source["title"], source["publisher"], source["publication_date"]) == (
        DOCUMENT["document_title"],
        DOCUMENT["issuing_body"],
        "2025-03-01",
    )
    assert DOCUMENT["document_number"] in source["note"]
    assert (data_dir / "requests" / f"{source['source_id']}.xlsx").read_bytes() == corrected.read_bytes()
    text = (data_dir / "reports" / source["file"]).read_text(encoding="utf-8")
    facts = [row for row in read_csv(data_dir / "facts.csv") if row["source_id"] == source["source_id"]]
    assert sorted(float(row["value"]) for row in facts) == sorted(TEST_VALUES.values())
    assert {row["quote"]: row["qualifier"] for row in facts if row["unit"] == "count"} == {"khoảng 1.234": "about"}
    for row in facts:
        offset = int(row["quote_offset"])
        assert text[offset : offset + len(row["quote"])] == row["quote"]  # the quote stands in the rendering
        assert "page 4 of the document" in row["note"]

    with duckdb.connect(str(database), read_only=True) as connection:
        kinds = connection.execute(
            "SELECT DISTINCT source_kind FROM figures WHERE source_id = ?", [source["source_id"]]
        ).fetchall()
        drawn = connection.execute(
            "SELECT count(*) FROM figures WHERE source_id = ? AND series_choice = 1", [source["source_id"]]
        ).fetchone()
    assert kinds == [("office",)]
    assert drawn == (3,)  # each figure is its cell's reading of the year

    assert main(["coverage", "--database", str(database)]) == 0
    printed = capsys.readouterr().out
    filled_metrics = {str(cells["metric"]) for number, cells in asked_rows(request_file) if number in rows.values()}
    for metric in filled_metrics:
        line = next(line for line in printed.splitlines() if line.split()[1:2] == [metric] and "office" in line)
        assert line.split()[-1] == "1", line
    again = tmp_path / "again.xlsx"
    command = ["request", "--province", PROVINCE, "--out", str(again), "--database", str(database)]
    assert main(command) == 0
    assert len(asked_rows(again)) == len(asked_rows(request_file)) - 3  # the cells filled are no longer asked


def test_changed_cells_values_out_of_range_and_wrong_dates_are_each_named(data_dir, database, request_file, tmp_path):
    from etl.add_request import load_request

    rows = first_rows_by_unit(request_file)
    numbers = [number for number, _ in asked_rows(request_file)]
    changed, negative, over, early = rows["percent"], rows["count"], numbers[1], numbers[2]
    filled = tmp_path / "filled.xlsx"
    fill(
        request_file,
        filled,
        {
            changed: filled_row("percent", province="Tây Ninh"),
            negative: filled_row("count", value=-5),
            over: filled_row("percent", value=120),
            early: filled_row("percent", document_date=datetime(2010, 5, 1)),
        },
    )
    before = snapshot(data_dir)
    loaded = load_request(data_dir, database, filled.read_bytes())
    found = {(problem.row, problem.column, problem.code) for problem in loaded.problems}
    assert found == {
        (changed, "province", "asked_changed"),
        (negative, "value", "negative"),
        (over, "value", "over_maximum"),
        (early, "document_date", "date_before_year"),
    }
    assert loaded.figures == 0 and snapshot(data_dir) == before


def test_a_file_that_is_not_a_workbook_is_refused(data_dir, database):
    from etl.add_request import load_request

    before = snapshot(data_dir)
    loaded = load_request(data_dir, database, b"province,value\nLong An,3\n")
    assert [problem.code for problem in loaded.problems] == ["not_workbook"]
    assert snapshot(data_dir) == before


def test_an_office_figure_that_disagrees_with_a_published_one_is_kept_beside_it(data_dir, database, tmp_path):
    from etl.add_request import load_request

    with duckdb.connect(str(database), read_only=True) as connection:
        fact_id, year, value = connection.execute(
            """
            SELECT fact_id, year, value FROM figures
            WHERE province = $province AND metric = 'poverty_rate' AND area_level = 'province' AND NOT is_target
              AND series_choice = 1 AND period_end = make_date(year::INTEGER, 12, 31)
            ORDER BY year LIMIT 1
            """,
            {"province": PROVINCE},
        ).fetchone()
    published = next(row for row in read_csv(data_dir / "facts.csv") if row["fact_id"] == fact_id)
    cell = AskedCell(PROVINCE, "poverty_rate", "all", int(year), "percent", "stock")
    path = tmp_path / "asked.xlsx"
    path.write_bytes(workbook_of_cells(database, PROVINCE, [cell], "vi", date.today()))
    different = round(value + 1.5, 2)
    fill(path, path, {3: filled_row("percent", value=different)})
    loaded = load_request(data_dir, database, path.read_bytes())
    assert loaded.problems == [] and loaded.figures == 1
    assert next(row for row in read_csv(data_dir / "facts.csv") if row["fact_id"] == fact_id) == published
    with duckdb.connect(str(database), read_only=True) as connection:
        conflicting = connection.execute(
            "SELECT source_kind, value FROM conflicts WHERE metric = 'poverty_rate' AND province = ? AND year = ?",
            [PROVINCE, year],
        ).fetchall()
    assert ("office", different) in conflicting and ("article", value) in conflicting


# The dashboard


def test_the_coverage_page_offers_each_provinces_request_and_counts_cells_by_source(dashboard):
    app = dashboard.run()
    app.switch_page("pages/coverage.py").run()
    assert not app.exception
    labels = [button.label for button in app.get("download_button")]
    for province in ("An Giang", "Hải Dương", "Long An", "Phú Thọ", "Thái Bình"):
        assert any(label.startswith(f"Biểu mẫu của {province} (") for label in labels), labels
    frames = [frame.value for frame in app.dataframe]
    by_kind = next(frame for frame in frames if "Cơ quan báo cáo qua biểu mẫu" in frame.columns)
    assert by_kind["Bài báo, văn bản đã đăng"].sum() > 0 and by_kind["Cơ quan báo cáo qua biểu mẫu"].sum() == 0


def upload(app, path: Path):
    app.file_uploader(key="request_upload").set_value(
        (path.name, path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    app.run()
    app.button(key="request_load").click().run()
    assert not app.exception
    return app


def test_the_add_report_page_names_the_problems_of_a_filled_request_then_saves_it(
    add_report_page, data_dir, request_file, tmp_path
):
    rows = first_rows_by_unit(request_file)
    broken = tmp_path / "broken.xlsx"
    fill(request_file, broken, {rows["percent"]: filled_row("percent", value="nhiều"), rows["VND"]: {"value": 5}})
    before = snapshot(data_dir)
    app = upload(add_report_page, broken)
    [error] = [re.sub(r"\\(.)", r"\1", element.value) for element in app.error]  # as the browser shows it
    assert error.startswith("Chưa lưu gì. Hãy sửa:")
    assert f"Trang figures, dòng {rows['percent']}, cột F{rows['percent']} (value): “nhiều” không phải một số" in error
    assert f"dòng {rows['VND']}, cột H{rows['VND']} (document_title): chưa điền" in error
    assert snapshot(data_dir) == before

    filled = tmp_path / "filled.xlsx"
    fill(broken, filled, {rows["percent"]: {"value": 2.5}, rows["VND"]: filled_row("VND")})
    app = upload(app, filled)
    skipped = len(asked_rows(request_file)) - 2
    assert [element.value for element in app.success][-1] == (
        f"Đã lưu 2 số liệu từ 1 văn bản và cập nhật cơ sở dữ liệu; {skipped} dòng để trống."
    )
    assert len([row for row in read_csv(data_dir / "sources.csv") if row["kind"] == "office"]) == 1


def test_problems_of_a_request_are_worded_in_english_too():
    from app.request_upload import problem_text
    from etl.add_request import RequestProblem

    problem = RequestProblem("figures", 7, "value", "not_number", "'many' is not a number", {"value": "many"})
    assert problem_text(problem, "en") == "Sheet figures, row 7, column F7 (value): “many” is not a number"
    assert problem_text(problem, "vi") == "Trang figures, dòng 7, cột F7 (value): “many” không phải một số"


def test_an_office_figure_is_marked_apart_on_screen_in_files_and_in_the_deck(data_dir, database, tmp_path):
    """A figure an office reported on a data request is told apart from a published one wherever it is cited: the
    citation every hover and table uses, the chart's CSV and the deck's sources."""
    from app import deck, exports, labels
    from etl.add_request import load_request

    cell = AskedCell(PROVINCE, "poverty_rate", "all", 2017, "percent", "stock")
    path = tmp_path / "asked.xlsx"
    path.write_bytes(workbook_of_cells(database, PROVINCE, [cell], "vi", date.today()))
    fill(path, path, {3: filled_row("percent")})
    loaded = load_request(data_dir, database, path.read_bytes())
    assert loaded.problems == [] and loaded.figures == 1
    with duckdb.connect(str(database), read_only=True) as connection:
        readings = connection.execute(
            "SELECT * FROM figures WHERE province = ? AND metric = 'poverty_rate' AND year = 2017", [PROVINCE]
        ).df()
    office = readings["source_kind"] == "office"
    assert office.sum() == 1
    row = readings[office].iloc[0].to_dict()
    for language, words in (("vi", "cơ quan báo cáo theo biểu mẫu"), ("en", "reported by the office")):
        assert words in labels.citation(row, language)
        assert words in deck._source_text(row, language)
        table = exports.chart_table(readings, language)
        kinds = dict(
            zip(
                table[exports.CHART_HEADERS["fact_id"][language]],
                table[exports.CHART_HEADERS["source_kind"][language]],
                strict=True,
            )
        )
        assert words in kinds[row["fact_id"]]
        assert all(words not in kind for fact_id, kind in kinds.items() if fact_id != row["fact_id"])
