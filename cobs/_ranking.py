"""Orders that do not hang on the last bits of a float: values compared to a tolerance, ties broken by a key.

Two numbers that are equal in exact arithmetic (two terms with the same weight
in a topic, two documents equally like a third) often come out of a computation
a bit or two apart, and which one is larger depends on the order of the sums,
that is on the CPU and the BLAS kernel. Sorted on the raw floats, such a tie
falls one way on one machine and the other way on the next: a topic's top terms,
the order of a keyness table or of the most similar documents would change with
the machine. cobs therefore ranks by the value *settled* to a tolerance
(rounded to a multiple of ``10 ** -DECIMALS`` times a scale: the largest absolute
value unless the caller gives the quantity's own), and breaks what is then equal
by a documented key (a term, a symbol, a reference). Rounding has its edges: a tie
whose two values straddle the middle between two multiples still falls by its
last bits, about once in 10 million ties (float noise ~1e-16 against a step of
1e-9); every other tie falls by the key.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["DECIMALS", "argmax", "ranking", "settled"]

DECIMALS = 9
"""Values within about ``10 ** -DECIMALS`` of their scale are one value when ranking (float noise is ~1e-16)."""


def settled(values: object, *, scale: float | None = None) -> np.ndarray:
    """``values`` as multiples of ``10 ** -DECIMALS * scale``, rounded to the nearest (NaN stays NaN).

    ``scale`` defaults to the largest absolute finite value (1 when there is none, or
    it is 0), so that the tolerance is relative to the quantity ranked.

    >>> settled([0.1 + 0.2, 0.3, 1.0]).tolist() == settled([0.3, 0.3, 1.0]).tolist()
    True
    """
    array = np.asarray(values, dtype=np.float64)
    if scale is None:
        finite = np.abs(array[np.isfinite(array)])
        scale = float(finite.max()) if finite.size else 1.0
    if not scale > 0 or not np.isfinite(scale):
        scale = 1.0
    return np.round(array / scale, DECIMALS)


def ranking(values: object, *keys: Sequence[object], descending: bool = True,
            scale: float | None = None) -> np.ndarray:
    """Positions of ``values`` in rank order: by the settled value, then by each key in turn (ascending).

    Largest first unless ``descending=False``; NaN values last. Keys are sequences
    as long as ``values`` (terms, symbols): what decides among equal values.

    >>> ranking([0.3, 0.1 + 0.2, 0.5], ["b", "a", "c"]).tolist()
    [2, 1, 0]
    """
    settle = settled(values, scale=scale)
    primary = -settle if descending else settle
    columns = [_sortable(key) for key in keys]
    for key in columns:
        if key.shape != settle.shape:
            raise ValueError(f"ranking: a key of {key.shape[0]} items for {settle.shape[0]} values")
    # lexsort sorts by its last key first; NaN sorts last in either direction
    order = np.lexsort([*reversed(columns), np.where(np.isnan(primary), np.inf, primary)])
    return order.astype(np.intp)


def argmax(values: object, *, axis: int = -1, scale: float | None = None) -> np.ndarray:
    """Where each row's largest settled value is, the first on a tie (``np.argmax`` after :func:`settled`)."""
    return np.argmax(settled(values, scale=scale), axis=axis)


def _sortable(key: Sequence[object]) -> np.ndarray:
    """A key as an array lexsort can compare: numbers and text as they are, anything else as its text."""
    array = np.asarray(key)
    if array.dtype.kind in "biufU":
        return array
    values = np.asarray(key, dtype=object).tolist()
    if all(isinstance(v, str) for v in values):
        return np.asarray(values, dtype=str).reshape(len(values))
    return np.asarray([str(v) for v in values], dtype=str).reshape(len(values))
