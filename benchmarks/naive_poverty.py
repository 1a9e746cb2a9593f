"""The naive poverty page, reading the whole table on every rerun (see benchmarks/naive.py)."""

from benchmarks.naive import poverty_page, whole_table

poverty_page(whole_table)
