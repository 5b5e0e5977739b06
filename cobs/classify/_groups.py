"""Groups of persons and SDGs of a recommendation, learned from OHCHR's labelled recommendations."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import FeatureUnion
from sklearn.utils.validation import check_is_fitted

from cobs import _checks
from cobs.classify._base import Texts, check_texts, fit_text_features, text_tags
from cobs.classify._issues import IssueClassifier
from cobs.errors import invalid_value
from cobs.reference import GOALS, GROUPS, cited_goals, named_groups, worded_goals

__all__ = ["GoalClassifier", "GroupClassifier", "LexiconFeatures"]


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """What cobs's lexicons find in a text, as 0/1 features: the groups it names, or the goals it names or cites.

    The word-level half of :func:`cobs.measure`'s ``groups`` and ``sdgs``
    (cobs/data/group_terms.csv), for a classifier to weigh: one feature per group
    of :data:`cobs.reference.GROUPS` (``kind="groups"``) or per goal 1-17
    (``kind="goals"``). Stateless: ``fit`` learns nothing.

    Parameters
    ----------
    kind : {"groups", "goals"}, default="groups"

    Examples
    --------
    >>> features = LexiconFeatures(kind="goals").fit(["x"])
    >>> matrix = features.transform(["Register all children at birth", "Ensure inclusive education"])
    >>> [features.get_feature_names_out()[j] for j in matrix[0].indices], matrix[1].indices.tolist()
    (['16'], [3])
    """

    def __init__(self, *, kind: Literal["groups", "goals"] = "groups") -> None:
        self.kind = kind

    def fit(self, X: Texts, y: object = None) -> LexiconFeatures:
        """Check the texts and ``kind``; nothing is learned."""
        check_texts(X)
        _checks.check_choice(self.kind, "kind", ("groups", "goals"))
        self.labels_ = list(GROUPS) if self.kind == "groups" else [str(g) for g in GOALS]
        self.n_features_in_ = 1
        return self

    def transform(self, X: Texts) -> sp.csr_matrix:
        """A (n_texts, n_labels) 0/1 matrix of the labels the lexicons find in each text."""
        check_is_fitted(self)
        texts = check_texts(X)
        column = {label: j for j, label in enumerate(self.labels_)}
        rows, cols = [], []
        for i, text in enumerate(texts):
            if self.kind == "groups":
                found = [column[g] for g in named_groups(text)]
            else:
                found = [column[str(g)] for g in worded_goals(text)[0] | cited_goals(text)[0]]
            rows.extend([i] * len(found))
            cols.extend(found)
        return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(self.labels_)))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        check_is_fitted(self)
        return np.asarray(self.labels_, dtype=object)

    def __sklearn_tags__(self):
        tags = text_tags(super().__sklearn_tags__())
        tags.requires_fit = False
        return tags


class _Tagger(IssueClassifier):
    """An :class:`IssueClassifier` whose features also hold the lexicons' finds (``lexicon=True``)."""

    _kind: str = "groups"

    def _fit_features(self, texts: list[str]) -> tuple[FeatureUnion, sp.csr_matrix]:
        _checks.check_flag(self.lexicon, "lexicon")
        features, matrix = fit_text_features(self, texts, opening_words=None)
        if not self.lexicon:
            return features, matrix
        lexicon = LexiconFeatures(kind=self._kind).fit(texts)
        features.transformer_list.append(("lexicon", lexicon))
        return features, sp.hstack([matrix, lexicon.transform(texts)]).tocsr()


_DOC_PARAMETERS = """
    Parameters
    ----------
    lexicon : bool, default=True
        Add :class:`LexiconFeatures` (what cobs's lexicons find in the text) to
        the word n-grams, so that the model learns how far to trust them.
    word_ngrams, char_ngrams, min_df, C, class_weight, threshold, threshold_size, min_positives, max_iter, n_jobs, \
random_state
        As :class:`IssueClassifier`: one linear support vector machine per label,
        a sigmoid and an F1-tuned threshold per label, fitted on held-out
        training texts (``random_state`` seeds that split).
"""


