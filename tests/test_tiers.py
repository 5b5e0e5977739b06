"""The two tiers of the test suite: pytest -m "not real_data" (fast, no ../shared) and the full run."""

import pytest
from conftest import shared_path


def test_a_test_not_marked_real_data_cannot_read_the_shared_documents():
    with pytest.raises(RuntimeError, match=r"test_tiers\.py::test_a_test_not_marked_real_data.* mark it "
                                           r"@pytest\.mark\.real_data"):
        shared_path("crpd-dashboard-pdfs")


@pytest.mark.real_data
def test_a_test_marked_real_data_can():
    assert shared_path("crpd-dashboard-pdfs").is_dir()
