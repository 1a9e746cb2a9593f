"""Add a report: paste or upload it, review the proposed figures in a table, save them into data/ and the
database; or withdraw a saved one. Only editors (app/editing.py) may change anything; everyone else is told why.
The review table, its checks and the page's messages are app/review_table.py's."""

from datetime import date

import streamlit as st

from app import editing, labels, page, queries
from app import review_table as review
from app.request_upload import show_request_upload
from etl import data_lock
from etl.add_report import save_report, source_id_for, taken_source_ids
from etl.extract import extract, reference
from etl.paths import data_dir, database_path
from etl.report_text import ReportTextError, decode_report
from etl.withdraw_report import withdraw_report

view = page.start()
language = view.language
st.title(labels.text("page_add_report", language))
if not page.editing_allowed(view):
    st.stop()
st.caption(labels.text("add_intro", language))
provinces, categories = reference(data_dir())
options = review.choices(data_dir(), language)


def say_problems(messages: list[review.Message]) -> None:
    """Nothing was written, and what to correct, each line naming the row and column (or the form's field)."""
    lines = "\n".join(f"- {page.plain(review.message_text(message, language, options))}" for message in messages)
    st.error(f"{labels.text('fix_these', language)}\n\n{lines}")


# Streamlit words the uploader's own button and hint ("Upload", "1MB per file • TXT") in English
# whatever the page's language; the label above it is the page's.
uploaded = st.file_uploader(labels.text("upload", language), type=["txt"], key="report_upload")
pasted = st.text_area(labels.text("paste", language), height=200, key="report_paste")
left, right = st.columns(2)
title = left.text_input(labels.text("source_title", language), key="source_title")
publisher = right.text_input(labels.text("publisher", language), key="source_publisher")
author = left.text_input(labels.text("author", language), key="source_author")
published = right.date_input(
    labels.text("published", language), value=None, key="source_published", format="DD/MM/YYYY"
)
not_before = right.date_input(
    labels.text("published_not_before_field", language), value=None, key="source_not_before", format="DD/MM/YYYY"
)
url = left.text_input(labels.text("url", language), key="source_url")
province = right.selectbox(labels.text("province", language), sorted(provinces), key="source_province")
note = st.text_input(labels.text("note", language), key="source_note")

if st.button(labels.text("propose", language), type="primary"):
    try:
        text = decode_report(uploaded.getvalue(), uploaded.name) if uploaded else decode_report(pasted.encode(), "text")
    except ReportTextError as error:
        st.error(labels.text(f"report_{error.code}", language, **error.values))
        st.stop()
    if not title.strip():
        st.error(labels.text("need_text_and_title", language))
        st.stop()
    # Not an id of a withdrawn report either: its kept proposal and report file stay behind it.
    source_id = source_id_for(title, taken_source_ids(data_dir()) | queries.source_ids())
    rows = extract(text, source_id, province, published, provinces, categories)
    table = review.review_frame(rows)
    st.session_state["new_report"] = {
        "text": text,
        "source_id": source_id,
        "province": province,
        "table": table,
        "edited": table,
        # The editor's key changes whenever the table handed to it is replaced, so edits made to an
        # earlier table are never applied to the new one.
        "generation": 0,
        "language": language,
        "notice": None,
        "proposal": rows,  # kept untouched beside the reviewed figures, to score the extractor
    }

