"""The code's layers: the pipeline never reaches up into the dashboard, and the dashboard uses only
Streamlit's public API, so that an upgrade cannot break it through an internal that moved."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from etl.paths import PROJECT_DIR

PUBLIC_STREAMLIT = ("streamlit", "streamlit.testing.v1")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PROJECT_DIR / "etl").glob("*.py")), ids=lambda path: path.name)
def test_the_pipeline_imports_nothing_from_the_dashboard(path):
    upward = {name for name in imported_modules(path) if name == "app" or name.startswith("app.")}
    assert not upward, f"{path.name} imports {sorted(upward)}: move what both need into etl/"


@pytest.mark.parametrize(
    "path",
    sorted([*(PROJECT_DIR / "app").glob("*.py"), *(PROJECT_DIR / "pages").glob("*.py"), PROJECT_DIR / "dashboard.py"]),
    ids=lambda path: path.name,
)
def test_the_dashboard_uses_only_streamlits_public_api(path):
    private = {name for name in imported_modules(path) if name.startswith("streamlit") and name not in PUBLIC_STREAMLIT}
    assert not private, (
        f"{path.name} imports Streamlit's internal {sorted(private)}; an upgrade may move or remove it without notice"
    )
