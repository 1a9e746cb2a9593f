"""What every page does the same way: read the view, say when nothing matches, draw a chart, show provenance."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import compare_year, deck_charts, editing, exports, labels, queries, shell, sidebar
from app.charts import bars, chart_config
from app.queries import Filters
from app.series_chart import drawn_points, on_chart, series_lines
from app.sidebar import View
from app.tables import headed, visible_headers
from etl import audit
from etl.paths import data_dir

AUDIT_ACTIONS = (*audit.ACTIONS, "unreadable")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def plain(text: str) -> str:
    """Report text made inert for st.markdown: no links, emphasis, HTML or directives."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def start() -> View:
    """Draw the shared sidebar and return what it says: language, presentation mode, filters."""
    _through_dashboard()
    return sidebar.render()


def _through_dashboard() -> None:
    """Make sure this page runs inside the dashboard's set-up and menu (app/shell.py).

    Until some session has run dashboard.py, Streamlit treats pages/ as its first kind of
    multipage app: a first request for /credit runs pages/credit.py alone, without the
    database check, the wide layout or the menu, and keeps doing so for every session.
    Running the shell here instead runs this page inside it, in this same run (so a button
    press is not lost), and ends the bare run; st.navigation leaves that mode for good.
    shell.inside() tells the two apart with the dashboard's own flag, not Streamlit's internals.
    """
    if not shell.inside():
        shell.run()
        st.stop()


def heading(key: str, view: View) -> None:
    st.title(labels.text(key, view.language))
    if not view.presenting:
        st.caption(labels.text("comparability", view.language))


def has_rows(filters: Filters, view: View) -> bool:
    """False, after saying so plainly, when the filters match nothing."""
    if queries.count(filters) == 0:
        st.info(labels.text("empty", view.language))
        return False
    return True


def chart(figure: go.Figure, name: str, frame: pd.DataFrame, view: View) -> None:
    """Draw a chart; a selected bar opens the sentence it came from."""
    event = st.plotly_chart(
        figure,
        key=f"chart_{name}",
        on_select="rerun",
        selection_mode="points",
        config=chart_config(name, bare=view.presenting),
    )
    selected = [point.get("customdata", [None])[0] for point in (event.selection.points if event else [])]
    if selected:
        provenance(frame[frame["fact_id"].isin(selected)], view)


def provenance(rows: pd.DataFrame, view: View) -> None:
    """Each selected figure's sentence (or quote) and the report it is cited to: title, publisher and date."""
    details = queries.source_details(tuple(rows["fact_id"])).set_index("fact_id")
    for row in rows.drop_duplicates("fact_id").itertuples():
        with st.container(border=True):
            if isinstance(row.sentence, str):
                sentence = _highlighted(row.sentence, row.quote)
                st.markdown(f"**{plain(labels.text('sentence', view.language))}:** {sentence}")
            else:
                st.markdown(f"**{plain(labels.text('quote_short', view.language))}:** **{plain(row.quote)}**")
                st.caption(labels.text("text_not_kept", view.language))
            reading = details.loc[row.fact_id].to_dict() if row.fact_id in details.index else row._asdict()
            cited = labels.citation(reading, view.language)
            st.caption(f"{plain(labels.text('source', view.language))}: {plain(cited)}")
            if isinstance(row.source_url, str) and row.source_url.startswith(("http://", "https://")):
                st.link_button(labels.text("open_source", view.language), row.source_url)
            else:
                st.caption(
                    f"{plain(labels.text('address', view.language))}: {plain(labels.text('no_address', view.language))}"
                )


def english_note(title_key: str, note: str, language: str) -> None:
    """A reviewer's note, written in English for the reviewers: as it is on an English page; on a Vietnamese page
    a Vietnamese line says so, and the English stays one click away rather than in the reader's way."""
    if language == "en":
        st.caption(f"{plain(labels.text(title_key, language))}: {plain(note)}")
        return
    with st.expander(f"{labels.text(title_key, language)} — {labels.text('note_only_english', language)}"):
        st.caption(plain(note))


def _highlighted(sentence: str, quote: str) -> str:
    before, found, after = sentence.partition(quote)
    return plain(sentence) if not found else f"{plain(before)}**{plain(found)}**{plain(after)}"