if "new_report" in st.session_state:
    proposal = st.session_state["new_report"]
    if proposal["language"] != language:
        # The headers and choices are the language's, so the editor is a new one: it starts from what the
        # reviewer had made of the table, not from the proposal.
        table = review.normalized(proposal["edited"])
        proposal.update(table=table, generation=proposal["generation"] + 1, language=language)
    st.write(f"{len(proposal['proposal'])} {labels.text('proposed', language)}")
    with st.container(height=320, border=True):
        st.markdown(page.highlighted_text(proposal["text"], proposal["edited"]))
    missed, add_button = st.columns([4, 1], vertical_alignment="bottom")
    printed = missed.text_input(labels.text("missed_figure", language), key="missed_figure")
    add_missed = add_button.button(labels.text("add_missed", language))
    if proposal["notice"]:  # kept until the next figure is pasted: a line that went away would move the table
        code, values = proposal["notice"]
        (st.success if code == "missed_added" else st.warning)(review.missed_text(code, values, language))
    st.caption(labels.text("review_help", language))
    edited = st.data_editor(
        proposal["table"],
        key=f"review_table_{proposal['generation']}",
        height=review.table_height(len(proposal["table"])),
        num_rows="dynamic",
        column_order=review.COLUMNS,
        column_config=review.column_config(options, language),
        placeholder="",
    )
    proposal["edited"] = edited
    if add_missed:
        # Acted on once the editor has given this run's table, so that no edit made just before is lost.
        try:
            table, row = review.with_missed_figure(edited, proposal["text"], printed, proposal["province"])
        except review.MissedFigureError as error:
            proposal["notice"] = (error.code, error.values)
        else:
            added = {"row": row, "quote": table.loc[row, "quote"], "offset": str(table.loc[row, "quote_offset"])}
            proposal.update(
                table=table, edited=table, generation=proposal["generation"] + 1, notice=("missed_added", added)
            )
        st.rerun()
    if st.button(labels.text("save", language)):
        reviewed = review.reviewed_facts(edited, proposal["source_id"], proposal["text"])
        if reviewed.left_out:
            empty = ", ".join(review.row_name(row, language) for row in reviewed.left_out)
            st.info(labels.text("rows_left_out", language, rows=empty))
        source = {
            "source_id": proposal["source_id"],
            "title": title.strip(),
            "publisher": publisher.strip(),
            "author": author.strip(),
            "publication_date": published.isoformat() if isinstance(published, date) else "",
            "published_not_before": not_before.isoformat() if isinstance(not_before, date) else "",
            "url": url.strip(),
            "province": province,
            "language": "vi",
            "text_in_repository": "true",
            "note": note.strip(),
        }
        problems: list[review.Message] = reviewed.problems
        saved = False
        if not problems:
            try:
                found = save_report(
                    data_dir(),
                    database_path(),
                    proposal["text"],
                    source,
                    reviewed.facts,
                    proposal=proposal["proposal"],
                    who=editing.rights(data_dir()).who,
                    wait=data_lock.WAIT_SECONDS,  # read when saving, so that it can be set for the whole process
                )
            except data_lock.DataBusy as busy:
                st.error(labels.text("busy", language, seconds=busy.waited))
            else:
                problems = review.messages_of(found, reviewed.rows, proposal["source_id"])
                saved = not problems
        if problems:
            say_problems(problems)
        elif saved:
            queries.close_connections()
            del st.session_state["new_report"]
            st.success(f"{labels.text('saved', language)}: {source['source_id']} ({len(reviewed.facts)})")

show_request_upload(language)
st.header(labels.text("withdraw", language))
st.caption(labels.text("withdraw_intro", language))
withdrawn = st.selectbox(
    labels.text("withdraw_pick", language),
    sorted(queries.source_ids()),
    index=None,
    key="withdraw_source",
    placeholder=labels.text("withdraw_placeholder", language),
)
confirmed = st.checkbox(labels.text("withdraw_confirm", language), key="withdraw_confirmed")
if st.button(labels.text("withdraw_button", language), disabled=not (withdrawn and confirmed)):
    try:
        refused = withdraw_report(
            data_dir(), database_path(), withdrawn, editing.rights(data_dir()).who, wait=data_lock.WAIT_SECONDS
        )
    except data_lock.DataBusy as busy:
        st.error(labels.text("busy", language, seconds=busy.waited))
    else:
        if refused:
            # What withdrawing can meet is another writer's change to data/ (the report already gone): the
            # validator's own words, under the page's.
            say_problems([review.Message("", {"message": problem}, "report") for problem in refused])
        else:
            queries.close_connections()
            st.success(f"{labels.text('withdrawn', language)}: {withdrawn}")
