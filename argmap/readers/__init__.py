"""The `read` stage: turn a file (or the bytes of standard input) into decoded text and a format.

Formats (`InputFormat`): plain text (also a file with no suffix, and standard input), Markdown,
HTML, Word .docx and PDF (its text layer), each named by its file endings (`suffixes`).
`READERS` holds the reader of each format; a reader lives in a module of its own. The content
decides, not the name: a PDF, a .docx or an HTML page is read as one whatever it is called (see
`argmap.readers.sniff`); a file with another suffix is refused unless its content is one of
those. Documents come out as text with Markdown-style headings and bullets.

Text and HTML are decoded as `argmap.readers.text.decode` says (byte-order mark, declared
charset, UTF-8, a plausible guess, cp1252). The text is then given Unix newlines, stripped of C0
control characters other than tab and newline, and NFC-normalised. Every problem is an
`InputError` whose message is one line that starts with the file name.

>>> raw = read_bytes("Caf\\u00e9 au lait\\r\\n".encode("cp1252"), "notes.txt")
>>> raw.text, raw.encoding, raw.source.format
('Café au lait\\n', 'cp1252', 'txt')
>>> read_bytes(b"<!doctype html><title>T</title><h1>Tea</h1><p>Tea is good.</p>", "-").text
'# Tea\\n\\nTea is good.'
>>> sorted(READERS) == sorted(InputFormat) and all(f.suffixes for f in InputFormat)
True
>>> InputFormat.MD.suffixes, InputFormat.HTML.suffix
(('.md', '.markdown'), '.html')
"""

from __future__ import annotations

import importlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.model import InputError, RawText, Source
from argmap.readers import text
from argmap.readers.text import Reader

if TYPE_CHECKING:
    from argmap.readers.docx import docx_text
    from argmap.readers.html import html_text
    from argmap.readers.pdf import pdf_text

__all__ = [
    "InputFormat",
    "MAX_BYTES",
    "MAX_WORDS",
    "TIME_LIMIT",
    "MAX_DOCUMENT_BYTES",
    "READERS",
    "Reader",
    "SUPPORTED_SUFFIXES",
    "check_words",
    "load_path",
    "docx_text",
    "html_text",
    "pdf_text",
    "read_bytes",
    "read_path",
]


