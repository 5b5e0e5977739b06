"""Data sets shipped with cobs: the sample CO and UPR Info's label sets.

:func:`load_sample` reads the one document cobs ships (CRC/C/KAZ/CO/4, a UN
document); :func:`upr_info_labels` gives UPR Info's action categories and issues.
UPR Info's exports themselves are not shipped: :func:`cobs.read_upr_info` reads them.
"""

from cobs.datasets._sample import SAMPLE_SYMBOL, load_sample, sample_path
from cobs.datasets._upr_info_labels import upr_info_labels

__all__ = ["SAMPLE_SYMBOL", "load_sample", "sample_path", "upr_info_labels"]
