"""`python -m etl evaluate`: how well the extractor proposes the figures reviewers kept.

A proposed figure matches a reviewed one when their quotes overlap in the same report and
their values are equal (or, for a figure printed twice, when the same quote is proposed
elsewhere). Value recall is the share of reviewed figures matched, precision the share of
proposals that matched; the other fields are scored on the matched figures.

By default the kept proposals (data/proposals/, made before review) are scored: what the
extractor did on each report when it first saw it. `--rerun` runs today's extractor instead,
on every report whose text is here; a score on reports the rules were written from says little.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from etl.extract import extract, reference
from etl.paths import PROJECT_DIR
from etl.proposals import LogEntry, extractor_version, read_log, read_proposal
from etl.read_inputs import Inputs, number_language, read_inputs

# "topic" is the metric's category (poverty, credit, health insurance, support ...) and "year" the years the period
# runs over: what a reviewer corrects most often, and what the dashboard compares provinces by.
FIELDS = (
    "metric",
    "topic",
    "beneficiary_group",
    "province",
    "area",
    "area_level",
    "period",
    "year",
    "qualifier",
    "is_target",
)
TARGETS = (
    {"recall": 0.95, "precision": 0.90, "province": 0.95}
    | dict.fromkeys(("metric", "area_level", "period", "qualifier"), 0.90)
    | dict.fromkeys(("topic", "year"), 0.85)
)


@dataclass
class Score:
    proposed: int = 0
    reviewed: int = 0
    matched: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.reviewed if self.reviewed else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_hits[name] / self.matched if self.matched else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.proposed + other.proposed,
            self.reviewed + other.reviewed,
            self.matched + other.matched,
            {name: self.field_hits[name] + other.field_hits[name] for name in FIELDS},
            self.misses + other.misses,
        )


def total(scores: Iterable[Score]) -> Score:
    return sum(scores, Score())


def score(
    proposed: list[dict[str, str]], reviewed: list[dict[str, str]], categories: dict[str, str] | None = None
) -> Score:
    """How the proposals of one report compare with its reviewed figures; `categories` gives each metric's topic."""
    categories = categories or {}
    result = Score(proposed=len(proposed), reviewed=len(reviewed))
    unused = list(proposed)
    for fact in reviewed:
        match = next(
            (candidate for candidate in unused if _overlap(candidate, fact) and _same_value(candidate, fact)), None
        )
        # A figure printed twice (the lead, then the body) is written once, by the reviewer and the
        # extractor alike; either occurrence is the same figure.
        match = match or next((candidate for candidate in unused if _same_printing(candidate, fact)), None)
        if match is None:
            near = next((candidate for candidate in unused if _overlap(candidate, fact)), None)
            found = "not proposed" if near is None else f"proposed as {near['value']}"
            result.misses.append(f"{fact['fact_id']}: {fact['quote']!r} {found}")
            continue
        unused.remove(match)
        result.matched += 1
        for name in FIELDS:
            proposed_value, reviewed_value = _field(match, name, categories), _field(fact, name, categories)
            if proposed_value == reviewed_value:
                result.field_hits[name] += 1
            else:
                result.misses.append(f"{fact['fact_id']}: {name} {proposed_value!r} != {reviewed_value!r}")
    result.misses += [f"{candidate['fact_id']}: {candidate['quote']!r} proposed, not kept" for candidate in unused]
    return result


def kept_scores(data_dir: Path, inputs: Inputs | None = None) -> list[tuple[LogEntry, Score]]:
    """Each kept proposal against the reviewed figures of its report, in the order proposals were made; a
    withdrawn report (no longer in sources.csv) is left out, its figures being gone."""
    inputs = inputs or read_inputs(data_dir)
    facts, sources = _facts_by_source(inputs), {row["source_id"] for _, row in inputs.tables["sources"].rows}
    _, categories = reference(data_dir)
    return [
        (entry, score(read_proposal(data_dir, entry.source_id), facts.get(entry.source_id, []), categories))
        for entry in read_log(data_dir)
        if entry.source_id in sources
    ]


@dataclass(frozen=True)
class Rerun:
    """One report to propose again: its text as read here, and what its source row says of it."""

    source_id: str
    text: str
    province: str | None
    published: date | None
    language: str
    local_copy: bool  # a git-ignored copy of a published article, perhaps only the part a stored page holds


