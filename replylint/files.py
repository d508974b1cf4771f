"""Reading drafts from files and writing fixes back without ever losing text.

Reading keeps the text exactly as stored (line endings included; a UTF-8 byte-order mark is
remembered and written back). Writing goes to a temporary file in the same folder that then
atomically replaces the original, so an interrupted write or a full disk leaves the original
intact. A symbolic link is followed: its target is rewritten, the link is kept.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_FILE_BYTES = 5 * 1024 * 1024
DRAFT_SUFFIXES = (".txt",)
TEMPLATE_SUFFIXES = (".txt", ".md", ".markdown", ".yaml", ".yml", ".json", ".csv")


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_source(path: str, encoding: str = "utf-8", max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise InputError("not a regular file", path)
        if info.st_size > max_bytes:
            raise InputError(f"file is {info.st_size} bytes, over the limit of {max_bytes} bytes", path)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew while being read
            raise InputError(f"file is over the limit of {max_bytes} bytes", path)
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return decode(data, path, encoding)


def decode(data: bytes, path: str, encoding: str = "utf-8") -> SourceFile:
    if b"\x00" in data and not encoding.lower().startswith("utf-16"):
        raise InputError("looks like a binary file (it contains NUL bytes)", path, _line_of(data, data.index(b"\x00")))
    bom = False
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8):], True
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            f"use --encoding to name the file's encoding", path, _line_of(data, exc.start)) from None
    return SourceFile(path, text, encoding, bom)


def write_atomic(source: SourceFile, text: str) -> None:
    """Replace the file's content with ``text`` atomically, keeping its encoding, BOM and mode."""
    target = os.path.realpath(source.path)
    try:
        st_mode = os.stat(target).st_mode
    except OSError as exc:
        raise InputError(f"cannot write fix: {exc.strerror or exc}", source.path) from None
    if not st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise InputError("file is read-only: not fixed", source.path)
    try:
        data = text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"the fix cannot be written in {source.encoding} ({exc.object[exc.start]!r}); "
                         "the file is unchanged", source.path) from None
    if source.bom:
        data = codecs.BOM_UTF8 + data
    directory = os.path.dirname(target) or "."
    mode = stat.S_IMODE(st_mode)
    fd, temp = tempfile.mkstemp(prefix=".replylint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write fix: {exc.strerror or exc}; the file is unchanged", source.path) from None
        raise


def expand_paths(paths: list[str], suffixes: tuple[str, ...] = DRAFT_SUFFIXES) -> list[str]:
    """Files named, plus the files with one of ``suffixes`` found under named folders (sorted):
    ``.txt`` drafts, or in template mode every template format."""
    result: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = sorted(
                str(p) for p in Path(path).rglob("*")
                if p.is_file() and p.suffix.lower() in suffixes and not any(
                    part.startswith(".") for part in p.relative_to(path).parts)
            )
            result.extend(found)
        else:
            result.append(path)
    return result
