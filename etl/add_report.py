"""Add a report and its accepted figures to data/, then rebuild the database — all or nothing.

The new files are staged in a copy of data/ and validated with the same rules as
`python -m etl build`. Only when everything passes are they moved into data/, each by an
atomic rename, after the files they replace are copied to data/backups/. The order
(report, proposal, sources.csv, facts.csv, database) means an interruption never leaves a
figure without its source.

`add_report` gives its problems as the English lines the command line prints; `save_report`, which
the dashboard calls, gives the same problems with their kind and values, so the page can word them
in its reader's language and name the row of its own table.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from etl import audit
from etl.build import build_problems
from etl.data_lock import WAIT_SECONDS, writing
from etl.intake import Original, original_files, originals_dirname
from etl.paths import PROPOSALS_DIRNAME, REPORTS_DIRNAME, reports_dirname
from etl.places import without_diacritics
from etl.proposals import ProposalError, keep_proposal, proposal_path
from etl.read_inputs import COLUMNS, InputError, read_inputs, read_table
from etl.validate import Problem, validate

BACKUPS_DIRNAME = "backups"


@dataclass(frozen=True)
class Refusal:
    """Why a save was refused when no row of a table is to blame: the English message, and a kind and its
    values for the page ("report_exists", "proposal_kept", "write_failed", "input"; "" for any other)."""

    message: str
    code: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return self.message


def taken_source_ids(data_dir: Path) -> set[str]:
    """Every id a new report may not take: its sources, and the ids of kept proposals and report files,
    which outlive a withdrawn report (a kept proposal is never replaced)."""
    taken = {row["source_id"] for _, row in read_table(data_dir, "sources").rows}
    for folder, suffix in ((PROPOSALS_DIRNAME, ".csv"), (REPORTS_DIRNAME, ".txt"), (reports_dirname(False), ".txt")):
        taken |= {path.stem for path in (data_dir / folder).glob(f"*{suffix}")}
    return taken


def source_id_for(title: str, existing: set[str]) -> str:
    """A readable id from the title, unique among the sources already in data/."""
    ascii_title = re.sub(r"[^a-z0-9]+", "-", without_diacritics(title.lower())).strip("-")[:50].strip("-") or "report"
    candidate, number = ascii_title, 2
    while candidate in existing:
        candidate, number = f"{ascii_title}-{number}", number + 1
    return candidate


def add_report(
    data_dir: Path,
    database: Path,
    text: str | None,
    source: dict[str, str],
    facts: list[dict[str, str]],
    say: Callable[[str], None] = lambda _: None,
    proposal: list[dict[str, str]] | None = None,
    check_only: bool = False,
    who: object = None,
    wait: float = WAIT_SECONDS,
    original: Original | None = None,
) -> list[str]:
    """Add one report; return the problems that stopped it (empty when it was added), as the command line
    prints them. The arguments are save_report's."""
    problems = save_report(data_dir, database, text, source, facts, say, proposal, check_only, who, wait, original)
    return [str(problem) for problem in problems]


def save_report(
    data_dir: Path,
    database: Path,
    text: str | None,
    source: dict[str, str],
    facts: list[dict[str, str]],
    say: Callable[[str], None] = lambda _: None,
    proposal: list[dict[str, str]] | None = None,
    check_only: bool = False,
    who: object = None,
    wait: float = WAIT_SECONDS,
    original: Original | None = None,
) -> list[Problem | Refusal]:
    """Add one report; return the problems that stopped it (empty when it was added).

    A report whose text goes into the repository (text_in_repository true, the default) is written
    to data/reports. A published article is not: its text, if given, is kept only in the git-ignored
    data/reports-local, so the build can check its quotes on this machine.
    `proposal` is the extractor's untouched proposal, kept in data/proposals; without it, one must
    already be kept there by `python -m etl extract`. With `check_only`, nothing is written.
    `original` is the report as received (a PDF, a Word file, a web page): it is kept beside its text with the
    hashes of both (etl/intake.py), in the repository or only on this machine as the text is.
    The change goes into the audit trail as made by `who` (the account running the command if none).
    A save holds data/'s write lock (etl/data_lock.py) from reading the files to the rebuilt database;
    when another change holds it for longer than `wait` seconds, DataBusy is raised and nothing is written.
    """
    report = NewReport(text, source, facts, proposal)
    if original is not None and text is None:
        return [Refusal(f"the text read from {original.name} is needed beside it", "input", {"error": original.name})]
    kept = {}
    if original is not None and text is not None:
        folder = Path(originals_dirname(source.get("text_in_repository", "true") == "true"))
        kept = {folder / name: data for name, data in original_files(source["source_id"], original, text).items()}
    return save_reports(data_dir, database, [report], say, check_only, who, wait, kept_files=kept)


