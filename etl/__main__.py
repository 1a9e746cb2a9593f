"""Command line of the pipeline: `python -m etl build`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import build
from etl.paths import DATA_DIR, database_path


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
    arguments = parser.parse_args(argv)

    if arguments.command == "build":
        return _build(arguments.data_dir, arguments.database or database_path())
    return 2


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
