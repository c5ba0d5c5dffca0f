"""Plain text and Markdown: decoding bytes of unknown encoding, and what every reader shares.

Decoding: a byte-order mark (UTF-8, UTF-16, UTF-32); for HTML the charset its `<meta>` declares
(given by `argmap.readers.html`); then strict UTF-8; then the best guess of charset-normalizer,
kept only when it is plausible (see `_plausible`); otherwise cp1252, which never fails on 8-bit
text. A file with NUL bytes or many control bytes is binary, not text (`looks_binary`).

Shared by the readers: `Reader`, what the registry (`argmap.readers.READERS`) holds for each
input format; `join_blocks`, the layout every document reader writes (blocks separated by blank
lines, list items and table rows on lines of their own); `reason`, why a library refused a file.

>>> decode("Caf\\u00e9".encode("cp1252"), "notes.txt")
('Café', 'cp1252')
>>> join_blocks([("# Tea", False), ("- hot", True), ("- sweet", True), ("Good.", False)])
'# Tea\\n\\n- hot\\n- sweet\\n\\nGood.'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from argmap.model import InputError
from argmap.readers.sniff import HEAD_BYTES

__all__ = [
    "READER",
    "Reader",
    "decode",
    "join_blocks",
    "looks_binary",
    "reason",
]

# UTF-32 first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
_MAX_CONTROL_SHARE = 0.1
_WORD_RE = re.compile(r"[^\W\d_]+")
_ASCII_PROBE = "The quick brown fox, 0-9.\n"


@dataclass(frozen=True)
class Reader:
    """How one input format is read.

    `read(data, name)` returns the text and the name of the encoding it was read with (`name`
    names the file in error messages). `empty` says what a file of the format held when no text
    is left, for the message "contains no text (...)". A `document` format (HTML, .docx, PDF)
    may come in larger files (`argmap.readers.MAX_DOCUMENT_BYTES`), and the text taken out of
    it is limited instead. `binary` marks a format told by its content only, and is what
    messages call a file of it ("PDF"): a file merely named like one is read as plain text, or
    refused when it is not text.
    """

    read: Callable[[bytes, str], tuple[str, str]]
    empty: str
    document: bool = False
    binary: str | None = None


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Return the decoded text and the name of the encoding used.

    `declared` is the encoding an HTML page declares; a byte-order mark overrides it.

    >>> decode(b"\\xef\\xbb\\xbfTea.", "-")
    ('Tea.', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    if declared is not None and not declared.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: guess as for a text file
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data[:HEAD_BYTES]):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # on first use: `argmap --help` imports this module (formats)

    best = charset_normalizer.from_bytes(data).best()
    if best is not None and _ascii_compatible(best.encoding) and _plausible(str(best)):
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (as some Windows tools do), told by its NUL
    bytes: every other byte is NUL in text that is mostly ASCII. The whole file must decode and
    hold no control characters but whitespace.

    >>> _utf16_without_bom("Tea is good.\\n".encode("utf-16-le"))
    ('Tea is good.\\n', 'utf-16-le')
    >>> _utf16_without_bom(bytes(range(256))) is None
    True
    """
    head = data[:HEAD_BYTES]
    if len(data) % 2 or len(head) < 4:
        return None
    pairs = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * pairs and others <= 0.01 * pairs:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
            return (text, encoding) if controls <= 0.001 * len(text) else None
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes (and no UTF-16/32 mark, checked before), or many control bytes.

    >>> looks_binary(b"Tea\\x00\\x00"), looks_binary(b"Tea.\\r\\n")
    (True, False)
    """
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * len(head)


def _ascii_compatible(encoding: str) -> bool:
    try:
        return _ASCII_PROBE.encode(encoding) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def _plausible(text: str) -> bool:
    """Trust a guessed encoding only when it yields whole words in a non-Latin script.

    For Latin-script text charset-normalizer cannot tell cp1252 from cp1250 or cp775 (a guess of
    cp775 turns "£5" into "Ż5"), so Latin results fall back to cp1252, the usual encoding of an
    English essay. A wrong non-Latin guess shows up as odd letters inside English words ("Cafﻠ").
    """
    words = [w for w in _WORD_RE.findall(text) if not w.isascii()]
    if not words:
        return False
    letters = {c for w in words for c in w if not c.isascii()}
    if any(unicodedata.name(c, "").startswith("LATIN") for c in letters):
        return False
    pure = sum(1 for w in words if not any(c.isascii() for c in w))
    return pure >= 0.8 * len(words)


def join_blocks(lines: Iterable[tuple[str, bool]]) -> str:
    """Blocks separated by a blank line, except consecutive list items (and table rows).

    Each block comes with whether it is "tight" (a list item or a table row).
    """
    out: list[str] = []
    previous_tight = False
    for text, tight in lines:
        if out:
            out.append("\n" if tight and previous_tight else "\n\n")
        out.append(text)
        previous_tight = tight
    return "".join(out)


def reason(exc: BaseException) -> str:
    """Why a library refused a file: `exc`'s message on one line, at most 120 characters.

    >>> reason(ValueError("bad\\n  header")), reason(EOFError())
    ('bad header', 'EOFError')
    """
    return " ".join(str(exc).split())[:120] or type(exc).__name__


#: Plain text and Markdown are read the same way (`structure` reads Markdown's headings).
READER = Reader(decode, empty="only whitespace")
