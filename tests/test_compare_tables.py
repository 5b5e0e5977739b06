"""cobs.compare: profile, keyness, boilerplate and similarity, on the bundled corpus and planted texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, shared_path
from scipy.stats import chi2_contingency

import cobs
from cobs.compare import CompareWarning, boilerplate, boilerplate_share, keyness, most_similar, profile, similarity


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
    single = shares[~shares["dimension"].isin(["groups", "sdgs"])]
    sums = single.groupby(["symbol", "dimension"])["share"].sum()
    assert np.allclose(sums, 1.0)
    # an action counts once under each of its groups: every action of a CRPD CO concerns persons with disabilities
    pwd = shares.query("dimension == 'groups' and category == 'Persons with disabilities'").set_index("symbol")
    assert (pwd.loc[pwd.index.str.startswith("CRPD"), "share"] == 1.0).all()
    goals = shares.query("symbol == 'CRC/C/KAZ/CO/4' and dimension == 'sdgs'")
    assert goals["category"].dropna().tolist() == [str(g) for g in range(1, 18)]
    kaz = actions[actions["symbol"] == "CRC/C/KAZ/CO/4"]
    assert goals.set_index("category")["count"]["16"] == kaz["sdgs"].map(lambda g: 16 in g).sum() > 0
    assert goals["count"].isna().sum() == 0 and goals.loc[goals["category"].isna(), "count"].sum() == (
        kaz["sdgs"].map(len) == 0).sum()
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
    with pytest.raises(ValueError, match=r"actions lacks the column\(s\) \['colour'\]"):
        profile(actions, by="colour")
    with pytest.raises(ValueError, match=r"actions lacks the column\(s\) \['state'\]"):
        profile(actions.drop(columns="state"), by="region")


def test_profile_by_region_and_income_group(actions):
    # the bundled corpus: Kazakhstan and Turkmenistan (Asia-Pacific Group), New Zealand (Western European and
    # Others), Armenia, Azerbaijan, Belarus, Georgia, Moldova (Eastern European Group)
    shares = profile(actions, by="region", dimensions=["strength", "groups"])
    n = shares.groupby("region")["n"].first().to_dict()
    assert n == {"Asia-Pacific Group": actions["state"].isin(["KAZ", "TKM"]).sum(),
                 "Eastern European Group": actions["state"].isin(["ARM", "AZE", "BLR", "GEO", "MDA"]).sum(),
                 "Western European and Others Group": (actions["state"] == "NZL").sum()}
    income = profile(actions, by=["income_group", "state"], dimensions=["sdgs"])
    assert income.groupby("state")["income_group"].first().astype(str).to_dict() == {
        "ARM": "Upper middle income", "AZE": "Upper middle income", "BLR": "Upper middle income",
        "GEO": "Upper middle income", "KAZ": "Upper middle income", "MDA": "Upper middle income",
        "NZL": "High income", "TKM": "Upper middle income"}
    assert isinstance(income["income_group"].dtype, pd.CategoricalDtype)


# ---------------------------------------------------------------------------------- keyness

def test_keyness_finds_a_planted_word(corpus):
    recommendations = corpus[corpus["kind"] == "recommendation"]
    target = recommendations[recommendations["symbol"] == "CRPD/C/ARM/CO/1"].copy()
    planted = target.index[:12]  # paragraphs 6 and 8 with their items
    target.loc[planted, "text"] = target.loc[planted, "text"] + " Establish zorbification."
    reference = recommendations[recommendations["symbol"] != "CRPD/C/ARM/CO/1"]
    key = keyness(target, reference, window=None, correction="none")
    words = key[~key["term"].str.contains(" ")]
    top = words.iloc[0]  # (the phrase "establish zorbification" is as distinctive among phrases)
    assert top["term"] == "zorbification" and top["direction"] == "target" and top["g2"] > 2 * words["g2"].iloc[1]
    assert top["target_count"] == 12 and top["reference_count"] == 0
    assert (top["target_paragraphs"], top["target_documents"], top["reference_paragraphs"]) == (2, 1, 0)
    assert top["q_value"] < 0.05 and top["p_bonferroni"] < 0.05
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
    # quanteda's defaults: Williams' correction of G2 (q by hand), Yates' of chi2 (scipy's correction=True)
    corrected = keyness(target, reference, window=None).set_index("term").loc["disabilities"]
    n, r1, c1 = table.sum(), table[0].sum(), table[:, 0].sum()
    q = 1 + (n / r1 + n / (n - r1) - 1) * (n / c1 + n / (n - c1) - 1) / (6 * n)
    assert corrected["g2"] == pytest.approx(g2 / q)
    assert corrected["chi2"] == pytest.approx(chi2_contingency(table, correction=True)[0])
    yates = keyness(target, reference, window=None, correction="yates").set_index("term").loc["disabilities"]
    assert yates["g2"] == pytest.approx(chi2_contingency(table, correction=True, lambda_="log-likelihood")[0])
    # the q-values are Benjamini-Hochberg's over the terms tested
    from cobs.stats import adjust_p

    assert key["q_value"].to_numpy() == pytest.approx(adjust_p(key["p_value"].to_numpy()))
    assert key.attrs["tested"] == len(key)


def _totals(target: pd.DataFrame, reference: pd.DataFrame) -> tuple[int, int]:
    from cobs.reference._states import state_words
    from cobs.text import vectorizer

    counter = vectorizer(weighting="count", ngram_range=(1, 1), hyphens=True, leave_out=state_words())
    matrix = counter.fit_transform(target["text"].tolist() + reference["text"].tolist())
    return int(matrix[: len(target)].sum()), int(matrix[len(target):].sum())


def test_keyness_cites_the_rows_that_use_each_term(corpus):
    recommendations = corpus[corpus["kind"] == "recommendation"]
    target = recommendations[recommendations["symbol"] == "CRPD/C/ARM/CO/1"].copy()
    planted = target.index[[0, 3, 5]]
    target.loc[planted, "text"] = target.loc[planted, "text"] + " Establish zorbification."
    reference = recommendations[recommendations["symbol"] != "CRPD/C/ARM/CO/1"]
    assert "zorbification" not in set(keyness(target, reference)["term"])  # three items of one paragraph: left out
    key = keyness(target, reference, refs=True, min_paragraphs=1).set_index("term")
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
    assert key["target_documents"].isna().all() and (key["target_paragraphs"].dropna() <= 3).all()
    with pytest.raises(ValueError, match="correction must be 'default', 'williams', 'yates' or 'none'"):
        keyness(["a b"], ["c d"], correction="holm")
    with pytest.raises(ValueError, match="min_paragraphs must be a positive int, got 0"):
        keyness(["a b"], ["c d"], min_paragraphs=0)
    with pytest.raises(TypeError, match=r"target\[1\] must be a str"):
        keyness(["text", 3], ["text"])
    with pytest.raises(ValueError, match="min_count must be a positive int, got 0"):
        keyness(["a b"], ["c d"], min_count=0)
    with pytest.raises(TypeError, match="reference must be a table"):
        keyness(["text"], "text")


def test_keyness_leaves_out_state_names_and_keeps_hyphenated_words_whole():
    target = ["The Committee urges Denmark to combat disability-based discrimination in Greenland.",
              "Danish and Salvadoran persons in the Kingdom of Denmark face disability-based discrimination.",
              "Disability-based discrimination persists in Denmark and Greenland."]
    reference = ["The Committee recommends that the State party ratify the Optional Protocol."] * 3
    terms = set(keyness(target, reference, min_count=1, min_paragraphs=1)["term"])
    assert "disability-based discrimination" in terms and "disability-based" in terms
    assert not {"based discrimination", "based", "denmark", "danish", "salvadoran", "greenland", "kingdom"} & terms
    kept = set(keyness(target, reference, min_count=1, min_paragraphs=1, names=True)["term"])
    assert {"denmark", "greenland", "salvadoran"} <= kept


def test_keyness_compares_with_the_same_years_and_lists_them(corpus):
    recommendations = corpus[corpus["kind"] == "recommendation"]
    target = recommendations[recommendations["symbol"] == "CRPD/C/AZE/CO/1"]  # 2014
    others = recommendations[(recommendations["committee"] == "CRPD") & (recommendations["state"] != "AZE")]
    key = keyness(target, others)
    assert key.attrs["reference_symbols"] == ["CRPD/C/NZL/CO/1", "CRPD/C/TKM/CO/1"]  # 2014 and 2015: within 2 years
    assert keyness(target, others, window=None).attrs["reference_symbols"] == sorted(others["symbol"].unique())
    georgia = recommendations[recommendations["symbol"] == "CRPD/C/GEO/CO/1"]  # 2023: no other CO of that year
    with pytest.raises(ValueError, match="reference has no row adopted in 2023-2023"):
        keyness(georgia, others[others["state"] != "GEO"], window=0)


def _null_corpus(seed: int = 0, documents: int = 24, paragraphs: int = 15) -> pd.DataFrame:
    """Documents drawn from one distribution of words, where no term is distinctive of any: each paragraph draws
    its words from a shared Zipf vocabulary and repeats a few of them (words come in bursts, as in COs)."""
    rng = np.random.RandomState(seed)
    letters = np.array(list("bcdfghklmnprstvz"))
    vocabulary = sorted({"".join(rng.choice(letters, 3)) + "o" + "".join(rng.choice(letters, 2)) for _ in range(600)})
    weights = 1 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    rows = []
    for d in range(documents):
        for p in range(1, paragraphs + 1):
            words = list(rng.choice(vocabulary, 14, p=weights))
            burst = rng.choice(vocabulary, p=weights)
            words += [burst] * int(rng.randint(2, 6))
            rng.shuffle(words)
            rows.append({"symbol": f"CRPD/C/S{d:02d}/CO/1", "para": p, "year": 2015, "kind": "recommendation",
                         "text": " ".join(words) + "."})
    return pd.DataFrame(rows)


def test_keyness_null_random_halves_give_no_term_at_q_05():
    """A test of the method where the truth is known: halves of documents drawn alike have no distinctive term."""
    table = _null_corpus()
    symbols = np.array(sorted(table["symbol"].unique()))
    found_p, found_q = [], []
    for seed in range(5):
        chosen = np.random.RandomState(seed).permutation(symbols)[:12]
        a, b = table[table["symbol"].isin(chosen)], table[~table["symbol"].isin(chosen)]
        now = keyness(a, b)
        before = keyness(a, b, correction="none", min_paragraphs=1)  # tokens as independent draws, unadjusted
        found_q.append(int((now["q_value"] < 0.05).sum()))
        found_p.append(float((before["p_value"] < 0.05).mean()))
        assert (now["q_value"] >= now["p_value"] - 1e-12).all()
    assert sum(found_q) <= 1  # (almost) none
    assert np.mean(found_p) > 0.08  # what the adjustment protects from: p < .05 well above 5 % of the terms


@pytest.mark.real_data
def test_real_keyness_null_random_halves_of_crpd_cos_of_2014_2016():
    """Issue 17: 212-280 of 1,624 terms came out at p < 0.05 on random halves of these COs; none should at q < .05."""
    import warnings

    from conftest import shared_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = cobs.read_corpus(shared_path("crpd-dashboard-pdfs", "concluding_observations"))
    period = table[table["year"].between(2014, 2016) & (table["kind"] == "recommendation")]
    symbols = np.array(sorted(period["symbol"].unique()))
    assert len(symbols) == 25
    found = []
    for seed in range(3):
        chosen = np.random.RandomState(seed).permutation(symbols)[:12]
        key = keyness(period[period["symbol"].isin(chosen)], period[~period["symbol"].isin(chosen)])
        found.append(int((key["q_value"] < 0.05).sum()))
        assert key["target_paragraphs"].where(key["direction"] == "target").dropna().min() >= 2
    assert sum(found) <= 2, found


def test_keyness_orders_tied_terms_by_term_whatever_their_last_bits():
    # texts of equal length (8 words): "alpha" and "beta" 3 times in the target only, "omega" 3 times in the
    # reference only: mirrored 2x2 tables, one G2 in exact arithmetic, computed a bit apart (here omega's 1 ulp
    # higher, which put it first)
    target, reference = ["alpha beta"] * 3 + ["delta"] * 2, ["omega"] * 3 + ["delta"] * 5
    key = keyness(target, reference, ngram_range=(1, 1))
    assert key["term"].tolist() == ["alpha", "beta", "omega", "delta"]
    assert key["g2"].iloc[:3].round(9).nunique() == 1


def test_keyness_counts_are_count_vectorizer_s(corpus):
    """keyness counts each text's terms once and keeps them (the report's hundred keyness tables count the same
    paragraphs again and again): the same matrix and terms as scikit-learn's CountVectorizer, the same table."""
    from cobs.compare._keyness import _counts
    from cobs.reference import state_words
    from cobs.text import Analyzer, vectorizer

    texts = corpus.loc[corpus["kind"] == "recommendation", "text"].tolist()
    for names in (False, True):
        counter = vectorizer(weighting="count", ngram_range=(1, 2), formula=("frame", "generic"), hyphens=True,
                             leave_out=() if names else state_words())
        expected = counter.fit_transform(texts)
        analyzer = Analyzer(ngram_range=(1, 2), hyphens=True, leave_out=() if names else state_words())
        for chosen in (texts, texts[::-1][:40] + texts[:40]):  # counted afresh, then from what was kept
            matrix, terms = _counts(analyzer, chosen)
            wanted = expected if chosen is texts else counter.fit_transform(chosen)
            assert terms.tolist() == counter.get_feature_names_out().tolist()
            assert matrix.dtype == np.int64 and (matrix != wanted).nnz == 0 and matrix.shape == wanted.shape
    assert len(terms) > 1000


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


