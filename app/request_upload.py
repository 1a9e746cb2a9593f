"""The Add-a-report page's part for a filled data request (etl/request_workbook.py, etl/add_request.py): upload the
workbook, and either list its problems in the page's language, each naming the sheet, row and column, or save its
figures and say how many were saved and how many rows were left empty. The page calls it only for an editor."""

from __future__ import annotations

import streamlit as st

from app import editing, labels, page, queries
from etl import data_lock
from etl.add_report import Refusal
from etl.add_request import RequestProblem, load_request
from etl.paths import data_dir, database_path
from etl.validate import Problem


def show_request_upload(language: str) -> None:
    st.header(labels.text("request_upload_title", language))
    st.caption(labels.text("request_upload_intro", language))
    uploaded = st.file_uploader(labels.text("request_upload", language), type=["xlsx"], key="request_upload")
    if not st.button(labels.text("request_load", language), key="request_load", disabled=uploaded is None):
        return
    try:
        loaded = load_request(
            data_dir(),
            database_path(),
            uploaded.getvalue(),
            who=editing.rights(data_dir()).who,
            wait=data_lock.WAIT_SECONDS,  # read when saving, so that it can be set for the whole process
        )
    except data_lock.DataBusy as busy:
        st.error(labels.text("busy", language, seconds=busy.waited))
        return
    if loaded.problems:
        lines = "\n".join(f"- {page.plain(problem_text(problem, language))}" for problem in loaded.problems)
        st.error(f"{labels.text('fix_these', language)}\n\n{lines}")
        return
    queries.close_connections()
    st.success(
        labels.text(
            "request_saved",
            language,
            figures=loaded.figures,
            documents=len(loaded.source_ids),
            skipped=loaded.skipped,
        )
    )


def problem_text(problem: RequestProblem | Refusal | Problem, language: str) -> str:
    """One problem in the page's language: where in the workbook (sheet, row, column), then what is wrong."""
    if not isinstance(problem, RequestProblem):  # a refusal of the save itself, or a row of data/ saved before
        return labels.text("problem_other", language, message=str(problem))
    if problem.row and problem.column:
        where = labels.text(
            "request_where",
            language,
            sheet=problem.sheet,
            row=str(problem.row),
            cell=problem.cell,
            column=problem.column,
        )
    elif problem.row:
        where = labels.text("request_where_row", language, sheet=problem.sheet, row=str(problem.row))
    else:
        where = labels.text("request_where_file", language)
    key = f"request_problem_{problem.code}"
    what = None
    if key in labels.TEXT:
        what = labels.text(key, language, **problem.values)
    elif f"problem_{problem.values.get('check')}" in labels.TEXT:  # the build's check, worded as the review table
        try:
            what = labels.text(f"problem_{problem.values['check']}", language, **problem.values)
        except KeyError:  # the words name a value this check does not give
            what = None
    if what is None:
        what = labels.text("problem_other", language, message=problem.message)
    return f"{where}: {what}"
