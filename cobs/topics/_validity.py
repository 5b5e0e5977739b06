"""Topics against the Committee's own structure: headings' themes, clusters."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

from cobs._checks import check_table
from cobs._ranking import argmax
from cobs.errors import invalid_value
from cobs.stats import Result
from cobs.topics._model import TopicModel

__all__ = ["TopicAgreement", "against", "crosstab", "dominant_topic"]


@dataclasses.dataclass(frozen=True, repr=False)
class TopicAgreement(Result):
    """How far the topics match a categorisation of the same rows (see :func:`against`).

    A result object (:mod:`cobs.stats`): named attributes, and ``to_frame()`` gives
    one row with ``nmi``, ``ami``, ``purity``, ``inverse_purity``, ``n`` and
    ``left_out`` (the crosstab stays an attribute; :func:`crosstab` gives it long).

    Attributes
    ----------
    crosstab : pandas.DataFrame
        Rows counted by topic (index: topic labels, largest topic first) and
        category (columns, sorted); ready for a heatmap.
    nmi : float
        Normalised mutual information between topic and category (arithmetic
        normalisation, scikit-learn's default): 0 independent, 1 the same partition.
    ami : float
        Mutual information adjusted for chance (0 for a random assignment).
    purity : float
        Share of rows whose category is their topic's most common one.
    inverse_purity : float
        Share of rows whose topic is their category's most common one.
    n : int
        Rows compared.
    left_out : int
        Rows not compared: template rows (unless the model keeps them), rows
        without a category, rows without a term of the model's vocabulary.
    """

    crosstab: pd.DataFrame = dataclasses.field(metadata={"frame": False})
    nmi: float
    ami: float
    purity: float
    inverse_purity: float
    n: int
    left_out: int

    def __repr__(self) -> str:
        return (f"TopicAgreement(nmi={self.nmi:.3f}, ami={self.ami:.3f}, purity={self.purity:.3f}, "
                f"inverse_purity={self.inverse_purity:.3f}, n={self.n}, left_out={self.left_out}, "
                f"crosstab={self.crosstab.shape[0]} topics x {self.crosstab.shape[1]} categories)")


def against(model: TopicModel, table: pd.DataFrame, *, column: str = "theme") -> TopicAgreement:
    """Compare each row's main topic with a category the Committee gave it (its heading's theme, its cluster).

    Each row counts once, under its largest topic (of shares equal to 1e-9, the
    first in the order of ``topics_``, whatever the last bits of the shares on
    this machine). Measure it on COs the model
    did not learn from, so that the figure says how far topics found without the
    headings recover them.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table with ``column`` (``theme``, ``cluster_id`` from :func:`cobs.measure`).
    column : str, default="theme"
        The category to compare with. Rows where it is missing or empty are left out.

    Returns
    -------
    TopicAgreement
        ``crosstab``, ``nmi``, ``ami``, ``purity``, ``inverse_purity``, ``n``, ``left_out``.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6).fit(actions)
    >>> agreement = cobs.topics.against(model, actions, column="theme")
    >>> 0 < agreement.nmi < 1 and int(agreement.crosstab.to_numpy().sum()) == agreement.n
    True
    """
    labels, topic_codes, cats, crosstab = _compared(model, table, column)
    counts = crosstab.to_numpy()
    return TopicAgreement(
        crosstab=crosstab,
        nmi=float(normalized_mutual_info_score(cats, topic_codes)),
        ami=float(adjusted_mutual_info_score(cats, topic_codes)),
        purity=float(counts.max(axis=1).sum() / len(cats)),
        inverse_purity=float(counts.max(axis=0).sum() / len(cats)),
        n=int(len(cats)),
        left_out=int(len(table) - len(cats)),
    )


def _main_topic(shares: np.ndarray) -> np.ndarray:
    """Each row's largest topic; of shares equal to 1e-9, the first (larger) topic, whatever the machine."""
    return argmax(shares, axis=1, scale=1.0)


