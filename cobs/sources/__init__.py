"""Where documents come from: the registry of known COs and fetching them by symbol.

``_registry``  :func:`registry` (the COs cobs knows of, ``cobs/data/registry.csv``) and :func:`chain_symbols`
``_fetch``     :func:`fetch`, :func:`fetch_chain`: download by symbol, verify, cache (``_http``: the HTTP layer;
               ``_un``: the UN sources)

``fetch_each`` (several symbols in one session, each path or error in turn) is cobs's own internal API for the
command line.
"""

from cobs.sources._fetch import fetch, fetch_chain, fetch_each
from cobs.sources._registry import REGISTRY_COLUMNS, chain_symbols, registry

__all__ = ["REGISTRY_COLUMNS", "chain_symbols", "fetch", "fetch_chain", "registry"]
