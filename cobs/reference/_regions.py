"""The UN regional group and the World Bank income group of each State, as of 1 July 2024.

``cobs/data/regions.csv`` gives, for every State of ``cobs/data/states.csv``:

* ``region``: its UN regional group (the five groups of Member States in which the
  General Assembly elects its bodies and the Human Rights Council its members:
  African, Asia-Pacific, Eastern European, Latin American and Caribbean, Western
  European and Others), as the UN Department for General Assembly and Conference
  Management lists them. Special situations have a note: Kiribati joined the
  Asia-Pacific Group in 2010; Türkiye takes part in both the Western European and
  Others Group and the Asia-Pacific Group and is counted in the former for
  elections; Israel is a member of the Western European and Others Group; the United
  States belongs to no group and is counted in the Western European and Others Group
  for elections; Cyprus is in the Asia-Pacific Group; the State of Palestine (an
  observer) is in the Asia-Pacific Group. The Holy See, the Cook Islands, Niue and
  the European Union (a party to the CRPD) are in none: their region is missing.
* ``income_group``: the World Bank's income group for its fiscal year 2025
  (classification of 1 July 2024, from 2023 GNI per capita, Atlas method): low,
  lower middle, upper middle or high income. Venezuela has not been classified
  since FY2022; the Holy See, the Cook Islands, Niue and the European Union are
  not classified: their income group is missing.

The file was written by hand (no download at run time); the regional groups are
checked against UPR Info's export in the tests (its ``sur_group`` for the 193 Member
States). The income groups were not checked against the World Bank's file (CLASS.xlsx
was not at hand, offline): only the number of States in each group matches FY2025's
totals. Check a State's group against the World Bank's list before citing a comparison
by income group.
"""

from __future__ import annotations

import functools

import pandas as pd

from cobs.errors import invalid_value
from cobs.reference._tables import read_rows

__all__ = ["AS_OF", "INCOME_GROUPS", "REGIONS", "income_group", "region", "regions_table"]

AS_OF = "2024-07-01"
"""The date the regional groups and income groups of ``cobs/data/regions.csv`` hold for."""

REGIONS = ("African Group", "Asia-Pacific Group", "Eastern European Group", "Latin American and Caribbean Group",
           "Western European and Others Group")
"""The UN regional groups, in the UN's order."""

INCOME_GROUPS = ("Low income", "Lower middle income", "Upper middle income", "High income")
"""The World Bank's income groups, lowest first."""


@functools.cache
def _rows() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_rows("regions.csv")}


def regions_table() -> pd.DataFrame:
    """Every State's ``code``, ``region``, ``income_group`` (NA where it has none) and ``note``.

    ``income_group`` is an ordered categorical (:data:`INCOME_GROUPS`, lowest first).

    Examples
    --------
    >>> t = regions_table().set_index("code")
    >>> t.loc["KAZ", ["region", "income_group"]].tolist()
    ['Asia-Pacific Group', 'Upper middle income']
    >>> int((t["region"] == "Eastern European Group").sum())
    23
    """
    rows = list(_rows().values())
    return pd.DataFrame({
        "code": pd.array([r["code"] for r in rows], dtype="string"),
        "region": pd.array([r["region"] or None for r in rows], dtype="string"),
        "income_group": pd.Categorical([r["income_group"] or None for r in rows], categories=list(INCOME_GROUPS),
                                       ordered=True),
        "note": pd.array([r["note"] or None for r in rows], dtype="string"),
    })


def _row(state: str) -> dict[str, str]:
    if not isinstance(state, str):
        raise TypeError(invalid_value("state", state, "a State code such as 'KAZ'"))
    row = _rows().get(state.upper() if state.upper() != "EU" else "EU")
    if row is None:
        raise ValueError(invalid_value("state", state, "the code of a State of cobs/data/states.csv ('KAZ')",
                                       "cobs.state_code(name) gives a State's code"))
    return row


def region(state: str) -> str | None:
    """The UN regional group of a State (its code), or None (the Holy See, the European Union, ...).

    Examples
    --------
    >>> region("KAZ"), region("TUR"), region("EU")
    ('Asia-Pacific Group', 'Western European and Others Group', None)
    """
    return _row(state)["region"] or None


def income_group(state: str) -> str | None:
    """The World Bank income group of a State (its code) on 1 July 2024 (FY2025), or None where it has none.

    Examples
    --------
    >>> income_group("KAZ"), income_group("RUS"), income_group("VEN")
    ('Upper middle income', 'High income', None)
    """
    return _row(state)["income_group"] or None