@dataclass
class NewReport:
    """A report to add: its text, its sources.csv row, its figures and the extractor's proposal (None when one
    is already kept, or for figures an office reported, which no extractor proposed)."""

    text: str | None
    source: dict[str, str]
    facts: list[dict[str, str]]
    proposal: list[dict[str, str]] | None = None


def save_reports(
    data_dir: Path,
    database: Path,
    reports: list[NewReport],
    say: Callable[[str], None] = lambda _: None,
    check_only: bool = False,
    who: object = None,
    wait: float = WAIT_SECONDS,
    kept_files: Mapping[Path, bytes] | None = None,
) -> list[Problem | Refusal]:
    """Add several reports at once, all or nothing, as save_report adds one; `kept_files` are further files
    written into data/ with them (relative path -> bytes), such as the filled data request they came from."""
    reports = [_completed(report) for report in reports]
    for report in reports:
        if report.source["text_in_repository"] == "true" and report.text is None:
            return [
                Refusal(f"the text of {report.source['source_id']} is needed: it is kept in data/{REPORTS_DIRNAME}")
            ]
    kept_files = dict(kept_files or {})
    if check_only:
        return _staged_problems(data_dir, reports, kept_files)
    with writing(data_dir, wait):
        problems = _staged_problems(data_dir, reports, kept_files, commit_to=data_dir)
        if problems:
            return problems
        for report in reports:
            audit.record(
                data_dir, who or audit.command_line_user(), "report_added", report.source["source_id"], [], report.facts
            )
        say("files written")
        return [Refusal(problem) for problem in build_problems(data_dir, database, say)]


def _completed(report: NewReport) -> NewReport:
    """The report with its source's defaults filled in and its figures naming their source."""
    source = {"language": "vi", "text_in_repository": "true"} | report.source
    # A report added by hand is a published text unless it says otherwise (a command-line source row may
    # leave the column out).
    source["kind"] = source.get("kind") or "article"
    if source["text_in_repository"] == "true" or report.text is not None:
        source["file"] = source.get("file") or f"{source['source_id']}.txt"
    facts = [dict(fact, source_id=source["source_id"]) for fact in report.facts]
    return NewReport(report.text, source, facts, report.proposal)


def _staged_problems(
    data_dir: Path,
    reports: list[NewReport],
    kept_files: Mapping[Path, bytes],
    commit_to: Path | None = None,
) -> list[Problem | Refusal]:
    """Stage the reports in a copy of data/ and validate them; with `commit_to`, move the staged files there
    when they are valid. The problems found (empty when valid, and committed if asked)."""
    for report in reports:
        source_id = report.source["source_id"]
        # An office's figures were typed into a request by the office, not proposed by the extractor.
        needs_proposal = report.source["kind"] != "office"
        if needs_proposal and report.proposal is None and not proposal_path(data_dir, source_id).exists():
            return [
                Refusal(
                    f"no proposal is kept for {source_id}: run python -m etl extract on the report first, "
                    f"so the extractor's untouched proposal is kept beside the reviewed figures"
                )
            ]
    with tempfile.TemporaryDirectory(prefix="poverty-staging-") as staging_name:
        staging = Path(staging_name) / "data"
        shutil.copytree(data_dir, staging, ignore=shutil.ignore_patterns("*.duckdb*", ".*", BACKUPS_DIRNAME))
        problems: list[Problem | Refusal] = []
        for relative, content in kept_files.items():
            if (staging / relative).exists():
                return [Refusal(f"data/{relative} already exists", "report_exists", {"file": str(relative)})]
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_bytes(content)
        for report in reports:
            problems += _stage(staging, report.text, report.source, report.facts, report.proposal)
        if not problems:
            problems = _validated(staging)
        if problems or commit_to is None:
            return [_outside(problem, staging, data_dir) for problem in problems]
        changed = [*kept_files, *_changed_files(reports)]
        try:
            commit(staging, commit_to, changed)
        except OSError as error:
            return [
                Refusal(
                    f"writing to {data_dir} failed ({error}); data/ was restored as it was",
                    "write_failed",
                    {"error": str(error)},
                )
            ]
    return []


def _outside(problem: Problem | Refusal, staging: Path, data_dir: Path) -> Problem | Refusal:
    """A problem found in the staging copy, naming the file of data/ it is about instead."""
    where = {"message": problem.message.replace(str(staging), str(data_dir))}
    if isinstance(problem, Problem):
        where["file"] = problem.file.replace(str(staging), str(data_dir))
    return dataclasses.replace(problem, **where)


