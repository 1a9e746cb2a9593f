"""`python -m etl build`: writes every figure, is atomic on failure and repeatable."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from etl.__main__ import main
from etl.paths import PROJECT_DIR
from tests.helpers import edit_row, read_csv, table_contents


def test_command_line_build_writes_every_figure(data_dir, tmp_path):
    database = tmp_path / "out" / "poverty.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--data-dir", str(data_dir), "--database", str(database)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Facts per province:" in result.stdout
    facts = read_csv(data_dir / "facts.csv")
    with duckdb.connect(str(database), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM facts").fetchone()[0] == len(facts)
        row = connection.execute(
            "SELECT value, qualifier, unit, province_2025, sentence FROM facts_labelled WHERE fact_id = ?",
            ["longan-2024-16"],
        ).fetchone()
    assert row[:4] == (0.75, "exact", "percent", "Tây Ninh")
    assert row[4].startswith("Đầu năm 2024, tổng số hộ nghèo của tỉnh Long An") and "chiếm 0,75%" in row[4]


def test_a_failed_build_leaves_the_previous_database_byte_for_byte(data_dir, tmp_path, capsys):
    database = tmp_path / "poverty.duckdb"
    assert main(["build", "--data-dir", str(data_dir), "--database", str(database)]) == 0
    before = database.read_bytes()

    line = edit_row(data_dir / "facts.csv", "fact_id", "longan-2024-16", value="0.57")
    assert main(["build", "--data-dir", str(data_dir), "--database", str(database)]) == 1

    error = capsys.readouterr().err
    assert f"facts.csv:{line} (fact_id=longan-2024-16): field 'value': 0.57 differs from 0.75" in error
    assert database.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == ["poverty.duckdb"]


def test_a_database_error_midway_leaves_the_previous_database(data_dir, tmp_path, monkeypatch, capsys):
    database = tmp_path / "poverty.duckdb"
    assert main(["build", "--data-dir", str(data_dir), "--database", str(database)]) == 0
    before = database.read_bytes()

    import etl.load

    original_insert = etl.load.insert_frame

    def failing_insert(connection, name, frame):
        if name == "facts":
            raise duckdb.ConstraintException("simulated failure while writing facts")
        original_insert(connection, name, frame)

    monkeypatch.setattr(etl.load, "insert_frame", failing_insert)
    assert main(["build", "--data-dir", str(data_dir), "--database", str(database)]) == 1
    assert "simulated failure while writing facts" in capsys.readouterr().err
    assert database.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == ["poverty.duckdb"]


def test_two_builds_give_identical_contents(data_dir, tmp_path):
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    assert main(["build", "--data-dir", str(data_dir), "--database", str(first)]) == 0
    assert main(["build", "--data-dir", str(data_dir), "--database", str(second)]) == 0
    contents = table_contents(first)
    assert contents == table_contents(second)
    assert len(contents["facts"]) == len(read_csv(data_dir / "facts.csv"))


def test_the_database_refuses_what_validation_would(data_dir, tmp_path):
    database = tmp_path / "poverty.duckdb"
    assert main(["build", "--data-dir", str(data_dir), "--database", str(database)]) == 0
    with duckdb.connect(str(database)) as connection:
        for statement in (
            "UPDATE facts SET value = -1 WHERE fact_id = 'longan-2024-16'",
            "UPDATE facts SET value = 150 WHERE fact_id = 'longan-2024-16'",
            "UPDATE facts SET qualifier = 'roughly' WHERE fact_id = 'longan-2024-16'",
            "UPDATE facts SET area_level = 'village' WHERE fact_id = 'longan-2024-16'",
        ):
            try:
                connection.execute(statement)
            except duckdb.ConstraintException:
                continue
            raise AssertionError(f"accepted: {statement}")
