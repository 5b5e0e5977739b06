"""Data sets: the sample CO shipped with cobs, and labelled data from elsewhere that cobs reads.

:func:`load_sample` reads the one document cobs ships (CRC/C/KAZ/CO/4, a UN
document); :func:`load_upr_info` reads UPR Info's exports, which cobs does not
ship (download them from UPR Info).
"""

from cobs.datasets._sample import SAMPLE_SYMBOL, load_sample, sample_path
from cobs.datasets.upr_info import UPR_INFO_COLUMNS, load_upr_info, upr_info_labels

__all__ = ["SAMPLE_SYMBOL", "UPR_INFO_COLUMNS", "load_sample", "load_upr_info", "sample_path", "upr_info_labels"]
