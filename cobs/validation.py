"""Validating measures against human coders, for papers.

Three steps of a validation study:

1. :func:`sample_for_coding` draws a reproducible (optionally stratified) sample
   of a tidy table and writes a coding sheet: a CSV with the ids, the text and
   one empty column per coder;
2. :func:`agreement` measures how far coders agree with each other, or a coder
   with a model: Cohen's kappa and Krippendorff's alpha, computed with NLTK's
   ``AnnotationTask`` (code only; no NLTK data is needed);
3. :func:`confusion_table` shows where a model and the coders disagree.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance
from sklearn.metrics import confusion_matrix
from sklearn.utils import check_random_state

from cobs._checks import check_choice, check_table
from cobs.errors import invalid_value
from cobs.stats import Result
from cobs.tables import document_order

__all__ = ["AgreementResult", "agreement", "confusion_table", "sample_for_coding"]

AGREEMENT_FIELDS: dict[str, str] = {
    "kappa": "Cohen's kappa; with more than two codings, the mean of the pairwise kappas (each pair on the "
    "items both coded).",
    "alpha": "Krippendorff's alpha over all codings (items coded at least twice).",
    "observed": "Share of agreeing pairs of codings (mean over pairs of coders).",
    "items": "Number of items coded at least twice.",
    "codings": "Number of codings compared (coders and models).",
}
"""The attributes of what :func:`agreement` returns (:class:`AgreementResult`)."""


@dataclasses.dataclass(frozen=True)
class AgreementResult(Result):
    """Agreement between codings (see :func:`agreement`): a result object of :mod:`cobs.stats`.

    ``to_frame()`` gives one row with these columns.

    Attributes
    ----------
    kappa : float
        Cohen's kappa; with more than two codings, the mean of the pairwise kappas
        (each pair on the items both coded).
    alpha : float
        Krippendorff's alpha over all codings (items coded at least twice).
    observed : float
        Share of agreeing pairs of codings (mean over pairs of coders).
    items : int
        Number of items coded at least twice.
    codings : int
        Number of codings compared (coders and models).
    """

    kappa: float
    alpha: float
    observed: float
    items: int
    codings: int


def sample_for_coding(
    table: pd.DataFrame,
    n: int,
    *,
    stratify: str | None = None,
    allocation: Literal["proportional", "equal"] = "proportional",
    columns: Sequence[str] | None = None,
    coders: Sequence[str] = ("coder_1", "coder_2"),
    random_state: int | np.random.RandomState | None = None,
    path: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
) -> pd.DataFrame:
    """Draw a reproducible sample of a table for human coding, and write its coding sheet.

    Parameters
    ----------
    table : pandas.DataFrame
        A tidy table (paragraphs, recommendations, ...), one row per item to code.
    n : int
        Sample size.
    stratify : str, optional
        Column whose values are the strata (e.g. the predicted label, the
        committee). Rows where it is missing form a stratum of their own.
    allocation : {"proportional", "equal"}, default="proportional"
        With ``stratify``: ``"proportional"`` gives each stratum its share of ``n``
        (largest remainders rounded up); ``"equal"`` gives each the same number
        (``n`` must then divide evenly enough: strata get ``n // k`` or one more),
        which keeps rare labels in the sample.
    columns : sequence of str, optional
        Columns of ``table`` to copy into the sample and the sheet (ids and text).
        All columns by default.
    coders : sequence of str, default=("coder_1", "coder_2")
        Names of the empty coder columns added.
    random_state : int, RandomState instance or None, default=None
        Seed: the same table and seed give the same sample (a cobs table in any row order: it is put in
        document order first, :func:`cobs.tables.document_order`).
    path : str or path-like, optional
        Write the coding sheet there as CSV (UTF-8 with a byte-order mark, so that
        spreadsheet programs read it right); list values are joined with "; ".
    overwrite : bool, default=False
        Replace an existing file at ``path`` (by default an existing sheet, which
        may hold coding work, is never replaced).

    Returns
    -------
    pandas.DataFrame
        The sampled rows in random order: ``sample_id`` (1..n), ``row`` (the row's
        label in ``table``'s index), ``stratum`` (with ``stratify``),
        ``sampling_weight`` (rows of the stratum per sampled row: weights for
        population estimates), the chosen ``columns`` and the empty coder columns.

    Raises
    ------
    ValueError
        If ``n`` is not between 1 and the number of rows, a column is missing, a
        stratum is smaller than its allocation, or ``coders`` clash with columns.
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> table = pd.DataFrame({"id": range(6), "text": list("abcdef"), "label": list("xxxxyy")})
    >>> sample = sample_for_coding(table, 4, stratify="label", allocation="equal", random_state=0)
    >>> sample[["sample_id", "row", "stratum", "sampling_weight", "text", "coder_1"]]
       sample_id  row stratum  sampling_weight text coder_1
    0          1    2       x              2.0    c
    1          2    4       y              1.0    e
    2          3    3       x              2.0    d
    3          4    5       y              1.0    f
    """
    check_table(table)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= len(table):
        raise ValueError(invalid_value("n", n, f"an integer between 1 and the {len(table)} rows of the table"))
    check_choice(allocation, "allocation", ("proportional", "equal"))
    columns = list(table.columns) if columns is None else list(columns)
    check_table(table, [*columns, *([stratify] if stratify is not None else [])],
                what="the columns given as columns and stratify")
    reserved = {"sample_id", "row", "stratum", "sampling_weight", *columns}
    clash = [c for c in coders if c in reserved]
    if clash or len(set(coders)) != len(coders):
        raise ValueError(invalid_value("coders", list(coders), "distinct new column names"))
    if path is not None and Path(path).exists() and not overwrite:
        raise FileExistsError(f"{path}: already exists (it may hold coding work); pass overwrite=True to replace it")

    table = document_order(table)  # the same sample for any row order of a cobs table
    rng = check_random_state(random_state)
    positions = np.arange(len(table))
    if stratify is None:
        strata = pd.Series(np.zeros(len(table), dtype=int))
        chosen = rng.choice(positions, size=n, replace=False)
        weights = np.full(n, len(table) / n)
    else:
        strata = table[stratify].reset_index(drop=True).astype(object).where(table[stratify].notna().to_numpy(), None)
        groups = {key: positions[(strata == key).to_numpy() if key is not None else strata.isna().to_numpy()]
                  for key in pd.unique(strata)}
        quota = _allocate(n, {key: len(rows) for key, rows in groups.items()}, allocation)
        picks, weights_list = [], []
        for key, rows in groups.items():
            if quota[key] > len(rows):
                raise ValueError(
                    f"stratum {key!r} of {stratify!r} has {len(rows)} rows, fewer than the {quota[key]} allocated; "
                    "lower n or use allocation='proportional'"
                )
            if quota[key]:
                picks.append(rng.choice(rows, size=quota[key], replace=False))
                weights_list.append(np.full(quota[key], len(rows) / quota[key]))
        chosen = np.concatenate(picks)
        weights = np.concatenate(weights_list)
        order = rng.permutation(len(chosen))  # mix the strata, so coders do not see them in blocks
        chosen, weights = chosen[order], weights[order]

    sample = pd.DataFrame({"sample_id": np.arange(1, n + 1), "row": table.index[chosen]})
    if stratify is not None:
        sample["stratum"] = strata.to_numpy()[chosen]
    sample["sampling_weight"] = weights
    for column in columns:
        sample[column] = table[column].to_numpy()[chosen]
    for coder in coders:
        sample[coder] = ""
    if path is not None:
        sheet = sample.copy()
        for column in sheet.columns:
            if sheet[column].map(lambda v: isinstance(v, (list, tuple, set, np.ndarray))).any():
                sheet[column] = sheet[column].map(
                    lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, set, np.ndarray)) else v
                )
        sheet.to_csv(path, index=False, encoding="utf-8-sig")
    return sample


def _allocate(n: int, sizes: dict[Hashable, int], allocation: str) -> dict[Hashable, int]:
    keys = list(sizes)
    if allocation == "equal":
        base, extra = divmod(n, len(keys))
        # The first strata by size (largest first) take the remainder.
        ranked = sorted(keys, key=lambda k: -sizes[k])
        return {k: base + (1 if k in ranked[:extra] else 0) for k in keys}
    total = sum(sizes.values())
    exact = {k: n * sizes[k] / total for k in keys}
    quota = {k: math.floor(v) for k, v in exact.items()}
    left = n - sum(quota.values())
    for k in sorted(keys, key=lambda k: -(exact[k] - quota[k]))[:left]:
        quota[k] += 1
    return quota


def agreement(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    *more: Sequence[Hashable],
    labels: Sequence[Hashable] | None = None,
    metric: Literal["nominal", "interval"] = "nominal",
) -> AgreementResult:
    """Agreement between coders, or between coders and a model: Cohen's kappa, Krippendorff's alpha.

    Parameters
    ----------
    a, b, *more : sequences of labels
        The codings to compare, one label per item, all in the same item order (e.g.
        the coder columns of a coding sheet, or a coder's column and a model's
        predictions). Missing codings (None, NaN, "") are left out: kappa uses the
        items both codings of a pair have, alpha every item coded at least twice.
    labels : sequence, optional
        The label set. Every coding must use only these labels (a typo in a coding
        sheet raises instead of counting as a category).
    metric : {"nominal", "interval"}, default="nominal"
        Distance between labels for alpha: "nominal" (any difference is total) or
        "interval" (numeric labels, squared difference; for ordered scales such as
        the action category 1-5). Kappa is always Cohen's unweighted kappa.

    Returns
    -------
    AgreementResult
        ``kappa``, ``alpha``, ``observed``, ``items``, ``codings`` as attributes;
        ``to_frame()`` gives them as a one-row table.

    Raises
    ------
    ValueError
        If the codings differ in length, a label is not in ``labels``, or fewer
        than two items are coded twice.
    TypeError
        If a label is unhashable (a list: compare multi-label codings one label at
        a time, as 0/1 codings).

    Examples
    --------
    >>> coder = ["yes", "yes", "yes", "yes", "yes", "yes", "no", "no", "no", "no"]
    >>> model = ["yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "yes"]
    >>> result = agreement(coder, model)
    >>> round(result.kappa, 4), round(result.alpha, 4), result.items
    (0.4, 0.4242, 10)
    >>> result.to_frame().round(4)
       kappa   alpha  observed  items  codings
    0    0.4  0.4242       0.7     10        2
    """
    series = [c for c in (a, b, *more) if isinstance(c, pd.Series)]
    if any(not s.index.equals(series[0].index) for s in series[1:]):
        raise ValueError("the codings are pandas Series with different indexes; agreement compares items by "
                         "position: align them first (e.g. b = b.reindex(a.index))")
    codings = [list(c) if not isinstance(c, (pd.Series, np.ndarray)) else list(c.tolist()) for c in (a, b, *more)]
    lengths = {len(c) for c in codings}
    if len(lengths) != 1:
        raise ValueError(f"the codings must label the same items: their lengths differ ({sorted(lengths)})")
    check_choice(metric, "metric", ("nominal", "interval"))
    allowed = None if labels is None else set(labels)
    triples: list[tuple[int, int, Hashable]] = []
    for c, coding in enumerate(codings):
        for i, label in enumerate(coding):
            if _missing(label):
                continue
            if not isinstance(label, Hashable):
                raise TypeError(invalid_value(f"coding {c + 1}, item {i + 1}", label, "one hashable label",
                                              "compare multi-label codings one label at a time (as 0/1 codings)"))
            if allowed is not None and label not in allowed:
                raise ValueError(invalid_value(f"coding {c + 1}, item {i + 1}", label,
                                               f"one of the labels {sorted(allowed, key=str)}"))
            if metric == "interval" and not isinstance(label, (int, float, np.integer, np.floating)):
                raise ValueError(invalid_value(f"coding {c + 1}, item {i + 1}", label, "a number (metric='interval')"))
            triples.append((c, i, label))
    distance = interval_distance if metric == "interval" else binary_distance

    kappas, observed = [], []
    for first in range(len(codings)):
        for second in range(first + 1, len(codings)):
            both = {i for c, i, _ in triples if c == first} & {i for c, i, _ in triples if c == second}
            pair = [t for t in triples if t[0] in (first, second) and t[1] in both]
            if len(both) < 2:
                raise ValueError(f"codings {first + 1} and {second + 1} share {len(both)} coded items; kappa needs at "
                                 "least 2")
            task = AnnotationTask(data=pair)
            kappas.append(float(task.kappa_pairwise(first, second)))
            observed.append(task.Ao(first, second))
    items = {i for _, i, _ in triples}
    coded_twice = [i for i in items if sum(1 for _, j, _ in triples if j == i) >= 2]
    alpha = AnnotationTask(data=triples, distance=distance).alpha()
    return AgreementResult(kappa=float(np.mean(kappas)), alpha=float(alpha), observed=float(np.mean(observed)),
                           items=len(coded_twice), codings=len(codings))


def _missing(label: object) -> bool:
    if label is None or label is pd.NA or label is pd.NaT:
        return True
    if isinstance(label, str):
        return not label.strip()
    if isinstance(label, (float, np.floating)):
        return bool(np.isnan(label))
    return False


def _plain(value: object) -> object:
    """A numpy or pandas scalar as the Python value it holds (so 4 and np.int64(4) are one label)."""
    return value.item() if hasattr(value, "item") else value


def confusion_table(
    y_true: Sequence[Hashable],
    y_pred: Sequence[Hashable],
    *,
    labels: Sequence[Hashable] | None = None,
    normalize: Literal["true", "pred", "all"] | None = None,
) -> pd.DataFrame:
    """A confusion matrix as a labelled table: rows are the true labels, columns the predicted ones.

    Parameters
    ----------
    y_true, y_pred : sequences of labels
        Reference labels (e.g. a coder's) and predicted labels (a model's).
    labels : sequence, optional
        Labels to show, in this order (all labels seen, sorted, by default).
    normalize : {"true", "pred", "all"}, optional
        Show shares instead of counts: of each true label's items (rows sum to 1),
        of each predicted label's (columns sum to 1), or of all items.

    Returns
    -------
    pandas.DataFrame
        Index named "true", columns named "predicted". Pairs where either label is
        missing (None, NaN, ``pd.NA``, or an empty string, as a fresh coding sheet
        of :func:`sample_for_coding` has) are left out, as :func:`agreement` leaves
        them out.

    Examples
    --------
    >>> confusion_table([1, 2, 2, 3], [1, 2, 3, 3])
    predicted  1  2  3
    true
    1          1  0  0
    2          0  1  1
    3          0  0  1
    """
    y_true, y_pred = list(y_true), list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(invalid_value("y_pred", y_pred, f"the same length as y_true ({len(y_true)})",
                                       got=f"length {len(y_pred)}"))
    check_choice(normalize, "normalize", (None, "true", "pred", "all"))
    # pairs with a missing label (None, NaN, pd.NA, "") are left out, as agreement() leaves them out
    pairs = [(t, p) for t, p in zip(y_true, y_pred, strict=True) if not (_missing(t) or _missing(p))]
    y_true = [_plain(t) for t, _ in pairs]
    y_pred = [_plain(p) for _, p in pairs]
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred), key=lambda v: (str(type(v)), v))
    matrix = confusion_matrix(y_true, y_pred, labels=list(labels), normalize=normalize)
    return pd.DataFrame(
        matrix,
        index=pd.Index(list(labels), name="true"),
        columns=pd.Index(list(labels), name="predicted"),
    )
