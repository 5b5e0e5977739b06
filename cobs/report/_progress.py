"""What ``cobs report`` is doing, said on standard error while it works.

A report of a hundred COs takes minutes (reading and measuring them, fitting the topics, aligning the cycles,
drawing the figures), and a command that says nothing for minutes in a log (CI, ``nohup``) looks hung. A line is
printed when each step begins, and, where no terminal shows the figures' bar, every ``interval`` seconds while a step
lasts (10 s, as :func:`cobs.read_corpus` writes its progress to a log), from a thread of its own, so that a long
step (a topic model's fit) is not silent either.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["LOG_INTERVAL", "Progress"]

LOG_INTERVAL = 10.0
"""Seconds between the lines that say a step still runs (where no terminal shows a bar)."""


def _duration(seconds: float) -> str:
    """'7 s', '2 min 05 s'."""
    whole = int(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


class Progress:
    """The steps of a report, said as they begin, and every ``interval`` seconds while one lasts.

    Parameters
    ----------
    enabled : bool
        False: say nothing.
    stream : text file, optional
        Where to write (default: standard error, as it is when the report starts).
    interval : float, optional
        Seconds between the lines of a step that lasts (default :data:`LOG_INTERVAL`).
    timings : bool, default False
        Also say how long each step took, as it ends ("... took 12.3 s"): where a report spends its time.
    ticking : bool, default True
        Run the thread that writes those lines; False leaves it to calls of :meth:`beat` (tests, with ``clock``).
    clock : callable, default time.monotonic
        The clock the intervals and durations are read on.
    """

    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None, interval: float | None = None,
                 timings: bool = False, ticking: bool = True, clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = enabled
        self.timings = timings
        self.stream = sys.stderr if stream is None else stream
        self.interval = LOG_INTERVAL if interval is None else interval
        self.clock = clock
        self.terminal = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._ticking = ticking and enabled
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._what = ""
        self._done = 0
        self._total: int | None = None
        self._quiet = False  # a terminal shows this step's bar
        self._started = self._since = self._said = clock()

    def __enter__(self) -> Progress:
        if self._ticking:
            self._thread = threading.Thread(target=self._tick, name="cobs report progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if exc[0] is None:
            with self._lock:
                self._took()
            self._say(f"done in {_duration(self.clock() - self._started)}")

    def _tick(self) -> None:
        while not self._stop.wait(min(1.0, self.interval)):
            self.beat()

    def _say(self, text: str) -> None:
        if self.enabled:
            self.stream.write(f"cobs report: {text}\n")
            self.stream.flush()

    def step(self, what: str, total: int | None = None, *, bar_on_a_terminal: bool = False) -> None:
        """A step begins: said at once. ``total``: how many things it does (counted by :meth:`advance`)."""
        with self._lock:
            self._took()
            self._what, self._done, self._total = what, 0, total
            self._quiet = bar_on_a_terminal and self.terminal
            self._since = self._said = self.clock()
            self._say(what + (f" ({total})" if total is not None else ""))

    def _took(self) -> None:
        if self.timings and self._what:
            self._say(f"{self._what} took {self.clock() - self._since:.1f} s")

    def advance(self, n: int = 1) -> None:
        """``n`` more things of the step done."""
        with self._lock:
            self._done += n

    def beat(self) -> None:
        """Say that the step still runs, if ``interval`` seconds have passed since the last line (and no bar shows)."""
        with self._lock:
            now = self.clock()
            if not self._what or self._quiet or now - self._said < self.interval:
                return
            self._said = now
            count = f", {self._done} of {self._total} done" if self._total is not None else ""
            self._say(f"{self._what}{count} ({_duration(now - self._since)} so far)")
