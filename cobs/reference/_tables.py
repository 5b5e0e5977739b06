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
