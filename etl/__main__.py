"""Command line of the pipeline: `python -m etl build | extract | evaluate | synth`."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from etl import build, evaluate, extract, synth
from etl.paths import DATA_DIR, database_path
from etl.report_text import ReportTextError, decode_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Facts database of the poverty-reduction dashboard."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="validate data/ and write the DuckDB database")
    build_command.add_argument("--data-dir", type=Path, default=DATA_DIR, help="folder with the CSV files and reports/")
    build_command.add_argument(
        "--database", type=Path, default=None, help="database to write (default: $POVERTY_DB or data/poverty.duckdb)"
    )
    extract_command = commands.add_parser("extract", help="propose the figures of a new report as CSV")
    extract_command.add_argument("report", type=Path, help="the report as a UTF-8 text file")
    extract_command.add_argument("--out", type=Path, required=True, help="CSV to write the proposed figures to")
    extract_command.add_argument(
        "--province", help="the province, as named before July 2025, when the text does not say"
    )
    extract_command.add_argument("--published", type=date.fromisoformat, help="publication date YYYY-MM-DD")
    extract_command.add_argument("--source-id", help="source id for the proposed rows (default: from the file name)")
    extract_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    evaluate_command = commands.add_parser("evaluate", help="measure extraction against the curated facts")
    evaluate_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    evaluate_command.add_argument("--details", action="store_true", help="list every difference")
    synth_command = commands.add_parser("synth", help="write a database of synthetic figures for benchmarks")
    synth_command.add_argument("--rows", type=int, required=True, help="number of figures")
    synth_command.add_argument("--out", type=Path, required=True, help="database file to write")
    synth_command.add_argument("--seed", type=int, default=2025, help="the same seed gives the same database")
    arguments = parser.parse_args(argv)

    if arguments.command == "build":
        return _build(arguments.data_dir, arguments.database or database_path())
    if arguments.command == "extract":
        return _extract(arguments)
    if arguments.command == "synth":
        return _synth(arguments)
    evaluate.report(evaluate.evaluate(arguments.data_dir), details=arguments.details)
    return 0


def _extract(arguments: argparse.Namespace) -> int:
    try:
        text = decode_report(arguments.report.read_bytes(), str(arguments.report))
    except (OSError, ReportTextError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    provinces, categories = extract.reference(arguments.data_dir)
    if arguments.province and arguments.province not in provinces:
        print(f"error: --province {arguments.province!r} is not a province of data/provinces.csv", file=sys.stderr)
        return 1
    source_id = arguments.source_id or re.sub(r"[^a-z0-9]+", "-", arguments.report.stem.lower()).strip("-")
    rows = extract.extract(text, source_id, arguments.province, arguments.published, provinces, categories)
    extract.write_candidates(rows, arguments.out)
    print(f"{len(rows)} proposed figures written to {arguments.out}")
    return 0


def _synth(arguments: argparse.Namespace) -> int:
    try:
        synth.run(arguments.rows, arguments.out, arguments.seed)
    except synth.SynthError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{arguments.rows} synthetic figures written to {arguments.out}")
    return 0


def _build(data_dir: Path, database: Path) -> int:
    problems = build.build_problems(data_dir, database)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); the database was not changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
