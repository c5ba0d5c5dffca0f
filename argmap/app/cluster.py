"""Map a class on a Dask cluster (`argmap map DIR --engine dask [--scheduler ADDRESS]`).

The driver (this process) plans the batch, loads each essay's bytes (`batch.prepare`) and hands
the cluster one `batch.Job` per essay; a worker runs the pure `batch.map_data` (bytes in, the
outputs' texts and the summary's row out: no file read or written, so the workers need no disk
in common with the driver), building argmap's pipeline once per worker process; the driver
writes every file (`batch.finish`) and the class summary. The maps are the bytes `-j N` writes.
At most `WINDOW` essays per worker thread are in flight, so the driver keeps no essay's outputs
and its memory stays flat (`benchmarks/cluster.py`: 0.1 MB per 1,000 essays).

Without `--scheduler`, a local cluster of `-j` worker processes of one thread each (spaCy and
argmap's stages hold the GIL: threads would take turns), its scheduler in a process of its own
(Dask's `SubprocessCluster`; in the driver, Dask's scheduler kept a little of every essay).
With it, the workers of a running cluster, e.g. on two machines:

    machine-a$ dask scheduler                                  # listens on tcp://machine-a:8786
    machine-a$ dask worker tcp://machine-a:8786 --nworkers 2 --nthreads 1
    machine-b$ dask worker tcp://machine-a:8786 --nworkers 2 --nthreads 1
    machine-a$ argmap map essays/ -o graphs/ --engine dask --scheduler tcp://machine-a:8786

Every machine needs argmap installed (`pip install "argmap[dask]"`, the same version as the
driver). Dask runs a task in a worker thread, where Python cannot deliver the alarm signal that
`--time-limit` uses: on a cluster the word limit holds but the time limit does not.

Dask is an optional dependency (`argmap[dask]`); this module is the only one that imports it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import uuid
from collections.abc import Generator, Iterator, Sequence
from typing import Any

from argmap.app.batch import WINDOW, Outcome, Task, finish, map_data, prepare
from argmap.writers import View

__all__ = ["run_dask", "MISSING"]

#: Seconds to wait for the scheduler.
CONNECT_TIMEOUT = 10
LOG_LENGTH = 100  # entries a local scheduler keeps of each log (Dask's default: 10,000 / 1,000)
#: What the command line says when Dask is not installed.
MISSING = 'the Dask engine needs Dask: pip install "argmap[dask]"'


def run_dask(
    tasks: Sequence[Task],
    jobs: int,
    view: View = View.ARGUMENT,
    scheduler: str | None = None,
) -> Generator[Outcome, None, None]:
    """Map every task on a Dask cluster and yield each `Outcome` as its files are written (in
    finishing order): the cluster at `scheduler`, or a local one of `jobs` worker processes.
    ImportError when Dask is not installed; OSError when the scheduler cannot be reached."""
    from distributed import Client

    for name in ("distributed", "tornado"):  # their warnings are not the user's business
        logging.getLogger(name).setLevel(logging.ERROR)
    with contextlib.ExitStack() as stack:
        cluster = (
            None if scheduler is not None else stack.enter_context(_local_cluster(max(1, jobs)))
        )
        try:
            address = cluster if cluster is not None else scheduler
            client = Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise OSError(f"cannot reach the Dask scheduler ({exc})") from None
        stack.callback(client.close)
        yield from _run(client, tasks, view)


def _run(client: Any, tasks: Sequence[Task], view: View) -> Iterator[Outcome]:
    """Submit the tasks to `client`, at most `WINDOW` per worker thread in flight, and finish
    each as it comes back."""
    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    run = uuid.uuid4().hex  # keys of this batch's tasks, apart from any other's
    pending = list(reversed(tasks))
    inflight: dict[Any, Task] = {}
    done = as_completed(loop=client.loop)

    def top_up() -> Iterator[Outcome]:
        while pending and len(inflight) < threads * WINDOW:
            task = pending.pop()
            job = prepare(task, view)
            if isinstance(job, Outcome):
                yield job
                continue
            # one task group per batch (a tuple key), not one per essay
            key = (f"argmap-{run}", task.index)
            future = client.submit(map_data, job, key=key, pure=False)
            inflight[future] = task
            done.add(future)

    yield from top_up()
    for future in done:
        task = inflight.pop(future)
        try:
            outcome = finish(task, future.result())
        except Exception as exc:  # a worker lost, a result that could not come back
            reason = f"the Dask cluster failed on it ({type(exc).__name__})"
            outcome = Outcome(task.index, task.item, error=f"{task.item}: {reason}")
        future.release()
        yield outcome
        yield from top_up()


@contextlib.contextmanager
def _local_cluster(workers: int) -> Iterator[Any]:
    """A cluster of `workers` processes of one thread on this machine, its scheduler in a process
    of its own that keeps short logs (a scheduler in this process kept a little of every essay:
    the driver's memory grew by 0.9 MB per 1,000 essays). On Windows, where Dask cannot start a
    scheduler process, a `LocalCluster` whose scheduler runs in this process."""
    short = {f"distributed.admin.{k}": LOG_LENGTH for k in ("log-length", "low-level-log-length")}
    options: dict[str, Any] = {"n_workers": workers, "threads_per_worker": 1}
    options.update(dashboard_address=None, silence_logs=logging.ERROR)
    if sys.platform == "win32":
        import dask
        from distributed import LocalCluster

        with dask.config.set(short), LocalCluster(processes=True, **options) as cluster:
            yield cluster
        return
    from unittest.mock import patch

    from distributed.deploy.subprocess import SubprocessCluster

    # The scheduler's process reads Dask's configuration from the environment it inherits.
    environ = {
        "DASK_" + k.upper().replace(".", "__").replace("-", "_"): str(v) for k, v in short.items()
    }
    with tempfile.TemporaryDirectory(prefix="argmap-dask-") as folder:
        # the scheduler's address file goes in a folder of ours, removed after
        where = {"scheduler_file": os.path.join(folder, "scheduler.json")}
        with patch.dict(os.environ, environ):  # restored once the processes are started
            cluster = SubprocessCluster(scheduler_kwargs=where, **options)
        with cluster:
            yield cluster
