"""UPR Info action category (1-5) of a recommendation, from its wording."""

from __future__ import annotations

import numpy as np

from cobs.classify._linear import LinearTextClassifier

__all__ = ["ActionCategoryClassifier"]


class ActionCategoryClassifier(LinearTextClassifier):
    """Predict the action category of recommendations (UPR Info: 1 minimal ... 5 specific action).

    A transparent model: TF-IDF of word n-grams plus tokens for the opening words
    (:func:`cobs.classify.opening_features`: the first verbs and their positions, the
    verb after an opening "X and", the word after "to", "by ...ing" means, a
    "[Ratify]" bracket supplied by UPR Info, the first word paired with the next
    fourteen), and a multinomial logistic regression, whose weights :meth:`explain`
    shows term by term. The opening tokens carry UPR Info's rule that the category
    follows the first verb (the second where two open the text) and that a general
    action made specific is category 5. ``benchmarks/bench_upr.py`` trains it on UPR
    Info sessions 1-21 (weighting recent sessions more, through ``sample_weight``)
    and prints its figures on sessions 25-27.

    Works on any labels (not only 1-5): ``y`` may be any classification target.

    Parameters
    ----------
    word_ngrams : tuple (min_n, max_n) or None, default=(1, 2)
        Word n-grams (lowercased, TF-IDF with sublinear term frequency); None for none.
    char_ngrams : tuple (min_n, max_n) or None, default=None
        Character n-grams within word boundaries; None (the default) for none: on
        UPR Info they cost several times the training time for no gain.
    opening_words : int or None, default=6
        How many opening words get a positional token; None to leave out the
        opening features.
    min_df : int, default=2
        A term must occur in at least this many training texts (falls back to 1
        when the training set is too small for it).
    C : float, default=10.0
        Inverse regularisation strength of the logistic regression (chosen on
        sessions 19-21 held out from sessions 1-18).
    class_weight : dict, "balanced" or None, default=None
        Class weights of the logistic regression.
    max_iter : int, default=1000
        Iterations allowed to the solver.
    random_state : int, RandomState instance or None, default=None
        Passed to the solver (the default solver is deterministic; kept so that
        every stochastic choice in cobs is seeded in one way).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels seen in ``fit``.
    features_ : sklearn.pipeline.FeatureUnion
        The fitted vectorizers ("words", "chars", "opening").
    model_ : sklearn.linear_model.LogisticRegression or None
        The fitted model (None when ``fit`` saw a single class).
    coef_ : ndarray of shape (n_classes, n_features) or (1, n_features)
        Weights of the features (for two classes, one row for ``classes_[1]``).
    intercept_ : ndarray
        Intercepts.

    See Also
    --------
    IssueClassifier : the issues (themes) of a recommendation, several per text.
    cobs.read_upr_info : UPR Info's labelled recommendations.

    Examples
    --------
    >>> texts = ["Continue its efforts to reduce poverty", "Continue to protect children",
    ...          "Consider ratifying the Convention", "Consider abolishing the death penalty",
    ...          "Ratify the Convention on migrant workers", "Adopt a law on domestic violence"]
    >>> model = ActionCategoryClassifier(min_df=1).fit(texts, [2, 2, 3, 3, 5, 5])
    >>> model.predict(["Continue to reduce child poverty", "Consider ratifying the Protocol"]).tolist()
    [2, 3]
    >>> model.explain("Consider ratifying the Protocol", top=1)[["label", "term", "features"]]
       label      term features
    0      3  consider    words
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        opening_words: int | None = 6,
        min_df: int = 2,
        C: float = 10.0,
        class_weight: dict | str | None = None,
        max_iter: int = 1000,
        random_state: int | np.random.RandomState | None = None,
    ) -> None:
        super().__init__(word_ngrams=word_ngrams, char_ngrams=char_ngrams, opening_words=opening_words,
                         min_df=min_df, C=C, class_weight=class_weight, max_iter=max_iter, random_state=random_state)
