"""The sidebar shared by every page: language, presentation mode and the filters, kept in the URL.

A copied link reopens the same view: each filter is written to st.query_params, and
read back from there when the page opens. Values in the URL that the data does not
know (a misspelt province, an SQL fragment) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import streamlit as st

from app import labels, queries
from app.queries import Filters

T = TypeVar("T")

# Filter -> (URL parameter, session key).
LIST_FILTERS = {
    "provinces": ("province", "filter_provinces"),
    "categories": ("topic", "filter_categories"),
    "metrics": ("metric", "filter_metrics"),
    "levels": ("level", "filter_levels"),
    "groups": ("group", "filter_groups"),
}
FILTER_KEYS = [key for _, key in LIST_FILTERS.values()] + ["filter_years", "filter_targets"]
# Choices a page makes for one view (the year and metric of a ranking, the province of a profile),
# kept in the URL beside the filters.
PAGE_PARAMETERS = ("rank_metric", "rank_year", "nearest", "matrix", "place", "year", "profile")
TARGET_CHOICES = ("all", "actual", "target")
PRESENTATION_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], footer {display: none;}
.stMainBlockContainer, .block-container {padding-top: 1rem; font-size: 1.25rem;}
h1 {font-size: 2.6rem !important;} h2, h3 {font-size: 2rem !important;}
</style>
"""


@dataclass(frozen=True)
class View:
    language: str
    presenting: bool
    filters: Filters


def language_and_mode() -> tuple[str, bool]:
    """The language and presentation mode before the sidebar is drawn (for the page menu)."""
    state, url = st.session_state, st.query_params
    language = state.get("language") or (url.get("lang") if url.get("lang") in labels.LANGUAGES else "vi")
    presenting = state.get("presenting", url.get("present") == "1")
    return language, bool(presenting)


def render() -> View:
    options = queries.options()
    allowed = _allowed_values(options)
    _start_from_url(allowed, options)

    language = st.sidebar.radio(
        labels.text("language", "vi") + " / Language",
        labels.LANGUAGES,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="language",
        horizontal=True,
    )
    presenting = st.sidebar.toggle(labels.text("presentation", language), key="presenting")
    if presenting:
        st.html(PRESENTATION_CSS)
    else:
        _filter_widgets(language, options, allowed)

    filters = _chosen_filters()
    _write_url(language, presenting, filters, _year_bounds(options))
    return View(language, presenting, filters)


