"""Time and peak memory of the filtered CSV export, each in a fresh process so peaks do not mix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from etl.paths import PROJECT_DIR

# Runs in the child process: measures the export the dashboard's button calls, or the naive one.
_CHILD = """
import json, os, sys, time
import logging; logging.disable(logging.WARNING)
os.environ["POVERTY_DB"] = sys.argv[1]
from app import exports, queries
from app.queries import Filters


def high_water_mib():
    # VmHWM belongs to this process's memory; getrusage's maxrss would carry the parent's over exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


queries.count(Filters())  # open the database before measuring
before = high_water_mib()
started = time.perf_counter()
if sys.argv[2] == "dashboard":
    data = exports.csv_download(Filters(), "vi")
else:
    import duckdb
    with duckdb.connect(sys.argv[1], read_only=True) as connection:
        table = connection.execute("SELECT * FROM facts_labelled").df()
    data = table.sort_values(["province", "metric", "fact_id"]).to_csv(index=False).encode("utf-8-sig")
seconds = time.perf_counter() - started
peak = high_water_mib()
print(json.dumps({"seconds": seconds, "peak_mib": peak, "added_mib": peak - before,
                  "rows": data.count(b"\\n") - 1, "size_mib": len(data) / 2**20}))
"""


def export_figures(database: Path, way: str = "dashboard") -> dict:
    """way: "dashboard" (DuckDB writes the CSV) or "naive" (the whole table through pandas)."""
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(database), way],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
