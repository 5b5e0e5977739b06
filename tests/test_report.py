"""cobs report on the bundled corpus: page, figures and tables, the same bytes run after run, a browser's view."""

import hashlib
import html as html_module
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cobs
from cobs.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from cobs.report import write_report

    return write_report(None, tmp_path_factory.mktemp("report") / "report", n_jobs=2, progress=False)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_the_report_folder_holds_the_page_the_figures_and_the_tables(report):
    folder = report.folder
    assert report.page == folder / "index.html"
    manifest = pd.read_csv(ROOT / "corpus" / "manifest.csv")
    symbols = sorted(manifest.loc[~manifest["file"].str.startswith("upr/"), "symbol"])  # the COs, not the UPR files
    assert sorted(report.data.documents["symbol"]) == symbols  # every CO of the bundled corpus, none left out
    assert report.data.errors.empty
    names = {p.name for p in (folder / "figures").iterdir()}
    # the documents' profiles as small multiples: a panel per document (up to twelve a figure), a figure per
    # committee (one theme axis: the CRC's themes are not the CRPD's): the CRC's CO, then the nine CRPD COs
    for stem in ("profiles-1", "profiles-2"):
        assert {f"{stem}.pdf", f"{stem}.svg", f"{stem}.png", f"{stem}-data.csv", f"{stem}-data.parquet"} <= names
    assert not any(name.startswith(("profile-", "profiles-3")) for name in names)
    shown = [pd.read_parquet(folder / "figures" / f"profiles-{k}-data.parquet") for k in (1, 2)]
    assert list(dict.fromkeys(shown[0]["symbol"].astype(str))) == ["CRC/C/KAZ/CO/4"]
    assert list(dict.fromkeys(shown[1]["symbol"].astype(str))) == report.data.documents["symbol"].tolist()[1:]
    # each document's subsection names the figure and the panel of its profile, by the figure's number on the page
    html = report.page.read_text(encoding="utf-8")
    number = re.search(r'<figure id="fig-profiles-1">.*?<b>Figure (\d+)\.</b>', html).group(1)
    assert (f'Its requested actions by theme and operative verb: the panel CRC/C/KAZ/CO/4 of <a href="#fig-profiles-1">'
            f"Figure {number}</a> (documents 1-1)") in html
    number = re.search(r'<figure id="fig-profiles-2">.*?<b>Figure (\d+)\.</b>', html).group(1)
    assert (f'the panel CRPD/C/NZL/CO/1 of <a href="#fig-profiles-2">Figure {number}</a> (documents 2-'
            f"{len(symbols)})") in html
    assert "\x00" not in html
    for stem in ("states-strength", "states-action-category", "states-themes", "states-citations",
                 "topics-prevalence", "cycles-1", "cycles-change", "groups-documents"):
        assert {f"{stem}.pdf", f"{stem}.svg", f"{stem}.png", f"{stem}-data.csv"} <= names
    tables = {p.name for p in (folder / "tables").iterdir()}
    assert {"paragraphs.csv", "paragraphs.parquet", "actions.csv", "actions.parquet", "citations.csv",
            "documents.csv", "topics.csv", "topics-validity.csv", "topics-actions.parquet"} <= tables
    for path in [report.page, *report.figures, *report.tables]:
        assert path.is_file() and path.stat().st_size > 100, path


@pytest.mark.slow
def test_the_tables_are_the_measured_corpus(report):
    actions = pd.read_parquet(report.folder / "tables" / "actions.parquet")
    assert len(actions) == len(report.data.actions)
    assert actions.groupby("symbol").size()["CRC/C/KAZ/CO/4"] == 79  # as tests/test_measure.py reads the seed
    documents = pd.read_csv(report.folder / "tables" / "documents.csv")
    assert documents.set_index("symbol").loc["CRPD/C/AZE/CO/2-3", "state_name"] == "Azerbaijan"


@pytest.mark.slow
def test_each_figure_has_the_table_behind_it_with_the_refs_counted(report):
    data = pd.read_csv(report.folder / "figures" / "profiles-1-data.csv")
    data = data[data["symbol"] == "CRC/C/KAZ/CO/4"]  # its panel
    assert data["count"].sum() == 79
    drawn = data[data["count"] > 0]
    assert (drawn["refs"].str.split("; ").map(len) == drawn["count"]).all()
    # juvenile justice (para. 61): the paragraph's own request and items (a)-(f), all urged
    urged = drawn[(drawn["theme"] == "juvenile justice") & (drawn["category"] == "urges")].iloc[0]
    assert urged["refs"].split("; ") == ["CRC/C/KAZ/CO/4, para. 61"] + [
        f"CRC/C/KAZ/CO/4, para. 61 ({x})" for x in "abcdef"]
    strength = pd.read_parquet(report.folder / "figures" / "states-strength-data.parquet")
    assert strength["count"].sum() == len(report.data.actions)
    assert list(strength["refs"].iloc[0]) == [] or isinstance(strength["refs"].iloc[0][0], str)


