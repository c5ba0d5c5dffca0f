"""Map a class on a Dask cluster (`argmap map DIR --engine dask [--scheduler ADDRESS]`).

The driver (this process) plans the batch, loads each essay's bytes (`batch.prepare`) and hands
the cluster one `batch.Job` per essay; a worker runs the pure `batch.map_data` (bytes in, the
outputs' texts and the summary's row out: no file read or written, so the workers need no disk
in common with the driver), building argmap's pipeline once per worker process; the driver
writes every file (`batch.finish`) and the class summary. The maps are the bytes `-j N` writes.
At most `WINDOW` essays per worker thread are in flight, so the driver keeps no essay's outputs;
with a local cluster its memory still grows by about 0.9 MB per 1,000 essays, mostly Dask's
scheduler, which runs in the driver (`benchmarks/cluster.py`).

Without `--scheduler`, a `LocalCluster` of `-j` worker processes of one thread each (spaCy and
argmap's stages hold the GIL: threads would take turns). With it, the workers of a running
cluster, e.g. on two machines:

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

import logging
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
    import dask
    from distributed import Client, LocalCluster, as_completed

    for name in ("distributed", "tornado"):  # their warnings are not the user's business
        logging.getLogger(name).setLevel(logging.ERROR)
    cluster: Any = None
    if scheduler is None:
        # The local cluster's scheduler runs in this process: short logs keep the driver's
        # memory from growing with the number of essays.
        short = {
            f"distributed.admin.{k}": LOG_LENGTH for k in ("log-length", "low-level-log-length")
        }
        with dask.config.set(short):
            cluster = LocalCluster(
                n_workers=max(1, jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
    try:
        client = Client(
            cluster if cluster is not None else scheduler,
            set_as_default=False,
            timeout=CONNECT_TIMEOUT,
        )
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise OSError(f"cannot reach the Dask scheduler ({exc})") from None
    try:
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
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
