"""Hostile inputs: time and peak memory of `argmap map` on each file of tests/hostile.py.

    python3 benchmarks/hostile.py [--timeout 60] [NAME ...]

Each file is mapped by its own `argmap map FILE -o TMPDIR -q` process (the installed command
beside this Python), killed after --timeout seconds. Prints, per file: its size, the exit code,
wall time, the process's peak resident memory, and the first line it printed on stderr. Targets
(issue 18): every file under 10 s and 500 MB, and either a map (exit 0) or one line naming the
file (exit 1), never a traceback. Reported, not enforced: times vary with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS, MEGABYTES = 10.0, 500.0


def run(path: Path, out: Path, timeout: float) -> tuple[int | None, float, float, str]:
    """(exit code or None when killed, seconds, peak MB, stderr's first line) of one mapping."""
    argmap = Path(sys.executable).with_name("argmap")
    cmd = [str(argmap), "map", str(path), "-o", str(out), "-q"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        deadline = start + timeout
        status = None
        while status is None:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = wait_status
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, wait_status, usage = os.wait4(proc.pid, 0)
                code = None
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = 0  # reaped by wait4 above
        code = os.waitstatus_to_exitcode(status) if status is not None else None
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
    first = lines[0] if lines else ""
    if any(line.startswith("Traceback") or "internal error" in line for line in lines):
        first = "TRACEBACK " + first
    return code, seconds, usage.ru_maxrss / 1024, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        # Written by another process: a child's peak memory counts its parent's at fork time.
        inputs = Path(tmp) / "in"
        subprocess.run(
            [sys.executable, str(ROOT / "tests" / "hostile.py"), str(inputs)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        chosen = sorted(p for p in inputs.iterdir() if not args.names or p.name in args.names)
        for path in chosen:
            name, data = path.name, path.read_bytes()
            code, seconds, mb, first = run(path, Path(tmp) / "out", args.timeout)
            ok = code in (0, 1) and seconds < SECONDS and mb < MEGABYTES
            ok = ok and not first.startswith("TRACEBACK")
            failed += not ok
            shown = "killed" if code is None else f"exit {code}"
            message = first.replace(str(path), name)[:70]
            print(
                f"{'ok  ' if ok else 'FAIL'} {name:24} {len(data) / 1e3:8.0f} KB {shown:7}"
                f" {seconds:6.1f} s {mb:6.0f} MB  {message}",
                flush=True,
            )
    print(f"{len(chosen) - failed} of {len(chosen)} within {SECONDS:.0f} s and {MEGABYTES:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
