"""A State's change between cycles, net of the committee's drift: difference in differences.

The committees change their drafting for every State at once (the CRPD wrote "urges" in
2014 and "recommends" in 2024), so a State's change between two cycles says something
of the State only against the committee's change over the same years. :func:`change`
gives, for each measure, the State's change, the committee's change from its COs to
other States adopted around the same years, and the difference, with an interval.

How the interval is made (the standard it follows). The estimate is the
difference in differences of a regression, at the level of the CO, with period fixed
effects: ``y_i = mu_period + delta_period * [i is the State's CO] + e_i``, fitted on the
State's two COs and the committee's other COs of the two windows; the net change is
``delta_later - delta_earlier`` = (the State's later value - the committee's mean then)
- (its earlier value - the committee's mean then). The State has one CO in each period,
so standard errors clustered by CO cannot be had for it (its one CO's residual is zero
by construction; cluster-robust and wild-bootstrap inference fail with one treated
cluster: MacKinnon and Webb 2017, "Wild bootstrap inference for wildly different
cluster sizes", J. Applied Econometrics 32(2)). The interval follows Conley and Taber
(2011, "Inference with 'difference in differences' with a small number of policy
changes", Review of Economics and Statistics 93(1)): the State's CO deviates from its
period's mean as the committee's other COs of that period deviate from theirs, so the
error of the estimate is that of one new CO of each period against the period's mean
estimated from n COs: variance s2 * (1 + 1/n) for each period (its own residual
variance, as drafting may vary more in one period than in the other), Student's t with
Welch-Satterthwaite degrees of freedom. It is valid when the State's COs are drafted
like the others of their years (exchangeable); the placebo tests of the test suite put
other States' COs of the same years in the State's place and check that the intervals
cover 0 as often as their level says. The committee's change alone is the period
coefficient of the same regression on the other COs, with standard errors clustered by
CO (:func:`cobs.stats.regress`).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_flag, check_int, check_table
from cobs.columns import CHANGE_COLUMNS, CHANGE_DOCUMENT_COLUMNS, STRENGTHS
from cobs.compare._input import measured
from cobs.errors import invalid_value
from cobs.stats import Result, adjust_p, check_confidence_level, regress

__all__ = ["MEASURES", "ChangeResult", "change"]

MEASURES = ("strength", "strength_group", "specificity", "time_bound", "theme", "repetition")
"""What :func:`change` measures, in the order of its table."""


@dataclasses.dataclass(frozen=True)
class ChangeResult(Result):
    """What :func:`change` found.

    Attributes
    ----------
    state, committee : str
        The State and committee compared.
    window : int
        Years either side of each CO's adoption within which the committee's other COs were taken.
    confidence_level : float
        Level of the intervals.
    table : pandas.DataFrame
        One row per step (pair of consecutive COs), measure and category
        (:data:`cobs.columns.CHANGE_COLUMNS`); what ``to_frame()`` returns.
    documents : pandas.DataFrame
        The COs of each side of each step (:data:`cobs.columns.CHANGE_DOCUMENT_COLUMNS`): those compared, so
        a CO of a window from which no requested action was read is not listed.
    """

    state: str
    committee: str
    window: int
    confidence_level: float
    table: pd.DataFrame = dataclasses.field(metadata={"frame": False}, repr=False)
    documents: pd.DataFrame = dataclasses.field(metadata={"frame": False}, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The tidy table (:data:`cobs.columns.CHANGE_COLUMNS`): one row per step, measure and category."""
        return self.table.copy()


