"""A folder named ``cobs`` that Python took for the package: found at import, with what to do.

Python looks for ``import cobs`` first in the script's folder (or the working directory, in a notebook or
``python -c``). A folder there named ``cobs`` without an ``__init__.py``, such as a clone of cobs's repository, is
a namespace package; an install that finds cobs through an import hook on ``sys.meta_path`` (what setuptools'
editable installs of a flat layout are, unless told otherwise as cobs's pyproject.toml does) is asked only after
that search, so the empty folder wins: ``import cobs`` gives a module without any of cobs's names, and
``import cobs.plot`` loads the real submodules under it, which then look for their data files in the empty folder
(``FileNotFoundError: .../cobs/data/committees.csv``). A regular package (an ordinary install, or cobs's own
editable install, which puts the clone's folder on ``sys.path``) is found whatever folder precedes it, and this
check passes silently.

cobs's own ``__init__`` does not run in that case; the modules imported first by every submodule (``cobs.errors``,
``cobs.cache``, ``cobs.columns``) call :func:`check_package` when imported, so that ``import cobs.<anything>`` ends
with one :class:`ImportError` naming the folder and the fix instead. ``import cobs`` alone runs no code of cobs's
and cannot be checked: ``cobs.read_document`` is then an ``AttributeError`` of the empty module.
"""

from __future__ import annotations

import sys
from pathlib import Path


def check_package() -> None:
    """Raise :class:`ImportError` when the module ``cobs`` is a namespace package, not this one.

    Raises
    ------
    ImportError
        When ``sys.modules["cobs"]`` is a folder without an ``__init__.py``, naming that folder, the installed
        package and what to do.
    """
    package = sys.modules.get("cobs")
    if package is None or getattr(package, "__file__", None) is not None:
        return
    folders = [str(folder) for folder in getattr(package, "__path__", [])]
    shadow = folders[0] if folders else "a folder named 'cobs'"
    installed = Path(__file__).resolve().parent
    raise ImportError(
        f"cobs cannot be imported: Python found the folder {shadow} (named 'cobs', without an __init__.py: a clone "
        f"of cobs's repository or another folder of that name) before the installed package {installed}, and took "
        "that folder for cobs. Python looks first in the folder of the script or notebook (or the working "
        f"directory): move the script or notebook to another folder (a clone's notebooks/ will do), start Python "
        f"elsewhere, or rename {shadow}. Or install cobs again from its clone (`make`, or `pip install -e CLONE`): "
        "that install puts the clone's folder on sys.path, where no other folder named 'cobs' hides it.",
        name="cobs",
        path=shadow if folders else None,
    )


check_package()
