"""One vocabulary across the public API (README, "Conventions"): checked on every public signature.

- ``by=`` is keyword-only wherever it groups (and ``hue=`` only where a figure has a second grouping);
- ``top=`` says how many rows of a ranking to show or return (never ``n``);
- ``level`` is never a probability: a unit is ``unit=``, a probability ``confidence_level=``;
- ``random_state`` defaults to None and takes an int or a RandomState (scikit-learn);
- options are explicit keyword arguments: no ``**options`` pass-through, no input typed ``object``;
- fetching retries with scikit-learn's fetchers' ``n_retries`` and ``delay``.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

PACKAGES = ["cobs", "cobs.compare", "cobs.topics", "cobs.plot", "cobs.measures", "cobs.measures.strings",
            "cobs.validation", "cobs.sources", "cobs.read", "cobs.datasets", "cobs.classify", "cobs.reference",
            "cobs.tables", "cobs.corpus", "cobs.text", "cobs.stats"]


def public_callables():
    seen = {}
    for name in PACKAGES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:  # a package not there (yet)
            continue
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if inspect.isfunction(obj):
                seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
            elif inspect.isclass(obj) and "__init__" in vars(obj) and not issubclass(obj, BaseException) and not \
                    getattr(obj, "to_frame", None):  # result objects are made by cobs, not called
                seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj.__init__)
    return sorted(seen.items())


CALLABLES = public_callables()


def test_the_api_is_found():
    names = {name.rsplit(".", 1)[-1] for name, _ in CALLABLES}
    assert {"tally", "profile", "similarity", "most_similar", "prevalence", "contrast", "select_k", "align",
            "chain", "fetch", "read_upr_info", "read_wg_report"} <= names


@pytest.mark.parametrize(("name", "function"), CALLABLES, ids=[name for name, _ in CALLABLES])
def test_signature_follows_the_conventions(name, function):
    parameters = inspect.signature(function).parameters
    for parameter in parameters.values():
        assert parameter.kind is not inspect.Parameter.VAR_KEYWORD, f"{name}: **{parameter.name} (name the options)"
        if parameter.name in ("by", "hue", "top", "random_state", "confidence_level", "unit", "n_retries", "delay"):
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, f"{name}: {parameter.name} is not keyword-only"
    assert "level" not in parameters, f"{name}: level (a unit is unit=, a probability confidence_level=)"
    assert not {"retries", "backoff"} & set(parameters), f"{name}: retries/backoff (n_retries=, delay=)"
    if name.startswith("cobs.plot."):
        assert "x" not in parameters, f"{name}: x (the grouping on the axis is by=)"
    if "random_state" in parameters:
        assert parameters["random_state"].default is None, f"{name}: random_state defaults to None"
    if "top" in parameters:
        assert "n" not in parameters, f"{name}: both n and top"
    for parameter in parameters.values():  # what a public input is, typed: not "object" (a sort key takes anything)
        typed = str(parameter.annotation) not in ("object", "object | None")
        assert name.endswith("_key") or typed, f"{name}: {parameter.name}: object"


def test_random_state_takes_a_random_state_instance():
    import numpy as np

    from cobs._checks import seed

    assert seed(3) == 3
    assert seed(np.random.RandomState(0)) == seed(np.random.RandomState(0))
    with pytest.raises(ValueError, match="random_state must be None, an int or a numpy RandomState"):
        seed("0")
