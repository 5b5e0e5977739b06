"""A single-label linear text classifier: TF-IDF features and logistic regression."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_is_fitted
from threadpoolctl import threadpool_limits

from cobs import _checks
from cobs.classify._base import (
    ExplainMixin,
    Texts,
    check_labels,
    check_params,
    check_texts,
    fit_text_features,
    text_tags,
)


class LinearTextClassifier(ExplainMixin, ClassifierMixin, BaseEstimator):
    """Shared implementation of :class:`ActionCategoryClassifier` and :class:`ThemeClassifier`.

    Its parameters are :class:`ThemeClassifier`'s (documented there);
    :class:`ActionCategoryClassifier` declares them again with its own default of
    ``opening_words``.
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        opening_words: int | None = None,
        min_df: int = 2,
        C: float = 10.0,
        class_weight: dict | str | None = None,
        max_iter: int = 1000,
        random_state: int | np.random.RandomState | None = None,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.opening_words = opening_words
        self.min_df = min_df
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: Texts, y: ArrayLike, *, sample_weight: ArrayLike | None = None) -> LinearTextClassifier:
        """Fit the features and the model on texts and their labels.

        Parameters
        ----------
        X : sequence of str
            Texts.
        y : array-like of shape (n_texts,)
            Their labels.
        sample_weight : array-like of shape (n_texts,), optional
            Weight of each text in the loss.

        Returns
        -------
        self
        """
        texts = check_texts(X)
        y = check_labels(y)
        check_consistent_length(texts, y)
        check_classification_targets(y)
        check_params(self)
        _checks.check_int(self.opening_words, "opening_words", allow_none=True)
        self.classes_ = np.unique(y)
        self.features_, matrix = fit_text_features(self, texts, self.opening_words)
        if len(self.classes_) == 1:
            # One class only: predict it always (a logistic regression needs two).
            self.model_ = None
            self.coef_ = np.zeros((1, matrix.shape[1]))
            self.intercept_ = np.zeros(1)
            return self
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                   random_state=self.random_state)
        # L-BFGS does many tiny BLAS operations: threads only make them wait for each
        # other (six times slower on two busy cores), so they run on one.
        with threadpool_limits(limits=1, user_api="blas"):
            model.fit(matrix, y, sample_weight=sample_weight)
        self.model_ = model
        self.coef_ = model.coef_
        self.intercept_ = model.intercept_
        return self

    def _transform(self, X: Texts) -> sp.csr_matrix:
        check_is_fitted(self)
        return self.features_.transform(check_texts(X))

    def decision_function(self, X: Texts) -> np.ndarray:
        """Scores (log-odds) per class: shape (n_texts,) for two classes, (n_texts, n_classes) otherwise."""
        matrix = self._transform(X)
        if self.model_ is None:
            return np.zeros(matrix.shape[0])
        return self.model_.decision_function(matrix)

    def predict_proba(self, X: Texts) -> np.ndarray:
        """Probability of each class (columns in the order of ``classes_``)."""
        matrix = self._transform(X)
        if self.model_ is None:
            return np.ones((matrix.shape[0], 1))
        return self.model_.predict_proba(matrix)

    def predict(self, X: Texts) -> np.ndarray:
        """The most probable class of each text."""
        matrix = self._transform(X)
        if self.model_ is None:
            return np.repeat(self.classes_, matrix.shape[0])
        return self.model_.predict(matrix)

    def _explained_coefs(self, text: str, label: object) -> list[tuple[object, np.ndarray]]:
        """The label to explain (the predicted one by default) and its weights."""
        if label is None:
            label = self.predict([text])[0]
        k = int(np.flatnonzero(self.classes_ == label)[0])
        if self.coef_.shape[0] == 1:
            return [(label, self.coef_[0] if k == 1 or len(self.classes_) == 1 else -self.coef_[0])]
        return [(label, self.coef_[k])]

    def __sklearn_tags__(self) -> Tags:
        return text_tags(super().__sklearn_tags__())
