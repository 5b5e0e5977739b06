"""The registry of known concluding observations: ``cobs/data/registry.csv``.

One row per CO that the project knows of, with what is known of it and where
each fact comes from. It is what :func:`cobs.fetch_chain` walks, and the index
a researcher filters to choose documents.

.. list-table::
   :header-rows: 1

   * - column
     - meaning
   * - ``symbol``
     - UN symbol of the CO ("CRC/C/KAZ/CO/4"; the pre-2006 form "CRC/C/15/Add.213")
   * - ``committee``, ``state``, ``cycle``
     - committee code, State code (ISO 3166-1 alpha-3; "EU") and reporting cycle(s)
       ("4", "2-3"), from the symbol (:func:`cobs.parse_symbol`)
   * - ``date_adopted``
     - date of adoption (``datetime64``), only when a document states it: paragraph 1
       of the CO ("adopted ... at its 716th meeting, held on 21 March 2024") or
       another document citing it ("its concluding observations of 29 September
       2006"); empty (NaT) otherwise, and when a CO contradicts itself (a date outside
       the session its own note names)
   * - ``year``
     - year of adoption (``Int64``): the date's, else the session's (from the CO's
       note), else a document's that gives the year alone; empty when unknown
   * - ``languages``
     - list of the ISO 639-1 codes of the language versions a document at hand
       shows to exist: the version read, the original its masthead names
       ("Original: English") and the versions it lists ("Spanish, English and
       Russian only"); empty when no version was read. Not a list of every
       version the UN issued.
   * - ``source``
     - where the row's facts come from: the file read (paths from the project root)
       and how, or the document that cites the CO, with the words quoted

The CSV is rebuilt from the documents by ``python scripts/build_registry.py``
in a source checkout (it reads ``../shared/data``); the package only reads it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cobs.errors import invalid_value
from cobs.reference import committee_code, parse_symbol, state_code

__all__ = ["REGISTRY_COLUMNS", "REGISTRY_PATH", "chain_symbols", "registry"]

REGISTRY_COLUMNS = ("symbol", "committee", "state", "cycle", "date_adopted", "year", "languages", "source")
"""The registry's columns, in order (see the module documentation)."""

REGISTRY_PATH = Path(__file__).resolve().parents[1] / "data" / "registry.csv"
"""The committed registry, ``cobs/data/registry.csv``: package data, so an installed cobs has it too."""


def registry(*, state: str | None = None, committee: str | None = None) -> pd.DataFrame:
    """The concluding observations known to cobs, one row per CO.

    Parameters
    ----------
    state : str, optional
        Keep the COs on this State: a UN name ("Kazakhstan", "Türkiye") or a code ("KAZ").
    committee : str, optional
        Keep the COs of this committee: a code ("CRC") or a name ("Committee on the
        Rights of the Child").

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REGISTRY_COLUMNS` (described in :mod:`cobs.registry`), ordered
        by State, committee, optional protocol and reporting cycle.

    Raises
    ------
    ValueError
        If the State or committee is not known; the message suggests close names.
    TypeError
        If ``state`` or ``committee`` is not a string.
    FileNotFoundError
        If ``cobs/data/registry.csv`` is missing (a damaged install).

    Examples
    --------
    >>> kaz = registry(state="Kazakhstan", committee="CRC")
    >>> kaz["symbol"].tolist()
    ['CRC/C/15/Add.213', 'CRC/C/KAZ/CO/3', 'CRC/C/KAZ/CO/4', 'CRC/C/OPAC/KAZ/CO/1', 'CRC/C/OPSC/KAZ/CO/1']
    >>> co4 = kaz.set_index("symbol").loc["CRC/C/KAZ/CO/4"]
    >>> co4["date_adopted"].date(), int(co4["year"]), co4["languages"]
    (datetime.date(2015, 10, 2), 2015, ['en'])
    """
    for name, value in (("state", state), ("committee", committee)):
        if value is not None and not isinstance(value, str):
            raise TypeError(invalid_value(name, value, "a str or None"))
    table = _read(REGISTRY_PATH)
    if state is not None:
        table = table[table["state"] == state_code(state)]
    if committee is not None:
        table = table[table["committee"] == committee_code(committee)]
    return table.reset_index(drop=True)


def chain_symbols(table: pd.DataFrame, *, protocol: str | None = None) -> list[str]:
    """The symbols of a registry table that form one chain (one treaty or protocol), oldest first."""
    chosen = [(parse_symbol(s), s) for s in table["symbol"] if parse_symbol(s).protocol == protocol]
    chosen.sort(key=lambda item: (item[0].cycles or (0,), item[1]))
    return [symbol for _, symbol in chosen]


def _read(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: the registry of COs is missing; it ships with the cobs source tree "
            "(rebuild it with `python scripts/build_registry.py`)"
        )
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in REGISTRY_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: the registry lacks the column(s) {', '.join(missing)}")
    table = raw[list(REGISTRY_COLUMNS)].copy()
    table["date_adopted"] = pd.to_datetime(table["date_adopted"].replace("", None), format="%Y-%m-%d")
    table["year"] = pd.array([int(y) if y else None for y in table["year"]], dtype="Int64")
    table["languages"] = [[code for code in text.split("|") if code] for text in table["languages"]]
    return table
