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
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from cobs.errors import invalid_value

__all__ = ["TABLE_COLUMNS", "check_choice", "check_flag", "check_int", "check_n_jobs", "check_names",
           "check_ngram_range", "check_number", "check_table", "check_texts", "seed"]

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "paragraphs": ("symbol", "committee", "state", "cycle", "year", "para", "sub", "section", "cluster", "heading",
                   "kind", "text", "page"),
    "actions": ("symbol", "committee", "para", "sub", "clause", "ref", "heading", "chapeau", "text", "verb",
                "strength"),
}
"""The columns a table must have to be taken as a paragraph table (:data:`cobs.columns.PARAGRAPH_COLUMNS`, less
those a table read from a plain CSV may lack: ``line``, ``bold``, ``notes``, ...) or an action table
(:data:`cobs.columns.ACTION_COLUMNS`, those the measures read)."""

_WHAT = {
    "paragraphs": "a paragraph table (Document.paragraphs, cobs.read_corpus)",
    "actions": "an action table (cobs.actions, cobs.measure)",
}


def check_table(
    table: object,
    columns: Literal["paragraphs", "actions"] | Collection[str] = (),
    *,
    name: str = "table",
    what: str | None = None,
    function: str | None = None,
) -> pd.DataFrame:
    """``table`` if it is a DataFrame with ``columns``, else an error naming ``name`` and what to pass.

    The one table contract of cobs's public functions. ``columns`` is "paragraphs"
    or "actions" (the columns of :data:`TABLE_COLUMNS`) or the column names needed;
    ``what`` says what such a table is and where it comes from (by default from
    ``columns``); ``function`` names the caller at the start of the message, where
    ``name`` alone would not tell ("cobs.plot.mix"). A TypeError for what is not a
    DataFrame, a ValueError naming the missing columns and the table's own.
    """
    prefix = f"{function}: " if function else ""
    needed = TABLE_COLUMNS[columns] if isinstance(columns, str) and columns in TABLE_COLUMNS else (
        [columns] if isinstance(columns, str) else list(columns))
    if what is None:
        what = _WHAT.get(columns, "a cobs table") if isinstance(columns, str) else "a cobs table"
    if not isinstance(table, pd.DataFrame):
        fix = None
        if isinstance(table, (str, bytes)) or hasattr(table, "__fspath__"):
            fix = "read it first: cobs.read_corpus(...), cobs.measure(...) or cobs.read_table(path)"
        raise TypeError(prefix + invalid_value(name, table, f"a pandas DataFrame ({what})", fix))
    missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
    if missing:
        shown = list(table.columns)[:12]
        raise ValueError(f"{prefix}{name} lacks the column(s) {missing} of {what}; it has {shown}"
                         f"{' ...' if len(table.columns) > 12 else ''}")
    return table


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


def seed(random_state: object, name: str = "random_state") -> int:
    """An int seed from scikit-learn's ``random_state`` (None, an int or a RandomState instance).

    An int is returned as it is (the same int gives the same results as before);
    None and a RandomState draw one from the global or given generator, as
    ``sklearn.utils.check_random_state(random_state).randint`` would. For code
    that derives several seeds from one (``seed + s`` for the ``s``-th model).
    """
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        return int(random_state)
    if random_state is None or isinstance(random_state, np.random.RandomState):
        from sklearn.utils import check_random_state  # not at import cobs (scikit-learn takes 2 s to load)

        return int(check_random_state(random_state).randint(np.iinfo(np.int32).max - 10_000))
    raise ValueError(invalid_value(name, random_state, "None, an int or a numpy RandomState instance"))