def _co_values(acts: pd.DataFrame, measures: Sequence[str]) -> pd.DataFrame:
    """Each CO's value of each (measure, category): one row per symbol, columns a MultiIndex."""
    from cobs.reference import STRENGTH_GROUPS, strength_groups

    codes, symbols = pd.factorize(acts["symbol"].astype(str).to_numpy(), sort=True)
    n = np.bincount(codes, minlength=len(symbols)).astype(float)
    index = pd.Index(symbols, name="symbol")
    parts = []

    def shares(values: pd.Series, categories: list[str], measure: str) -> pd.DataFrame:
        position = {c: i for i, c in enumerate(categories)}
        column = np.array([position.get(v, -1) for v in values.tolist()])
        counted = column >= 0
        counts = np.zeros((len(symbols), len(categories)))
        np.add.at(counts, (codes[counted], column[counted]), 1)
        return pd.DataFrame(counts / n[:, None], index=index,
                            columns=pd.MultiIndex.from_product([[measure], categories]))

    strength = acts["strength"].astype(object).where(acts["strength"].notna(), None)
    if "strength" in measures:
        parts.append(shares(strength, list(STRENGTHS), "strength"))
    if "strength_group" in measures:
        parts.append(shares(strength.map(strength_groups()), list(STRENGTH_GROUPS), "strength_group"))
    for measure in ("specificity", "time_bound"):
        if measure in measures:
            total = np.bincount(codes, weights=acts[measure].astype(float).to_numpy(), minlength=len(symbols))
            parts.append(pd.DataFrame({(measure, ""): total / n}, index=index))
    if "theme" in measures:
        themes = acts["theme"].astype(object).where(acts["theme"].notna(), None)
        parts.append(shares(themes, sorted(themes.dropna().unique()), "theme"))
    return pd.concat(parts, axis=1) if parts else pd.DataFrame(index=index)


def _prediction(d: np.ndarray, sides: Sequence[np.ndarray], level: float) -> tuple[np.ndarray, ...]:
    """Interval and p-value of estimates ``d`` whose error is one new CO of each side against the side's mean.

    Each side's COs (rows) give its residual variance s2; the error of ``d`` has variance
    sum(s2 * (1 + 1 / n)) (the State's CO, and the side's mean), with Welch-Satterthwaite
    degrees of freedom. NaN where a side has fewer than two COs or nothing varies.
    """
    from scipy.stats import t as student

    k = len(d)
    parts = []
    for values in sides:
        if len(values) < 2:
            nan = np.full(k, np.nan)
            return nan, nan, nan
        s2 = values.var(axis=0, ddof=1)
        parts.append((s2 * (1 + 1 / len(values)), len(values) - 1))
    variance = sum(v for v, _ in parts)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = variance ** 2 / sum(v ** 2 / dof for v, dof in parts)
        se = np.sqrt(variance)
        half = student.ppf(0.5 + level / 2, df) * se
        p = 2 * student.sf(np.abs(d) / se, df)
    known = variance > 0
    return (np.where(known, d - half, np.nan), np.where(known, d + half, np.nan), np.where(known, p, np.nan))


def _committee_change(earlier: np.ndarray, later: np.ndarray, symbols: list[str], level: float
                      ) -> tuple[np.ndarray, np.ndarray]:
    """The committee's change of each column, with a CO-clustered interval (cobs.stats.regress), or NaN."""
    k = earlier.shape[1]
    low, high = np.full(k, np.nan), np.full(k, np.nan)
    if len(earlier) < 1 or len(later) < 1 or len(earlier) + len(later) < 3:
        return low, high
    period = ["earlier"] * len(earlier) + ["later"] * len(later)
    frame = pd.DataFrame(np.vstack([earlier, later]), columns=[f"y{j}" for j in range(k)]).assign(
        symbol=symbols, period=period)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a measure that never varies: SE 0, t undefined
        fit = regress(frame, [f"y{j}" for j in range(k)], "period", cluster="symbol", confidence_level=level)
    later_term = fit.term == "period[later]"
    low, high = fit.confidence_interval.low[later_term], fit.confidence_interval.high[later_term]
    return low, high


def _linked_share(early: pd.DataFrame, late: pd.DataFrame, options: object) -> float:
    """Share of the later CO's recommendations linked (repeated or modified) to one of the earlier CO's.

    That is, of the link table :func:`cobs.compare._align.link_units` makes of two unit tables, the share of the
    distinct ``later_ref`` linked: every later unit makes a row of that table (``new``, or one per link,
    ``repeated`` or ``modified``), and an earlier unit left without a link a row without a later ``ref``. Read
    here from the links decided alone, without the table (the texts, each link's reuse): 0.15 s a pair of COs.
    """
    from cobs.compare._align import decide, find_evidence

    refs = late["ref"].tolist()
    total = len(set(refs))
    if not total:
        return float("nan")
    _, linked = decide(find_evidence(early, late, options), options)  # type: ignore[arg-type]
    taken_up = {refs[i] for i in np.flatnonzero(linked.any(axis=1))} if linked.size else set()
    return len(taken_up) / total


