"""cobs.compare.change: a State's change net of the committee's drift; placebo tests of its intervals."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, shared_path

import cobs
import cobs.compare
from cobs.columns import CHANGE_COLUMNS, CHANGE_DOCUMENT_COLUMNS, STRENGTH_DTYPE

PLACEBO = ["strength", "strength_group", "specificity", "time_bound"]


def synthetic(n_per_window: int = 30, actions: int = 60, seed: int = 0, effect: float = 0.0,
              concentration: float = 6.0) -> pd.DataFrame:
    """A measured action table of COs in two periods (2014, 2024) whose drafting moves from 'urges' to 'recommends'.

    Each CO draws its own share of urged actions around its period's (the COs of one period differ from one another
    more than their actions' sampling alone would make them), its specificity and its deadlines; State 'ZZZ' has one
    CO in each period, drawn like the others, with ``effect`` added to its later CO's share of 'urges'. The higher
    ``concentration``, the closer each CO's share to its period's.
    """
    rng = np.random.RandomState(seed)
    rows = []
    cos = [(f"S{k:02d}", year) for year in (2014, 2024) for k in range(n_per_window)]
    cos += [("ZZZ", 2014), ("ZZZ", 2024)]
    for number, (state, year) in enumerate(cos):
        mean = 0.35 if year == 2014 else 0.08
        urged = rng.beta(mean * concentration, (1 - mean) * concentration)
        urged = min(1.0, urged + (effect if (state, year) == ("ZZZ", 2024) else 0))
        calls = rng.uniform(0, 0.2 if year == 2014 else 0.05)
        levels = rng.choice(["urges", "calls upon", "recommends"], size=actions,
                            p=[urged * (1 - calls), calls * (1 - urged), 1 - urged * (1 - calls) - calls * (1 - urged)])
        specific = rng.uniform(0.2, 1.2) + (0.3 if year == 2024 else 0)
        deadline = rng.uniform(0, 0.1)
        symbol = f"CRPD/C/{state}/CO/{1 if year == 2014 else 2}"
        for i in range(actions):
            rows.append({"symbol": symbol, "committee": "CRPD", "state": state, "cycle": "1" if year == 2014 else "2",
                         "cycle_first": 1 if year == 2014 else 2, "year": year, "para": i + 1, "sub": "",
                         "clause": 1, "ref": f"{symbol}, para. {i + 1}", "strength": levels[i],
                         "specificity": int(rng.poisson(specific)), "time_bound": bool(rng.uniform() < deadline),
                         "theme": ["education", "health", "work and employment"][(i + number) % 3],
                         "cluster_id": "CRPD-B", "articles": [], "previous": [], "persistence": [],
                         "action_category": 4})
    table = pd.DataFrame(rows)
    table["strength"] = table["strength"].astype(STRENGTH_DTYPE)
    table["year"] = table["year"].astype("Int64")
    return table


def test_change_by_hand():
    table = synthetic(n_per_window=3, actions=10, seed=1)
    result = cobs.compare.change(table, "ZZZ", measures=["strength", "time_bound"])
    frame = result.to_frame()
    assert list(frame.columns) == list(CHANGE_COLUMNS) and list(result.documents.columns) == list(
        CHANGE_DOCUMENT_COLUMNS)
    share = table.assign(u=table["strength"] == "urges").groupby("symbol")["u"].mean()
    row = frame.query("measure == 'strength' and category == 'urges'").iloc[0]
    others = {year: [f"CRPD/C/S{k:02d}/CO/{1 if year == 2014 else 2}" for k in range(3)] for year in (2014, 2024)}
    state_change = share["CRPD/C/ZZZ/CO/2"] - share["CRPD/C/ZZZ/CO/1"]
    committee_change = share[others[2024]].mean() - share[others[2014]].mean()
    assert row["state_change"] == pytest.approx(state_change)
    assert row["committee_change"] == pytest.approx(committee_change)
    assert row["difference"] == pytest.approx(state_change - committee_change)
    # the interval: one new CO of each period against its period's mean, Welch-Satterthwaite degrees of freedom
    from scipy.stats import t

    parts = [share[others[y]].var(ddof=1) * (1 + 1 / 3) for y in (2014, 2024)]
    df = sum(parts) ** 2 / sum(p ** 2 / 2 for p in parts)
    half = t.ppf(0.975, df) * np.sqrt(sum(parts))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((row["difference"] - half, row["difference"] + half))
    assert row["n_earlier"] == 3 and row["n_later"] == 3
    assert set(result.documents.query("role == 'committee' and window == 'later'")["symbol"]) == set(others[2024])
    # the committee's change alone: the period coefficient with errors clustered by CO
    assert row["committee_ci_low"] < committee_change < row["committee_ci_high"]
    # any row order: the same table
    again = cobs.compare.change(table.sample(frac=1, random_state=0), "ZZZ", measures=["strength", "time_bound"])
    pd.testing.assert_frame_equal(again.to_frame(), frame)


def test_a_window_of_one_other_co_gives_no_interval():
    table = synthetic(n_per_window=3, actions=10, seed=1)
    table = table[~table["symbol"].isin(["CRPD/C/S00/CO/2", "CRPD/C/S01/CO/2"])]
    frame = cobs.compare.change(table, "ZZZ", measures=["time_bound"]).to_frame()
    assert frame["n_later"].iloc[0] == 1 and frame["ci_low"].isna().all() and frame["difference"].notna().all()


def _placebo_coverage(table: pd.DataFrame, pairs: list[tuple[str, str]], measures: list[str], **options) -> pd.Series:
    """Put each pair of other States' COs in a State's place; whether each interval covers 0."""
    covered = []
    for earlier, later in pairs:
        placebo = table.copy()
        placebo["state"] = placebo["state"].astype(object).where(~placebo["symbol"].isin([earlier, later]), "PLACEBO")
        frame = cobs.compare.change(placebo, "PLACEBO", symbols=[earlier, later], measures=measures,
                                    **options).to_frame().dropna(subset=["ci_low"])
        covered.append(frame.assign(covered=(frame["ci_low"] <= 0) & (frame["ci_high"] >= 0)))
    return pd.concat(covered, ignore_index=True)


def test_placebo_intervals_cover_zero_as_often_as_their_level_says():
    """The State replaced by other States' COs of the same years: no true change beyond the committee's."""
    table = synthetic(seed=2)
    table = table[table["state"] != "ZZZ"]
    rng = np.random.RandomState(0)
    pairs = [(f"CRPD/C/S{a:02d}/CO/1", f"CRPD/C/S{b:02d}/CO/2") for a, b in zip(
        rng.randint(30, size=40), rng.randint(30, size=40), strict=True) if a != b]
    covered = _placebo_coverage(table, pairs, PLACEBO)
    assert len(covered) > 200  # urges, calls upon, recommends; the 3 groups; specificity, time_bound
    assert 0.92 <= covered["covered"].mean() <= 0.985
    at_90 = _placebo_coverage(table, pairs[:20], PLACEBO, confidence_level=0.9)
    assert 0.84 <= at_90["covered"].mean() <= 0.96


def test_a_real_change_is_found_and_the_drift_is_not_taken_for_one():
    table = synthetic(seed=3, effect=0.4, concentration=60)
    row = cobs.compare.change(table, "ZZZ", measures=["strength"]).to_frame().query("category == 'urges'").iloc[0]
    assert row["ci_low"] > 0 and row["ci_low"] <= 0.4 <= row["ci_high"] and row["q_value"] < 0.05
    # without an effect, the State falls with the committee (0.35 -> 0.08 urged): a raw change, no net one
    row = cobs.compare.change(synthetic(seed=3, concentration=60), "ZZZ", measures=["strength"]).to_frame().query(
        "category == 'urges'").iloc[0]
    assert row["committee_change"] < -0.15 and row["ci_low"] <= 0 <= row["ci_high"]


def test_change_bad_input():
    table = synthetic(n_per_window=3, actions=5)
    with pytest.raises(ValueError, match=r"state must be a State of the table, got 'XXX'"):
        cobs.compare.change(table, "XXX")
    with pytest.raises(ValueError, match="S00 has 1 CO"):
        cobs.compare.change(table[table["symbol"] != "CRPD/C/S00/CO/2"], "S00")
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['heading', 'chapeau', 'text'"):
        cobs.compare.change(table, "ZZZ", measures=["repetition"])
    with pytest.raises(ValueError, match="measures must be 'strength'"):
        cobs.compare.change(table, "ZZZ", measures=["colour"])
    with pytest.raises(TypeError, match=r"write \['theme'\]"):
        cobs.compare.change(table, "ZZZ", measures="theme")
    with pytest.raises(ValueError, match="window must be a number of years >= 0, got -1"):
        cobs.compare.change(table, "ZZZ", window=-1)
    with pytest.raises(ValueError, match="confidence_level must be a probability"):
        cobs.compare.change(table, "ZZZ", confidence_level=95)
    with pytest.raises(ValueError, match="have no year: a change over time needs"):
        cobs.compare.change(table.assign(year=pd.array([pd.NA] * len(table), dtype="Int64")), "ZZZ")
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['year'\]"):
        cobs.compare.change(table.drop(columns="year"), "ZZZ")


# ----------------------------------------------------------------------------------- the bundled corpus

@pytest.fixture(scope="module")
def corpus():
    return cobs.read_corpus(ROOT / "corpus")


def test_bundled_azerbaijan_repetition_is_align_s(corpus):
    result = cobs.compare.change(corpus, "AZE", measures=["repetition", "strength_group"], random_state=0)
    frame = result.to_frame()
    assert frame["measure"].tolist() == ["strength_group"] * 3 + ["repetition"]  # in the order of MEASURES
    links = cobs.compare.align(corpus[corpus["symbol"] == "CRPD/C/AZE/CO/1"],
                               corpus[corpus["symbol"] == "CRPD/C/AZE/CO/2-3"])
    later = links[links["later_ref"].notna()]
    rate = later.loc[later["status"].isin(["repeated", "modified"]), "later_ref"].nunique() / later[
        "later_ref"].nunique()
    row = frame[frame["measure"] == "repetition"].iloc[0]
    assert row["state_change"] == pytest.approx(rate)
    # the committee: its COs to the other States of 2013-2015 (NZL, TKM) against those of 2023-2025 (BLR, GEO)
    assert sorted(result.documents.query("role == 'committee'")["state"]) == ["BLR", "GEO", "NZL", "TKM"]
    assert 0 < row["committee_change"] < 1 and row["difference"] == pytest.approx(rate - row["committee_change"])


def test_a_co_without_requested_actions(corpus):
    """A CO of the table from which no requested action was read: not listed among the COs compared (it is not one
    of them), and where it is the State's own, a clear error rather than a KeyError (notebook 07 met the first)."""
    empty = corpus[~((corpus["symbol"] == "CRPD/C/TKM/CO/1") & (corpus["kind"] == "recommendation"))]
    result = cobs.compare.change(empty, "AZE", measures=["time_bound"])
    row = result.to_frame().iloc[0]
    listed = result.documents.query("role == 'committee'")
    assert row["n_earlier"] == 1 and listed["symbol"].tolist() == ["CRPD/C/NZL/CO/1", "CRPD/C/GEO/CO/1",
                                                                   "CRPD/C/BLR/CO/1"]
    own = corpus[~((corpus["symbol"] == "CRPD/C/AZE/CO/1") & (corpus["kind"] == "recommendation"))]
    with pytest.raises(ValueError, match=r"CRPD/C/AZE/CO/1 has no requested action"):
        cobs.compare.change(own, "AZE", measures=["time_bound"])


