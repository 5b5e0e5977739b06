"""CITATION.cff: a valid Citation File Format 1.2.0 file, of the version pyproject.toml gives."""

import json

import pytest
from conftest import ROOT

import cobs

yaml = pytest.importorskip("yaml", reason="PyYAML reads CITATION.cff (pinned in requirements.lock)")
jsonschema = pytest.importorskip("jsonschema", reason="jsonschema validates it (pinned, through nbformat)")
tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

SCHEMA = json.loads((ROOT / "tests" / "data" / "cff-1.2.0-schema.json").read_text(encoding="utf-8"))


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    record = citation()
    assert record["cff-version"] == "1.2.0"
    jsonschema.Draft7Validator(SCHEMA).validate(record)
    # the schema does reject what is not CFF (the test can fail)
    with pytest.raises(jsonschema.ValidationError, match="'authors' is a required property"):
        jsonschema.Draft7Validator(SCHEMA).validate({k: v for k, v in record.items() if k != "authors"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate({**record, "licence": "BSD"})


def test_citation_cff_names_the_version_and_licence_of_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    record = citation()
    assert record["version"] == project["version"] == cobs.__version__
    assert record["license"] == project["license"]["text"]
    assert record["type"] == "software" and record["title"].startswith("cobs: ")
