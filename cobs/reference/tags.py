"""Deprecated: import these names from :mod:`cobs.reference` (this module's names moved to ``_tags``)."""

import warnings

from cobs.reference._tags import *  # noqa: F403
from cobs.reference._tags import __all__  # noqa: F401

warnings.warn(f"cobs.reference.tags is deprecated and will be removed: import {', '.join(__all__)} from "
              "cobs.reference", FutureWarning, stacklevel=2)