# ----------------------------------------------------------------------------------- the CRPD corpus

@pytest.fixture(scope="module")
def crpd_actions():
    folder = shared_path("crpd-dashboard-pdfs", "concluding_observations")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cobs.measure(cobs.read_corpus(folder))


@pytest.mark.real_data
def test_real_placebo_same_years_crpd(crpd_actions):
    """Other States' COs of 2014-2016 and 2022-2024 in a State's place: the intervals cover 0 as their level says."""
    docs = crpd_actions.drop_duplicates("symbol")[["symbol", "state", "year"]]
    early = docs[docs["year"].between(2014, 2016)].sort_values("symbol")
    late = docs[docs["year"].between(2022, 2024)].sort_values("symbol")
    rng = np.random.RandomState(0)
    pairs = []
    while len(pairs) < 30:
        a, b = early.iloc[rng.randint(len(early))], late.iloc[rng.randint(len(late))]
        if a["state"] != b["state"]:
            pairs.append((a["symbol"], b["symbol"]))
    covered = _placebo_coverage(crpd_actions, pairs, PLACEBO)
    assert covered["n_earlier"].min() >= 10 and covered["n_later"].min() >= 10
    assert 0.9 <= covered["covered"].mean() <= 0.99


@pytest.mark.real_data
def test_real_azerbaijan_softening_is_mostly_the_committee_s(crpd_actions):
    """DOMAIN.md: CRPD drafting moved from 'urges' (2014) to 'recommends' (2024), for every State at once."""
    result = cobs.compare.change(crpd_actions, "AZE", measures=["strength"])
    urges = result.to_frame().query("category == 'urges'").iloc[0]
    assert urges["state_earlier"] == pytest.approx(7 / 55) and urges["state_later"] == 0  # 7 urged of 55, then none
    assert urges["committee_change"] < 0 and urges["n_earlier"] >= 10 and urges["n_later"] >= 10
    assert urges["ci_low"] <= 0 <= urges["ci_high"]  # net of the committee's drift, no change to speak of
    years = result.documents.query("role == 'committee'").groupby("window")["year"].agg(["min", "max"])
    assert years.loc["earlier"].tolist() == [2013, 2015] and years.loc["later"].tolist() == [2023, 2025]