def _order(documents: pd.DataFrame) -> pd.DataFrame:
    return documents.assign(_c=documents["cycle_first"].fillna(0)).sort_values(
        ["year", "_c", "symbol"], kind="stable").drop(columns="_c")


def change(
    table: pd.DataFrame,
    state: str,
    *,
    committee: str | None = None,
    symbols: Sequence[str] | None = None,
    window: int = 1,
    measures: Sequence[str] = MEASURES,
    implementation: bool = True,
    confidence_level: float = 0.95,
    max_pairs: int = 30,
    random_state: int | np.random.RandomState | None = None,
    cache: dict[object, object] | None = None,
) -> ChangeResult:
    """A State's change between two cycles (or along its chain), net of the committee's drift.

    For each measure, the State's change from one CO to the next, the committee's
    change over the same years (the mean of its COs to other States adopted within
    ``window`` years of each of the State's COs), and the difference (difference in
    differences), with a confidence interval that follows Conley and Taber (2011) for
    a single treated unit: see :mod:`cobs.compare._change`'s notes and the README
    ("A State's change net of the committee's drift"). A CO is the unit: each CO's
    value is the share (or mean) over its requested actions, and every CO weighs the
    same in the committee's mean.

    Parameters
    ----------
    table : pandas.DataFrame
        A paragraph table (:func:`cobs.read_corpus`) or measured action table
        (:func:`cobs.measure`) holding the State's COs and the committee's COs to
        other States; every CO needs its ``year``.
    state : str
        The State's code ("AZE").
    committee : str, optional
        The committee, where the table holds the State's COs from several.
    symbols : sequence of str, optional
        The State's COs to compare, oldest first; by default all its COs to the
        committee in the table, by year and cycle. Each consecutive pair is a step.
    window : int, default 1
        Years either side of each of the State's COs within which the committee's COs to
        other States are its comparison group (1: the same sessions, give or take a year).
    measures : sequence of str, default all of :data:`MEASURES`
        ``strength`` (the share of actions at each of the seven levels of operative
        verb), ``strength_group`` (weak: draws attention, requests, invites; middle:
        encourages, calls upon; strong: recommends, urges; ``cobs/data/strength_groups.csv``),
        ``specificity`` (mean, 0-4), ``time_bound`` (share), ``theme`` (share of
        each theme), ``repetition`` (share of the later CO's recommendations that
        repeat or modify one of the earlier CO's, :func:`align`; for the committee,
        the same share between its COs to two different other States of the two
        windows, at most ``max_pairs`` pairs: what the years' common drafting alone
        makes look repeated).
    implementation : bool, default True
        Count the implementation cluster (``cluster_id == "IMPL"``); False compares
        substantive recommendations only.
    confidence_level : float, default 0.95
        Level of the intervals.
    max_pairs : int, default 30
        Most pairs of other States' COs aligned for the committee's repetition rate.
    random_state : int, RandomState instance or None, default None
        Seed of the choice of pairs for the committee's repetition rate, where there are
        more than ``max_pairs``, as in scikit-learn: an int gives the same table run after run.
    cache : dict, optional
        A dict the caller keeps across calls on the same table (or on parts of it) so that
        each CO is measured and each pair of COs aligned once: it holds each CO's actions and
        units and each aligned pair's repetition rate, known by the COs' symbols. The result
        is the same with or without it; give one dict only to calls on one corpus. A caller
        who has measured the COs already may put each CO's actions in it first, at
        ``("actions", symbol)`` (the rows of that symbol of :func:`cobs.measure` of the same
        paragraph table): they are not measured again (``cobs report`` gives its actions).

    Returns
    -------
    ChangeResult
        ``to_frame()``: one row per step, measure and category
        (:data:`cobs.columns.CHANGE_COLUMNS`); ``documents``: the COs of each side.
        Where a window holds fewer than two other COs, the interval is missing (NA).

    Raises
    ------
    ValueError
        If the State has fewer than two COs to the committee, one of them has no
        requested action or no year, the committee is ambiguous, or an option is out
        of range.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> table = cobs.read_corpus("corpus")
    >>> result = cobs.compare.change(table, "AZE", measures=["strength_group"], random_state=0)
    >>> result.to_frame()[["category", "state_earlier", "state_later", "n_earlier", "n_later"]].round(3)
      category  state_earlier  state_later  n_earlier  n_later
    0     weak          0.091        0.028          2        2
    1   middle          0.145        0.009          2        2
    2   strong          0.745        0.963          2        2

    41 of CO/1's 55 actions are recommended or urged, 105 of CO/2-3's 109; the committee's
    other COs of 2013-2015 and of 2023-2025:

    >>> result.documents.query("role == 'committee'")["symbol"].tolist()
    ['CRPD/C/NZL/CO/1', 'CRPD/C/TKM/CO/1', 'CRPD/C/GEO/CO/1', 'CRPD/C/BLR/CO/1']
    """
    check_table(table, ["symbol", "state", "committee", "year"], what="a paragraph or action table of COs")
    if not isinstance(state, str):
        raise TypeError(invalid_value("state", state, "a State code (str) such as 'AZE'"))
    if isinstance(measures, str):
        raise TypeError(invalid_value("measures", measures, "a list of measures", f"write [{measures!r}]"))
    measures = list(dict.fromkeys(measures))
    if not measures:
        raise ValueError(invalid_value("measures", measures, f"one or more of {list(MEASURES)}"))
    for measure in measures:
        check_choice(measure, "measures", MEASURES)
    window = check_int(window, "window", least=0, expected="a number of years >= 0")
    implementation = check_flag(implementation, "implementation")
    level = check_confidence_level(confidence_level)
    max_pairs = check_int(max_pairs, "max_pairs")
    from sklearn.utils import check_random_state

    rng = check_random_state(random_state)
    if cache is not None and not isinstance(cache, dict):
        raise TypeError(invalid_value("cache", cache, "a dict kept across calls on one table, or None"))

    own = table[table["state"].astype(object) == state]
    if own.empty:
        known = sorted(table["state"].dropna().astype(str).unique())
        raise ValueError(invalid_value("state", state, "a State of the table", f"it has {known[:12]}"
                                       + (" ..." if len(known) > 12 else "")))
    committees = sorted(own["committee"].dropna().astype(str).unique())
    if committee is None:
        if len(committees) > 1:
            raise ValueError(f"the table holds COs to {state} from {committees}: give committee= one of them")
        committee = committees[0]
    elif committee not in committees:
        raise ValueError(invalid_value("committee", committee, f"a committee with COs to {state} in the table",
                                       f"{state} has COs from {committees}"))
    mine = table[table["committee"].astype(object) == committee]
    documents = mine.drop_duplicates("symbol")[["symbol", "state", "year"]].assign(
        cycle_first=mine.drop_duplicates("symbol")["cycle_first"] if "cycle_first" in mine.columns else 0)
    documents = documents.assign(symbol=documents["symbol"].astype(str), state=documents["state"].astype(str))
    undated = documents[documents["year"].isna()]
    if symbols is None:
        chain = _order(documents[(documents["state"] == state) & documents["year"].notna()])["symbol"].tolist()
        if len(undated[undated["state"] == state]):
            raise ValueError(f"{state}'s CO(s) {undated.loc[undated['state'] == state, 'symbol'].tolist()} have no "
                             "year: a change over time needs each CO's year of adoption")
    else:
        if isinstance(symbols, str):
            raise TypeError(invalid_value("symbols", symbols, "a list of two or more symbols", f"write [{symbols!r}]"))
        chain = list(symbols)
        for symbol in chain:
            row = documents[documents["symbol"] == symbol]
            if row.empty or row["state"].iloc[0] != state:
                raise ValueError(invalid_value("symbols", symbol, f"a CO of {committee} to {state} in the table"))
            if row["year"].isna().iloc[0]:
                raise ValueError(f"{symbol} has no year: a change over time needs each CO's year of adoption")
    if len(chain) < 2:
        raise ValueError(f"{state} has {len(chain)} CO(s) from {committee} in the table ({chain}); a change needs two "
                         "or more: add its other cycle(s)")

    if "repetition" in measures:
        check_table(mine, "actions" if "clause" in mine.columns else "paragraphs",
                    what="a table whose texts align can compare (measures=['repetition'] aligns the COs)")
    acts = _measured(mine, cache)
    if not implementation:
        acts = acts[acts["cluster_id"].fillna("") != "IMPL"]
    values = _co_values(acts, measures)
    year = documents.set_index("symbol")["year"]
    state_of = documents.set_index("symbol")["state"]
    others = documents[(documents["state"] != state) & documents["year"].notna()]
    paragraphs = mine if "clause" not in mine.columns else acts

    unread = [s for s in chain if s not in values.index]
    if unread:
        raise ValueError(f"{unread[0]} has no requested action in the table (no recommendation read from it): a change "
                         "is measured on each CO's requested actions; check how the document was read "
                         "(cobs.read_document(...).paragraphs['kind'])" + (" or give implementation=True"
                                                                           if not implementation else ""))
    rows, listed = [], []
    for step, (first, second) in enumerate(zip(chain[:-1], chain[1:], strict=True), start=1):
        y0, y1 = int(year[first]), int(year[second])
        # the committee's COs of each window from which requested actions were read: those compared, and listed
        near = [[s for s in others.loc[(others["year"] - y).abs() <= window, "symbol"] if s in values.index]
                for y in (y0, y1)]
        for where, (symbol_list, own_symbol) in zip(("earlier", "later"), ((near[0], first), (near[1], second)),
                                                    strict=True):
            listed.append((step, "state", where, own_symbol, state, int(year[own_symbol])))
            listed.extend((step, "committee", where, s, state_of[s], int(year[s]))
                          for s in sorted(symbol_list, key=lambda s: (int(year[s]), s)))
        base = {"state": state, "committee": committee, "step": step, "earlier_symbol": first,
                "later_symbol": second, "earlier_year": y0, "later_year": y1, "n_earlier": len(near[0]),
                "n_later": len(near[1])}
        rows.extend(_step_rows(values, first, second, near, base, level))
        if "repetition" in measures:
            source = "paragraphs" if "clause" not in mine.columns else ("actions", implementation)
            rows.append(_repetition_row(paragraphs, first, second, near, state_of, base, level, max_pairs,
                                        rng, cache, source))
    out = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    out["q_value"] = np.nan
    for _, group in out.groupby("step"):
        out.loc[group.index, "q_value"] = adjust_p(group["p_value"].to_numpy(dtype=float), method="bh")
    order = {m: i for i, m in enumerate(MEASURES)}
    out = out.assign(_m=out["measure"].map(order), _r=np.arange(len(out))).sort_values(
        ["step", "_m", "_r"], kind="stable").drop(columns=["_m", "_r"]).reset_index(drop=True)
    for column in ("state", "committee", "earlier_symbol", "later_symbol", "measure", "category"):
        out[column] = out[column].astype("string")
    for column in ("earlier_year", "later_year"):
        out[column] = out[column].astype("Int64")
    for column in ("step", "n_earlier", "n_later"):
        out[column] = out[column].astype("int64")
    docs = pd.DataFrame(listed, columns=list(CHANGE_DOCUMENT_COLUMNS))
    docs = docs.astype({"role": "string", "window": "string", "symbol": "string", "state": "string",
                        "year": "Int64"})
    return ChangeResult(state, committee, window, level, out, docs)


