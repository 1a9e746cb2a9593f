"""Adding sources and figures to a copy of data/ the way `python -m etl add` writes them, for tests."""

from __future__ import annotations

from pathlib import Path

from etl.read_inputs import COLUMNS
from tests.helpers import read_csv, write_csv

ARTICLE = "Năm 2019, toàn tỉnh Long An có 1,75% hộ nghèo. Dư nợ đạt hơn 3.291 tỷ đồng."


def web_source(source_id: str, **changes: str) -> dict[str, str]:
    """A published article: its text is not in the repository, only its address."""
    return {
        "source_id": source_id,
        "file": f"{source_id}.txt",
        "title": f"Bài báo {source_id}",
        "publisher": "Báo thử",
        "author": "",
        "publication_date": "2020-01-11",
        "published_not_before": "",
        "published_not_after": "",
        "url": f"https://example.vn/{source_id}.html",
        "province": "Long An",
        "language": "vi",
        "number_style": "",
        "text_in_repository": "false",
        "kind": "article",
        "note": "",
    } | changes


def fact(source_id: str, number: int, **changes: str) -> dict[str, str]:
    """A province-level poverty rate of Long An in 2019, read from ARTICLE."""
    return {
        "fact_id": f"{source_id}-{number:02d}",
        "source_id": source_id,
        "province": "Long An",
        "area": "Long An",
        "area_level": "province",
        "period_start": "2019-01-01",
        "period_end": "2019-12-31",
        "period_label": "năm 2019",
        "metric": "poverty_rate",
        "beneficiary_group": "all",
        "value": "1.75",
        "unit": "percent",
        "qualifier": "exact",
        "is_target": "false",
        "quote": "1,75%",
        "quote_offset": str(ARTICLE.index("1,75%")),
        "poverty_standard": "",
        "merged_province": "",
        "note": "",
    } | changes


def append_rows(data_dir: Path, table: str, rows: list[dict[str, str]]) -> None:
    existing = read_csv(data_dir / f"{table}.csv")
    write_csv(
        data_dir / f"{table}.csv", existing + [{column: row[column] for column in COLUMNS[table]} for row in rows]
    )


def classify_publisher(data_dir: Path, publisher: str, tier: str = "domestic_press") -> None:
    """The publisher in publishers.csv (the build refuses a report whose publisher is not there)."""
    if publisher not in {row["publisher"] for row in read_csv(data_dir / "publishers.csv")}:
        append_rows(data_dir, "publishers", [{"publisher": publisher, "tier": tier, "country": "VN"}])


def add_article(data_dir: Path, source: dict[str, str], facts: list[dict[str, str]], text: str | None = None) -> None:
    """The source and its figures; with `text`, a local copy of the article in data/reports-local."""
    append_rows(data_dir, "sources", [source])
    classify_publisher(data_dir, source["publisher"])
    append_rows(data_dir, "facts", facts)
    if text is not None:
        local = data_dir / "reports-local"
        local.mkdir(exist_ok=True)
        (local / source["file"]).write_text(text, encoding="utf-8")
