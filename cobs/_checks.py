"""Checks of the arguments that several public functions and estimators share.

Each returns the value in the form the caller works with, or raises the error
whose message :func:`cobs.errors.invalid_value` words ("<name> must be ..., got
...; <fix>"). Estimators call them from ``fit`` (scikit-learn style: ``__init__``
stores, ``fit`` validates); numbers of the wrong type are a ``ValueError`` there,
as an out-of-range number is.
"""

from __future__ import annotations

import numbers
import sys
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from cobs.errors import invalid_value

__all__ = ["check_choice", "check_flag", "check_int", "check_n_jobs", "check_names", "check_ngram_range",
           "check_number", "check_texts"]


def check_choice(value: object, name: str, allowed: Iterable[object], fix: str | None = None) -> None:
    """A ValueError naming ``name`` unless ``value`` is one of ``allowed`` (True is not 1 here)."""
    allowed = tuple(allowed)
    if isinstance(value, bool) or value not in allowed:
        raise ValueError(invalid_value(name, value, allowed, fix))


def check_flag(value: object, name: str) -> bool:
    """``value`` if it is True or False, else a TypeError naming ``name``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(invalid_value(name, value, "True or False"))
    return bool(value)


def check_int(value: object, name: str, *, least: int = 1, allow_none: bool = False,
              expected: str | None = None) -> int | None:
    """``value`` as an int >= ``least`` (None passes with ``allow_none``), else a ValueError naming ``name``."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
        if expected is None:
            expected = "a positive int" if least == 1 else f"an int >= {least}"
        raise ValueError(invalid_value(name, value, expected + (" or None" if allow_none else "")))
    return int(value)


def check_n_jobs(value: object, name: str = "n_jobs") -> int | None:
    """``value`` if it is None, -1 or a positive int (joblib's ``n_jobs``), else a ValueError naming ``name``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value == 0 or value < -1:
        raise ValueError(invalid_value(name, value, "None, -1 or a positive int", "-1 uses every core"))
    return int(value)


def check_number(value: object, name: str, expected: str, within: Callable[[float], bool] = lambda v: True,
                 fix: str | None = None, *, type_error: bool = False) -> float:
    """``value`` as a float if it is a real number (not a bool, not NaN) for which ``within`` holds.

    Else a ValueError naming ``name``, saying ``expected`` (which states the range
    ``within`` checks) and ``fix``; with ``type_error``, a value that is not a
    number at all is a TypeError instead (the rule outside the estimators).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise (TypeError if type_error else ValueError)(invalid_value(name, value, expected, fix))
    if not within(value):
        raise ValueError(invalid_value(name, value, expected, fix))
    return float(value)


def check_ngram_range(value: object, name: str, *, allow_none: bool = False) -> tuple[int, int] | None:
    """``value`` as a tuple (min_n, max_n) with 1 <= min_n <= max_n (None passes with ``allow_none``)."""
    if value is None and allow_none:
        return None
    if (not isinstance(value, tuple) or len(value) != 2
            or not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in value)
            or not 1 <= value[0] <= value[1]):
        expected = "a tuple (min_n, max_n) with 1 <= min_n <= max_n"
        raise ValueError(invalid_value(name, value, ("None or " if allow_none else "") + expected))
    return (int(value[0]), int(value[1]))


def check_names(value: object, name: str, *, required: bool = False) -> list[str]:
    """A column name or a list of them as a list, else a TypeError naming ``name``.

    None and an empty list give ``[]``, unless ``required``.
    """
    if isinstance(value, str):
        return [value]
    names = [] if value is None else list(value) if isinstance(value, Iterable) else None
    if names is None or not all(isinstance(n, str) for n in names) or (required and not names):
        raise TypeError(invalid_value(name, value, "a column name or a list of column names"))
    return names


def check_texts(X: object, name: str = "X", *, expected: str = "a sequence of texts", vectorises: str = "cobs",
                instead: str = "a list of str") -> list[str]:
    """``X`` (a one-dimensional sequence of str) as a list, or an error saying what to pass instead.

    ``expected`` is what the caller accepts; ``vectorises`` names what turns the
    texts into features (for the error about a matrix given instead of texts);
    ``instead`` what to pass for an array of more than one dimension.
    """
    if isinstance(X, (str, bytes)):
        raise ValueError(invalid_value(name, X, expected, "wrap it in a list",
                                       got=f"a single {type(X).__name__} ({X[:40]!r})"))
    if "scipy.sparse" in sys.modules and sys.modules["scipy.sparse"].issparse(X):  # no scipy at import cobs
        raise TypeError(invalid_value(name, X, expected, f"{vectorises} vectorises the texts itself",
                                      got="a sparse matrix"))
    if not isinstance(X, Iterable):
        raise TypeError(invalid_value(name, X, expected))
    array = X if isinstance(X, np.ndarray) else np.asarray(list(X), dtype=object)
    if array.ndim != 1:
        raise ValueError(invalid_value(name, X, f"a one-dimensional {expected.removeprefix('a ')}",
                                       f"pass {instead}", got=f"an array of shape {array.shape}"))
    texts: Sequence[object] = list(array)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(invalid_value(f"{name}[{i}]", text, "a str", "replace missing texts by '' or drop them"))
    return texts  # type: ignore[return-value]