def rerun_scores(data_dir: Path, include_local: bool = True, revision: str | None = None) -> list[tuple[str, Score]]:
    """Today's extractor (or the rules of an earlier git `revision`) on every report whose text is here (kept in
    data/reports, or a local copy). A local copy may hold only part of its article (a page stored from its
    beginning): the reviewed figures whose quote it does not hold are left out of its score."""
    inputs = read_inputs(data_dir)
    provinces, categories = reference(data_dir)
    facts = _facts_by_source(inputs)
    reruns = []
    for _, source in inputs.tables["sources"].rows:
        text = inputs.reports.get(source["file"])
        local = text is None
        if local and include_local:
            text = inputs.local_reports.get(source["file"])
        if text is None:
            continue
        published = date.fromisoformat(source["publication_date"]) if source["publication_date"] else None
        reruns.append(
            Rerun(source["source_id"], text, source["province"] or None, published, number_language(source), local)
        )
    if revision:
        proposals = proposals_of_revision(revision, data_dir, reruns)
    else:
        proposals = [
            extract(run.text, run.source_id, run.province, run.published, provinces, categories, run.language)
            for run in reruns
        ]
    results = []
    for run, proposed in zip(reruns, proposals, strict=True):
        reviewed = facts.get(run.source_id, [])
        if run.local_copy:
            reviewed = [fact for fact in reviewed if fact["quote"] in run.text]
        results.append((run.source_id, score(proposed, reviewed, categories)))
    return results


# Run in a copy of an earlier revision's etl/ package: its own extract() on the reports given as JSON.
_PROPOSE_AT_REVISION = """
import json, sys
from datetime import date
from pathlib import Path
from etl.extract import extract, reference
from etl.paths import PROJECT_DIR
provinces, categories = reference(Path(sys.argv[1]))
runs = json.load(sys.stdin)
json.dump([
    extract(run["text"], run["source_id"], run["province"], date.fromisoformat(run["published"])
            if run["published"] else None, provinces, categories, run["language"])
    for run in runs
], sys.stdout)
"""


