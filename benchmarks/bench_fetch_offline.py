"""How long fetch and fetch_chain take to say they cannot download, offline.

Usage: python benchmarks/bench_fetch_offline.py

Offline is imitated with host names that never resolve (the reserved ``.invalid``
domain, RFC 2606), set through COBS_ODS_URL and COBS_OHCHR_URL: every request
fails at once with "host not found", as without a network. Nothing is sent
anywhere. The cache is an empty temporary folder; fetch_chain("KAZ", "CRC") finds
CRC/C/KAZ/CO/4 at hand (the bundled corpus, or the package's sample) and tries
the two others. Measured on the development machine (2 cores): fetch 15.95 s and
fetch_chain 47.64 s before failing fast (4 attempts per source and symbol, 7 s of
back-off each), 0.40 s and 0.51 s after.
"""

from __future__ import annotations

import os
import tempfile
import time

import cobs


def main() -> None:
    os.environ["COBS_ODS_URL"] = "https://documents.un.invalid/api/symbol/access"
    os.environ["COBS_OHCHR_URL"] = "https://tbinternet.ohchr.invalid/Download.aspx"
    with tempfile.TemporaryDirectory() as home:
        for name, call in (("fetch('CRC/C/KAZ/CO/4')", lambda: cobs.fetch("CRC/C/KAZ/CO/4", data_home=home)),
                           ("fetch_chain('KAZ', 'CRC')", lambda: cobs.fetch_chain("KAZ", "CRC", data_home=home))):
            started = time.perf_counter()
            try:
                call()
                outcome = "downloaded?"
            except cobs.errors.FetchError as exc:
                outcome = f"FetchError: {str(exc)[:90]}..."
            print(f"{name:28} {time.perf_counter() - started:6.2f} s  {outcome}")


if __name__ == "__main__":
    main()
