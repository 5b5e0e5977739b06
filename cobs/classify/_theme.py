"""The theme of a concluding-observations paragraph (single label, any label set)."""

from __future__ import annotations

from cobs.classify._linear import LinearTextClassifier

__all__ = ["ThemeClassifier"]


class ThemeClassifier(LinearTextClassifier):
    """Predict one theme per text, from labels you supply.

    Meant for CO paragraphs whose heading gives the theme ("Corporal punishment",
    "Equality and non-discrimination (art. 5)"): train on paragraphs under
    headings, predict the theme of paragraphs without one (or of another
    committee's). Nothing in it is specific to a label set: ``X`` is a list of
    paragraph texts, ``y`` their labels.

    The model is transparent: TF-IDF of word 1-2-grams and a multinomial logistic
    regression; :meth:`explain` lists the terms behind a prediction. The defaults
    were chosen on CRPD concluding observations (the article named in each heading
    as the theme, 5 folds grouped by document; ``benchmarks/bench_theme.py``):
    balanced class weights lowered macro-F1 there (0.732 against 0.758), character
    n-grams added 0.006 accuracy for 1.7 times the training time, and ``min_df=2``
    halves the training time at no cost.

    Parameters
    ----------
    word_ngrams : tuple (min_n, max_n) or None, default=(1, 2)
        Word n-grams (lowercased, TF-IDF with sublinear term frequency); None for none.
    char_ngrams : tuple (min_n, max_n) or None, default=None
        Character n-grams within word boundaries; None for none.
    opening_words : int or None, default=None
        Positional tokens for the opening words (see
        :func:`cobs.classify.opening_features`); None (the default) leaves them out:
        a CO paragraph opens with "The Committee recommends", whatever its theme.
    min_df : int, default=2
        A term must occur in at least this many training texts (falls back to 1
        when the training set is too small for it).
    C : float, default=10.0
        Inverse regularisation strength of the logistic regression.
    class_weight : dict, "balanced" or None, default=None
        Class weights of the logistic regression.
    max_iter : int, default=1000
        Iterations allowed to the solver.
    random_state : int, RandomState instance or None, default=None
        Passed to the solver.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The themes seen in ``fit``.
    features_ : sklearn.pipeline.FeatureUnion
        The fitted vectorizers.
    model_ : sklearn.linear_model.LogisticRegression or None
        The fitted model (None when ``fit`` saw a single theme).
    coef_ : ndarray of shape (n_classes, n_features) or (1, n_features)
        Weights of the features (for two themes, one row for ``classes_[1]``).
    intercept_ : ndarray
        Intercepts.

    Examples
    --------
    >>> paragraphs = [
    ...     "The Committee urges the State party to prohibit corporal punishment in all settings.",
    ...     "The Committee is concerned that corporal punishment is still used in schools.",
    ...     "The Committee recommends that the State party ensure inclusive education for all children.",
    ...     "The Committee is concerned about low enrolment of girls in secondary education.",
    ...     "The Committee recommends that birth registration be free of charge.",
    ...     "The Committee is concerned that many births are not registered.",
    ... ]
    >>> themes = ["violence", "violence", "education", "education", "birth registration", "birth registration"]
    >>> model = ThemeClassifier().fit(paragraphs, themes)
    >>> model.predict(["Corporal punishment persists in the home.",
    ...                "Ensure that all births are registered."]).tolist()
    ['violence', 'birth registration']
    """

    # the parameters and their defaults are LinearTextClassifier's
