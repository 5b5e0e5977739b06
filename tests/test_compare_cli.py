"""``cobs compare EARLIER LATER``: the link table on the command line."""

from __future__ import annotations

import json

import pandas as pd
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
