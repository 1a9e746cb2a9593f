"""The benchmark's own code works (on a small database, without the browser); it is run by hand."""

from __future__ import annotations

from benchmarks.__main__ import (
    BUDGETS,
    FIRST_CHART_HEADING,
    first_chart_budget_row,
    first_chart_section,
    measure,
    report,
    with_first_chart,
)
from benchmarks.browser import compared
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
        "profile",
        "coverage",
        "explore",
        "sources",
    }
    assert all(times["cold"] > 0 and times["warm"] > 0 for times in result["pages"].values())
    assert result["export"]["rows"] == 3_000 and result["naive_export"]["rows"] == 3_000
    text = report([result])
    assert "| poverty |" in text and "naive" in text and "checked at 10^6" in text
    million = result | {"rows": 10**6}
    assert f"≤ {BUDGETS['cold_ms']} ms" in report([million])
    # Each page at 10^6 against the shipped data: a page ten times slower misses the ratio budget.
    slower = million | {"pages": {page: {"cold": 0.1, "warm": 0.05} for page in result["pages"]}}
    shipped = {"rows": "shipped", "pages": {page: {"cold": 0.01, "warm": 0.005} for page in result["pages"]}}
    scaled = report([slower], shipped)
    assert "| coverage | 10 / 5 ms | 100 / 50 ms | 10.0× / 10.0× | **missed** |" in scaled
    even = slower | {"pages": {page: {"cold": 0.02, "warm": 0.01} for page in result["pages"]}}
    assert "| profile | 10 / 5 ms | 20 / 10 ms | 2.0× / 2.0× | met |" in report([even], shipped)
    running = report([million | {"first_chart_running": compared([3.0, 3.2], [2.0, 2.2])}])
    assert FIRST_CHART_HEADING in running and "| 1,000,000 figures | 3.10 s | 2.10 s | 1.48× | **missed** |" in running
    assert "| first chart on a running server, poverty ÷ minimal page (10^6 synthetic figures) | 1.48×" in running


def test_the_first_chart_comparison_is_reported_with_its_ratio_and_budget():
    comparison = compared([2.0, 9.0, 2.4, 2.2], [2.0, 1.0, 2.0, 3.0])
    assert comparison["poverty_median"] == 2.3 and comparison["minimal_median"] == 2.0
    assert round(comparison["ratio"], 2) == 1.15
    section = first_chart_section([("10,000 figures", comparison)])
    assert FIRST_CHART_HEADING in section and "| 10,000 figures | 2.30 s | 2.00 s | 1.15× | met |" in section
    assert "- 10,000 figures: 2.00 9.00 2.40 2.20 / 2.00 1.00 2.00 3.00" in section
    slower = compared([3.0], [2.0])
    assert first_chart_budget_row(slower, "built-in data")[1:] == ("1.50× (3.00 s / 2.00 s)", "≤ 1.15×", "**missed**")


def test_the_quick_first_chart_run_replaces_only_its_own_section_and_budget_row():
    results = "# Benchmark results\n\n## Page rerun\n\nkept\n\n## Budgets at 10^6 figures\n\n| what | m | b | |\n"
    results += (
        "| --- | --- | --- | --- |\n| slowest page rerun, cold | 80 ms | ≤ 100 ms | met |\n\n## Where the time goes\n"
    )
    first = with_first_chart(
        results,
        first_chart_section([("a", compared([3.0], [2.0]))]),
        first_chart_budget_row(compared([3.0], [2.0]), "a"),
    )
    assert first.index("## Page rerun") < first.index(FIRST_CHART_HEADING) < first.index("## Budgets")
    assert "| slowest page rerun, cold | 80 ms | ≤ 100 ms | met |\n| first chart on a running server" in first
    second = with_first_chart(
        first, first_chart_section([("b", compared([2.0], [2.0]))]), first_chart_budget_row(compared([2.0], [2.0]), "b")
    )
    assert second.count(FIRST_CHART_HEADING) == 1 and second.count("| first chart on a running server") == 1
    assert "| b | 2.00 s | 2.00 s | 1.00× | met |" in second and "| a |" not in second
    assert "kept" in second and second.endswith("## Where the time goes\n")
