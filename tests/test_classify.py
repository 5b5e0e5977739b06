"""cobs.classify: scikit-learn conformance on text, behaviour on literal fixtures, a small real-data run."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import MultiLabelBinarizer

from cobs.classify import (
    EXPLAIN_COLUMNS,
    ActionCategoryClassifier,
    GoalClassifier,
    GroupClassifier,
    IssueClassifier,
    ThemeClassifier,
    opening_features,
)
from cobs.classify._issues import _best_threshold

# Recommendations in UPR Info's wording, with their action category and issues.
RECOMMENDATIONS = [
    ("Continue its efforts to reduce poverty", 2, ["Poverty"]),
    ("Continue to promote the rights of women", 2, ["Women's rights"]),
    ("Maintain its programmes against poverty", 2, ["Poverty"]),
    ("Pursue its efforts to protect children", 2, ["Rights of the Child"]),
    ("Consider ratifying the Convention against Torture", 3, ["International instruments", "Torture"]),
    ("Consider abolishing the death penalty", 3, ["Death penalty"]),
    ("Examine the possibility of ratifying the Optional Protocol", 3, ["International instruments"]),
    ("Consider establishing a national human rights institution", 3, ["NHRI"]),
    ("Take measures to protect women from violence", 4, ["Women's rights"]),
    ("Ensure that all children have access to education", 4, ["Rights of the Child", "Education"]),
    ("Strengthen measures against poverty", 4, ["Poverty"]),
    ("Take steps to eliminate torture in detention", 4, ["Torture"]),
    ("Ratify the Convention against Torture", 5, ["International instruments", "Torture"]),
    ("Abolish the death penalty", 5, ["Death penalty"]),
    ("Adopt a law on violence against women", 5, ["Women's rights"]),
    ("Establish a national human rights institution", 5, ["NHRI"]),
    ("Call on the international community to assist the country", 1, ["Technical assistance"]),
    ("Seek technical assistance from OHCHR", 1, ["Technical assistance"]),
]
TEXTS = [text for text, _, _ in RECOMMENDATIONS]
ACTIONS = np.array([action for _, action, _ in RECOMMENDATIONS])
ISSUES = [issues for _, _, issues in RECOMMENDATIONS]
THEMES = ["poverty" if "poverty" in t else "women" if "women" in t.lower() else "other" for t in TEXTS]
GROUPS = [["Women & girls"] if "women" in t else ["Children"] if "children" in t else
          ["Persons living in poverty"] if "poverty" in t else [] for t in TEXTS]
GOALS = [[1] if "poverty" in t else [5] if "women" in t else [17] if "assist" in t else [16] for t in TEXTS]


def _estimators():
    return [ActionCategoryClassifier(min_df=1), IssueClassifier(min_df=1, random_state=0), ThemeClassifier(),
            GroupClassifier(min_df=1, random_state=0), GoalClassifier(min_df=1, random_state=0)]


def _y(estimator):
    if isinstance(estimator, GroupClassifier):
        return GROUPS
    if isinstance(estimator, GoalClassifier):
        return GOALS
    if isinstance(estimator, IssueClassifier):
        return ISSUES
    if isinstance(estimator, ThemeClassifier):
        return np.array(THEMES)
    return ACTIONS


def _ids(estimator):
    return type(estimator).__name__


# --- scikit-learn conformance on text (the data-free checks: tests/test_estimators.py) ------------


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_text_fit_returns_self_and_keeps_params(estimator):
    params = clone(estimator).get_params()
    before = set(vars(estimator))
    assert estimator.fit(TEXTS, _y(estimator)) is estimator
    assert estimator.get_params() == params
    added = set(vars(estimator)) - before
    assert added and all(name.endswith("_") for name in added), added


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_text_unfitted_raises(estimator):
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises(NotFittedError):
            getattr(estimator, method)(TEXTS)
    with pytest.raises(NotFittedError):
        estimator.explain(TEXTS[0])


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_text_pickle_idempotent_order_and_subset_invariant(estimator):
    y = _y(estimator)
    fitted = clone(estimator).fit(TEXTS, y)
    again = pickle.loads(pickle.dumps(fitted))
    queries = TEXTS[::-1] + ["Ratify the Convention on migrant workers"]
    refitted = clone(estimator).fit(TEXTS, y).fit(TEXTS, y)
    shuffled = np.random.RandomState(0).permutation(len(queries))
    for method in ("predict", "predict_proba", "decision_function"):
        same = np.testing.assert_array_equal if method == "predict" else np.testing.assert_allclose
        expected = getattr(fitted, method)(queries)
        same(getattr(again, method)(queries), expected)
        same(getattr(refitted, method)(queries), expected)
        one_by_one = np.concatenate([getattr(fitted, method)([q]) for q in queries])
        same(one_by_one.reshape(expected.shape), expected)
        same(getattr(fitted, method)([queries[i] for i in shuffled]), expected[shuffled])


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_text_pandas_and_numpy_input(estimator):
    y = _y(estimator)
    as_list = clone(estimator).fit(TEXTS, y).predict(TEXTS)
    series = pd.Series(TEXTS, index=range(100, 100 + len(TEXTS)))
    y_series = pd.Series(list(y), index=series.index)
    np.testing.assert_array_equal(clone(estimator).fit(series, y_series).predict(series), as_list)
    np.testing.assert_array_equal(clone(estimator).fit(np.array(TEXTS, dtype=object), y).predict(TEXTS), as_list)


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
@pytest.mark.parametrize(
    "X, error, message",
    [
        ("Ratify the Convention", ValueError, "single str"),
        ([], ValueError, "0 texts"),
        (["Ratify", None], TypeError, r"X\[1\] must be a str"),
        (np.zeros((3, 2)), ValueError, "one-dimensional"),
        (pd.DataFrame({"a": ["x"], "b": ["y"]}), ValueError, "2 columns"),
    ],
)
def test_text_bad_input(estimator, X, error, message):
    with pytest.raises(error, match=message):
        estimator.fit(X, _y(estimator)[:1] if not isinstance(X, str) else _y(estimator))


@pytest.mark.parametrize("estimator", _estimators(), ids=_ids)
def test_text_length_mismatch(estimator):
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        estimator.fit(TEXTS[:-1], _y(estimator))


@pytest.mark.parametrize("cls", [ActionCategoryClassifier, ThemeClassifier])
@pytest.mark.parametrize(
    "param, value", [("C", 0), ("C", "big"), ("max_iter", 1.5), ("min_df", 0), ("word_ngrams", (2, 1)),
                     ("opening_words", -1)]
)
def test_bad_params(cls, param, value):
    with pytest.raises(ValueError, match=param):
        cls(**{param: value}).fit(TEXTS, ACTIONS)


# --- behaviour --------------------------------------------------------------------------------


def test_opening_features():
    assert opening_features("Continue and strengthen efforts", n_words=2) == [
        "0:continue", "1:and", "0-1:continue and", "0-2:continue and strengthen", "and:strengthen",
        "continue&and", "continue&efforts", "continue&strengthen"]
    feats = opening_features("Take all necessary measures to ratify the CRPD, including by amending its many old "
                             "discriminatory laws")
    assert "to:ratify" in feats and "means:amending" in feats and "0:take" in feats and "take&means" in feats
    assert "take&laws" not in feats  # beyond the first fifteen words
    assert opening_features("[Ratify] Particularly the ICESCR")[:2] == ["[bracket]", "0:ratify"]
    assert opening_features("...") == []


def test_action_learns_first_verbs():
    model = ActionCategoryClassifier(min_df=1).fit(TEXTS, ACTIONS)
    assert model.classes_.tolist() == [1, 2, 3, 4, 5]
    assert accuracy_score(ACTIONS, model.predict(TEXTS)) == 1.0
    unseen = ["Continue to protect the rights of children", "Consider ratifying the CRPD", "Ratify the CRPD"]
    assert model.predict(unseen).tolist() == [2, 3, 5]
    proba = model.predict_proba(unseen)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert proba.shape == (3, 5)


def test_action_accepts_nullable_integer_labels():
    labels = pd.Series(ACTIONS, dtype="Int64")
    model = ActionCategoryClassifier(min_df=1).fit(TEXTS, labels)
    assert model.classes_.dtype.kind == "i"
    with pytest.raises(ValueError, match="1 missing labels"):
        ActionCategoryClassifier().fit(TEXTS, pd.Series([*ACTIONS[:-1], None], dtype="Int64"))


def test_explain_contributions_add_up_to_the_score():
    model = ActionCategoryClassifier(min_df=1).fit(TEXTS, ACTIONS)
    text = "Consider ratifying the Convention against Torture"
    table = model.explain(text, top=10_000)
    assert list(table.columns) == list(EXPLAIN_COLUMNS)
    assert (table["label"] == 3).all()
    k = model.classes_.tolist().index(3)
    np.testing.assert_allclose(table["contribution"].sum() + model.intercept_[k],
                               model.decision_function([text])[0, k])
    top = model.explain(text, top=3)
    assert len(top) == 3 and top["contribution"].abs().is_monotonic_decreasing
    assert set(top["features"]) <= {"words", "opening"}
    other = model.explain(text, label=5)
    assert (other["label"] == 5).all()
    with pytest.raises(ValueError, match=r"label must be one of the classes \[1, 2, 3, 4, 5\], got 7"):
        model.explain(text, label=7)
    with pytest.raises(TypeError, match="text must be one str, got list: .*; explain one text at a time"):
        model.explain([text])
    with pytest.raises(ValueError, match="top must be a positive int, got 0"):
        model.explain(text, top=0)


def test_binary_explain_signs():
    y = np.array(["yes" if a == 5 else "no" for a in ACTIONS])
    model = ThemeClassifier().fit(TEXTS, y)
    text = "Ratify the Convention against Torture"
    yes = model.explain(text, label="yes", top=10_000)
    no = model.explain(text, label="no", top=10_000)
    np.testing.assert_allclose(yes["contribution"].sum(), -no["contribution"].sum())
    score = model.decision_function([text])[0]  # log-odds of classes_[1] == "yes"
    np.testing.assert_allclose(yes["contribution"].sum() + model.intercept_[0], score)


def test_single_class_training():
    model = ThemeClassifier().fit(TEXTS[:3], ["poverty"] * 3)
    assert model.predict(["anything"]).tolist() == ["poverty"]
    assert model.predict_proba(["anything"]).tolist() == [[1.0]]


def test_issue_classifier_outputs():
    model = IssueClassifier(min_df=1, random_state=0).fit(TEXTS * 3, ISSUES * 3)
    labels = sorted({i for issues in ISSUES for i in issues})
    assert model.classes_.tolist() == labels
    proba = model.predict_proba(TEXTS)
    assert proba.shape == (len(TEXTS), len(labels)) and ((proba >= 0) & (proba <= 1)).all()
    predicted = model.predict(TEXTS)
    np.testing.assert_array_equal(predicted, (proba >= model.thresholds_).astype(int))
    assert model.thresholds_.shape == (len(labels),) and model.calibration_.shape == (len(labels), 2)
    assert model.predict_labels(["Abolish the death penalty"]) == [["Death penalty"]]
    table = model.explain("Ratify the Convention against Torture", top=2)
    assert set(table["label"]) == {"International instruments", "Torture"}
    assert len(table) == 4
    only = model.explain("Ratify the Convention against Torture", top=2, label="Torture")
    assert only["label"].tolist() == ["Torture", "Torture"]
    with pytest.raises(ValueError, match="label must be one of the classes .*, got 'Housing'"):
        model.explain("Ratify the Convention against Torture", label="Housing")


def test_issue_classifier_indicator_input_and_constant_label():
    indicator = MultiLabelBinarizer().fit_transform(ISSUES)
    indicator = np.column_stack([indicator, np.ones(len(TEXTS), dtype=int)])  # a label every text has
    model = IssueClassifier(min_df=1, random_state=0).fit(TEXTS, indicator)
    assert model.classes_.tolist() == list(range(indicator.shape[1]))
    assert model.predict(["Anything at all"])[0, -1] == 1


def test_issue_classifier_fixed_threshold():
    model = IssueClassifier(min_df=1, threshold=0.3, random_state=0).fit(TEXTS * 2, ISSUES * 2)
    assert (model.thresholds_ == 0.3).all()


@pytest.mark.parametrize(
    "y, error, message",
    [
        (["Poverty"] * len(TEXTS), TypeError, r"y\[0\] must be a list of labels, got 'Poverty'; wrap a single"),
        ("Poverty", ValueError, r"y must be the labels of each text \(a list of lists\), got 'Poverty'"),
        ([[]] * len(TEXTS), ValueError, "no label at all"),
        (np.full((len(TEXTS), 2), 2), ValueError, r"y must be .* 0/1 indicator matrix .*, got a matrix of shape"),
    ],
)
def test_issue_classifier_bad_labels(y, error, message):
    with pytest.raises(error, match=message):
        IssueClassifier().fit(TEXTS, y)


@pytest.mark.parametrize("param, value", [("threshold", 1.5), ("threshold", "best"), ("threshold_size", 1.0),
                                          ("C", -1), ("min_positives", 0)])
def test_issue_classifier_bad_params(param, value):
    with pytest.raises(ValueError, match=param):
        IssueClassifier(**{param: value}).fit(TEXTS, ISSUES)


def test_best_threshold_by_hand():
    # Ranked: 0.9 (pos), 0.8 (pos), 0.3 (neg), 0.2 (pos); 3 positives.
    # Cutting after k items: F1 = 2tp / (k + 3): 2/4, 4/5, 4/6, 6/7 -> best is to keep all four.
    threshold, f1 = _best_threshold(np.array([0.3, 0.9, 0.2, 0.8]), np.array([False, True, True, True]))
    assert threshold == 0.2 and f1 == pytest.approx(6 / 7)
    # Ranked: 0.9 (pos), 0.6 (pos), 0.4 (neg), 0.1 (neg): 2tp/(k+2) = 2/3, 4/4, 4/5, 4/6 -> cut after 0.6.
    threshold, f1 = _best_threshold(np.array([0.9, 0.6, 0.4, 0.1]), np.array([True, True, False, False]))
    assert threshold == pytest.approx(0.5) and f1 == 1.0


# --- a small sample of the real UPR Info labels -------------------------------------------------


@pytest.fixture(scope="module")
def upr_sample():
    from cobs.read import read_upr_info

    table = read_upr_info(shared_path("upr-info-export-2018"))
    train = table[table["session"].between(15, 21)].sample(4000, random_state=0)
    test = table[table["session"].between(25, 26)].sample(1000, random_state=0)
    return train, test


@pytest.mark.real_data
def test_real_sample_action(upr_sample):
    train, test = upr_sample
    model = ActionCategoryClassifier(random_state=0).fit(train["recommendation"], train["action"])
    predicted = model.predict(test["recommendation"])
    truth = test["action"].astype(int)
    # The majority class ("5") alone scores about 0.43 here; the full benchmark reaches about 0.9.
    assert accuracy_score(truth, predicted) > 0.8
    assert f1_score(truth, predicted, average="macro") > 0.65


@pytest.mark.real_data
def test_real_sample_issues(upr_sample):
    train, test = upr_sample
    model = IssueClassifier(random_state=0).fit(train["recommendation"], train["issues"])
    binarizer = MultiLabelBinarizer(classes=model.classes_).fit([])
    truth = binarizer.transform([[i for i in issues if i in set(model.classes_)] for issues in test["issues"]])
    assert f1_score(truth, model.predict(test["recommendation"]), average="micro") > 0.75


def test_min_df_falls_back_to_1_with_a_warning_not_silently():
    """Three texts share no term: min_df=2 leaves none; the features are refitted with min_df=1 and the user told."""
    texts, labels = ["Ratify the Convention", "Continue efforts", "Consider reforms"], [5, 2, 3]
    with pytest.warns(UserWarning, match=r"min_df=2 leaves no term in the 3 training texts") as caught:
        model = ActionCategoryClassifier(min_df=2, opening_words=None).fit(texts, labels)
    assert model.features_.transformer_list[0][1].min_df == 1
    assert caught[0].filename == __file__  # the warning points at the user's line, not into cobs
    with pytest.warns(UserWarning, match=r"min_df=2 leaves no term") as caught:
        IssueClassifier(min_df=2).fit(texts, [["a"], ["b"], ["a", "b"]])
    assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ActionCategoryClassifier(min_df=1, opening_words=None).fit(texts, labels)  # asked for: no warning
        ThemeClassifier(min_df=1, char_ngrams=(6, 6)).fit(texts, labels)  # the characters' floor of 2 is cobs's
