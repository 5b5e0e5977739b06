"""UPR Info's label sets, shipped with cobs: the action categories and the issues (cobs/data/upr_info_*.csv)."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from cobs.errors import invalid_value
from cobs.reference import read_rows, split_list

__all__ = ["upr_info_labels"]


def upr_info_labels(kind: Literal["action", "issue"]) -> pd.DataFrame:
    """UPR Info's label sets: the action categories or the issues.

    Parameters
    ----------
    kind : {"action", "issue"}
        ``"action"``: one row per category with ``action`` (1-5), ``name``,
        ``definition`` and ``example_verbs`` (list of str), after UPR Info's
        Database_Action_Category.pdf (2014). ``"issue"``: one row per issue label
        with ``issue`` and ``exports`` (the exports using it: "2015", "2018").

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> upr_info_labels("action").set_index("action").loc[3, "name"]
    'considering action'
    >>> len(upr_info_labels("issue").query("exports.str.contains('2018')"))
    56
    """
    if kind == "action":
        rows = read_rows("upr_info_actions.csv")
        return pd.DataFrame(
            {
                "action": [int(r["action"]) for r in rows],
                "name": [r["name"] for r in rows],
                "definition": [r["definition"] for r in rows],
                "example_verbs": [split_list(r["example_verbs"]) for r in rows],
            }
        )
    if kind == "issue":
        return pd.DataFrame([{"issue": r["issue"], "exports": r["exports"]} for r in read_rows("upr_info_issues.csv")])
    raise ValueError(invalid_value("kind", kind, ("action", "issue")))
