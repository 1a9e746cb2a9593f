"""The sidebar shared by every page: language, presentation mode and the filters, kept in the URL.

A copied link reopens the same view: each filter is written to st.query_params, and
read back from there when the page opens. Values in the URL that the data does not
know (a misspelt province, an SQL fragment) are ignored.
"""

from __future__ import annotations

import dataclasses
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
# The URL parameters this sidebar writes. A page's own choices (a ranking's year, a profile's province)
# keep their own parameters (coded_choice, coded_flag) and are left alone here.
SIDEBAR_PARAMETERS = ("lang", "present", *(parameter for parameter, _ in LIST_FILTERS.values()), "years", "figures")
TARGET_CHOICES = ("all", "actual", "target")
CONTROLS_PENDING = "sidebar_controls_pending"
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
    # The charts the page draws on this run, each as a function that makes its deck charts
    # (app/deck_charts.py): the PowerPoint deck is of exactly what is on screen.
    deck: list[Callable[[], list]] = dataclasses.field(default_factory=list, compare=False, hash=False, repr=False)


def language_and_mode() -> tuple[str, bool]:
    """The language and presentation mode before the sidebar is drawn (for the page menu)."""
    state, url = st.session_state, st.query_params
    language = state.get("language") or (url.get("lang") if url.get("lang") in labels.LANGUAGES else "vi")
    presenting = state.get("presenting", url.get("present") == "1")
    return language, bool(presenting)


def render() -> View:
    """The view the sidebar's controls describe, read from the session and the URL; the controls
    themselves are drawn by draw_controls() once the page is on screen."""
    options = queries.options()
    _start_from_url(_allowed_values(options), options)
    state = st.session_state
    language, presenting = state["language"], bool(state["presenting"])
    if presenting:
        st.html(PRESENTATION_CSS)
    filters = _chosen_filters()
    _write_url(language, presenting, filters, _year_bounds(options))
    state[CONTROLS_PENDING] = True
    return View(language, presenting, filters)


def draw_controls() -> None:
    """The language switch, presentation mode and filters, drawn after the page's content.

    Their values were read at the start of the run (render), from the state these widgets keep, so
    drawing them last changes nothing on the page; it lets the browser draw the page's first chart
    before it builds a dozen sidebar widgets, which otherwise delays that chart by about a second.
    """
    if not st.session_state.pop(CONTROLS_PENDING, False):
        return
    options = queries.options()
    language = st.sidebar.radio(
        labels.text("language", "vi") + " / Language",
        labels.LANGUAGES,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        key="language",
        horizontal=True,
    )
    if st.sidebar.toggle(labels.text("presentation", language), key="presenting"):
        return
    # In a popover: the browser builds its widgets only when it is opened, which keeps a page's first
    # chart about as quick to appear as on a page with nothing else (benchmarks/RESULTS.md). What the
    # filters hold is written under it.
    with st.sidebar.popover(labels.text("filters", language), icon=":material/filter_list:", width="stretch"):
        _filter_widgets(language, options, _allowed_values(options))
    st.sidebar.caption(filters_summary(_chosen_filters(), options, language))


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
    sidebar = st
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
    """The filters in force: the widgets' values (restored by _start_from_url when they were not on screen)."""
    state = st.session_state
    chosen = {key: state[key] for key in FILTER_KEYS}

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
    url = st.query_params
    for parameter in SIDEBAR_PARAMETERS:
        value = wanted.get(parameter)
        if value is None:
            if parameter in url:
                del url[parameter]
        elif url.get_all(parameter) != (value if isinstance(value, list) else [value]):
            url[parameter] = value


def coded_choice(
    widget: Callable[..., T | None],
    label: str,
    options: Sequence[T],
    parameter: str,
    format_func: Callable[[T], str],
    default: T | None = None,
    hidden: bool = False,
) -> T:
    """A page's choice among coded options (a metric, a view), kept in the URL as its code.

    Streamlit's own bind="query-params" writes the label shown, which changes with the language, so a
    link copied in Vietnamese would not reopen in English; here the URL holds the code, and a code the
    options lack is ignored. The widget's key is the parameter's name. A `hidden` choice (while
    presenting) keeps its value and its place in the URL without drawing the widget.
    """
    state, codes = st.session_state, {str(option): option for option in options}
    if state.get(parameter) not in options:
        state[parameter] = codes.get(st.query_params.get(parameter, ""), default if default in options else options[0])
    if hidden:
        return state[parameter]
    # Handed to the widget again on every run: a select box's browser side keeps the label it showed, so after
    # the language changes it would go on showing the old language's words for the same code.
    state[parameter] = state[parameter]
    chosen = widget(label, options, format_func=format_func, key=parameter)
    chosen = options[0] if chosen is None else chosen
    if st.query_params.get(parameter) != str(chosen):
        st.query_params[parameter] = str(chosen)
    return chosen


def coded_flag(label: str, parameter: str, hidden: bool = False) -> bool:
    """A page's on/off choice as a toggle, kept in the URL as `parameter=true` when on; see coded_choice."""
    state = st.session_state
    if not isinstance(state.get(parameter), bool):
        state[parameter] = st.query_params.get(parameter) == "true"
    if hidden:
        return state[parameter]
    chosen = st.toggle(label, key=parameter)
    if chosen and st.query_params.get(parameter) != "true":
        st.query_params[parameter] = "true"
    elif not chosen and parameter in st.query_params:
        del st.query_params[parameter]
    return chosen


def filters_summary(filters: Filters, options: dict[str, pd.DataFrame], language: str) -> str:
    """The filters in force in words: "Tỉnh: Long An · Năm: 2016–2024", or "all figures"."""
    metric_labels = options["metrics"].set_index("metric")[f"label_{language}"].to_dict()
    group_labels = options["groups"].set_index("beneficiary_group")[f"label_{language}"].to_dict()
    names = {
        "provinces": str,
        "categories": lambda value: labels.category_name(value, language),
        "metrics": lambda value: metric_labels.get(value, value),
        "levels": lambda value: labels.level_name(value, language),
        "groups": lambda value: group_labels.get(value, value),
    }
    parts = [
        f"{labels.text(field, language)}: {', '.join(names[field](value) for value in getattr(filters, field))}"
        for field in LIST_FILTERS
        if getattr(filters, field)
    ]
    if filters.year_from is not None and (filters.year_from, filters.year_to) != _year_bounds(options):
        parts.append(f"{labels.text('years', language)}: {filters.year_from}–{filters.year_to}")
    if filters.targets != "all":
        parts.append(labels.text(f"targets_{filters.targets}", language))
    return " · ".join(parts) or labels.text("no_filter", language)
