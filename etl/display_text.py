"""The text each figure is shown with ("> 1,4 tỷ đồng", "2023"), written once when the database is built.

Pages, downloads and the brief all read these columns, so a figure reads the same
everywhere, and a million rows are exported without formatting a number at run time.
Each distinct value and period is formatted once; large databases repeat them a lot.
"""

from __future__ import annotations

import pandas as pd

from etl.figure_text import LANGUAGES, period_text, value_text

VALUE_COLUMNS = ["value", "unit", "qualifier"]
PERIOD_COLUMNS = ["period_start", "period_end"]


def value_texts(values: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct (value, unit, qualifier), with value_text_vi and value_text_en."""
    distinct = values[VALUE_COLUMNS].drop_duplicates().reset_index(drop=True)
    keys = list(distinct.itertuples(index=False))
    for language in LANGUAGES:
        distinct[f"value_text_{language}"] = [value_text(*key, language) for key in keys]
    return distinct


def period_texts(periods: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct (period_start, period_end), with period_text."""
    distinct = periods[PERIOD_COLUMNS].drop_duplicates().reset_index(drop=True)
    distinct["period_text"] = [period_text(start, end, "vi") for start, end in distinct.itertuples(index=False)]
    return distinct


def with_display_text(facts: pd.DataFrame) -> pd.DataFrame:
    """facts with value_text_vi, value_text_en and period_text added."""
    labelled = facts.merge(value_texts(facts), on=VALUE_COLUMNS, how="left").merge(
        period_texts(facts), on=PERIOD_COLUMNS, how="left"
    )
    assert len(labelled) == len(facts), "formatting must not add or drop figures"
    return labelled
