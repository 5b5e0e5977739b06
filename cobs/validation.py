"""Validating measures against human coders, for papers.

Three steps of a validation study:

1. :func:`sample_for_coding` draws a reproducible (optionally stratified) sample
   of a tidy table and writes a coding sheet: a CSV with the ids, the text and
   one empty column per coder;
2. :func:`agreement` measures how far coders agree with each other, or a coder
   with a model: percent agreement, Cohen's kappa and Krippendorff's alpha
   (nominal, ordinal or interval distance; Krippendorff 2011, checked against his
   worked example and NLTK's ``AnnotationTask``); :func:`reliability` gives the same
   coefficients with bootstrap intervals (items, or documents, resampled), as a
   :class:`ReliabilityResult` (the result convention of :mod:`cobs.stats`);
3. :func:`confusion_table` shows where a model and the coders disagree.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import numbers
import os
import warnings
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix
from sklearn.utils import check_random_state

from cobs._checks import check_choice, check_int, check_number, check_table
from cobs.errors import invalid_value
from cobs.stats import ConfidenceInterval, Result
from cobs.tables import document_order

__all__ = ["METRICS", "AgreementResult", "ReliabilityResult", "agreement", "confusion_table", "reliability",
           "sample_for_coding"]

METRICS = ("nominal", "ordinal", "interval")
"""The distances Krippendorff's alpha is computed with (:func:`agreement`, :func:`reliability`)."""


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

    ``to_frame()`` gives one row with these columns; :func:`reliability` gives the
    same coefficients with bootstrap intervals.

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

    def __getitem__(self, name: str) -> float | int:
        """One coefficient by name, as :class:`ReliabilityResult` gives it: ``result["kappa"]``."""
        if name not in {f.name for f in dataclasses.fields(self)}:
            raise KeyError(f"{name!r}: the attributes are kappa, alpha, observed, items, codings")
        return getattr(self, name)


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
    metric: Literal["nominal", "ordinal", "interval"] = "nominal",
) -> AgreementResult:
    """Agreement between coders, or between coders and a model: Cohen's kappa, Krippendorff's alpha.

    Point estimates; :func:`reliability` gives the same coefficients with bootstrap intervals.

    Parameters
    ----------
    a, b, *more : sequences of labels
        The codings to compare, one label per item, all in the same item order (e.g.
        the coder columns of a coding sheet, or a coder's column and a model's
        predictions). Missing codings (None, NaN, "") are left out: kappa uses the
        items both codings of a pair have, alpha every item coded at least twice.
    labels : sequence, optional
        The label set. Every coding must use only these labels (a typo in a coding
        sheet raises instead of counting as a category); with ``metric="ordinal"``,
        in their order (numbers without ``labels`` are ordered as numbers).
    metric : {"nominal", "ordinal", "interval"}, default="nominal"
        Distance between labels for alpha: "nominal" (any difference is total),
        "ordinal" (ordered labels, such as the action category 1-5: a difference
        counts by how many codings fall between the two labels, Krippendorff 2011)
        or "interval" (numeric labels, squared difference). Kappa is always
        Cohen's unweighted kappa.

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
    check_choice(metric, "metric", METRICS)
    table = _Codings.read((a, b, *more), labels, (metric,))
    kappa, observed, alphas = table.coefficients(np.ones((1, table.n_units)))
    return AgreementResult(kappa=float(kappa[0]), alpha=float(alphas[0, 0]), observed=float(observed[0]),
                           items=int(table.n_units), codings=int(table.n_codings))


@dataclasses.dataclass(frozen=True)
class ReliabilityResult(Result):
    """What :func:`reliability` found: each coefficient with its bootstrap interval.

    A result in the convention of :mod:`cobs.stats` (named attributes, ``to_frame()``:
    one row per coefficient); ``result["kappa"]`` is one coefficient's estimate.

    Attributes
    ----------
    coefficient : numpy.ndarray of str
        The coefficients, in this order: ``"observed"`` (share of agreeing pairs of
        codings), ``"kappa"`` (Cohen's; with more than two codings the mean of the
        pairwise kappas), then Krippendorff's alpha for each metric asked: ``"alpha"``
        for the nominal one alone, else ``"alpha_nominal"``, ``"alpha_ordinal"``,
        ``"alpha_interval"``.
    estimate : numpy.ndarray
        Each coefficient on the items as given.
    confidence_interval : cobs.stats.ConfidenceInterval
        Percentile bootstrap interval of each coefficient (``low``, ``high``: arrays).
    standard_error : numpy.ndarray
        Standard deviation of each coefficient's bootstrap distribution.
    confidence_level : float
        The intervals' level.
    items : int
        Items coded at least twice: the items compared (and resampled).
    coverage : float
        ``items`` over all the items given: where a model leaves items without a
        label, the share it labels (the coefficients describe those items only).
    codings : int
        Codings compared (coders and models).
    n_resamples : int
        Bootstrap resamples drawn.
    n_clusters : int
        Units resampled: ``items``, or the clusters of items given as ``cluster``.
    bootstrap_distribution : numpy.ndarray
        Each coefficient (columns) on each resample (rows); not in ``to_frame()``.

    Examples
    --------
    >>> result = reliability([1, 2, 3, 3, 2], [1, 2, 3, 2, 2], n_resamples=200, random_state=0)
    >>> result.to_frame()[["coefficient", "estimate", "items"]]
      coefficient  estimate  items
    0    observed  0.800000      5
    1       kappa  0.687500      5
    2       alpha  0.709677      5
    """

    coefficient: np.ndarray
    estimate: np.ndarray
    confidence_interval: ConfidenceInterval
    standard_error: np.ndarray
    confidence_level: float
    items: int
    coverage: float
    codings: int
    n_resamples: int
    n_clusters: int
    bootstrap_distribution: np.ndarray = dataclasses.field(metadata={"frame": False}, repr=False)

    def __getitem__(self, coefficient: str) -> float:
        """The estimate of one coefficient: ``result["kappa"]``."""
        names = list(self.coefficient)
        if coefficient not in names:
            raise KeyError(f"{coefficient!r}: the coefficients are {names}")
        return float(self.estimate[names.index(coefficient)])


def reliability(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    *more: Sequence[Hashable],
    labels: Sequence[Hashable] | None = None,
    metric: str | Sequence[str] = "nominal",
    cluster: Sequence[Hashable] | None = None,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    random_state: int | np.random.RandomState | None = None,
) -> ReliabilityResult:
    """Agreement of coders (or of a measure with a coder), each coefficient with a bootstrap interval.

    Percent agreement, Cohen's kappa and Krippendorff's alpha (Krippendorff 2011,
    "Computing Krippendorff's Alpha-Reliability": coincidence matrices, any number of
    codings, missing codings allowed) for each distance asked, with percentile
    intervals from resampling the items with replacement (or clusters of items, such
    as the documents they come from, with ``cluster``). The same numbers as
    :func:`agreement` on the items as given.

    Parameters
    ----------
    a, b, *more : sequences of labels
        The codings, one label per item, in the same item order (two coders' columns;
        a coder's column and a measure's). Missing codings (None, NaN, ``pd.NA``, "")
        are left out: an item counts when at least two codings have it.
    labels : sequence, optional
        The label set (any other label raises); for ``"ordinal"``, in their order.
        Numbers need none: they are ordered as numbers.
    metric : {"nominal", "ordinal", "interval"} or a list of them, default "nominal"
        Krippendorff's alpha for each: "nominal" (any difference is total),
        "ordinal" (ordered labels: the distance grows with the codings that fall
        between two labels), "interval" (numbers: squared difference).
    cluster : sequence, optional
        One label per item naming its cluster (e.g. the CO of each action): whole
        clusters are resampled, since items of one document are not independent.
        By default each item is resampled on its own.
    n_resamples : int, default 1000
        Bootstrap resamples (at least 100).
    confidence_level : float, default 0.95
        Level of the intervals.
    random_state : int, RandomState instance or None, default None
        Seed of the resampling (as scikit-learn): an int gives the same intervals run after run.

    Returns
    -------
    ReliabilityResult
        ``coefficient``, ``estimate``, ``confidence_interval``, ``standard_error``, ...;
        ``result["kappa"]`` is one estimate, ``result.to_frame()`` the table.

    Raises
    ------
    ValueError
        As :func:`agreement`; also for an ordinal metric on unordered labels (strings
        without ``labels``), a ``cluster`` of another length, or bad options.

    Examples
    --------
    >>> coder_a = [5, 4, 4, 5, 2, 3, 5, 4, 1, 5, 4, 5]
    >>> coder_b = [5, 4, 5, 5, 2, 3, 5, 4, 1, 4, 4, 5]
    >>> result = reliability(coder_a, coder_b, metric=["nominal", "ordinal"], random_state=0)
    >>> result.to_frame()[["coefficient", "estimate", "ci_low", "ci_high"]].round(3)
         coefficient  estimate  ci_low  ci_high
    0       observed     0.833   0.583      1.0
    1          kappa     0.760   0.333      1.0
    2  alpha_nominal     0.770   0.343      1.0
    3  alpha_ordinal     0.848   0.472      1.0
    >>> result["kappa"]
    0.76
    """
    metrics = [metric] if isinstance(metric, str) else list(metric)
    if not metrics or len(set(metrics)) != len(metrics):
        raise ValueError(invalid_value("metric", metric, f"one of {METRICS} or a list of distinct ones"))
    for m in metrics:
        check_choice(m, "metric", METRICS)
    n_resamples = check_int(n_resamples, "n_resamples", least=100, expected="an int >= 100 (bootstrap resamples)")
    level = check_number(confidence_level, "confidence_level", "a probability in (0, 1) such as 0.95",
                         lambda v: 0 < v < 1)
    table = _Codings.read((a, b, *more), labels, metrics)
    groups = table.clusters(cluster)
    rng = check_random_state(random_state)
    kappa, observed, alphas = table.coefficients(np.ones((1, table.n_units)))
    estimate = np.concatenate([observed, kappa, alphas[0]])
    weights = np.empty((n_resamples, table.n_units))
    n_groups = int(groups.max()) + 1
    for r in range(n_resamples):
        drawn = np.bincount(rng.randint(0, n_groups, n_groups), minlength=n_groups)
        weights[r] = drawn[groups]
    kappa, observed, alphas = table.coefficients(weights)
    distribution = np.column_stack([observed, kappa, alphas])
    tail = (1 - level) / 2
    with warnings.catch_warnings():  # a coefficient undefined on every resample (one label only) stays NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanquantile(distribution, [tail, 1 - tail], axis=0)
        error = np.nanstd(distribution, axis=0, ddof=1)
    names = ["observed", "kappa", *(f"alpha_{m}" if len(metrics) > 1 or m != "nominal" else "alpha" for m in metrics)]
    return ReliabilityResult(
        coefficient=np.array(names, dtype=object), estimate=estimate,
        confidence_interval=ConfidenceInterval(low, high), standard_error=error, confidence_level=level,
        items=table.n_units, coverage=table.n_units / table.n_items, codings=table.n_codings,
        n_resamples=n_resamples, n_clusters=n_groups, bootstrap_distribution=distribution,
    )


class _Codings:
    """Codings of items as label indices, with the per-item matrices every coefficient sums.

    Alpha (Krippendorff 2011): each item coded ``m >= 2`` times adds to the coincidence
    matrix ``o[c, k]`` the ordered pairs of its codings, weighted ``1 / (m - 1)``;
    ``alpha = 1 - (n - 1) * sum(o * d) / sum(n_c * n_k * d)`` with ``n_c`` the matrix's
    margins and ``d`` the squared distance of the metric. Kappa (Cohen 1960): each
    pair of codings' contingency table. A bootstrap resample is a weight per item
    (how often it was drawn), so every sum is a matrix product.
    """

    def __init__(self, codes: np.ndarray, values: list[Hashable], metrics: Sequence[str]) -> None:
        keep = (codes >= 0).sum(axis=1) >= 2  # the items coded at least twice
        self.n_items, self.n_codings = codes.shape
        self.kept = np.flatnonzero(keep)
        self.codes = codes[keep]
        self.n_units = len(self.codes)
        self.values, self.metrics = values, list(metrics)
        k = len(values)
        counts = np.zeros((self.n_units, k))
        for column in self.codes.T:
            coded = column >= 0
            counts[np.flatnonzero(coded), column[coded]] += 1
        m = counts.sum(axis=1, keepdims=True)
        pairs = counts[:, :, None] * counts[:, None, :] - counts[:, :, None] * np.eye(k)[None]
        self.coincidences = (pairs / (m[:, :, None] - 1)).reshape(self.n_units, k * k)
        self.contingency = []
        for first, second in itertools.combinations(range(self.n_codings), 2):
            both = (self.codes[:, first] >= 0) & (self.codes[:, second] >= 0)
            if both.sum() < 2:
                raise ValueError(f"codings {first + 1} and {second + 1} share {int(both.sum())} coded items; kappa "
                                 "needs at least 2")
            table = np.zeros((self.n_units, k * k))
            rows = np.flatnonzero(both)
            table[rows, self.codes[rows, first] * k + self.codes[rows, second]] = 1
            self.contingency.append(table)
        if self.n_units < 2:
            raise ValueError(f"{self.n_units} item(s) coded at least twice; agreement needs at least 2")
        numbers = np.array(values, dtype=float) if any(m_ == "interval" for m_ in metrics) else None
        self.distances = {
            "nominal": 1 - np.eye(k),
            "interval": None if numbers is None else (numbers[:, None] - numbers[None, :]) ** 2,
        }

    @classmethod
    def read(cls, codings: tuple[Sequence[Hashable], ...], labels: Sequence[Hashable] | None,
             metrics: Sequence[str]) -> _Codings:
        series = [c for c in codings if isinstance(c, pd.Series)]
        if any(not s.index.equals(series[0].index) for s in series[1:]):
            raise ValueError("the codings are pandas Series with different indexes; agreement compares items by "
                             "position: align them first (e.g. b = b.reindex(a.index))")
        lists = [list(c.tolist()) if isinstance(c, (pd.Series, np.ndarray)) else list(c) for c in codings]
        lengths = {len(c) for c in lists}
        if len(lengths) != 1:
            raise ValueError(f"the codings must label the same items: their lengths differ ({sorted(lengths)})")
        numeric = ("interval" in metrics) or ("ordinal" in metrics and labels is None)
        allowed = None if labels is None else list(dict.fromkeys(_plain(v) for v in labels))
        if allowed is not None and "interval" in metrics and not all(
                isinstance(v, numbers.Real) and not isinstance(v, bool) for v in allowed):
            raise ValueError(invalid_value("labels", list(labels), "numbers (metric='interval')"))
        seen: dict[Hashable, None] = {}
        for c, coding in enumerate(lists):
            for i, label in enumerate(coding):
                if _missing(label):
                    coding[i] = None
                    continue
                if not isinstance(label, Hashable):
                    raise TypeError(invalid_value(f"coding {c + 1}, item {i + 1}", label, "one hashable label",
                                                  "compare multi-label codings one label at a time (as 0/1 "
                                                  "codings)"))
                label = coding[i] = _plain(label)
                if allowed is not None and label not in allowed:
                    raise ValueError(invalid_value(f"coding {c + 1}, item {i + 1}", label,
                                                   f"one of the labels {sorted(allowed, key=str)}"))
                if numeric and (isinstance(label, bool) or not isinstance(label, numbers.Real)):
                    wanted = "interval" if "interval" in metrics else "ordinal"
                    raise ValueError(invalid_value(
                        f"coding {c + 1}, item {i + 1}", label, f"a number (metric={wanted!r})",
                        "pass labels=[...] in their order for ordered labels that are not numbers"
                        if wanted == "ordinal" else None))
                seen[label] = None
        if allowed is not None:
            values = allowed
        elif numeric:
            values = sorted(seen)
        else:
            values = sorted(seen, key=lambda v: (str(type(v)), v))
        index = {v: k for k, v in enumerate(values)}
        codes = np.array([[-1 if v is None else index[v] for v in coding] for coding in lists], dtype=int).T
        return cls(codes.reshape(len(lists[0]), len(lists)), values, metrics)

    def clusters(self, cluster: Sequence[Hashable] | None) -> np.ndarray:
        """The cluster (0..G-1) of each item compared: each item its own, or the ``cluster`` labels'."""
        if cluster is None:
            return np.arange(self.n_units)
        labels = list(cluster.tolist()) if isinstance(cluster, (pd.Series, np.ndarray)) else list(cluster)
        if len(labels) != self.n_items:
            raise ValueError(invalid_value("cluster", cluster, f"one label per item ({self.n_items})",
                                           got=f"{len(labels)} labels"))
        kept = [labels[i] for i in self.kept]
        if any(_missing(v) for v in kept):
            raise ValueError("cluster is missing for some items compared: every item needs its cluster")
        return pd.factorize(pd.Series(kept, dtype=object), sort=True)[0]

    def coefficients(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kappa, observed, alphas) for each row of item weights: arrays of length R, R and (R, metrics)."""
        k = len(self.values)
        kappas, observed = [], []
        with np.errstate(invalid="ignore", divide="ignore"):
            for table in self.contingency:
                counts = (weights @ table).reshape(-1, k, k)
                total = counts.sum(axis=(1, 2))
                agree = np.trace(counts, axis1=1, axis2=2) / total
                chance = np.einsum("rc,rc->r", counts.sum(axis=2), counts.sum(axis=1)) / total**2
                kappas.append(np.where(chance < 1, (agree - chance) / (1 - chance), np.nan))
                observed.append(agree)
            o = (weights @ self.coincidences).reshape(-1, k, k)
            margins = o.sum(axis=2)
            n = margins.sum(axis=1)
            alphas = []
            for metric in self.metrics:
                d = self._distance(metric, margins)
                seen = np.einsum("rck,rck->r", o, d) if d.ndim == 3 else np.einsum("rck,ck->r", o, d)
                expected = (np.einsum("rc,rk,rck->r", margins, margins, d) if d.ndim == 3
                            else np.einsum("rc,rk,ck->r", margins, margins, d))
                alphas.append(np.where(expected > 0, 1 - (n - 1) * seen / expected, np.nan))
        return np.mean(kappas, axis=0), np.mean(observed, axis=0), np.column_stack(alphas)

    def _distance(self, metric: str, margins: np.ndarray) -> np.ndarray:
        if metric != "ordinal":
            return self.distances[metric]
        # Krippendorff's ordinal distance: (sum of n_g for g from c to k, minus half of n_c and n_k) squared,
        # with the margins n_g of the coincidence matrix (of each resample).
        cumulative = np.cumsum(margins, axis=1)
        between = cumulative[:, None, :] - cumulative[:, :, None] + (margins[:, :, None] - margins[:, None, :]) / 2
        return between**2


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
