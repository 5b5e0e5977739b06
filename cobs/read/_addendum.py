"""Reading the addendum to a UPR Working Group report: the State's answers to the recommendations.

A Working Group report lists the recommendations (:func:`cobs.read.read_wg_report`); those the State
had still "to examine" are answered in its addendum (A/HRC/.../Add.1). :func:`read_addendum` reads
the answers; :func:`cobs.compare.upr_recommendations` (``addendum=``) puts them in ``response``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cobs.read._wg_report import decode

__all__ = ["read_addendum"]

_NUMBERS = re.compile(r"(?<![\w.])(\d{2,3})\.(\d{1,3})(?:\s*(?:-|–|to)\s*(?:(\d{2,3})\.)?(\d{1,3}))?(?![\d.]\d)")
_VERDICTS = re.compile(r"(?P<noted>not\s+(?:be\s+)?(?:accept|support)\w*|does\s+not\s+(?:accept|support)|"
                       r"reject\w*|\bnot[ée]s?\b|\bnoted\b|takes?\s+note)|(?P<supported>accept\w*|support\w*)",
                       re.IGNORECASE)
_FORWARD = re.compile(r"recommendations?\b[^.;]*$|:\s*$", re.IGNORECASE)


def read_addendum(path: str | os.PathLike[str]) -> dict[str, str]:
    """The State's responses that the addendum to a Working Group report gives: number -> "Supported" or "Noted".

    Two ways of answering are read: statements that list numbers after the response ("New Zealand
    accepts recommendations 128.1, 128.4-128.9 and 128.12", "does not accept the following
    recommendations: 128.2, 128.3"), and a response after each number ("128.1 Accepted", "128.2 Noted.").
    "Accepted" and "supported" give "Supported"; "not accepted", "rejected" and "noted" give "Noted", as
    UPR Info records them. Validated on constructed addenda only: none is at hand.

    Parameters
    ----------
    path : str or path
        The addendum's text (UTF-8, Mac OS Roman or Windows-1252, as :func:`cobs.read.read_wg_report`).

    Returns
    -------
    dict
        Each recommendation's number ("128.1", as ``number`` in :func:`read_wg_report`) -> its response.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the text names no response to a numbered recommendation.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "A_HRC_26_3_Add_1.txt"
    >>> _ = path.write_text("New Zealand accepts recommendations 128.1 and 128.3-128.4. 128.2 Not accepted.")
    >>> read_addendum(path)
    {'128.1': 'Supported', '128.3': 'Supported', '128.4': 'Supported', '128.2': 'Noted'}
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"addendum: no such file {os.fspath(path)!r}; give the text of the addendum to a UPR "
                                f"Working Group report (A/HRC/.../Add.1)")
    flat = re.sub(r"\s+", " ", decode(path.read_bytes()).replace("\ufffd", "'"))
    numbers = list(_NUMBERS.finditer(flat))
    out: dict[str, str] = {}
    current: str | None = None  # the response a list statement gives to the numbers after it
    for k, number in enumerate(numbers):
        gap = flat[numbers[k - 1].end() if k else 0:number.start()]
        verdicts = list(_VERDICTS.finditer(gap))
        if verdicts and _FORWARD.search(gap[verdicts[-1].end():]):
            current = "Noted" if verdicts[-1].group("noted") else "Supported"
        elif re.search(r"[.;]\s", gap) or verdicts:
            current = None
        after = flat[number.end():numbers[k + 1].start() if k + 1 < len(numbers) else len(flat)]
        own = _VERDICTS.search(after[:200])
        response = current
        if response is None and own and not _FORWARD.search(after[own.end():]):
            response = "Noted" if own.group("noted") else "Supported"
        if response is None:
            continue
        para, first, last_para, last = number.group(1), int(number.group(2)), number.group(3), number.group(4)
        end = int(last) if last and (last_para in (None, para)) else first
        for item in range(first, max(first, end) + 1):
            out[f"{para}.{item}"] = response
    if not out:
        raise ValueError(f"{path}: no response to a numbered recommendation (128.1 ...); is it the addendum to a UPR "
                         f"Working Group report?")
    return out
