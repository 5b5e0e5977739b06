"""The sample document shipped in the package (cobs.datasets.load_sample)."""

import hashlib

import pandas as pd
from conftest import SEED

import cobs


def test_the_packaged_sample_is_the_corpus_seed():
    packaged = cobs.datasets.sample_path()
    assert packaged.read_bytes() == SEED.read_bytes()
    manifest = pd.read_csv(SEED.parent / "manifest.csv").set_index("file")
    assert hashlib.sha256(packaged.read_bytes()).hexdigest() == manifest.loc[SEED.name, "sha256"]


def test_load_sample_reads_a_fresh_document_each_time():
    first, second = cobs.datasets.load_sample(), cobs.datasets.load_sample()
    assert first.meta.symbol == cobs.datasets.SAMPLE_SYMBOL == "CRC/C/KAZ/CO/4"
    first.paragraphs.loc[0, "text"] = "changed"
    assert second.paragraphs.loc[0, "text"].startswith("1. The Committee considered")
