"""The text each figure is shown with ("> 1,4 tỷ đồng", "2023"), written once when the database is built.

Pages, downloads and the brief all read these columns, so a figure reads the same
everywhere, and a million rows are exported without formatting a number at run time.
Each distinct value is formatted once; large databases repeat values and periods a lot.
"""

from __future__ import annotations

import pandas as pd

from app.labels import LANGUAGES, period_text, value_text

VALUE_COLUMNS = ("value", "unit", "qualifier")
PERIOD_COLUMNS = ("period_start", "period_end")


def with_display_text(facts: pd.DataFrame) -> pd.DataFrame:
    """facts with value_text_vi, value_text_en and period_text added."""
    values = facts[list(VALUE_COLUMNS)].drop_duplicates()
    for language in LANGUAGES:
        values[f"value_text_{language}"] = [
            value_text(value, unit, qualifier, language)
            for value, unit, qualifier in values[list(VALUE_COLUMNS)].itertuples(index=False)
        ]
    periods = facts[list(PERIOD_COLUMNS)].drop_duplicates()
    periods["period_text"] = [period_text(start, end, "vi") for start, end in periods.itertuples(index=False)]
    labelled = facts.merge(values, on=list(VALUE_COLUMNS), how="left").merge(
        periods, on=list(PERIOD_COLUMNS), how="left"
    )
    assert len(labelled) == len(facts), "formatting must not add or drop figures"
    return labelled
