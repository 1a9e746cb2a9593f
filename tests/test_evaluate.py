"""Scoring the extractor: per report and in sum, on the proposals kept before review."""

from __future__ import annotations

from datetime import date

from etl import evaluate
from etl.__main__ import main
from etl.proposals import keep_proposal
from tests.corpus import add_article, fact, web_source


def proposed(number: int, **changes: str) -> dict[str, str]:
    return fact("web-a", number, **changes) | {"confidence": "0.8"}


def test_a_score_counts_values_then_fields_on_the_matched():
    reviewed = [
        fact("web-a", 1),
        fact("web-a", 2, quote="3.291", quote_offset="60", value="3291", unit="count", metric="credit_borrowers"),
        fact("web-a", 3, quote="12", quote_offset="90", value="12", unit="count", metric="credit_borrowers"),
    ]
    candidates = [
        proposed(1, province="", area="", period_start="2020-01-11", period_end="2020-01-11"),
        proposed(2, quote="3.291", quote_offset="60", value="3291", unit="count", metric=""),
        proposed(3, quote="2019", quote_offset="5", value="2019", unit="count"),  # not a figure
    ]
    result = evaluate.score(candidates, reviewed)
    assert (result.proposed, result.reviewed, result.matched) == (3, 3, 2)
    assert round(result.recall, 3) == 0.667 and round(result.precision, 3) == 0.667
    assert result.accuracy("metric") == 0.5  # the second was proposed without a metric
    assert result.accuracy("province") == 0.5 and result.accuracy("period") == 0.5
    assert result.accuracy("qualifier") == 1.0
    assert any("'12' not proposed" in miss for miss in result.misses)
    assert any("'2019' proposed, not kept" in miss for miss in result.misses)


def test_a_value_read_wrongly_is_a_miss_even_where_the_quotes_overlap():
    result = evaluate.score([proposed(1, value="175")], [fact("web-a", 1)])
    assert result.matched == 0 and "proposed as 175" in result.misses[0]


def test_kept_proposals_are_scored_in_the_order_kept_and_written_as_a_table(data_dir, tmp_path, capsys):
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1)])
    keep_proposal(data_dir, "web-a", [proposed(1)], date(2026, 11, 1))
    add_article(data_dir, web_source("web-b"), [fact("web-b", 1)])
    keep_proposal(data_dir, "web-b", [], date(2026, 11, 2))

    scores = evaluate.kept_scores(data_dir)
    assert [entry.source_id for entry, _ in scores][-2:] == ["web-a", "web-b"]
    assert scores[-2][1].recall == 1.0 and scores[-1][1].recall == 0.0

    out = tmp_path / "EXTRACTION.md"
    assert main(["evaluate", "--data-dir", str(data_dir), "--write", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    assert "| web-a | vi | 2026-11-01 |" in table and "| web-b | vi | 2026-11-02 |" in table
    assert "| the last 15 added |" in table and "| rules written from these | 5 |" in table
    printed = capsys.readouterr().out
    assert "value recall" in printed and "value precision" in printed


def test_rerun_scores_today_s_extractor_on_the_texts_that_are_here(data_dir):
    results = dict(evaluate.rerun_scores(data_dir, include_local=False))
    assert set(results) >= {"longan-2024", "haiduong-2023"}
    assert evaluate.total(results.values()).recall >= 0.95