# Pixels a character of table text takes, and the widest a column is made: a cell is shown whole, never cut to
# "giảm nghèo bền v…"; a longer one (a title, a quote) is shown whole on hover.
CHARACTER_WIDTH, WIDEST_COLUMN = 7, 520


def fitted_columns(table: pd.DataFrame, index_name: str | None = None) -> dict[str, object]:
    """column_config giving each text column of `table` (and its index, named `index_name`) the width of its
    longest cell or header, at most WIDEST_COLUMN pixels."""

    def width(texts: list[str], header: str) -> int:
        longest = max([len(header), *(len(text) for text in texts)])
        return min(WIDEST_COLUMN, CHARACTER_WIDTH * longest + 24)

    config: dict[str, object] = {}
    for column in table.columns:
        if pd.api.types.is_object_dtype(table[column]) or pd.api.types.is_string_dtype(table[column]):
            texts = [text for text in table[column] if isinstance(text, str)]
            config[str(column)] = st.column_config.TextColumn(str(column), width=width(texts, str(column)))
    if index_name is not None:
        texts = [str(name) for name in table.index]
        config["_index"] = st.column_config.TextColumn(index_name, width=width(texts, index_name))
    return config


def selectable_table(rows: pd.DataFrame, key: str, view: View, compact: bool = True) -> None:
    """Rows of queries.table_page as a table whose selected row opens the sentence of the report."""
    table = headed(rows, view.language)
    event = st.dataframe(
        table,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        column_order=visible_headers(view.language, compact),
        column_config=fitted_columns(table),
    )
    selected = event.selection.rows if event else []
    if selected:
        provenance(rows.iloc[selected], view)
    elif not view.presenting:
        st.caption(labels.text("select_hint", view.language))


