"""`python -m etl build`: validate data/ and write the facts database.

Load inputs (CSV files and reports), process (validate, type, attach each
figure's sentence), save (one atomic DuckDB file), then print a summary.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from etl.display_text import with_display_text
from etl.load import TABLE_ORDER, write_database
from etl.read_inputs import COLUMNS, HEADLINE_FIELDS, InputError, Inputs, read_inputs
from etl.sentences import sentence_at
from etl.validate import BOOLEANS, Problem, validate


class BuildFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the input; the database was not changed")


def run(data_dir: Path, database: Path, say: Callable[[str], None] = print) -> None:
    # Load inputs.
    say(f"Reading {data_dir}")
    inputs = read_inputs(data_dir)
    for table in inputs.tables.values():
        say(f"  {table.path.name}: {len(table.rows)} rows")
    say(f"  reports: {len(inputs.reports)} readable of {len(inputs.tables['sources'].rows)}")

    # Process.
    say("Validating")
    problems = validate(inputs)
    if problems:
        raise BuildFailed(problems)
    tables = typed_tables(inputs)

    # Save.
    say(f"Writing {database}")
    write_database(tables, database)
    say(summary(tables))


def build_problems(data_dir: Path, database: Path, say: Callable[[str], None] = print) -> list[str]:
    """Run the build; return what stopped it, one message per problem (empty when it succeeded).

    Whatever the failure, the previous database is left as it was.
    """
    try:
        run(data_dir, database, say)
    except InputError as error:
        return [str(error)]
    except BuildFailed as failure:
        return [str(problem) for problem in failure.problems]
    except (duckdb.Error, OSError) as error:
        return [f"writing {database} failed: {error}"]
    return []


def typed_tables(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """The validated rows as typed frames, sorted by key so that builds are identical.

    Only reports kept in data/reports go into the database: a local copy of a published article
    served to check its quotes, and the database is the same on every machine.
    """
    frames = {name: _frame(inputs, name) for name in TABLE_ORDER if name not in ("reports", "headline_definitions")}
    frames["headline_definitions"] = pd.DataFrame(
        [{"metric": metric} | fields for metric, fields in sorted(inputs.headline_definitions.items())],
        columns=["metric", *HEADLINE_FIELDS],
    )
    frames["headline_definitions"]["window_years"] = frames["headline_definitions"]["window_years"].astype(int)
    sources = frames["sources"]
    sources["text_in_repository"] = sources["text_in_repository"].map(BOOLEANS)
    sources["number_style"] = sources["number_style"].map(lambda style: style or None)  # empty: its language's
    texts = {row.source_id: inputs.reports[row.file] for row in sources.itertuples() if row.text_in_repository}
    frames["reports"] = pd.DataFrame({"source_id": list(texts), "text": list(texts.values())})

    facts = frames["facts"]
    facts["sentence"] = [
        sentence_at(texts[source_id], offset, offset + len(quote)) if source_id in texts else None
        for source_id, offset, quote in zip(facts.source_id, facts.quote_offset.astype(int), facts.quote, strict=True)
    ]
    facts["value"] = facts["value"].astype(float)
    facts["quote_offset"] = facts["quote_offset"].astype(int)
    facts["is_target"] = facts["is_target"].map(BOOLEANS)
    facts["merged_province"] = facts["merged_province"].map(lambda text: BOOLEANS.get(text, False))
    for frame, columns in (
        (facts, ("period_start", "period_end")),
        (frames["poverty_standards"], ("applies_from", "applies_to")),
    ):
        for column in columns:
            frame[column] = frame[column].map(_date_or_none)
    for column in ("publication_date", "published_not_before", "published_not_after"):
        sources[column] = sources[column].map(_date_or_none)
    metrics = frames["metrics"]
    metrics["headline_rank"] = metrics["headline_rank"].map(lambda rank: int(rank) if rank else None)
    metrics["headline_group"] = metrics["headline_group"].replace("", None)
    frames["coverage_gaps"]["year"] = frames["coverage_gaps"]["year"].astype(int)
    for frame, columns in (
        (sources, ("file", "author", "url", "province", "note")),
        (facts, ("province", "poverty_standard", "note")),
        (frames["publishers"], ("country",)),
    ):
        for column in columns:
            frame[column] = frame[column].replace("", None)
    facts["poverty_standard_basis"] = facts["poverty_standard"].map(lambda standard: "report" if standard else None)
    frames["facts"] = with_display_text(facts)
    return {name: frames[name] for name in TABLE_ORDER}


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _frame(inputs: Inputs, name: str) -> pd.DataFrame:
    """One input table as text columns, sorted by its key (the first column)."""
    columns = list(COLUMNS[name])
    frame = pd.DataFrame([values for _, values in inputs.tables[name].rows], columns=columns, dtype=object)
    return frame.sort_values(columns[:3], kind="stable").reset_index(drop=True)


def summary(tables: dict[str, pd.DataFrame]) -> str:
    """Rows per table, per province and per category, from what was just written.

    Counted from the frames rather than by reopening the file: in a process that still has
    the old file open, DuckDB would hand back the old database for the same path.
    """
    facts = tables["facts"]
    categories = facts["metric"].map(tables["metrics"].set_index("metric")["category"])
    lines = ["Rows per table:"] + [f"  {name:<20}{len(frame):>6}" for name, frame in tables.items()]
    lines += ["Facts per province:"] + [
        f"  {name:<20}{count:>6}" for name, count in facts.groupby("province", dropna=False).size().items()
    ]
    lines += ["Facts per category:"] + [
        f"  {name:<20}{count:>6}" for name, count in categories.value_counts().sort_index().items()
    ]
    return "\n".join(lines)