@pytest.mark.slow
def test_cycle_comparisons_where_a_state_has_two_documents(report):
    folder = report.folder
    html = report.page.read_text(encoding="utf-8")
    assert '<section id="cycles">' in html
    for later in ("CRPD_C_AZE_CO_2-3", "CRPD_C_NZL_CO_2-3"):  # the two bundled cycle pairs, nothing else
        assert (folder / "tables" / f"cycles-{later}-links.parquet").is_file()
        assert (folder / "tables" / f"cycles-{later}-change.parquet").is_file()
    # one figure of a panel per pair, and one forest plot of every pair's change
    assert sorted(p.name for p in (folder / "figures").glob("cycles-*.pdf")) == ["cycles-1.pdf", "cycles-change.pdf"]
    panels = pd.read_parquet(folder / "figures" / "cycles-1-data.parquet")
    assert list(dict.fromkeys(panels["later_symbol"].astype(str))) == ["CRPD/C/AZE/CO/2-3", "CRPD/C/NZL/CO/2-3"]
    links = pd.read_csv(folder / "tables" / "cycles-CRPD_C_AZE_CO_2-3-links.csv")
    # CRPD/C/AZE/CO/2-3 cites CO/1 paras 13, 23, 27 and 29 in its footnotes (read in the PDF): hard links
    assert sorted(links.loc[links["evidence"] == "citation", "earlier_ref"]) == [
        f"CRPD/C/AZE/CO/1, para. {n}" for n in (13, 23, 27, 29)]
    assert set(links["status"]) == {"repeated", "modified", "new", "dropped"}
    # the figure counts each row of the link table once, by its status, and cites it
    drawn = panels[panels["later_symbol"] == "CRPD/C/AZE/CO/2-3"]
    status = drawn[drawn["dimension"] == "status"]
    assert status.groupby("category")["count"].sum().to_dict() == links["status"].value_counts().to_dict()
    new = status[(status["category"] == "new") & (status["count"] > 0)]
    assert sorted(sum(map(list, new["refs"]), [])) == sorted(links.loc[links["status"] == "new", "later_ref"])
    # against the committee's drift (cobs.compare.change): Azerbaijan's CO/1 urges 7 of its 55 actions (in 7
    # paragraphs, read in the PDF), CO/2-3 none; the committee's other COs within a year of each, listed on the page
    change = pd.read_csv(folder / "tables" / "cycles-CRPD_C_AZE_CO_2-3-change.csv")
    urges = change[(change["measure"] == "strength") & (change["category"] == "urges")].iloc[0]
    assert urges["state_earlier"] == pytest.approx(7 / 55) and urges["state_later"] == 0
    acts = report.data.actions
    share = acts.assign(u=acts["strength"] == "urges").groupby("symbol")["u"].mean()
    assert urges["committee_earlier"] == pytest.approx((share["CRPD/C/NZL/CO/1"] + share["CRPD/C/TKM/CO/1"]) / 2)
    assert urges["committee_later"] == pytest.approx((share["CRPD/C/GEO/CO/1"] + share["CRPD/C/BLR/CO/1"]) / 2)
    assert ("before: CRPD/C/NZL/CO/1 (2014), CRPD/C/TKM/CO/1 (2015); after: CRPD/C/GEO/CO/1 (2023), "
            "CRPD/C/BLR/CO/1 (2024)") in html
    drawn = pd.read_parquet(folder / "figures" / "cycles-change-data.parquet")
    assert drawn["measure"].tolist() == [m for m in ("strength_group", "specificity", "time_bound", "repetition")
                                         for _ in range(2)]  # a panel per measure, a row per pair
    assert drawn["later_symbol"].tolist() == ["CRPD/C/AZE/CO/2-3", "CRPD/C/NZL/CO/2-3"] * 4
    # the intervals cut to what a net change can be: within 1 of the State's raw change for a share
    strong = drawn.iloc[0]
    assert strong["ci_high"] > strong["state_change"] + 1  # the interval of change() passes it (few other COs)
    assert strong["ci_high_drawn"] == pytest.approx(strong["state_change"] + 1) and strong["ci_cut"]
    assert 'the row CRPD/C/AZE/CO/1 → 2-3 of <a href="#fig-cycles-change">Figure ' in html
    # New Zealand's later window (2021-2023) holds one other CO: no interval, and the page says so
    assert "without an interval: a window holds fewer than two other COs" in html
    # ... so that every link from an urged paragraph is softened, and the page says how many links changed
    assert (links.loc[links["earlier_verb"] == "urge", "change"] == "softened").all()
    change = links["change"].value_counts()
    assert (f"stronger than before on {change['escalated']} links and weaker on {change['softened']} links"
            in html)


@pytest.mark.slow
def test_across_states_keyness_similarity_and_templates(report):
    folder = report.folder
    crpd = sorted(report.data.documents.query("committee == 'CRPD'")["symbol"])
    keyness = {p.name for p in (folder / "tables").glob("keyness-*.csv")}
    html = report.page.read_text(encoding="utf-8")
    # each CRPD document is set against its committee's COs to other States of the same years (not the CRC's only
    # one): a table of the terms with q < 0.05, or a sentence saying there is none
    for symbol in crpd:
        shown = f"keyness-{symbol.replace('/', '_')}.csv" in keyness
        said = f"No word or two-word phrase sets {symbol}'s recommendations apart" in html
        assert shown != said, symbol
    assert "keyness-CRPD_C_NZL_CO_2-3.csv" in keyness and "keyness-CRC_C_KAZ_CO_4.csv" not in keyness
    nzl = pd.read_csv(folder / "tables" / "keyness-CRPD_C_NZL_CO_2-3.csv")
    assert (nzl["q_value"] < 0.05).all()
    assert (nzl.loc[nzl["direction"] == "more in CRPD/C/NZL/CO/2-3", "target_paragraphs"] >= 2).all()
    assert not {"zealand", "new zealand", "zealanders"} & set(nzl["term"])  # its State's name: left out
    assert "within 2 years of it at hand (CRPD/C/AZE/CO/2-3, CRPD/C/BLR/CO/1, CRPD/C/GEO/CO/1)" in html
    pairs = pd.read_csv(folder / "figures" / "states-similarity-data.csv")
    assert len(pairs) == 10 * 9 // 2 and pairs["similarity"].between(0, 1).all()  # each pair of documents once
    assert not (pairs["document"] == pairs["other"]).any()
    nearest = pd.read_csv(folder / "tables" / "states-similarity-nearest.csv").set_index("symbol")
    for symbol, row in nearest.iterrows():  # the most similar document is the pair of highest similarity
        mine = pairs[pairs["document"].str.startswith(symbol + " ") | pairs["other"].str.startswith(symbol + " ")]
        assert row["similarity"] == pytest.approx(mine["similarity"].max(), abs=1e-3)
    assert nearest["template_share"].between(0, 1).all()


