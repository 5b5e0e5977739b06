"""How alike the recommendations of documents (or States, committees, years) are: a similarity matrix."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Hashable
from typing import Literal

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_flag, check_int, check_names, check_table
from cobs._ranking import ranking
from cobs.errors import invalid_value

__all__ = ["CompareWarning", "most_similar", "similarity"]

Measure = Literal["tfidf", "jaccard"]


class CompareWarning(UserWarning):
    """A comparison that cannot say what was asked: :func:`most_similar` found no other document (or State, ...)
    of the committee of the one asked about, and compares across committees only when told to."""


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
    across_committees: bool = False,
    by: str | list[str] = "symbol",
    measure: Measure = "tfidf",
    drop_boilerplate: bool = False,
    committees: Collection[str] | None = None,
    min_states: int = 3,
    min_shared: float = 0.6,
) -> pd.DataFrame:
    """The ``top`` documents (or States, ...) whose recommendations are most like those of ``symbol``.

    "Which States received recommendations most like Kazakhstan's?":
    ``most_similar(table, "KAZ", by="state")``. Only the committee's own COs are
    compared unless ``across_committees=True``: the words of a CO are mostly its
    treaty's, so that across committees the ranking says which treaty, hardly which
    State. Among the 112 English CRPD COs of ``../shared``, each CO's nearest other
    CO has a TF-IDF similarity of 0.34 (median); CRC/C/KAZ/CO/4 is at 0.15 from the
    median CRPD CO and at 0.18-0.20 from its "nearest" five (TUN, OMN, BLR, IRQ,
    HTI): a ranking of noise.

    Parameters
    ----------
    table : pandas.DataFrame
        As for :func:`similarity`.
    symbol : str or tuple
        A value of ``by`` (a symbol by default; a State code with ``by="state"``).
    top : int, default 5
        How many to return.
    across_committees : bool, default False
        Compare with the rows of every committee. By default the table is first
        narrowed to the rows of the committee(s) of the one asked about (for
        ``by="state"``, the committees of that State's rows), so that the words'
        weights too are the committee's; with no other document of that committee,
        the result is empty, with a :class:`CompareWarning`. Where ``by`` holds
        ``committee``, the comparison is across committees by design, and every
        row is used.
    by, measure, drop_boilerplate, committees, min_states, min_shared
        As for :func:`similarity` (``committees``: whose treaty phrases are left out).

    Returns
    -------
    pandas.DataFrame
        The one asked about in a column named as ``by`` (``symbol`` by default,
        ``state`` with ``by="state"``; ``group`` when ``by`` is a list or one of the
        other columns' names), ``other``,
        ``similarity`` and ``rank`` (1 = most similar), most similar first (columns
        :data:`cobs.columns.SIMILAR_COLUMNS`); similarities equal to 1e-9 in the
        order of their names.

    Warns
    -----
    CompareWarning
        When the table holds no other document of the committee(s) of the one asked
        about (and ``across_committees`` is False): the result is empty.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> corpus = cobs.read_corpus("corpus")
    >>> cobs.compare.most_similar(corpus, "AZE", top=2, by="state").round(3)
      state other  similarity  rank
    0   AZE   GEO       0.451     1
    1   AZE   ARM       0.427     2

    Kazakhstan's one CO in the bundled corpus is the CRC's, the others the CRPD's:

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     nearest = cobs.compare.most_similar(corpus, "KAZ", top=2, by="state")
    >>> len(nearest), caught[0].category.__name__
    (0, 'CompareWarning')
    >>> cobs.compare.most_similar(corpus, "KAZ", top=2, by="state", across_committees=True).round(3)
      state other  similarity  rank
    0   KAZ   AZE       0.300     1
    1   KAZ   BLR       0.288     2
    """
    top = check_int(top, "top")
    across_committees = check_flag(across_committees, "across_committees")
    asked = by if isinstance(by, str) and by not in ("other", "similarity", "rank") else "group"
    compared, own = table, None
    if not across_committees:
        compared, own = _same_committees(table, symbol, by)
    matrix = similarity(compared, by=by, measure=measure, drop_boilerplate=drop_boilerplate, committees=committees,
                        min_states=min_states, min_shared=min_shared)
    if symbol not in matrix.index:  # (then no row is symbol, and compared is the whole table)
        shown = ", ".join(map(repr, list(matrix.index)[:5])) + (", ..." if len(matrix.index) > 5 else "")
        raise ValueError(invalid_value("symbol", symbol, f"one of the table's {matrix.index.name or 'by'} values "
                                       f"({shown})"))
    row = matrix.loc[symbol].drop(index=symbol)
    if row.empty and own:
        warnings.warn(
            f"most_similar: no {asked} but {symbol!r} has rows of {' or '.join(own)} in the table, so there is "
            "nothing to rank: add that committee's COs, or pass across_committees=True to compare with other "
            "committees' (whose wording differs mostly by treaty)", CompareWarning, stacklevel=2)
    # most similar first; similarities equal to 1e-9 (equal in exact arithmetic, a bit apart by the order of the
    # sums) in the order of their names, whatever the machine
    order = [(row.index[i], row.iloc[i]) for i in ranking(row.to_numpy(), [str(k) for k in row.index], scale=1.0)[:top]]
    return pd.DataFrame({
        asked: pd.array([symbol] * len(order), dtype="object"),
        "other": pd.array([k for k, _ in order], dtype="object"),
        "similarity": np.array([v for _, v in order], dtype="float64"),
        "rank": np.arange(1, len(order) + 1, dtype="int64"),
    })


def _same_committees(table: pd.DataFrame, symbol: Hashable, by: object) -> tuple[pd.DataFrame, list[str] | None]:
    """The rows of the committee(s) of the ``by`` group ``symbol``, and those committees (sorted).

    The table as it is (and None) where ``by`` holds ``committee``, where the table lacks the columns (similarity
    says so), or where no row is ``symbol`` (most_similar says so).
    """
    by_columns = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else []
    if (not isinstance(table, pd.DataFrame) or not by_columns or "committee" in by_columns
            or any(c not in table.columns for c in [*by_columns, "committee"])):
        return table, None
    values = (symbol,) if len(by_columns) == 1 else symbol
    if not isinstance(values, tuple) or len(values) != len(by_columns):
        return table, None
    mask = np.ones(len(table), dtype=bool)
    for column, value in zip(by_columns, values, strict=True):
        mask &= table[column].astype("object").eq(value).fillna(False).to_numpy(dtype=bool)
    committees = sorted({str(c) for c in table.loc[mask, "committee"].dropna()})
    if not committees:
        return table, None
    return table[table["committee"].isin(committees).fillna(False).to_numpy(dtype=bool)], committees
