"""Text reuse between two recommendations: how much of one is found, in order, in the other.

Legislative text-reuse studies (Wilkerson, Smith and Stramp 2015, "Tracing the flow of policy
ideas in legislatures: a text reuse approach"; Smith et al.'s passim) align two texts locally
with the Smith-Waterman algorithm and count the words that fall in aligned spans. Here the two
texts are a recommendation and the one it is linked to, cut into content words (stemmed,
without stop words and the committees' formula phrases, as :mod:`cobs.text` reads them); the
reuse of the later text is the share of its words that are matched inside a local alignment
with the earlier text scoring at least ``MIN_SCORE``.

One alignment pass each way gives, for every pair of matching words, the best score of a local
alignment through them (forward score up to the pair plus backward score from it), so that
every aligned span is found at once, not only the best one (Waterman-Eggert repeats the
search instead). Scores: a matched word +2, a mismatch or gap -2; ``MIN_SCORE`` 4 asks for two
matched words in a row (or more, with a gap) before a span counts, so a word the two texts
merely share is not reuse. The rows of a batch of links are computed together (numpy), one
text position at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MATCH", "MIN_SCORE", "PENALTY", "reuse"]

MATCH = 2.0
"""Score of two identical content words aligned."""
PENALTY = 2.0
"""Cost of a mismatch and of a gap (one word skipped on either side)."""
MIN_SCORE = 4.0
"""Least score of an aligned span whose words count as reused."""
_CHUNK = 32  # links per batch: bounds memory to _CHUNK x longest later text x longest earlier text


def _through_match(late: np.ndarray, early: np.ndarray) -> np.ndarray:
    """For a batch (L, n) x (L, m) of word ids (negative: padding), the best local alignment score ending with
    positions (i, j) aligned to each other: max(0, H[i-1, j-1]) + s(i, j), shape (L, n, m)."""
    size, n = late.shape
    m = early.shape[1]
    ramp = (np.arange(1, m + 1) * PENALTY).astype(np.float32)
    previous = np.zeros((size, m + 1), dtype=np.float32)
    out = np.empty((size, n, m), dtype=np.float32)  # small integer scores: exact in float32
    for i in range(n):
        step = np.where((late[:, i:i + 1] == early) & (early >= 0), np.float32(MATCH), np.float32(-PENALTY))
        ending = np.maximum(previous[:, :-1], 0.0) + step
        out[:, i, :] = ending
        best = np.maximum(np.maximum(previous[:, :-1] + step, previous[:, 1:] - PENALTY), 0.0)
        # a gap along the earlier text: H[j] = max(E[j], H[j-1] - gap) = max over k <= j of E[k] - gap (j - k)
        previous[:, 1:] = np.maximum.accumulate(best + ramp, axis=1) - ramp
    return out


def _padded(sequences: Sequence[Sequence[int]], fill: int, reverse: bool = False) -> np.ndarray:
    out = np.full((len(sequences), max(len(s) for s in sequences)), fill, dtype=np.int64)
    for k, sequence in enumerate(sequences):
        values = list(sequence)[::-1] if reverse else list(sequence)
        out[k, :len(values)] = values
    return out


def reuse(late: Sequence[Sequence[int]], early: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """For each pair of word-id sequences, the share of the late words and of the early words in aligned spans.

    Parameters
    ----------
    late, early : sequences of sequences of int
        The content words of each pair's two texts, as ids (equal words, equal ids; >= 0).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The share of each late text's words matched inside a local alignment scoring at least
        :data:`MIN_SCORE` (0 for an empty text), and the same share of each early text.

    Examples
    --------
    >>> late, early = reuse([[1, 2, 3, 4, 5, 6]], [[9, 1, 2, 3, 8, 8, 8, 5, 7]])
    >>> float(late[0]), round(float(early[0]), 3)
    (0.5, 0.333)
    """
    count = len(late)
    late_share, early_share = np.zeros(count), np.zeros(count)
    # batches of texts of like length pad less
    todo = sorted((k for k in range(count) if len(late[k]) and len(early[k])), key=lambda k: len(late[k]))
    for start in range(0, len(todo), _CHUNK):
        chunk = todo[start:start + _CHUNK]
        a = [late[k] for k in chunk]
        b = [early[k] for k in chunk]
        forward = _through_match(_padded(a, -1), _padded(b, -2))
        backward = _through_match(_padded(a, -1, reverse=True), _padded(b, -2, reverse=True))
        for row, k in enumerate(chunk):
            n, m = len(late[k]), len(early[k])
            through = forward[row, :n, :m] + backward[row, :n, :m][::-1, ::-1] - MATCH  # the pair counted once
            equal = np.asarray(late[k])[:, None] == np.asarray(early[k])[None, :]
            aligned = equal & (through >= MIN_SCORE)
            late_share[k] = aligned.any(axis=1).mean()
            early_share[k] = aligned.any(axis=0).mean()
    return late_share, early_share
