"""cobs's tables written to files and read back: :func:`read_table`, :func:`conform`.

A table that goes through a file comes back changed by the format. CSV keeps
no dtypes (an empty cell is read as NaN, also where ``sub`` is ``""``; a count
with a missing value becomes a float; the command line writes list columns as
``"a; b"``); Parquet gives lists back as NumPy arrays; JSON gives every number
as int or float. :func:`read_table` reads a table in any of the three formats,
as ``cobs parse``/``cobs measure`` (or ``DataFrame.to_csv``/``to_parquet``/
``to_json(orient="records")``) wrote it, and gives each known column its dtype
(:data:`cobs.columns.DTYPES`) and missing value (``pd.NA``).
:func:`conform` does the same to a table already in memory, such as one read
with ``pd.read_csv``: :func:`cobs.measure`, :func:`cobs.actions`,
:func:`cobs.citations` and :func:`cobs.corpus_summary` apply it to what they
are given, so they accept such a table too.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from cobs.columns import DTYPES, INT_LIST_COLUMNS, LIST_COLUMNS
from cobs.errors import invalid_value
from cobs.reference import ordinal_value

__all__ = ["DOCUMENT_KEYS", "conform", "document_order", "read_table", "ref_key", "symbol_key"]

DOCUMENT_KEYS = ("symbol", "para", "sub", "clause")
"""The columns that put a table's rows in document order (:func:`document_order`), those a table has."""

LIST_SEPARATOR = "; "
"""How the command line writes a list column to CSV ("19; 24(3)")."""

_FORMATS = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
_NA_TEXT = ["", "NA", "N/A", "NaN", "nan", "null", "None", "<NA>"]  # read as missing in columns cobs does not know


def read_table(
    path: str | os.PathLike[str], *, format: Literal["csv", "json", "parquet"] | None = None
) -> pd.DataFrame:
    """Read a table that cobs (or pandas) wrote to CSV, JSON or Parquet, with its dtypes restored.

    Parameters
    ----------
    path : str or path-like
        A file written by ``cobs parse``, ``cobs measure`` or ``DataFrame.to_csv``
        (``index=False``), ``to_parquet`` or ``to_json(orient="records")``.
    format : {"csv", "json", "parquet"}, optional
        The file's format; by default, from its name's ending (.csv, .json, .parquet or .pq).

    Returns
    -------
    pandas.DataFrame
        The table, each column that cobs documents (:data:`cobs.columns.DTYPES`)
        in its dtype: text as ``string`` with ``pd.NA`` for a missing value
        (``sub`` is ``""`` for a paragraph's own text), ``para`` an integer,
        ``kind`` and ``strength`` categoricals, list columns as lists. Other
        columns are read as pandas reads them.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the format is neither given nor known from the file name.

    Notes
    -----
    CSV holds text only, so a list column is written by the command line as its
    items joined with ``"; "`` and split again here (``DataFrame.to_csv`` writes
    a list as its Python form, ``"['19', '39']"``, which is read back exactly). This is exact for every
    list column but ``notes``, whose footnote texts may themselves contain
    ``"; "``: a note with one is read back as two items (its text is unchanged,
    which is all that :func:`cobs.measure` and :func:`cobs.citations` look at).
    Parquet keeps every value exactly and is the format to prefer.

    Examples
    --------
    >>> import cobs, tempfile, os
    >>> table = cobs.datasets.load_sample().paragraphs
    >>> path = os.path.join(tempfile.mkdtemp(), "seed.csv")
    >>> table.to_csv(path, index=False)
    >>> back = cobs.read_table(path)
    >>> int(back["heading"].isna().sum()), int(back["sub"].eq("").sum())  # missing headings; own texts
    (24, 69)
    >>> back.equals(table)
    True
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    kind = format or _FORMATS.get(path.suffix.lower())
    if kind not in ("csv", "json", "parquet"):
        raise ValueError(
            invalid_value("format", kind, ("csv", "json", "parquet", None))
            if format else f"{path}: cannot tell the format from the ending {path.suffix or '(none)'!r}; give format="
        )
    if kind == "parquet":
        table = pd.read_parquet(path)
    elif kind == "json":
        table = pd.read_json(path, orient="records", dtype=False)
    else:
        header = pd.read_csv(path, nrows=0).columns
        known = [c for c in header if c in DTYPES]
        table = pd.read_csv(
            path,
            dtype=dict.fromkeys(known, str),
            keep_default_na=False,
            na_values={c: ([""] if c in known else _NA_TEXT) for c in header},
        )
    return conform(table)


def as_table(value: object, function: str) -> pd.DataFrame:
    """The paragraph table of a :class:`cobs.Document`, a DataFrame as it is, or a TypeError saying what to pass.

    ``function`` names the caller in the message ("measure").
    """
    if isinstance(value, pd.DataFrame):
        return value
    from cobs.document import Document

    if isinstance(value, Document):
        return value.paragraphs
    hint = (f"read it first: cobs.{function}(cobs.read_document(path)) or cobs.{function}(cobs.read_corpus(folder))"
            if isinstance(value, (str, os.PathLike)) else
            "pass a paragraph table (Document.paragraphs, cobs.read_corpus(...)) or a cobs.Document")
    raise TypeError(invalid_value(f"{function}(table)", value, "a table of paragraphs or actions, or a cobs.Document",
                                  hint))


def conform(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each column cobs documents in its dtype and missing values as ``pd.NA``.

    What a CSV, JSON or Parquet round trip changes is undone: empty strings and
    NaN in text columns become ``pd.NA`` (but ``sub`` is ``""`` wherever ``para``
    is known), counts read as floats become integers again, ``"True"`` becomes
    True, list columns read as ``"a; b"`` strings or arrays become lists, and
    ``kind``/``strength`` become their categoricals. Columns already in their
    dtype are left as they are (not copied); columns cobs does not document
    are left alone.

    Parameters
    ----------
    table : pandas.DataFrame
        A paragraph, footnote, set-aside, action or citation table, or any table
        with some of their columns.

    Returns
    -------
    pandas.DataFrame
        A new table (the input is not modified).

    Raises
    ------
    ValueError
        If a column cannot hold its documented dtype (a ``para`` that is not a
        number); the message names the column.
    """
    changed: dict[str, pd.Series] = {}
    for column in table.columns:
        if column not in DTYPES:
            continue
        values = table[column]
        try:
            fixed = _conform_column(column, values, table)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"column {column!r} cannot be read as {DTYPES[column]}: {exc}") from None
        if fixed is not values:
            changed[column] = fixed
    return table.assign(**changed) if changed else table.copy(deep=False)


