"""Writing output files: atomically, so a reader never sees a half-written map.

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
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _umask() -> int:
    """The process umask, read once when first needed (reading it means setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
