"""What the text classifiers share: input checks, tags, term explanations."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.utils import Tags
from sklearn.utils.validation import check_is_fitted, column_or_1d

from cobs import _checks
from cobs.classify._features import OpeningAnalyzer
from cobs.errors import invalid_value
from cobs.text import vectorizer

Texts = Sequence[str] | np.ndarray | pd.Series
"""What the classifiers take as ``X``: a one-dimensional sequence of str."""

EXPLAIN_COLUMNS: dict[str, str] = {
    "label": "The label explained (the predicted one, unless asked for another).",
    "term": "The feature: a word or word n-gram, a character n-gram, or an opening token ('0:continue').",
    "features": "Which feature set it belongs to: 'words', 'chars' or 'opening'.",
    "value": "Its TF-IDF value in the text.",
    "coefficient": "The model's weight of the feature for the label.",
    "contribution": "value x coefficient: what the term adds to the label's score (decision_function).",
}
"""Columns of the tables returned by the classifiers' ``explain`` methods."""


def check_texts(X: object, *, name: str = "X") -> list[str]:
    """``X`` as a list of str, or a clear error saying what to pass instead."""
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            raise ValueError(invalid_value(name, X, "one column of texts", "pass the text column, e.g. "
                                           "table['recommendation']", got=f"a DataFrame with {X.shape[1]} columns"))
        X = X.iloc[:, 0]
    texts = _checks.check_texts(X, name, vectorises="the classifier")
    if not texts:
        raise ValueError(f"{name} is empty: found 0 texts, a minimum of 1 is required")
    return texts


def check_labels(y: object) -> np.ndarray:
    """Single labels as a 1-D numpy array; pandas nullable columns (Int64, string) are converted."""
    if isinstance(y, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        series = pd.Series(y)
        if series.isna().any():
            raise ValueError(f"y contains {int(series.isna().sum())} missing labels; drop those texts before fitting")
        numpy_dtype = getattr(series.dtype, "numpy_dtype", None)
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype) and numpy_dtype is not None:
            series = series.astype(numpy_dtype)
        y = series.to_numpy()
    labels = column_or_1d(y, warn=True)
    if labels.dtype.kind == "f" and not np.isfinite(labels).all():
        raise ValueError("y contains NaN or infinity; drop those texts before fitting")
    if labels.dtype == object and any(v is None or (isinstance(v, float) and np.isnan(v)) for v in labels):
        raise ValueError("y contains missing labels (None or NaN); drop those texts before fitting")
    return labels


def text_tags(tags: Tags) -> Tags:
    """Declare raw text input: a 1-D sequence of str, not a 2-D numeric array."""
    tags.input_tags.string = True
    tags.input_tags.one_d_array = True
    tags.input_tags.two_d_array = False
    tags.input_tags.sparse = False
    return tags


def make_features(
    *,
    word_ngrams: tuple[int, int] | None,
    char_ngrams: tuple[int, int] | None,
    opening_words: int | None,
    min_df: int,
) -> FeatureUnion:
    """Word, character and opening-word TF-IDF features, side by side."""
    parts: list[tuple[str, TfidfVectorizer]] = []
    if word_ngrams is not None:
        # the shared tokenisation (cobs.text), as scikit-learn's default: no stop words or formula phrases
        # left out, the setting the classifiers' figures were measured with
        parts.append(("words", vectorizer(ngram_range=word_ngrams, stop_words=None, formula=(), numbers=True,
                                          min_df=min_df)))
    if char_ngrams is not None:
        parts.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True,
                                               min_df=max(min_df, 2), dtype=np.float64)))
    if opening_words is not None:
        parts.append(("opening", TfidfVectorizer(analyzer=OpeningAnalyzer(opening_words), sublinear_tf=True,
                                                 min_df=min_df, lowercase=False, dtype=np.float64)))
    if not parts:
        raise ValueError("no features: set at least one of word_ngrams, char_ngrams, opening_words")
    return FeatureUnion(parts)


