"""Entry point: `streamlit run dashboard.py`."""

from __future__ import annotations

import streamlit as st

from app.database import ensure_database
from etl.paths import database_path

st.set_page_config(page_title="Giảm nghèo · 5 tỉnh", layout="wide")

problems = ensure_database(database_path())
if problems:
    st.error("The facts database could not be built. Fix these rows in data/ and reload:")
    st.code("\n".join(problems), language=None)
    st.stop()

st.title("Giảm nghèo: năm báo cáo cấp tỉnh")
st.write("The pages arrive with the next issue; the facts database is ready.")
