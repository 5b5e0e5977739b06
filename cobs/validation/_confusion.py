"""Where a measure and the coders disagree: a confusion table of labels."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix

from cobs._checks import check_choice
from cobs.errors import invalid_value
from cobs.validation._agreement import _missing, _plain

__all__ = ["confusion_table"]


def confusion_table(
    y_true: Sequence[Hashable],
    y_pred: Sequence[Hashable],
    *,
    labels: Sequence[Hashable] | None = None,
    normalize: Literal["true", "pred", "all"] | None = None,
) -> pd.DataFrame:
    """A confusion matrix as a labelled table: rows are the true labels, columns the predicted ones.

    Parameters
    ----------
    y_true, y_pred : sequences of labels
        Reference labels (e.g. a coder's) and predicted labels (a model's).
    labels : sequence, optional
        Labels to show, in this order (all labels seen, sorted, by default).
    normalize : {"true", "pred", "all"}, optional
        Show shares instead of counts: of each true label's items (rows sum to 1),
        of each predicted label's (columns sum to 1), or of all items.

    Returns
    -------
    pandas.DataFrame
        Index named "true", columns named "predicted". Pairs where either label is
        missing (None, NaN, ``pd.NA``, or an empty string, as a fresh coding sheet
        of :func:`sample_for_coding` has) are left out, as :func:`agreement` leaves
        them out; without any pair left, every cell is 0 (a table of no rows
        without ``labels``).

    Examples
    --------
    >>> confusion_table([1, 2, 2, 3], [1, 2, 3, 3])
    predicted  1  2  3
    true
    1          1  0  0
    2          0  1  1
    3          0  0  1
    """
    y_true, y_pred = list(y_true), list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(invalid_value("y_pred", y_pred, f"the same length as y_true ({len(y_true)})",
                                       got=f"length {len(y_pred)}"))
    check_choice(normalize, "normalize", (None, "true", "pred", "all"))
    # pairs with a missing label (None, NaN, pd.NA, "") are left out, as agreement() leaves them out
    pairs = [(t, p) for t, p in zip(y_true, y_pred, strict=True) if not (_missing(t) or _missing(p))]
    y_true = [_plain(t) for t, _ in pairs]
    y_pred = [_plain(p) for _, p in pairs]
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred), key=lambda v: (str(type(v)), v))
    if pairs:
        matrix = confusion_matrix(y_true, y_pred, labels=list(labels), normalize=normalize)
    else:  # no pair of labels (sklearn refuses empty input): every cell 0, as sklearn gives a label never seen
        matrix = np.zeros((len(labels), len(labels)), dtype="float64" if normalize else "int64")
    return pd.DataFrame(
        matrix,
        index=pd.Index(list(labels), name="true"),
        columns=pd.Index(list(labels), name="predicted"),
    )
