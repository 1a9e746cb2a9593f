"""`python -m benchmarks.readers`: how long each reader of a report file takes, and its peak memory.

Documents are made for the purpose (tests/made_documents.py, made-up figures): a 30-page PDF with, on each
page, a table of 17 rows between paragraphs of about 20 lines; a scanned page (an image of a full page of
text in a PDF, no text layer); a photo of that page; a Word file and an Excel workbook. Each is read in a
fresh Python process, so that its peak memory is its own: the process's resident peak while reading,
Tesseract's (a child process), and what Python itself allocates. The seconds are the reading alone (for a
scan: drawing the page and OCR), then the sentence extractor on the text read. Printed beside the goals of
issue 25, not asserted: a 30-page PDF with tables in at most 15 s and a scanned page in at most 5 s on the
2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from etl.paths import DATA_DIR, PROJECT_DIR
from etl.read_document import read_path
from tests import made_documents as made

GOAL_SECONDS = {"30-page PDF with tables": 15.0, "scanned PDF page": 5.0}
ROUNDS = 3
# A scanned page as full as a report's: 36 lines of 12-point text.
FULL_PAGE = made.SCANNED_LINES * 12


def make_documents(folder: Path) -> dict[str, Path]:
    """Each form's document in `folder`, by the name it is reported under."""
    made_files = {
        "30-page PDF with tables": ("report-30-pages.pdf", made.text_pdf(pages=30, repeat=4)),
        "scanned PDF page": ("scan.pdf", made.scanned_pdf(FULL_PAGE)),
        "photo of a page (PNG)": ("page.png", made.image_file(FULL_PAGE, "PNG")),
        "Word file (.docx)": ("report.docx", made.word_file()),
        "Excel workbook (.xlsx)": ("annex.xlsx", made.workbook()),
    }
    paths = {}
    for label, (name, data) in made_files.items():
        path = folder / name
        path.write_bytes(data)
        paths[label] = path
    return paths


def measure_one(path: Path) -> dict:
    """Read one file and propose its sentences' figures, in this process: seconds, memory, what was read."""
    # ru_maxrss is in kibibytes on Linux; what the interpreter holds with the readers' imports, before reading.
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    started = time.perf_counter()
    document = read_path(path)
    read_seconds = time.perf_counter() - started
    reading_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # The imports' own peak may hide the reading's: read again, untimed, counting what Python allocates.
    tracemalloc.start()
    read_path(path)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # The extractor is imported after the reading, so that its imports (pandas, DuckDB) are not counted in it.
    from etl.extract import extract, reference

    provinces, categories = reference(DATA_DIR)
    started = time.perf_counter()
    proposals = extract(document.text, "benchmark", None, None, provinces, categories)
    extract_seconds = time.perf_counter() - started
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {
        "read_s": read_seconds,
        "extract_s": extract_seconds,
        "baseline_mib": baseline / 2**20,
        "process_peak_mib": reading_peak / 2**20,
        "python_peak_mib": python_peak / 2**20,
        "children_peak_mib": children_peak / 2**20,
        "characters": len(document.text),
        "cells": sum(len(row) for table in document.tables for row in table.rows),
        "proposals": len(proposals),
        "ocr": document.ocr,
    }


def measure(path: Path) -> dict:
    """measure_one in a fresh interpreter, for a peak memory of its own."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.readers", "--one", str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(results: dict[str, list[dict]], rounds: int = ROUNDS) -> str:
    lines = [
        f"| form | read s (best of {rounds}) | + sentence proposals s | goal | peak memory MiB: process (of which "
        "before reading); OCR child process | Python heap peak MiB | table cells | sentence proposals |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label, rounds in results.items():
        best = min(rounds, key=lambda result: result["read_s"])
        goal = GOAL_SECONDS.get(label)
        total = best["read_s"] + best["extract_s"]
        goal_text = f"≤ {goal:g} s: {'met' if total <= goal else 'MISSED'}" if goal else ""
        lines.append(
            f"| {label} | {best['read_s']:.2f} | {best['extract_s']:.2f} | {goal_text} | "
            f"{max(r['process_peak_mib'] for r in rounds):.0f} ({best['baseline_mib']:.0f}); "
            f"{max(r['children_peak_mib'] for r in rounds):.0f} | {best['python_peak_mib']:.1f} | {best['cells']} | "
            f"{best['proposals']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.readers", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the child process's own run
    arguments = parser.parse_args(argv)
    if arguments.one:
        print(json.dumps(measure_one(arguments.one)))
        return 0
    if made.FONT is None:
        print(made.NO_FONT, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="reader-benchmark-") as folder:
        paths = make_documents(Path(folder))
        results = {label: [measure(path) for _ in range(arguments.rounds)] for label, path in paths.items()}
    print(f"{os.cpu_count()} cores; {arguments.rounds} rounds, each in a fresh process")
    print(report(results, arguments.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
