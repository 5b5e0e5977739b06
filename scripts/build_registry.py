"""Rebuild cobs/data/registry.csv from the documents (../shared/data and corpus/).

    python scripts/build_registry.py           # rewrite cobs/data/registry.csv
    python scripts/build_registry.py --check   # exit 1 if it differs from a rebuild

See cobs/sources/registry.py for what is read and how; about 20 s.
"""

import sys

from cobs.sources._registry import main

if __name__ == "__main__":
    sys.exit(main())
