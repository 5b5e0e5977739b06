"""cobs.validation: coding samples, agreement worked out by hand, confusion tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path
from sklearn.metrics import cohen_kappa_score

from cobs.validation import agreement, confusion_table, reliability, sample_for_coding

# --- agreement --------------------------------------------------------------------------------
# Two coders, ten items:
#   a: Y Y Y Y Y Y N N N N      (6 Y, 4 N)
#   b: Y Y Y Y N N N N N Y      (5 Y, 5 N)
# They agree on items 1-4 and 7-9: observed agreement 7/10.
# Cohen: expected = 0.6 * 0.5 + 0.4 * 0.5 = 0.5, kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
# Krippendorff (nominal): 20 pairable values, 11 Y and 9 N; 3 disagreeing items give
# 6 off-diagonal coincidences: D_o = 6 / 20; D_e = 2 * 11 * 9 / (20 * 19) = 198 / 380;
# alpha = 1 - (6 / 20) / (198 / 380) = 1 - 114 / 198 = 14 / 33.
A = list("YYYYYYNNNN")
B = list("YYYYNNNNNY")

# Three coders, four items, coder C missing item 2:
#   item 1: a a a    item 2: a b -    item 3: b b b    item 4: b b a
# Alpha: coincidences o_aa = 3 (item 1), o_bb = 3 + 1 (items 3, 4), o_ab = o_ba = 1 + 1 (items 2, 4);
# n = 11, n_a = 5, n_b = 6; D_o = 4 / 11, D_e = 2 * 5 * 6 / (11 * 10) = 6 / 11; alpha = 1 - 4/6 = 1/3.
# Kappa per pair on the items both coded: A-B (4 items) Ao = 3/4, Ae = 2/4*1/4 + 2/4*3/4 = 1/2 -> 0.5;
# A-C and B-C (items 1, 3, 4) Ao = 2/3, Ae = 1/3*2/3 + 2/3*1/3 = 4/9 -> (2/9)/(5/9) = 0.4; mean 1.3/3.
C1 = ["a", "a", "b", "b"]
C2 = ["a", "b", "b", "b"]
C3 = ["a", None, "b", "a"]


def test_agreement_two_coders_by_hand():
    result = agreement(A, B)
    assert result.kappa == pytest.approx(0.4)
    assert result.alpha == pytest.approx(14 / 33)
    # a result object (cobs.stats): named attributes, one tidy row
    frame = result.to_frame()
    assert frame.columns.tolist() == ["kappa", "alpha", "observed", "items", "codings"] and len(frame) == 1
    assert frame.loc[0, "alpha"] == result.alpha and (result.items, result.codings) == (10, 2)
    assert result.observed == pytest.approx(0.7)
    assert result.items == 10 and result.codings == 2


def test_agreement_three_coders_with_a_missing_coding_by_hand():
    result = agreement(C1, C2, C3)
    assert result.alpha == pytest.approx(1 / 3)
    assert result.kappa == pytest.approx(1.3 / 3)
    assert result.items == 4 and result.codings == 3


def test_agreement_missing_markers():
    assert agreement(C1, C2, ["a", "", "b", "a"]).alpha == pytest.approx(1 / 3)
    assert agreement(C1, C2, ["a", np.nan, "b", "a"]).alpha == pytest.approx(1 / 3)
    assert agreement(C1, C2, pd.Series(["a", None, "b", "a"])).alpha == pytest.approx(1 / 3)


def test_agreement_kappa_matches_scikit_learn():
    rng = np.random.RandomState(0)
    a = rng.randint(1, 6, size=200)
    b = np.where(rng.rand(200) < 0.7, a, rng.randint(1, 6, size=200))
    assert agreement(a, b).kappa == pytest.approx(cohen_kappa_score(a, b))


def test_agreement_perfect_and_interval():
    assert (agreement([1, 2, 3], [1, 2, 3]).kappa, agreement([1, 2, 3], [1, 2, 3]).alpha) == (1.0, 1.0)
    # Interval alpha, worked out: values (1,2), (2,2), (3,3); n = 6, mean pairs...
    # D_o = (2 * (1-2)^2) / 6 = 1/3; all 6 values 1,2,2,2,3,3 -> D_e = sum_{i!=j} (vi-vj)^2 / (6*5)
    # pairs (ordered): 1-2 x3 -> 3*1*2 = 6, 1-3 x2 -> 2*4*2 = 16, 2-3 x6 -> 6*1*2 = 12; total 34 / 30.
    # alpha = 1 - (1/3) / (34/30) = 1 - 10/34 = 12/17.
    assert agreement([1, 2, 3], [2, 2, 3], metric="interval").alpha == pytest.approx(12 / 17)


def test_agreement_errors():
    with pytest.raises(ValueError, match="lengths differ"):
        agreement([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match=r"coding 2, item 3 must be one of the labels \[1, 2, 3\], got 'x'"):
        agreement([1, 2, 3], [1, 2, "x"], labels=[1, 2, 3])
    with pytest.raises(TypeError, match="one label at a time"):
        agreement([["a"], ["b"]], [["a"], ["b"]])
    with pytest.raises(ValueError, match="share 1 coded items"):
        agreement([1, None, None], [1, 2, 3])
    with pytest.raises(ValueError, match=r"coding 1, item 1 must be a number \(metric='interval'\), got 'a'"):
        agreement(["a", "b"], ["a", "b"], metric="interval")
    with pytest.raises(ValueError, match="metric must be"):
        agreement([1, 2], [1, 2], metric="ratio")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"must be a number \(metric='ordinal'\), got 'low'; pass labels"):
        agreement(["low", "high"], ["low", "high"], metric="ordinal")


# --- Krippendorff's alpha against the literature, reliability's bootstrap -----------------------
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (and Content Analysis, 4th ed., ch. 12): four
# observers, twelve units, missing values; he gives alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval).
# Unit 12 is coded once: not pairable, left out.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.mark.parametrize(("metric", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_reproduces_krippendorffs_worked_example(metric, published):
    assert round(agreement(*KRIPPENDORFF, metric=metric)["alpha"], 3) == published
    assert agreement(*KRIPPENDORFF, metric=metric)["items"] == 11


@pytest.mark.parametrize("metric", ["nominal", "interval"])
def test_alpha_matches_nltk(metric):
    # NLTK's AnnotationTask is an independent implementation of the nominal and interval alphas.
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance

    rng = np.random.RandomState(3)
    codings = [rng.randint(1, 6, size=40).tolist() for _ in range(3)]
    codings[2][:5] = [None] * 5
    triples = [(c, i, v) for c, coding in enumerate(codings) for i, v in enumerate(coding) if v is not None]
    distance = binary_distance if metric == "nominal" else interval_distance
    expected = AnnotationTask(data=triples, distance=distance).alpha()
    assert agreement(*codings, metric=metric)["alpha"] == pytest.approx(expected)


def test_ordinal_alpha_by_hand():
    # Items (1, 1), (1, 2), (3, 3): values 1 x3, 2 x1, 3 x2 (n = 6). Ordinal distances from the margins:
    # d12 = (3 + 1 - (3 + 1) / 2)^2 = 4, d13 = (6 - (3 + 2) / 2)^2 = 12.25, d23 = (1 + 2 - (1 + 2) / 2)^2 = 2.25.
    # Observed: o12 = o21 = 1 -> 8. Expected: 2 * (3*1*4 + 3*2*12.25 + 1*2*2.25) = 180.
    # alpha = 1 - (n - 1) * 8 / 180 = 7/9. Nominal: 1 - 5 * 2 / (2 * (3 + 6 + 2)) = 6/11.
    assert agreement([1, 1, 3], [1, 2, 3], metric="ordinal")["alpha"] == pytest.approx(7 / 9)
    assert agreement([1, 1, 3], [1, 2, 3])["alpha"] == pytest.approx(6 / 11)
    # Ordered labels that are not numbers take the order of `labels`: lo < mid < hi gives the same 7/9; with mid put
    # last (lo < hi < mid), the disagreement lo/mid spans every value: margins lo 3, hi 2, mid 1;
    # d(lo, mid) = (3 + 2 + 1 - (3 + 1) / 2)^2 = 16 -> observed 2 * 16 = 32; d(lo, hi) = (5 - 2.5)^2 = 6.25,
    # d(hi, mid) = (3 - 1.5)^2 = 2.25; expected 2 * (3*1*16 + 3*2*6.25 + 2*1*2.25) = 180;
    # alpha = 1 - 5 * 32 / 180 = 1/9.
    texts_a, texts_b = ["lo", "lo", "hi"], ["lo", "mid", "hi"]
    assert agreement(texts_a, texts_b, labels=["lo", "mid", "hi"], metric="ordinal")["alpha"] == pytest.approx(7 / 9)
    assert agreement(texts_a, texts_b, labels=["lo", "hi", "mid"], metric="ordinal")["alpha"] == pytest.approx(1 / 9)


def test_kappa_of_the_textbook_table():
    # 50 items: both yes 20, a yes b no 5, a no b yes 10, both no 15. p_o = 35/50 = 0.7;
    # p_e = (25/50)(30/50) + (25/50)(20/50) = 0.5; kappa = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    result = reliability(a, b, n_resamples=200, random_state=0)
    assert result["kappa"] == pytest.approx(0.4) and result["observed"] == pytest.approx(0.7)


def test_reliability_estimates_are_agreements_and_intervals_reproducible():
    rng = np.random.RandomState(0)
    a = rng.randint(1, 6, size=80)
    b = np.where(rng.rand(80) < 0.75, a, rng.randint(1, 6, size=80))
    result = reliability(a, b, metric=["nominal", "ordinal"], n_resamples=300, random_state=1)
    assert list(result.coefficient) == ["observed", "kappa", "alpha_nominal", "alpha_ordinal"]
    assert result["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert result["alpha_nominal"] == pytest.approx(agreement(a, b)["alpha"])
    assert result["alpha_ordinal"] == pytest.approx(agreement(a, b, metric="ordinal")["alpha"])
    low, high = result.confidence_interval
    assert np.all(low <= result.estimate) and np.all(result.estimate <= high) and np.all(low < high)
    assert result.bootstrap_distribution.shape == (300, 4)
    again = reliability(a, b, metric=["nominal", "ordinal"], n_resamples=300, random_state=1)
    np.testing.assert_array_equal(again.bootstrap_distribution, result.bootstrap_distribution)
    frame = result.to_frame()
    assert frame.columns.tolist()[:5] == ["coefficient", "estimate", "ci_low", "ci_high", "standard_error"]
    assert frame["items"].eq(80).all() and frame["confidence_level"].eq(0.95).all()


def test_a_resample_is_the_agreement_of_the_items_drawn():
    # Each bootstrap value must be the coefficient of the resampled items written out: draw the items as the
    # function does (same seed), expand the codings, and compare with agreement on the expanded lists.
    a = [1, 2, 2, 3, 3, 3, 4, 5, 5, 1, 2, 4]
    b = [1, 2, 3, 3, 3, 2, 4, 5, 4, 1, 1, 4]
    result = reliability(a, b, metric="ordinal", n_resamples=100, random_state=7)
    rng = np.random.RandomState(7)
    for r in range(3):
        drawn = rng.randint(0, len(a), len(a))
        expected = agreement([a[i] for i in drawn], [b[i] for i in drawn], metric="ordinal")
        observed, kappa, alpha = result.bootstrap_distribution[r]
        assert alpha == pytest.approx(expected["alpha"], nan_ok=True)
        assert kappa == pytest.approx(expected["kappa"], nan_ok=True)
        assert observed == pytest.approx(expected["observed"])


def test_reliability_with_missing_labels_and_clusters():
    coder = [5, 4, 4, 5, 2, 3, 5, 4, 1, 5]
    model = [5, 4, None, 5, 2, None, 5, 5, 1, 5]
    result = reliability(coder, model, n_resamples=100, random_state=0)
    assert result.items == 8 and result.coverage == pytest.approx(0.8) and result.n_clusters == 8
    assert result["observed"] == pytest.approx(7 / 8)
    documents = ["d1", "d1", "d1", "d2", "d2", "d2", "d3", "d3", "d4", "d4"]
    clustered = reliability(coder, model, cluster=documents, n_resamples=100, random_state=0)
    assert clustered.n_clusters == 4 and clustered["observed"] == result["observed"]
    # each item its own cluster is the item bootstrap
    own = reliability(coder, model, cluster=range(10), n_resamples=100, random_state=0)
    np.testing.assert_array_equal(own.bootstrap_distribution, result.bootstrap_distribution)


def test_perfect_agreement_has_a_degenerate_interval():
    result = reliability([1, 2, 3, 1, 2], [1, 2, 3, 1, 2], n_resamples=100, random_state=0)
    assert result.estimate.tolist() == [1.0, 1.0, 1.0]
    # a resample drawing one label only has no expected disagreement: those resamples are left out (NaN)
    assert result.confidence_interval.low.tolist() == [1.0, 1.0, 1.0]


def test_reliability_errors():
    with pytest.raises(ValueError, match=r"n_resamples must be an int >= 100"):
        reliability([1, 2], [1, 2], n_resamples=10)
    with pytest.raises(ValueError, match=r"confidence_level must be a probability"):
        reliability([1, 2], [1, 2], confidence_level=95)
    with pytest.raises(ValueError, match=r"cluster must be one label per item \(3\), got 2 labels"):
        reliability([1, 2, 3], [1, 2, 3], cluster=["a", "b"])
    with pytest.raises(ValueError, match="metric must be"):
        reliability([1, 2], [1, 2], metric=["nominal", "nominal"])
    with pytest.raises(ValueError, match="metric must be"):
        reliability([1, 2], [1, 2], metric=["nominal", "ratio"])
    with pytest.raises(ValueError, match=r"labels must be numbers \(metric='interval'\)"):
        reliability([1, 2], [1, 2], labels=["low", "high"], metric="interval")
    with pytest.raises(KeyError, match="the coefficients are"):
        reliability([1, 2, 1], [1, 2, 2], n_resamples=100)["alpha_ordinal"]


# --- confusion_table --------------------------------------------------------------------------


def test_confusion_table_counts_and_labels():
    table = confusion_table(["x", "y", "y", "z"], ["x", "y", "z", "z"], labels=["z", "y", "x"])
    assert table.index.name == "true" and table.columns.name == "predicted"
    assert table.index.tolist() == ["z", "y", "x"]
    assert table.loc["y", "z"] == 1 and table.loc["z", "z"] == 1 and table.loc["x", "x"] == 1
    assert table.to_numpy().sum() == 4


def test_confusion_table_normalize():
    table = confusion_table([1, 1, 2, 2], [1, 2, 2, 2], normalize="true")
    assert table.loc[1].tolist() == [0.5, 0.5] and table.loc[2].tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match="normalize"):
        confusion_table([1], [1], normalize="rows")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"y_pred must be the same length as y_true \(2\), got length 1"):
        confusion_table([1, 2], [1])


# --- sample_for_coding ------------------------------------------------------------------------

TABLE = pd.DataFrame(
    {
        "symbol": ["CRC/C/KAZ/CO/4"] * 10,
        "para": range(1, 11),
        "text": [f"Paragraph {i}" for i in range(1, 11)],
        "kind": ["recommendation"] * 7 + ["concern"] * 3,
        "issues": [["a", "b"]] + [[]] * 9,
    },
    index=range(100, 110),
)


def test_sample_is_reproducible_and_without_replacement():
    first = sample_for_coding(TABLE, 5, random_state=1)
    again = sample_for_coding(TABLE, 5, random_state=1)
    pd.testing.assert_frame_equal(first, again)
    assert first["row"].is_unique and set(first["row"]) <= set(TABLE.index)
    assert first["sample_id"].tolist() == [1, 2, 3, 4, 5]
    assert (first["sampling_weight"] == 2.0).all()
    assert first[["coder_1", "coder_2"]].eq("").all().all()
    # The rows are the table's rows.
    for _, row in first.iterrows():
        assert TABLE.loc[row["row"], "text"] == row["text"]
    assert not sample_for_coding(TABLE, 5, random_state=2)["row"].equals(first["row"])


def test_stratified_allocations():
    # Proportional: 7 and 3 rows, n = 5 -> shares 3.5 and 1.5 -> 3 + 1, and the fifth goes to the first
    # stratum among equal remainders (table order): 4 + 1.
    sample = sample_for_coding(TABLE, 5, stratify="kind", random_state=0)
    assert sample["stratum"].value_counts().to_dict() == {"recommendation": 4, "concern": 1}
    # n = 10 takes everything.
    assert set(sample_for_coding(TABLE, 10, stratify="kind", random_state=0)["row"]) == set(TABLE.index)
    equal = sample_for_coding(TABLE, 6, stratify="kind", allocation="equal", random_state=0)
    assert equal["stratum"].value_counts().to_dict() == {"recommendation": 3, "concern": 3}
    weights = equal.groupby("stratum")["sampling_weight"].first().to_dict()
    assert weights == {"recommendation": pytest.approx(7 / 3), "concern": 1.0}
    with pytest.raises(ValueError, match="stratum 'concern' of 'kind' has 3 rows, fewer than the 4"):
        sample_for_coding(TABLE, 8, stratify="kind", allocation="equal")


def test_proportional_allocation_exact():
    table = pd.DataFrame({"g": ["a"] * 60 + ["b"] * 30 + ["c"] * 10})
    counts = sample_for_coding(table, 10, stratify="g", random_state=0)["stratum"].value_counts().to_dict()
    assert counts == {"a": 6, "b": 3, "c": 1}


def test_coding_sheet_written(tmp_path):
    path = tmp_path / "sheet.csv"
    sample = sample_for_coding(TABLE, 4, columns=["symbol", "para", "text", "issues"], random_state=0, path=path,
                               coders=("ana", "ben"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(sheet.columns) == ["sample_id", "row", "sampling_weight", "symbol", "para", "text", "issues", "ana",
                                   "ben"]
    assert sheet["text"].tolist() == sample["text"].tolist()
    assert set(sheet["issues"]) <= {"a; b", ""}
    with pytest.raises(FileExistsError, match="overwrite=True"):
        sample_for_coding(TABLE, 4, random_state=0, path=path)
    sample_for_coding(TABLE, 3, random_state=0, path=path, overwrite=True)
    assert len(pd.read_csv(path, encoding="utf-8-sig")) == 3


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n": 0}, "between 1 and the 10 rows"),
        ({"n": 11}, "between 1 and the 10 rows"),
        ({"n": 2, "stratify": "nope"}, r"table lacks the column\(s\) \['nope'\]"),
        ({"n": 2, "columns": ["text", "nope"]}, r"table lacks the column\(s\) \['nope'\]"),
        ({"n": 2, "coders": ("text",)}, "coders must be distinct"),
        ({"n": 2, "allocation": "optimal"}, "allocation must be"),
    ],
)
def test_sample_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sample_for_coding(TABLE, **kwargs)


@pytest.mark.real_data
def test_sample_of_real_upr_recommendations(tmp_path):
    from cobs.read import read_upr_info

    table = read_upr_info(shared_path("upr-info-export-2018", "25-27-UPR-INFO-DATABASE-EXPORT-2018_07_25-20_24_58.csv"))
    sample = sample_for_coding(table, 50, stratify="action", allocation="equal", random_state=42,
                               columns=["source_file", "source_row", "recommendation", "action"],
                               path=tmp_path / "upr.csv")
    assert sample["stratum"].value_counts().to_dict() == {1: 10, 2: 10, 3: 10, 4: 10, 5: 10}
    # Category 1 is rare in sessions 25-27 (18 of 8,733 rows in the export): its weight is 18 / 10.
    assert sample.loc[sample["stratum"] == 1, "sampling_weight"].iloc[0] == pytest.approx(1.8)
    # A coder who copies UPR Info's own labels agrees perfectly.
    assert agreement(sample["action"], sample["action"]).kappa == 1.0


def test_agreement_refuses_series_that_are_not_aligned():
    import pandas as pd

    from cobs import agreement

    with pytest.raises(ValueError, match="different indexes"):
        agreement(pd.Series([1, 2, 3, 4], index=[3, 2, 1, 0]), pd.Series([1, 2, 3, 4]))


def test_confusion_table_leaves_out_missing_labels():
    import pandas as pd

    from cobs import confusion_table

    table = confusion_table(pd.array([1, 2, None, 4], dtype="Int64"), [1, 2, 3, 4])
    assert int(table.to_numpy().sum()) == 3 and table.loc[4, 4] == 1


def test_confusion_table_and_agreement_leave_out_the_same_blank_codings():
    """A coding sheet from sample_for_coding starts with "" in every coder column: blanks are not a label."""
    from cobs import agreement, confusion_table

    coded = ["recommendation", "", "concern", "  ", "concern"]
    model = ["recommendation", "concern", "concern", "concern", "recommendation"]
    table = confusion_table(coded, model)
    assert "" not in table.index and "  " not in table.index
    assert int(table.to_numpy().sum()) == 3 == agreement(coded, model).items
    assert table.loc["concern", "recommendation"] == 1


def test_confusion_table_of_no_pair_is_a_table_of_zeros_not_sklearns_error():
    """No pair left (no codings, or every one blank): every cell 0, not sklearn's "Found empty input array"."""
    from cobs import confusion_table

    assert confusion_table([], []).shape == (0, 0)
    table = confusion_table(["", None], ["concern", "recommendation"], labels=["concern", "recommendation"])
    assert table.index.tolist() == table.columns.tolist() == ["concern", "recommendation"]
    assert table.to_numpy().tolist() == [[0, 0], [0, 0]] and table.index.name == "true"
    assert confusion_table([], [], labels=[1, 2], normalize="true").to_numpy().sum() == 0.0
