"""Add a report and its accepted figures to data/, then rebuild the database — all or nothing.

The new files are staged in a copy of data/ and validated with the same rules as
`python -m etl build`. Only when everything passes are they moved into data/, each by an
atomic rename, after the previous CSV files are copied to data/backups/. The order
(report, sources.csv, facts.csv, database) means an interruption never leaves a figure
without its source.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from etl.build import build_problems
from etl.read_inputs import COLUMNS, REPORTS_DIRNAME, InputError, read_inputs
from etl.validate import validate

BACKUPS_DIRNAME = "backups"


def source_id_for(title: str, existing: set[str]) -> str:
    """A readable id from the title, unique among the sources already in data/."""
    ascii_title = title.lower().translate(str.maketrans("đ", "d"))
    ascii_title = re.sub(r"[^a-z0-9]+", "-", _strip_accents(ascii_title)).strip("-")[:50].strip("-") or "report"
    candidate, number = ascii_title, 2
    while candidate in existing:
        candidate, number = f"{ascii_title}-{number}", number + 1
    return candidate


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def add_report(
    data_dir: Path,
    database: Path,
    text: str,
    source: dict[str, str],
    facts: list[dict[str, str]],
    say: Callable[[str], None] = lambda _: None,
) -> list[str]:
    """Add one report; return the problems that stopped it (empty when it was added)."""
    source = dict(source, file=f"{source['source_id']}.txt")
    facts = [dict(fact, source_id=source["source_id"]) for fact in facts]
    with tempfile.TemporaryDirectory(prefix="poverty-staging-") as staging_name:
        staging = Path(staging_name) / "data"
        shutil.copytree(data_dir, staging, ignore=shutil.ignore_patterns("*.duckdb*", ".*", BACKUPS_DIRNAME))
        problems = _stage(staging, text, source, facts)
        if problems:
            return [problem.replace(str(staging), str(data_dir)) for problem in problems]
        say("validated")
        try:
            _commit(staging, data_dir, source["file"])
        except OSError as error:
            return [f"writing to {data_dir} failed ({error}); data/ was restored as it was"]
    say("files written")
    return build_problems(data_dir, database, say)


def _stage(staging: Path, text: str, source: dict[str, str], facts: list[dict[str, str]]) -> list[str]:
    report = staging / REPORTS_DIRNAME / source["file"]
    if report.exists():
        return [f"a report file {source['file']} already exists in data/reports"]
    report.write_text(text, encoding="utf-8")
    _append(staging / "sources.csv", "sources", [source])
    _append(staging / "facts.csv", "facts", facts)
    try:
        return [str(problem) for problem in validate(read_inputs(staging))]
    except InputError as error:
        return [str(error)]


def _append(path: Path, table: str, rows: list[dict[str, str]]) -> None:
    columns = COLUMNS[table]
    with path.open("a", encoding="utf-8", newline="") as file:
        if not path.read_text(encoding="utf-8-sig").endswith("\n"):
            file.write("\n")
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writerows({column: str(row.get(column, "")) for column in columns} for row in rows)


def _commit(staging: Path, data_dir: Path, report_file: str) -> None:
    backup = data_dir / BACKUPS_DIRNAME / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup.mkdir(parents=True)
    tables = ("sources.csv", "facts.csv")
    for name in tables:
        shutil.copy2(data_dir / name, backup / name)
    report = Path(REPORTS_DIRNAME) / report_file
    try:
        for relative in (report, *map(Path, tables)):
            replace_file(staging / relative, data_dir / relative)
    except OSError:
        for name in tables:
            replace_file(backup / name, data_dir / name)
        (data_dir / report).unlink(missing_ok=True)
        raise


def replace_file(source: Path, target: Path) -> None:
    """Copy beside the target, then rename over it: readers see the old file or the new, never half."""
    temporary = target.with_name(f".{target.name}.incoming")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
