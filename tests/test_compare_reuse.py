"""cobs.compare's text reuse: local alignment of two recommendations, checked against an exhaustive search."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from cobs.compare._reuse import MATCH, MIN_SCORE, PENALTY, reuse


def _alignments(n: int, m: int):
    """Every alignment of two sequences of lengths n and m: lists of (i, j) aligned pairs and the gaps between."""
    if n == 0 or m == 0:
        yield [], n + m
        return
    # the last column: (n-1, m-1) aligned, or a gap in either sequence
    for rest, gaps in _alignments(n - 1, m - 1):
        yield [*rest, (n - 1, m - 1)], gaps
    for rest, gaps in _alignments(n - 1, m):
        yield rest, gaps + 1
    for rest, gaps in _alignments(n, m - 1):
        yield rest, gaps + 1


def _exhaustive(late: list[int], early: list[int]) -> tuple[float, float]:
    """The shares by brute force: every pair of substrings, every alignment between them; a matched pair counts when
    some alignment through it (a local alignment: a global one of two substrings) scores MIN_SCORE or more."""
    covered_late, covered_early = set(), set()
    for a, b in itertools.combinations(range(len(late) + 1), 2):
        for c, d in itertools.combinations(range(len(early) + 1), 2):
            for pairs, gaps in _alignments(b - a, d - c):
                matched = [(a + i, c + j) for i, j in pairs if late[a + i] == early[c + j]]
                score = MATCH * len(matched) - PENALTY * (len(pairs) - len(matched)) - PENALTY * gaps
                if score >= MIN_SCORE:
                    covered_late.update(i for i, _ in matched)
                    covered_early.update(j for _, j in matched)
    return len(covered_late) / len(late), len(covered_early) / len(early)


def test_reuse_agrees_with_an_exhaustive_search():
    rng = random.Random(7)
    cases = [([1, 2, 3, 4, 5, 6], [9, 1, 2, 3, 8, 8, 8, 5, 7]), ([1, 2, 9, 3], [1, 2, 3]), ([1, 1, 1], [1, 1])]
    draw = lambda: [rng.randrange(3) for _ in range(rng.randint(1, 5))]  # noqa: E731
    cases += [(draw(), draw()) for _ in range(30)]
    late, early = reuse([c[0] for c in cases], [c[1] for c in cases])
    for k, (a, b) in enumerate(cases):
        assert (late[k], early[k]) == pytest.approx(_exhaustive(a, b)), (a, b)
    assert late[0] == 0.5 and late[1] == 0.75 and late[2] == 1  # "4, 5, 6" not reused; "9" skipped by a gap
    assert 0 < (late[3:] > 0).mean() < 1  # the random cases have reuse and none


def test_reuse_edges():
    late, early = reuse([[], [1, 2]], [[1, 2], []])
    assert late.tolist() == [0.0, 0.0] and early.tolist() == [0.0, 0.0]
    assert reuse([], [])[0].shape == (0,)
    # one shared word is not reuse; two in a row are
    assert reuse([[1, 5]], [[1, 6]])[0].tolist() == [0.0]
    assert reuse([[1, 2, 7]], [[1, 2]])[0] == pytest.approx([2 / 3])
    # batches larger than a chunk give the same shares as one at a time
    rng = np.random.RandomState(0)
    pairs = [(rng.randint(0, 5, rng.randint(1, 30)).tolist(), rng.randint(0, 5, rng.randint(1, 30)).tolist())
             for _ in range(150)]
    together = reuse([p[0] for p in pairs], [p[1] for p in pairs])
    alone = [reuse([p[0]], [p[1]]) for p in pairs]
    assert together[0].tolist() == [a[0][0] for a in alone] and together[1].tolist() == [a[1][0] for a in alone]
