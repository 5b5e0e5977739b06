"""Loading the CSV tables shipped in ``cobs/data``."""

from __future__ import annotations

import csv
import functools
from importlib import resources

LIST_SEPARATOR = "|"
"""The separator of the items of a list in a field of every CSV file of ``cobs/data`` ("4|42|44", "ar|en")."""


def split_list(field: str) -> list[str]:
    """The items of a list field ("4|42|44" -> ["4", "42", "44"]; "" -> [])."""
    return [item for item in field.split(LIST_SEPARATOR) if item]


@functools.cache
def read_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the packaged CSV file ``cobs/data/<name>`` as dictionaries (read once)."""
    text = resources.files("cobs").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def normalise_name(name: str) -> str:
    """Fold a State or committee name for lookup: apostrophes, case, spacing, a leading 'the'."""
    folded = name.replace("’", "'").replace("\u00a0", " ").strip().casefold()
    folded = " ".join(folded.split())
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


@functools.cache
def code_index(name: str) -> dict[str, str]:
    """Code of each row of ``cobs/data/<name>`` by its code (case-folded), name and aliases (normalised).

    For the tables with ``code``, ``name`` and ``aliases`` columns (States, committees).
    """
    index: dict[str, str] = {}
    for row in read_rows(name):
        index[row["code"].casefold()] = row["code"]
        for alias in _names_of(row):
            index[normalise_name(alias)] = row["code"]
    return index


def names_longest_first(name: str) -> list[str]:
    """Every name and alias of the rows of ``cobs/data/<name>``, longest first (for a regex alternation)."""
    return sorted({alias for row in read_rows(name) for alias in _names_of(row)}, key=len, reverse=True)


def _names_of(row: dict[str, str]) -> list[str]:
    return [alias for alias in [row["name"], *split_list(row["aliases"])] if alias]
