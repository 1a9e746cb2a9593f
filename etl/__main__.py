"""Command line of the pipeline: `python -m etl build | extract | add | withdraw | evaluate | coverage | request |
add-request | synth`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from etl import (
    add_request,
    audit,
    build,
    coverage,
    document_figures,
    evaluate,
    extract,
    intake,
    request_workbook,
    synth,
)
from etl.add_report import add_report
from etl.data_lock import WAIT_SECONDS, DataBusy, writing
from etl.documents import DocumentError
from etl.parse_numbers import LANGUAGES
from etl.paths import DATA_DIR, database_path
from etl.proposals import ProposalError, keep_proposal
from etl.read_inputs import COLUMNS, InputError, read_csv_rows
from etl.report_text import ReportTextError, decode_report
from etl.withdraw_report import withdraw_report

# Exit status of a change refused because another one was being saved: nothing was written, try again.
BUSY_STATUS = 75  # EX_TEMPFAIL
WAIT_HELP = "seconds to wait for another change to data/ to finish before giving up (nothing is written)"


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
    extract_command = commands.add_parser(
        "extract",
        help="propose the figures of a new report as CSV, with what the report says of itself (FILE.source.json) "
        "and the text read from it (FILE.text.txt)",
    )
    extract_command.add_argument(
        "report",
        help="the report: a web address (http/https), or a file: .pdf (scanned too), .docx, .doc, .xlsx, "
        "an image (.png, .jpg, .tif), or text (.txt, UTF-8 or a legacy Vietnamese encoding)",
    )
    extract_command.add_argument(
        "--out",
        type=Path,
        required=True,
        help="CSV to write the proposed figures to; FILE.source.json and FILE.text.txt are written beside it",
    )
    extract_command.add_argument(
        "--province", help="the province, as named before July 2025, when the text does not say"
    )
    extract_command.add_argument("--published", type=date.fromisoformat, help="publication date YYYY-MM-DD")
    extract_command.add_argument("--source-id", help="source id for the proposed rows (default: from the file name)")
    extract_command.add_argument("--language", choices=LANGUAGES, default="vi", help="language of the report")
    extract_command.add_argument(
        "--trial", action="store_true", help="only write --out; do not keep the proposal in data/proposals"
    )
    extract_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    add_command = commands.add_parser("add", help="add a reviewed report: validate, save atomically, rebuild")
    add_command.add_argument("--source", type=Path, required=True, help="CSV with the report's one sources.csv row")
    add_command.add_argument(
        "--facts", type=Path, required=True, help="CSV of the reviewed figures (facts.csv columns)"
    )
    add_command.add_argument(
        "--report",
        type=Path,
        help="the report's text: kept in data/reports, or for a published article "
        "only in the git-ignored data/reports-local to check quotes",
    )
    add_command.add_argument(
        "--original",
        help="the report as received (the file, or the web address it was read from), kept beside its text "
        "with both hashes",
    )
    add_command.add_argument("--check", action="store_true", help="validate only; write nothing")
    add_command.add_argument("--wait", type=float, default=WAIT_SECONDS, help=WAIT_HELP)
    add_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    add_command.add_argument("--database", type=Path, default=None)
    withdraw_command = commands.add_parser(
        "withdraw", help="withdraw a saved report: its figures leave data/ and the database, its text is kept"
    )
    withdraw_command.add_argument("source_id", help="the report's source_id in data/sources.csv")
    withdraw_command.add_argument("--wait", type=float, default=WAIT_SECONDS, help=WAIT_HELP)
    withdraw_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    withdraw_command.add_argument("--database", type=Path, default=None)
    evaluate_command = commands.add_parser("evaluate", help="score the extractor against the reviewed figures")
    evaluate_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    evaluate_command.add_argument("--details", action="store_true", help="list every difference")
    evaluate_command.add_argument(
        "--rerun", action="store_true", help="run today's extractor on every report whose text is here"
    )
    evaluate_command.add_argument("--write", type=Path, help="write the per-report table as Markdown to this file")
    evaluate_command.add_argument(
        "--against", metavar="REVISION", help="with --rerun: also run the rules of this git revision on the same texts"
    )
    evaluate_command.add_argument(
        "--seen",
        action="append",
        default=[],
        metavar="SOURCE_ID",
        help="a report read while writing today's rules: scored apart from the unseen ones (repeatable)",
    )
    coverage_command = commands.add_parser("coverage", help="print the province × year figures of each topic")
    coverage_command.add_argument("--database", type=Path, default=None)
    request_command = commands.add_parser(
        "request", help="write a province's data-request workbook: its headline cells without a figure"
    )
    request_command.add_argument("--province", required=True, help="a province studied, as named before July 2025")
    request_command.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    request_command.add_argument("--language", choices=("vi", "en"), default="vi", help="the workbook's words")
    request_command.add_argument("--database", type=Path, default=None)
    add_request_command = commands.add_parser(
        "add-request", help="load a filled data-request workbook: validate, save atomically, rebuild"
    )
    add_request_command.add_argument("workbook", type=Path, help="the filled .xlsx file")
    add_request_command.add_argument("--trial", action="store_true", help="validate only; write nothing")
    add_request_command.add_argument("--wait", type=float, default=WAIT_SECONDS, help=WAIT_HELP)
    add_request_command.add_argument("--data-dir", type=Path, default=DATA_DIR)
    add_request_command.add_argument("--database", type=Path, default=None)
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
    if arguments.command == "add":
        return _add(arguments)
    if arguments.command == "withdraw":
        return _withdraw(arguments)
    if arguments.command == "coverage":
        return _coverage(arguments.database or database_path())
    if arguments.command == "request":
        return _request(arguments)
    if arguments.command == "add-request":
        return _add_request(arguments)
    return _evaluate(arguments)


def _evaluate(arguments: argparse.Namespace) -> int:
    if arguments.against and not arguments.rerun:
        print("--against compares two versions of the rules on the texts here: give --rerun too", file=sys.stderr)
        return 2
    if arguments.rerun:
        if arguments.against:
            try:
                before = evaluate.rerun_scores(arguments.data_dir, revision=arguments.against)
            except evaluate.EvaluationError as error:
                print(error, file=sys.stderr)
                return 1
            print(f"The rules of {arguments.against} on {len(before)} reports whose text is here:")
            evaluate.report(evaluate.total(result for _, result in before))
        results = evaluate.rerun_scores(arguments.data_dir)
        print(f"Today's extractor on {len(results)} reports whose text is here (including those its rules saw):")
    else:
        results = evaluate.kept_scores(arguments.data_dir)
        seen = sum(entry.rules_seen_it for entry, _ in results)
        print(
            f"Kept proposals of {len(results)} reports, each made before its review "
            f"({seen} of them by rules written from the same reports; benchmarks/EXTRACTION.md separates them):"
        )
    evaluate.report(evaluate.total(result for _, result in results), details=arguments.details)
    if arguments.write:
        written_from = frozenset(arguments.seen)
        written = evaluate.markdown(arguments.data_dir, against=arguments.against, written_from=written_from)
        arguments.write.write_text(written + evaluate.notes_kept(arguments.write), encoding="utf-8")
        print(f"Per-report table written to {arguments.write}")
    return 0


def _add(arguments: argparse.Namespace) -> int:
    try:
        sources = read_csv_rows(
            arguments.source,
            COLUMNS["sources"],
            optional=("file", "published_not_before", "published_not_after", "number_style", "kind"),
        )
        facts = read_csv_rows(
            arguments.facts, COLUMNS["facts"], optional=("confidence", "poverty_standard", "merged_province")
        )
        text = decode_report(arguments.report.read_bytes(), str(arguments.report)) if arguments.report else None
        original = intake.original_of(arguments.original) if arguments.original else None
    except (OSError, InputError, ReportTextError, DocumentError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if len(sources) != 1:
        print(f"error: {arguments.source} must hold exactly one report, not {len(sources)}", file=sys.stderr)
        return 1
    database = arguments.database or database_path()
    try:
        problems = add_report(
            arguments.data_dir,
            database,
            text,
            sources[0],
            facts,
            say=print,
            check_only=arguments.check,
            wait=arguments.wait,
            original=original,
        )
    except DataBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return BUSY_STATUS
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing was added.", file=sys.stderr)
        return 1
    if arguments.check:
        print(f"{sources[0]['source_id']}: {len(facts)} figures are valid; nothing was written (--check)")
    else:
        print(f"{sources[0]['source_id']}: {len(facts)} figures added and {database} rebuilt")
    return 0


def _withdraw(arguments: argparse.Namespace) -> int:
    database = arguments.database or database_path()
    who = audit.command_line_user()
    try:
        problems = withdraw_report(
            arguments.data_dir, database, arguments.source_id, who, say=print, wait=arguments.wait
        )
    except DataBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return BUSY_STATUS
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing was withdrawn.", file=sys.stderr)
        return 1
    print(f"{arguments.source_id}: withdrawn, its text kept in data/withdrawn/, and {database} rebuilt")
    return 0


def _coverage(database: Path) -> int:
    if not database.exists():
        print(f"error: {database} does not exist; run python -m etl build first", file=sys.stderr)
        return 1
    coverage.run(database)
    return 0


def _request(arguments: argparse.Namespace) -> int:
    database = arguments.database or database_path()
    if not database.exists():
        print(f"error: {database} does not exist; run python -m etl build first", file=sys.stderr)
        return 1
    try:
        content = request_workbook.request_workbook(database, arguments.province, arguments.language)
        arguments.out.write_bytes(content)
    except (request_workbook.RequestError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"the data request of {arguments.province} is written to {arguments.out}")
    return 0


def _add_request(arguments: argparse.Namespace) -> int:
    database = arguments.database or database_path()
    try:
        content = arguments.workbook.read_bytes()
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        loaded = add_request.load_request(
            arguments.data_dir, database, content, check_only=arguments.trial, wait=arguments.wait, say=print
        )
    except DataBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return BUSY_STATUS
    for problem in loaded.problems:
        print(f"error: {problem}", file=sys.stderr)
    if loaded.problems:
        print(f"{len(loaded.problems)} problem(s); nothing was added.", file=sys.stderr)
        return 1
    done = "are valid; nothing was written (--trial)" if arguments.trial else f"added and {database} rebuilt"
    print(
        f"{arguments.workbook}: {loaded.figures} figure(s) from {len(loaded.source_ids)} document(s) {done}; "
        f"{loaded.skipped} row(s) left empty"
    )
    return 0


def _extract(arguments: argparse.Namespace) -> int:
    provinces, categories = extract.reference(arguments.data_dir)
    if arguments.province and arguments.province not in provinces:
        print(f"error: --province {arguments.province!r} is not a province of data/provinces.csv", file=sys.stderr)
        return 1
    try:
        report = intake.read_report(arguments.report)
    except (OSError, ReportTextError, DocumentError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    document = report.document
    source_id = arguments.source_id or intake.source_id_from(arguments.report)
    published = arguments.published or _iso_date(document.details.publication_date)
    rows = document_figures.extract_document(
        document, source_id, arguments.province, published, provinces, categories, arguments.language
    )
    if not arguments.trial:
        try:
            with writing(arguments.data_dir):
                kept = keep_proposal(
                    arguments.data_dir, source_id, rows, date.today(), province_given=arguments.province is not None
                )
        except (ProposalError, DataBusy) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"the untouched proposal is kept in {kept}")
    extract.write_candidates(rows, arguments.out)
    details, text = intake.write_sidecars(report, arguments.out)
    if document.converted_from:
        print(f"the text was converted to Unicode from {document.converted_from}: check its accents")
    if document.ocr:
        print("the text was read by OCR from images: check every figure against the original")
    if document.unreadable_pages:
        pages = ", ".join(str(page) for page in document.unreadable_pages)
        print(f"no usable text could be read from page(s) {pages}: their figures are not proposed")
    print(f"{len(rows)} proposed figures written to {arguments.out} for review")
    print(f"what the report says of itself: {details}; the text read from it (quotes refer to it): {text}")
    return 0


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _synth(arguments: argparse.Namespace) -> int:
    try:
        synth.run(arguments.rows, arguments.out, arguments.seed)
    except synth.SynthError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{arguments.rows} synthetic figures written to {arguments.out}")
    return 0


def _build(data_dir: Path, database: Path) -> int:
    try:
        with writing(data_dir):
            problems = build.build_problems(data_dir, database)
    except DataBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return BUSY_STATUS
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); the database was not changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
