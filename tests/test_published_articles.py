"""Published articles found on the web: their text is never committed, their figures still are checked."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import run
from etl.read_inputs import read_inputs
from etl.validate import validate
from tests.corpus import ARTICLE, add_article, fact, web_source
from tests.helpers import table_contents


def problems_of(data_dir) -> list[str]:
    return [str(problem) for problem in validate(read_inputs(data_dir))]


def test_an_article_without_its_text_stands_on_its_address(data_dir, tmp_path):
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1)])
    assert problems_of(data_dir) == []
    database = tmp_path / "poverty.duckdb"
    run(data_dir, database, say=lambda _: None)
    with duckdb.connect(str(database), read_only=True) as connection:
        row = connection.execute(
            "SELECT quote, sentence, source_url FROM facts_labelled WHERE fact_id = 'web-a-01'"
        ).fetchone()
        texts = connection.execute("SELECT count(*) FROM reports WHERE source_id = 'web-a'").fetchone()[0]
    assert row == ("1,75%", None, "https://example.vn/web-a.html")
    assert texts == 0


def test_a_local_copy_checks_the_quotes_but_never_enters_the_database(data_dir, tmp_path):
    add_article(data_dir, web_source("web-a"), [fact("web-a", 1)])
    without_copy = tmp_path / "without.duckdb"
    run(data_dir, without_copy, say=lambda _: None)

    (data_dir / "reports-local").mkdir()
    (data_dir / "reports-local" / "web-a.txt").write_text(ARTICLE, encoding="utf-8")
    with_copy = tmp_path / "with.duckdb"
    run(data_dir, with_copy, say=lambda _: None)
    assert table_contents(with_copy) == table_contents(without_copy)

    (data_dir / "reports-local" / "web-a.txt").write_text(ARTICLE.replace("1,75%", "1,57%"), encoding="utf-8")
    assert any(
        "field 'quote': '1,75%' is not in report web-a at offset" in problem for problem in problems_of(data_dir)
    )


@pytest.mark.parametrize(
    ("source_changes", "fact_changes", "field", "message"),
    [
        ({"url": ""}, {}, "url", "needs the web address it was published at"),
        ({"text_in_repository": "maybe"}, {}, "text_in_repository", "unknown text_in_repository value"),
        ({"language": "fr"}, {}, "language", "unknown language 'fr'"),
        ({}, {"quote": "Năm 2019, toàn tỉnh Long An có 1,75% hộ nghèo"}, "quote", "at most 40 characters"),
        ({}, {"quote": "1,57%"}, "value", "1.75 differs from 1.57"),
        ({}, {"quote": "tỷ lệ hộ nghèo"}, "quote", "cannot read one number"),
        ({"title": "von chinh sach sat canh cung ho ngheo"}, {}, "title", "has no Vietnamese diacritics"),
        ({"title": "long an poverty rate falls", "language": "en"}, {}, "title", "starts in lower case"),
        ({"publication_date": "", "note": "Undated page."}, {}, "published_not_before", "needs the best bound"),
        (
            {"publication_date": "", "published_not_before": "2021-03-01", "published_not_after": "2020-01-01"},
            {},
            "published_not_after",
            "is before published_not_before",
        ),
        ({"published_not_before": "2020-01-01"}, {}, "published_not_before", "needs no bound"),
    ],
)
def test_a_bad_article_row_is_named(data_dir, source_changes, fact_changes, field, message):
    add_article(data_dir, web_source("web-a", **source_changes), [fact("web-a", 1, **fact_changes)])
    problems = problems_of(data_dir)
    assert any(f"field '{field}'" in problem and message in problem for problem in problems), problems


def test_a_vietnamese_page_that_prints_numbers_the_english_way_keeps_its_language(data_dir):
    """A Vietnamese page printing "1.75%" is tagged Vietnamese, as printed, and its numbers read as it writes them."""
    point = fact("web-vi", 1, quote="1.75%", value="1.75")
    add_article(data_dir, web_source("web-vi", language="vi", number_style="en"), [point])
    assert problems_of(data_dir) == []
    add_article(data_dir, web_source("web-vi-2", language="vi"), [fact("web-vi-2", 1, quote="1.75%", value="1.75")])
    assert any("web-vi-2-01" in problem and "field 'quote'" in problem for problem in problems_of(data_dir))


def test_english_articles_are_read_the_english_way(data_dir):
    source = web_source("web-en", language="en")
    english = fact("web-en", 1, quote="1.75 percent", value="1.75")
    money = fact(
        "web-en", 2, quote="over VND 3,291 billion", value="3291000000000", unit="VND", qualifier="more_than"
    ) | {"metric": "credit_outstanding", "beneficiary_group": "poor"}
    add_article(data_dir, source, [english, money])
    assert problems_of(data_dir) == []


def test_country_and_region_figures_belong_to_no_province(data_dir):
    national = web_source("web-vn", province="")
    country = fact("web-vn", 1, province="", area="Cả nước", area_level="country")
    region = fact("web-vn", 2, province="", area="Đồng bằng sông Cửu Long", area_level="region")
    add_article(data_dir, national, [country, region])
    assert problems_of(data_dir) == []

    wrong = fact("web-vn", 3, province="Long An", area="Cả nước", area_level="country", period_end="2019-12-30")
    unknown_region = fact("web-vn", 4, province="", area="Miền Tây", area_level="region", period_end="2019-12-29")
    add_article(data_dir, web_source("web-vn2", province=""), [wrong | {"source_id": "web-vn2"}, unknown_region])
    problems = problems_of(data_dir)
    assert any("field 'province': a country-level figure belongs to no province" in p for p in problems), problems
    assert any("field 'area': unknown region name 'Miền Tây'" in p for p in problems), problems


def test_every_source_can_be_cited_with_its_title_as_published_and_a_date_or_its_bounds():
    from etl.paths import DATA_DIR
    from etl.validate import VIETNAMESE_LETTER
    from tests.helpers import read_csv

    for source in read_csv(DATA_DIR / "sources.csv"):
        assert source["title"] and source["publisher"], source["source_id"]
        if source["language"] == "vi":
            assert VIETNAMESE_LETTER.search(source["title"]), source["source_id"]
        assert not (source["title"][0].isascii() and source["title"][0].islower()), source["source_id"]
        assert source["publication_date"] or source["published_not_before"] or source["published_not_after"], source[
            "source_id"
        ]
