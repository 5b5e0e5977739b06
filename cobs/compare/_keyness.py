"""Keyness: the words and phrases distinctive of a document or group against a reference.

As quanteda's ``textstat_keyness``: for each term a 2x2 table (the term, all other
terms; target, reference), Dunning's log-likelihood G2 and Pearson's chi-square with
their p-values (1 degree of freedom), the raw counts and rates beside them, and an
effect size: Hardie's Log Ratio, log2 of the ratio of the relative frequencies (a
count of 0 taken as 0.5, so that a term absent from one side has a finite ratio).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pandas as pd

from cobs._checks import check_flag, check_int, check_table
from cobs.errors import invalid_value

__all__ = ["keyness"]


def _rows(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose texts are counted: a paragraph table's recommendations, those that hold a text."""
    if "kind" in table.columns and "clause" not in table.columns and column == "text":
        table = table[table["kind"] == "recommendation"]
    return table[table[column].map(lambda t: isinstance(t, str)).astype(bool)]


def _cites(table: pd.DataFrame) -> list[str]:
    """Each row's reference: its ``ref``, or for a paragraph table "symbol, para. N (sub)" as cobs.measure cites."""
    if "ref" in table.columns:
        return table["ref"].astype(object).tolist()
    subs = table["sub"].fillna("").astype(str) if "sub" in table.columns else pd.Series("", index=table.index)
    return [f"{symbol}, para. {para}" + (f" ({sub})" if sub else "")
            for symbol, para, sub in zip(table["symbol"], table["para"], subs, strict=True)]


def _texts(value: object, name: str, column: str) -> list[str]:
    if isinstance(value, pd.DataFrame):
        check_table(value, [column], name=name, what="a table with texts")
        if value.empty:
            raise ValueError(f"{name} has no rows: the selection that made it matched nothing (a State, symbol or "
                             f"year not in the table?)")
        return _rows(value, column)[column].tolist()
    if isinstance(value, pd.Series):
        return [t for t in value.tolist() if isinstance(t, str)]
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(invalid_value(name, value, "a table (paragraphs, actions), a Series or a list of texts"))
    texts = list(value)
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(invalid_value(f"{name}[{k}]", text, "a str"))
    return texts


