"""A single-label linear text classifier: TF-IDF features and logistic regression."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, ClassifierMixin
from threadpoolctl import threadpool_limits
from sklearn.linear_model import LogisticRegression
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_consistent_length, check_is_fitted

from cobs.classify._base import (
    Texts,
    check_explain_args,
    check_labels,
    check_ngrams,
    check_positive,
    check_texts,
    explain_rows,
    fit_features,
    make_features,
    text_tags,
)


class LinearTextClassifier(ClassifierMixin, BaseEstimator):
    """Shared implementation of :class:`ActionCategoryClassifier` and :class:`ThemeClassifier`.

    Subclasses declare their parameters (and defaults) in ``__init__``.
    """

    word_ngrams: tuple[int, int] | None
    char_ngrams: tuple[int, int] | None
    opening_words: int | None
    min_df: int
    C: float
    class_weight: dict | str | None
    max_iter: int
    random_state: int | np.random.RandomState | None

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
        self._check_params()
        self.classes_ = np.unique(y)
        features = make_features(word_ngrams=check_ngrams(self.word_ngrams, "word_ngrams"),
                                 char_ngrams=check_ngrams(self.char_ngrams, "char_ngrams"),
                                 opening_words=self.opening_words, min_df=self.min_df)
        matrix = fit_features(features, texts)
        self.features_ = features
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

    def _check_params(self) -> None:
        check_positive(self.C, "C")
        check_positive(self.max_iter, "max_iter", integer=True)
        check_positive(self.min_df, "min_df", integer=True)
        check_positive(self.opening_words, "opening_words", integer=True, allow_none=True)

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

    def explain(self, text: str, *, top: int = 10, label: object = None) -> pd.DataFrame:
        """The terms of ``text`` that weigh most for its predicted label.

        Parameters
        ----------
        text : str
            One text.
        top : int, default=10
            How many terms to return.
        label : optional
            Explain this label instead of the predicted one.

        Returns
        -------
        pandas.DataFrame
            One row per term, largest absolute contribution first; columns
            :data:`cobs.classify.EXPLAIN_COLUMNS` (``label``, ``term``, ``features``,
            ``value``, ``coefficient``, ``contribution``). A positive contribution
            speaks for the label, a negative one against it.
        """
        check_is_fitted(self)
        check_explain_args(text, top)
        matrix = self.features_.transform([text])
        if label is None:
            label = self.predict([text])[0]
        elif label not in set(self.classes_.tolist()):
            raise ValueError(f"label {label!r} is not one of the classes {self.classes_.tolist()}")
        k = int(np.flatnonzero(self.classes_ == label)[0])
        if self.coef_.shape[0] == 1:
            coef = self.coef_[0] if k == 1 or len(self.classes_) == 1 else -self.coef_[0]
        else:
            coef = self.coef_[k]
        return explain_rows(self.features_, matrix, coef, label, top=top)

    def __sklearn_tags__(self) -> Tags:
        return text_tags(super().__sklearn_tags__())
