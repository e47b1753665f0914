"""Decoding text and Markdown files: UTF-8, Windows-1252 line by line, UTF-16 with its BOM;
binary data and over-long files or lines refused with a one-line error."""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.errors import IngestError
from ingest.limits import DEFAULT_LIMITS, Limits, count, over


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def decode(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """UTF-8 (with or without BOM), else per line UTF-8 or Windows-1252, so one pasted
    Windows-1252 line does not garble a UTF-8 file; UTF-16 only with its BOM (Word's
    "Unicode text"). Binary data (a NUL character anywhere) is refused."""
    if not data.strip():
        raise IngestError(path, "the file is empty")
    binary = IngestError(path, "the file is binary, not text (it contains NUL bytes)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(path, "the file starts as UTF-16 text but is not UTF-16") from None
    elif b"\x00" in data:
        raise binary
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            body = data.removeprefix(codecs.BOM_UTF8)
            text = "".join(_decode_line(line) for line in body.splitlines(keepends=True))
            if text.count("\ufffd") > 3:
                raise IngestError(path, "the file is neither UTF-8 nor Windows-1252 text") from None
    if "\x00" in text:
        raise binary
    if not text.strip():
        raise IngestError(path, "the file is empty")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > max(3, len(text) // 100):
        raise IngestError(path, "the file is binary, not text")
    if len(text) > limits.max_text_chars:
        raise IngestError(path, f"the text is {count(len(text))}, {over(limits.max_text_chars)}")
    return text


def text_file(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """Decoded text of a text or Markdown file whose lines are all of bounded length (the
    layout's regular expressions run per line)."""
    text = decode(data, path, limits)
    lines = text.splitlines()
    if len(lines) > limits.max_lines:
        raise IngestError(
            path, f"the file has {len(lines):,} lines, {over(limits.max_lines, 'lines')}"
        )
    for n, line in enumerate(lines, 1):
        if len(line) > limits.max_line_chars:
            raise IngestError(
                path, f"line {n} is {count(len(line))} long, {over(limits.max_line_chars)}"
            )
    return text
