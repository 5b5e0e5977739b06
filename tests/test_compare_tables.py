"""cobs.compare: profile, keyness, boilerplate and similarity, on the bundled corpus and planted texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from scipy.stats import chi2_contingency

import cobs
from cobs.compare import boilerplate, boilerplate_share, keyness, most_similar, profile, similarity


@pytest.fixture(scope="module")
def corpus():
    return cobs.read_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def actions(corpus):
    return cobs.measure(corpus)


# ---------------------------------------------------------------------------------- profile

def test_profile_counts_and_shares(actions):
    shares = profile(actions, by="symbol")
    assert list(shares.columns) == ["symbol", *cobs.columns.PROFILE_COLUMNS]
    sums = shares.groupby(["symbol", "dimension"])["share"].sum()
    assert np.allclose(sums, 1.0)
    n = actions.groupby("symbol").size()
    assert (shares.groupby("symbol")["n"].first() == n).all()
    # DOMAIN.md: Azerbaijan got 7 "urges" in CRPD/C/AZE/CO/1 and none in CO/2-3
    urges = shares.query("dimension == 'strength' and category == 'urges'").set_index("symbol")["count"]
    assert urges["CRPD/C/AZE/CO/1"] == 7 and urges["CRPD/C/AZE/CO/2-3"] == 0
    # every group has every strength level, in order, zeros included
    levels = shares.query("symbol == 'CRPD/C/AZE/CO/2-3' and dimension == 'strength'")["category"].dropna().tolist()
    assert levels == list(cobs.columns.STRENGTHS)


def test_profile_mean_and_implementation(actions):
    mine = actions[actions["symbol"] == "CRPD/C/NZL/CO/1"]
    shares = profile(mine, by=["state", "cycle"], dimensions=["time_bound", "action_category"])
    time_bound = shares.query("dimension == 'time_bound'")
    assert time_bound["mean"].iloc[0] == pytest.approx(mine["time_bound"].mean())
    without = profile(mine, dimensions=["cluster_id"], implementation=False)
    assert "IMPL" not in set(without["category"].dropna())
    assert without["n"].iloc[0] == (mine["cluster_id"].fillna("") != "IMPL").sum()


def test_profile_bad_input(actions):
    with pytest.raises(ValueError, match="dimensions must be"):
        profile(actions, dimensions=["colour"])
    with pytest.raises(TypeError, match=r"dimensions must be a list of dimensions, got 'theme'; write \['theme'\]"):
        profile(actions, dimensions="theme")
    with pytest.raises(ValueError, match=r"actions lacks the column\(s\) \['region'\]"):
        profile(actions, by="region")
    with pytest.raises(TypeError, match="actions must be a pandas DataFrame"):
        profile("corpus/")


# ---------------------------------------------------------------------------------- keyness

def test_keyness_finds_a_planted_word(corpus):
    recommendations = corpus[corpus["kind"] == "recommendation"]
    target = recommendations[recommendations["symbol"] == "CRPD/C/ARM/CO/1"].copy()
    planted = target.index[:12]
    target.loc[planted, "text"] = target.loc[planted, "text"] + " Establish zorbification."
    reference = recommendations[recommendations["symbol"] != "CRPD/C/ARM/CO/1"]
    key = keyness(target, reference)
    words = key[~key["term"].str.contains(" ")]
    top = words.iloc[0]  # (the phrase "establish zorbification" is as distinctive among phrases)
    assert top["term"] == "zorbification" and top["direction"] == "target" and top["g2"] > 2 * words["g2"].iloc[1]
    assert top["target_count"] == 12 and top["reference_count"] == 0
    # G2 and chi2 as scipy computes them on the same 2x2 table
    words_target = key.loc[~key["term"].str.contains(" "), "target_count"]
    row = key[key["term"] == "disabilities"].iloc[0]
    assert list(key.columns) == list(cobs.columns.KEYNESS_COLUMNS)
    totals = _totals(target, reference)
    table = np.array([[row["target_count"], row["reference_count"]],
                      [totals[0] - row["target_count"], totals[1] - row["reference_count"]]])
    g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    chi2 = chi2_contingency(table, correction=False)[0]
    assert row["g2"] == pytest.approx(g2) and row["chi2"] == pytest.approx(chi2)
    assert words_target.sum() <= totals[0]
    assert (key["g2"].diff().dropna() <= 1e-12).all()  # most distinctive first


def _totals(target: pd.DataFrame, reference: pd.DataFrame) -> tuple[int, int]:
    from cobs.text import vectorizer

    counter = vectorizer(weighting="count", ngram_range=(1, 1))
    matrix = counter.fit_transform(target["text"].tolist() + reference["text"].tolist())
    return int(matrix[: len(target)].sum()), int(matrix[len(target):].sum())


def test_keyness_cites_the_rows_that_use_each_term(corpus):
    recommendations = corpus[corpus["kind"] == "recommendation"]
    target = recommendations[recommendations["symbol"] == "CRPD/C/ARM/CO/1"].copy()
    planted = target.index[[0, 3, 5]]
    target.loc[planted, "text"] = target.loc[planted, "text"] + " Establish zorbification."
    reference = recommendations[recommendations["symbol"] != "CRPD/C/ARM/CO/1"]
    key = keyness(target, reference, refs=True).set_index("term")
    cited = [f"CRPD/C/ARM/CO/1, para. {p}" + (f" ({s})" if s else "") for p, s in target.loc[planted, ["para", "sub"]]
             .itertuples(index=False)]  # paragraph rows cited as cobs.measure cites them
    assert key.loc["zorbification", "target_refs"] == cited
    assert key.loc["zorbification", "reference_refs"] == []
    row = key.loc["disabilities"]  # every use counted is cited (a row may use a term more than once)
    assert len(row["target_refs"]) <= row["target_count"] and len(row["reference_refs"]) <= row["reference_count"]
    assert {ref.split(", para. ")[0] for ref in row["reference_refs"]} <= set(reference["symbol"])
    assert len(row["target_refs"]) == target["text"].str.lower().str.contains("disabilities").sum()
    assert "target_refs" not in keyness(target, reference).columns  # only when asked for
    with pytest.raises(ValueError, match="a paragraph or action table .* when refs=True"):
        keyness(["Abolish corporal punishment."] * 3, reference, refs=True)


def test_keyness_lists_and_errors():
    key = keyness(["Abolish corporal punishment."] * 3, ["Ratify the Optional Protocol."] * 3, min_count=1)
    assert set(key.loc[key["direction"] == "target", "term"]) >= {"abolish", "corporal", "punishment"}
    with pytest.raises(TypeError, match=r"target\[1\] must be a str"):
        keyness(["text", 3], ["text"])
    with pytest.raises(ValueError, match="min_count must be a positive int, got 0"):
        keyness(["a b"], ["c d"], min_count=0)
    with pytest.raises(TypeError, match="reference must be a table"):
        keyness(["text"], "text")


def test_keyness_of_an_empty_selection_says_so(corpus):
    """A State not in the table selected nothing: a KeyError from inside pandas said 'text'."""
    with pytest.raises(ValueError, match="target has no rows: the selection that made it matched nothing"):
        keyness(corpus[corpus["state"] == "XXX"], corpus)


# ---------------------------------------------------------------------------------- boilerplate

PLANTED = "The Committee recommends that the State party establish a zorbification fund for all its regions."


def _plant(corpus: pd.DataFrame, sentence: str, symbols: list[str]) -> pd.DataFrame:
    out = corpus.copy()
    for symbol in symbols:
        rows = out[(out["symbol"] == symbol) & (out["kind"] == "recommendation") & out["text"].str.endswith(".")]
        row = rows.index[0]
        out.loc[row, "text"] = out.loc[row, "text"] + " " + sentence
    return out


def test_boilerplate_sentence_planted_in_many_documents(corpus):
    symbols = ["CRPD/C/ARM/CO/1", "CRPD/C/BLR/CO/1", "CRPD/C/GEO/CO/1", "CRPD/C/MDA/CO/1", "CRPD/C/TKM/CO/1"]
    planted = _plant(corpus, PLANTED, symbols)
    planted = _plant(planted, "The Committee recommends that the State party rename the Qwertyland Bureau.",
                     ["CRPD/C/NZL/CO/1"])
    sentences = boilerplate(planted)
    assert list(sentences.columns) == list(cobs.columns.BOILERPLATE_COLUMNS)
    mine = sentences[sentences["text"] == PLANTED]
    assert sorted(mine["symbol"]) == sorted(symbols) and mine["template"].all() and (mine["states"] == 4).all()
    alone = sentences[sentences["text"].str.contains("Qwertyland", regex=False)]
    assert len(alone) == 1 and not alone["template"].iloc[0]
    # a template in three States only is not one when four other States are asked for
    assert not boilerplate(planted, min_states=5).query("text == @PLANTED")["template"].any()
    before = boilerplate_share(corpus).set_index("symbol")["template_words"]
    after = boilerplate_share(sentences).set_index("symbol")["template_words"]
    assert (after[symbols] - before[symbols] >= len(PLANTED.split())).all()
    # boilerplate_share of a paragraph table counts templates as boilerplate() with the same options does
    strict = boilerplate_share(planted, min_states=5).set_index("symbol")["template_words"]
    loose = boilerplate_share(planted).set_index("symbol")["template_words"]
    assert strict.sum() < loose.sum()
    assert strict.equals(boilerplate_share(boilerplate(planted, min_states=5)).set_index("symbol")["template_words"])


def test_boilerplate_bad_input(corpus):
    with pytest.raises(ValueError, match="min_shared must be a number in"):
        boilerplate(corpus, min_shared=1.5)
    with pytest.raises(ValueError, match=r"table lacks the column\(s\) \['state'\]"):
        boilerplate(corpus.drop(columns="state"))


# ---------------------------------------------------------------------------------- similarity

def test_similarity_of_a_document_to_itself(corpus):
    nzl = corpus[corpus["symbol"] == "CRPD/C/NZL/CO/1"].copy()
    nzl["symbol"] = "CRPD/C/NZL/CO/1 (copy)"
    table = pd.concat([corpus, nzl], ignore_index=True)
    matrix = similarity(table)
    assert np.allclose(np.diag(matrix), 1.0) and np.allclose(matrix, matrix.T)
    assert matrix.loc["CRPD/C/NZL/CO/1", "CRPD/C/NZL/CO/1 (copy)"] == pytest.approx(1.0)
    nearest = most_similar(table, "CRPD/C/NZL/CO/1", top=3)
    assert list(nearest.columns) == list(cobs.columns.SIMILAR_COLUMNS)
    assert nearest["other"].iloc[0] == "CRPD/C/NZL/CO/1 (copy)" and list(nearest["rank"]) == [1, 2, 3]
    jaccard = similarity(table, measure="jaccard")
    assert jaccard.loc["CRPD/C/NZL/CO/1", "CRPD/C/NZL/CO/1 (copy)"] == pytest.approx(1.0)
    assert (jaccard.to_numpy() <= 1).all() and (jaccard.to_numpy() >= 0).all()


def test_similarity_by_state_and_without_boilerplate(corpus):
    by_state = similarity(corpus, by="state", drop_boilerplate=True)
    assert list(by_state.index) == sorted(corpus["state"].unique())
    # the committees' templates make every pair of COs alike: left out, the pairs are less alike
    with_templates = similarity(corpus, by="state")
    off = ~np.eye(len(by_state), dtype=bool)
    assert (by_state.to_numpy()[off] <= with_templates.to_numpy()[off] + 1e-9).all()
    assert by_state.to_numpy()[off].mean() < with_templates.to_numpy()[off].mean() - 0.01
    with pytest.raises(ValueError, match="measure must be 'tfidf' or 'jaccard', got 'bm25'"):
        similarity(corpus, measure="bm25")
    with pytest.raises(ValueError, match="symbol must be one of the table's symbol values"):
        most_similar(corpus, "CRPD/C/XXX/CO/1")
    with pytest.raises(ValueError, match="top must be a positive int, got 0"):
        most_similar(corpus, "CRPD/C/NZL/CO/1", top=0)
    nearest = most_similar(corpus, "NZL", top=2, by="state")  # the column says what it holds: State codes
    assert list(nearest.columns) == ["state", "other", "similarity", "rank"] and set(nearest["state"]) == {"NZL"}