def _conform_column(column: str, values: pd.Series, table: pd.DataFrame) -> pd.Series:
    dtype = DTYPES[column]
    if column in LIST_COLUMNS:
        if values.map(lambda v: isinstance(v, list)).all() and (
                column not in INT_LIST_COLUMNS or values.map(lambda v: all(type(i) is int for i in v)).all()):
            return values
        lists = values.map(_as_list)
        if column in INT_LIST_COLUMNS:  # goals: "16; 10" from CSV, numpy integers from Parquet
            lists = lists.map(lambda items: [int(i) for i in items])
        return lists.astype(object)
    if column == "sub":  # "" for a paragraph's own text: a value that CSV cannot tell from a missing one
        own = values.isna() & table["para"].notna() if "para" in table.columns else pd.Series(False, values.index)
        if values.dtype == dtype and not own.any():
            return values
        return _as_string(values).mask(own, "")
    if isinstance(dtype, pd.StringDtype):
        if values.dtype == dtype and not (values == "").any():
            return values
        return _as_string(values).replace("", pd.NA)
    if isinstance(dtype, pd.CategoricalDtype):
        if values.dtype == dtype:
            return values
        text = _as_string(values).replace("", pd.NA).astype(object).where(lambda s: s.notna(), None)
        unknown = set(text.dropna()) - set(dtype.categories)
        if unknown:
            raise ValueError(f"values not among {list(dtype.categories)}: {sorted(unknown)[:5]}")
        return text.astype(dtype)
    if dtype in ("int64", "Int64"):
        if values.dtype == dtype:
            return values
        numbers = pd.to_numeric(_blank_to_na(values), errors="raise")
        if (numbers.dropna() % 1 != 0).any():
            raise ValueError("not whole numbers")
        numbers = numbers.astype("Int64")
        return numbers.astype("int64") if dtype == "int64" and numbers.notna().all() else numbers
    if dtype == "float64":
        return values if values.dtype == np.float64 else pd.to_numeric(_blank_to_na(values)).astype("float64")
    if dtype == "bool":
        if values.dtype == bool:
            return values
        mapped = _blank_to_na(values).map(_as_bool)
        return mapped.astype(bool) if mapped.notna().all() else mapped.astype("boolean")
    return values


def _blank_to_na(values: pd.Series) -> pd.Series:
    return values.replace("", np.nan) if values.dtype == object or isinstance(values.dtype, pd.StringDtype) else values


def _as_string(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None).astype(DTYPES["text"])


def _as_bool(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NA
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in ("true", "1"):
            return True
        if folded in ("false", "0"):
            return False
        raise ValueError(f"{value!r} is not True or False")
    return bool(value)


def _as_list(value: object) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):  # DataFrame.to_csv writes a list as its repr: "['19', '39']"
            try:
                items = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                items = None
            if isinstance(items, list) and all(isinstance(item, (str, int)) for item in items):
                return items
        return [part for part in value.split(LIST_SEPARATOR) if part.strip()] if text else []
    if isinstance(value, (np.ndarray, tuple)) or (isinstance(value, Iterable) and not isinstance(value, (bytes, dict))):
        return list(value)
    if value is None or pd.isna(value):
        return []
    raise TypeError(f"{value!r} is not a list")


def _sub_rank(sub: object) -> tuple[int, str]:
    """'' first, then a, b, ..., z, aa, ... (and 1, 2, ..., 10 for a UPR report's numbered recommendations)."""
    text = "" if sub is None or sub is pd.NA or (isinstance(sub, float) and np.isnan(sub)) else str(sub)
    return (len(text), text)


