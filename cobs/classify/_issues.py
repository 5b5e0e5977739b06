"""UPR Info issues of a recommendation: multi-label, with per-label thresholds."""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from numpy.typing import ArrayLike
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC
from sklearn.utils import Tags, check_random_state
from sklearn.utils.validation import check_consistent_length, check_is_fitted
from threadpoolctl import threadpool_limits

from cobs import _checks
from cobs._workers import parallel_options
from cobs.classify._base import (
    ExplainMixin,
    Texts,
    check_params,
    check_texts,
    fit_text_features,
    text_tags,
)
from cobs.errors import invalid_value

__all__ = ["IssueClassifier"]

_SURE = 10.0  # logit of a label that is constant in the training data


class IssueClassifier(ExplainMixin, ClassifierMixin, BaseEstimator):
    """Predict the issues (themes) of recommendations: several labels per text.

    A transparent model: TF-IDF of word n-grams (optionally character n-grams),
    one linear support vector machine per label, its scores turned into
    probabilities by a sigmoid (Platt scaling) fitted on held-out training texts,
    and one probability threshold per label, chosen on the same held-out texts to
    maximise that label's F1. The thresholds are what lifts the rare labels: a
    label seen 100 times rarely gets a probability above 0.5.

    Fitting: the training texts are split (``threshold_size`` held out, seeded by
    ``random_state``); the per-label models are fitted on the rest and scored on
    the held-out part, which fits the sigmoids and the thresholds; then the models
    are refitted on all training texts (as ``CalibratedClassifierCV(ensemble=False)``
    does). The vectorizers see all training texts once.

    Parameters
    ----------
    word_ngrams : tuple (min_n, max_n) or None, default=(1, 2)
        Word n-grams (lowercased, TF-IDF with sublinear term frequency); None for none.
    char_ngrams : tuple (min_n, max_n) or None, default=None
        Character n-grams within word boundaries; None for none.
    min_df : int, default=2
        A term must occur in at least this many training texts.
    C : float, default=1.0
        Regularisation of the per-label support vector machines (chosen on sessions
        19-21 held out from sessions 1-18 of UPR Info).
    class_weight : dict, "balanced" or None, default=None
        Weights of the negative (0) and positive (1) texts of each label.
    threshold : "tuned" or float, default="tuned"
        "tuned": per-label thresholds chosen on the held-out texts; a number in (0, 1):
        the same probability threshold for every label.
    threshold_size : float, default=0.2
        Share of the training texts held out to fit the sigmoids and thresholds.
    min_positives : int, default=5
        A label needs this many held-out texts carrying it to get its own sigmoid and
        threshold; rarer labels share a sigmoid fitted on all labels' held-out
        scores, and their threshold is the probability at the model's own boundary
        (score 0).
    max_iter : int, default=2000
        Iterations allowed to each support vector machine.
    n_jobs : int or None, default=None
        Labels fitted in parallel (joblib); None means 1.
    random_state : int, RandomState instance or None, default=None
        Seeds the held-out split and the solvers.

    Attributes
    ----------
    classes_ : ndarray of shape (n_labels,)
        The labels, sorted (or ``0 .. n_labels-1`` when ``y`` was an indicator matrix).
    features_ : sklearn.pipeline.FeatureUnion
        The fitted vectorizers ("words", "chars").
    coef_ : ndarray of shape (n_labels, n_features)
        Weights of the features per label (refitted on all training texts).
    intercept_ : ndarray of shape (n_labels,)
        Intercepts.
    calibration_ : ndarray of shape (n_labels, 2)
        Sigmoid slope and intercept per label: probability = expit(a * score + b).
    thresholds_ : ndarray of shape (n_labels,)
        Probability threshold of each label.
    threshold_f1_ : ndarray of shape (n_labels,)
        F1 of each label on the held-out texts at its threshold (NaN where the label
        had fewer than ``min_positives`` held-out texts).

    See Also
    --------
    ActionCategoryClassifier : the action category of a recommendation.

    Examples
    --------
    >>> texts = ["Ratify the Convention on the Rights of Persons with Disabilities",
    ...          "Protect the rights of persons with disabilities", "Ratify the Optional Protocol",
    ...          "Combat violence against women", "Protect women from domestic violence",
    ...          "Accede to the Convention on women's rights"] * 3
    >>> labels = [["Disabilities", "International instruments"], ["Disabilities"],
    ...           ["International instruments"], ["Women's rights"], ["Women's rights"],
    ...           ["International instruments", "Women's rights"]] * 3
    >>> model = IssueClassifier(min_df=1, threshold=0.5, random_state=0).fit(texts, labels)
    >>> model.classes_.tolist()
    ['Disabilities', 'International instruments', "Women's rights"]
    >>> model.predict_labels(["Ratify the Protocol", "End violence against women",
    ...                       "Protect persons with disabilities"])
    [['International instruments'], ["Women's rights"], ['Disabilities']]
    >>> model.explain("Protect persons with disabilities", top=2)[["label", "term"]]
              label          term
    0  Disabilities  disabilities
    1  Disabilities       persons
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        min_df: int = 2,
        C: float = 1.0,
        class_weight: dict | str | None = None,
        threshold: Literal["tuned"] | float = "tuned",
        threshold_size: float = 0.2,
        min_positives: int = 5,
        max_iter: int = 2000,
        n_jobs: int | None = None,
        random_state: int | np.random.RandomState | None = None,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.threshold_size = threshold_size
        self.min_positives = min_positives
        self.max_iter = max_iter
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X: Texts, y: Sequence[Sequence[Hashable]] | ArrayLike) -> IssueClassifier:
        """Fit the features, the per-label models, their sigmoids and thresholds.

        Parameters
        ----------
        X : sequence of str
            Texts.
        y : sequence of sequences of labels, or array-like of shape (n_texts, n_labels)
            The labels of each text (``[["Women's rights", "Justice"], [], ...]``; an
            empty list is a text with none of the labels, so leave unlabelled texts
            out), or a 0/1 indicator matrix.

        Returns
        -------
        self
        """
        with threadpool_limits(limits=1, user_api="blas"):  # many small BLAS calls: threads only wait
            return self._fit(X, y)

    def _fit(self, X: Texts, y: Sequence[Sequence[Hashable]] | ArrayLike) -> IssueClassifier:
        texts = check_texts(X)
        indicator, classes = _label_matrix(y)
        check_consistent_length(texts, indicator)
        self._check_params()
        rng = check_random_state(self.random_state)
        features, matrix = self._fit_features(texts)
        n_texts, n_labels = indicator.shape
        seed = rng.randint(np.iinfo(np.int32).max)

        calibration = np.tile([1.0, 0.0], (n_labels, 1))
        thresholds = np.full(n_labels, 0.5 if self.threshold == "tuned" else float(self.threshold))
        threshold_f1 = np.full(n_labels, np.nan)
        n_held = int(round(self.threshold_size * n_texts))
        if 1 <= n_held < n_texts:
            fit_idx, held_idx = train_test_split(np.arange(n_texts), test_size=n_held, random_state=seed)
            part = matrix[fit_idx]
            part.sort_indices()
            coef, intercept = self._fit_labels(part, indicator[fit_idx], seed)
            scores = np.asarray(matrix[held_idx] @ coef.T) + intercept
            calibration, thresholds, threshold_f1 = self._calibrate(scores, indicator[held_idx], coef)
        self.coef_, self.intercept_ = self._fit_labels(matrix, indicator, seed)
        constant = indicator.min(axis=0) == indicator.max(axis=0)
        calibration[constant] = [1.0, 0.0]  # scores are +/-_SURE: probabilities ~1 or ~0
        thresholds[constant] = 0.5
        self.classes_ = classes
        self.features_ = features
        self.calibration_ = calibration
        self.thresholds_ = thresholds
        self.threshold_f1_ = threshold_f1
        return self

    def _fit_features(self, texts: list[str]) -> tuple[FeatureUnion, sp.csr_matrix]:
        """The fitted feature union and the training texts' features (a subclass may add features)."""
        return fit_text_features(self, texts, opening_words=None)

    def _check_params(self) -> None:
        check_params(self)
        _checks.check_int(self.min_positives, "min_positives")
        _checks.check_number(self.threshold_size, "threshold_size", "a share between 0 and 1", lambda v: 0 < v < 1)
        if self.threshold != "tuned":
            _checks.check_number(self.threshold, "threshold", "'tuned' or a probability between 0 and 1",
                                 lambda v: 0 < v < 1)

    def _fit_labels(self, matrix: sp.csr_matrix, indicator: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
        results = Parallel(n_jobs=self.n_jobs, max_nbytes=None, **parallel_options())(  # workers end with the run
            delayed(_fit_label)(matrix, indicator[:, j], C=self.C, class_weight=self.class_weight,
                                max_iter=self.max_iter, random_state=seed)
            for j in range(indicator.shape[1])
        )
        coef = np.vstack([c for c, _ in results])
        intercept = np.array([b for _, b in results])
        return coef, intercept

    def _calibrate(
        self, scores: np.ndarray, truth: np.ndarray, coef: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n_labels = truth.shape[1]
        varying = np.any(coef, axis=1)
        pooled = _sigmoid(scores[:, varying].ravel(), truth[:, varying].ravel()) if varying.any() else (1.0, 0.0)
        calibration = np.tile(pooled, (n_labels, 1))
        thresholds = np.full(n_labels, np.nan)
        threshold_f1 = np.full(n_labels, np.nan)
        for j in range(n_labels):
            positives = int(truth[:, j].sum())
            if varying[j] and positives >= self.min_positives and positives < len(truth):
                calibration[j] = _sigmoid(scores[:, j], truth[:, j])
            a, b = calibration[j]
            proba = expit(a * scores[:, j] + b)
            if self.threshold == "tuned" and varying[j] and positives >= self.min_positives:
                thresholds[j], threshold_f1[j] = _best_threshold(proba, truth[:, j].astype(bool))
            elif self.threshold == "tuned":
                thresholds[j] = expit(b)  # the probability at score 0, the model's own boundary
            else:
                thresholds[j] = float(self.threshold)
                threshold_f1[j] = _f1(proba >= thresholds[j], truth[:, j].astype(bool))
        return calibration, thresholds, threshold_f1

    def decision_function(self, X: Texts) -> np.ndarray:
        """Score of each label for each text: shape (n_texts, n_labels)."""
        check_is_fitted(self)
        matrix = self.features_.transform(check_texts(X))
        return np.asarray(matrix @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: Texts) -> np.ndarray:
        """Calibrated probability of each label for each text: shape (n_texts, n_labels)."""
        scores = self.decision_function(X)
        return expit(self.calibration_[:, 0] * scores + self.calibration_[:, 1])

    def predict(self, X: Texts) -> np.ndarray:
        """0/1 indicator matrix of shape (n_texts, n_labels): probability >= the label's threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int64)

    def predict_labels(self, X: Texts) -> list[list]:
        """The predicted labels of each text, as lists (in the order of ``classes_``)."""
        predicted = self.predict(X)
        return [self.classes_[row.astype(bool)].tolist() for row in predicted]

    def _explained_coefs(self, text: str, label: object) -> list[tuple[object, np.ndarray]]:
        """The labels to explain (every predicted one by default, else the most probable) and their weights."""
        if label is None:
            proba = self.predict_proba([text])[0]
            chosen = np.flatnonzero(proba >= self.thresholds_)
            if not len(chosen):
                chosen = np.array([int(np.argmax(proba))])
        else:
            chosen = np.flatnonzero(self.classes_ == label)
        return [(self.classes_[j], self.coef_[j]) for j in chosen]

    def __sklearn_tags__(self) -> Tags:
        tags = text_tags(super().__sklearn_tags__())
        tags.classifier_tags.multi_label = True
        tags.target_tags.two_d_labels = True
        return tags


def _label_matrix(y: object) -> tuple[np.ndarray, np.ndarray]:
    """A 0/1 matrix and the label names from lists of labels or from an indicator matrix."""
    if isinstance(y, (str, bytes)):
        raise ValueError(invalid_value("y", y, "the labels of each text (a list of lists)"))
    if isinstance(y, pd.DataFrame) or (isinstance(y, np.ndarray) and y.ndim == 2) or sp.issparse(y):
        matrix = y.toarray() if sp.issparse(y) else np.asarray(y)
        if matrix.ndim != 2 or not np.isin(matrix, (0, 1)).all():
            raise ValueError(invalid_value("y", y, "lists of labels or a 0/1 indicator matrix of shape (n_texts, "
                                           "n_labels)", got=f"a matrix of shape {matrix.shape} holding other values"))
        classes = np.asarray(y.columns) if isinstance(y, pd.DataFrame) else np.arange(matrix.shape[1])
        return matrix.astype(np.int64), classes
    if not isinstance(y, (Sequence, pd.Series, np.ndarray)):
        raise TypeError(invalid_value("y", y, "a sequence of label lists or an indicator matrix"))
    rows = list(y)
    for i, labels in enumerate(rows):
        if isinstance(labels, (str, bytes)) or not isinstance(labels, (Sequence, set, frozenset, np.ndarray)):
            raise TypeError(invalid_value(f"y[{i}]", labels, "a list of labels",
                                          "wrap a single label in a list: [['Women's rights'], ...]"))
    binarizer = MultiLabelBinarizer()
    matrix = binarizer.fit_transform(rows)
    if matrix.shape[1] == 0:
        raise ValueError("y holds no label at all: every text has an empty list of labels")
    return matrix.astype(np.int64), binarizer.classes_


def _fit_label(matrix: sp.csr_matrix, y: np.ndarray, *, C: float, class_weight: object, max_iter: int,
               random_state: int) -> tuple[np.ndarray, float]:
    if y.min() == y.max():
        return np.zeros(matrix.shape[1]), (_SURE if y[0] else -_SURE)
    model = LinearSVC(C=C, class_weight=class_weight, max_iter=max_iter, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(matrix, y)
    return model.coef_[0], float(model.intercept_[0])


def _sigmoid(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Platt scaling: slope and intercept of a logistic regression on the scores."""
    if truth.min() == truth.max():
        return (1.0, 0.0)
    model = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), truth)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    tp = np.sum(predicted & truth)
    denominator = predicted.sum() + truth.sum()
    return float(2 * tp / denominator) if denominator else 0.0


def _best_threshold(proba: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The probability threshold maximising F1 on (proba, truth), halfway between two scores."""
    order = np.argsort(-proba, kind="stable")
    ranked, hits = proba[order], truth[order]
    tp = np.cumsum(hits)
    fp = np.cumsum(~hits)
    f1 = 2 * tp / (tp + fp + truth.sum())
    # Only cut between distinct probabilities.
    distinct = np.append(ranked[:-1] > ranked[1:], True)
    f1 = np.where(distinct, f1, -1.0)
    k = int(np.argmax(f1))
    threshold = ranked[k] if k + 1 == len(ranked) else (ranked[k] + ranked[k + 1]) / 2
    return float(threshold), float(f1[k])
