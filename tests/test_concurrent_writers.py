"""Two editors saving at the same moment: real `python -m etl` processes started together on one data/
folder. Every save reported as successful is fully present afterwards (sources.csv, facts.csv, the
database, the audit trail); a refused one has left nothing; no save is lost to another's rename."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb

from etl import audit
from etl.data_lock import writing
from etl.paths import PROJECT_DIR
from etl.proposals import keep_proposal
from etl.read_inputs import COLUMNS
from tests.corpus import ARTICLE, fact, web_source
from tests.helpers import read_csv, snapshot, write_csv

ROUNDS = 4
BUSY = 75


def reviewed_report(data_dir: Path, folder: Path, source_id: str) -> list[str]:
    """The files an editor hands to `etl add` for one published article, its proposal already kept."""
    source, figures = web_source(source_id), [fact(source_id, 1), fact(source_id, 2, metric="near_poverty_rate")]
    write_csv(folder / f"{source_id}-source.csv", [{column: source[column] for column in COLUMNS["sources"]}])
    write_csv(folder / f"{source_id}-facts.csv", figures)
    (folder / f"{source_id}.txt").write_text(ARTICLE, encoding="utf-8")
    keep_proposal(data_dir, source_id, figures, date(2026, 12, 3), province_given=True)
    return [
        "add",
        "--source",
        str(folder / f"{source_id}-source.csv"),
        "--facts",
        str(folder / f"{source_id}-facts.csv"),
        "--report",
        str(folder / f"{source_id}.txt"),
    ]


def start(arguments: list[str], data_dir: Path, database: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "etl", *arguments, "--data-dir", str(data_dir), "--database", str(database)]
    return subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, errors = process.communicate(timeout=300)
    return process.returncode, errors


def stored(data_dir: Path, database: Path, source_id: str) -> dict[str, int]:
    """How much of one report is stored: source rows, figure rows, database figures, audit records."""
    with duckdb.connect(str(database), read_only=True) as connection:
        in_database = connection.execute("SELECT count(*) FROM facts WHERE source_id = ?", [source_id]).fetchone()[0]
    return {
        "sources": sum(row["source_id"] == source_id for row in read_csv(data_dir / "sources.csv")),
        "facts": sum(row["source_id"] == source_id for row in read_csv(data_dir / "facts.csv")),
        "database": in_database,
        "audit": sum(entry.get("source_id") == source_id for entry in audit.history(data_dir)),
    }


def test_two_saves_started_together_are_both_kept_round_after_round(data_dir, database, tmp_path):
    outcomes = []
    for round_number in range(ROUNDS):
        names = [f"race-{round_number}-a", f"race-{round_number}-b"]
        commands = [reviewed_report(data_dir, tmp_path, name) for name in names]
        processes = [start(command, data_dir, database) for command in commands]
        for name, process in zip(names, processes, strict=True):
            status, errors = finish(process)
            outcomes.append((name, status, errors))
    for name, status, errors in outcomes:
        found = stored(data_dir, database, name)
        if status == 0:
            assert found == {"sources": 1, "facts": 2, "database": 2, "audit": 1}, (name, found)
        else:
            assert status == BUSY and "another change" in errors, (name, status, errors)
            assert found == {"sources": 0, "facts": 0, "database": 0, "audit": 0}, (name, found)
    # With a wait of 30 s and saves of a second or two, nobody is refused here: every save lands.
    assert [status for _, status, _ in outcomes] == [0] * 2 * ROUNDS


def test_a_save_that_cannot_get_the_lock_in_time_writes_nothing_and_says_so(data_dir, database, tmp_path):
    command = reviewed_report(data_dir, tmp_path, "late-save")
    with writing(data_dir):  # another editor is saving
        before, database_before = snapshot(data_dir), database.read_bytes()
        status, errors = finish(start([*command, "--wait", "0.5"], data_dir, database))
    assert status == BUSY
    assert "another change to the data is being saved" in errors and "nothing was written" in errors
    assert snapshot(data_dir) == before
    assert database.read_bytes() == database_before


def test_a_withdrawal_and_a_save_started_together_both_land(data_dir, database, tmp_path):
    command = reviewed_report(data_dir, tmp_path, "saved-meanwhile")
    withdrawn = "longan-2024"
    processes = [start(command, data_dir, database), start(["withdraw", withdrawn], data_dir, database)]
    statuses = [finish(process) for process in processes]
    assert [status for status, _ in statuses] == [0, 0], statuses
    assert stored(data_dir, database, "saved-meanwhile") == {"sources": 1, "facts": 2, "database": 2, "audit": 1}
    left = stored(data_dir, database, withdrawn)
    assert (left["sources"], left["facts"], left["database"]) == (0, 0, 0)
