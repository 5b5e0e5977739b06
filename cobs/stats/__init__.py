"""Statistics shared by :mod:`cobs.compare` and :mod:`cobs.topics`: one implementation, one result convention.

``bootstrap``   the bootstrap over documents: whole COs (clusters) resampled with replacement, within strata
``regress``     OLS / WLS with standard errors clustered by CO (statsmodels, loaded on first use)
``adjust_p``    multiple-testing adjustment: Benjamini-Hochberg q-values, Bonferroni

The rows of one CO (its paragraphs, its requested actions) share a drafting and are
not independent observations: every function here takes the CO (``cluster=``,
default ``"symbol"``) as the unit that is resampled or whose errors may correlate.

Result objects
--------------
Every function of cobs that returns a summary (an estimate with its uncertainty)
returns a result object in the style of ``scipy.stats``: a frozen dataclass whose
named attributes are the numbers (``result.estimate``,
``result.confidence_interval.low``), which unpacks into nothing by position and is
never a bare tuple, and which gives a tidy table with ``result.to_frame()``:

* the attributes are documented in the class's docstring, in numpydoc form;
* scalars and 1-D arrays of one length (one value per term, measure, topic) are the
  table's columns, a scalar repeated on every row; tables, distributions and other
  bulky attributes are kept as attributes and left out of the frame (declared with
  ``dataclasses.field(metadata={"frame": False})``);
* an interval is a :class:`ConfidenceInterval` (``low``, ``high``), given in the
  frame as ``ci_low`` and ``ci_high``, with ``confidence_level`` beside it;
* a class may override ``to_frame`` where its table is richer (one row per term of a
  regression), and its columns are then documented in :mod:`cobs.columns`.

:class:`Result` implements ``to_frame`` once for all of them; a new summary
subclasses it (``@dataclasses.dataclass(frozen=True) class ChangeResult(Result)``).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from cobs.stats import adjust_p
>>> adjust_p([0.01, 0.04, 0.03, 0.2], method="bh").round(3).tolist()
[0.04, 0.053, 0.053, 0.2]
"""

# check_confidence_level: the check of confidence_level= for the packages above (an internal API, not in __all__)
from cobs.stats._bootstrap import BootstrapResult, bootstrap, check_confidence_level
from cobs.stats._multiple import ADJUST_METHODS, adjust_p
from cobs.stats._regression import RegressionResult, regress
from cobs.stats._result import ConfidenceInterval, Result

__all__ = ["ADJUST_METHODS", "BootstrapResult", "ConfidenceInterval", "RegressionResult", "Result", "adjust_p",
           "bootstrap", "regress"]
