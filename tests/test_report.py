"""cobs report on the bundled corpus: page, figures and tables, the same bytes run after run, a browser's view."""

import hashlib
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
    for symbol in symbols:
        stem = "profile-" + symbol.replace("/", "_")
        assert {f"{stem}.pdf", f"{stem}.svg", f"{stem}.png", f"{stem}-data.csv", f"{stem}-data.parquet"} <= names
    for stem in ("states-strength", "states-action-category", "states-themes", "states-citations",
                 "topics-prevalence"):
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
    data = pd.read_csv(report.folder / "figures" / "profile-CRC_C_KAZ_CO_4-data.csv")
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
        assert (folder / "figures" / f"cycles-{later}.pdf").is_file()
        assert (folder / "figures" / f"cycles-{later}-style.pdf").is_file()
        assert (folder / "tables" / f"cycles-{later}-links.parquet").is_file()
    assert len(list((folder / "figures").glob("cycles-*.pdf"))) == 4
    links = pd.read_csv(folder / "tables" / "cycles-CRPD_C_AZE_CO_2-3-links.csv")
    # CRPD/C/AZE/CO/2-3 cites CO/1 paras 13, 23, 27 and 29 in its footnotes (read in the PDF): hard links
    assert sorted(links.loc[links["evidence"] == "citation", "earlier_ref"]) == [
        f"CRPD/C/AZE/CO/1, para. {n}" for n in (13, 23, 27, 29)]
    assert set(links["status"]) == {"repeated", "modified", "new", "dropped"}
    # the figure counts each row of the link table once, by its status, and cites it
    drawn = pd.read_csv(folder / "figures" / "cycles-CRPD_C_AZE_CO_2-3-data.csv")
    status = drawn[drawn["dimension"] == "status"]
    assert status.groupby("category")["count"].sum().to_dict() == links["status"].value_counts().to_dict()
    new = status[(status["category"] == "new") & (status["count"] > 0)]
    assert sorted(new["refs"].str.split("; ").sum()) == sorted(links.loc[links["status"] == "new", "later_ref"])
    # against the committee's style: Azerbaijan's CO/1 urges in 7 paragraphs, CO/2-3 in none (read in the PDFs)
    style = pd.read_parquet(folder / "figures" / "cycles-CRPD_C_AZE_CO_2-3-style-data.parquet")
    assert list(dict.fromkeys(style["documents"])) == [
        "CRPD/C/AZE/CO/1 (2014)", "other CRPD COs of 2014-2015 (NZL, TKM)",
        "CRPD/C/AZE/CO/2-3 (2024)", "other CRPD COs of 2022-2024 (BLR, GEO, NZL)"]
    urged = style[style["category"] == "urges"].set_index("documents")
    refs = urged.loc["CRPD/C/AZE/CO/1 (2014)", "refs"]
    assert sorted({int(re.search(r"para\. (\d+)", r).group(1)) for r in refs}) == [13, 19, 25, 29, 37, 39, 45]
    assert urged.loc["CRPD/C/AZE/CO/2-3 (2024)", "count"] == 0
    sizes = report.data.actions.groupby("symbol").size()
    assert urged.loc["other CRPD COs of 2014-2015 (NZL, TKM)", "n"] == sizes["CRPD/C/NZL/CO/1"] + sizes[
        "CRPD/C/TKM/CO/1"]
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
    # a document is set against its committee's COs to other States: the CRPD's nine, not the CRC's only one
    assert keyness == {f"keyness-{s.replace('/', '_')}.csv" for s in crpd}
    georgia = pd.read_csv(folder / "tables" / "keyness-CRPD_C_GEO_CO_1.csv")
    assert "georgia" in set(georgia.loc[georgia["direction"] == "more in CRPD/C/GEO/CO/1", "term"])  # names its State
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
    drawn = pd.read_csv(folder / "figures" / "upr-CRC_C_KAZ_CO_4-data.csv")
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


@pytest.mark.slow
def test_groups_and_goals(report):
    folder, actions = report.folder, report.data.actions
    names = {p.name for p in (folder / "figures").iterdir()}
    for symbol in report.data.documents["symbol"]:
        assert f"groups-{symbol.replace('/', '_')}.png" in names
    # Azerbaijan's and New Zealand's two CRPD cycles; every document; the regions of the corpus's States
    assert {"goals-CRPD-AZE.png", "goals-CRPD-NZL.png", "goals-documents.png", "goals-regions.png"} <= names
    drawn = pd.read_parquet(folder / "figures" / "groups-CRPD_C_AZE_CO_2-3-data.parquet")
    aze = actions[actions["symbol"] == "CRPD/C/AZE/CO/2-3"]
    mine = drawn[drawn["side"] == "document"].set_index("category")
    women = aze["groups"].map(lambda g: "Women & girls" in g)
    assert mine.loc["Women & girls", "count"] == women.sum() and mine.loc["Women & girls", "n"] == len(aze)
    assert sorted(mine.loc["Women & girls", "refs"]) == sorted(aze.loc[women, "ref"])
    assert "Persons with disabilities" not in mine.index  # the CRPD's base group, on every action
    # the comparison: the CRPD's other COs in the corpus adopted 2023-2025 (none: only AZE's CO/2-3 is of 2024)
    regions = pd.read_csv(folder / "tables" / "groups-goals-regions.csv")
    kaz = regions.query("region == 'Asia-Pacific Group' and committee == 'CRC' and dimension == 'sdgs'")
    assert kaz["n"].unique().tolist() == [79]
    html = report.page.read_text(encoding="utf-8")
    assert '<section id="groups">' in html and "Groups and goals" in html


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


def test_numbers_in_tables_are_read_without_an_exponent_from_a_thousand_up():
    """A G2 of 1234.5 showed as '1.23e+03'; three significant figures below a thousand, as before."""
    from cobs.report._html import _cell

    assert _cell("g2", 1234.5) == '<td class="num">1,234</td>'
    assert _cell("g2", 26.04) == '<td class="num">26</td>' and _cell("log_ratio", 7.3461) == '<td class="num">7.35</td>'
