"""What a CO's units and another document's share, pair by pair: the evidence :mod:`cobs.compare._align`'s rule
and :mod:`cobs.compare._linkmodel`'s model both decide from (here, below both, so that neither imports the other
for it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Evidence"]


@dataclass(frozen=True)
class Evidence:
    """What two unit tables share, pair by pair (later rows, earlier columns): the part of :func:`link_units`
    that does not depend on the thresholds, so that a search over them computes it once."""

    cosine: np.ndarray
    related: np.ndarray  # the same theme (between COs); the rarity of the issue shared (with the UPR)
    instrument: np.ndarray
    hard: np.ndarray  # an explicit citation (between COs, when options.citations)
    upr: bool
    upr_is_late: bool
    apart: np.ndarray | None = None  # with the UPR: the recommendation names groups of persons the CO's unit does not
    base: np.ndarray | None = None  # with the UPR: the recommendation is for the CO committee's base group
    population: np.ndarray | None = None  # with the UPR: it names the CO unit's group, not the committee's people
    many: np.ndarray | None = None  # with the UPR: the recommendation lists three or more groups of persons
    other_body: np.ndarray | None = None  # with the UPR: the CO unit follows up another body's recommendations
    nhri_apart: np.ndarray | None = None  # with the UPR: an NHRI recommendation against a monitoring mechanism
    ratify_apart: np.ndarray | None = None  # with the UPR: the recommendation asks to ratify, the CO unit does not