def fit_features(features: FeatureUnion, texts: list[str], min_df: int) -> sp.csr_matrix:
    """Fit the feature union; a text set too small for ``min_df`` falls back to ``min_df=1``, with a warning.

    ``min_df`` is the one the user asked for (the character n-grams' floor of 2 is cobs's own: falling
    back from it needs no word).
    """
    try:
        return features.fit_transform(texts).tocsr()
    except ValueError as exc:  # "After pruning, no terms remain" / "max_df corresponds to < documents than min_df"
        if "min_df" not in str(exc) and "no terms remain" not in str(exc):
            raise
        if min_df > 1:
            warnings.warn(
                f"min_df={min_df} leaves no term in the {len(texts)} training texts; the features were fitted with "
                "min_df=1 instead (give more texts, or set min_df=1 to say so)",
                UserWarning,
                stacklevel=_outside_cobs(),
            )
        features.set_params(**{f"{name}__min_df": 1 for name, part in features.transformer_list
                               if "min_df" in part.get_params()})
        return features.fit_transform(texts).tocsr()


def _outside_cobs() -> int:
    """The ``stacklevel`` of a warning raised by the caller that points at the first line outside cobs."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frame, level = sys._getframe(2), 2  # 1: the function that warns
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def check_params(estimator: BaseEstimator) -> None:
    """Check the parameters every classifier has: ``C``, ``max_iter``, ``min_df``, the n-gram ranges."""
    _checks.check_number(estimator.C, "C", "a positive number", lambda v: v > 0)
    _checks.check_int(estimator.max_iter, "max_iter")
    _checks.check_int(estimator.min_df, "min_df")
    for name in ("word_ngrams", "char_ngrams"):
        _checks.check_ngram_range(getattr(estimator, name), name, allow_none=True)


def fit_text_features(estimator: BaseEstimator, texts: list[str], opening_words: int | None
                      ) -> tuple[FeatureUnion, sp.csr_matrix]:
    """The fitted feature union of a classifier (its ``word_ngrams``, ``char_ngrams``, ``min_df``) and ``texts``."""
    features = make_features(word_ngrams=estimator.word_ngrams, char_ngrams=estimator.char_ngrams,
                             opening_words=opening_words, min_df=estimator.min_df)
    return features, fit_features(features, texts, estimator.min_df)


class ExplainMixin:
    """``explain`` for the fitted classifiers: which terms of a text weigh for a label.

    The classifier says which labels to explain, and with which weights, through
    ``_explained_coefs(text, label)``.
    """

    classes_: np.ndarray
    features_: FeatureUnion

    def explain(self, text: str, *, top: int = 10, label: object = None) -> pd.DataFrame:
        """The terms of ``text`` that weigh most for its predicted label(s).

        Parameters
        ----------
        text : str
            One text.
        top : int, default=10
            How many terms per label.
        label : optional
            Explain this label only. By default the predicted label is explained
            (:class:`IssueClassifier`: every predicted label, or the most probable one
            when none is predicted).

        Returns
        -------
        pandas.DataFrame
            ``top`` rows per label, largest absolute contribution first; columns
            :data:`cobs.classify.EXPLAIN_COLUMNS` (``label``, ``term``, ``features``,
            ``value``, ``coefficient``, ``contribution``). A positive contribution
            speaks for the label, a negative one against it.
        """
        check_is_fitted(self)
        if not isinstance(text, str):
            raise TypeError(invalid_value("text", text, "one str", "explain one text at a time"))
        _checks.check_int(top, "top")
        if label is not None and label not in set(self.classes_.tolist()):
            raise ValueError(invalid_value("label", label, f"one of the classes {self.classes_.tolist()}"))
        matrix = self.features_.transform([text])
        tables = [explain_rows(self.features_, matrix, coef, name, top=top)
                  for name, coef in self._explained_coefs(text, label)]
        return pd.concat(tables, ignore_index=True)

    def _explained_coefs(self, text: str, label: object) -> list[tuple[object, np.ndarray]]:
        raise NotImplementedError


def explain_rows(
    features: FeatureUnion,
    x: sp.csr_matrix,
    coef: np.ndarray,
    label: object,
    *,
    top: int,
) -> pd.DataFrame:
    """The ``top`` terms of one vectorized text with the largest |value x coefficient|."""
    names = features.get_feature_names_out()
    row = x.tocsr()
    idx = row.indices
    values = row.data
    contributions = values * coef[idx]
    order = np.argsort(-np.abs(contributions), kind="stable")[:top]
    sets, terms = zip(*(str(names[idx[i]]).split("__", 1) for i in order), strict=True) if len(order) else ((), ())
    return pd.DataFrame(
        {
            "label": [label] * len(order),
            "term": list(terms),
            "features": list(sets),
            "value": values[order],
            "coefficient": coef[idx[order]],
            "contribution": contributions[order],
        },
        columns=list(EXPLAIN_COLUMNS),
    )