@pytest.mark.slow
def test_topics_of_the_recommendations(report):
    from sklearn.metrics import normalized_mutual_info_score

    folder = report.folder
    topics = pd.read_csv(folder / "tables" / "topics.csv")
    shares = pd.read_parquet(folder / "tables" / "topics-actions.parquet")
    actions = report.data.actions
    labels = topics["label"].tolist()
    assert topics["topic"].tolist() == list(range(8)) and len(set(labels)) == 8
    assert topics["size"].is_monotonic_decreasing and topics["size"].sum() == pytest.approx(1)
    # every action but the implementation-and-reporting templates (follow-up, dissemination, next report) has shares
    template = actions["cluster_id"].eq("IMPL").fillna(False) | actions["theme"].eq("implementation and reporting"
                                                                                     ).fillna(False)
    assert 0 < template.sum() < len(actions) and sorted(shares["ref"]) == sorted(actions.loc[~template, "ref"])
    known = shares[labels].sum(axis=1) > 0
    assert np.allclose(shares.loc[known, labels].sum(axis=1), 1, atol=1e-5)
    assert np.allclose(shares.loc[known, labels].mean(), topics["size"], atol=1e-5)  # a size is a mean share
    main = shares.loc[known, labels].idxmax(axis=1)  # each action's main topic, from its shares
    assert (shares.loc[known, "topic"] == main).all()
    assert topics.set_index("label")["actions"].to_dict() == main.value_counts().reindex(labels, fill_value=0).to_dict()
    # the examples, read in the documents: the Marrakesh topic's paragraphs ask for a treaty to be ratified (the
    # Marrakesh Treaty; CRPD/C/NZL/CO/1, para. 6: the Optional Protocol); the sign language topic's paragraphs are
    # about sign language; and every example paragraph uses some of the ten terms its topic is shown with
    paragraphs = report.data.paragraphs
    text = paragraphs.groupby(["symbol", "para"])["text"].agg(" ".join)
    for word, phrase in (("marrakesh", "ratif"), ("sign", "sign language")):
        topic = topics[topics["terms"].str.split(", ").map(lambda terms, w=word: w in terms[:3])].iloc[0]
        for example in topic["examples"].split("; "):
            symbol, para = re.match(r"(.+), para\. (\d+)", example).groups()
            assert phrase in text[(symbol, int(para))].lower(), example
    for topic in topics.itertuples():
        shown = topic.terms.split(", ")
        for example in topic.examples.split("; "):
            symbol, para = re.match(r"(.+), para\. (\d+)", example).groups()
            assert any(term in text[(symbol, int(para))].lower() for term in shown), (topic.label, example)
    # prevalence by document: each document's mean shares, from its actions' shares, with intervals around them
    drawn = pd.read_csv(folder / "figures" / "topics-prevalence-data.csv")
    assert sorted(drawn["symbol"].unique()) == sorted(report.data.documents["symbol"])
    assert (drawn.groupby("symbol")["mean"].sum().round(6) == 1).all()
    assert ((drawn["ci_low"] <= drawn["mean"] + 1e-9) & (drawn["mean"] <= drawn["ci_high"] + 1e-9)).all()
    mine = shares[known & (shares["symbol"] == "CRC/C/KAZ/CO/4")]
    kaz = drawn[drawn["symbol"] == "CRC/C/KAZ/CO/4"].set_index("label")
    assert np.allclose(kaz.loc[labels, "mean"], mine[labels].mean(), atol=1e-5)
    assert (kaz["n"] == len(mine)).all() and (kaz["resampled"] == "rows").all()  # one document: its actions
    # validity: NMI and purity of the main topics against the headings' themes, as the actions table gives them
    validity = pd.read_csv(folder / "tables" / "topics-validity.csv").set_index("compared_with")
    themed = shares[known & shares["theme"].notna()]
    assert validity.loc["headings' themes", "n"] == len(themed)
    assert validity.loc["headings' themes", "nmi"] == pytest.approx(
        normalized_mutual_info_score(themed["theme"], themed["topic"]), abs=1e-3)
    counts = pd.crosstab(themed["topic"], themed["theme"])
    assert validity.loc["headings' themes", "purity"] == pytest.approx(counts.max(axis=1).sum() / len(themed),
                                                                       abs=1e-3)
    assert 0 < validity.loc["clusters", "nmi"] < validity.loc["headings' themes", "nmi"] < 1


@pytest.mark.slow
def test_the_crc_beside_the_upr(report):
    folder = report.folder
    drawn = pd.read_csv(folder / "figures" / "upr-1-data.csv")
    drawn = drawn[drawn["symbol"] == "CRC/C/KAZ/CO/4"]  # its panel
    assert drawn["count"].sum() == 79  # every requested action of CRC/C/KAZ/CO/4, once
    assert set(drawn["category"]) == {"same request", "overlapping request", "not made"}
    shared = pd.read_csv(folder / "tables" / "upr-CRC_C_KAZ_CO_4-shared.csv").set_index("ref")
    # read in both texts: the CRC's ombudsperson for children (para. 17) is what Morocco asked at the UPR in 2014
    # ("Introduce the office of the Ombudsman for the rights of the child"), and both ask Kazakhstan to ratify the
    # migrant workers' convention (para. 66; Sierra Leone: "Ratify ICRMW")
    assert shared.loc["CRC/C/KAZ/CO/4, para. 17", "grade"] == "same"
    assert "UPR/20/KAZ, no. 71 (Morocco)" in shared.loc["CRC/C/KAZ/CO/4, para. 17", "upr"]
    assert "UPR/20/KAZ, no. 148 (Sierra Leone)" in shared.loc["CRC/C/KAZ/CO/4, para. 66", "upr"]
    html = report.page.read_text(encoding="utf-8")
    assert "the 198 UPR recommendations Kazakhstan received at session 20 (2014)" in html


def test_a_co_without_requested_actions_beside_the_upr_has_no_panel_and_says_so():
    """The UPR section's panels are drawn for the COs with requested actions only: a CO of a State with UPR data
    and no action (raised KeyError) is said to have nothing to draw."""
    import dataclasses

    from cobs.report import _data, _sections

    data = _data.load([ROOT / "corpus"])
    symbol = "CRC/C/KAZ/CO/4"
    empty = dataclasses.replace(data, actions=data.actions[data.actions["symbol"] != symbol],
                                documents=data.documents.assign(actions=data.documents["actions"].where(
                                    data.documents["symbol"] != symbol, 0)))
    section = _sections.upr_section(empty)
    texts = [part.html for sub in section.subsections for part in sub.parts if hasattr(part, "html")]
    assert any(symbol in t and "It has no requested action to draw." in t for t in texts)


