"""Agreement between coders, or between coders and a measure: percent agreement, Cohen's kappa, Krippendorff's alpha.

:func:`agreement` gives the point estimates (:class:`AgreementResult`), :func:`reliability` the same coefficients
with bootstrap intervals (:class:`ReliabilityResult`); both read the codings once (:class:`_Codings`).
"""

from __future__ import annotations

import dataclasses
import itertools
import numbers
import warnings
from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from cobs._checks import check_choice, check_int, check_number
from cobs.errors import invalid_value
from cobs.stats import ConfidenceInterval, Result

__all__ = ["AGREEMENT_FIELDS", "METRICS", "AgreementResult", "ReliabilityResult", "agreement", "reliability"]

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