def _compared(model: TopicModel, table: object, column: object) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                           pd.DataFrame]:
    """The rows counted with a category: topic labels, their main topic codes and categories, and the crosstab."""
    if not isinstance(column, str):
        raise TypeError(invalid_value("column", column, "one column name"))
    check_table(table, [column], what="a cobs table with the column to compare with")
    _, shares, counted = model._read(table, "table")
    category = table[column].astype(object).to_numpy()  # type: ignore[index]
    known = np.array([not (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v == "")
                      for v in category], dtype=bool)
    rows = np.flatnonzero(counted & known)
    if not len(rows):
        raise ValueError(f"no row of table has both a topic and a {column!r} to compare")
    labels = model.topics_["label"].to_numpy()
    codes = _main_topic(shares[rows])
    cats = category[rows].astype(str)
    crosstab = pd.crosstab(pd.Categorical(labels[codes], categories=labels), pd.Series(cats), dropna=False)
    crosstab.index.name, crosstab.columns.name = "label", column
    return labels, codes, cats, crosstab


def crosstab(model: TopicModel, table: pd.DataFrame, *, column: str = "theme") -> pd.DataFrame:
    """Each topic's rows by category (their heading's theme, their cluster), long and sorted: the table behind
    :func:`against`'s ``crosstab``, with each category's share of the topic.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table with ``column``.
    column : str, default="theme"
        The category. Rows are counted as for :func:`against`: once, under their
        main topic; template rows (unless the model keeps them), rows without a term
        of the model's vocabulary and rows without a category are left out.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.TOPIC_CROSSTAB_COLUMNS`: ``topic``, ``label``, then
        ``column`` (named as it), ``count`` and ``share``; one row per topic and
        category with a count, topics in the order of ``topics_``, each topic's
        categories most common first (then by name).

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6, random_state=0).fit(actions)
    >>> table = cobs.topics.crosstab(model, actions, column="theme")
    >>> table.columns.tolist()
    ['topic', 'label', 'theme', 'count', 'share']
    >>> bool(table.groupby("topic")["share"].sum().round(9).eq(1).all())
    True
    """
    labels, _, _, wide = _compared(model, table, column)
    long = wide.stack().rename("count").reset_index()
    long = long[long["count"] > 0]
    order = {label: k for k, label in enumerate(labels)}
    long.insert(0, "topic", long["label"].map(order).astype("int64"))
    long["label"] = long["label"].astype(str).astype("string")
    long[column] = long[column].astype(str).astype("string")
    long["count"] = long["count"].astype("int64")
    long["share"] = long["count"] / long.groupby("topic")["count"].transform("sum")
    return long.sort_values(["topic", "count", column], ascending=[True, False, True], kind="stable").reset_index(
        drop=True)


def dominant_topic(model: TopicModel, table: pd.DataFrame) -> pd.DataFrame:
    """Each row's main topic: the topic with the largest share of it, and that share.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table (read as in ``model.fit``), or a sequence of texts.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.DOMINANT_TOPIC_COLUMNS`: ``topic`` (Int64, as in
        ``topics_``), ``label`` and ``share``; one row per row of ``table``, on its
        index. Missing for a row the model does not count: a template row (unless the
        model keeps them) or a row without a term of its vocabulary. Of equal shares
        the first topic wins.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6, random_state=0).fit(actions)
    >>> main = cobs.topics.dominant_topic(model, actions)
    >>> main.columns.tolist(), len(main) == len(actions)
    (['topic', 'label', 'share'], True)
    >>> bool(main.loc[cobs.topics.template_rows(actions), "topic"].isna().all())
    True
    """
    _, shares, counted = model._read(table, "table")
    codes = _main_topic(shares) if len(shares) else np.zeros(0, dtype=np.int64)
    labels = model.topics_["label"].to_numpy()
    index = table.index if isinstance(table, pd.DataFrame) else pd.RangeIndex(len(shares))
    rows = np.arange(len(codes))
    out = pd.DataFrame({
        "topic": pd.array(codes, dtype="Int64"),
        "label": pd.array(labels[codes] if len(codes) else [], dtype="string"),
        "share": pd.array(shares[rows, codes] if len(codes) else [], dtype="Float64"),
    }, index=index)
    out.loc[~counted] = pd.NA
    return out