def _same_with_a_cache(table: pd.DataFrame) -> int:
    """change() of each State with two or more COs, alone and with one cache shared by every call: the same tables.

    Returns how many States were compared. The calls without a cache are change() as it was (each call measures
    its COs and aligns its pairs); the shared cache measures each CO and aligns each pair once across the calls.
    """
    from pandas.testing import assert_frame_equal

    docs = table.drop_duplicates("symbol")
    states = sorted(s for s, n in docs.groupby("state", observed=True)["symbol"].nunique().items() if n >= 2)
    cache: dict[object, object] = {}
    for state in [*states, states[0]]:  # the first State again: everything it needs is then in the cache
        alone = cobs.compare.change(table, state, random_state=0)
        shared = cobs.compare.change(table, state, random_state=0, cache=cache)
        assert_frame_equal(shared.to_frame(), alone.to_frame(), check_exact=True)
        assert_frame_equal(shared.documents, alone.documents, check_exact=True)
        # a part of the table (as the report gives change() each pair's COs and their windows'): the same again
        years = docs["year"].astype(float)
        own = years[docs["state"] == state]
        near = docs.loc[pd.concat([(years - y).abs() <= 1 for y in own], axis=1).any(axis=1), "symbol"]
        part = table[table["symbol"].isin(set(near))]
        assert_frame_equal(cobs.compare.change(part, state, random_state=0, cache=cache).to_frame(),
                           cobs.compare.change(part, state, random_state=0).to_frame(), check_exact=True)
    held = len(cache)  # every CO measured and cut, every pair aligned: a call again adds nothing to the cache
    assert {k[0] for k in cache} == {"actions", "units", "rate"}
    cobs.compare.change(table, states[-1], random_state=0, cache=cache)
    assert len(cache) == held
    return len(states)


