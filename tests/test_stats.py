"""cobs.stats: the bootstrap over documents, clustered regression, multiple-testing adjustment, result objects."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from cobs.stats import ConfidenceInterval, Result, adjust_p, bootstrap, regress

# ------------------------------------------------------------------------------------------- adjust_p


def test_benjamini_hochberg_by_hand():
    # p sorted: 0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205 (m = 8); p * m / rank:
    # 0.008, 0.032, 0.104, 0.082, 0.0672, 0.08, 0.0846, 0.205; then the least from each rank up:
    # 0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0846, 0.205
    p = [0.041, 0.001, 0.205, 0.039, 0.008, 0.06, 0.042, 0.074]
    q = adjust_p(p, method="bh")
    assert q == pytest.approx([0.0672, 0.008, 0.205, 0.0672, 0.032, 0.08, 0.0672, 0.0845714], abs=1e-6)
    assert adjust_p(p, method="bonferroni") == pytest.approx([0.328, 0.008, 1.0, 0.312, 0.064, 0.48, 0.336, 0.592])


def test_adjust_p_agrees_with_statsmodels_and_keeps_missing_values():
    from statsmodels.stats.multitest import multipletests

    rng = np.random.RandomState(0)
    p = np.concatenate([rng.uniform(size=200), rng.uniform(0, 0.001, size=20)])
    assert adjust_p(p) == pytest.approx(multipletests(p, method="fdr_bh")[1])
    assert adjust_p(p, method="bonferroni") == pytest.approx(multipletests(p, method="bonferroni")[1])
    with_nan = adjust_p([0.01, np.nan, 0.02])
    assert np.isnan(with_nan[1]) and with_nan[[0, 2]] == pytest.approx([0.02, 0.02])  # two tests, not three
    assert adjust_p([]).size == 0


def test_adjust_p_refuses_what_is_not_a_p_value():
    with pytest.raises(ValueError, match=r"p_values must be p-values in \[0, 1\], got 1.5"):
        adjust_p([0.2, 1.5])
    with pytest.raises(ValueError, match="method must be 'bh' or 'bonferroni', got 'holm'"):
        adjust_p([0.2], method="holm")
    with pytest.raises(TypeError, match="p_values must be p-values"):
        adjust_p(["a"])


# ------------------------------------------------------------------------------------------- bootstrap

def _clustered(n_docs: int = 30, rows: int = 20, seed: int = 0) -> pd.DataFrame:
    """Documents whose rows share their document's value: the rows of one document are not independent."""
    rng = np.random.RandomState(seed)
    values = rng.normal(size=n_docs)
    return pd.DataFrame({"symbol": np.repeat([f"D{i:02d}" for i in range(n_docs)], rows),
                         "value": np.repeat(values, rows), "period": np.repeat(["a", "b"], n_docs * rows // 2)})


def test_bootstrap_resamples_whole_documents():
    table = _clustered()
    result = bootstrap(table, lambda t: t["value"].mean(), n_resamples=2000, random_state=0)
    means = table.groupby("symbol")["value"].first()
    # the standard error of a mean of 30 independent documents, not of 600 independent rows
    assert result.standard_error == pytest.approx(means.std(ddof=0) / np.sqrt(30), rel=0.1)
    assert result.estimate == pytest.approx(means.mean())
    low, high = result.confidence_interval
    assert low < result.estimate < high and result.n_clusters == 30 and result.bootstrap_distribution.shape == (2000,)
    again = bootstrap(table.sample(frac=1, random_state=3), lambda t: t["value"].mean(), n_resamples=2000,
                      random_state=0)  # any row order: the same clusters drawn
    assert again.confidence_interval == pytest.approx(result.confidence_interval)


def test_bootstrap_strata_keep_their_documents_and_vectors_work():
    table = _clustered()

    def sizes(t: pd.DataFrame) -> np.ndarray:
        return np.array([t.loc[t["period"] == p, "symbol"].size for p in ("a", "b")], dtype=float)

    result = bootstrap(table, sizes, strata="period", n_resamples=200, random_state=1)
    assert (result.bootstrap_distribution == [300, 300]).all()  # 15 documents of 20 rows each side, every time
    frame = result.to_frame()
    assert len(frame) == 2 and list(frame["estimate"]) == [300, 300]


def test_bootstrap_bad_input():
    table = _clustered()
    with pytest.raises(ValueError, match="table has no column 'doc'"):
        bootstrap(table, len, cluster="doc")
    with pytest.raises(ValueError, match="n_resamples must be an int >= 100"):
        bootstrap(table, len, n_resamples=10)
    with pytest.raises(ValueError, match="confidence_level must be a probability in"):
        bootstrap(table, len, confidence_level=95)
    with pytest.raises(TypeError, match="statistic must be a function"):
        bootstrap(table, "mean")


# ------------------------------------------------------------------------------------------- regress

def test_regress_gives_the_group_means_and_the_clustered_errors_by_hand():
    table = _clustered(n_docs=12, rows=3, seed=4)
    table["value"] = table["value"] + np.tile([0.0, 0.5, -0.5], 12)  # rows differ within a document
    fit = regress(table, "value", "period")
    means = table.groupby("period")["value"].mean()
    assert fit.term.tolist() == ["Intercept", "period[b]"]
    assert fit.estimate == pytest.approx([means["a"], means["b"] - means["a"]])
    # CR1 by hand: (X'X)^-1 (sum_g X_g' u_g u_g' X_g) (X'X)^-1 * G/(G-1) * (N-1)/(N-K)
    X = np.column_stack([np.ones(len(table)), (table["period"] == "b").astype(float)])
    u = table["value"].to_numpy() - X @ fit.estimate
    bread = np.linalg.inv(X.T @ X)
    meat = sum(np.outer(X[idx].T @ u[idx], X[idx].T @ u[idx])
               for idx in (np.flatnonzero(table["symbol"] == s) for s in table["symbol"].unique()))
    n, k, g = len(table), 2, 12
    cov = bread @ meat @ bread * g / (g - 1) * (n - 1) / (n - k)
    assert fit.standard_error == pytest.approx(np.sqrt(np.diag(cov)))
    # t with G - 1 degrees of freedom
    from scipy.stats import t

    half = t.ppf(0.975, g - 1) * fit.standard_error[1]
    assert fit.confidence_interval.low[1] == pytest.approx(fit.estimate[1] - half)
    assert fit.n_clusters == 12 and fit.cov_type == "cluster" and fit.coefficient("period[b]") == fit.estimate[1]
    assert list(fit.to_frame().columns) == list(__import__("cobs.columns").columns.REGRESSION_COLUMNS)


def test_regress_weights_every_document_the_same():
    table = pd.DataFrame({"symbol": ["A"] * 9 + ["B"] + ["C"] * 2 + ["D"] * 2, "value": [1.0] * 9 + [0.0] + [0.5] * 4,
                          "period": ["x"] * 10 + ["y"] * 4})
    table["w"] = 1 / table.groupby("symbol")["symbol"].transform("size")
    fit = regress(table, "value", "period", weights="w")
    assert fit.estimate[0] == pytest.approx(0.5)  # mean of A (1) and B (0), not 0.9 of the rows
    assert regress(table, "value", [], cluster=None).estimate[0] == pytest.approx(table["value"].mean())


def test_regress_bad_input():
    table = _clustered(n_docs=4, rows=2)
    with pytest.raises(ValueError, match="table has no column 'region'"):
        regress(table, "value", "region")
    with pytest.raises(ValueError, match="1 row.*missing value"):
        regress(table.assign(value=[np.nan] + [1.0] * 7), "value", "period")
    with pytest.raises(ValueError, match="collinear"):
        regress(table.assign(copy=table["period"] == "b"), "value", ["period", "copy"])
    with pytest.raises(ValueError, match="clustered errors need two or more"):
        regress(table.assign(symbol="A"), "value", "period")
    with pytest.raises(ValueError, match="y must be a column of numbers"):
        regress(table, "symbol", "period")


def test_import_cobs_loads_neither_statsmodels_nor_scipy():
    code = ("import sys, cobs, cobs.compare, cobs.stats; "
            "assert 'statsmodels' not in sys.modules, 'cobs.stats loads statsmodels'; "
            "import cobs.stats; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "ok", done.stderr
    done = subprocess.run([sys.executable, "-c", "import sys, cobs; assert 'scipy.stats' not in sys.modules; "
                           "print('ok')"], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "ok", done.stderr


# ------------------------------------------------------------------------------------------- the convention

def test_result_to_frame_convention():
    @dataclasses.dataclass(frozen=True)
    class Effects(Result):
        term: np.ndarray
        estimate: np.ndarray
        confidence_interval: ConfidenceInterval
        confidence_level: float
        model: object = dataclasses.field(metadata={"frame": False}, default=None)

    result = Effects(np.array(["a", "b"]), np.array([1.0, 2.0]), ConfidenceInterval(np.array([0.0, 1.0]),
                                                                                   np.array([2.0, 3.0])), 0.9)
    frame = result.to_frame()
    assert list(frame.columns) == ["term", "estimate", "ci_low", "ci_high", "confidence_level"]
    assert frame["confidence_level"].tolist() == [0.9, 0.9]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.estimate = np.array([0.0])  # type: ignore[misc]

    @dataclasses.dataclass(frozen=True)
    class Ragged(Result):
        a: np.ndarray
        b: np.ndarray

    with pytest.raises(ValueError, match="differ in length"):
        Ragged(np.zeros(2), np.zeros(3)).to_frame()
