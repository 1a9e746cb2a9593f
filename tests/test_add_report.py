"""Adding a report: the save path writes report, source and figures and rebuilds the database — or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from etl import add_report as adding
from etl.extract import extract, reference
from etl.paths import PROJECT_DIR
from tests.helpers import read_csv, snapshot

REPORT = Path(__file__).parent / "reports" / "quy_hop_2025.txt"
SOURCE = {
    "source_id": "quy-hop-2025",
    "title": "Quỳ Hợp (Nghệ An): Nỗ lực giảm nghèo ở vùng cao",
    "publisher": "Test publisher",
    "author": "Thu Hà",
    "publication_date": "2025-01-15",
    "url": "",
    "province": "Nghệ An",
    "language": "vi",
    "text_in_repository": "true",
    "note": "",
}


def proposals(data_dir: Path) -> list[dict[str, str]]:
    provinces, categories = reference(data_dir)
    return extract(REPORT.read_text(encoding="utf-8"), SOURCE["source_id"], "Nghệ An", None, provinces, categories)


def fact_count(database: Path) -> int:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute("SELECT count(*) FROM facts").fetchone()[0]


def test_a_reviewed_report_is_added_and_the_database_rebuilt(data_dir, database):
    before_facts, before_count = read_csv(data_dir / "facts.csv"), fact_count(database)
    rows = proposals(data_dir)
    assert adding.add_report(data_dir, database, REPORT.read_text(encoding="utf-8"), SOURCE, rows, proposal=rows) == []
    assert len(read_csv(data_dir / "facts.csv")) == len(before_facts) + len(rows)
    assert (data_dir / "reports" / "quy-hop-2025.txt").read_text(encoding="utf-8") == REPORT.read_text(encoding="utf-8")
    assert fact_count(database) == before_count + len(rows)
    with duckdb.connect(str(database), read_only=True) as connection:
        row = connection.execute(
            "SELECT value, province_2025, sentence FROM facts_labelled WHERE quote = ? AND source_id = ?",
            ["8,45%", "quy-hop-2025"],
        ).fetchone()
    assert row[0] == 8.45 and row[1] == "Nghệ An" and "Tỷ lệ hộ nghèo toàn huyện giảm còn 8,45%" in row[2]
    backups = list((data_dir / "backups").iterdir())
    assert len(backups) == 1 and read_csv(backups[0] / "facts.csv") == before_facts


def test_a_bad_row_writes_nothing_and_says_what_to_fix(data_dir, database):
    before, database_bytes = snapshot(data_dir), database.read_bytes()
    rows = proposals(data_dir)
    rows[2]["metric"] = ""
    rows[3]["value"] = "999"
    problems = adding.add_report(data_dir, database, REPORT.read_text(encoding="utf-8"), SOURCE, rows, proposal=rows)
    assert any("facts.csv" in p and "field 'metric': is empty" in p for p in problems), problems
    assert any("field 'value': 999 differs from 2.1" in p for p in problems), problems
    assert all(str(data_dir) in p for p in problems if "facts.csv" in p)
    assert snapshot(data_dir) == before and database.read_bytes() == database_bytes


def test_a_failure_halfway_through_writing_restores_data(data_dir, database, monkeypatch):
    before, database_bytes = snapshot(data_dir), database.read_bytes()
    original = adding.replace_file
    failures = []

    def fail_once_on_facts(source, target):
        if target.name == "facts.csv" and not failures:
            failures.append(target)
            raise OSError("disk full (simulated)")
        original(source, target)

    monkeypatch.setattr(adding, "replace_file", fail_once_on_facts)
    problems = adding.add_report(
        data_dir,
        database,
        REPORT.read_text(encoding="utf-8"),
        SOURCE,
        proposals(data_dir),
        proposal=proposals(data_dir),
    )
    assert failures and any("disk full (simulated)" in p and "restored" in p for p in problems)
    after = {name: data for name, data in snapshot(data_dir).items() if not name.startswith("backups/")}
    assert after == before and database.read_bytes() == database_bytes


def test_a_report_cannot_be_added_twice(data_dir, database):
    text = REPORT.read_text(encoding="utf-8")
    rows = proposals(data_dir)
    assert adding.add_report(data_dir, database, text, SOURCE, rows, proposal=rows) == []
    before = snapshot(data_dir)
    problems = adding.add_report(data_dir, database, text, SOURCE, rows, proposal=rows)
    assert problems and "already kept" in problems[0]
    assert snapshot(data_dir) == before


def test_source_ids_are_readable_and_unique():
    assert adding.source_id_for("Quỳ Hợp (Nghệ An): Nỗ lực giảm nghèo", set()) == "quy-hop-nghe-an-no-luc-giam-ngheo"
    assert adding.source_id_for("Đồng Tháp", {"dong-thap"}) == "dong-thap-2"


def test_the_page_proposes_highlights_and_saves(data_dir, database, monkeypatch, on_this_machine):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    monkeypatch.setenv("POVERTY_DB", str(database))
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60).run()
    app.switch_page("pages/add_report.py").run()
    app.button[0].click().run()
    assert any("Báo cáo trống" in error.value for error in app.error)

    app.text_area(key="report_paste").set_value(REPORT.read_text(encoding="utf-8"))
    app.text_input(key="source_title").set_value(SOURCE["title"])
    app.text_input(key="source_publisher").set_value("Test publisher")
    app.selectbox(key="source_province").set_value("Nghệ An")
    app.button[0].click().run()
    assert not app.exception
    assert any("**8,45%**" in markdown.value for markdown in app.markdown)
    # The dateline printed under the headline ("15/01/2025 - 08:30") is proposed as the publication date.
    assert app.date_input(key="source_published").value == date(2025, 1, 15)
    app.date_input(key="source_published").set_value(None).run()

    before = len(read_csv(data_dir / "facts.csv"))
    save = next(button for button in app.button if button.label == "Lưu báo cáo và số liệu đã chọn")
    save.click().run()
    # Named as the reviewer sees it: the source form's field, in the page's language.
    assert any(
        "Thông tin nguồn · Ghi chú" in error.value and "không có ngày đăng" in error.value for error in app.error
    )
    assert len(read_csv(data_dir / "facts.csv")) == before

    app.date_input(key="source_published").set_value(date(2025, 1, 15))
    next(button for button in app.button if button.label == "Lưu báo cáo và số liệu đã chọn").click().run()
    assert not app.exception
    assert app.success, [error.value for error in app.error] + [code.value for code in app.code]
    assert len(read_csv(data_dir / "facts.csv")) > before
    assert fact_count(database) == len(read_csv(data_dir / "facts.csv"))


def test_command_line_adds_a_published_article_without_committing_its_text(data_dir, database, tmp_path, capsys):
    from etl.__main__ import main
    from etl.proposals import keep_proposal
    from tests.corpus import ARTICLE, fact, web_source
    from tests.helpers import write_csv

    source, reviewed = tmp_path / "source.csv", tmp_path / "reviewed.csv"
    write_csv(source, [web_source("web-a")])
    write_csv(reviewed, [fact("web-a", 1)])
    article = tmp_path / "web-a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    command = ["add", "--source", str(source), "--facts", str(reviewed), "--report", str(article)]
    command += ["--data-dir", str(data_dir), "--database", str(database)]

    # Review starts from a kept proposal: without one, nothing is added.
    before = snapshot(data_dir)
    assert main(command) == 1
    assert "run python -m etl extract on the report first" in capsys.readouterr().err
    keep_proposal(data_dir, "web-a", [], date(2026, 11, 1))
    kept = snapshot(data_dir)
    assert {name for name in kept if kept[name] != before.get(name)} == {"proposals/web-a.csv", "proposals/log.csv"}

    assert main([*command, "--check"]) == 0
    assert snapshot(data_dir) == kept and "nothing was written" in capsys.readouterr().out

    assert main(command) == 0
    assert read_csv(data_dir / "facts.csv")[-1]["fact_id"] == "web-a-01"
    assert not (data_dir / "reports" / "web-a.txt").exists()
    assert (data_dir / "reports-local" / "web-a.txt").read_text(encoding="utf-8") == ARTICLE
    assert fact_count(database) == len(read_csv(data_dir / "facts.csv"))


def test_command_line_names_a_reviewed_row_with_an_unquoted_comma(data_dir, database, tmp_path, capsys):
    from etl.__main__ import main
    from tests.corpus import fact, web_source
    from tests.helpers import write_csv

    source, reviewed = tmp_path / "source.csv", tmp_path / "reviewed.csv"
    write_csv(source, [web_source("web-a")])
    write_csv(reviewed, [fact("web-a", 1)])
    lines = reviewed.read_text(encoding="utf-8").splitlines()
    reviewed.write_text("\n".join([lines[0], lines[1] + ",an extra field"]) + "\n", encoding="utf-8")
    before = snapshot(data_dir)
    command = ["add", "--check", "--source", str(source), "--facts", str(reviewed), "--data-dir", str(data_dir)]
    assert main([*command, "--database", str(database)]) == 1
    assert f"{reviewed}:2: the row has more fields than the header's" in capsys.readouterr().err
    assert snapshot(data_dir) == before
