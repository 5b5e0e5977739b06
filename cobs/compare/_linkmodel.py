"""A supervised link decision between a CO and the UPR: a logistic regression on a handful of named features.

Between a CO and one UPR session's recommendations, :func:`cobs.compare._align.find_evidence` measures, pair by
pair, how alike the two texts are and what they share; the rule of :func:`cobs.compare._align.decide` adds
hand-set bonuses to the cosine and cuts at a threshold. This module learns the weights instead, from the hand-read
gold in ``tests/data`` (``benchmarks/train_link_model.py`` writes ``cobs/data/upr_link_model.json``), and keeps the
model transparent: a few features, each in [0, 1], whose coefficients :func:`link_model` prints.

The features of a pair (CO unit, UPR recommendation), :data:`FEATURES`:

* ``cosine``: the TF-IDF cosine of the two texts (with the CO unit's concern paragraph);
* ``share_upr``: the cosine over the best cosine of the UPR recommendation with any of the CO's units (1 for
  its best match: ``best_share`` of the rule); ``share_co``: the same over the CO unit's best;
* ``issue``: the rarity of the UPR Info issue both share (0 when none);
* ``instrument``: both name the same instrument;
* ``groups_apart``: the recommendation is for groups of persons of which the CO unit names none;
* ``base_group``: the recommendation is for the CO committee's own people (persons with disabilities for the
  CRPD, children for the CRC);
* ``population_apart``: the CO unit asks for a group within the committee's people (women with disabilities)
  and the recommendation names that group but not the committee's people ("eliminate discrimination against
  women"): the population rule of the second UPR codebook, under which such a pair is no link (unless the CO
  unit follows up another body's recommendations, ``other_body``);
* ``many_groups``: the recommendation lists three or more groups of persons ("including women, children, older
  persons and persons with disabilities"), which rarely makes it a request of any one of them;
* ``other_body``: the CO unit asks the State to follow up another treaty body's recommendations ("the
  recommendations made by the Committee on the Elimination of Discrimination against Women"), which UPR
  recommendations on the general subject take up;
* ``score``: the rule's score with its UPR defaults (cosine, plus the issue, instrument and base-group
  bonuses, less the group penalty); ``score_share``: the score over the UPR recommendation's best score with
  any of the CO's units (clipped to [-1, 1]): how far the pair is from the recommendation's best match;
* ``rank_co``: 1 / the rank of the recommendation among the CO unit's candidates by the rule's score (1 for the
  unit's best recommendation, 1/2 for the second...); ``rank_upr``: 1 / the rank of the CO unit among the
  recommendation's candidates;
* ``nhri_apart``: the recommendation is about the national human rights institution (the Paris Principles, an
  ombudsperson) and the CO unit asks for the treaty's independent monitoring mechanism without naming such an
  institution: the codebook's "related but different institution";
* ``ratify_apart``: the recommendation asks to ratify or accede to an instrument and the CO unit asks no
  ratification (the codebook's "ratifying OP-CAT is not ratifying the OP-CRPD").

(The second round also measured, leaving one State out over 11 States, the TF-IDF cosine over two-word phrases
of content words and the number of content stems shared: both lowered the mean link F1, from 0.37 to 0.25-0.29,
and cost a third of a second per align, so they are not measured here: README.)

The shipped model (:data:`MODEL_FEATURES`) reads the rule's score and its share as two features and learns
their weights, with five corrections the rule does not make (population, another body, many groups, an NHRI for
a monitoring mechanism, a ratification for none), and since the third round has a candidate stage
(:data:`MODEL_CANDIDATES`): it is fitted on, and links, only the pairs whose score is at least 0.3 of the
recommendation's best (94 % of the coders' links, a seventh of the pairs), so that the logistic loss is not
spent on the many easy non-links.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from cobs.compare._evidence import Evidence

FEATURES = ("cosine", "share_upr", "share_co", "issue", "instrument", "groups_apart", "base_group",
            "population_apart", "many_groups", "other_body", "score", "score_share", "rank_co",
            "rank_upr", "nhri_apart", "ratify_apart")
"""Every feature :func:`link_features` measures (a model uses some of them)."""

MODEL_FEATURES = ("score", "score_share", "population_apart", "other_body", "many_groups", "nhri_apart",
                  "ratify_apart")
"""The features of the shipped model: chosen leaving one State out over the UPR golds (5, 11, then 16: README)."""

MODEL_CANDIDATES = 0.3
"""The candidate stage of the shipped model: pairs whose ``score_share`` is below it are no link (0: every pair)."""

MODEL_C = 10.0
"""The inverse regularisation strength of the shipped model (chosen leaving one State out among 0.1, 1, 10, 100
and 1000 over the 16 States: README)."""

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "upr_link_model.json"


def link_features(found: Evidence, score: np.ndarray) -> np.ndarray:
    """The features (:data:`FEATURES`) of every pair of an evidence with the UPR: shape (later, earlier, features).

    ``score`` is the rule's score of each pair with the UPR's default options
    (:func:`cobs.compare._align.rule_score`), from which the score, rank and share features are made."""
    if not found.upr:
        raise ValueError("link_features: the evidence is between two COs; the link model is for a CO and the UPR")
    cosine = np.asarray(found.cosine, dtype=float)
    over_co = 1 if found.upr_is_late else 0  # the axis of the CO's units (a UPR recommendation's candidates)

    def share(axis: int) -> np.ndarray:
        if not cosine.size:
            return np.zeros_like(cosine)
        best = cosine.max(axis=axis, keepdims=True)
        return np.divide(cosine, best, out=np.zeros_like(cosine), where=best > 0)

    zeros = np.zeros(cosine.shape, dtype=float)

    def matrix(values: np.ndarray | None) -> np.ndarray:
        return zeros if values is None else np.asarray(values, dtype=float)

    score = np.asarray(score, dtype=float)
    if score.size:
        best = score.max(axis=over_co, keepdims=True)
        score_share = np.clip(np.divide(score, best, out=np.zeros_like(score), where=best > 0), -1.0, 1.0)
    else:
        score_share = np.zeros_like(score)
    def rank(axis: int) -> np.ndarray:  # 1 / the rank of each pair along an axis by the rule's score (ties: best)
        if not score.size:
            return np.zeros_like(score)
        order = (-score).argsort(axis=axis, kind="stable").argsort(axis=axis, kind="stable")
        return 1.0 / (1.0 + order)

    columns = {"cosine": cosine, "share_upr": share(over_co), "share_co": share(1 - over_co),
               "issue": matrix(found.related), "instrument": matrix(found.instrument),
               "groups_apart": matrix(found.apart), "base_group": matrix(found.base),
               "population_apart": matrix(found.population), "many_groups": matrix(found.many),
               "other_body": matrix(found.other_body), "score": score, "score_share": score_share,
               "rank_co": rank(1 - over_co), "rank_upr": rank(over_co),
               "nhri_apart": matrix(found.nhri_apart), "ratify_apart": matrix(found.ratify_apart)}
    return np.stack([columns[name] for name in FEATURES], axis=-1)


def candidates_only(probability: np.ndarray, score_share: np.ndarray, candidates: float) -> np.ndarray:
    """The probabilities of the candidate pairs (``score_share`` at least ``candidates``, to 1e-9), 0 elsewhere."""
    if candidates <= 0:
        return probability
    return np.where(np.asarray(score_share) >= candidates - 1e-9, probability, 0.0)


@dataclass(frozen=True)
class LinkModel:
    """A fitted link decision: P(link) = 1 / (1 + exp(-(intercept + coefficients . features))) >= threshold."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float
    candidates: float = 0.0  # the candidate stage: a pair whose score_share is below it is no link (probability 0)
    about: dict = field(default_factory=dict, compare=False)  # how it was trained (data, C, random_state)

    def probability(self, found: Evidence, score: np.ndarray) -> np.ndarray:
        """P(link) of every pair of the evidence (later rows, earlier columns), given the rule's score of each
        (:func:`cobs.compare._align.rule_score`)."""
        x = link_features(found, score)
        columns = [FEATURES.index(name) for name in self.features]
        z = self.intercept + x[..., columns] @ np.asarray(self.coefficients, dtype=float)
        return candidates_only(1.0 / (1.0 + np.exp(-z)), x[..., FEATURES.index("score_share")], self.candidates)

    def to_frame(self) -> pd.DataFrame:
        """The coefficients, one row per feature (and the intercept), to print."""
        return pd.DataFrame({"feature": [*self.features, "(intercept)"],
                             "coefficient": [*self.coefficients, self.intercept]})

    def to_json(self, path: str | Path) -> None:
        """Write the model as JSON (the file :func:`link_model` reads)."""
        data = {"features": list(self.features), "coefficients": [round(float(c), 6) for c in self.coefficients],
                "intercept": round(float(self.intercept), 6), "threshold": round(float(self.threshold), 6),
                "candidates": round(float(self.candidates), 6), "about": self.about}
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, path: str | Path) -> LinkModel:
        """Read a model written by :meth:`to_json`."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            model = cls(tuple(data["features"]), tuple(float(c) for c in data["coefficients"]),
                        float(data["intercept"]), float(data["threshold"]), float(data.get("candidates", 0.0)),
                        dict(data.get("about", {})))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: not a link model written by LinkModel.to_json ({error}); regenerate it with "
                             f"python benchmarks/train_link_model.py") from error
        unknown = [name for name in model.features if name not in FEATURES]
        if unknown or len(model.features) != len(model.coefficients):
            raise ValueError(f"{path}: features {unknown or model.features!r} do not match the coefficients or "
                             f"cobs's features {FEATURES!r}; regenerate it with python benchmarks/train_link_model.py")
        return model


@functools.cache
def link_model() -> LinkModel:
    """The link model shipped with cobs (``cobs/data/upr_link_model.json``).

    Examples
    --------
    >>> from cobs.compare._linkmodel import link_model
    >>> model = link_model()
    >>> model.features[:2], 0 < model.threshold < 1
    (('score', 'score_share'), True)
    """
    return LinkModel.from_json(MODEL_FILE)


def f1_of_readings(table: pd.DataFrame, linked: np.ndarray) -> float:
    """Mean over the States of the mean over each State's readings of the link F1 of ``linked`` (one per row).

    ``table`` has a row per pair and reading, with columns ``state``, ``reading`` and ``link`` (0/1).
    """
    return _f1_scorer(table)(linked)


def _f1_scorer(table: pd.DataFrame) -> Callable[[np.ndarray], float]:
    """f1_of_readings of a table, its groups counted once (a scorer of many decisions)."""
    states, state_names = pd.factorize(table["state"].to_numpy())
    readings, reading_names = pd.factorize(table["reading"].to_numpy())
    width = max(len(reading_names), 1)
    codes, pairs = pd.factorize(states * width + readings)
    state_of = np.asarray(pairs) // width
    link = table["link"].to_numpy() == 1
    n = len(pairs)

    def score(linked: np.ndarray) -> float:
        linked = np.asarray(linked, dtype=bool)
        tp = np.bincount(codes, weights=linked & link, minlength=n)
        fp = np.bincount(codes, weights=linked & ~link, minlength=n)
        fn = np.bincount(codes, weights=~linked & link, minlength=n)
        f1 = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(n), where=tp > 0)
        by_state = np.bincount(state_of, weights=f1) / np.bincount(state_of)
        return float(by_state[np.bincount(state_of) > 0].mean())

    return score


THRESHOLDS = tuple(np.round(np.arange(0.02, 0.96, 0.01), 2))


def fit_link_model(table: pd.DataFrame, *, C: float = MODEL_C, random_state: int | None = 0,
                   features: tuple[str, ...] = MODEL_FEATURES, candidates: float = MODEL_CANDIDATES) -> LinkModel:
    """Fit the link model on a training table, and choose its threshold by leaving each State out in turn.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per candidate pair and reading (a source of the UPR recommendations and a coder): the
        :data:`FEATURES`, ``link`` (1 when the reading links the pair), ``state`` and ``reading``. Each State
        weighs as many pairs as it has (its readings share that weight), so that two coders' readings of one
        State count once.
    C : float, default :data:`MODEL_C`
        Inverse strength of the L2 regularisation (scikit-learn's ``LogisticRegression``).
    random_state : int, optional
        Seed of the solver (liblinear, which is deterministic for a given seed).
    features : tuple of str, default :data:`MODEL_FEATURES`
        The features the model reads (of :data:`FEATURES`).
    candidates : float, default :data:`MODEL_CANDIDATES`
        The candidate stage: the model is fitted on the pairs whose ``score_share`` reaches it only, and the others
        are no link (a pair far below its recommendation's best match is almost never one); 0 fits every pair.

    Returns
    -------
    LinkModel
        Fitted on every row; its ``threshold`` the one that gives the best mean link F1 over the States
        (:func:`f1_of_readings`) when each State's probabilities come from a model fitted without it (on one
        State alone, the threshold maximising its in-sample F1).
    """
    from sklearn.linear_model import LogisticRegression

    needed = (*features, "link", "state", "reading", *(("score_share",) if candidates > 0 else ()))
    missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
    if missing:
        raise ValueError(f"fit_link_model: the table lacks the columns {missing}")
    if candidates > 0:
        candidate = table["score_share"].to_numpy(dtype=float) >= candidates - 1e-9
    else:
        candidate = np.ones(len(table), dtype=bool)
    if not candidate.any() or table.loc[candidate, "link"].nunique() < 2:
        raise ValueError("fit_link_model: the table needs pairs linked and pairs not linked"
                         + (f" among its candidates (score_share >= {candidates})" if candidates > 0 else ""))
    readings = table.groupby("state")["reading"].transform("nunique").to_numpy(dtype=float)
    weight = 1.0 / readings

    def fit(rows: np.ndarray) -> LogisticRegression:
        model = LogisticRegression(C=C, solver="liblinear", random_state=random_state, max_iter=1000)
        return model.fit(table.loc[rows, list(features)].to_numpy(dtype=float), table.loc[rows, "link"].to_numpy(),
                         sample_weight=weight[rows])

    states = sorted(set(table["state"]))
    probability = np.zeros(len(table))  # the pairs that are no candidates stay at 0
    every = candidate
    for state in states:
        inside = (table["state"] == state).to_numpy() & candidate
        if not inside.any():
            continue
        train = (every & ~inside) if len(states) > 1 else every
        if table.loc[train, "link"].nunique() < 2:
            train = every
        probability[inside] = fit(train).predict_proba(table.loc[inside, list(features)].to_numpy(dtype=float))[:, 1]
    scorer = _f1_scorer(table)
    threshold = max(THRESHOLDS, key=lambda t: (scorer(probability >= t), -abs(t - 0.5)))
    final = fit(every)
    about = {"states": states, "pairs": int(len(table)), "links": int(table["link"].sum()),
             "candidate_pairs": int(candidate.sum()), "candidate_links": int(table.loc[candidate, "link"].sum()),
             "C": C, "random_state": random_state, "solver": "liblinear"}
    return LinkModel(tuple(features), tuple(float(c) for c in final.coef_[0]), float(final.intercept_[0]),
                     float(threshold), float(candidates), about)
