"""The scripts in examples/ run on the bundled corpus: the walk-through prints, the figure scripts write figures."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))
FIGURES = [p for p in EXAMPLES if p.name.startswith("figure_")]


@pytest.mark.slow
def test_walk_through_prints_what_the_crc_asked(capsys):
    runpy.run_path(str(Path(EXAMPLES[0]).with_name("kazakhstan_crc.py")), run_name="__main__")
    out = capsys.readouterr().out
    assert "CRC/C/KAZ/CO/4" in out and "Urged:" in out


@pytest.mark.slow
@pytest.mark.parametrize("script", FIGURES, ids=[p.name for p in FIGURES])
def test_figure_script_writes_its_figure(script, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = runpy.run_path(str(script), run_name="example")["main"](tmp_path)
    plt.close("all")
    figures = [p for p in written if p.suffix in (".pdf", ".svg", ".png")]
    assert sorted(p.suffix for p in figures) == [".pdf", ".png", ".svg"]
    assert len({p.stem for p in figures}) == 1 and all(p.parent == tmp_path for p in written)
    assert all(p.stat().st_size > 2000 for p in written)


def test_every_example_is_tested():
    assert {p.name for p in EXAMPLES} == {"kazakhstan_crc.py"} | {p.name for p in FIGURES}
