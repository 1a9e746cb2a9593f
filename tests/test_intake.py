"""`python -m etl extract` on a report in every form a user brings one: a web address, a PDF, a scanned PDF, a
Word file, an Excel workbook and plain text. Each proposes the figures its plain text gives, writes what the
report says of itself (FILE.source.json) and the text read (FILE.text.txt); every bad input exits non-zero
with one clear line and writes nothing. The reports are made up (tests/made.py)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from etl.extract import extract, reference
from etl.paths import DATA_DIR, PROJECT_DIR
from tests import made_documents as made
from tests.helpers import snapshot

needs_font = pytest.mark.skipif(made.FONT is None, reason="no TrueType font with Vietnamese letters")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


def run_etl(*arguments: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "etl", *arguments],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, **(environment or {})},
        timeout=300,
    )


def figures(rows: list[dict[str, str]]) -> set[tuple[Decimal, str]]:
    return {(Decimal(row["value"]).normalize(), row["unit"]) for row in rows}


def plain_figures() -> set[tuple[Decimal, str]]:
    """What the extractor proposes from the article's paragraphs as plain text: the yardstick of every form."""
    provinces, categories = reference(DATA_DIR)
    text = "\n".join(made.PARAGRAPHS)
    return figures(extract(text, "plain", "Long An", None, provinces, categories))


def read_proposals(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with made.serving(made.site_pages()) as address:
        yield address


LOCAL = {"POVERTY_ALLOW_LOCAL_FETCH": "1"}


def extracted(location: str, tmp_path: Path, environment: dict[str, str] | None = None) -> tuple[list, dict, str]:
    out = tmp_path / "proposed.csv"
    result = run_etl(
        "extract", location, "--out", str(out), "--trial", "--province", "Long An", environment=environment
    )
    assert result.returncode == 0, result.stderr
    details = json.loads(out.with_suffix(".source.json").read_text(encoding="utf-8"))
    return read_proposals(out), details, out.with_suffix(".text.txt").read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@needs_font
@pytest.mark.parametrize(
    ("name", "make", "form"),
    [
        ("bao-cao.docx", made.article_docx, "docx"),
        ("bao-cao.pdf", made.article_pdf, "pdf"),
    ],
)
def test_a_file_gives_the_figures_of_its_plain_text_and_its_table(tmp_path, name, make, form):
    rows, details, text = extracted(write(tmp_path, name, make()), tmp_path)
    found = figures(rows)
    expected = plain_figures()
    assert len(expected & found) >= 0.95 * len(expected), expected - found
    assert details["format"] == form and details["original_sha256"]
    assert made.PARAGRAPHS[2] in " ".join(text.split())
    # The table's cells are figures of the communes they name, each quote the cell as printed.
    by_area = {(row["area"], row["period_end"][:4], row["quote"]) for row in rows}
    assert ("Bình Lãng", "2023", "1,96") in {(area.replace("Xã ", ""), year, quote) for area, year, quote in by_area}
    assert not any(row["quote"] in {"2,10", "1,70"} for row in rows), "a total is no figure of a place"


def test_a_workbook_gives_one_figure_per_cell_of_its_table(tmp_path):
    rows, details, _ = extracted(write(tmp_path, "phu-luc.xlsx", made.article_workbook()), tmp_path)
    assert details["format"] == "xlsx"
    cells = {(row["quote"], row["period_end"][:4], row["unit"]) for row in rows}
    for quote, year in (("2,41", "2022"), ("1,96", "2023"), ("1,88", "2022"), ("1,52", "2023")):
        assert (quote, year, "percent") in cells, cells


@needs_font
@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr_and_says_so(tmp_path):
    rows, details, text = extracted(write(tmp_path, "ban-quet.pdf", made.scanned_article_pdf()), tmp_path)
    assert details["read_by_ocr"] is True and details["format"] == "pdf-scanned"
    found, expected = figures(rows), plain_figures()
    assert len(expected & found) >= 0.95 * len(expected), expected - found
    assert all("OCR" in row["note"] for row in rows)
    assert "hộ nghèo" in text


def test_a_web_page_gives_its_article_and_nothing_of_the_site_around_it(tmp_path, site):
    rows, details, text = extracted(f"{site}/tin/giam-ngheo-tan-tru.html", tmp_path, LOCAL)
    found, expected = figures(rows), plain_figures()
    assert len(expected & found) >= 0.95 * len(expected), expected - found
    for words in made.SURROUNDINGS.values():
        for line in words:
            assert line not in text
    assert details["format"] == "web" and details["publisher"] == "Báo Thử Nghiệm"
    assert details["publication_date"] == "2024-01-15"
    assert details["title"].startswith("Huyện Tân Trụ")


@needs_font
def test_a_pdf_served_at_an_address_is_read_as_a_pdf(tmp_path, site):
    _, details, _ = extracted(f"{site}/files/bao-cao.pdf", tmp_path, LOCAL)
    assert details["format"] == "pdf"


def bad_inputs(tmp_path: Path) -> dict[str, str]:
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 300_000_000)
    macro = tmp_path / "macro.xlsm"
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    return {
        "corrupt PDF": write(tmp_path, "hong.pdf", b"%PDF-1.7\n1 0 obj<<>>\n%%EOF garbage"),
        "zip bomb": str(bomb),
        "macro workbook": str(macro),
        "lying extension": write(tmp_path, "anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
        "too large": write(tmp_path, "lon.txt", b"a" * 50_000_000),
        "empty": write(tmp_path, "trong.txt", b""),
    }


@pytest.mark.parametrize("case", ["corrupt PDF", "zip bomb", "macro workbook", "lying extension", "too large", "empty"])
def test_a_bad_file_is_refused_with_one_line_and_nothing_is_written(tmp_path, case):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "reports-local", "backups", ".*"))
    before = snapshot(data)
    out = tmp_path / "proposed.csv"
    location = bad_inputs(tmp_path)[case]
    result = run_etl("extract", location, "--out", str(out), "--data-dir", str(data), "--province", "Long An")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert not out.exists() and not out.with_suffix(".source.json").exists()
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("path", "environment", "words"),
    [
        ("/nowhere.html", LOCAL, "404"),
        ("/menu-only.html", LOCAL, "article"),
        ("/tin/giam-ngheo-tan-tru.html", {}, "this machine"),
    ],
)
def test_an_address_that_cannot_be_read_is_refused_with_one_line(tmp_path, site, path, environment, words):
    out = tmp_path / "proposed.csv"
    result = run_etl("extract", f"{site}{path}", "--out", str(out), "--trial", environment=environment)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0].lower(), result.stderr
    assert not out.exists()


