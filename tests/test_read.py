"""Tests for argmap.read: formats, decoding, normalisation and one-line error messages."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.model import InputError
from argmap.read import MAX_BYTES, SUPPORTED_SUFFIXES, read_bytes, read_path

BAD = Path(__file__).parent / "data" / "bad"
ESSAY = "Grain procurement fell in 1927. Therefore the state used force.\n"
SUPPORTED = "(supported: .txt, .md, .markdown, .text)"


def _error(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """Run `call` and return the InputError message, checking it is one line."""
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- formats and the Source record --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("essay.txt", "txt"), ("notes.md", "md"), ("notes.markdown", "md"), ("essay.text", "txt")],
)
def test_supported_suffixes(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    path.write_text(ESSAY, encoding="utf-8")
    raw = read_path(path)
    assert raw.text == ESSAY
    assert raw.source.format == fmt
    assert raw.encoding == "utf-8"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "NOTES.MD"
    path.write_text(ESSAY, encoding="utf-8")
    assert read_path(path).source.format == "md"


def test_every_supported_suffix_has_a_format(tmp_path: Path) -> None:
    for suffix in SUPPORTED_SUFFIXES:
        path = tmp_path / f"essay{suffix}"
        path.write_text(ESSAY, encoding="utf-8")
        assert read_path(path).source.format in ("txt", "md")


def test_no_suffix_is_read_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "essay"
    path.write_text(ESSAY, encoding="utf-8")
    assert read_path(path).source.format == "txt"


def test_source_records_path_as_given_and_sha256_of_raw_bytes(tmp_path: Path) -> None:
    data = "Caf\u00e9 society.\r\n".encode("cp1252")
    path = tmp_path / "essay.txt"
    path.write_bytes(data)
    raw = read_path(path)
    assert raw.source.path == str(path)
    assert raw.source.sha256 == hashlib.sha256(data).hexdigest()


def test_stdin_name_is_txt() -> None:
    raw = read_bytes(ESSAY.encode(), "-")
    assert raw.source.path == "-"
    assert raw.source.format == "txt"


def test_explicit_format_overrides_the_name() -> None:
    assert read_bytes(b"# Title\n", "-", fmt="md").source.format == "md"
    message = _error(read_bytes, b"x", "-", fmt="pdf")
    assert message.startswith("-: unsupported format 'pdf'")


# --- decoding ------------------------------------------------------------------------------

TEXT = "Stalin\u2019s \u201crevolution from above\u201d \u2013 caf\u00e9, \u00fcber, \u00a35."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32"),
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decoding(data: bytes, encoding: str) -> None:
    raw = read_bytes(data, "essay.txt")
    assert raw.text == TEXT
    assert raw.encoding == encoding


def test_cyrillic_code_page_is_detected() -> None:
    text = "Коллективизация была трагедией для крестьян."
    raw = read_bytes(text.encode("cp1251"), "essay.txt")
    assert raw.text == text
    assert raw.encoding == "cp1251"


def test_latin_guess_falls_back_to_cp1252() -> None:
    # charset-normalizer guesses cp775 for this, which would turn "£" into "Ż".
    data = "The caf\u00e9 in M\u00fcnchen charged \u00a35 for a \u201cpeasant\u201d lunch."
    assert read_bytes(data.encode("cp1252"), "x.txt").text == data


def test_undefined_cp1252_bytes_do_not_fail() -> None:
    raw = read_bytes(b"Tea \x81 and caf\xe9 \x8d.", "x.txt")
    assert raw.encoding == "cp1252"
    assert raw.text.startswith("Tea ")
    assert "caf\u00e9" in raw.text


@given(st.binary(max_size=200).filter(lambda b: b"\x00" not in b))
def test_never_fails_on_8bit_text(noise: bytes) -> None:
    # Keep the control bytes rare, as in a real text file; the binary check is tested below.
    noise = bytes(b for b in noise if b >= 0x20 or b in b"\t\n")
    raw = read_bytes(b"Tea is good. " + noise, "x.txt")
    assert raw.text.startswith("Tea is good.")


# --- normalisation -------------------------------------------------------------------------


def test_newlines_are_normalised() -> None:
    assert read_bytes(b"a\r\nb\rc\n", "x.txt").text == "a\nb\nc\n"


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    data = b"Tea is \x07good,\x1b coffee \x7fis\tbetter.\n"
    assert read_bytes(data, "x.txt").text == "Tea is good, coffee is\tbetter.\n"


def test_text_is_nfc() -> None:
    assert read_bytes("cafe\u0301".encode(), "x.txt").text == "caf\u00e9"


# --- errors --------------------------------------------------------------------------------


def test_no_such_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert _error(read_path, path) == f"{path}: no such file"


def test_folder(tmp_path: Path) -> None:
    assert _error(read_path, tmp_path) == f"{tmp_path}: is a folder, not a file"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "essay.docx"
    path.write_bytes(b"PK\x03\x04")
    message = _error(read_path, path)
    assert message == f"{path}: unsupported file type '.docx' {SUPPORTED}"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom chmod 000 changes nothing: make the read itself fail.
    path = tmp_path / "locked.txt"
    path.write_text(ESSAY)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert _error(read_path, path) == f"{path}: permission denied"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text(ESSAY)

    def fail(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    assert _error(read_path, path) == f"{path}: cannot read the file (Input/output error)"


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Tea is good. " * (5_000_000 // 13) + b"x" * (5_000_000 % 13))
    assert path.stat().st_size == 5_000_000
    assert _error(read_path, path) == f"{path}: file is too large (5.0 MB; the limit is 2.0 MB)"


def test_too_large_bytes() -> None:
    message = _error(read_bytes, b"a" * (MAX_BYTES + 1), "-")
    assert message == "-: file is too large (2.0 MB; the limit is 2.0 MB)"


def test_limit_itself_is_allowed() -> None:
    assert len(read_bytes(b"a" * MAX_BYTES, "-").text) == MAX_BYTES


def test_many_control_bytes_look_binary() -> None:
    data = bytes(range(1, 32)) * 10 + b"some text"
    assert _error(read_bytes, data, "x.txt") == "x.txt: looks like a binary file, not text"


def test_utf16_without_bom_looks_binary() -> None:
    # NUL bytes and no byte-order mark: we do not guess at BOM-less UTF-16.
    message = _error(read_bytes, ESSAY.encode("utf-16-le"), "x.txt")
    assert message == "x.txt: looks like a binary file, not text"


# --- the named bad files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "file is empty"),
        ("whitespace-only.txt", "contains no text (only whitespace)"),
        ("unsupported.pdf", f"unsupported file type '.pdf' {SUPPORTED}"),
        ("binary.bin", f"unsupported file type '.bin' {SUPPORTED}"),
    ],
)
def test_bad_file_messages(name: str, problem: str) -> None:
    path = BAD / name
    assert _error(read_path, path) == f"{path}: {problem}"


def test_bad_binary_read_as_text(tmp_path: Path) -> None:
    data = (BAD / "binary.bin").read_bytes()
    binary = "looks like a binary file, not text"
    assert _error(read_bytes, data, "binary.bin", fmt="txt") == f"binary.bin: {binary}"
    assert _error(read_bytes, data, "-") == f"-: {binary}"
    copy = tmp_path / "binary"
    copy.write_bytes(data)
    assert _error(read_path, copy) == f"{copy}: {binary}"


def test_bad_latin1_decodes() -> None:
    path = BAD / "latin1.txt"
    raw = read_path(path)
    assert raw.encoding == "cp1252"
    assert raw.text.startswith(
        "The caf\u00e9 owners of D\u00fcsseldorf charged \u00a35 for a \u201cpeasant\u201d lunch,"
    )
    assert "na\u00efve reformers" in raw.text
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")


def test_bad_utf16_decodes() -> None:
    raw = read_path(BAD / "utf16-bom.txt")
    assert raw.encoding == "utf-16"
    assert raw.text.startswith("Collectivisation was driven by the need for grain \u2013 not")
    assert "\u201cwar against the peasantry\u201d" in raw.text
    assert "\ufeff" not in raw.text


def test_bad_script_injection_is_read_verbatim() -> None:
    raw = read_path(BAD / "script-injection.txt")
    assert "<script>alert(1)</script>" in raw.text
    assert "<img src=x onerror=alert(2)>" in raw.text
    assert raw.text.startswith("Many historians argue that the famine was man-made.")
