"""The smallest Streamlit page with one Plotly chart: the yardstick for the first chart on a running server."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="One chart", layout="wide")
st.title("One chart")
st.plotly_chart(go.Figure(go.Scatter(x=[2020, 2021, 2022, 2023, 2024], y=[9.1, 7.8, 6.4, 5.2, 4.3], mode="lines")))
