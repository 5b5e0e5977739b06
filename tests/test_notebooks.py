"""The notebooks run top to bottom on the bundled corpus, and are committed without outputs."""

import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def parameters_cell(notebook):
    tagged = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, "one cell tagged 'parameters' (the papermill convention)"
    return tagged[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stripped(path):
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    for cell in code:
        assert "sys.path" not in cell.source  # the notebook runs against the installed package
        # public names only: `import cobs` and `import cobs.plot` (a public subpackage), nothing private
        assert not re.search(r"\bfrom\s+cobs\b|\bimport\s+cobs\.(?!plot\b)|\bcobs(?:\.\w+)*\._", cell.source)
    assert notebook.cells[0].cell_type == "markdown"
    parameters_cell(notebook)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path):
    """Runs with papermill's convention: a cell after the parameters cell sets where it writes (here, tmp_path)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    at = parameters_cell(notebook)
    names = set(re.findall(r"^(FIGURES|OUTPUT)\s*=", notebook.cells[at].source, flags=re.MULTILINE))
    injected = "\n".join(f"{name} = {str(tmp_path / name.lower())!r}" for name in sorted(names))
    notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(f"# Injected parameters\n{injected}"))
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert not errors
    for cell in code:  # a cell that writes a figure shows it too
        if "cobs.plot.savefig(" in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source
    if path.name.startswith("07-"):
        check_claims(notebook, tmp_path / "output")
    if "FIGURES" in names:  # its figures, through cobs.plot.savefig: PDF, SVG and PNG of each
        written = sorted(p.name for p in (tmp_path / "figures").iterdir())
        stems = {name.rsplit(".", 1)[0] for name in written}
        assert stems and written == sorted(f"{stem}.{fmt}" for stem in stems for fmt in ("pdf", "png", "svg"))


def check_claims(notebook, output):
    """Notebook 07's "what a paper can say" is written from the change table it saves, not typed in by hand."""
    import pandas as pd

    said = [o["data"]["text/markdown"] for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
            if "text/markdown" in o.get("data", {})]
    assert len(said) == 1 and "**A paper can say**" in said[0] and "**A paper cannot say**" in said[0]
    change = pd.read_csv(output / "change.csv")
    documents = pd.read_csv(output / "change_documents.csv")
    strong = change[(change["measure"] == "strength_group") & (change["category"] == "strong")].iloc[0]
    repetition = change[change["measure"] == "repetition"].iloc[0]
    for row in (strong, repetition):  # the intervals of the sentences are the table's
        assert f"{row['difference']:+.3f} [{row['ci_low']:+.3f}, {row['ci_high']:+.3f}]" in said[0]
    # the number of the committee's COs on each side, as the documents table lists them
    sides = documents[documents["role"] == "committee"].groupby("window").size()
    assert f"({sides['earlier']} and {sides['later']} COs)" in said[0]
    tested = change["ci_low"].notna().sum()
    assert f"Of the {tested} measures tested" in said[0] or f"of {tested} measures pass" in said[0]


@pytest.mark.slow
def test_every_plotting_cell_shows_its_figure(monkeypatch):
    """Issue 15: after the first `with cobs.plot.style(...)` block of a notebook, no figure showed, styled or not.

    The inline backend turns interactive mode on when the first figure is drawn; style()'s rc_context put it back
    to False at the end of the block, and the inline backend shows no figure of a non-interactive session."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # Jupyter's own backend (the inline one), as a user gets it
    plots = [
        "with cobs.plot.style('paper'):\n    fig, ax = plt.subplots()\n    ax.plot([1, 2, 3])",
        "fig, ax = plt.subplots()\nax.plot([3, 2, 1])",
        "with cobs.plot.style('paper', columns=2):\n    ax = cobs.plot.mix(acts, of='strength', by='symbol')",
    ]
    setup = ("import matplotlib.pyplot as plt\nimport pandas as pd\nimport cobs.plot\n"
             "acts = pd.DataFrame({'symbol': ['A', 'A', 'B'], 'strength': pd.Categorical(['urges', 'recommends', "
             "'urges']), 'ref': ['A, para. 1', 'A, para. 2', 'B, para. 1']})")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in [setup, *plots]])
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    outputs = [cell.outputs for cell in notebook.cells]
    assert not [o for cell in outputs for o in cell if o.output_type == "error"]
    shown = [sum("image/png" in o.get("data", {}) for o in cell) for cell in outputs[1:]]
    assert shown == [1, 1, 1]