def test_cache_gives_the_same_tables_bundled():
    """The bundled corpus (AZE and NZL, two cycles each): change() with a shared cache gives the same tables."""
    assert _same_with_a_cache(cobs.read_corpus(ROOT / "corpus")) >= 2


@pytest.mark.real_data
def test_cache_gives_the_same_tables_crpd():
    """22 CRPD COs of 2014 and 2024 (AZE, BEL, DNK and SWE have both): the same tables with a shared cache."""
    from cobs.corpus import CorpusWarning

    folder = shared_path("crpd-dashboard-pdfs", "concluding_observations")
    paths = [p for p in sorted(folder.glob("*_20[12]4_CRPD_C_*_CO_*.pdf")) if "_FCO_" not in p.name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # KAZ's 2024 CO is the Arabic version: left out
        table = cobs.read_corpus(paths)
    assert table["symbol"].nunique() >= 20
    assert _same_with_a_cache(table) >= 4


def test_cache_must_be_a_dict():
    with pytest.raises(TypeError, match="cache"):
        cobs.compare.change(cobs.read_corpus(ROOT / "corpus"), "AZE", cache=[])


def test_repetition_rate_is_that_of_the_link_table(corpus):
    """change() reads a pair's repetition rate from the links decided, without making the link table: the rate of
    every pair of the bundled CRPD COs, both ways, is the share of the link table's later refs that are linked."""
    from cobs.compare._align import AlignOptions, link_units
    from cobs.compare._change import _linked_share
    from cobs.compare._input import measured
    from cobs.compare._units import units

    options = AlignOptions().resolved("co")
    crpd = corpus[corpus["committee"] == "CRPD"]
    cut = {symbol: units(measured(table), table, unit=options.unit, context=options.context)
           for symbol, table in crpd.groupby("symbol", sort=True)}
    rates = []
    for a in cut:
        for b in cut:
            links = link_units(cut[a], cut[b], options)
            later = links[links["later_ref"].notna()]
            linked = later.loc[later["status"].isin(["repeated", "modified"]), "later_ref"].nunique()
            rates.append(linked / later["later_ref"].nunique())
            assert _linked_share(cut[a], cut[b], options) == rates[-1], (a, b)
    assert len(rates) >= 36 and 0 < min(rates) < max(rates) == 1  # the bundled CRPD COs, each with itself too


def test_cache_given_the_actions_measured_already(corpus):
    """A cache that starts with each CO's actions (as cobs report gives cobs.measure's): nothing measured again, the
    same tables as without a cache."""
    from pandas.testing import assert_frame_equal

    actions = cobs.measure(corpus)
    cache: dict[object, object] = {("actions", str(s)): acts for s, acts in actions.groupby(
        actions["symbol"].astype(object), sort=False)}
    given = {id(v) for v in cache.values()}
    for state in ("AZE", "NZL"):
        assert_frame_equal(cobs.compare.change(corpus, state, random_state=0, cache=cache).to_frame(),
                           cobs.compare.change(corpus, state, random_state=0).to_frame(), check_exact=True)
    assert {id(v) for k, v in cache.items() if k[0] == "actions"} == given  # the actions given, none measured
