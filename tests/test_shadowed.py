"""A folder named cobs beside a script (a clone seen from its parent folder) is not taken for the package."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

import cobs

PACKAGE = Path(cobs.__file__).resolve().parent

# What an import hook on sys.meta_path does, as setuptools' editable installs of a flat layout did for cobs before
# pyproject.toml's package-dir: cobs and its submodules from the package folder, asked only after sys.path has been
# searched. The clone's folder is taken off sys.path, so that the hook is the one way to the package.
HOOKED_INSTALL = textwrap.dedent(
    """
    import importlib.machinery, json, sys
    from pathlib import Path

    PACKAGE = Path(sys.argv[1])
    sys.path[:] = [p for p in sys.path if not (Path(p or ".") / "cobs" / "__init__.py").is_file()]

    class Hook:
        @staticmethod
        def find_spec(name, path=None, target=None):
            parts = name.split(".")
            if parts[0] != "cobs":
                return None
            folder = PACKAGE.joinpath(*parts[1:-1]) if len(parts) > 1 else PACKAGE.parent
            return importlib.machinery.PathFinder.find_spec(name, [str(folder)])

    sys.meta_path.append(Hook)
    outcome = {}
    for name in sys.argv[2:]:
        for loaded in [loaded for loaded in sys.modules if loaded.startswith("cobs.")]:
            del sys.modules[loaded]  # each import as the first of a script
        try:
            __import__(name)
            outcome[name] = ["imported", ""]
        except BaseException as error:
            outcome[name] = [type(error).__name__, str(error)]
    print(json.dumps(outcome))
    """
)


def clone_like(folder: Path) -> Path:
    """A folder named cobs holding what a clone's top level holds (no __init__.py)."""
    clone = folder / "cobs"
    (clone / "cobs").mkdir(parents=True)
    (clone / "README.md").write_text("# cobs\n", encoding="utf-8")
    (clone / "pyproject.toml").write_text("[project]\nname = 'cobs'\n", encoding="utf-8")
    (clone / "tests").mkdir()
    return clone


def submodules() -> list[str]:
    """Every module of the package, by name ('cobs.plot', 'cobs.reference._tables', ...), but __main__."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1 and parts[-1] != "__main__":
            names.append(".".join(parts))
    return names


def test_every_submodule_imported_under_a_folder_named_cobs_says_which_folder_and_what_to_do(tmp_path):
    # `import cobs.plot` from a script beside a clone ended in FileNotFoundError: .../cobs/data/committees.csv
    # (and `import cobs.errors` in an empty module): each submodule now ends in one ImportError saying so.
    clone = clone_like(tmp_path)
    script = tmp_path / "analysis.py"
    script.write_text(HOOKED_INSTALL, encoding="utf-8")
    names = submodules()
    assert {"cobs.plot", "cobs.errors", "cobs.columns", "cobs.cache", "cobs.reference._tables"} <= set(names)
    run = subprocess.run(
        [sys.executable, str(script), str(PACKAGE), *names], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout)
    wrong = {name: result for name, result in outcome.items() if result[0] != "ImportError"}
    assert not wrong
    for name, (_, message) in outcome.items():
        assert f"Python found the folder {clone} " in message, name
        assert f"before the installed package {PACKAGE}," in message, name
        assert "move the script or notebook to another folder" in message
        assert f"or rename {clone}." in message


def test_a_script_beside_a_folder_named_cobs_imports_the_package_from_cobs_install(tmp_path):
    # cobs's own editable install (make, pip install -e .) puts the clone's folder on sys.path, where a regular
    # package is found whatever folder named cobs comes first; setuptools' default hook for a flat layout lost to it.
    # (the clone's cobs.egg-info, on sys.path too, has no direct_url.json: the installed dist-info has)
    urls = [json.loads(d.read_text("direct_url.json") or "{}") for d in metadata.distributions(name="cobs")]
    if not any(
        url.get("dir_info", {}).get("editable") and Path(url["url"].removeprefix("file://")) == PACKAGE.parent
        for url in urls
    ):
        pytest.skip(f"cobs is not installed in editable mode from {PACKAGE.parent} (`make .venv/bin/cobs` does that)")
    clone_like(tmp_path)
    script = tmp_path / "analysis.py"
    script.write_text("import cobs\nprint(cobs.__file__)\nprint(cobs.read_document.__module__)\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, (
        f"{run.stderr}\n(an install made before pyproject.toml's package-dir: `make .venv/bin/cobs` installs again)"
    )
    assert run.stdout.split() == [str(PACKAGE / "__init__.py"), "cobs.document"]
