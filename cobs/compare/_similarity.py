"""How alike the recommendations of documents (or States, committees, years) are: a similarity matrix."""

from __future__ import annotations

from collections.abc import Collection, Hashable
from typing import Literal

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_flag, check_int, check_names, check_table
from cobs.errors import invalid_value

__all__ = ["most_similar", "similarity"]

Measure = Literal["tfidf", "jaccard"]


def _group_texts(table: pd.DataFrame, by: list[str], drop_boilerplate: bool, min_states: int,
                 min_shared: float) -> tuple[list[tuple], list[str]]:
    rows = table
    if "kind" in rows.columns and "clause" not in rows.columns:
        rows = rows[rows["kind"] == "recommendation"]
    if drop_boilerplate:
        from cobs.compare._boilerplate import boilerplate

        sentences = boilerplate(rows, min_states=min_states, min_shared=min_shared)
        keep = sentences[~sentences["template"]]
        keys = rows[["symbol", "para", "sub", *[c for c in by if c not in ("symbol", "para", "sub")]]]
        keep = keep.merge(keys.drop_duplicates(["symbol", "para", "sub"]), on=["symbol", "para", "sub"], how="left",
                          suffixes=("", "_row"))
        rows, text_column = keep, "text"
    else:
        text_column = "text"
    texts: dict[tuple, list[str]] = {}
    for key, text in zip(rows[by].astype("object").itertuples(index=False, name=None), rows[text_column].tolist(),
                         strict=True):
        texts.setdefault(key, []).append(text if isinstance(text, str) else "")
    for key in table[by].astype("object").drop_duplicates().itertuples(index=False, name=None):
        texts.setdefault(key, [])  # a document whose every sentence is a template keeps its row (similarity 0)
    keys = sorted(texts, key=lambda k: tuple("" if v is None or v != v else str(v) for v in k))
    return keys, [" ".join(texts[k]) for k in keys]


def similarity(
    table: pd.DataFrame,
    *,
    by: str | list[str] = "symbol",
    measure: Measure = "tfidf",
    drop_boilerplate: bool = False,
    committees: Collection[str] | None = None,
    min_states: int = 3,
    min_shared: float = 0.6,
) -> pd.DataFrame:
    """A document-by-document (or State-by-State, ...) similarity matrix of recommendations.

    Parameters
    ----------
    table : pandas.DataFrame
        A paragraph table of many documents (its ``recommendation`` rows are used), an
        action table or a UPR table (every row).
    by : str or list of str, default "symbol"
        What a row and column of the matrix is: a document ("symbol"), a State, a
        committee, a year... Its recommendations are pooled.
    measure : {"tfidf", "jaccard"}, default "tfidf"
        ``tfidf``: cosine of TF-IDF vectors (stemmed words and two-word phrases, without
        stop words or the committees' formula phrases, sublinear term frequency), so
        that shared rare requests weigh most; ``jaccard``: shared vocabulary, the
        Jaccard index of the sets of stemmed words.
    drop_boilerplate : bool, default False
        Leave out the committees' template sentences first (:func:`boilerplate`):
        templates make all COs of a period look alike.
    committees : collection of str, optional
        Committees whose treaty phrases are left out ("persons with disabilities" for
        the CRPD); default: those of the table.
    min_states, min_shared
        With ``drop_boilerplate``: what counts as a template (as for :func:`boilerplate`).

    Returns
    -------
    pandas.DataFrame
        Square, symmetric, 1 on the diagonal (0 for a group without text); index and
        columns are the ``by`` values (a MultiIndex for several columns), sorted.

    Examples
    --------
    Azerbaijan's first CRPD CO (2014) is closest to Turkmenistan's (2015), not to
    Azerbaijan's own second one (2024): the Committee's drafting changes with the
    years for every State at once.

    >>> import cobs, cobs.compare
    >>> matrix = cobs.compare.similarity(cobs.read_corpus("corpus"))
    >>> print(matrix.loc["CRPD/C/AZE/CO/1"].drop("CRPD/C/AZE/CO/1").idxmax())
    CRPD/C/TKM/CO/1
    """
    from cobs.text import vectorizer

    by_columns = check_names(by, "by", required=True)
    check_choice(measure, "measure", ("tfidf", "jaccard"))
    drop_boilerplate = check_flag(drop_boilerplate, "drop_boilerplate")
    check_table(table, [*by_columns, "text", "committee"], what="a paragraph or action table")
    keys, texts = _group_texts(table, by_columns, drop_boilerplate, min_states, min_shared)
    chosen = sorted({str(c) for c in table["committee"].dropna()}) if committees is None else list(committees)
    if measure == "tfidf":
        vectors = vectorizer(ngram_range=(1, 2), formula=("frame", "generic", "treaty"), committees=chosen,
                             stem=True)
    else:
        vectors = vectorizer(weighting="binary", ngram_range=(1, 1), formula=("frame", "generic", "treaty"),
                             committees=chosen, stem=True)
    try:
        matrix = vectors.fit_transform(texts)
    except ValueError:  # no term at all
        values = np.eye(len(keys))
    else:
        if measure == "tfidf":
            values = (matrix @ matrix.T).toarray()
        else:
            inter = (matrix @ matrix.T).toarray().astype(float)
            sizes = np.asarray(matrix.sum(axis=1)).ravel()
            union = sizes[:, None] + sizes[None, :] - inter
            values = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        empty = np.asarray(matrix.sum(axis=1)).ravel() == 0
        np.fill_diagonal(values, np.where(empty, 0.0, 1.0))
    index = (pd.Index([k[0] for k in keys], name=by_columns[0]) if len(by_columns) == 1
             else pd.MultiIndex.from_tuples(keys, names=by_columns))
    return pd.DataFrame(np.clip(values, 0.0, 1.0), index=index, columns=index.copy())


