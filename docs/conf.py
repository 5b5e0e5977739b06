"""Sphinx configuration of cobs's reference site: ``make docs`` builds it into docs/_build/html, offline.

The guide pages include the README's sections (one text for both), the API pages are
generated from the numpydoc docstrings (autosummary), the column definitions from
``cobs.columns`` (written to ``_generated/columns.rst`` at each build) and the gallery
shows the figures of ``examples/``. No intersphinx: nothing is fetched at build time.
"""

from __future__ import annotations

import re
from pathlib import Path

import cobs
import cobs.columns

project = "cobs"
author = "cobs developers"
copyright = "cobs developers"
release = version = cobs.__version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.autosummary", "numpydoc", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
autosummary_generate = True
templates_path = ["_templates"]
autosummary_imported_members = True
autodoc_default_options = {  # scikit-learn's metadata-routing setters are generated on every estimator class
    "members": True, "inherited-members": False,
    "exclude-members": "set_fit_request, set_transform_request, set_predict_request, set_score_request",
}
autodoc_typehints = "none"  # the numpydoc sections say the types; signatures stay short
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
myst_heading_anchors = 3
suppress_warnings = [
    "myst.xref_missing",  # the README links files of the repository, not pages of this site
    "myst.header",  # a README section starts at its own level (###) under the page title
]
html_theme = "alabaster"
html_title = f"cobs {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_last_updated_fmt = None  # the same site from the same sources: no build date in the pages


def _columns_page() -> str:
    """The column definitions of cobs.columns as one reStructuredText page, a table per table cobs returns."""
    lines = ["Columns", "=======", "", ".. automodule:: cobs.columns", "   :no-members:", ""]
    for name in sorted(n for n in dir(cobs.columns) if n.endswith("_COLUMNS")):
        columns = getattr(cobs.columns, name)
        if not isinstance(columns, dict):
            continue
        lines += [name, "-" * len(name), "", f"``cobs.columns.{name}``", "",
                  ".. list-table::", "   :header-rows: 1", "   :widths: 20 80", "",
                  "   * - column", "     - meaning"]
        for column, meaning in columns.items():
            text = re.sub(r"(\w)_(?=\W|$)", r"\1\\_", " ".join(str(meaning).split()))  # topics_: not a link
            lines += [f"   * - ``{column}``", f"     - {text}"]
        lines.append("")
    return "\n".join(lines) + "\n"


def _write_generated(app: object) -> None:
    folder = Path(__file__).parent / "_generated"
    folder.mkdir(exist_ok=True)
    page = _columns_page()
    target = folder / "columns.rst"
    if not target.exists() or target.read_text(encoding="utf-8") != page:  # unchanged: not rebuilt
        target.write_text(page, encoding="utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _write_generated)  # type: ignore[attr-defined]
