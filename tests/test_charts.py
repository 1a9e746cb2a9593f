"""Charts are valid Plotly figures (the chart layer skips Plotly's own check for speed) and say what they show."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from app import charts, labels, queries
from app.queries import Filters


@pytest.fixture(autouse=True)
def use_built_database(built_database, monkeypatch):
    monkeypatch.setenv("POVERTY_DB", str(built_database))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "metrics", [("poverty_rate", "near_poverty_rate"), ("bhyt_cards",), ("credit_disbursed", "credit_outstanding")]
)
def test_every_bar_chart_passes_plotlys_validation(metrics, language):
    rows = queries.chart_rows(Filters(metrics=metrics))
    figure = charts.bars(rows, language, "title", show_metric=len(metrics) > 1)
    validated = go.Figure(figure.to_dict())  # raises on any property Plotly does not know
    bars = sum(len(trace.y) for trace in validated.data)
    assert bars == len(rows)


def test_panels_are_split_by_level_do_not_overlap_and_keep_qualifiers():
    rows = queries.chart_rows(Filters(metrics=("bhyt_cards", "bhyt_cost")))
    figure = charts.bars(rows, "vi", "title").to_dict()
    titles = {annotation["text"] for annotation in figure["layout"]["annotations"]}
    assert titles == {labels.level_name(level, "vi").capitalize() for level in set(rows["area_level"])}
    domains = sorted(figure["layout"][name]["domain"] for name in figure["layout"] if name.startswith("yaxis"))
    assert len(domains) == len(titles) > 1
    assert all(lower[1] < upper[0] for lower, upper in zip(domains, domains[1:], strict=False))
    texts = [text for trace in figure["data"] for text in trace["text"]]
    assert "> 28.800" in texts  # "hơn 28.800 người" in Long An's report
