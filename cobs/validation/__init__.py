"""Validating measures against human coders, for papers.

Three steps of a validation study:

1. :func:`sample_for_coding` draws a reproducible (optionally stratified) sample
   of a tidy table and writes a coding sheet: a CSV with the ids, the text and
   one empty column per coder;
2. :func:`agreement` measures how far coders agree with each other, or a coder
   with a model: percent agreement, Cohen's kappa and Krippendorff's alpha
   (nominal, ordinal or interval distance; Krippendorff 2011, checked against his
   worked example and NLTK's ``AnnotationTask``); :func:`reliability` gives the same
   coefficients with bootstrap intervals (items, or documents, resampled), as a
   :class:`ReliabilityResult` (the result convention of :mod:`cobs.stats`);
3. :func:`confusion_table` shows where a model and the coders disagree.
"""

from cobs.validation._agreement import (
    AGREEMENT_FIELDS,
    METRICS,
    AgreementResult,
    ReliabilityResult,
    agreement,
    reliability,
)
from cobs.validation._confusion import confusion_table
from cobs.validation._sample import sample_for_coding

__all__ = ["METRICS", "AgreementResult", "ReliabilityResult", "agreement", "confusion_table", "reliability",
           "sample_for_coding"]