def proposals_of_revision(revision: str, data_dir: Path, reruns: list[Rerun]) -> list[list[dict[str, str]]]:
    """What the rules of an earlier git revision propose on the same texts: its etl/ package is taken from git into
    a temporary folder and run there, so today's rules and those compare on the same reports and the same scoring."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "etl"], cwd=PROJECT_DIR, capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise EvaluationError(f"git cannot give the rules of revision {revision!r}: {archive.stderr.decode().strip()}")
    runs = [
        {
            "source_id": run.source_id,
            "text": run.text,
            "province": run.province,
            "published": run.published.isoformat() if run.published else "",
            "language": run.language,
        }
        for run in reruns
    ]
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        # Rules that read the product's definitions from data/ beside etl/ (the metrics' measures) read these.
        (Path(folder) / "data").symlink_to(data_dir.resolve(), target_is_directory=True)
        result = subprocess.run(
            [sys.executable, "-c", _PROPOSE_AT_REVISION, str(data_dir.resolve())],
            input=json.dumps(runs),
            cwd=folder,
            env={**os.environ, "PYTHONPATH": folder},
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise EvaluationError(f"the rules of revision {revision!r} failed: {result.stderr.strip()[-300:]}")
    return json.loads(result.stdout)


class EvaluationError(Exception):
    """The evaluation cannot run as asked (an unknown revision, rules that fail)."""


def before_and_after(
    data_dir: Path, inputs: Inputs | None = None, seen: frozenset[str] = frozenset()
) -> list[tuple[LogEntry, Score, Score]]:
    """For each report the rules were not written from, kept by earlier rules and whose text is here: its kept
    proposal's score (the earlier rules, before) and today's rules on it (after). The same reports on both
    sides, none of which today's rules were written from (`seen` names those read while writing them), so the
    change is measured on unseen reports. On a partial local copy both sides are scored on the figures it holds."""
    inputs = inputs or read_inputs(data_dir)
    today = extractor_version()
    provinces, categories = reference(data_dir)
    facts = _facts_by_source(inputs)
    sources = {row["source_id"]: row for _, row in inputs.tables["sources"].rows}
    compared = []
    for entry in read_log(data_dir):
        source = sources.get(entry.source_id)
        if source is None or entry.rules_seen_it or entry.extractor_version == today or entry.source_id in seen:
            continue
        text = inputs.text_of(source["file"])
        if text is None:
            continue
        published = date.fromisoformat(source["publication_date"]) if source["publication_date"] else None
        province = source["province"] or None if entry.province_given else None
        proposed = extract(text, entry.source_id, province, published, provinces, categories, number_language(source))
        reviewed, kept = facts.get(entry.source_id, []), read_proposal(data_dir, entry.source_id)
        if source["file"] not in inputs.reports:
            reviewed = [fact for fact in reviewed if fact["quote"] in text]
            kept = [row for row in kept if row["quote"] in text]
        before = score(kept, reviewed, categories)
        compared.append((entry, before, score(proposed, reviewed, categories)))
    return compared


def _facts_by_source(inputs: Inputs) -> dict[str, list[dict[str, str]]]:
    facts: dict[str, list[dict[str, str]]] = {}
    for _, row in inputs.tables["facts"].rows:
        facts.setdefault(row["source_id"], []).append(row)
    return facts


def _overlap(candidate: dict[str, str], fact: dict[str, str]) -> bool:
    start, end = int(candidate["quote_offset"]), int(candidate["quote_offset"]) + len(candidate["quote"])
    fact_start = int(fact["quote_offset"])
    return start < fact_start + len(fact["quote"]) and fact_start < end


def _same_printing(candidate: dict[str, str], fact: dict[str, str]) -> bool:
    return candidate["quote"] == fact["quote"] and _same_value(candidate, fact)


def _same_value(candidate: dict[str, str], fact: dict[str, str]) -> bool:
    return Decimal(candidate["value"]) == Decimal(fact["value"])


def _field(row: dict[str, str], name: str, categories: dict[str, str]) -> str:
    if name == "period":
        return f"{row['period_start']}..{row['period_end']}"
    if name == "year":
        return f"{row['period_start'][:4]}..{row['period_end'][:4]}"
    if name == "topic":
        return categories.get(row["metric"], "")
    return row[name]


def report(result: Score, say: Callable[[str], None] = print, details: bool = False) -> None:
    say(f"Proposed {result.proposed} figures; reviewed {result.reviewed}; values matched {result.matched}.")
    say(f"  value precision {result.precision:6.1%}   (target >= {TARGETS['precision']:.0%})")
    say(f"  value recall    {result.recall:6.1%}   (target >= {TARGETS['recall']:.0%})")
    say("Accuracy on matched figures:")
    for name in FIELDS:
        target = f"   (target >= {TARGETS[name]:.0%})" if name in TARGETS else ""
        say(f"  {name:<20}{result.accuracy(name):6.1%}{target}")
    if details:
        say("Differences:")
        for miss in result.misses:
            say(f"  {miss}")


def markdown(
    data_dir: Path, last: int = 15, against: str | None = None, written_from: frozenset[str] = frozenset()
) -> str:
    """benchmarks/EXTRACTION.md: the kept proposals scored, per report in the order added, and in sum; with
    `against`, today's rules and those of that git revision on the same texts (`written_from`: the reports read while
    writing today's rules, scored apart)."""
    inputs = read_inputs(data_dir)
    kept = kept_scores(data_dir, inputs)
    languages = {row["source_id"]: number_language(row) for _, row in inputs.tables["sources"].rows}
    unseen = [(entry, result) for entry, result in kept if not entry.rules_seen_it]
    lines = [
        "# Extraction scores",
        "",
        "Written by `python -m etl evaluate --write benchmarks/EXTRACTION.md` from the proposals kept in",
        "`data/proposals/` (what `python -m etl extract` proposed before review) and the reviewed figures",
        "in `data/facts.csv`. A proposal matches a reviewed figure when their quotes overlap and their values",
        "are equal; field accuracy is over matched figures. Targets on unseen reports: value recall ≥ 0.95,",
        "precision ≥ 0.90, each field ≥ 0.90, province ≥ 0.95.",
        "",
        "## On reports the rules had not seen",
        "",
        _summary_header(),
        _summary_row("every unseen report", [result for _, result in unseen]),
        _summary_row(f"the last {last} added", [result for _, result in unseen[-last:]]),
    ]
    for version in dict.fromkeys(entry.extractor_version for entry, _ in unseen):
        results = [result for entry, result in unseen if entry.extractor_version == version]
        lines.append(_summary_row(f"extractor {version}", results))
    seen = [result for entry, result in kept if entry.rules_seen_it]
    lines += ["", "On the reports the first rules were written from (not a test of them):", "", _summary_header()]
    lines.append(_summary_row("rules written from these", seen))
    compared = before_and_after(data_dir, inputs, written_from)
    lines += [
        "",
        f"## Before and after the rules now in force ({extractor_version()})",
        "",
        "The reports kept by earlier rules whose text is on this machine (data/reports, or the git-ignored",
        "local copies of published articles), none of which the rules now in force were written from: their",
        "kept proposals (before) and the rules now in force run again on the same texts (after).",
        "",
    ]
    if compared:
        lines += [
            _summary_header(),
            _summary_row("before: the kept proposals", [before for _, before, _ in compared]),
            _summary_row("after: the rules now in force", [after for _, _, after in compared]),
        ]
    else:
        lines.append("No such report here; run this with the local copies of the articles to measure the change.")
    if against:
        lines += _against_section(data_dir, against, written_from)
    lines += [
        "",
        "## Per report, in the order proposals were kept",
        "",
        "A report with no reviewed figure was proposed and reviewed, but nothing in it could be dated or",
        "placed: it is not in `data/sources.csv`, and all its proposals count against precision.",
        "",
        "| # | report | lang | proposed on | extractor | rules saw it | province given | proposed | reviewed | "
        "recall | precision | " + " | ".join(FIELDS) + " |",
        "|" + "---|" * (11 + len(FIELDS)),
    ]
    for number, (entry, result) in enumerate(kept, start=1):
        lines.append(
            f"| {number} | {entry.source_id} | {languages.get(entry.source_id, '–')} | {entry.proposed_on} | "
            f"{entry.extractor_version} | {'yes' if entry.rules_seen_it else 'no'} | "
            f"{'yes' if entry.province_given else 'no'} | {result.proposed} | "
            f"{result.reviewed} | {_share(result.recall, result.reviewed)} | "
            f"{_share(result.precision, result.proposed)} | "
            + " | ".join(_share(result.accuracy(name), result.matched) for name in FIELDS)
            + " |"
        )
    return "\n".join(lines) + "\n"


