"""Shared fixtures: a private copy of data/ so tests can break it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.paths import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(
        DATA_DIR, copy, ignore=shutil.ignore_patterns("*.duckdb", "*.wal", ".*", "reports-local", "backups")
    )
    return copy


@pytest.fixture(scope="session")
def built_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The facts database built once from data/, for tests that read it."""
    from etl import build

    database = tmp_path_factory.mktemp("database") / "poverty.duckdb"
    build.run(DATA_DIR, database, say=lambda _: None)
    return database


@pytest.fixture
def dashboard(built_database: Path, monkeypatch: pytest.MonkeyPatch):
    """The dashboard as a user opens it, on the built database."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DB", str(built_database))
    return AppTest.from_file(str(DATA_DIR.parent / "dashboard.py"), default_timeout=60)


@pytest.fixture
def on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser runs on the machine that runs the dashboard, and no sign-in is set up: it may edit."""
    from app import editing

    monkeypatch.setattr(editing, "client_address", lambda: "127.0.0.1")
    monkeypatch.setattr(editing, "sign_in_configured", lambda: False)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright, offline; a clear failure under CI when it is missing."""
    import os

    from tests.chromium import CHROMIUM, CHROMIUM_FLAGS

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def database(data_dir: Path, tmp_path: Path) -> Path:
    """The database built from the test's copy of data/."""
    from etl.build import build_problems

    path = tmp_path / "poverty.duckdb"
    assert build_problems(data_dir, path, say=lambda _: None) == []
    return path


@pytest.fixture
def add_report_page(data_dir: Path, database: Path, monkeypatch: pytest.MonkeyPatch, on_this_machine: None):
    """The Add-a-report page, opened by a reviewer on this machine, over the test's copy of data/."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POVERTY_DATA", str(data_dir))
    monkeypatch.setenv("POVERTY_DB", str(database))
    app = AppTest.from_file(str(DATA_DIR.parent / "dashboard.py"), default_timeout=120).run()
    app.switch_page("pages/add_report.py").run()
    assert not app.exception
    return app
