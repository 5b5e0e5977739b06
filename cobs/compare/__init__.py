"""Comparing concluding observations: across cycles, States, committees and the UPR.

``align``             which recommendations of a later document repeat, modify or drop an earlier one's
``chain``             each request followed along a State's chain of COs (consecutive pairs aligned in parallel)
``alignment_scores``  how far a link table agrees with a hand reading
"""

from cobs.compare._align import align
from cobs.compare._chain import chain
from cobs.compare._evaluate import alignment_scores

__all__ = ["align", "alignment_scores", "chain"]
