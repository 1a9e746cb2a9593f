"""Add a report: paste or upload it, review the proposed figures, save them into data/ and the database;
or withdraw a saved one. Only editors (app/editing.py) may change anything; everyone else is told why."""

from datetime import date

import pandas as pd
import streamlit as st

from app import editing, labels, page, queries
from etl.add_report import add_report, source_id_for
from etl.extract import extract, reference
from etl.parse_numbers import QUALIFIERS, UNITS
from etl.paths import data_dir, database_path
from etl.read_inputs import COLUMNS
from etl.report_text import ReportTextError, decode_report
from etl.validate import AREA_LEVELS
from etl.withdraw_report import withdraw_report

view = page.start()
language = view.language
st.title(labels.text("page_add_report", language))
if not page.editing_allowed(view):
    st.stop()
st.caption(labels.text("add_intro", language))
provinces, categories = reference(data_dir())

uploaded = st.file_uploader(labels.text("upload", language), type=["txt"], key="report_upload")
pasted = st.text_area(labels.text("paste", language), height=200, key="report_paste")
left, right = st.columns(2)
title = left.text_input(labels.text("source_title", language), key="source_title")
publisher = right.text_input(labels.text("publisher", language), key="source_publisher")
author = left.text_input(labels.text("author", language), key="source_author")
published = right.date_input(
    labels.text("published", language), value=None, key="source_published", format="DD/MM/YYYY"
)
url = left.text_input(labels.text("url", language), key="source_url")
province = right.selectbox(labels.text("province", language), sorted(provinces), key="source_province")
note = st.text_input(labels.text("note", language), key="source_note")

if st.button(labels.text("propose", language), type="primary"):
    try:
        text = decode_report(uploaded.getvalue(), uploaded.name) if uploaded else decode_report(pasted.encode(), "text")
    except ReportTextError as error:
        st.error(str(error))
        st.stop()
    if not title.strip():
        st.error(labels.text("need_text_and_title", language))
        st.stop()
    source_id = source_id_for(title, queries.source_ids())
    rows = extract(text, source_id, province, published, provinces, categories)
    candidates = pd.DataFrame(rows, columns=[*COLUMNS["facts"], "confidence"])
    candidates.insert(0, "accept", True)
    candidates["is_target"] = candidates["is_target"] == "true"
    candidates["confidence"] = candidates["confidence"].astype(float)
    st.session_state["new_report"] = {
        "text": text,
        "source_id": source_id,
        "candidates": candidates,
        "proposal": rows,  # kept untouched beside the reviewed figures, to score the extractor
    }

if "new_report" in st.session_state:
    proposal = st.session_state["new_report"]
    st.write(f"{len(proposal['candidates'])} {labels.text('proposed', language)}")
    with st.container(height=320, border=True):
        st.markdown(page.highlighted_text(proposal["text"], proposal["candidates"]))
    choices = {
        "metric": sorted(categories),
        "qualifier": list(QUALIFIERS),
        "unit": list(UNITS),
        "area_level": list(AREA_LEVELS),
        "beneficiary_group": queries.options()["groups"]["beneficiary_group"].tolist(),
    }
    edited = st.data_editor(
        proposal["candidates"],
        key="candidate_editor",
        hide_index=True,
        num_rows="dynamic",
        column_config={
            "accept": st.column_config.CheckboxColumn(labels.text("accept", language)),
            "is_target": st.column_config.CheckboxColumn("is_target"),
            "confidence": st.column_config.NumberColumn("confidence", disabled=True, format="%.2f"),
            **{
                column: st.column_config.SelectboxColumn(column, options=options) for column, options in choices.items()
            },
        },
    )
    if st.button(labels.text("save", language)):
        accepted = edited[edited["accept"]].drop(columns=["accept", "confidence"]).fillna("")
        accepted["is_target"] = accepted["is_target"].map({True: "true", False: "false"})
        source = {
            "source_id": proposal["source_id"],
            "title": title.strip(),
            "publisher": publisher.strip(),
            "author": author.strip(),
            "publication_date": published.isoformat() if isinstance(published, date) else "",
            "url": url.strip(),
            "province": province,
            "language": "vi",
            "text_in_repository": "true",
            "note": note.strip(),
        }
        problems = add_report(
            data_dir(),
            database_path(),
            proposal["text"],
            source,
            accepted.to_dict("records"),
            proposal=proposal["proposal"],
            who=editing.rights(data_dir()).who,
        )
        if problems:
            st.error(labels.text("fix_these", language))
            st.code("\n".join(problems), language=None)
        else:
            queries.close_connections()
            del st.session_state["new_report"]
            st.success(f"{labels.text('saved', language)}: {source['source_id']} ({len(accepted)})")

st.header(labels.text("withdraw", language))
st.caption(labels.text("withdraw_intro", language))
withdrawn = st.selectbox(
    labels.text("withdraw_pick", language), sorted(queries.source_ids()), index=None, key="withdraw_source"
)
confirmed = st.checkbox(labels.text("withdraw_confirm", language), key="withdraw_confirmed")
if st.button(labels.text("withdraw_button", language), disabled=not (withdrawn and confirmed)):
    problems = withdraw_report(data_dir(), database_path(), withdrawn, editing.rights(data_dir()).who)
    if problems:
        st.error(labels.text("fix_these", language))
        st.code("\n".join(problems), language=None)
    else:
        queries.close_connections()
        st.success(f"{labels.text('withdrawn', language)}: {withdrawn}")
