"""Withdraw a saved report: its source row and figures leave data/ and the database, its text is kept.

The same path as adding one (etl/add_report.py): the new CSV files are staged in a copy of data/,
validated, then renamed into place after the old ones are copied to data/backups/, and the database
is rebuilt. What is withdrawn — the source row, the figures and the report's text — is kept in
data/withdrawn/<source_id>-<time>/, and the change is written to the audit trail (etl/audit.py).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from etl import audit
from etl.add_report import BACKUPS_DIRNAME, commit, report_path
from etl.build import build_problems
from etl.data_lock import WAIT_SECONDS, writing
from etl.proposals import write_rows
from etl.read_inputs import InputError, read_inputs
from etl.validate import validate

WITHDRAWN_DIRNAME = "withdrawn"


def withdraw_report(
    data_dir: Path,
    database: Path,
    source_id: str,
    who: object,
    say: Callable[[str], None] = lambda _: None,
    wait: float = WAIT_SECONDS,
) -> list[str]:
    """Withdraw one report; return the problems that stopped it (empty when it was withdrawn).

    Holds data/'s write lock throughout, as a save does; DataBusy when another change holds it too long."""
    with writing(data_dir, wait):
        return _withdraw(data_dir, database, source_id, who, say)


def _withdraw(data_dir: Path, database: Path, source_id: str, who: object, say: Callable[[str], None]) -> list[str]:
    (source_columns, sources), (fact_columns, facts) = _rows(data_dir / "sources.csv"), _rows(data_dir / "facts.csv")
    source = next((row for row in sources if row["source_id"] == source_id), None)
    if source is None:
        return [f"sources.csv: no report {source_id!r} to withdraw"]
    figures = [row for row in facts if row["source_id"] == source_id]
    report = report_path(source)
    with tempfile.TemporaryDirectory(prefix="poverty-staging-") as staging_name:
        staging = Path(staging_name) / "data"
        shutil.copytree(data_dir, staging, ignore=shutil.ignore_patterns("*.duckdb*", ".*", BACKUPS_DIRNAME))
        # Each file keeps its own header, so optional columns written before are kept.
        write_rows(staging / "facts.csv", fact_columns, [row for row in facts if row["source_id"] != source_id])
        write_rows(staging / "sources.csv", source_columns, [row for row in sources if row["source_id"] != source_id])
        # Its Vietnamese note goes with it (a note of no source is refused).
        note_columns, notes = _rows(data_dir / "source_notes_vi.csv")
        note = [row for row in notes if row["source_id"] == source_id]
        kept_notes = [row for row in notes if row["source_id"] != source_id]
        write_rows(staging / "source_notes_vi.csv", note_columns, kept_notes)
        try:
            problems = [str(problem) for problem in validate(read_inputs(staging))]
        except InputError as error:
            problems = [str(error)]
        if problems:
            return [problem.replace(str(staging), str(data_dir)) for problem in problems]
        kept = _keep_withdrawn(data_dir, source, figures, report)
        if note:
            write_rows(kept / "source_note_vi.csv", note_columns, note)
        say(f"kept in {kept}")
        try:
            # The figures go before their source, so that no figure is ever left without one.
            commit(staging, data_dir, [Path("facts.csv"), Path("source_notes_vi.csv"), Path("sources.csv")])
        except OSError as error:
            return [f"writing to {data_dir} failed ({error}); data/ was restored as it was"]
    if report is not None and (data_dir / report).exists():
        (data_dir / report).unlink()  # its copy is in `kept`
    audit.record(data_dir, who, "report_withdrawn", source_id, figures, [])
    say("files written")
    return build_problems(data_dir, database, say)


def _rows(path: Path) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """A CSV file's header and rows."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return tuple(reader.fieldnames or ()), list(reader)


def _keep_withdrawn(data_dir: Path, source: dict[str, str], figures: list[dict[str, str]], report: Path | None) -> Path:
    """The withdrawn source row, figures and text, in a folder of their own."""
    kept = data_dir / WITHDRAWN_DIRNAME / f"{source['source_id']}-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"
    kept.mkdir(parents=True)
    write_rows(kept / "source.csv", tuple(source), [source])
    if figures:
        write_rows(kept / "facts.csv", tuple(figures[0]), figures)
    if report is not None and (data_dir / report).exists():
        shutil.copy2(data_dir / report, kept / report.name)
    return kept
