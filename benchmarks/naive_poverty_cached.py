"""The naive poverty page, with the whole table kept by st.cache_data (see benchmarks/naive.py)."""

import streamlit as st

from benchmarks.naive import poverty_page, whole_table

poverty_page(st.cache_data(whole_table))
