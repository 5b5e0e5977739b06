"""Labelled data sets that cobs reads (others' data: cobs ships none of them)."""

from cobs.datasets.upr_info import UPR_INFO_COLUMNS, load_upr_info, upr_info_labels

__all__ = ["UPR_INFO_COLUMNS", "load_upr_info", "upr_info_labels"]