def _against_section(data_dir: Path, revision: str, seen: frozenset[str]) -> list[str]:
    """Today's rules and those of `revision` on every text here, scored the same way: the local copies the
    rules were not written from, those they were, and the seed reports."""
    before, after = dict(rerun_scores(data_dir, revision=revision)), dict(rerun_scores(data_dir))
    inputs = read_inputs(data_dir)
    seeds = {row["source_id"] for _, row in inputs.tables["sources"].rows if row["file"] in inputs.reports}
    groups = [
        ("local copies not read while writing today's rules", sorted(set(after) - seeds - seen)),
        ("local copies read while writing today's rules", sorted(set(after) & seen)),
        ("the seed reports (data/reports)", sorted(set(after) & seeds)),
    ]
    lines = [
        "",
        f"## Today's rules ({extractor_version()}) against those of {revision}, on the texts here",
        "",
        f"Written by `python -m etl evaluate --rerun --against {revision} --write ...`. Both versions of the rules",
        "propose again on the same texts with the same source rows, and are scored the same way. A local copy",
        "(git-ignored) may hold only the part of its article a stored page kept: the reviewed figures whose",
        "quote it does not hold are left out of both scores. `topic` is the metric's category, `year` the years",
        "the period runs over.",
        "",
        _summary_header(),
    ]
    for scope, names in groups:
        if names:
            lines.append(_summary_row(f"before ({revision}): {scope}", [before[name] for name in names]))
            lines.append(_summary_row(f"after: {scope}", [after[name] for name in names]))
    return lines


# What follows this line in the written file is a note kept by hand: writing the file again keeps it.
NOTES_MARKER = "<!-- Notes written by hand below this line are kept when the file is written again. -->"


def notes_kept(path: Path) -> str:
    """The hand-written notes after NOTES_MARKER in the file about to be written again, marker included."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    return "\n" + text[text.index(NOTES_MARKER) :] if NOTES_MARKER in text else ""


def _summary_header() -> str:
    columns = ["reports", "proposed", "reviewed", "recall", "precision", *FIELDS]
    return "| scope | " + " | ".join(columns) + " |\n|" + "---|" * (len(columns) + 1)


def _summary_row(scope: str, results: list[Score]) -> str:
    result = total(results)
    cells = [str(len(results)), str(result.proposed), str(result.reviewed)]
    cells += [_share(result.recall, result.reviewed), _share(result.precision, result.proposed)]
    cells += [_share(result.accuracy(name), result.matched) for name in FIELDS]
    return f"| {scope} | " + " | ".join(cells) + " |"


def _share(value: float, out_of: int) -> str:
    return f"{value:.2f}" if out_of else "–"
