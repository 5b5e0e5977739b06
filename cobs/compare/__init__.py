"""Comparing concluding observations: across cycles, States, committees and the UPR.

``align``             which recommendations of a later document repeat, modify or drop an earlier one's
``alignment_scores``  how far a link table agrees with a hand reading
"""

from cobs.compare._align import align
from cobs.compare._evaluate import alignment_scores

__all__ = ["align", "alignment_scores"]
