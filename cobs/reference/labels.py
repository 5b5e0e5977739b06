"""Deprecated: import these names from :mod:`cobs.reference` (this module's names moved to ``_labels``)."""

import warnings

from cobs.reference._labels import *  # noqa: F403
from cobs.reference._labels import __all__  # noqa: F401

warnings.warn(f"cobs.reference.labels is deprecated and will be removed: import {', '.join(__all__)} from "
              "cobs.reference", FutureWarning, stacklevel=2)