def test_most_similar_orders_tied_documents_by_name_whatever_their_last_bits():
    # MMM's words are ZZZ's mirrored: each shares with AAA terms of the same weights, summed in the opposite order,
    # so that AAA is 1/sqrt(2) like each in exact arithmetic and the two cosines come out a bit apart (here ZZZ's
    # 1 ulp higher, which put it first)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    counts = [1, 1, 2, 4]
    left = [w for w, c in zip(words[:4], counts, strict=True) for _ in range(c)]
    right = [w for w, c in zip(words[4:], counts[::-1], strict=True) for _ in range(c)]
    table = pd.DataFrame({"symbol": ["CRC/C/AAA/CO/1", "CRC/C/MMM/CO/1", "CRC/C/ZZZ/CO/1"], "committee": "CRC",
                          "text": [", ".join(left + right) + ".", ", ".join(right) + ".", ", ".join(left) + "."]})
    nearest = most_similar(table, "CRC/C/AAA/CO/1", top=2)
    assert nearest["other"].tolist() == ["CRC/C/MMM/CO/1", "CRC/C/ZZZ/CO/1"]
    np.testing.assert_allclose(nearest["similarity"], 1 / np.sqrt(2), rtol=1e-12)


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



def test_most_similar_ranks_the_committees_own_cos(corpus, recwarn):
    # the bundled corpus: one CRC CO (Kazakhstan's) and nine CRPD COs; a CRPD CO is ranked among the CRPD's
    nearest = most_similar(corpus, "CRPD/C/NZL/CO/1", top=20)
    crpd = sorted(corpus.loc[corpus["committee"] == "CRPD", "symbol"].unique())
    assert sorted(nearest["other"]) == [s for s in crpd if s != "CRPD/C/NZL/CO/1"]  # no CRC/C/KAZ/CO/4
    within = similarity(corpus[corpus["committee"] == "CRPD"]).loc["CRPD/C/NZL/CO/1"]  # words weighed in the CRPD's
    assert np.allclose(nearest["similarity"], within[nearest["other"]].to_numpy())
    by_state = most_similar(corpus, "NZL", top=20, by="state")
    assert "KAZ" not in set(by_state["other"]) and len(by_state) == len({s.split("/")[2] for s in crpd}) - 1
    assert not [w for w in recwarn if issubclass(w.category, CompareWarning)]
    # across committees when asked, as similarity() of the whole table
    across = most_similar(corpus, "CRPD/C/NZL/CO/1", top=20, across_committees=True)
    assert "CRC/C/KAZ/CO/4" in set(across["other"])
    assert np.allclose(across["similarity"], similarity(corpus).loc["CRPD/C/NZL/CO/1", across["other"]].to_numpy())
    # by committee: across committees by design, every row used
    assert list(most_similar(corpus, "CRC", by="committee")["other"]) == ["CRPD"]
    with pytest.raises(TypeError, match="across_committees must be True or False"):
        most_similar(corpus, "CRPD/C/NZL/CO/1", across_committees="no")