def most_similar(
    table: pd.DataFrame,
    symbol: Hashable,
    *,
    top: int = 5,
    by: str | list[str] = "symbol",
    measure: Measure = "tfidf",
    drop_boilerplate: bool = False,
    committees: Collection[str] | None = None,
    min_states: int = 3,
    min_shared: float = 0.6,
) -> pd.DataFrame:
    """The ``top`` documents (or States, ...) whose recommendations are most like those of ``symbol``.

    "Which States received recommendations most like Kazakhstan's?":
    ``most_similar(table, "KAZ", by="state")``.

    Parameters
    ----------
    table : pandas.DataFrame
        As for :func:`similarity`.
    symbol : str or tuple
        A value of ``by`` (a symbol by default; a State code with ``by="state"``).
    top : int, default 5
        How many to return.
    by, measure, drop_boilerplate, committees, min_states, min_shared
        As for :func:`similarity`.

    Returns
    -------
    pandas.DataFrame
        The one asked about in a column named as ``by`` (``symbol`` by default,
        ``state`` with ``by="state"``; ``group`` when ``by`` is a list or one of the
        other columns' names), ``other``,
        ``similarity`` and ``rank`` (1 = most similar), most similar first (columns
        :data:`cobs.columns.SIMILAR_COLUMNS`).

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> cobs.compare.most_similar(cobs.read_corpus("corpus"), "KAZ", top=2, by="state").round(3)
      state other  similarity  rank
    0   KAZ   AZE       0.300     1
    1   KAZ   BLR       0.288     2
    """
    top = check_int(top, "top")
    matrix = similarity(table, by=by, measure=measure, drop_boilerplate=drop_boilerplate, committees=committees,
                        min_states=min_states, min_shared=min_shared)
    if symbol not in matrix.index:
        shown = ", ".join(map(repr, list(matrix.index)[:5])) + (", ..." if len(matrix.index) > 5 else "")
        raise ValueError(invalid_value("symbol", symbol, f"one of the table's {matrix.index.name or 'by'} values "
                                       f"({shown})"))
    row = matrix.loc[symbol].drop(index=symbol)
    order = sorted(row.items(), key=lambda item: (-item[1], str(item[0])))[:top]
    asked = by if isinstance(by, str) and by not in ("other", "similarity", "rank") else "group"
    return pd.DataFrame({
        asked: pd.array([symbol] * len(order), dtype="object"),
        "other": pd.array([k for k, _ in order], dtype="object"),
        "similarity": np.array([v for _, v in order], dtype="float64"),
        "rank": np.arange(1, len(order) + 1, dtype="int64"),
    })
