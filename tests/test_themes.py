"""Clusters and themes of the seed's recommendations (measures._themes, measure(theme_model=...))."""

import pytest
from test_actions import VERBS

import cobs
from cobs.measures._themes import cluster_id, theme

CLUSTERS = {**dict.fromkeys(range(7, 20), "CRC-1"), **dict.fromkeys(range(20, 26), "CRC-3"),
            **dict.fromkeys(range(26, 36), "CRC-5"), **dict.fromkeys(range(36, 40), "CRC-6"),
            **dict.fromkeys(range(40, 52), "CRC-7"), **dict.fromkeys(range(52, 54), "CRC-8"),
            **dict.fromkeys(range(54, 65), "CRC-9"), 65: "CRC-OPIC", 66: "CRC-RAT", 67: "IMPL", 68: "IMPL", 69: "IMPL"}


def test_cluster_of_every_row(seed_doc, measured):
    table = seed_doc.paragraphs
    found = {p: cluster_id(c, "CRC", s)
             for p, c, s in zip(table["para"], table["cluster"], table["section"], strict=True)}
    assert found == {**dict.fromkeys(range(1, 7), ""), **CLUSTERS}  # sections I and II have no cluster
    assert dict(zip(measured["para"], measured["cluster_id"], strict=False)) == {p: CLUSTERS[p] for p in VERBS}


def test_themes_and_articles(measured):
    by_ref = measured.drop_duplicates("ref").set_index("ref")
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "theme"] == "corporal punishment"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 45", "theme"] == "mental health"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 55 (a)", "theme"] == "asylum-seeking refugee and migrant children"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "cluster_articles"] == ["19", "24(3)", "28(2)", "34", "37(a)", "39"]
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "articles"] == []  # the text cites no article


def test_theme_and_cluster_functions():
    assert theme("Women with disabilities (art. 6)", committee="CRPD") == "women and girls"
    assert theme("Work and employment (art. 27)", committee="CRPD") == "work and employment"
    assert cluster_id("General principles and obligations (arts. 1–4)", "CRPD") == "CRPD-A"
    assert cluster_id("Something new (arts. 28 and 29)", "CRC") == "CRC-8"  # by its articles
    assert cluster_id("Something new", "CCPR") == ""


def test_theme_model_is_used_where_no_heading_gives_a_theme(seed_doc, tmp_path):
    """The wiring of measure(theme_model=...): a document stripped of its headings gets its themes from a
    ThemeClassifier; trained on the same texts, the model must give most themes back (its accuracy on
    unseen documents is measured by benchmarks/bench_theme.py, not here)."""
    headed = cobs.measure(seed_doc.paragraphs)
    assert set(headed["theme_source"].dropna()) == {"heading", "cluster"}
    assert headed.loc[headed["para"] == 7, "theme_source"].isna().all()  # para. 7 stands under no subheading
    bare = seed_doc.paragraphs.assign(heading="", cluster="")  # "" as a CSV round trip gives: read as missing
    assert cobs.measure(bare)["theme"].isna().all()
    training = headed[headed["theme_source"] == "heading"]
    texts = (training["chapeau"].fillna("") + " " + training["text"]).tolist()
    model = cobs.ThemeClassifier(random_state=0).fit(texts, training["theme"].tolist())
    predicted = cobs.measure(bare, theme_model=model)
    assert set(predicted["theme_source"]) == {"model"}
    known = headed["theme_source"].eq("heading").fillna(False).to_numpy(dtype=bool)
    agree = predicted["theme"].to_numpy()[known] == headed["theme"].to_numpy()[known]
    assert agree.mean() > 0.8  # the model has seen these texts: it must give most of their themes back
    with pytest.raises(ValueError, match="theme_model must be"):
        cobs.measure(bare, theme_model="guess")