class GroupClassifier(_Tagger):
    __doc__ = """Predict the groups of persons a recommendation concerns (several per text).

    Trained on recommendations that OHCHR tagged with groups
    (:func:`cobs.read.read_thematic_list`: ``groups``), or on UPR Info's with the
    groups their issues stand for (:func:`cobs.reference.issue_labels`).
    For a concluding observation's actions :func:`cobs.measure` is the better
    tagger: it knows the committee's base group, the chapeau, the subheading and
    the theme; this model reads the text alone, as UPR recommendations come.
    """ + _DOC_PARAMETERS + """
    Attributes
    ----------
    classes_, features_, coef_, intercept_, calibration_, thresholds_, threshold_f1_
        As :class:`IssueClassifier`; ``features_`` ends with the "lexicon" features.

    Examples
    --------
    >>> texts = ["Combat violence against women", "Protect the rights of migrant workers",
    ...          "Ensure access to education for children", "Protect women from domestic violence",
    ...          "Integrate migrants into society", "Improve schools for all children"] * 3
    >>> labels = [["Women & girls"], ["Migrants"], ["Children"]] * 6
    >>> model = GroupClassifier(min_df=1, threshold=0.5, random_state=0).fit(texts, labels)
    >>> model.predict_labels(["Support women who are victims of violence", "Regularize migrant workers"])
    [['Women & girls'], ['Migrants']]
    """

    _kind = "groups"

    def __init__(
        self,
        *,
        lexicon: bool = True,
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
        super().__init__(word_ngrams=word_ngrams, char_ngrams=char_ngrams, min_df=min_df, C=C,
                         class_weight=class_weight, threshold=threshold, threshold_size=threshold_size,
                         min_positives=min_positives, max_iter=max_iter, n_jobs=n_jobs, random_state=random_state)
        self.lexicon = lexicon

    def fit(self, X: Texts, y: Sequence[Sequence[Hashable]] | ArrayLike) -> GroupClassifier:
        """Fit the model on texts and their groups (lists of group names, or a 0/1 matrix)."""
        _check_groups(y)
        return super().fit(X, y)


class GoalClassifier(_Tagger):
    __doc__ = """Predict the Sustainable Development Goals a recommendation relates to (several per text).

    Trained on recommendations that OHCHR tagged with goals
    (:func:`cobs.read.read_thematic_list`: ``sdgs``), or on UPR Info's with the
    goals their issues stand for (:func:`cobs.reference.issue_labels`).
    As for :class:`GroupClassifier`, :func:`cobs.measure` is the better tagger for
    a concluding observation's actions; this model reads the text alone.
    """ + _DOC_PARAMETERS + """
    Attributes
    ----------
    classes_, features_, coef_, intercept_, calibration_, thresholds_, threshold_f1_
        As :class:`IssueClassifier`; ``classes_`` are goals (int).

    Examples
    --------
    >>> texts = ["Improve access to health care", "Ensure inclusive education", "Combat corruption in courts",
    ...          "Reduce maternal mortality", "Train teachers", "Guarantee fair trials"] * 3
    >>> goals = [[3], [4], [16]] * 6
    >>> model = GoalClassifier(min_df=1, threshold=0.5, random_state=0).fit(texts, goals)
    >>> model.predict_labels(["Build more hospitals and train health workers", "Reform the justice system"])
    [[3], [16]]
    """

    _kind = "goals"

    def __init__(
        self,
        *,
        lexicon: bool = True,
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
        super().__init__(word_ngrams=word_ngrams, char_ngrams=char_ngrams, min_df=min_df, C=C,
                         class_weight=class_weight, threshold=threshold, threshold_size=threshold_size,
                         min_positives=min_positives, max_iter=max_iter, n_jobs=n_jobs, random_state=random_state)
        self.lexicon = lexicon

    def fit(self, X: Texts, y: Sequence[Sequence[Hashable]] | ArrayLike) -> GoalClassifier:
        """Fit the model on texts and their goals (lists of goals 1-17, or a 0/1 matrix)."""
        _check_goals(y)
        return super().fit(X, y)


def _label_lists(y: object) -> list | None:
    """``y`` as lists of labels, or None for an indicator matrix (checked by IssueClassifier)."""
    if isinstance(y, (str, bytes)) or getattr(y, "ndim", 1) == 2 or sp.issparse(y):
        return None
    try:
        rows = list(y)
    except TypeError:
        return None
    return [list(r) if isinstance(r, (list, tuple, set, frozenset, np.ndarray)) else None for r in rows]


def _check_groups(y: object) -> None:
    for i, labels in enumerate(_label_lists(y) or []):
        unknown = [g for g in labels or [] if g not in GROUPS]
        if unknown:
            raise ValueError(invalid_value(f"y[{i}]", unknown[0], "a group of persons of cobs.reference.GROUPS",
                                           "map OHCHR's older spellings with cobs.reference.group_name"))


def _check_goals(y: object) -> None:
    for i, labels in enumerate(_label_lists(y) or []):
        unknown = [g for g in labels or [] if isinstance(g, bool) or not isinstance(g, (int, np.integer))
                   or g not in GOALS]
        if unknown:
            raise ValueError(invalid_value(f"y[{i}]", unknown[0], "goals, ints from 1 to 17"))
