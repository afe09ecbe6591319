"""Reading a hand-edited TOML file safely: config.toml and theme files.

A file that is not a regular file (a folder, a pipe), too large, unreadable,
not UTF-8 or not TOML gives one plain message instead of an exception, so
start-up never hangs or crashes on it.
"""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path
from typing import Any

SIZE_LIMIT = 256 * 1024
"""Settings and themes are a few kilobytes; anything past this is not one."""


class TomlFileError(Exception):
    """The file can't be used; str() says why, in a few words."""


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML table in `path`. Raises FileNotFoundError if it is not there, TomlFileError if unusable."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise TomlFileError("is not a regular file")
        if info.st_size > SIZE_LIMIT:
            raise TomlFileError(f"is too large ({info.st_size:,} bytes; at most {SIZE_LIMIT:,})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise TomlFileError(f"can't be read: {(error.strerror or str(error)).lower()}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        raise TomlFileError(
            f"is not UTF-8 text: byte 0x{raw[error.start]:02x} at line {line}, column {column} "
            "can't be read; save the file as UTF-8"
        ) from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlFileError(f"is not valid TOML: {lower_first(str(error))}") from error
    except RecursionError as error:
        raise TomlFileError("is not valid TOML: it is nested too deeply") from error


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, the column in characters) of a byte offset."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