class InputFormat(StrEnum):
    """A format argmap reads essays in; `suffixes` are the file endings that name it."""

    TXT = "txt"
    MD = "md"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Every file ending that names the format, the usual one first."""
        return tuple(suffix for suffix, fmt in _SUFFIXES.items() if fmt is self)

    @property
    def suffix(self) -> str:
        """The usual file ending of the format."""
        return self.suffixes[0]


# Every file ending and the format it names, in the order messages list them. A file with no
# ending (and standard input) is plain text.
_SUFFIXES = {
    ".txt": InputFormat.TXT,
    ".md": InputFormat.MD,
    ".markdown": InputFormat.MD,
    ".text": InputFormat.TXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".docx": InputFormat.DOCX,
    ".pdf": InputFormat.PDF,
}


def _lazy(module: str, function: str) -> Callable[[bytes, str], tuple[str, str]]:
    """`argmap.readers.<module>.<function>`, imported when a file of its format is read first
    (the document readers pull in zipfile, XML, HTML and PDF libraries the command line's
    start-up does not need)."""

    def read(data: bytes, name: str) -> tuple[str, str]:
        found: Callable[[bytes, str], tuple[str, str]] = getattr(
            importlib.import_module(f"argmap.readers.{module}"), function
        )
        return found(data, name)

    return read


#: The reader of each input format. A new format is a module with its read function, a member
#: of `InputFormat`, its file endings in `_SUFFIXES` and a line here.
READERS: dict[InputFormat, Reader] = {
    InputFormat.TXT: text.READER,
    InputFormat.MD: text.READER,
    InputFormat.HTML: Reader(
        _lazy("html", "read_html"),
        empty="nothing outside scripts, styles, navigation and hidden elements",
        document=True,
    ),
    InputFormat.DOCX: Reader(
        _lazy("docx", "read_docx"),
        empty="the document has no paragraphs",
        document=True,
        binary="Word .docx file",
    ),
    InputFormat.PDF: Reader(
        _lazy("pdf", "read_pdf"),
        empty="only whitespace in its text layer",
        document=True,
        binary="PDF",
    ),
}

#: Every file ending argmap reads, in the order messages list them.
SUPPORTED_SUFFIXES = tuple(_SUFFIXES)
#: The largest text or Markdown file, and the most text taken out of any document.
MAX_BYTES = 2_000_000
#: The most words an essay may have unless the caller says otherwise (`argmap map --max-words`),
#: a long dissertation chapter: past it, parsing takes more than ~10 s and ~500 MB on a laptop.
MAX_WORDS = 20_000
#: Seconds one essay may take to map unless the caller says otherwise (`argmap map --time-limit`).
TIME_LIMIT = 60.0
#: The largest HTML, .docx or PDF file (pictures and scripts make them much larger than their text).
MAX_DOCUMENT_BYTES = 25_000_000

_NAMES = frozenset(fmt.value for fmt in InputFormat)
# Kinds `sniff` finds that are not an input format but may be as large as a document: a zip
# archive (a damaged .docx, or one refused by name) and an old-style Office file (refused).
_DOCUMENT_KINDS = ("zip", "ole")
# C0 controls except tab and newline, and DEL. C1 controls stay: `clean` repairs them as mojibake.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def read_path(path: Path) -> RawText:
    """Read an essay file: text, Markdown, HTML, .docx or PDF (see the module docstring).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "essay.md"
    ...     _ = p.write_bytes(b"# Tea\\n\\nTea is good.\\n")
    ...     read_path(p).text
    '# Tea\\n\\nTea is good.\\n'
    """
    return read_bytes(load_path(path), str(path))


def load_path(path: Path) -> bytes:
    """The bytes of an essay file, as `read_path` reads them: opened once, refused when it is a
    folder, a device, argmap's own output, a kind of file argmap cannot read or too large.
    `read_bytes(load_path(path), str(path))` is `read_path(path)` (a batch on a cluster loads
    on the machine that has the files and reads where it maps)."""
    from argmap.readers import sniff

    name = str(path)
    try:
        # Opened once, without waiting for a writer: a FIFO or a pipe (`<(cat essay.txt)`) is
        # read once, to its end or the size limit; a device or a socket is refused.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise InputError(f"{name}: is a folder, not a file")
    try:
        with os.fdopen(fd, "rb") as fh:
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise InputError(f"{name}: is a device or a socket, not a file")
            os.set_blocking(fd, True)
            size = os.fstat(fd).st_size if stat.S_ISREG(mode) else 0
            head = fh.read(sniff.HEAD_BYTES)
            if sniff.written_by_argmap(head):
                raise InputError(
                    f"{name}: written by argmap (a map, page or summary), not an essay"
                )
            kind = sniff.sniff(head)
            found = _found(kind)
            if _named(name) is None and found is None and kind != "zip":
                _format(name, head)  # refuse an unsupported file before reading all of it
            document = kind in _DOCUMENT_KINDS or (found is not None and READERS[found].document)
            limit = MAX_DOCUMENT_BYTES if document else MAX_BYTES
            if size > limit:
                raise InputError(_too_large(name, size, limit))
            data = head + fh.read(limit + 1 - len(head))
            if len(data) > limit:
                raise InputError(f"{name}: file is too large (the limit is {limit / 1e6:.1f} MB)")
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the file ({exc.strerror or exc})") from None
    return data


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> RawText:
    """Read `data` (named `name` in messages, "-" for standard input) as an essay.

    The format is found from the content and the name (see `_format`) unless `fmt` (an
    `InputFormat` or its name) says which it is. `encoding` in the result is the text encoding
    used, "utf-8" for a .docx (its XML) and "pdf" for the text layer of a PDF.

    >>> read_bytes(b"\\xef\\xbb\\xbfTea.", "-").text
    'Tea.'
    >>> read_bytes(b"", "x.txt")
    Traceback (most recent call last):
    ...
    argmap.model.InputError: x.txt: file is empty
    """
    if fmt is not None and fmt not in _NAMES:
        supported = ", ".join(InputFormat)
        raise InputError(f"{name}: unsupported format '{fmt}' (supported: {supported})")
    if not data:
        raise InputError(f"{name}: file is empty")
    chosen = InputFormat(fmt) if fmt is not None else _format(name, data)
    reader = READERS[chosen]
    limit = MAX_DOCUMENT_BYTES if reader.document else MAX_BYTES
    if len(data) > limit:
        raise InputError(_too_large(name, len(data), limit))
    essay, encoding = reader.read(data, name)
    essay = essay.replace("\r\n", "\n").replace("\r", "\n")
    essay = unicodedata.normalize("NFC", _CONTROL_RE.sub("", essay))
    if not essay.strip():
        raise InputError(f"{name}: contains no text ({reader.empty})")
    if reader.document and len(essay) > MAX_BYTES:
        raise InputError(
            f"{name}: too much text ({len(essay) / 1e6:.1f} million characters; the limit is"
            f" {MAX_BYTES / 1e6:.1f} million)"
        )
    import hashlib  # here: with sniff, its import is most of this package's start-up time

    sha = hashlib.sha256(data).hexdigest()
    source = Source(path=name, sha256=sha, format=chosen.value)
    return RawText(text=essay, source=source, encoding=encoding)


def check_words(raw: RawText, max_words: int | None = MAX_WORDS) -> None:
    """Refuse, with an `InputError` naming the file, text of more than `max_words` words (no
    limit when `max_words` is None or 0).

    Punctuation marks and symbols have the same limit: the parser takes each as a word, so
    "- - -" or ">>>" a thousand times over is as much work as prose of that many words.

    >>> check_words(read_bytes(b"one two three", "e.txt"), 2)
    Traceback (most recent call last):
    ...
    argmap.model.InputError: e.txt: too long to map (3 words; the limit is 2, --max-words sets it)
    >>> check_words(read_bytes(b"one " + b">" * 9, "e.txt"), 4)
    Traceback (most recent call last):
    ...
    argmap.model.InputError: e.txt: too long to map (9 punctuation marks; the limit is 4, \
--max-words sets it)
    """
    if not max_words:
        return
    words = len(raw.text.split())
    if words > max_words:
        raise InputError(
            f"{raw.source.path}: too long to map ({words:,} words; the limit is {max_words:,},"
            " --max-words sets it)"
        )
    marks = len(_WORDS_AND_SPACE_RE.sub("", raw.text))
    if marks > max_words:
        raise InputError(
            f"{raw.source.path}: too long to map ({marks:,} punctuation marks; the limit is"
            f" {max_words:,}, --max-words sets it)"
        )


_WORDS_AND_SPACE_RE = re.compile(r"[\w\s]+")


def _suffix(name: str) -> str:
    return "" if name == "-" else Path(name).suffix.lower()


def _named(name: str) -> InputFormat | None:
    """The format a file's name says it is in, if any (none for an unknown suffix)."""
    suffix = _suffix(name)
    return InputFormat.TXT if suffix == "" else _SUFFIXES.get(suffix)


