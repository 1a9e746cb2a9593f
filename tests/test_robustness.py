"""Nothing lost, nothing half-read, no traceback: rebuilds under readers, many sessions at once,
broken files and hostile input."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import page, queries
from app.queries import Filters
from etl import build
from etl.extract import extract, reference
from etl.parse_numbers import NumberFormatError, find_numbers, read_number
from etl.paths import DATA_DIR, PROJECT_DIR
from etl.report_text import ReportTextError, decode_report
from tests.helpers import read_csv, snapshot, write_csv


def without_last_fact(data_dir: Path, folder: Path) -> Path:
    """A copy of data/ with one figure fewer, so each rebuild visibly changes the count."""
    smaller = folder / "smaller"
    shutil.copytree(data_dir, smaller)
    write_csv(smaller / "facts.csv", read_csv(smaller / "facts.csv")[:-1])
    return smaller


def read_while(stop: threading.Event, seen: list, failures: list) -> None:
    """What a session does while the database is rebuilt under it: counts, a chart, a table page."""
    while not stop.is_set():
        try:
            total = queries.count(Filters())
            charted = queries.chart_rows(Filters(metrics=("poverty_rate",)))
            table = queries.table_page(Filters(), "vi", 1)
            # One query, one database: its facts and its labelled view always agree.
            both = queries.run_query(
                "SELECT (SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM facts_labelled) AS labelled"
            ).iloc[0]
            seen.append((total, (int(both["facts"]), int(both["labelled"])), len(charted), len(table)))
        except Exception as error:  # noqa: BLE001 - any failed read is what this test counts
            failures.append(repr(error))


def test_readers_never_fail_while_the_database_is_rebuilt_twenty_times(data_dir, tmp_path, monkeypatch):
    database = tmp_path / "poverty.duckdb"
    smaller = without_last_fact(data_dir, tmp_path)
    build.run(data_dir, database, say=lambda _: None)
    monkeypatch.setenv("POVERTY_DB", str(database))
    full, fewer = len(read_csv(data_dir / "facts.csv")), len(read_csv(smaller / "facts.csv"))

    stop, seen, failures = threading.Event(), [], []
    readers = [threading.Thread(target=read_while, args=(stop, seen, failures)) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for rebuild in range(20):
            build.run(smaller if rebuild % 2 == 0 else data_dir, database, say=lambda _: None)
        # Two more from other processes, as `python -m etl build` run by a colleague.
        for source in (smaller, data_dir):
            command = [sys.executable, "-m", "etl", "build", "--data-dir", str(source), "--database", str(database)]
            subprocess.run(command, cwd=PROJECT_DIR, check=True, capture_output=True)
        reads_before_stop = len(seen)
        while len(seen) < reads_before_stop + 8:  # every reader gets to read the last build
            stop.wait(0.01)
    finally:
        stop.set()
        for reader in readers:
            reader.join()

    assert failures == []
    assert len(seen) > 40
    # Every query saw one whole build or the other, never a half-built table.
    assert {pair for _, pair, _, _ in seen} <= {(full, full), (fewer, fewer)}
    assert {total for total, _, _, _ in seen} == {full, fewer}
    assert seen[-1][:2] == (full, (full, full)), "readers see the last build"


def dashboard_on(database: Path, monkeypatch: pytest.MonkeyPatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DB", str(database))
    return AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=120).run()


@pytest.mark.parametrize("damage", ["not a database", "truncated", "empty"])
def test_an_unreadable_database_is_kept_aside_and_rebuilt(built_database, tmp_path, monkeypatch, damage):
    database = tmp_path / "poverty.duckdb"
    good = built_database.read_bytes()
    broken = {
        "not a database": b"SQLite format 3\x00" + bytes(4096),
        "truncated": good[: len(good) // 3],
        "empty": b"",
    }[damage]
    database.write_bytes(broken)
    app = dashboard_on(database, monkeypatch)
    assert not app.exception
    assert [md for md in app.markdown if md.value.startswith("#### ")], (
        "the overview shows figures from the rebuilt database"
    )
    assert "Không đọc được tệp cơ sở dữ liệu" in app.warning[0].value
    kept = list(tmp_path.glob("poverty.duckdb.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == broken


def test_bad_data_without_a_database_is_explained_and_nothing_is_written(data_dir, tmp_path, monkeypatch):
    rows = read_csv(data_dir / "facts.csv")
    rows[3]["value"] = "nhiều"
    write_csv(data_dir / "facts.csv", rows, line_ending="\r\n", bom=True)
    (data_dir / "reports" / read_csv(data_dir / "sources.csv")[0]["file"]).unlink()
    before = snapshot(data_dir)
    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    database = tmp_path / "poverty.duckdb"
    app = dashboard_on(database, monkeypatch)
    assert not app.exception
    problems = app.code[0].value
    assert "facts.csv:5" in problems and "value" in problems
    assert "reports/" in problems or "report" in problems
    assert not database.exists() and snapshot(data_dir) == before


def test_bad_data_never_replaces_a_good_database(data_dir, built_database, tmp_path, monkeypatch):
    database = tmp_path / "poverty.duckdb"
    shutil.copy(built_database, database)
    (data_dir / "facts.csv").write_text("this,is,not,the,header\n1,2,3,4,5\n", encoding="utf-8")
    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    good = database.read_bytes()
    app = dashboard_on(database, monkeypatch)
    assert not app.exception and [md for md in app.markdown if md.value.startswith("#### ")]
    assert database.read_bytes() == good
    command = [sys.executable, "-m", "etl", "build", "--data-dir", str(data_dir), "--database", str(database)]
    result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 1 and "facts.csv" in result.stderr and "header" in result.stderr
    assert database.read_bytes() == good


HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> [bấm vào đây](javascript:alert(1)) "
    "**đậm** `code` # tiêu đề\n> trích\n| a | b |\n$x^2$ :material/warning: "
)


def test_hostile_report_text_is_shown_as_plain_text(data_dir, monkeypatch, built_database, on_this_machine):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    monkeypatch.setenv("POVERTY_DB", str(built_database))
    long_line = "Năm 2024, toàn huyện có 1.234 hộ nghèo. " + "x" * 200_000
    text = HOSTILE + "Năm 2024, toàn tỉnh có hơn 1.574 thẻ BHYT cho người nghèo. " + long_line
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=120).run()
    app.switch_page("pages/add_report.py").run()
    app.text_area(key="report_paste").set_value(text)
    app.text_input(key="source_title").set_value("<b>Báo cáo</b> [x](javascript:alert(1))")
    app.button[0].click().run()
    assert not app.exception
    shown = "\n".join(markdown.value for markdown in app.markdown)
    assert "script" in shown and "javascript" in shown  # the text is there ...
    assert active_markup(shown, "<>[]()`#|$:") == []  # ... with none of its markup active
    assert "\\*\\*đậm\\*\\*" in shown
    assert "**hơn 1\\.574**" in shown  # only the proposed figures are bold


def active_markup(markdown: str, specials: str) -> list[str]:
    """The characters of `specials` in `markdown` that are not escaped with a backslash."""
    active, escaped = [], False
    for character in markdown:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character in specials:
            active.append(character)
    return active


def test_plain_leaves_no_markup_active():
    assert active_markup(page.plain(HOSTILE), "<>[]()*`#|$:_") == []
    assert active_markup(HOSTILE, "<>[]()*`#|$:_"), "the check finds markup where there is some"


PROVINCES, METRIC_CATEGORIES = reference(DATA_DIR)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text())
def test_the_number_reader_only_raises_its_own_error(text):
    numbers = find_numbers(text)
    assert all(0 <= number.start <= number.end <= len(text) for number in numbers)
    try:
        read_number(text)
    except NumberFormatError:
        pass


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789.,% tỷđồngnghìn hộ nghèo thẻ")))
def test_the_extractor_never_raises_on_any_text(text):
    rows = extract(text, "fuzz", "Long An", None, PROVINCES, METRIC_CATEGORIES)
    for row in rows:
        assert text[int(row["quote_offset"]) :].startswith(row["quote"])


@FUZZ
@given(st.binary(max_size=2048))
def test_uploads_are_decoded_or_refused_with_a_message(data):
    try:
        text = decode_report(data, "upload.txt")
    except ReportTextError as error:
        assert "upload.txt" in str(error)
    else:
        assert text.strip()
