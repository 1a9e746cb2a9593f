"""The benchmark's own code works (on a small database, without the browser); it is run by hand."""

from __future__ import annotations

from benchmarks.__main__ import BUDGETS, measure, report
from etl import synth


def test_the_benchmark_measures_every_page_and_writes_a_report(tmp_path):
    database = tmp_path / "small.duckdb"
    synth.run(3_000, database, seed=1)
    result = measure(3_000, database, browser=False)
    assert set(result["pages"]) == {
        "overview",
        "poverty",
        "health_insurance",
        "credit",
        "support",
        "explore",
        "sources",
    }
    assert all(times["cold"] > 0 and times["warm"] > 0 for times in result["pages"].values())
    assert result["export"]["rows"] == 3_000 and result["naive_export"]["rows"] == 3_000
    text = report([result])
    assert "| poverty |" in text and "naive" in text and "checked at 10^6" in text
    million = result | {"rows": 10**6}
    assert f"≤ {BUDGETS['cold_ms']} ms" in report([million])
