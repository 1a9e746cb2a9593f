"""Shared fixtures: a private copy of data/ so tests can break it freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.paths import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("*.duckdb", "*.wal", ".*"))
    return copy