@needs_font
def test_a_report_added_with_its_original_keeps_the_file_and_both_hashes(tmp_path):
    import hashlib

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "reports-local", "backups", ".*"))
    original = write(tmp_path, "bao-cao.pdf", made.article_pdf())
    out = tmp_path / "proposed.csv"
    result = run_etl(
        "extract", original, "--out", str(out), "--data-dir", str(data), "--province", "Long An",
        "--source-id", "tantru-thu-nghiem",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [row for row in read_proposals(out) if row["metric"] and row["period_end"]][:3]
    for row in rows:
        row.pop("confidence")
    facts = tmp_path / "facts.csv"
    with facts.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    source = tmp_path / "source.csv"
    details = json.loads(out.with_suffix(".source.json").read_text(encoding="utf-8"))
    source_row = {
        "source_id": "tantru-thu-nghiem", "file": "", "title": details["title"], "publisher": "Phòng thử nghiệm",
        "author": "", "publication_date": "2024-01-15", "published_not_before": "", "published_not_after": "",
        "url": "", "province": "Long An", "language": "vi", "text_in_repository": "true", "note": "Test report.",
    }  # fmt: skip
    with source.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(source_row))
        writer.writeheader()
        writer.writerow(source_row)
    result = run_etl(
        "add", "--source", str(source), "--facts", str(facts), "--report", str(out.with_suffix(".text.txt")),
        "--original", original, "--data-dir", str(data), "--database", str(tmp_path / "db.duckdb"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    kept = data / "originals" / "tantru-thu-nghiem.pdf"
    assert kept.read_bytes() == Path(original).read_bytes()
    record = json.loads((data / "originals" / "tantru-thu-nghiem.json").read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    text = (data / "reports" / "tantru-thu-nghiem.txt").read_text(encoding="utf-8")
    assert record["text_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def province_table_score(rows: list[dict[str, str]]) -> float:
    """The annex's cells proposed with the right value, province, year and topic, over its cells."""
    provinces, categories = reference(DATA_DIR)
    right = 0
    for province, year, printed in made.province_cells():
        value = Decimal(printed.replace(",", "."))
        right += any(
            row["area"] == province
            and row["area_level"] == "province"
            and row["period_end"][:4] == str(year)
            and Decimal(row["value"]) == value
            and categories.get(row["metric"]) == "poverty"
            for row in rows
        )
    return right / len(made.province_cells())


@needs_font
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("phu-luc.docx", made.province_docx),
        ("phu-luc.xlsx", made.province_workbook),
        ("phu-luc.pdf", made.province_pdf),
    ],
)
def test_a_table_of_provinces_by_years_gives_its_cells_with_province_year_and_topic(name, make):
    from etl.document_figures import extract_document
    from etl.intake import read_upload

    provinces, categories = reference(DATA_DIR)
    document = read_upload(name, make()).document
    rows = extract_document(document, "phu-luc", None, None, provinces, categories)
    assert province_table_score(rows) >= 0.9
    assert not any(row["quote"] in {"1", "2", "3", "4", "5"} for row in rows), "a rank is no figure"
