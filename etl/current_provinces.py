"""The 34 provinces in force since 1 July 2025, from the package vietnam-provinces."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province


@cache
def current_provinces() -> dict[str, int]:
    """Name -> code of every current province or centrally-run city."""
    return {province.name: province.code.value for province in Province.iter_all()}