def symbol_key(symbol: object) -> tuple:
    """A sort key that puts UN symbols in their natural order: numbers compared as numbers.

    "UPR/7/KAZ" before "UPR/20/KAZ", "CRC/C/15/Add.9" before "CRC/C/15/Add.213"; a
    missing symbol first.

    Examples
    --------
    >>> sorted(["UPR/20/KAZ", "CRPD/C/AZE/CO/2-3", "UPR/7/KAZ", "CRPD/C/AZE/CO/1"], key=symbol_key)
    ['CRPD/C/AZE/CO/1', 'CRPD/C/AZE/CO/2-3', 'UPR/7/KAZ', 'UPR/20/KAZ']
    """
    if symbol is None or symbol is pd.NA or (isinstance(symbol, float) and np.isnan(symbol)):
        return ()
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", str(symbol)))


def document_order(table: pd.DataFrame) -> pd.DataFrame:
    """The table's rows in document order, whatever order they were given in.

    Rows are sorted by the :data:`DOCUMENT_KEYS` the table has: ``symbol`` (in
    its natural order, :func:`symbol_key`), ``para``, ``sub`` (the paragraph's own text first, then its items
    a, b, ..., z, aa, ...) and ``clause``; rows equal on all of them keep their
    order (a stable sort), and a missing ``para`` sorts last. A paragraph's
    items then follow its own text, as the functions that read a chapeau or the
    concern paragraph before a recommendation need: :func:`cobs.actions`,
    :func:`cobs.measure`, :func:`cobs.citations`, ``cobs.compare`` and
    ``cobs.topics`` apply it to what they are given, so that a table sorted or
    filtered by the user (``t.sort_values("year")``, ``t.sample(frac=1)``) gives
    the same results as the table :func:`cobs.read_corpus` returned.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table; one without a ``symbol`` or ``para`` column is returned as it is.

    Returns
    -------
    pandas.DataFrame
        The same rows (with their index) in document order: ``table`` itself when
        it is in that order already.

    Examples
    --------
    >>> t = pd.DataFrame({"symbol": ["B", "A", "A", "A"], "para": [1, 2, 2, 1], "sub": ["", "b", "", ""]})
    >>> document_order(t)
      symbol  para sub
    3      A     1
    2      A     2
    1      A     2   b
    0      B     1
    """
    if not isinstance(table, pd.DataFrame) or "symbol" not in table.columns or "para" not in table.columns:
        return table
    n = len(table)
    if n < 2:
        return table
    keys: list[np.ndarray] = []  # np.lexsort: the last key is the primary one
    if "clause" in table.columns:
        clause = pd.to_numeric(table["clause"], errors="coerce").to_numpy(dtype="float64", na_value=np.inf)
        keys.append(clause)
    if "sub" in table.columns:
        ranks = [_sub_rank(v) for v in table["sub"].tolist()]
        keys.append(pd.factorize(pd.Series(ranks, dtype=object), sort=True)[0])
    para = pd.to_numeric(table["para"], errors="coerce").to_numpy(dtype="float64", na_value=np.inf)
    keys.append(para)
    symbols = table["symbol"].tolist()
    distinct = sorted(set(symbols), key=symbol_key)
    rank = {symbol: k for k, symbol in enumerate(distinct)}
    keys.append(np.array([rank[v] for v in symbols], dtype=np.int64))
    order = np.lexsort(keys)
    if (order == np.arange(n)).all():
        return table
    return table.iloc[order]


_REF = re.compile(r"^(?P<symbol>.*?), para\. (?P<para>\d+)(?: \((?P<sub>[a-z]{1,2}|\d{1,3})\))?"
                  r"(?:, (?P<nth>[\w-]+) request)?$")


def ref_key(ref: object) -> tuple:
    """A sort key that puts references in document order: "..., para. 9" before "..., para. 10 (a)".

    A reference joined from several (" → ", as :func:`cobs.tally` writes an
    alignment's) sorts by its parts; one that cobs did not write sorts as text.

    Examples
    --------
    >>> sorted(["CRC/C/KAZ/CO/4, para. 10 (a)", "CRC/C/KAZ/CO/4, para. 9, second request",
    ...         "CRC/C/KAZ/CO/4, para. 9"], key=ref_key)
    ['CRC/C/KAZ/CO/4, para. 9', 'CRC/C/KAZ/CO/4, para. 9, second request', 'CRC/C/KAZ/CO/4, para. 10 (a)']
    """
    text = "" if ref is None or ref is pd.NA or (isinstance(ref, float) and np.isnan(ref)) else str(ref)
    return tuple(_one_ref_key(part) for part in text.split(" → "))


@functools.lru_cache(maxsize=1 << 16)
def _one_ref_key(ref: str) -> tuple:  # cached: a report sorts the same references in figure after figure
    m = _REF.match(ref)
    if m is None:
        return (symbol_key(ref), 0, (0, ""), 0)
    nth = m.group("nth")
    clause = (ordinal_value(nth) or 0) if nth else 1
    return (symbol_key(m.group("symbol")), int(m.group("para")), _sub_rank(m.group("sub")), clause)
