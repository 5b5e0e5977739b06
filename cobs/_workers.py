"""Worker processes that end with the run that started them, whenever it dies.

loky's workers (joblib's default backend) outlive a run killed outright (kill -9)
for as long as the machine runs: each waits for tasks on a queue it holds both ends
of, and the resource trackers wait for them. A worker started with
:func:`parallel_options`'s initializer watches the run's process from the moment
its start-up is done (its imports), before it asks for any task:

- a run already gone by then (killed while the worker was importing) ends the
  worker at once: it was reparented, ``os.getppid()`` is no longer the run;
- otherwise a thread of the worker looks every half second and ends it once the
  run is gone.

Why a watching thread rather than Linux's ``prctl(PR_SET_PDEATHSIG)``: the signal
is sent when the *thread* that started the worker ends, not the process, and
loky's reusable workers are started by whichever thread first calls
``Parallel`` (a notebook's, a thread pool's): they would be killed between two
calls of a living run. It exists on Linux only, and it would be set no earlier
than the initializer runs. The thread works on Linux and macOS alike; a worker
still importing when the run dies ends when its imports are done (every process of a
`cobs corpus -j 2` killed during start-up was gone 1-5 s later on 2 busy cores). On
Windows, where a process is not reparented, ``os.getppid()`` does not tell that the
run is gone: there the workers end as loky's do.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

__all__ = ["end_with_parent", "parallel_options", "watch_parent"]

_INTERVAL = 0.5  # seconds between two looks at the parent
_watching = False


def parallel_options() -> dict[str, object]:
    """Options for ``joblib.Parallel(...)`` whose loky workers end with this process (see the module's notes).

    Only for loky, joblib's default: another backend (threads, Dask, a multiprocessing
    pool started by a fork server, whose workers are not this process's children) gets
    no option.
    """
    from joblib.parallel import LokyBackend, get_active_backend

    backend, _ = get_active_backend()
    if not isinstance(backend, LokyBackend):
        return {}
    return {"initializer": end_with_parent, "initargs": (os.getpid(),)}


def end_with_parent(parent: int) -> None:
    """Initializer of a worker process that ``parent`` started: end the worker when ``parent`` is gone.

    Runs once the worker has imported what it needs, before its first task; a parent
    that died meanwhile ends the worker at once.
    """
    if os.getpid() == parent:  # not a worker process
        return
    if os.getppid() != parent:  # the run was killed while this worker started: nobody will give it a task
        os._exit(1)
    _watch(parent)


def watch_parent(parent: int) -> None:
    """In a task: end this worker process with ``parent``, for workers started without :func:`end_with_parent`.

    Nothing is done in the run's own process (a thread backend, Dask in-process) nor in
    processes that another manager started (Dask's workers, a fork server's).
    """
    if _watching or os.getpid() == parent or os.getppid() != parent:
        return
    _watch(parent)


def _watch(parent: int) -> None:
    global _watching
    _watching = True
    with contextlib.suppress(ValueError):  # a worker started by another call: Ctrl-C is the parent's to handle
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="cobs-parent-watch", daemon=True).start()
