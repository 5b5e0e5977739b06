"""scikit-learn conformance of every cobs estimator: the three classifiers and the topic model.

The estimators declare string input (``input_tags.string = True``, ``two_d_array = False``, as
scikit-learn's own vectorizers do). scikit-learn's generated checks feed numeric 2-D arrays, so for
such estimators parametrize_with_checks runs only check_estimator_cloneable (and warns that it skips
the rest). The data-free checks are run directly below; the checks that need data are re-done on
text in tests/test_classify.py (test_text_*) and tests/test_topics.py.
"""

from __future__ import annotations

import pytest
from sklearn.utils import estimator_checks
from sklearn.utils.estimator_checks import parametrize_with_checks

from cobs.classify import (
    ActionCategoryClassifier,
    GoalClassifier,
    GroupClassifier,
    IssueClassifier,
    LexiconFeatures,
    ThemeClassifier,
)
from cobs.topics import TopicModel


def _estimators():
    return [ActionCategoryClassifier(min_df=1), IssueClassifier(min_df=1, random_state=0), ThemeClassifier(),
            GroupClassifier(min_df=1, random_state=0), GoalClassifier(min_df=1, random_state=0), LexiconFeatures(),
            TopicModel()]


def _ids(estimator):
    return type(estimator).__name__


@parametrize_with_checks(_estimators())
def test_sklearn_checks(estimator, check):
    check(estimator)


DATA_FREE_CHECKS = [
    "check_no_attributes_set_in_init",
    "check_estimator_repr",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
    "check_valid_tag_types",
    "check_estimator_tags_renamed",
    "check_mixin_order",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_estimators_unfitted",
    "check_estimator_sparse_tag",
]


@pytest.mark.parametrize("check", DATA_FREE_CHECKS)
@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_sklearn_data_free_checks(estimator, check):
    getattr(estimator_checks, check)(type(estimator).__name__, estimator)


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_string_input_tags(estimator):
    tags = estimator.__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert (tags.transformer_tags is not None) == isinstance(estimator, (TopicModel, LexiconFeatures))
