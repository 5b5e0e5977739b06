"""Every figure and table cobs writes says what made it (cobs version, parameters), read back by standard readers."""

import hashlib
import json
import re
import xml.etree.ElementTree as ET

import matplotlib
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SEED
from PIL import Image

import cobs
import cobs.plot
from cobs.cli import main
from cobs.provenance import read_provenance, sidecar_path

matplotlib.use("Agg")

ACTIONS = pd.DataFrame({
    "symbol": ["CRC/C/KAZ/CO/4"] * 3,
    "cluster_id": ["CRC-5", "CRC-5", "CRC-9"],
    "strength": pd.Categorical(["urges", "recommends", "urges"], categories=list(cobs.columns.STRENGTHS),
                               ordered=True),
    "ref": ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)", "CRC/C/KAZ/CO/4, para. 61"],
})


def test_savefig_records_the_version_the_calls_and_the_parameters_in_each_format(tmp_path):
    with cobs.plot.style("paper"):
        ax = cobs.plot.mix(ACTIONS, of="strength", by="cluster_id")
        pdf, svg, png = cobs.plot.savefig(ax, tmp_path / "mix", parameters={"source": "CRC/C/KAZ/CO/4", "seed": 1})
    expected = {"cobs_version": cobs.__version__,
                "made_by": "cobs.plot.mix(<table of 3 rows>, by='cluster_id', of='strength')",
                "parameters": {"source": "CRC/C/KAZ/CO/4", "seed": 1}}
    assert [read_provenance(p) for p in (pdf, svg, png)] == [expected] * 3
    # where each format's own readers find it, not only cobs's reader
    pypdf = pytest.importorskip("pypdf")
    info = pypdf.PdfReader(pdf).metadata
    assert info["/Creator"] == f"cobs {cobs.__version__}" and json.loads(info["/Subject"]) == expected
    with Image.open(png) as image:
        assert image.text["Software"] == f"cobs {cobs.__version__}"
        assert json.loads(image.text["Description"]) == expected
    dc = "{http://purl.org/dc/elements/1.1/}"
    tree = ET.parse(svg)
    assert json.loads(tree.find(f".//{dc}description").text) == expected
    assert tree.find(f".//{dc}creator").findtext(f".//{dc}title") == f"cobs {cobs.__version__}"
    # the same figure and parameters: the same bytes
    with cobs.plot.style("paper"):
        again = cobs.plot.savefig(ax, tmp_path / "again" / "mix", parameters={"source": "CRC/C/KAZ/CO/4", "seed": 1})
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in (pdf, svg, png)]


def test_a_figure_not_drawn_by_cobs_plot_says_so(tmp_path):
    from matplotlib.figure import Figure

    fig = Figure()
    fig.subplots().plot([1, 2, 3])
    (png,) = cobs.plot.savefig(fig, tmp_path / "line.png")
    assert read_provenance(png)["made_by"] == "a matplotlib figure (not drawn by cobs.plot)"


def test_the_command_line_writes_a_sidecar_beside_csv_and_json_and_metadata_into_parquet(tmp_path):
    for ending in ("csv", "json", "parquet"):
        out = tmp_path / f"paragraphs.{ending}"
        assert main(["parse", str(SEED), "-o", str(out)]) == 0
        record = read_provenance(out)
        assert record["cobs_version"] == cobs.__version__ and record["made_by"] == "cobs parse"
        assert record["parameters"] == {"format": ending, "paths": [str(SEED)]}
        if ending == "parquet":
            assert json.loads(pq.read_schema(out).metadata[b"cobs"]) == record
            assert not sidecar_path(out).exists()
            assert len(cobs.read_table(out)) == 121 and len(pd.read_parquet(out)) == 121
        else:
            assert record["file"] == out.name and record["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        assert main(["parse", str(SEED), "-o", str(out)]) == 0  # again: the same bytes
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    # the CSV itself is a plain CSV: its first line is the header, as every reader expects
    assert (tmp_path / "paragraphs.csv").read_text(encoding="utf-8").startswith("symbol,committee,state,")
    assert len(pd.read_csv(tmp_path / "paragraphs.csv")) == 121
    topics = tmp_path / "topics.csv"
    folder = SEED.parent
    assert main(["topics", str(folder / "CRPD_C_AZE_CO_1.pdf"), str(folder / "CRPD_C_NZL_CO_1.pdf"),
                 str(folder / "CRPD_C_ARM_CO_1.pdf"), "--k", "3", "--random-state", "2", "-o", str(topics)]) == 0
    assert read_provenance(topics)["parameters"]["k"] == 3
    assert read_provenance(topics)["parameters"]["random_state"] == 2
    assert read_provenance(topics)["made_by"] == "cobs topics"


def test_read_provenance_of_a_file_without_one(tmp_path):
    plain = tmp_path / "plain.csv"
    pd.DataFrame({"a": [1]}).to_csv(plain, index=False)
    assert read_provenance(plain) is None
    parquet = tmp_path / "plain.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(parquet)
    assert read_provenance(parquet) is None
    with pytest.raises(FileNotFoundError, match="nowhere.csv: no such file"):
        read_provenance(tmp_path / "nowhere.csv")
    assert re.fullmatch(r".*plain\.csv\.json", str(sidecar_path(plain)))
