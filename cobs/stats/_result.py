"""The result convention of cobs's summaries: a frozen dataclass with named attributes and ``to_frame()``."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["ConfidenceInterval", "Result"]


class ConfidenceInterval(NamedTuple):
    """A confidence interval, as ``scipy.stats`` gives it: ``low`` and ``high`` (floats or arrays)."""

    low: object
    high: object


def _is_column(value: object) -> bool:
    return isinstance(value, (np.ndarray, pd.Series, pd.Index, list)) and np.ndim(value) == 1


@dataclasses.dataclass(frozen=True)
class Result:
    """Base of every summary cobs returns (see :mod:`cobs.stats`): named attributes, ``to_frame()``."""

    def to_frame(self) -> pd.DataFrame:
        """The result as a tidy table: one row per value of its 1-D attributes (one row for a scalar result).

        Scalars and 1-D arrays of one length become columns, in the order of the
        attributes; a :class:`ConfidenceInterval` becomes ``ci_low`` and ``ci_high``;
        attributes declared with ``metadata={"frame": False}`` are left out.

        Returns
        -------
        pandas.DataFrame

        Examples
        --------
        >>> import dataclasses
        >>> from cobs.stats import ConfidenceInterval, Result
        >>> @dataclasses.dataclass(frozen=True)
        ... class Mean(Result):
        ...     estimate: float
        ...     confidence_interval: ConfidenceInterval
        ...     n: int
        >>> Mean(0.5, ConfidenceInterval(0.25, 0.75), 12).to_frame()
           estimate  ci_low  ci_high   n
        0       0.5    0.25     0.75  12
        """
        columns: dict[str, object] = {}
        for field in dataclasses.fields(self):
            if not field.metadata.get("frame", True):
                continue
            value = getattr(self, field.name)
            if isinstance(value, ConfidenceInterval):
                columns["ci_low"], columns["ci_high"] = value.low, value.high
            elif _is_column(value) or np.ndim(value) == 0:
                columns[field.name] = value
        lengths = {len(v) for v in columns.values() if _is_column(v)}
        if len(lengths) > 1:
            raise ValueError(f"{type(self).__name__}.to_frame: its 1-D attributes differ in length "
                             f"({sorted(lengths)}); declare the bulky ones with metadata={{'frame': False}}, or "
                             "override to_frame")
        n = lengths.pop() if lengths else 1
        return pd.DataFrame({name: (np.asarray(value) if _is_column(value) else [value] * n)
                             for name, value in columns.items()})
