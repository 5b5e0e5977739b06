"""The registry of known COs: cobs/data/registry.csv, checked against the documents it was read from."""

import datetime
import re
import shutil

import pandas as pd
import pytest
from conftest import CRPD_PDFS, shared_path

import cobs
from cobs.read._identify import identify
from cobs.sources._registry import REGISTRY_PATH


def _script():
    """scripts/build_registry.py, the rebuild (not part of the package)."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_registry", ROOT / "scripts" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _script()
CITATIONS_PATH, ROOT, _Row, build_registry = build.CITATIONS_PATH, build.ROOT, build._Row, build.build_registry


@pytest.fixture(scope="module")
def table():
    return cobs.registry()


def _date(text):
    return pd.Timestamp(datetime.date.fromisoformat(text))


def test_columns_and_types(table):
    assert tuple(table.columns) == cobs.REGISTRY_COLUMNS
    assert str(table["date_adopted"].dtype).startswith("datetime64")
    assert str(table["year"].dtype) == "Int64"
    assert table["symbol"].is_unique
    assert (table["source"].str.len() > 0).all()


def test_every_row_is_a_co_and_agrees_with_its_symbol(table):
    for row in table.itertuples():
        parsed = cobs.parse_symbol(row.symbol)
        assert parsed.is_co, row.symbol
        assert (row.committee, row.state, row.cycle) == (parsed.committee, parsed.state, parsed.cycle), row.symbol
        if pd.notna(row.date_adopted):
            assert row.year == row.date_adopted.year, row.symbol
        assert set(row.languages) <= {"ar", "zh", "en", "fr", "ru", "es"}, row.symbol


def test_kazakhstan_crc_chain(table):
    kaz = cobs.registry(state="KAZ", committee="CRC").set_index("symbol")
    assert kaz.loc["CRC/C/15/Add.213", "year"] == 2003 and pd.isna(kaz.loc["CRC/C/15/Add.213", "date_adopted"])
    assert kaz.loc["CRC/C/15/Add.213", "cycle"] == "1"
    assert kaz.loc["CRC/C/KAZ/CO/3", "year"] == 2007 and pd.isna(kaz.loc["CRC/C/KAZ/CO/3", "date_adopted"])
    assert kaz.loc["CRC/C/KAZ/CO/4", "date_adopted"] == _date("2015-10-02")
    assert kaz.loc["CRC/C/OPAC/KAZ/CO/1", "date_adopted"] == _date("2006-09-29")
    assert "CRC/C/OPSC/KAZ/CO/1" in kaz.index
    assert "CRC/C/KAZ/CO/5-6" not in kaz.index  # not adopted yet (only its list of issues)


def test_kazakhstan_other_treaty_bodies(table):
    kaz = cobs.registry(state="Kazakhstan").set_index("symbol")
    assert {"CEDAW/C/KAZ/CO/5", "CCPR/C/KAZ/CO/2", "E/C.12/KAZ/CO/2", "CRPD/C/KAZ/CO/1"} <= set(kaz.index)
    crpd = kaz.loc["CRPD/C/KAZ/CO/1"]
    assert (crpd["date_adopted"], crpd["year"], crpd["languages"]) == (_date("2024-03-19"), 2024, ["ar", "en"])
    assert "Arabic version" in crpd["source"]
    # known only from documents that cite them: no date is invented
    assert kaz.loc[["CEDAW/C/KAZ/CO/5", "CCPR/C/KAZ/CO/2", "E/C.12/KAZ/CO/2"], "date_adopted"].isna().all()


def test_dates_a_document_contradicts_are_left_empty(table):
    rows = table.set_index("symbol")
    for symbol, year in [("CRPD/C/CRI/CO/2-3", 2024), ("CRPD/C/LAO/CO/1", 2022)]:
        assert pd.isna(rows.loc[symbol, "date_adopted"]) and rows.loc[symbol, "year"] == year
        assert "outside the session" in rows.loc[symbol, "source"]
    # "adopted ... at its 139th meeting": no date printed, the year is the session's
    assert pd.isna(rows.loc["CRPD/C/AZE/CO/1", "date_adopted"]) and rows.loc["CRPD/C/AZE/CO/1", "year"] == 2014


def test_filters_accept_names_and_codes_and_validate():
    assert cobs.registry(state="Türkiye").equals(cobs.registry(state="TUR"))
    assert cobs.registry(committee="Committee on the Rights of Persons with Disabilities").equals(
        cobs.registry(committee="crpd"))
    assert len(cobs.registry(state="KAZ", committee="CAT")) == 0
    with pytest.raises(ValueError, match=r"state must be .*, got 'Kazakstan'; did you mean 'Kazakhstan'\?"):
        cobs.registry(state="Kazakstan")
    with pytest.raises(ValueError, match="committee must be a treaty body cobs knows .*, got 'CRD'"):
        cobs.registry(committee="CRD")
    with pytest.raises(TypeError, match="state must be a str"):
        cobs.registry(state=["KAZ"])


def test_the_csv_is_written_by_the_builder():
    text = REGISTRY_PATH.read_text(encoding="utf-8")
    assert text.startswith(",".join(cobs.REGISTRY_COLUMNS) + "\n") and "\r" not in text


def test_rows_disagreeing_are_refused():
    row = _Row("CRC/C/KAZ/CO/4")
    row.set_date(datetime.date(2015, 10, 2), "a")
    with pytest.raises(ValueError, match="sources disagree"):
        row.set_date(datetime.date(2015, 10, 3), "b")
    with pytest.raises(ValueError, match="sources disagree"):
        row.set_year(2016, "c")


# --- against the documents (../shared) -----------------------------------------------------------


@pytest.fixture(scope="module")
def rebuilt():
    shared_path("crpd-dashboard-pdfs", "concluding_observations")
    return build_registry()


@pytest.mark.real_data
def test_a_rebuild_gives_the_committed_csv(rebuilt):
    assert rebuilt.to_csv(index=False, lineterminator="\n") == REGISTRY_PATH.read_text(encoding="utf-8")


@pytest.mark.real_data
def test_every_co_among_the_crpd_pdfs_is_registered_and_nothing_else(rebuilt, table):
    registered = set(table["symbol"])
    left_out = {re.search(r"concluding_observations/(.+?): ", line).group(1) for line in rebuilt.attrs["skipped"]}
    assert left_out == {p.name for p in CRPD_PDFS.glob("*.pdf") if "_FCO_" in p.name or "_Add." in p.name}
    for path in sorted(CRPD_PDFS.glob("*.pdf")):
        if path.name in left_out:
            continue
        symbol = identify(path).symbol
        assert symbol in registered, path.name
        # the file name is the scraper's; the printed symbol agrees with it here
        assert symbol.replace("/", "_") in path.name, path.name
        assert path.name in table.set_index("symbol").loc[symbol, "source"]


@pytest.mark.real_data
def test_registered_dates_are_those_printed(table):
    rows = table.set_index("symbol")
    folder = ("crpd-dashboard-pdfs", "concluding_observations")
    spain = rows.loc["CRPD/C/ESP/CO/1"]
    assert spain["date_adopted"] == _date("2011-09-23")
    assert cobs.read_document(shared_path(*folder, "Spain_UnknownYear_CRPD_C_ESP_CO_1.pdf")).meta.date == datetime.date(
        2011, 9, 23)
    # "At its 166th meeting, held on 1 October 2014, the Committee adopted ..."
    assert rows.loc["CRPD/C/BEL/CO/1", "date_adopted"] == _date("2014-10-01")
    greece = rows.loc["CRPD/C/GRC/CO/1"]  # the Spanish version
    assert (greece["date_adopted"], greece["languages"]) == (_date("2019-09-18"), ["en", "es"])


@pytest.mark.real_data
def test_a_citation_not_found_in_its_document_stops_the_build(tmp_path):
    shared = shared_path("crpd-dashboard-pdfs").parents[1]
    root = tmp_path / "project"
    (root / "corpus").mkdir(parents=True)
    (root / "cobs" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt", root / "corpus")
    shutil.copy(ROOT / "cobs" / "data" / "legacy_symbols.csv", root / "cobs" / "data")
    text = CITATIONS_PATH.read_text(encoding="utf-8").replace("29 September 2006", "30 September 2006")
    (root / "corpus" / "registry_citations.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="does not say .*30 September 2006"):
        build_registry(shared=shared, root=root)


def test_the_rebuild_lives_in_scripts_not_in_the_package():
    import cobs.sources._registry as package

    assert not hasattr(package, "build_registry") and not hasattr(package, "main")
    assert not hasattr(package, "ROOT")  # no path outside the installed package
    assert build.REGISTRY_PATH == package.REGISTRY_PATH