def keyness(
    target: pd.DataFrame | pd.Series | Sequence[str],
    reference: pd.DataFrame | pd.Series | Sequence[str],
    *,
    column: str = "text",
    ngram_range: tuple[int, int] = (1, 2),
    formula: Collection[str] = ("frame", "generic"),
    min_count: int = 3,
    refs: bool = False,
) -> pd.DataFrame:
    """The words and phrases that set ``target`` apart from ``reference`` (log-likelihood G2, chi-square, Log Ratio).

    Parameters
    ----------
    target, reference : DataFrame, Series or list of str
        The texts compared: tables (a paragraph table's recommendation paragraphs, or
        an action table's rows, in ``column``), Series or lists of texts. Select the
        documents or groups yourself: ``table[table["state"] == "KAZ"]`` against
        ``table[table["state"] != "KAZ"]``.
    column : str, default "text"
        The column of texts in a table.
    ngram_range : tuple (min_n, max_n), default (1, 2)
        Words (1) and two-word phrases (2), as :class:`cobs.text.Analyzer` cuts them:
        without English stop words and the committees' formula phrases, and never
        across a sentence or a phrase left out.
    formula : collection of {"frame", "generic", "treaty"}, default ("frame", "generic")
        Formula phrases left out (:func:`cobs.text.formula_phrases`); ``()`` keeps all.
    min_count : int, default 3
        Leave out terms seen fewer times in both texts together.
    refs : bool, default False
        Also list, for each term, the ``ref`` of the rows that use it: ``target_refs``
        and ``reference_refs`` ("CRPD/C/AZE/CO/2-3, para. 26"), so that a keyness
        figure can be traced to the recommendations behind it (a paragraph table's
        rows are cited as :func:`cobs.measure` cites them). Needs tables on both sides.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.KEYNESS_COLUMNS`: ``term``, ``target_count``,
        ``reference_count``, ``target_rate``, ``reference_rate`` (per 10,000 terms of
        the same length: words among words, phrases among phrases), ``g2``, ``chi2``,
        ``p_value`` (of G2, 1 degree of freedom), ``log_ratio`` and ``direction``
        ("target" where the term is relatively more frequent in the target, else
        "reference"). Sorted by ``g2``, most distinctive first (of either side), then
        by term.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> table = cobs.read_corpus("corpus")
    >>> crc = table[table["committee"] == "CRC"]
    >>> crpd = table[table["committee"] == "CRPD"]
    >>> key = cobs.compare.keyness(crc, crpd)
    >>> key.query("direction == 'target'")["term"].head(3).tolist()
    ['children', 'child', 'children rights']
    """
    from cobs.text import vectorizer

    min_count = check_int(min_count, "min_count")
    if not isinstance(column, str):
        raise TypeError(invalid_value("column", column, "a column name (str)"))
    refs = check_flag(refs, "refs")
    if refs:
        for name, value in (("target", target), ("reference", reference)):
            if not (isinstance(value, pd.DataFrame) and ("ref" in value.columns
                                                         or {"symbol", "para"} <= set(value.columns))):
                raise ValueError(invalid_value(name, type(value).__name__, "a paragraph or action table (with "
                                               "'ref', or 'symbol' and 'para') when refs=True"))
    first, second = _texts(target, "target", column), _texts(reference, "reference", column)
    if not first or not second:
        raise ValueError(f"{'target' if not first else 'reference'} has no text to count; select rows that hold "
                         f"recommendations (kind == 'recommendation') or pass a list of texts")
    counter = vectorizer(weighting="count", ngram_range=ngram_range, formula=formula)
    try:
        matrix = counter.fit_transform(first + second)
    except ValueError as exc:  # nothing left once stop words and formula phrases are out
        raise ValueError("no term left to count once stop words and formula phrases are left out") from exc
    terms = counter.get_feature_names_out()
    a = np.asarray(matrix[: len(first)].sum(axis=0)).ravel().astype(float)
    b = np.asarray(matrix[len(first):].sum(axis=0)).ravel().astype(float)
    length = np.array([t.count(" ") + 1 for t in terms])
    total_a = np.zeros_like(a)
    total_b = np.zeros_like(b)
    for n in np.unique(length):
        total_a[length == n] = a[length == n].sum()
        total_b[length == n] = b[length == n].sum()
    keep = (a + b) >= min_count
    terms, a, b, total_a, total_b = terms[keep], a[keep], b[keep], total_a[keep], total_b[keep]
    g2, chi2 = _statistics(a, b, total_a, total_b)
    from scipy.stats import chi2 as chi2_distribution

    rate_a = a / np.maximum(total_a, 1) * 10_000
    rate_b = b / np.maximum(total_b, 1) * 10_000
    out = pd.DataFrame({
        "term": pd.array(terms, dtype="string"),
        "target_count": a.astype("int64"), "reference_count": b.astype("int64"),
        "target_rate": rate_a, "reference_rate": rate_b, "g2": g2, "chi2": chi2,
        "p_value": chi2_distribution.sf(g2, 1),
        "log_ratio": np.log2((np.where(a > 0, a, 0.5) / np.maximum(total_a, 1))
                             / (np.where(b > 0, b, 0.5) / np.maximum(total_b, 1))),
        "direction": pd.array(np.where(rate_a >= rate_b, "target", "reference"), dtype="string"),
    })
    if refs:
        kept = np.flatnonzero(keep)
        for side, rows, name in (("target", matrix[: len(first)], target), ("reference", matrix[len(first):],
                                                                               reference)):
            cited = _cites(_rows(name, column))
            used = rows[:, kept].tocsc()
            out[f"{side}_refs"] = [[cited[i] for i in np.sort(used.indices[used.indptr[j]:used.indptr[j + 1]])]
                                   for j in range(len(kept))]
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _statistics(a: np.ndarray, b: np.ndarray, total_a: np.ndarray, total_b: np.ndarray) -> tuple[np.ndarray, ...]:
    """G2 and chi-square of the 2x2 tables [[a, b], [total_a - a, total_b - b]] (no continuity correction)."""
    observed = np.stack([a, b, total_a - a, total_b - b])
    total = total_a + total_b
    rows = np.stack([a + b, a + b, total - a - b, total - a - b])
    columns = np.stack([total_a, total_b, total_a, total_b])
    expected = rows * columns / np.maximum(total, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        g2 = 2 * terms.sum(axis=0)
        chi2 = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0).sum(axis=0)
    return np.maximum(g2, 0.0), chi2
