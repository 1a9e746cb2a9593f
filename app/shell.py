"""The dashboard around every page: page set-up, the database check and the menu of pages."""

from __future__ import annotations

from contextvars import ContextVar

import duckdb
import streamlit as st

from app import labels, sidebar
from app.database import ensure_database, forget_checks
from etl.paths import database_path

# Each address is its file's name: Streamlit also knows pages/ by file name, and a first request
# for any other address, made before the menu below exists, would show "Page not found".
PAGES = (
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/poverty.py", "page_poverty", "poverty", ":material/trending_down:"),
    ("pages/health_insurance.py", "page_health_insurance", "health_insurance", ":material/health_and_safety:"),
    ("pages/credit.py", "page_credit", "credit", ":material/account_balance:"),
    ("pages/support.py", "page_support", "support", ":material/volunteer_activism:"),
    ("pages/profile.py", "page_profile", "profile", ":material/location_city:"),
    ("pages/coverage.py", "page_coverage", "coverage", ":material/grid_on:"),
    ("pages/explore.py", "page_explore", "explore", ":material/table_view:"),
    ("pages/sources.py", "page_sources", "sources", ":material/menu_book:"),
    ("pages/add_report.py", "page_add_report", "add_report", ":material/note_add:"),
)


# Set while this run goes through run(): a page started any other way knows it is running bare.
_INSIDE = ContextVar("inside_dashboard", default=False)


def inside() -> bool:
    """Whether this script run goes through run(), that is through the dashboard's set-up and menu."""
    return _INSIDE.get()


def run() -> None:
    """Set up the page, make sure the database can be read, and run the page the address names."""
    entered = _INSIDE.set(True)
    try:
        _run()
    finally:
        _INSIDE.reset(entered)


def _run() -> None:
    st.set_page_config(page_title="Giảm nghèo · 5 tỉnh", page_icon="📉", layout="wide")
    state = ensure_database(database_path())
    language, presenting = sidebar.language_and_mode()
    if state.moved_aside:
        st.warning(labels.text("database_unreadable", language, reason=state.reason, aside=str(state.moved_aside)))
    if state.problems:
        st.error(labels.text("database_error", language))
        st.code("\n".join(state.problems), language=None)
        st.stop()

    pages = [
        st.Page(path, title=labels.text(key, language), url_path=url, icon=icon, default=index == 0)
        for index, (path, key, url, icon) in enumerate(PAGES)
    ]
    # The default page lives at "/" and Streamlit does not serve it at its own address, so a link or bookmark to
    # /overview would open "Page not found": the same page, hidden from the menu, answers there. The default
    # keeps an address of its own that nothing links to, as Streamlit reserves one for it.
    path, key, url, icon = PAGES[0]
    pages[0] = st.Page(path, title=labels.text(key, language), url_path=f"{url}-home", icon=icon, default=True)
    pages.append(st.Page(path, title=labels.text(key, language), url_path=url, icon=icon, visibility="hidden"))
    navigation = st.navigation(pages, position="hidden" if presenting else "sidebar")
    # The browser tab names the page, so that several open pages can be told apart at a meeting.
    st.set_page_config(page_title=f"{navigation.title} · {labels.text('app_short', language)}")
    try:
        navigation.run()
    except duckdb.Error as error:
        # The file changed under a query in a way DuckDB cannot read (replaced by hand, say):
        # say so plainly; the next rerun checks the file again and rebuilds it if need be.
        forget_checks()
        st.error(labels.text("database_read_error", language, reason=str(error).splitlines()[0]))
    finally:
        # Also when a page stops early (st.stop), so that the filters never vanish from the sidebar.
        sidebar.draw_controls()
