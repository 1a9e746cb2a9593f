"""Entry point: `streamlit run dashboard.py`. Builds a missing database, then runs the chosen page."""

from app import shell

shell.run()