def _measured(table: pd.DataFrame, cache: dict[object, object] | None) -> pd.DataFrame:
    """The measured actions of ``table`` (:func:`measured`), each CO measured once across calls sharing ``cache``."""
    if cache is None or ("clause" in table.columns):
        return measured(table)
    symbol = table["symbol"].astype(str)
    wanted = list(dict.fromkeys(symbol))
    missing = [s for s in wanted if ("actions", s) not in cache]
    if missing:
        acts = measured(table[symbol.isin(missing)])
        groups = dict(list(acts.groupby(acts["symbol"].astype(str), sort=False)))
        cache.update({("actions", s): groups.get(s, acts.iloc[:0]) for s in missing})
    return pd.concat([cache[("actions", s)] for s in wanted], ignore_index=True)


def _step_rows(values: pd.DataFrame, first: str, second: str, near: list[list[str]], base: dict[str, object],
               level: float) -> list[dict[str, object]]:
    """The rows of one step for the measures computed from each CO's actions."""
    if values.shape[1] == 0:
        return []
    columns = values.columns
    v0, v1 = values.loc[near[0]].to_numpy(dtype=float), values.loc[near[1]].to_numpy(dtype=float)
    s0, s1 = values.loc[first].to_numpy(dtype=float), values.loc[second].to_numpy(dtype=float)
    seen = (np.abs(s0) + np.abs(s1) + np.abs(v0).sum(axis=0) + np.abs(v1).sum(axis=0)) > 0
    keep = np.array([measure != "theme" or bool(s) for (measure, _), s in zip(columns, seen, strict=True)])
    columns, v0, v1, s0, s1 = columns[keep], v0[:, keep], v1[:, keep], s0[keep], s1[keep]
    k = len(columns)
    m0 = v0.mean(axis=0) if len(v0) else np.full(k, np.nan)
    m1 = v1.mean(axis=0) if len(v1) else np.full(k, np.nan)
    d = (s1 - m1) - (s0 - m0)
    low, high, p = _prediction(d, [v0, v1], level)
    c_low, c_high = _committee_change(v0, v1, near[0] + near[1], level)
    return [{**base, "measure": measure, "category": category or pd.NA, "state_earlier": s0[j], "state_later": s1[j],
             "state_change": s1[j] - s0[j], "committee_earlier": m0[j], "committee_later": m1[j],
             "committee_change": m1[j] - m0[j], "committee_ci_low": c_low[j], "committee_ci_high": c_high[j],
             "difference": d[j], "ci_low": low[j], "ci_high": high[j], "p_value": p[j], "confidence_level": level}
            for j, (measure, category) in enumerate(columns)]


