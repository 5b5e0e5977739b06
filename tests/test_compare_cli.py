"""``cobs compare EARLIER LATER``: the link table on the command line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT

from cobs.cli import main

AZE_1 = str(ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf")
AZE_2 = str(ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf")


def test_compare_writes_the_link_table(tmp_path, capsys):
    out = tmp_path / "links.parquet"
    assert main(["compare", AZE_1, AZE_2, "-o", str(out)]) == 0
    links = pd.read_parquet(out)
    cited = links[links["evidence"] == "citation"]
    assert set(zip(cited["later_para"], cited["earlier_para"], strict=True)) == {(12, 13), (20, 23), (28, 27), (32, 29)}
    assert main(["compare", AZE_1, AZE_2, "--format", "json", "--unit", "item"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and "later_sub" in rows[0] and any(r["later_sub"] for r in rows if r["later_sub"])


def test_compare_reports_bad_input(tmp_path, capsys):
    assert main(["compare", AZE_1, str(tmp_path / "missing.pdf")]) == 2
    assert "later: no such file" in capsys.readouterr().err
    assert main(["compare", AZE_1, AZE_2, "-o", str(tmp_path / "links.xlsx")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


def test_compare_warns_in_one_line_when_the_later_co_comes_first(tmp_path, capsys):
    out = tmp_path / "links.csv"
    assert main(["compare", AZE_2, AZE_1, "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [line for line in err if line.startswith("cobs: compare: warning: ")] and len(err) == 1
    assert "was adopted after later" in err[0] and out.stat().st_size > 0


def test_change_writes_the_table_and_lists_the_cos_compared(tmp_path, capsys):
    out = tmp_path / "change.csv"
    corpus = str(ROOT / "corpus")
    assert main(["change", corpus, "--state", "AZE", "--measures", "strength_group", "time_bound", "-o",
                 str(out)]) == 0
    table = pd.read_csv(out)
    assert table["measure"].tolist() == ["strength_group"] * 3 + ["time_bound"]
    assert (table["earlier_symbol"] == "CRPD/C/AZE/CO/1").all() and (table["n_later"] == 2).all()
    err = capsys.readouterr().err
    assert ("step 1: CRPD/C/AZE/CO/1 -> CRPD/C/AZE/CO/2-3; the committee's other COs: CRPD/C/NZL/CO/1, "
            "CRPD/C/TKM/CO/1 | CRPD/C/GEO/CO/1, CRPD/C/BLR/CO/1") in err


def test_change_says_what_is_wrong_in_one_line(tmp_path, capsys):
    corpus = str(ROOT / "corpus")
    for args, said in ((["--state", "XXX"], "state must be a State of the table, got 'XXX'"),
                       (["--state", "KAZ"], "KAZ has 1 CO(s) from CRC")):
        assert main(["change", corpus, *args, "-o", str(tmp_path / "out.csv")]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("cobs: change: ") and said in err[0]
        assert not (tmp_path / "out.csv").exists()
    with pytest.raises(SystemExit) as stopped:  # an option: said before the corpus is read (test_cli.py: all of them)
        main(["change", corpus, "--state", "AZE", "--window", "-1", "-o", str(tmp_path / "out.csv")])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("cobs: change: argument --window: the number of years must be an int "
                                              ">= 0, got '-1'")
    assert not (tmp_path / "out.csv").exists()
