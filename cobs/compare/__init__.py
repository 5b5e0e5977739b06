"""Comparing concluding observations: across cycles, States, committees and the UPR.

``align``             which recommendations of a later document repeat, modify or drop an earlier one's
``chain``             each request followed along a State's chain of COs (consecutive pairs aligned in parallel)
``threads``           one row per request of a chain: first and last cycle, how often made, repeated or modified
``alignment_scores``  how far a link table agrees with a hand reading
``profile``           per State, committee, year or cycle: shares of themes, clusters, strength, action categories
``change``            a State's change between cycles net of the committee's drift (difference in differences)
``keyness``           words and phrases distinctive of a document or group against a reference (G2, chi2, Log Ratio)
``boilerplate``       the committees' template sentences, shared by COs to many States
``boilerplate_share`` the share of template text per document
``similarity``        a document-by-document similarity matrix of recommendations; ``most_similar``: the nearest ones
                      of the same committee (``CompareWarning`` where it has none)
``upr_recommendations`` the UPR recommendations a State received, as an action table
"""

from cobs.compare._align import AlignWarning, align
from cobs.compare._boilerplate import boilerplate, boilerplate_share
from cobs.compare._chain import chain, threads
from cobs.compare._change import MEASURES, ChangeResult, change
from cobs.compare._evaluate import AlignmentScores, alignment_scores
from cobs.compare._keyness import keyness
from cobs.compare._profile import profile
from cobs.compare._similarity import CompareWarning, most_similar, similarity
from cobs.compare._upr import upr_recommendations

__all__ = ["MEASURES", "AlignWarning", "AlignmentScores", "ChangeResult", "CompareWarning", "align",
           "alignment_scores", "boilerplate", "boilerplate_share", "chain", "change", "keyness", "most_similar",
           "profile", "similarity", "threads", "upr_recommendations"]