def _repetition_row(paragraphs: pd.DataFrame, first: str, second: str, near: list[list[str]], state_of: pd.Series,
                    base: dict[str, object], level: float, max_pairs: int,
                    rng: np.random.RandomState, cache: dict[object, object] | None = None,
                    source: object = None) -> dict[str, object]:
    """The repetition rate of the State's pair against that of pairs of other States' COs of the same windows."""
    from cobs.compare._align import AlignOptions
    from cobs.compare._chain import _prepare
    from cobs.compare._units import units

    pairs = [(a, b) for a in near[0] for b in near[1] if state_of[a] != state_of[b]]
    if len(pairs) > max_pairs:
        pairs = [pairs[i] for i in sorted(rng.choice(len(pairs), size=max_pairs, replace=False))]
    options = AlignOptions().resolved("co")
    needed = list(dict.fromkeys([first, second, *(s for pair in pairs for s in pair)]))
    cache = {} if cache is None else cache
    missing = [s for s in needed if ("units", source, options, s) not in cache]
    if missing:
        symbol = paragraphs["symbol"].astype(str)
        # a CO of a paragraph table whose actions change() measured: cut from them, as _prepare would measure them
        known = [s for s in missing if source == "paragraphs" and ("actions", s) in cache]
        for s in known:
            cache[("units", source, options, s)] = units(cache[("actions", s)], paragraphs[symbol == s],
                                                         unit=options.unit, context=options.context)
        rest = [s for s in missing if s not in known]
        found = _prepare([paragraphs[symbol == s] for s in rest], options) if rest else {}  # measured and cut once
        cache.update({("units", source, options, s): found[s] for s in rest})

    def rate(a: str, b: str) -> float:
        key = ("rate", source, options, a, b)
        if key not in cache:
            cache[key] = _linked_share(cache[("units", source, options, a)], cache[("units", source, options, b)],
                                       options)
        return cache[key]

    own = rate(first, second)
    rates = np.array([rate(a, b) for a, b in pairs], dtype=float)
    known = ~np.isnan(rates)
    rates, pairs = rates[known], [p for p, k in zip(pairs, known, strict=True) if k]
    mean = rates.mean() if len(rates) else np.nan
    low = high = p = c_low = c_high = np.nan
    if len(rates) >= 2:
        low, high, p = (float(x[0]) for x in _prediction(np.array([own - mean]), [rates[:, None]], level))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            fit = regress(pd.DataFrame({"rate": rates, "later": [b for _, b in pairs]}), "rate", [],
                          cluster="later" if len({b for _, b in pairs}) >= 2 else None, confidence_level=level)
        c_low, c_high = float(fit.confidence_interval.low[0]), float(fit.confidence_interval.high[0])
    return {**base, "measure": "repetition", "category": pd.NA, "state_earlier": np.nan, "state_later": np.nan,
            "state_change": own, "committee_earlier": np.nan, "committee_later": np.nan, "committee_change": mean,
            "committee_ci_low": c_low, "committee_ci_high": c_high, "difference": own - mean, "ci_low": low,
            "ci_high": high, "p_value": p, "confidence_level": level}
