"""The extractor's untouched proposal for each report, kept beside the reviewed figures.

`python -m etl extract` writes what the extractor proposed to data/proposals/<source_id>.csv
before anyone reviews it, and appends a line to data/proposals/log.csv saying when, and
with which version of the rules. A kept proposal is never replaced, so the extractor's
score on a report it had not seen cannot be improved after the fact.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.paths import PROPOSALS_DIRNAME
from etl.read_inputs import COLUMNS

PROPOSAL_COLUMNS = (*COLUMNS["facts"], "confidence")


def proposal_row(**fields: str) -> dict[str, str]:
    """A proposed figure with every column of data/facts.csv and its confidence, in that order; a column not given
    is empty (the fact_id is numbered once a document's proposals are put in order)."""
    unknown = set(fields) - set(PROPOSAL_COLUMNS)
    if unknown:
        raise ValueError(f"not a column of a proposal: {', '.join(sorted(unknown))}")
    return {column: fields.get(column, "") for column in PROPOSAL_COLUMNS}


LOG_COLUMNS = ("source_id", "proposed_on", "extractor_version", "figures", "rules_seen_it", "province_given")
# The modules whose rules decide what is proposed; any change to them is a new extractor version.
RULE_MODULES = ("extract.py", "classify.py", "places.py", "periods.py", "parse_numbers.py", "sentences.py")


class ProposalError(Exception):
    """A proposal cannot be kept (one is already kept for that report)."""


@dataclass(frozen=True)
class LogEntry:
    source_id: str
    proposed_on: str
    extractor_version: str
    figures: int
    rules_seen_it: bool  # the rules were written while reading this report: its score is not a test
    province_given: bool  # the analyst named the report's province, as the Add-a-report page always does


def extractor_version() -> str:
    """A short fingerprint of the extraction rules as they are now."""
    digest = hashlib.sha256()
    for name in RULE_MODULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:12]


def proposal_path(data_dir: Path, source_id: str) -> Path:
    return data_dir / PROPOSALS_DIRNAME / f"{source_id}.csv"


def keep_proposal(
    data_dir: Path,
    source_id: str,
    rows: list[dict[str, str]],
    proposed_on: date,
    rules_seen_it: bool = False,
    province_given: bool = False,
) -> Path:
    """Keep the proposal for `source_id` and log it; refuse if one is already kept."""
    path = proposal_path(data_dir, source_id)
    if path.exists():
        raise ProposalError(
            f"a proposal for {source_id} is already kept in {path}; a kept proposal is never replaced "
            f"(choose another --source-id, or use --trial to extract without keeping)"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_rows(path, PROPOSAL_COLUMNS, rows)
    entry = {
        "source_id": source_id,
        "proposed_on": proposed_on.isoformat(),
        "extractor_version": extractor_version(),
        "figures": str(len(rows)),
        "rules_seen_it": "true" if rules_seen_it else "false",
        "province_given": "true" if province_given else "false",
    }
    log = data_dir / PROPOSALS_DIRNAME / "log.csv"
    write_rows(log, LOG_COLUMNS, [*_read_rows(log), entry])
    return path


def read_log(data_dir: Path) -> list[LogEntry]:
    """Every kept proposal, in the order they were made."""
    return [
        LogEntry(
            row["source_id"],
            row["proposed_on"],
            row["extractor_version"],
            int(row["figures"]),
            row["rules_seen_it"] == "true",
            row["province_given"] == "true",
        )
        for row in _read_rows(data_dir / PROPOSALS_DIRNAME / "log.csv")
    ]


def read_proposal(data_dir: Path, source_id: str) -> list[dict[str, str]]:
    return _read_rows(proposal_path(data_dir, source_id))


def write_rows(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """A CSV written to a temporary file and renamed into place, so it is never half-written."""
    temporary = path.with_name(f".{path.name}.writing")
    with temporary.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, path)


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))
