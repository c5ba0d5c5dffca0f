"""Writing output files: atomically, so a reader never sees a half-written map, and never over
a file argmap did not write or a map someone has corrected since.

Every output of argmap carries a mark of it near its start (`written_by_argmap`): the pages'
`<meta name="generator" content="argmap">`, the JSON map's `"schema": "argmap/1"`, a "written by
argmap" comment, the CSV header argmap writes. A JSON map also carries a checksum of its content
(`ArgumentMap.to_json`), so a map corrected by hand is told from one argmap wrote.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = Path(tmp) / "maps" / "essay.json"
...     atomic_write(path, "{}\\n")
...     path.read_text(encoding="utf-8"), [p.name for p in path.parent.iterdir()]
('{}\\n', ['essay.json'])
"""

from __future__ import annotations

import functools
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from argmap.readers.sniff import HEAD_BYTES, written_by_argmap

__all__ = [
    "OverwriteError",
    "atomic_write",
    "atomic_writer",
    "force_hint",
    "overwrite_problem",
    "refuse_overwrite",
    "written_by_argmap",
]


_FOLDER = "is a folder"


class OverwriteError(OSError):
    """An output file that argmap will not replace (its message says why and what to do)."""


def overwrite_problem(path: Path) -> str | None:
    """Why argmap must not write `path`, or None when it may: the path is free, or holds an
    output argmap wrote that nobody has changed since (a JSON map's checksum still matches)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot check it ({exc.strerror or exc})"
    if stat.S_ISDIR(info.st_mode):
        return _FOLDER
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            if not written_by_argmap(head):
                return "exists and was not written by argmap"
            if head.startswith(b'{\n  "schema": "argmap/1",'):
                return _changed_map(head + fh.read())
    except OSError as exc:
        return f"cannot check it ({exc.strerror or exc})"
    return None


def _changed_map(data: bytes) -> str | None:
    """Why a JSON map may not be replaced: its content no longer matches the checksum argmap
    wrote into it (see `ArgumentMap.to_json`), or it has none; None when it matches."""
    import json

    from argmap.model import map_checksum

    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return "is a damaged map"
    if not isinstance(value, dict) or "checksum" not in value:
        return "is a map without argmap's checksum (corrected by hand, or by an older argmap)"
    if value["checksum"] != map_checksum(value):
        return "is a map changed since argmap wrote it (corrected by hand?)"
    return None


def force_hint(problem: str) -> str:
    """What to add to a refusal for `problem` (from `overwrite_problem`): how to replace the
    file anyway; nothing replaces a folder.

    >>> force_hint("is a folder"), force_hint("exists and was not written by argmap")
    ('', '; --force replaces it')
    """
    return "" if problem == _FOLDER else "; --force replaces it"


def atomic_write(path: Path, text: str, force: bool = False) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file.

    Unless `force`, a file argmap may not replace (`overwrite_problem`) is left as it is and
    `OverwriteError` says why.
    """
    with atomic_writer(path, force) as fh:
        fh.write(text)


def refuse_overwrite(path: Path, force: bool = False) -> None:
    """Raise `OverwriteError` saying why, unless `force`, when `path` is a file argmap may not
    replace (`overwrite_problem`)."""
    problem = None if force else overwrite_problem(path)
    if problem is not None:
        raise OverwriteError(f"{path}: {problem}; not overwritten{force_hint(problem)}")


@contextmanager
def atomic_writer(path: Path, force: bool = False) -> Iterator[TextIO]:
    """`atomic_write` for text written piece by piece: a file to write to, renamed to `path`
    when the block ends, removed if it raises."""
    refuse_overwrite(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = ""
    try:
        with _signals_held():  # a stop request lands once `tmp` is known, so it is removed
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        try:
            os.replace(tmp, path)
        except OSError as exc:  # name the output, not the temporary file
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back (this thread) while the block runs; one that came meanwhile
    is delivered after it."""
    held = {signal.SIGTERM, signal.SIGINT}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@functools.cache
def _umask() -> int:
    """The process umask, read once when first needed (reading it means setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