def chosen_page(total: int, key: str, view: View, per_page: int = queries.PAGE_ROWS) -> int:
    """The page of a long list the analyst is on; a page picker appears only when there is more than one."""
    pages = max(1, -(-total // per_page))
    page = 1
    if pages > 1:
        page = int(st.number_input(labels.text("table_page", view.language), 1, pages, key=f"{key}_page"))
    first = (page - 1) * per_page + 1
    last = min(total, page * per_page)
    st.caption(labels.text("rows_range", view.language, first=first, last=last, total=total))
    return page


def metric_chart(filters: Filters, metrics: tuple[str, ...], title_key: str, name: str, view: View) -> None:
    """One bar chart of the given metrics, if the filters match any of their figures."""
    if not metrics:
        return
    chosen = filters.within(metrics=metrics)
    title = labels.text(title_key, view.language)
    figure, rows = _metric_figure(chosen, title, view.language, queries.database_version())
    if not rows.empty:
        chart(figure, name, rows, view)
        view.deck.append(partial(deck_charts.bar_charts, rows, view.language, title, rows["metric"].nunique() > 1))
        total = queries.point_count(chosen)
        if total > len(rows):
            st.caption(labels.text("chart_limited", view.language, shown=len(rows), total=total))
        chart_download(rows.assign(series_choice=1), name, view)


# A figure is built and validated once per filters, language and database version, and then
# handed out as it is (st.plotly_chart copies it without validating again): about ten
# milliseconds saved per chart on every rerun.
@st.cache_resource(show_spinner=False, max_entries=256)
def _metric_figure(
    filters: Filters, title: str, language: str, version: tuple[str, int]
) -> tuple[go.Figure | None, pd.DataFrame]:
    rows = queries.chart_rows(filters)
    if rows.empty:
        return None, rows
    return bars(rows, language, title, show_metric=rows["metric"].nunique() > 1), rows


def derived_chart(filters: Filters, numerator: str, denominator: str, title_key: str, name: str, view: View) -> None:
    """A chart of numerator / denominator where a report gives both, marked as derived."""
    title = labels.text(title_key, view.language)
    figure, ratios = _ratio_figure(filters, numerator, denominator, title, view.language, queries.database_version())
    if not ratios.empty:
        chart(figure, name, ratios, view)
        view.deck.append(partial(deck_charts.bar_charts, ratios, view.language, title))
        if len(ratios) == queries.MAX_BARS:
            st.caption(labels.text("chart_first", view.language, shown=len(ratios)))
        quotes = " · ".join(sorted(set(ratios["quote"]))[:10])
        st.caption(f"{labels.text('derived', view.language)}: {quotes}")
        chart_download(ratios.assign(series_choice=1), name, view)


@st.cache_resource(show_spinner=False, max_entries=256)
def _ratio_figure(
    filters: Filters, numerator: str, denominator: str, title: str, language: str, version: tuple[str, int]
) -> tuple[go.Figure | None, pd.DataFrame]:
    ratios = queries.derived_ratios(filters, numerator, denominator)
    return (None if ratios.empty else bars(ratios, language, title)), ratios


def figures_table(filters: Filters, title_key: str, key: str, view: View) -> None:
    """A paged table of the matching figures whose rows open their sentence."""
    st.subheader(labels.text(title_key, view.language))
    page = chosen_page(queries.count(filters), key, view)
    selectable_table(queries.table_page(filters, view.language, page), key, view)


def highlighted_text(text: str, candidates: pd.DataFrame) -> str:
    """The report as inert Markdown, each proposed figure in bold. The rows are a reviewer's: a row being
    typed may have no quote or position yet, and is left out until it has both."""
    figures = []
    for start, quote in zip(candidates["quote_offset"], candidates["quote"], strict=True):
        try:
            figures.append((int(start), quote))
        except (TypeError, ValueError):  # NA, or not a position
            continue
    pieces, position = [], 0
    for start, quote in sorted(figures, key=lambda figure: figure[0]):
        if not isinstance(quote, str) or not quote or start < position or text[start : start + len(quote)] != quote:
            continue
        pieces += [plain(text[position:start]), f"**{plain(quote)}**"]
        position = start + len(quote)
    pieces.append(plain(text[position:]))
    return "".join(pieces).replace("\n", "  \n")


SECTIONS = ("series", "ranking", "figures")


def opening(filters: Filters, metrics: tuple[str, ...]) -> tuple[str, str | None]:
    """The view and metric a topic page opens on: the first of `metrics` (its headline indicators come
    first) that has figures to compare, in the view that shows the most provinces — its lines over the
    years where some province has two years, else its ranking of the year with the most provinces; never
    an empty view while the topic has figures (else the page's every-figure view)."""
    with_lines = set(queries.series_metrics(filters, metrics))
    for metric in metrics:
        if metric in with_lines:
            return "series", metric
        if compare_year.ranking_years(filters, metric):
            return "ranking", metric
    return ("series", sorted(with_lines)[0]) if with_lines else ("figures", None)


def section(filters: Filters, series_metrics: tuple[str, ...], view: View) -> str:
    """Which view of a topic the analyst looks at: lines over the years, one year side by side, or every
    figure. One at a time, so that a page opens on one chart (kept in the URL as section=); the page opens
    on the view opening() picks."""
    default, _ = opening(filters, series_metrics)
    return sidebar.coded_choice(
        # Radio buttons rather than a segmented control: the browser already has them (the sidebar's
        # language switch), and a page opens measurably quicker without one more component to load.
        partial(st.radio, horizontal=True, label_visibility="collapsed"),
        labels.text("section", view.language),
        SECTIONS,
        "section",
        lambda name: labels.text(f"section_{name}", view.language),
        default=default,
        hidden=view.presenting,
    )


def topic_views(
    filters: Filters, series_metrics: tuple[str, ...], name: str, view: View, every_figure: Callable[[], None]
) -> None:
    """A topic page's three views, one at a time: its lines over the years, its ranking of one year, or
    `every_figure` (the page's own charts and table). `series_metrics` starts with the topic's headline
    indicators (queries.topic_metrics)."""
    chosen = section(filters, series_metrics, view)
    if chosen == "series":
        series_picker(filters, series_metrics, view)
    elif chosen == "ranking":
        ranking_view(filters, series_metrics, f"{name}_ranking", view)
    else:
        every_figure()
    deck_download(view, labels.text(f"page_{name}", view.language), name)


def series_picker(filters: Filters, metrics: tuple[str, ...], view: View) -> None:
    """The lines of one of `metrics` at a time (kept in the URL as series=), then the rule that picks each value."""
    available = queries.series_metrics(filters, metrics)
    if not available:
        st.info(labels.text("no_series", view.language))
        return
    metric = sidebar.coded_choice(
        partial(st.radio, horizontal=True),
        labels.text("metric", view.language),
        available,
        "series",
        lambda choice: _metric_label(choice, view.language),
        hidden=view.presenting,
    )
    series_chart(filters, metric, view)
    if not view.presenting:
        series_caption(metric, view)


def series_charts(filters: Filters, metrics: tuple[str, ...], view: View) -> None:
    """The yearly lines of each of `metrics` that has a series, then the rule that picks each value."""
    drawn = [metric for metric in queries.series_metrics(filters, metrics) if series_chart(filters, metric, view)]
    if drawn and not view.presenting:
        series_caption(drawn[0], view)


def series_caption(metric: str, view: View) -> None:
    """How a line chart picks its values; what it says of poverty standards and survey rates only where the
    metric is a poverty one, and the metric's exact definition where it is a headline indicator."""
    language = view.language
    poverty = queries.is_poverty_metric(metric)
    st.caption(labels.text("series_caption_poverty" if poverty else "series_caption", language))
    definition = queries.headline_definition(metric, language)
    if definition:
        st.caption(f"{plain(labels.text('definition', language))}: {plain(definition)}")


def series_chart(filters: Filters, metric: str, view: View) -> bool:
    """The yearly lines of one metric and their CSV; False when no province has a line."""
    title = queries.series_title(metric, view.language)
    figure, readings = _series_figure(filters, metric, title, view.language, queries.database_version())
    if figure is None:
        return False
    name = f"series_{metric}"
    chart(figure, name, drawn_points(readings), view)
    missing = missing_provinces(filters, readings)
    view.deck.append(
        partial(deck_charts.line_charts, readings, queries.poverty_standards(), view.language, title, missing)
    )
    if missing:  # a province without the indicator is named, never silently absent
        st.caption(labels.text("series_missing", view.language, provinces=", ".join(missing)))
    if readings["province"].nunique() >= queries.MAX_SERIES_PROVINCES:
        st.caption(labels.text("series_limited", view.language, shown=queries.MAX_SERIES_PROVINCES))
    chart_download(readings, name, view, lines=True)
    return True


def missing_provinces(filters: Filters, readings: pd.DataFrame) -> tuple[str, ...]:
    """The compared provinces that have no point on a chart of lines (before the merger)."""
    drawn = readings[on_chart(readings) & (readings["area_level"] == "province")]
    present = set(drawn.loc[~drawn["merged_province"].astype(bool), "province"])
    return tuple(province for province in queries.compared_provinces(filters) if province not in present)


# The figure and its readings are kept together and handed out as they are, like _metric_figure's:
# a rerun then neither copies the readings out of the data cache nor builds the chart again.
@st.cache_resource(show_spinner=False, max_entries=256)
def _series_figure(
    filters: Filters, metric: str, title: str, language: str, version: tuple[str, int]
) -> tuple[go.Figure | None, pd.DataFrame]:
    readings = queries.series(filters, metric)
    drawn = drawn_points(readings)
    if not (drawn["area_level"] == "province").any():
        return None, readings
    return series_lines(readings, queries.poverty_standards(), language, title), readings


def _metric_label(metric: str, language: str) -> str:
    return queries.metric_labels(language)[metric]


def download_name(name: str, language: str, extension: str) -> str:
    """A downloaded file's name: what it shows and its language, each once ("poverty-vi.pptx",
    "series-poverty-rate-en.csv")."""
    return f"{name.replace('_', '-')}-{language}.{extension}"


def chart_download(readings: pd.DataFrame, name: str, view: View, lines: bool = False) -> None:
    """The points a chart draws, and the readings it leaves out, as a CSV that Excel opens; for a chart of
    `lines` over the years, drawn are exactly the points its panels show."""
    if view.presenting:
        return
    make = exports.series_csv if lines else exports.chart_csv
    st.download_button(
        labels.text("download_chart_csv", view.language),
        data=lambda: make(readings, view.language),
        file_name=download_name(name, view.language, "csv"),
        mime="text/csv",
        key=f"download_{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def ranking_view(filters: Filters, metrics: tuple[str, ...], name: str, view: View) -> None:
    """One year, one metric: the provinces side by side on one axis, the country as a rule, gaps named; a
    province without the year shows its nearest reading within the indicator's window, marked (app/compare_year)."""
    language = view.language
    metrics = tuple(metric for metric in metrics if compare_year.ranking_years(filters, metric))
    if not metrics:
        return
    if not view.presenting:
        st.subheader(labels.text("ranking", language))
    columns = st.columns(2) if not view.presenting else [nullcontext()] * 2
    # In the URL (rank_metric=, rank_year=): a copied link reopens this ranking; a value the options lack is
    # dropped. While presenting, the chart's title says what is shown.
    with columns[0]:
        metric = sidebar.coded_choice(
            st.selectbox,
            labels.text("metric", language),
            metrics,
            "rank_metric",
            lambda choice: _metric_label(choice, language),
            hidden=view.presenting,
        )
    years = compare_year.ranking_years(filters, metric)
    with columns[1]:
        year = sidebar.coded_choice(
            st.selectbox,
            labels.text("year", language),
            sorted(years, reverse=True),
            "rank_year",
            str,
            default=years[0],
            hidden=view.presenting,
        )
    rows = compare_year.ranking(filters, metric, year)
    provinces = rows[rows["place_level"] == "province"]
    if len(provinces) > queries.MAX_BARS:  # largest first, so the ones dropped are those without a figure
        rows = pd.concat([provinces.head(queries.MAX_BARS), rows[rows["place_level"] != "province"]])
        st.caption(labels.text("chart_first", language, shown=queries.MAX_BARS))
    title = labels.text("ranking_title", language, metric=_metric_label(metric, language), year=str(year))
    chart(compare_year.figure(rows, year, language, title), name, rows.dropna(subset=["fact_id"]), view)
    if rows["value"].notna().any():
        view.deck.append(lambda: [compare_year.deck_chart(rows, year, language, title)])
    missing = rows[(rows["place_level"] == "province") & rows["value"].isna()]["place"].tolist()
    if missing:
        st.caption(labels.text("ranking_missing", language, year=str(year), provinces=", ".join(missing)))
    has_country = bool(((rows["place_level"] == "country") & rows["value"].notna()).any())
    note = compare_year.stand_in_note(rows, year, language)
    if note:
        st.caption(note + (" " + labels.text("dashed_country", language) if has_country else ""))
    else:
        st.caption(labels.text("ranking_caption" if has_country else "ranking_caption_no_country", language))
    if queries.is_poverty_metric(metric):  # said only where a poverty standard applies
        st.caption(labels.text("ranking_caption_standard", language))
    if not view.presenting:
        st.download_button(
            labels.text("download_chart_csv", language),
            data=lambda: compare_year.csv(rows, language),
            file_name=download_name(name, language, "csv"),
            mime="text/csv",
            key=f"download_{name}",
            on_click="ignore",
            icon=":material/download:",
        )


def standing_table(province: str, metrics: tuple[str, ...], view: View) -> pd.DataFrame:
    """Where a province stands among the compared provinces: for each metric, the latest year in which it and at
    least one other province have a figure, and its place from the highest value down among them."""
    language, rows = view.language, []
    for metric in metrics:
        own = set(queries.series_years(Filters(provinces=(province,)), metric, at_least=1))
        years = sorted(own & set(compare_year.ranking_years(Filters(), metric)), reverse=True)
        if not years:
            continue
        ranked = compare_year.ranking(Filters(), metric, years[0])
        ranked = ranked[(ranked["place_level"] == "province") & ranked["value"].notna()]
        if province not in set(ranked["place"]):
            continue
        position = list(ranked["place"]).index(province) + 1
        figure = ranked[ranked["place"] == province].iloc[0]
        rows.append(
            {
                labels.text("metric", language): _metric_label(metric, language),
                labels.text("year", language): str(years[0]),
                labels.text("figure", language): labels.value_texts(figure.to_frame().T, language)[0],
                labels.text("position", language): labels.text(
                    "position_of", language, position=position, of=len(ranked)
                ),
            }
        )
    return pd.DataFrame(rows)


def deck_series(filters: Filters, metrics: tuple[str, ...], view: View) -> None:
    """Put the yearly lines of each of `metrics` that has a series in the page's deck, without drawing
    them: they are made only if the deck is downloaded."""
    for metric in queries.series_metrics(filters, metrics):
        view.deck.append(
            partial(_deck_lines, filters, metric, view.language, queries.series_title(metric, view.language))
        )


def _deck_lines(filters: Filters, metric: str, language: str, title: str) -> list:
    readings = queries.series(filters, metric)
    missing = missing_provinces(filters, readings)
    return deck_charts.line_charts(readings, queries.poverty_standards(), language, title, missing)


def deck_download(view: View, topic: str, url_path: str) -> None:
    """The PowerPoint deck of the charts this page drew, or, when it drew none, why there is no deck."""
    if view.presenting:
        return
    if not view.deck:
        st.caption(labels.text("deck_empty", view.language))
        return
    makers, address = list(view.deck), view_address()
    st.download_button(
        labels.text("download_deck", view.language),
        data=lambda: exports.deck_file(makers, topic, view.filters, view.language, address),
        file_name=download_name(url_path, view.language, "pptx"),
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="download_deck",
        on_click="ignore",
        icon=":material/slideshow:",
        help=labels.text("deck_help", view.language),
    )


# The dashboard's address as its readers reach it (https://dashboard.example.org): a deck cites the view there.
PUBLIC_ADDRESS_VARIABLE = "POVERTY_PUBLIC_URL"


def view_address() -> str:
    """The address of what is on screen, query included, at the dashboard's public address."""
    query = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    return public_address(urlsplit(st.context.url or "").path, query)


def public_address(path: str, query: list[tuple[str, str]]) -> str:
    """`path` and `query` at the dashboard's public address ($POVERTY_PUBLIC_URL). Empty when none is
    configured, or when it names this machine: a deck handed round at a meeting never cites an address that
    only works on the presenter's computer."""
    public = os.environ.get(PUBLIC_ADDRESS_VARIABLE, "").strip().rstrip("/")
    host = urlsplit(public).hostname or ""
    if not public.startswith(("http://", "https://")) or host == "localhost" or editing.is_loopback(host):
        return ""
    return f"{public}{path}?{urlencode(query)}" if query else f"{public}{path}"


def editing_allowed(view: View) -> bool:
    """Say who may edit and whether this session may; offer sign-in where it is set up. False stops the
    editing page before any of its controls are drawn. Asked on every run, so a button's click is
    judged by the rights at the moment it is pressed."""
    rights = editing.rights(data_dir())
    language = view.language
    if rights.may_edit:
        st.success(labels.text(rights.reason, language, who=plain(rights.who)))
        if editing.sign_in_configured():
            st.button(labels.text("sign_out", language), on_click=st.logout)
        return True
    st.warning(labels.text(rights.reason, language, who=plain(rights.who)))
    if editing.sign_in_configured():
        if rights.reason == "editing_sign_in":
            st.button(labels.text("sign_in", language), on_click=st.login, type="primary")
        else:
            st.button(labels.text("sign_out", language), on_click=st.logout)
    return False


def history_table(entries: list[dict], view: View) -> pd.DataFrame:
    """The audit trail's entries as a table, newest first: when, who, what, which report, figures before and
    after. Shown through st.dataframe, so a name or address from a sign-in stays plain text."""
    language = view.language
    rows = [
        {
            labels.text("history_when", language): entry.get("when", ""),
            labels.text("history_who", language): str(entry.get("who", "")),
            labels.text("history_action", language): _action_words(entry.get("action"), language),
            labels.text("source", language): str(entry.get("source_id", "")),
            labels.text("history_before", language): len(entry.get("before") or []),
            labels.text("history_after", language): len(entry.get("after") or []),
        }
        for entry in reversed(entries)
    ]
    return pd.DataFrame(rows)


def changes_by_report(entries: list[dict], view: View) -> dict[str, list[str]]:
    """Each report's changes in the audit trail, in words: "2026-11-26T03:40:00+00:00 · report added · who"."""
    changes: dict[str, list[str]] = {}
    for entry in entries:
        words = _action_words(entry.get("action"), view.language)
        changes.setdefault(str(entry.get("source_id")), []).append(
            f"{labels.text('history', view.language)}: {entry.get('when', '')} · {words} · {entry.get('who', '')}"
        )
    return changes


def _action_words(action: object, language: str) -> str:
    return labels.text(action, language) if action in AUDIT_ACTIONS else str(action)