def test_most_similar_of_a_co_alone_of_its_committee_is_empty_with_a_warning(corpus):
    # CRC/C/KAZ/CO/4 among CRPD COs was ranked without a word (ARM, AZE ... at 0.2-0.3: the treaties' words)
    with pytest.warns(CompareWarning, match=r"no symbol but 'CRC/C/KAZ/CO/4' has rows of CRC in the table, so there "
                      r"is nothing to rank: .*across_committees=True"):
        nearest = most_similar(corpus, "CRC/C/KAZ/CO/4")
    assert nearest.empty and list(nearest.columns) == list(cobs.columns.SIMILAR_COLUMNS)
    with pytest.warns(CompareWarning, match=r"no state but 'KAZ' has rows of CRC"):
        assert most_similar(corpus, "KAZ", by="state").empty
    assert len(most_similar(corpus, "CRC/C/KAZ/CO/4", across_committees=True)) == 5


@pytest.mark.real_data
def test_across_committees_the_nearest_cos_are_no_nearer_than_any(corpus):
    # README: among the 112 English CRPD COs each CO's nearest other CO is at 0.34 (median); CRC/C/KAZ/CO/4 is at
    # 0.15 from the median CRPD CO and 0.18-0.20 from its "nearest" five
    with pytest.warns(cobs.corpus.CorpusWarning):  # the COs not in English, and one duplicate, left out
        crpd = cobs.read_corpus(shared_path("crpd-dashboard-pdfs", "concluding_observations"), n_jobs=-1)
    table = pd.concat([crpd, corpus[corpus["symbol"] == "CRC/C/KAZ/CO/4"]], ignore_index=True)
    matrix = similarity(table)
    symbols = sorted(crpd["symbol"].unique())
    assert len(symbols) == 112
    within = matrix.loc[symbols, symbols].to_numpy().copy()
    np.fill_diagonal(within, np.nan)
    assert np.nanmedian(np.nanmax(within, axis=1)) == pytest.approx(0.34, abs=0.005)
    crc = matrix.loc["CRC/C/KAZ/CO/4", symbols]
    assert crc.median() == pytest.approx(0.15, abs=0.005)
    assert crc.nlargest(5).between(0.175, 0.205).all()
    assert list(crc.nlargest(2).index) == ["CRPD/C/TUN/CO/1", "CRPD/C/OMN/CO/1"]
    with pytest.warns(CompareWarning):
        assert most_similar(table, "CRC/C/KAZ/CO/4").empty
