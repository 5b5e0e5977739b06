"""Topics against the Committee's own structure: headings' themes, clusters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

from cobs._checks import check_table
from cobs.errors import invalid_value
from cobs.topics._model import TopicModel

__all__ = ["TopicAgreement", "against"]


@dataclass(frozen=True)
class TopicAgreement:
    """How far the topics match a categorisation of the same rows (see :func:`against`).

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

    crosstab: pd.DataFrame
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


def against(model: TopicModel, table: pd.DataFrame, column: str = "theme") -> TopicAgreement:
    """Compare each row's main topic with a category the Committee gave it (its heading's theme, its cluster).

    Each row counts once, under its largest topic. Measure it on COs the model
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
    if not isinstance(column, str):
        raise TypeError(invalid_value("column", column, "one column name"))
    check_table(table, [column], what="a cobs table with the column to compare with")
    _, shares, counted = model._read(table)
    category = table[column].astype(object).to_numpy()
    known = np.array([not (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v == "")
                      for v in category], dtype=bool)
    rows = np.flatnonzero(counted & known)
    if not len(rows):
        raise ValueError(f"no row of table has both a topic and a {column!r} to compare")
    labels = model.topics_["label"].to_numpy()
    topic = labels[shares[rows].argmax(axis=1)]
    cats = category[rows].astype(str)
    crosstab = pd.crosstab(pd.Categorical(topic, categories=labels), pd.Series(cats), dropna=False)
    crosstab.index.name, crosstab.columns.name = "label", column
    counts = crosstab.to_numpy()
    topic_codes = shares[rows].argmax(axis=1)
    return TopicAgreement(
        crosstab=crosstab,
        nmi=float(normalized_mutual_info_score(cats, topic_codes)),
        ami=float(adjusted_mutual_info_score(cats, topic_codes)),
        purity=float(counts.max(axis=1).sum() / len(rows)),
        inverse_purity=float(counts.max(axis=0).sum() / len(rows)),
        n=int(len(rows)),
        left_out=int(len(table) - len(rows)),
    )
