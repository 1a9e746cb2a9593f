"""Add a report: paste or upload it, review the proposed figures in a table, save them into data/ and the
database; or withdraw a saved one. Only editors (app/editing.py) may change anything; everyone else is told why.
The review table, its checks and the page's messages are app/review_table.py's."""

from datetime import date

import streamlit as st

from app import editing, labels, page, queries
from app import review_table as review
from app.request_upload import show_request_upload
from etl import data_lock, intake
from etl.add_report import save_report, source_id_for, taken_source_ids
from etl.document_figures import extract_document
from etl.documents import DocumentError
from etl.extract import reference
from etl.paths import data_dir, database_path
from etl.periods import dateline
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


FORMS = ["pdf", "docx", "doc", "xlsx", "png", "jpg", "jpeg", "tif", "tiff", "txt"]
# What the last document said of itself fills the source form for the reviewer to confirm. Widgets keep their
# own state, so the values are set before they are drawn, on the run after the document was read.
for key, value in st.session_state.pop("document_details", {}).items():
    st.session_state[key] = value
# Streamlit words the uploader's own button and hint ("Upload", "200MB per file • PDF, DOCX …") in English
# whatever the page's language; the label above it is the page's.
uploaded = st.file_uploader(labels.text("upload", language), type=FORMS, key="report_upload")
address = st.text_input(labels.text("address_field", language), key="report_address")
pasted = st.text_area(labels.text("paste", language), height=160, key="report_paste")
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
kept_in_project = st.radio(
    labels.text("text_kept_where", language),
    [True, False],
    format_func=lambda kept: labels.text("kept_in_project" if kept else "kept_on_machine", language),
    key="source_text_in_repository",
)


def read_given() -> intake.Intake:
    """The report as given: an address, else the uploaded file, else the pasted text."""
    if address.strip():
        return intake.read_address(address.strip())
    if uploaded:
        return intake.read_upload(uploaded.name, uploaded.getvalue())
    return intake.pasted(decode_report(pasted.encode(), "text"))


if st.button(labels.text("propose", language), type="primary"):
    try:
        report = read_given()
    except ReportTextError as error:
        st.error(labels.text(f"report_{error.code}", language, **error.values))
        st.stop()
    except DocumentError as error:
        st.error(labels.text(f"document_{error.code}", language, **error.values))
        st.stop()
    document = report.document
    details = document.details
    report_title = title.strip() or details.title
    if not report_title:
        st.error(labels.text("need_text_and_title", language))
        st.stop()
    given = {"source_title": (title, details.title), "source_publisher": (publisher, details.publisher)}
    given["source_author"] = (author, details.author)
    filled: dict[str, object] = {key: found for key, (typed, found) in given.items() if found and not typed.strip()}
    # A date the document's metadata gives, else the dateline printed in its text ("09:40 | 05/11/2024").
    found_date = date.fromisoformat(details.publication_date) if details.publication_date else dateline(document.text)
    if not published and found_date:
        filled["source_published"] = found_date
    if not url.strip() and details.url:
        filled["source_url"] = details.url
    if details.format == "web":
        filled["source_text_in_repository"] = False  # a published page is not ours to redistribute
    # Not an id of a withdrawn report either: its kept proposal and report file stay behind it.
    source_id = source_id_for(report_title, taken_source_ids(data_dir()) | queries.source_ids())
    rows = extract_document(document, source_id, province, published or found_date, provinces, categories)
    table = review.review_frame(rows)
    st.session_state["document_details"] = filled
    st.session_state["new_report"] = {
        "text": document.text,
        "original": report.original if uploaded or address.strip() else None,  # pasted text is its own original
        "reading": {
            "form": details.format,
            "characters": len(document.text),
            "tables": len(document.tables),
            "ocr": document.ocr,
            "unreadable": list(document.unreadable_pages),
            "converted_from": document.converted_from,
        },
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
    st.rerun()  # so the source form shows what the document said of itself

if "new_report" in st.session_state:
    proposal = st.session_state["new_report"]
    if proposal["language"] != language:
        # The headers and choices are the language's, so the editor is a new one: it starts from what the
        # reviewer had made of the table, not from the proposal.
        table = review.normalized(proposal["edited"])
        proposal.update(table=table, generation=proposal["generation"] + 1, language=language)
    reading = proposal["reading"]
    form = labels.text(f"form_{reading['form']}", language)
    st.info(labels.text("read_from", language, form=form, characters=reading["characters"], tables=reading["tables"]))
    if reading["ocr"]:
        st.warning(labels.text("document_read_by_ocr", language))
    if reading["unreadable"]:
        pages = ", ".join(map(str, reading["unreadable"]))
        st.warning(labels.text("document_unreadable_pages", language, pages=pages))
    if reading["converted_from"]:
        st.warning(labels.text("report_read_from", language, encoding=reading["converted_from"]))
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
            "text_in_repository": "true" if kept_in_project else "false",
            "note": note.strip(),
        }
        problems: list[review.Message] = reviewed.problems
        saved = False
        if not problems and not reviewed.facts:
            st.error(labels.text("no_figures_ticked", language))
        elif not problems:
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
                    original=proposal["original"],
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
