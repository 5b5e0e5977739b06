"""A State's chain of COs: every consecutive pair aligned, and each request followed from cycle to cycle."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from joblib import Parallel, delayed, effective_n_jobs

from cobs._checks import check_n_jobs
from cobs._workers import parallel_options
from cobs.compare._align import AlignOptions, Unit, link_units
from cobs.compare._input import measured
from cobs.compare._units import records, units
from cobs.errors import invalid_value

if TYPE_CHECKING:
    from cobs.document import Document

__all__ = ["chain", "threads"]


def _prepare(tables: list[pd.DataFrame], options: AlignOptions) -> dict[str, pd.DataFrame]:
    """The units of each document of a batch (measured in one call: much faster than one call per document)."""
    paragraphs = [t for t in tables if "clause" not in t.columns]
    acts = [t for t in tables if "clause" in t.columns]
    out: dict[str, pd.DataFrame] = {}
    measured_all = [measured(pd.concat(paragraphs, ignore_index=True))] if paragraphs else []
    measured_all += [measured(t) for t in acts]
    by_symbol = {str(t["symbol"].iloc[0]): t for t in paragraphs}
    for table in measured_all:
        for symbol, group in table.groupby("symbol", sort=False):
            out[str(symbol)] = units(group, by_symbol.get(str(symbol)), unit=options.unit, context=options.context)
    return out


def _order_key(table: pd.DataFrame) -> tuple[object, ...]:
    from cobs.reference import parse_symbol

    symbol = str(table["symbol"].iloc[0])
    year = table["year"].dropna()
    try:
        cycles = parse_symbol(symbol).cycles or (0,)
    except ValueError:
        cycles = (0,)
    return (int(year.iloc[0]) if len(year) else 0, cycles, symbol)


def _chain_key(table: pd.DataFrame) -> tuple[str, str, str]:
    from cobs.reference import parse_symbol

    symbol = str(table["symbol"].iloc[0])
    try:
        protocol = parse_symbol(symbol).protocol or ""
    except ValueError:
        protocol = ""
    return (str(table["committee"].iloc[0]), str(table["state"].iloc[0]), protocol)


def _documents(documents: object) -> list[list[object]]:
    """The chains to align: lists of documents (tables, Documents or paths), each oldest first."""
    from cobs.document import Document, read_document

    if isinstance(documents, pd.DataFrame):
        if "symbol" not in documents.columns:
            raise ValueError("documents lacks the column 'symbol'; pass a paragraph or action table "
                             "(cobs.read_corpus, cobs.measure) or a list of documents")
        tables = [group for _, group in documents.groupby("symbol", sort=True)]
    elif isinstance(documents, (str, os.PathLike, Document)) or not isinstance(documents, Sequence):
        raise TypeError(invalid_value("documents", documents, "a table of several documents or a list of "
                                      "documents (Document, path or table)"))
    else:
        tables = []
        for k, document in enumerate(documents):
            if isinstance(document, Document):
                tables.append(document.paragraphs)
            elif isinstance(document, (str, os.PathLike)):
                if not os.path.exists(document):
                    raise FileNotFoundError(f"documents[{k}]: no such file {os.fspath(document)!r}")
                tables.append(read_document(document).paragraphs)
            elif isinstance(document, pd.DataFrame):
                tables.append(document)
            else:
                raise TypeError(invalid_value(f"documents[{k}]", document, "a cobs.Document, a path or a table"))
    chains: dict[tuple[str, str, str], list[pd.DataFrame]] = {}
    for table in tables:
        if not len(table):
            continue
        for column in ("symbol", "committee", "state", "year"):
            if column not in table.columns:
                raise ValueError(f"documents lacks the column {column!r} of a paragraph or action table")
        chains.setdefault(_chain_key(table), []).append(table)
    return [sorted(found, key=_order_key) for _, found in sorted(chains.items())]


def chain(
    documents: pd.DataFrame | Sequence[Document | str | os.PathLike[str] | pd.DataFrame],
    *,
    n_jobs: int | None = None,
    unit: Unit | None = None,
    threshold: float | None = None,
    theme_bonus: float | None = None,
    threshold_many: float | None = None,
    threshold_repeated: float = 0.30,
    threshold_reuse: float | None = None,
    context: bool = True,
    citations: bool = True,
    instrument_bonus: float | None = None,
    best_share: float | None = None,
    synonyms: bool | None = None,
) -> pd.DataFrame:
    """Follow each request along a State's chain of COs: when it was first made, how often, how it moved.

    Every consecutive pair of a chain is aligned (:func:`align`); a request's
    **thread** is the earliest recommendation it descends from through ``repeated``
    or ``modified`` links, so that a request made in three cycles has one thread.

    Parameters
    ----------
    documents : DataFrame or list
        A table of several documents (:func:`cobs.read_corpus`, :func:`cobs.measure`),
        or a list of documents (Document, path or one document's table). Documents
        are grouped into chains by committee, State and optional protocol (a corpus of
        many States gives many chains) and ordered by year, then cycle. A chain of one
        document gives no row.
    n_jobs : int or None, default None
        Pairs aligned in parallel by :class:`joblib.Parallel` (None: one at a time,
        unless a ``joblib.parallel_config`` context says otherwise; -1: every core).
        Any joblib backend works, e.g. ``with joblib.parallel_config(backend="dask"):``
        on a Dask cluster.
    unit, threshold, theme_bonus, threshold_many, threshold_repeated, threshold_reuse, context, citations, \
instrument_bonus, best_share, synonyms
        As for :func:`align` (None: the default measured between two COs).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.CHAIN_COLUMNS`: ``committee``, ``state``, ``step``
        (1 for the first pair of the chain), the columns of :func:`align`, then
        ``thread`` (ref of the earliest recommendation the request descends from),
        ``first_symbol``, ``first_year`` and ``times`` (how many documents of the chain,
        up to the later one, made the request: 1 for a new one; for a dropped row, how
        many had made it), ``earlier_year`` and ``later_year``. :func:`threads` sums it
        up per request.

    Examples
    --------
    >>> import cobs.compare
    >>> steps = cobs.compare.chain(["corpus/CRPD_C_AZE_CO_1.pdf", "corpus/CRPD_C_AZE_CO_2-3.pdf"])
    >>> row = steps.query("later_para == 12").iloc[0]
    >>> print(row["thread"], "|", row["first_year"], "|", row["times"])
    CRPD/C/AZE/CO/1, para. 13 | 2014 | 2
    """
    align_options = AlignOptions(unit=unit, threshold=threshold, theme_bonus=theme_bonus,
                                 threshold_many=threshold_many, threshold_repeated=threshold_repeated,
                                 threshold_reuse=threshold_reuse, context=context, citations=citations,
                                 instrument_bonus=instrument_bonus, best_share=best_share,
                                 synonyms=synonyms).resolved("co")
    n_jobs = check_n_jobs(n_jobs)
    chains = [c for c in _documents(documents) if len(c) > 1]
    pairs = [(k, step, c[step - 1], c[step]) for k, c in enumerate(chains) for step in range(1, len(c))]
    documents_used = [t for c in chains for t in c]
    batches = max(1, min(len(documents_used), effective_n_jobs(n_jobs)))
    prepared: dict[str, pd.DataFrame] = {}
    parallel = Parallel(n_jobs=n_jobs, **parallel_options())  # loky's workers end with this process (cobs._workers)
    for found in parallel(delayed(_prepare)(documents_used[k::batches], align_options) for k in range(batches)):
        prepared.update(found)
    tables = [link_units(prepared[str(a["symbol"].iloc[0])], prepared[str(b["symbol"].iloc[0])], align_options)
              for _, _, a, b in pairs]
    from cobs.columns import CHAIN_COLUMNS

    out: list[pd.DataFrame] = []
    threads: dict[str, tuple[str, str, int, int]] = {}  # ref -> (thread, first symbol, first year, times)
    years = {str(t["symbol"].iloc[0]): _order_key(t)[0] for c in chains for t in c}
    for (_, step, earlier, later), links in zip(pairs, tables, strict=True):
        committee, state, _ = _chain_key(later)
        first_of = []
        for row in records(links):
            if row["status"] == "dropped":
                ref = str(row["earlier_ref"])
                first_of.append(threads.get(ref, (ref, row["earlier_symbol"], years[str(row["earlier_symbol"])], 1)))
                continue
            if row["status"] == "new":
                found = (str(row["later_ref"]), row["later_symbol"], years[str(row["later_symbol"])], 0)
            else:
                ref = str(row["earlier_ref"])
                found = threads.get(ref, (ref, row["earlier_symbol"], years[str(row["earlier_symbol"])], 1))
            mine = (found[0], found[1], found[2], found[3] + 1)
            first_of.append(mine)
            later_ref = str(row["later_ref"])
            known = threads.get(later_ref)
            if known is None or (-mine[3], mine[2]) < (-known[3], known[2]):  # the longest thread, then the oldest
                threads[later_ref] = mine
        table = links.copy()
        table.insert(0, "step", step)
        table.insert(0, "state", state)
        table.insert(0, "committee", committee)
        table["thread"] = pd.array([t[0] for t in first_of], dtype="string")
        table["first_symbol"] = pd.array([t[1] for t in first_of], dtype="string")
        table["first_year"] = pd.array([t[2] or None for t in first_of], dtype="Int64")
        table["times"] = pd.array([t[3] for t in first_of], dtype="int64")
        table["earlier_year"] = pd.array([years[str(earlier["symbol"].iloc[0])] or None] * len(table), dtype="Int64")
        table["later_year"] = pd.array([years[str(later["symbol"].iloc[0])] or None] * len(table), dtype="Int64")
        out.append(table[list(CHAIN_COLUMNS)])
    if not out:
        from cobs.compare._align import _table

        empty = _table([])
        for column, dtype in (("committee", "string"), ("state", "string"), ("step", "int64"), ("thread", "string"),
                              ("first_symbol", "string"), ("first_year", "Int64"), ("times", "int64"),
                              ("earlier_year", "Int64"), ("later_year", "Int64")):
            empty[column] = pd.Series(dtype=dtype)
        return empty[list(CHAIN_COLUMNS)]
    return pd.concat(out, ignore_index=True)


def threads(steps: pd.DataFrame) -> pd.DataFrame:
    """One row per request followed along a chain: where it was first and last made, how often, how it changed.

    Parameters
    ----------
    steps : pandas.DataFrame
        What :func:`chain` returned (columns :data:`cobs.columns.CHAIN_COLUMNS`), in any row order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.THREAD_COLUMNS`, one row per thread, in the order of the chains
        (committee, State) and of the thread's first paragraph: ``thread``, ``first_symbol``,
        ``first_year``, ``last_symbol`` and ``last_year`` (the last document that made the request),
        ``times`` (documents that made it), ``repeated`` and ``modified`` (links of each status along the
        thread), ``dropped`` (the document that no longer made it, or missing where the chain's last
        document still does), ``refs`` (the recommendations of the thread, oldest first).

    Examples
    --------
    >>> import cobs.compare
    >>> steps = cobs.compare.chain(["corpus/CRPD_C_AZE_CO_1.pdf", "corpus/CRPD_C_AZE_CO_2-3.pdf"])
    >>> row = cobs.compare.threads(steps).query("thread == 'CRPD/C/AZE/CO/1, para. 13'").iloc[0]
    >>> print(row["last_symbol"], row["times"], row["repeated"], row["dropped"])
    CRPD/C/AZE/CO/2-3 2 1 <NA>
    """
    from cobs._checks import check_table
    from cobs.columns import CHAIN_COLUMNS, THREAD_COLUMNS

    check_table(steps, list(CHAIN_COLUMNS), name="steps", what="a chain table (cobs.compare.chain)")
    out: dict[tuple[str, str, str], dict[str, object]] = {}
    ordered = steps.sort_values(["committee", "state", "step"], kind="stable")
    for row in records(ordered):
        key = (str(row["committee"]), str(row["state"]), str(row["thread"]))
        found = out.setdefault(key, {
            "committee": key[0], "state": key[1], "thread": key[2], "first_symbol": row["first_symbol"],
            "first_year": row["first_year"], "last_symbol": row["first_symbol"], "last_year": row["first_year"],
            "times": 1, "repeated": 0, "modified": 0, "dropped": None, "refs": [key[2]], "_step": 0})
        status = row["status"]
        if status == "dropped":
            if found["dropped"] is None and found["last_symbol"] == row["earlier_symbol"]:
                found["dropped"] = row["later_symbol"] if isinstance(row["later_symbol"], str) else _next_symbol(
                    steps, key, int(row["step"]))
            continue
        if status in ("repeated", "modified"):
            found[status] = int(found[status]) + 1  # type: ignore[call-overload]
        if row["later_ref"] not in found["refs"]:
            found["refs"].append(row["later_ref"])  # type: ignore[union-attr]
        if int(row["times"]) >= int(found["times"]):  # type: ignore[call-overload]
            found.update(times=int(row["times"]), last_symbol=row["later_symbol"], last_year=row["later_year"])
    rows = sorted(out.values(), key=lambda r: (r["committee"], r["state"], r["first_year"] or 0,
                                               str(r["first_symbol"]), _paragraph(str(r["thread"]))))
    table = pd.DataFrame([{k: v for k, v in row.items() if not k.startswith("_")} for row in rows],
                         columns=["committee", "state", *THREAD_COLUMNS])
    for column in ("first_year", "last_year"):
        table[column] = table[column].astype("Int64")
    for column in ("times", "repeated", "modified"):
        table[column] = table[column].astype("int64")
    for column in ("committee", "state", "thread", "first_symbol", "last_symbol", "dropped"):
        table[column] = table[column].astype("string")
    return table


def _paragraph(ref: str) -> tuple[int, str]:
    """(paragraph, rest) of a ref, for sorting: "CRPD/C/AZE/CO/1, para. 9" before "..., para. 13"."""
    found = re.search(r", para\. (\d+)(.*)$", ref)
    return (int(found.group(1)), found.group(2)) if found else (0, ref)


def _next_symbol(steps: pd.DataFrame, key: tuple[str, str, str], step: int) -> object:
    """The later document of a step of a chain."""
    mine = steps[(steps["committee"] == key[0]) & (steps["state"] == key[1]) & (steps["step"] == step)]
    later = mine["later_symbol"].dropna()
    return later.iloc[0] if len(later) else None
