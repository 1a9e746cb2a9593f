"""`python -m etl evaluate`: how well extraction finds the curated figures of the reports in data/.

A proposed figure matches a curated one when their quotes overlap in the same report.
Precision and recall count matches whose value and qualifier agree; field accuracy is
measured on those matches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from etl.extract import extract, reference
from etl.read_inputs import read_inputs

FIELDS = ("metric", "beneficiary_group", "area", "area_level", "period", "is_target")


@dataclass
class Evaluation:
    proposed: int = 0
    curated: int = 0
    correct: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.curated if self.curated else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_hits[name] / self.correct if self.correct else 0.0


def evaluate(data_dir: Path) -> Evaluation:
    inputs = read_inputs(data_dir)
    provinces, categories = reference(data_dir)
    facts = [row for _, row in inputs.tables["facts"].rows]
    result = Evaluation()
    for _, source in inputs.tables["sources"].rows:
        published = date.fromisoformat(source["publication_date"]) if source["publication_date"] else None
        proposed = extract(
            inputs.reports[source["file"]], source["source_id"], source["province"], published, provinces, categories
        )
        curated = [fact for fact in facts if fact["source_id"] == source["source_id"]]
        _score(result, proposed, curated)
    return result


def _score(result: Evaluation, proposed: list[dict[str, str]], curated: list[dict[str, str]]) -> None:
    result.proposed += len(proposed)
    result.curated += len(curated)
    for fact in curated:
        match = next((candidate for candidate in proposed if _overlap(candidate, fact)), None)
        if match is None or not _same_value(match, fact):
            result.misses.append(
                f"{fact['fact_id']}: {fact['quote']!r} "
                + ("not proposed" if match is None else f"proposed as {match['value']} {match['qualifier']}")
            )
            continue
        result.correct += 1
        for name in FIELDS:
            if _field(match, name) == _field(fact, name):
                result.field_hits[name] += 1
            else:
                result.misses.append(f"{fact['fact_id']}: {name} {_field(match, name)!r} != {_field(fact, name)!r}")


def _overlap(candidate: dict[str, str], fact: dict[str, str]) -> bool:
    start, end = int(candidate["quote_offset"]), int(candidate["quote_offset"]) + len(candidate["quote"])
    fact_start = int(fact["quote_offset"])
    return start < fact_start + len(fact["quote"]) and fact_start < end


def _same_value(candidate: dict[str, str], fact: dict[str, str]) -> bool:
    return Decimal(candidate["value"]) == Decimal(fact["value"]) and candidate["qualifier"] == fact["qualifier"]


def _field(row: dict[str, str], name: str) -> str:
    return f"{row['period_start']}..{row['period_end']}" if name == "period" else row[name]


def report(result: Evaluation, say: Callable[[str], None] = print, details: bool = False) -> None:
    say(f"Proposed {result.proposed} figures; curated {result.curated}; value and qualifier right on {result.correct}.")
    say(f"  value+qualifier precision {result.precision:6.1%}   (target >= 90%)")
    say(f"  value+qualifier recall    {result.recall:6.1%}   (target >= 95%)")
    say("Accuracy on matched figures:")
    for name in FIELDS:
        target = "   (target >= 85%)" if name in ("metric", "beneficiary_group") else ""
        say(f"  {name:<20}{result.accuracy(name):6.1%}{target}")
    if details:
        say("Differences:")
        for miss in result.misses:
            say(f"  {miss}")
