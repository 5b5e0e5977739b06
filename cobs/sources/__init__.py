"""Where documents come from: the registry of known COs and fetching them by symbol."""

from cobs.sources.fetch import fetch, fetch_chain
from cobs.sources.registry import REGISTRY_COLUMNS, registry

__all__ = ["REGISTRY_COLUMNS", "fetch", "fetch_chain", "registry"]