def _allowed_values(options: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    return {
        "provinces": options["provinces"]["province"].tolist(),
        "categories": options["categories"]["category"].tolist(),
        "metrics": options["metrics"]["metric"].tolist(),
        "levels": [level for level in labels.LEVELS if level in set(options["levels"]["area_level"])],
        "groups": options["groups"]["beneficiary_group"].tolist(),
    }


def _start_from_url(allowed: dict[str, list[str]], options: dict[str, pd.DataFrame]) -> None:
    """Fill widgets not yet on screen from the URL, keeping only values the data knows."""
    state, url = st.session_state, st.query_params
    # A widget of the same key on another page is a new widget to Streamlit; assigning the
    # value back makes it the new widget's starting value instead of the default.
    for key in ("language", "presenting", *FILTER_KEYS):
        if key in state:
            state[key] = state[key]
    language, presenting = language_and_mode()
    state.setdefault("language", language)
    state.setdefault("presenting", presenting)
    state.setdefault("chosen", {})
    # Filters chosen on another page win over the URL, which page links do not carry.
    for key, value in state["chosen"].items():
        if key not in state:
            state[key] = value
    for field, (parameter, key) in LIST_FILTERS.items():
        if key not in state:
            state[key] = [value for value in url.get_all(parameter) if value in allowed[field]]
    if "filter_years" not in state:
        first, last = _year_bounds(options)
        state["filter_years"] = _years_from_url(url.get("years", ""), first, last)
    if "filter_targets" not in state:
        state["filter_targets"] = url.get("figures") if url.get("figures") in TARGET_CHOICES else "all"


def _year_bounds(options: dict[str, pd.DataFrame]) -> tuple[int, int]:
    years = options["years"].iloc[0]
    return int(years["first"]), int(years["last"])


def _years_from_url(text: str, first: int, last: int) -> tuple[int, int]:
    parts = text.split("-")
    if len(parts) == 2 and all(part.isdigit() for part in parts):
        start, end = sorted(int(part) for part in parts)
        if first <= start <= end <= last:
            return start, end
    return first, last


def _filter_widgets(language: str, options: dict[str, pd.DataFrame], allowed: dict[str, list[str]]) -> None:
    sidebar = st.sidebar
    sidebar.header(labels.text("filters", language))
    metric_labels = options["metrics"].set_index("metric")[f"label_{language}"].to_dict()
    group_labels = options["groups"].set_index("beneficiary_group")[f"label_{language}"].to_dict()
    current = options["provinces"].set_index("province")["province_2025"].to_dict()
    names = {
        "provinces": lambda value: f"{value} (→ {current[value]})",
        "categories": lambda value: labels.category_name(value, language),
        "metrics": lambda value: metric_labels[value],
        "levels": lambda value: labels.level_name(value, language),
        "groups": lambda value: group_labels[value],
    }
    for field, (_, key) in LIST_FILTERS.items():
        sidebar.multiselect(
            labels.text(field, language),
            allowed[field],
            key=key,
            format_func=names[field],
            placeholder=labels.text("all", language),
        )
    first, last = _year_bounds(options)
    if first < last:
        sidebar.slider(labels.text("years", language), first, last, key="filter_years")
    sidebar.radio(
        labels.text("targets", language),
        TARGET_CHOICES,
        key="filter_targets",
        format_func=lambda choice: labels.text(f"targets_{choice}", language),
    )
    st.session_state["chosen"] = {key: st.session_state[key] for key in FILTER_KEYS}


def _chosen_filters() -> Filters:
    """The filters in force: from the widgets, or as last chosen while presenting hides them."""
    state = st.session_state
    chosen = state["chosen"] or {key: state[key] for key in FILTER_KEYS}

    def pick(key: str) -> tuple[str, ...] | None:
        return tuple(chosen[key]) or None

    year_from, year_to = chosen["filter_years"]
    return Filters(
        provinces=pick("filter_provinces"),
        categories=pick("filter_categories"),
        metrics=pick("filter_metrics"),
        levels=pick("filter_levels"),
        groups=pick("filter_groups"),
        year_from=year_from,
        year_to=year_to,
        targets=chosen["filter_targets"],
    )


def _write_url(language: str, presenting: bool, filters: Filters, year_bounds: tuple[int, int]) -> None:
    wanted: dict[str, str | list[str]] = {"lang": language}
    if presenting:
        wanted["present"] = "1"
    for field, (parameter, _) in LIST_FILTERS.items():
        values = getattr(filters, field)
        if values:
            wanted[parameter] = list(values)
    if (filters.year_from, filters.year_to) != year_bounds and filters.year_from is not None:
        wanted["years"] = f"{filters.year_from}-{filters.year_to}"
    if filters.targets != "all":
        wanted["figures"] = filters.targets
    for parameter in PAGE_PARAMETERS:
        if parameter in st.query_params:
            wanted[parameter] = st.query_params.get_all(parameter)
    if {key: st.query_params.get_all(key) for key in st.query_params} != {
        key: value if isinstance(value, list) else [value] for key, value in wanted.items()
    }:
        st.query_params.from_dict(wanted)


def url_selectbox(
    label: str,
    options: Sequence[T],
    key: str,
    parameter: str,
    format_func: Callable[[T], str] = str,
    default: T | None = None,
) -> T:
    """A selectbox whose choice is in the URL: a copied link reopens it, a value the options lack is ignored."""
    state = st.session_state
    if key not in state or state[key] not in options:
        from_url = {str(option): option for option in options}.get(st.query_params.get(parameter, ""))
        state[key] = from_url if from_url is not None else (default if default in options else options[0])
    choice = st.selectbox(label, options, key=key, format_func=format_func)
    st.query_params[parameter] = str(choice)
    return choice


def url_toggle(label: str, key: str, parameter: str) -> bool:
    """A toggle kept in the URL as parameter=1 while it is on."""
    state = st.session_state
    if key not in state:
        state[key] = st.query_params.get(parameter) == "1"
    on = st.toggle(label, key=key)
    if on:
        st.query_params[parameter] = "1"
    elif parameter in st.query_params:
        del st.query_params[parameter]
    return on
