"""What the command line tells a person about a file: errors on one line, naming the file."""

from __future__ import annotations

__all__ = ["one_line"]


def one_line(exc: Exception, item: str) -> str:
    """The message of `exc` on one line, starting with the file it is about.

    >>> from argmap.model import InputError
    >>> one_line(InputError("e.txt: file is empty"), "e.txt")
    'e.txt: file is empty'
    >>> one_line(PermissionError(13, "Permission denied", "out/e.html"), "e.txt")
    'e.txt: out/e.html: Permission denied'
    """
    msg = " ".join(str(exc).split())
    if isinstance(exc, OSError) and exc.filename:
        msg = f"{exc.filename}: {exc.strerror or msg}"
    elif isinstance(exc, UnicodeDecodeError):
        msg = f"{item}: not UTF-8 text"
    return msg if msg.startswith(item) else f"{item}: {msg}"