def _found(kind: str) -> InputFormat | None:
    """The format `sniff` recognised by content, when `kind` is one ("pdf", "docx", "html")."""
    return InputFormat(kind) if kind in _NAMES else None


def _format(name: str, data: bytes) -> InputFormat:
    """The format of a file, from its content first and its name second.

    A PDF, a .docx or an HTML page (one starting with `<!DOCTYPE html>` or `<html>`, or, unless
    the name says Markdown, one dense with tags) is read as such whatever its name. Other kinds
    of file that argmap recognises (images, archives, old Word files, OpenDocument...) are
    refused with their name; anything else is text when the suffix is a text one (or there is
    none), and refused otherwise.
    """
    from argmap.readers import sniff

    suffix, named = _suffix(name), _named(name)
    kind = sniff.sniff(data, tags=named is not InputFormat.MD)
    found = _found(kind)
    if found is not None:
        return found
    if kind == "zip" and named is InputFormat.DOCX:
        return InputFormat.DOCX  # a damaged .docx: its reader says what is wrong
    what = sniff.describe(data)
    if what is not None:
        raise InputError(f"{name}: cannot read {what}")
    if named is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise InputError(f"{name}: unsupported file type '{suffix}' (supported: {supported})")
    binary = READERS[named].binary
    if binary is not None and text.looks_binary(data[: sniff.HEAD_BYTES]):
        raise InputError(f"{name}: not a valid {binary} (it does not start like one)")
    return InputFormat.TXT if binary is not None else named  # text named .docx or .pdf is text


def _too_large(name: str, size: int, limit: int) -> str:
    return f"{name}: file is too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)"


# The readers' text extractors, re-exported here; their modules load on first use.
_EXTRACTORS = {"docx_text": "docx", "html_text": "html", "pdf_text": "pdf"}


def __getattr__(name: str) -> Any:
    if name in _EXTRACTORS:
        return getattr(importlib.import_module(f"argmap.readers.{_EXTRACTORS[name]}"), name)
    raise AttributeError(f"module 'argmap.readers' has no attribute {name!r}")