@pytest.mark.slow
def test_groups_and_goals(report):
    folder, actions = report.folder, report.data.actions
    names = {p.name for p in (folder / "figures").iterdir()}
    # every CO a column of one heatmap (a hundred COs' nine figures of panels took half a minute to draw; cobs.plot
    # turns a heatmap of a hundred: a row each)
    drawn = pd.read_parquet(folder / "figures" / "groups-documents-data.parquet")
    assert list(dict.fromkeys(drawn["symbol"].astype(str))) == report.data.documents["symbol"].tolist()
    assert not any(name.startswith("groups-1") for name in names)
    page = html_module.unescape(report.page.read_text(encoding="utf-8"))
    assert "No other CO of its committee from those years is in the report" in page  # the CRC's CO
    # Azerbaijan's and New Zealand's two CRPD cycles, side by side in one figure; every document; the regions
    assert {"goals-cycles.png", "goals-documents.png", "goals-regions.png"} <= names
    cycles = pd.read_parquet(folder / "figures" / "goals-cycles-data.parquet")
    assert list(dict.fromkeys(cycles["symbol"].astype(str))) == ["CRPD/C/AZE/CO/1", "CRPD/C/AZE/CO/2-3",
                                                                  "CRPD/C/NZL/CO/1", "CRPD/C/NZL/CO/2-3"]
    aze = actions[actions["symbol"] == "CRPD/C/AZE/CO/2-3"]
    mine = drawn[drawn["symbol"] == "CRPD/C/AZE/CO/2-3"].set_index("category")
    women = aze["groups"].map(lambda g: "Women & girls" in g)
    assert mine.loc["Women & girls", "count"] == women.sum() and mine.loc["Women & girls", "n"] == len(aze)
    assert sorted(mine.loc["Women & girls", "refs"]) == sorted(aze.loc[women, "ref"])
    assert "Persons with disabilities" not in mine.index  # the CRPD's base group, on every action
    kaz = drawn[drawn["symbol"] == "CRC/C/KAZ/CO/4"].set_index("category")
    # Children, the CRC's base group on all 79 of its actions, is not counted on them; the CRPD's COs' are
    assert kaz.loc["Children", ["count", "n"]].tolist() == [0, 0] and np.isnan(kaz.loc["Children", "share"])
    assert kaz.loc["Women & girls", "n"] == 79
    children = aze["groups"].map(lambda g: "Children" in g)
    assert children.sum() > 0 and mine.loc["Children", "count"] == children.sum()
    # the CO against its committee's other COs of its years, in its section's text: AZE 2-3 (2024) against the
    # CRPD's COs of 2023-2025 in the bundled corpus (Belarus 2024, Georgia 2023), their actions pooled
    docs = report.data.documents
    others = docs[(docs["committee"] == "CRPD") & ((docs["year"] - 2024).abs() <= 1)
                  & (docs["symbol"] != "CRPD/C/AZE/CO/2-3")]["symbol"]
    assert sorted(others) == ["CRPD/C/BLR/CO/1", "CRPD/C/GEO/CO/1"]
    pooled = actions[actions["symbol"].isin(others)]
    sentence = re.search(r"CRPD/C/AZE/CO/2-3: the groups its .*?</p>", page, flags=re.S).group(0)
    assert "Where it differs most from its committee's 2 other COs of 2023-2025" in sentence
    table = pd.read_csv(folder / "tables" / "groups-apart.csv").query("symbol == 'CRPD/C/AZE/CO/2-3'")
    row = table.set_index("group").loc["Women & girls"]
    assert (row["share"], row["others_share"], row["other_cos"]) == (
        round(women.mean(), 3), round(pooled["groups"].map(lambda g: "Women & girls" in g).mean(), 3), 2)
    listed = re.findall(r"([A-Z][^;:]*?) (\d+)% against (\d+)%", sentence)
    assert len(listed) == 3
    for group, own, theirs in listed:  # each share read back from the actions table
        named = aze["groups"].map(lambda g, group=group: group in g).mean()
        pooled_share = pooled["groups"].map(lambda g, group=group: group in g).mean()
        assert (int(own), int(theirs)) == (round(100 * named), round(100 * pooled_share)), group
    regions = pd.read_csv(folder / "tables" / "groups-goals-regions.csv")
    kaz = regions.query("region == 'Asia-Pacific Group' and committee == 'CRC' and dimension == 'sdgs'")
    assert kaz["n"].unique().tolist() == [79]
    html = report.page.read_text(encoding="utf-8")
    assert '<section id="groups">' in html and "Groups and goals" in html


@pytest.mark.slow
def test_every_count_on_the_page_names_its_unit(report):
    """Paragraphs, items, requested actions and links were counted side by side under one word ("requests",
    "recommendations"): each sentence that counts now says which (the figures' axes too: tests/test_plot.py)."""

    text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", report.page.read_text(encoding="utf-8"))).split())
    kaz = report.data.actions[report.data.actions["symbol"] == "CRC/C/KAZ/CO/4"]
    urged = int((kaz["strength"] == "urges").sum())
    assert (f"79 requested actions in 34 recommendation paragraphs; {urged} of the actions urged ({urged / 79:.0%}). "
            "Themes asked about most (requested actions): ") in text
    links = pd.read_csv(report.folder / "tables" / "cycles-CRPD_C_AZE_CO_2-3-links.csv")
    status = links["status"].value_counts()
    assert (f"{status['new']} paragraphs are new; {status['dropped']} of the earlier CO's paragraphs are not taken "
            "up again") in text
    assert f"({status['repeated']} links repeated, {status['modified']} modified; " in text
    assert "of these links rest on an explicit citation of the earlier paragraph" in text
    assert "The share of requested actions the committee recommends or urges went from" in text
    assert "of the CO's 79 requested actions, " in text  # beside the UPR, the figure's 79 actions
    assert "the later CO's recommendation paragraphs by theme" in text  # the caption of the pairs' figure
    assert not re.search(r"recommendation paragraphs; \d+ urged", text)
    for old in ("of the earlier CO's are not", "Share of actions the", "CO's requests is linked"):
        assert old not in text


@pytest.mark.slow
def test_the_page_is_self_contained_and_cites_what_each_figure_counts(report):
    html = report.page.read_text(encoding="utf-8")
    figures = len([p for p in report.figures if p.suffix == ".pdf"])
    images = re.findall(r'<img src="([^"]{0,40})', html)
    assert len(images) == figures and all(src.startswith("data:image/png;base64,") for src in images)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing to fetch: readable offline
    assert "<script" not in html
    assert len(re.findall(r'<details id="refs-', html)) == figures
    for section in ("documents", "profiles", "cycles", "states", "groups", "topics", "upr", "references"):
        assert f'<section id="{section}">' in html
    assert "CRC/C/KAZ/CO/4, para. 61 (f)" in html
    assert str(ROOT) not in html  # the page does not depend on where the corpus lies


