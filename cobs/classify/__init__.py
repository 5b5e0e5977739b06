"""Transparent text classifiers (scikit-learn estimators on raw strings).

``ActionCategoryClassifier``  UPR Info action category (1-5) of a recommendation
``IssueClassifier``           UPR Info issues of a recommendation (multi-label)
``ThemeClassifier``           the theme of a CO paragraph (single label, any label set)
``GroupClassifier``           the groups of persons a recommendation concerns (OHCHR's vocabulary, multi-label)
``GoalClassifier``            the Sustainable Development Goals it relates to (multi-label)
"""

from cobs.classify._action import ActionCategoryClassifier
from cobs.classify._base import EXPLAIN_COLUMNS
from cobs.classify._features import opening_features
from cobs.classify._groups import GoalClassifier, GroupClassifier, LexiconFeatures
from cobs.classify._issues import IssueClassifier
from cobs.classify._theme import ThemeClassifier

__all__ = ["EXPLAIN_COLUMNS", "ActionCategoryClassifier", "GoalClassifier", "GroupClassifier", "IssueClassifier",
           "LexiconFeatures", "ThemeClassifier", "opening_features"]
