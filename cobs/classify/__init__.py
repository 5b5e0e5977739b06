"""Transparent text classifiers (scikit-learn estimators on raw strings).

``ActionCategoryClassifier``  UPR Info action category (1-5) of a recommendation
``IssueClassifier``           UPR Info issues of a recommendation (multi-label)
``ThemeClassifier``           the theme of a CO paragraph (single label, any label set)
"""

from cobs.classify._action import ActionCategoryClassifier
from cobs.classify._base import EXPLAIN_COLUMNS
from cobs.classify._features import opening_features
from cobs.classify._issues import IssueClassifier
from cobs.classify._theme import ThemeClassifier

__all__ = ["EXPLAIN_COLUMNS", "ActionCategoryClassifier", "IssueClassifier", "ThemeClassifier", "opening_features"]