@pytest.mark.slow
def test_every_figure_and_table_says_what_made_it(report):
    """cobs's version and the parameters: in the figures' metadata, the Parquet files' metadata and the CSV files'
    sidecars (read back by cobs.provenance.read_provenance, and the PDF by pypdf)."""
    from cobs.provenance import read_provenance, sidecar_path

    parameters = {"sources": ["corpus/ (the bundled corpus)"], "topics": 8, "topics_random_state": 0,
                  "style_window": 2, "keyness_top": 8}
    folder = report.folder
    for path in report.figures:
        if path.name.endswith(".csv.json"):
            continue
        record = read_provenance(path)
        assert record is not None and record["cobs_version"] == cobs.__version__, path.name
        figure = re.sub(r"(-data)?\.(pdf|svg|png|csv|parquet)$", "", path.name)
        assert record["parameters"] == {**parameters, "figure": figure, **record["parameters"]}, path.name
        if path.suffix in (".pdf", ".svg", ".png"):
            assert record["made_by"].startswith("cobs.plot."), path.name
        else:
            assert record["made_by"] == "cobs report" and record["parameters"]["plot"].startswith("cobs.plot.")
    profile = read_provenance(folder / "figures" / "profiles-1.pdf")  # the CRC's CO alone: its 79 actions
    assert profile["made_by"] == ("cobs.plot.theme_profile(<table of 79 rows>, by='symbol', hue='strength', "
                                  "others=True, top=12)")
    for path in report.tables:
        if path.suffix in (".csv", ".parquet"):
            record = read_provenance(path)
            assert record["made_by"] == "cobs report" and record["parameters"]["table"] == path.name.rsplit(".", 1)[0]
    sidecar = json.loads(sidecar_path(folder / "tables" / "actions.csv").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256((folder / "tables" / "actions.csv").read_bytes()).hexdigest()
    assert len(pd.read_csv(folder / "tables" / "actions.csv")) == len(report.data.actions)  # a plain CSV still
    texts = [p.read_text(encoding="utf-8") for p in folder.rglob("*.json")]
    assert texts and not any(str(ROOT) in t for t in texts)  # where cobs lies is not recorded
    pypdf = pytest.importorskip("pypdf")
    info = pypdf.PdfReader(folder / "figures" / "states-strength.pdf").metadata
    assert info["/Creator"] == f"cobs {cobs.__version__}"
    assert json.loads(info["/Subject"])["made_by"] == (
        f"cobs.plot.mix(<table of {len(report.data.actions)} rows>, by='symbol', of='strength')")


@pytest.mark.slow
def test_two_runs_give_the_same_files(report, tmp_path):
    from cobs.report import write_report

    again = write_report(None, tmp_path / "again", n_jobs=1, progress=False)
    first, second = digests(report.folder), digests(again.folder)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.slow
def test_the_page_in_a_browser(report, capsys):
    """Headless Chromium loads the page without console errors and shows every figure."""
    from chromium import find_chromium, open_page

    if find_chromium() is None:
        pytest.skip("chromium is not installed (as root, `make test` installs it: apt-get install -y chromium)")
    view = open_page(report.page, width=1200, height=1400)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-screenshot.png"
    shot.write_bytes(view.screenshot)
    with capsys.disabled():
        print(f"\nscreenshot of the report: {shot}")
    assert view.title == "cobs report: concluding observations compared"
    assert [m for m in view.console if m["type"] in ("error", "assert", "warning")] == []
    assert view.exceptions == []
    assert [e for e in view.log if e["level"] == "error"] == []
    figures = len([p for p in report.figures if p.suffix == ".pdf"])
    assert len(view.images) == figures
    for image in view.images:
        assert image["complete"] and image["naturalWidth"] > 0 and image["naturalHeight"] > 0, image["alt"]
        assert image["width"] > 0, image["alt"]  # laid out on the page, not hidden
    assert view.screenshot.startswith(b"\x89PNG") and len(view.screenshot) > 50_000
    # the references of long lists folded after three: the page is shorter than with every reference shown (on the
    # bundled corpus, 1,200 pixels wide: 37,700 pixels against 41,600, before keyness tables kept only the terms
    # at q < 0.05; 32,800 against 33,900 since)
    unfolded = re.sub(r'; <details class="more"><summary>and \d+ more</summary>(.*?)</details></td>', r"; \1</td>",
                      report.page.read_text(encoding="utf-8"), flags=re.S)
    assert unfolded.count("<details") < report.page.read_text(encoding="utf-8").count("<details")
    page = ARTIFACTS / "report-unfolded.html"
    page.write_text(unfolded, encoding="utf-8")
    assert view.height < open_page(page, width=1200, height=1400).height


@pytest.mark.slow
def test_a_broken_image_would_be_seen(report, tmp_path):
    """The browser check can fail: a page whose image data are cut shows a zero natural size."""
    from chromium import find_chromium, open_page

    if find_chromium() is None:
        pytest.skip("chromium is not installed (as root, `make test` installs it: apt-get install -y chromium)")
    html = report.page.read_text(encoding="utf-8")
    broken = re.sub(r'src="data:image/png;base64,[^"]{0,200}', 'src="data:image/png;base64,AAAA', html, count=1)
    page = tmp_path / "broken.html"
    page.write_text(broken, encoding="utf-8")
    view = open_page(page)
    assert view.images[0]["naturalWidth"] == 0 and all(i["naturalWidth"] > 0 for i in view.images[1:])


# the command line ---------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_cobs_report_on_one_file_prints_where_it_wrote(tmp_path, capsys):
    out = tmp_path / "kaz"
    assert main(["report", str(SEED), "-o", str(out), "-j", "1"]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out / 'index.html'} (1 document, 1 figure)" in printed
    assert f"{out / 'figures'}/" in printed and f"{out / 'tables'}/" in printed
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<section id="states">' not in html  # one document: nothing to compare across States or cycles
    assert '<section id="cycles">' not in html
    assert '<section id="upr">' not in html  # a file, not a folder with upr/ beside it
    assert '<section id="topics">' not in html  # topics set documents side by side
    # an earlier report is replaced; a folder of other files is not touched
    assert main(["report", str(SEED), "-o", str(out), "-j", "1"]) == 0
    other = tmp_path / "notes"
    other.mkdir()
    (other / "draft.txt").write_text("mine", encoding="utf-8")
    assert main(["report", str(SEED), "-o", str(other)]) == 2
    assert "holds files other than a cobs report" in capsys.readouterr().err
    assert (other / "draft.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow
def test_cobs_report_leaves_out_what_it_cannot_read_as_parse_does(tmp_path, capsys):
    """The page was written and listed the file left out, yet the command exited 2: now 0, as parse, measure and
    topics do, and --strict writes nothing and exits 2 (tests/test_cli.py checks the other commands)."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "report"
    assert main(["report", str(SEED), str(empty), "-o", str(out), "-j", "1"]) == 0
    captured = capsys.readouterr()
    err = [line for line in captured.err.splitlines() if not line.startswith("cobs report: ")]  # the steps
    assert err == [f"cobs: {empty}: the file is empty (left out of the report)",
                   "cobs: 1 of 2 files left out, the others read (--strict: write nothing then, and exit 2)"]
    assert f"wrote {out / 'index.html'} (1 document, 1 figure)" in captured.out
    assert "Files left out, with the reason." in (out / "index.html").read_text(encoding="utf-8")
    strict = tmp_path / "strict"
    assert main(["report", str(SEED), str(empty), "-o", str(strict), "-j", "1", "--strict"]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("cobs report: ")]
    assert err == [f"cobs: report: nothing written: 1 of 2 files left out (strict): {empty}: the file is empty"]
    assert not strict.exists()


def test_cobs_report_says_what_is_missing(tmp_path, capsys, monkeypatch):
    assert main(["report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    assert "nowhere: no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty), "-o", str(tmp_path / "out")]) == 2
    assert "no .txt, .pdf, .docx or .html file in this folder" in capsys.readouterr().err
    # an installed cobs, run outside the repository: no bundled corpus, and the message says what to do
    import cobs.report._data as data_module

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(data_module, "__file__", str(tmp_path / "site-packages" / "cobs" / "report" / "_data.py"))
    assert main(["report", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no PATH given and no bundled corpus found" in err and "cobs report path/to/COs/" in err
    assert not (tmp_path / "out").exists()


def test_report_is_imported_by_the_command_line_only():
    sources = [p for p in (ROOT / "cobs").rglob("*.py") if "report" not in p.parts]
    importers = [p.relative_to(ROOT).as_posix() for p in sources if re.search(r"cobs\.report\b|from cobs import report",
                                                                              p.read_text(encoding="utf-8"))]
    assert importers == ["cobs/cli.py"]
    assert "report" not in cobs.__all__ and os.path.isdir(ROOT / "cobs" / "report")


def test_a_symbol_with_a_dot_keeps_its_whole_name_in_the_files(tmp_path):
    """E/C.12/KAZ/CO/2 (CESCR) and CRC/C/15/Add.213 (a legacy symbol) gave 'profile-E_C.csv': two such COs
    overwrote each other's table."""
    from cobs.report._write import _write_table

    table = pd.DataFrame({"ref": ["E/C.12/KAZ/CO/2, para. 5"], "count": [1]})
    names = [p.name for stem in ("profile-E_C.12_KAZ_CO_2-data", "profile-CRC_C_15_Add.213-data")
             for p in _write_table(table, tmp_path / stem)]
    assert names == ["profile-E_C.12_KAZ_CO_2-data.csv", "profile-E_C.12_KAZ_CO_2-data.parquet",
                     "profile-CRC_C_15_Add.213-data.csv", "profile-CRC_C_15_Add.213-data.parquet"]


def test_small_multiples_hold_one_committee_a_figure():
    """One theme axis a figure: a CRC CO's themes (clusters' headings) are not the CRPD's (articles), and the CRPD's
    twelve most frequent left the CRC panel of the bundled corpus with 11 of its 79 actions."""
    from cobs.report._parts import panels_of

    items = ["CRC/C/KAZ/CO/4", "CRPD/C/ARM/CO/1", "CRPD/C/AZE/CO/1", "CRPD/C/BLR/CO/1"]
    assert panels_of(items, "profiles", per=2, group=lambda s: s.split("/")[0]) == {
        "CRC/C/KAZ/CO/4": ("profiles-1", 1, 1), "CRPD/C/ARM/CO/1": ("profiles-2", 2, 3),
        "CRPD/C/AZE/CO/1": ("profiles-2", 2, 3), "CRPD/C/BLR/CO/1": ("profiles-3", 4, 4)}
    assert panels_of(items, "groups", per=3) == {  # without groups: as many a figure as fit
        "CRC/C/KAZ/CO/4": ("groups-1", 1, 3), "CRPD/C/ARM/CO/1": ("groups-1", 1, 3),
        "CRPD/C/AZE/CO/1": ("groups-1", 1, 3), "CRPD/C/BLR/CO/1": ("groups-2", 4, 4)}


def test_a_figure_handed_over_before_its_section_ends_is_drawn_once_in_page_order(tmp_path, monkeypatch):
    """A section may give its figures to the workers before it is complete (the profiles while keyness runs); the
    page numbers them in the sections' order all the same, and draws each once."""
    from cobs.report import _parts, _write
    from cobs.report._parts import Figure, hand_over, taking_figures

    drawn = []
    monkeypatch.setattr(_write, "_draw", lambda figure, folder, parameters: drawn.append(figure.name) or figure.name)
    first, second = (Figure(name, "", "mix", pd.DataFrame()) for name in ("first", "second"))
    drawing = _write._Drawing(tmp_path, {}, None)
    hand_over([second])  # outside a report: nothing
    assert drawing.figures == []
    with taking_figures(drawing.add):
        hand_over([second, _parts.Table("t", "", pd.DataFrame())])  # a table is not drawn
    drawing.add([first, second])  # the section, complete: its figures, one of them handed over already
    assert [f.name for f in drawing.figures] == ["second", "first"]
    assert [(f.name, result) for f, result in drawing.results([first, second])] == [("first", "first"),
                                                                                     ("second", "second")]
    assert drawn == ["first", "second"]
    with pytest.raises(RuntimeError, match="two figures of the report share a name"):
        drawing.add([Figure("first", "", "mix", pd.DataFrame())])
    with pytest.raises(RuntimeError, match="not those of the page"):
        list(drawing.results([first]))


def test_a_long_list_of_references_is_folded_after_three():
    """The keyness tables' refs took most of a 41,000-pixel page: three references, then the rest under a summary
    (no script), every one still in the cell and in the CSV beside the table."""
    from cobs.report._html import _cell

    refs = [f"CRC/C/KAZ/CO/4, para. {n}" for n in (17, 21, 29, 45, 61)]
    assert _cell("refs", refs) == (
        '<td class="refs">CRC/C/KAZ/CO/4, para. 17; CRC/C/KAZ/CO/4, para. 21; CRC/C/KAZ/CO/4, para. 29; '
        '<details class="more"><summary>and 2 more</summary>CRC/C/KAZ/CO/4, para. 45; CRC/C/KAZ/CO/4, para. 61'
        "</details></td>")
    assert _cell("refs", refs[:3]) == ('<td class="refs">CRC/C/KAZ/CO/4, para. 17; CRC/C/KAZ/CO/4, para. 21; '
                                       "CRC/C/KAZ/CO/4, para. 29</td>")
    assert _cell("upr", ["UPR/20/KAZ, no. 71 (Morocco) & <b>"]) == (
        '<td class="refs">UPR/20/KAZ, no. 71 (Morocco) &amp; &lt;b&gt;</td>')


def test_a_very_long_list_of_references_ends_with_the_file_holding_them_all():
    """The bars of the committee's other COs in the groups figures counted thousands of actions each, every reference
    in the page: 5 MB of a hundred COs' 15.7 MB page. Past REFS_IN_PAGE the cell names the file that has the rest;
    without a file (a table the page alone shows) nothing is cut."""
    from cobs.report._html import REFS_IN_PAGE, REFS_SHOWN, _cell

    refs = [f"CRPD/C/AZE/CO/1, para. {n}" for n in range(1, REFS_IN_PAGE + 31)]
    cell = _cell("refs", refs, "figures/groups-1-data.csv")
    folded = re.search(r"<summary>and (\d+) more</summary>(.*)</details>", cell, flags=re.S)
    assert folded and int(folded.group(1)) == len(refs) - REFS_SHOWN
    assert folded.group(2).split("; ")[:-1] == refs[REFS_SHOWN:REFS_IN_PAGE]  # the first REFS_IN_PAGE in the page
    assert folded.group(2).endswith('… the other 30 in <a href="figures/groups-1-data.csv">figures/groups-1-data.csv'
                                    "</a>")
    assert refs[REFS_IN_PAGE] not in cell
    assert all(ref in _cell("refs", refs) for ref in refs)  # no file: every reference
    at_most = refs[:REFS_IN_PAGE]
    assert _cell("refs", at_most, "figures/x-data.csv") == _cell("refs", at_most)  # not cut up to the limit


@pytest.mark.slow
def test_the_page_shows_three_references_a_cell_and_the_csv_all(report):
    html = report.page.read_text(encoding="utf-8")
    tables = [pd.read_csv(path) for path in sorted((report.folder / "tables").glob("*.csv"))]
    long = next(row for table in tables if "refs" in table.columns
                for _, row in table.iterrows() if 3 <= str(row["refs"]).count("; ") < 50)  # 4 to 50 references
    refs = long["refs"].split("; ")
    shown = "; ".join(refs[:3])
    assert f'<td class="refs">{shown}; <details class="more"><summary>and {len(refs) - 3} more</summary>' in html
    assert f"{'; '.join(refs[3:])}</details></td>" in html  # folded, not dropped
    cells = re.findall(r'<td class="refs">(.*?)</td>', html, flags=re.S)
    # unescaped first: a group's name holds "&" ("Women & girls"), written "&amp;" in the page
    shown = [html_module.unescape(re.sub(r"; <details.*", "", c, flags=re.S)) for c in cells]
    assert shown and all(len(c.split("; ")) <= 3 for c in shown)


def test_numbers_in_tables_are_read_without_an_exponent_from_a_thousand_up():
    """A G2 of 1234.5 showed as '1.23e+03'; three significant figures below a thousand, as before."""
    from cobs.report._html import _cell

    assert _cell("g2", 1234.5) == '<td class="num">1,234</td>'
    assert _cell("g2", 26.04) == '<td class="num">26</td>' and _cell("log_ratio", 7.3461) == '<td class="num">7.35</td>'


# progress ----------------------------------------------------------------------------------------------------------

def test_progress_says_each_step_and_every_interval_while_one_lasts():
    import io

    from cobs.report._progress import Progress

    now = [100.0]
    stream = io.StringIO()
    with Progress(stream=stream, ticking=False, clock=lambda: now[0]) as said:
        said.step("reading and measuring the documents")
        now[0] += 9.9
        said.beat()  # not yet 10 s
        now[0] += 0.1
        said.beat()
        now[0] += 5
        said.beat()  # 5 s since the last line
        said.step("drawing the figures", total=40)
        said.advance(12)
        now[0] += 75
        said.beat()
        now[0] += 1
    assert stream.getvalue().splitlines() == [
        "cobs report: reading and measuring the documents",
        "cobs report: reading and measuring the documents (10 s so far)",
        "cobs report: drawing the figures (40)",
        "cobs report: drawing the figures, 12 of 40 done (1 min 15 s so far)",
        "cobs report: done in 1 min 31 s",
    ]
    quiet = io.StringIO()
    with Progress(enabled=False, stream=quiet, ticking=False, clock=lambda: now[0]) as said:
        said.step("reading and measuring the documents")
        now[0] += 60
        said.beat()
    assert quiet.getvalue() == ""


def test_a_report_written_to_a_log_says_what_it_does_while_it_works(tmp_path, capsys, monkeypatch):
    """cobs report printed nothing for minutes where standard error is not a terminal (CI, nohup): now a line per
    step, and one every LOG_INTERVAL seconds (made short here) while a step lasts."""
    import sys
    import time

    import cobs.report._progress as progress_module
    import cobs.report._write as write_module
    from cobs.report import write_report

    monkeypatch.setattr(progress_module, "LOG_INTERVAL", 0.05)

    def slow_section(data):  # a step that lasts until the thread has said so (or 60 s): no timing is assumed
        deadline = time.monotonic() + 60
        while "section 2 of 2: slow (" not in sys.stderr.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)

    slow_section.__name__ = "slow_section"
    monkeypatch.setattr(write_module, "SECTIONS", [*write_module.SECTIONS[:1], slow_section])
    write_report([SEED], tmp_path / "report", n_jobs=1)
    lines = capsys.readouterr().err.splitlines()
    steps = [line for line in lines if "so far)" not in line]
    assert steps[:4] == ["cobs report: reading and measuring the documents", "cobs report: section 1 of 2: documents",
                         "cobs report: section 2 of 2: slow", "cobs report: writing the tables"]
    assert steps[4:6] == ["cobs report: drawing the figures (0)", "cobs report: writing the page"]
    assert steps[6].startswith("cobs report: done in ") and len(steps) == 7
    assert any(line.startswith("cobs report: section 2 of 2: slow (") for line in lines)
    capsys.readouterr()
    time.sleep(0.2)
    assert capsys.readouterr().err == ""  # the thread ended with the report
    monkeypatch.setattr(write_module, "SECTIONS", write_module.SECTIONS[:1])
    write_report([SEED], tmp_path / "report", n_jobs=1, progress=False)
    assert capsys.readouterr().err == ""


def test_the_report_modules_import_one_another_without_a_circle():
    """_groups imported its parts from _sections and _sections imported groups_section from _groups (at its end, to
    get past the circle): now both import the building blocks from _parts, and no module of cobs/report reaches
    itself through its imports (module level or inside functions)."""
    import ast

    folder = ROOT / "cobs" / "report"
    imports: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        name = "cobs.report" if path.stem == "__init__" else f"cobs.report.{path.stem}"
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cobs.report"):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("cobs.report"))
        imports[name] = found - {name}
    assert "cobs.report._parts" in imports and imports["cobs.report._parts"] == set()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for module in imports.get(start, ()):
            if module == goal or (module not in seen and reaches(module, goal, seen | {module})):
                return True
        return False

    assert [m for m in sorted(imports) if reaches(m, m, {m})] == []
    assert "cobs.report._sections" not in imports["cobs.report._groups"]


# scale (issue 20) ---------------------------------------------------------------------------------------------------

def test_the_page_embeds_each_figure_at_screen_resolution(tmp_path):
    """The page embedded the 200-dpi PNG file (160 kB of base64 a figure, 23 MB for 60 COs): now the image at the
    width it is shown (130 dpi), in 256 colours, and the file beside the page keeps every pixel."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure as MplFigure
    from PIL import Image

    from cobs.report._write import _PNG_DPI, _screen_png

    fig = MplFigure(figsize=(3.4, 2.6))
    ax = fig.subplots()
    ax.bar(["repeated", "modified", "new"], [12, 7, 30], color=["#0072B2", "#E69F00", "#009E73"])
    ax.set_title("Requested actions")
    path = tmp_path / "figure.png"
    fig.savefig(path, dpi=_PNG_DPI)
    shown, width = _screen_png(path)
    assert _screen_png(path) == (shown, width)  # the same bytes, run after run
    with Image.open(path) as full:
        assert width == round(full.width * 130 / 200) and full.width == 680
    with Image.open(__import__("io").BytesIO(shown)) as small:
        assert small.size == (442, 338) and small.mode == "P"
        colours = {rgb for _, rgb in small.convert("RGB").getcolors(4096)}
    for colour in [(255, 255, 255), (0, 114, 178), (230, 159, 0), (0, 158, 115)]:  # the ground, the bars' colours
        assert min(max(abs(a - b) for a, b in zip(colour, c, strict=True)) for c in colours) <= 3, colour
    assert (255, 255, 255) in colours  # white, not the quantiser's (254, 254, 254): no grey box on the page
    assert len(shown) < path.stat().st_size / 3


def test_a_section_of_many_documents_folds_each_one():
    """A report of 100 COs showed 100 profiles, 100 group figures and every pair of cycles open, one after the
    other: over FOLDED_OVER subsections, each is folded under its title (its anchor still on the section)."""
    from cobs.report._html import FOLDED_OVER, _section_html
    from cobs.report._parts import Section, Text

    def section(n):
        return Section("profiles", "Document profiles", [], [
            Section(f"doc-{k}", f"CRPD/C/X{k}/CO/1", [Text(f"<p>document {k}</p>")]) for k in range(n)])

    few, many = _section_html(section(FOLDED_OVER), {}, 2, {}), _section_html(section(FOLDED_OVER + 1), {}, 2, {})
    assert "<details" not in few and few.count('<section id="doc-') == FOLDED_OVER
    assert many.count('<details class="part"><summary><h3>') == FOLDED_OVER + 1
    assert ('<section id="doc-3"><details class="part"><summary><h3>CRPD/C/X3/CO/1</h3></summary>\n'
            "<p>document 3</p>\n</details></section>") in many
    assert many.count("<section") == many.count("</section>") and many.count("<details") == many.count("</details>")


def test_the_images_of_a_folded_part_load_when_it_is_opened():
    from cobs.report._html import FOLDED_OVER, DrawnFigure, _section_html
    from cobs.report._parts import Figure, Section

    figures = [Figure(f"profile-{k}", f"document {k}", "theme_profile", pd.DataFrame()) for k in range(20)]
    drawn = {f.name: DrawnFigure(f, k, b"png", 400, [f"figures/{f.name}.pdf"], pd.DataFrame(), "x.csv")
             for k, f in enumerate(figures)}

    def section(n):
        return Section("profiles", "Document profiles", [],
                       [Section(f"doc-{k}", str(k), [figures[k]]) for k in range(n)])

    assert 'loading="lazy"' not in _section_html(section(FOLDED_OVER), drawn, 2, {})  # shown open: loaded at once
    assert _section_html(section(FOLDED_OVER + 1), drawn, 2, {}).count('<img src="data:image/png;base64,cG5n" '
                                                                      'width="400" loading="lazy" alt=') == 13


def test_verbose_progress_says_how_long_each_step_took():
    import io

    from cobs.report._progress import Progress

    now = [0.0]
    stream = io.StringIO()
    with Progress(stream=stream, ticking=False, timings=True, clock=lambda: now[0]) as said:
        said.step("reading and measuring the documents")
        now[0] += 4.25
        said.step("section 1 of 7: documents")
        now[0] += 61
    assert stream.getvalue().splitlines() == [
        "cobs report: reading and measuring the documents",
        "cobs report: reading and measuring the documents took 4.2 s",
        "cobs report: section 1 of 7: documents",
        "cobs report: section 1 of 7: documents took 61.0 s",
        "cobs report: done in 1 min 05 s",
    ]


@pytest.mark.slow
def test_the_sections_give_each_function_only_the_cos_it_compares():
    """change() measured the committee's every CO for every pair of cycles, and each CO's groups figure carried (to
    a worker) every action of its committee: given only the COs within their windows, the results are the same."""
    import cobs.compare
    import cobs.plot
    from cobs.report import bundled_corpus, load
    from cobs.report._sections import _change_parts, cycle_pairs

    data = load([bundled_corpus()])
    earlier, later = cycle_pairs(data)[0]
    state = data.documents.set_index("symbol").loc[later, "state"]
    whole = cobs.compare.change(data.paragraphs, state, committee="CRPD", symbols=[earlier, later], window=1,
                                random_state=0).to_frame()
    _, shown = _change_parts(data, earlier, later)
    pd.testing.assert_frame_equal(shown, whole)
    figure = next(f for f in _figures(data) if f.name == "groups-documents")
    assert figure.table.shape[1] < data.actions.shape[1]  # the columns the figure reads
    import matplotlib.pyplot as plt

    ax, narrow = figure.draw()
    plt.close(ax.figure)
    ax, wide = cobs.plot.groups(data.actions, **figure.options, return_data=True)
    plt.close(ax.figure)
    pd.testing.assert_frame_equal(narrow, wide)


def _figures(data):
    from cobs.report._groups import groups_section
    from cobs.report._parts import Figure
    from cobs.report._write import _parts

    return _parts([groups_section(data)], Figure)
