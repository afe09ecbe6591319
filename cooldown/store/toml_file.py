"""Reading a hand-edited TOML file safely: config.toml and theme files.

A file that is not a regular file (a folder, a pipe, a device, even behind a
symbolic link), too large, unreadable, not UTF-8 or not TOML gives one plain
message instead of an exception, so start-up never hangs, fills memory or
crashes on it; a TOML mistake is said in plain words with its line and column
(`toml_mistakes`). Reading goes through `files.read_file`: never waiting on a pipe,
never more than `SIZE_LIMIT` bytes.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from cooldown.store.files import LOOP, FileRefused, FileTooLarge, read_file
from cooldown.store.toml_mistakes import in_plain_words

SIZE_LIMIT = 256 * 1024
"""Settings and themes are a few kilobytes; anything past this is not one."""


class TomlFileError(Exception):
    """The file can't be used; str() says why, in a few words."""


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML table in `path`. Raises FileNotFoundError if it is not there, TomlFileError if unusable."""
    try:
        raw = read_file(path, SIZE_LIMIT)
    except FileNotFoundError:
        raise
    except FileTooLarge as error:
        shown = f"{error.size:,} bytes" if error.size is not None else f"more than {SIZE_LIMIT:,} bytes"
        raise TomlFileError(f"is too large ({shown}; at most {SIZE_LIMIT:,})") from error
    except FileRefused as error:
        if error.reason == LOOP:
            raise TomlFileError("is a symbolic link that leads back to itself") from error
        raise TomlFileError("is not a regular file") from error
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
        raise TomlFileError(f"is not valid TOML {in_plain_words(error, text)}") from error
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
