"""The UN human-rights treaty bodies and how documents name them."""

from __future__ import annotations

import functools
import re

import pandas as pd

from cobs.errors import invalid_value
from cobs.reference._tables import code_index, names_longest_first, normalise_name, read_rows

__all__ = ["committees_table", "committee_code", "committee_name"]


def committees_table() -> pd.DataFrame:
    """The treaty bodies: ``code``, ``name``, ``treaty`` and ``symbol_prefix``.

    Examples
    --------
    >>> committees_table().set_index("code").loc["CESCR", "symbol_prefix"]
    'E/C.12'
    """
    rows = read_rows("committees.csv")
    return pd.DataFrame([{k: r[k] for k in ("code", "name", "treaty", "symbol_prefix")} for r in rows])


def committee_code(name: str) -> str:
    """The short code of a committee ("Committee on the Rights of the Child" -> "CRC").

    Raises
    ------
    ValueError
        If the committee is not one of the nine treaty bodies.

    Examples
    --------
    >>> committee_code("Human Rights Committee")
    'CCPR'
    >>> committee_code("crpd")
    'CRPD'
    """
    key = normalise_name(name)
    table = code_index("committees.csv")
    if key not in table:
        known = ", ".join(r["code"] for r in read_rows("committees.csv"))
        raise ValueError(invalid_value("committee", name, f"a treaty body cobs knows ({known})"))
    return table[key]


def committee_name(code: str) -> str:
    """The full name of a committee given its code.

    Examples
    --------
    >>> committee_name("CAT")
    'Committee against Torture'
    """
    code = committee_code(code)
    return next(r["name"] for r in read_rows("committees.csv") if r["code"] == code)


def treaty_articles(code: str) -> int:
    """How many articles the committee's treaty has (CRPD: 50): a higher number is another text's article.

    Examples
    --------
    >>> treaty_articles("CRC")
    54
    """
    code = committee_code(code)
    return int(next(r["articles"] for r in read_rows("committees.csv") if r["code"] == code))


def symbol_prefix(code: str) -> str:
    """The prefix of the committee's document symbols ("CESCR" -> "E/C.12")."""
    code = committee_code(code)
    return next(r["symbol_prefix"] for r in read_rows("committees.csv") if r["code"] == code)


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    names = names_longest_first("committees.csv")
    return re.compile("|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names), re.IGNORECASE)


def find_committee(text: str) -> str | None:
    """The code of the first committee named in ``text``, or None."""
    match = _name_pattern().search(text)
    return committee_code(" ".join(match.group(0).split())) if match else None


COMMITTEE_LINE = re.compile(r"^(?:The\s+)?(?:Committee\b.*|Human Rights Committee)$")
"""A title line that names a committee (known or not)."""
