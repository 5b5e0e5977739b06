"""The two tiers of the test suite: pytest -m "not real_data" (fast, no ../shared) and the full run."""

import re

import pytest
from conftest import ROOT, shared_path


def test_a_test_not_marked_real_data_cannot_read_the_shared_documents():
    with pytest.raises(RuntimeError, match=r"test_tiers\.py::test_a_test_not_marked_real_data.* mark it "
                                           r"@pytest\.mark\.real_data"):
        shared_path("crpd-dashboard-pdfs")


@pytest.mark.real_data
def test_a_test_marked_real_data_can():
    assert shared_path("crpd-dashboard-pdfs").is_dir()


def test_the_fast_tier_leaves_out_markers_pytest_knows():
    """make test-fast selects with markers that pyproject registers (a misspelt one would select everything)."""
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    registered = {line.split(":", 1)[0] for line in
                  tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]}
    fast = re.search(r"^FAST := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE).group(1)
    left_out = re.findall(r"not (\w+)", fast)
    assert left_out == ["real_data", "slow"] and set(left_out) <= registered


def test_make_test_runs_the_doctests_on_their_own_then_the_tests():
    """A red doctest names itself in a step of its own (issue 15), and nothing pytest alone would run is left out."""
    import shutil
    import subprocess

    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True)
    runs = [line.split("-m pytest", 1)[1].split() for line in done.stdout.splitlines() if "-m pytest" in line]
    assert [run[0] for run in runs] == ["cobs", "tests"]  # the docstrings' examples first
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    assert sorted(run[0] for run in runs) == sorted(testpaths)