def report_path(source: dict[str, str]) -> Path | None:
    """Where a source's text lives, relative to data/ (None when it names no file)."""
    if not source.get("file"):
        return None
    return Path(reports_dirname(source["text_in_repository"] == "true")) / source["file"]


def _stage(
    staging: Path,
    text: str | None,
    source: dict[str, str],
    facts: list[dict[str, str]],
    proposal: list[dict[str, str]] | None,
) -> list[Problem | Refusal]:
    report = report_path(source)
    if report is not None and text is not None:
        existing = staging / report
        # A published article's local copy may already be there, saved while reviewing: the same text is fine.
        if existing.exists() and existing.read_text(encoding="utf-8") != text:
            return [
                Refusal(
                    f"a different report file {source['file']} already exists in data/{report.parent}",
                    "report_exists",
                    {"file": source["file"]},
                )
            ]
        (staging / report).parent.mkdir(parents=True, exist_ok=True)
        (staging / report).write_text(text, encoding="utf-8")
    if proposal is not None:
        try:
            # The page always asks for the province before it proposes.
            keep_proposal(staging, source["source_id"], proposal, datetime.now(UTC).date(), province_given=True)
        except ProposalError as error:
            return [Refusal(str(error), "proposal_kept", {"source_id": source["source_id"]})]
    _append(staging / "sources.csv", "sources", [source])
    _append(staging / "facts.csv", "facts", facts)
    publisher = source.get("publisher", "").strip()
    if publisher and publisher not in {row["publisher"] for _, row in read_table(staging, "publishers").rows}:
        _append(staging / "publishers.csv", "publishers", [new_publisher(publisher, source)])
    return []


def _validated(staging: Path) -> list[Problem | Refusal]:
    try:
        return list(validate(read_inputs(staging)))
    except InputError as error:
        return [Refusal(str(error), "input", {"error": str(error)})]


def new_publisher(publisher: str, source: Mapping[str, str]) -> dict[str, str]:
    """The publishers.csv row of a publisher not classified yet: official when it is the office that filled a data
    request or the report's address is on a government domain (.gov.vn), else the domestic press. A reviewer
    corrects it in data/publishers.csv (a foreign outlet): the form that adds a report does not ask."""
    on_government_domain = re.match(r"^https?://[^/]*\.gov\.vn(/|$)", source.get("url") or "") is not None
    official = source.get("kind") == "office" or on_government_domain
    return {"publisher": publisher, "tier": "official" if official else "domestic_press", "country": "VN"}


def _append(path: Path, table: str, rows: list[dict[str, str]]) -> None:
    columns = COLUMNS[table]
    with path.open("a", encoding="utf-8", newline="") as file:
        if not path.read_text(encoding="utf-8-sig").endswith("\n"):
            file.write("\n")
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writerows({column: str(row.get(column, "")) for column in columns} for row in rows)


def _changed_files(reports: list[NewReport]) -> list[Path]:
    """What a save writes, relative to data/, in an order that never leaves a figure without its source."""
    changed = [path for report in reports if (path := report_path(report.source)) is not None]
    with_proposal = [report.source["source_id"] for report in reports if report.proposal is not None]
    changed += [Path(PROPOSALS_DIRNAME) / f"{source_id}.csv" for source_id in with_proposal]
    if with_proposal:
        changed.append(Path(PROPOSALS_DIRNAME) / "log.csv")
    return [*changed, Path("publishers.csv"), Path("sources.csv"), Path("facts.csv")]


def commit(staging: Path, data_dir: Path, changed: list[Path]) -> None:
    backup = data_dir / BACKUPS_DIRNAME / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup.mkdir(parents=True)
    existing = [relative for relative in changed if (data_dir / relative).exists()]
    for relative in existing:
        (backup / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / relative, backup / relative)
    try:
        for relative in changed:
            if (staging / relative).exists():
                (data_dir / relative).parent.mkdir(parents=True, exist_ok=True)
                replace_file(staging / relative, data_dir / relative)
    except OSError:
        for relative in changed:
            if relative in existing:
                replace_file(backup / relative, data_dir / relative)
            else:
                (data_dir / relative).unlink(missing_ok=True)
        raise


def replace_file(source: Path, target: Path) -> None:
    """Copy beside the target, then rename over it: readers see the old file or the new, never half."""
    temporary = target.with_name(f".{target.name}.incoming")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
