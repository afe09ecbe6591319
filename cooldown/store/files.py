"""Writing a file the user named, and reading one, whatever kind of file the name turns out to be.

The user names files: `export --output`, `plan --output`, config.toml, the file to
import. A name can be a regular file, a symbolic link, a terminal or /dev/null, a
named pipe or /dev/stdout. Each is handled on purpose.

Writing (`write_file`, `write_text`):

- A regular file, or nothing yet: a temporary file in the same folder, flushed to
  disk, then `os.replace`d onto the name. The file is the old one or the new one,
  never half of either, and readable by its owner only.
- A character device (a terminal, /dev/null) or a named pipe: written through, as a
  shell's `>` would, without truncating or replacing it, so a device stays a device.
  A pipe is opened without waiting: if nobody is reading from it, that is said at
  once instead of hanging. Once open, writing waits for the reader as any pipe does.
- /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N: the descriptor that is
  already open is written (a copy of it), so the output goes exactly where the
  shell sent it, appending where `>>` asked for that.
- A symbolic link is followed and where it leads is written by the rules above. A
  link to a regular file stays a link and the file it points to is replaced; a link
  to nothing yet creates its target; a link that leads back to itself is refused.
- A directory, a disk (block) device or a socket is refused, with the reason.

Reading (`read_file`):

- The name is looked at first, so a device is never even opened; then the file is
  opened without waiting (a named pipe with no writer never hangs) and checked
  again on the open descriptor, so what was checked is what is read.
- Only regular files are read, and at most `limit` bytes of them. A pipe is read
  only where the caller allows it (an import from /dev/stdin), also at most `limit`
  bytes; it ends when its writer closes it, at once if there is no writer.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from cooldown.paths import PRIVATE_FILE

T = TypeVar("T")

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
"""No newline translation on Windows."""

_CHUNK = 1024 * 1024

_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}

NOBODY_READING = "nobody is reading from this pipe (start the program that reads it first)"
LOOP = "it is a symbolic link that leads back to itself"


class FileRefused(OSError):
    """The named file is not one that can be used this way; str() is the reason, in a few plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class FileTooLarge(FileRefused):
    """More than the limit: `size` is the file's size when known beforehand, else None."""

    def __init__(self, path: Path, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
        super().__init__(path, f"it is too large ({shown}; at most {limit:,})")


# Writing


def write_text(path: Path, fill: Callable[[TextIO], T], *, mode: int = PRIVATE_FILE) -> T:
    """`write_file` for text: `fill` gets a UTF-8 stream with no newline translation."""

    def binary(handle: BinaryIO) -> T:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            result = fill(text)
            text.flush()
        except BaseException:
            with contextlib.suppress(OSError, ValueError):
                text.detach()
            raise
        text.detach()
        return result

    return write_file(path, binary, mode=mode)


def write_file(path: Path, fill: Callable[[BinaryIO], T], *, mode: int = PRIVATE_FILE) -> T:
    """Write what `fill(handle)` writes to the file named `path`, by the rules above; returns what `fill` returns.

    A regular file gets `mode`. Raises `FileRefused` for a name that can't be
    written to this way, and OSError when writing fails; a regular file is then
    left as it was, with no temporary file beside it.
    """
    place = _place(path)
    if place.replace:
        return _replace(place.path, fill, mode)
    descriptor = _open_through(place)
    with os.fdopen(descriptor, "wb") as handle:
        result = fill(handle)
        handle.flush()
    return result


@dataclass(frozen=True)
class _Place:
    """Where a write goes: a file to replace, or something to write through."""

    path: Path
    replace: bool
    descriptor: int | None = None
    """The open descriptor a /dev/stdout-style name stands for."""


def _place(path: Path) -> _Place:
    number = descriptor_named(path)
    if number is not None:
        return _Place(path, replace=False, descriptor=number)
    try:
        info = os.stat(path)
    except FileNotFoundError:  # nothing there yet, or a link to nothing yet: create it
        return _Place(Path(os.path.realpath(path)), replace=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileRefused(path, LOOP) from error
        raise
    if stat.S_ISREG(info.st_mode):
        real = Path(os.path.realpath(path))
        if _same_file(real, info):
            return _Place(real, replace=True)
        return _Place(path, replace=False)  # reached by a link with no name (a deleted file held open)
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return _Place(path, replace=False)
    raise FileRefused(path, _not_writable(info.st_mode))


def descriptor_named(path: Path) -> int | None:
    """The descriptor number /dev/stdout, /dev/fd/N or /proc/self/fd/N stands for; None for other names."""
    text = os.fspath(path)
    if text in _STANDARD:
        return _STANDARD[text]
    for folder in ("/dev/fd/", "/proc/self/fd/", f"/proc/{os.getpid()}/fd/"):
        if text.startswith(folder) and text[len(folder) :].isdigit():
            return int(text[len(folder) :])
    return None


def _same_file(path: Path, info: os.stat_result) -> bool:
    try:
        found = os.stat(path)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (info.st_dev, info.st_ino)


def _replace(target: Path, fill: Callable[[BinaryIO], T], mode: int) -> T:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            result = fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return result


def _open_through(place: _Place) -> int:
    if place.descriptor is not None:
        try:
            return os.dup(place.descriptor)
        except OSError as error:
            raise FileRefused(place.path, "it is not open here, so there is nowhere to write") from error
    try:
        descriptor = os.open(place.path, os.O_WRONLY | _NONBLOCK | _NOCTTY | _CLOEXEC | _BINARY)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a pipe with no reader (opening it to wait would hang)
            raise FileRefused(place.path, NOBODY_READING) from error
        raise
    _wait_when_writing(descriptor)
    return descriptor


def _wait_when_writing(descriptor: int) -> None:
    """Clear O_NONBLOCK: it was for opening; writes then wait for the reader, as with any pipe."""
    if not _NONBLOCK:
        return
    import fcntl

    flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
    fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~_NONBLOCK)


def _not_writable(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "it is a directory, not a file"
    if stat.S_ISBLK(mode):
        return "it is a disk device; cooldown writes only to files, terminals and pipes"
    if stat.S_ISSOCK(mode):
        return "it is a socket; cooldown writes only to files, terminals and pipes"
    return "it is not a file cooldown can write to"


# Reading


def read_file(path: Path, limit: int, *, pipes: bool = False) -> bytes:
    """The bytes of the regular file `path` (or, with `pipes`, of a pipe), at most `limit` of them.

    Raises FileNotFoundError if nothing is there, `FileTooLarge` past `limit`,
    `FileRefused` for a directory, a device, a socket (or a pipe, unless allowed),
    and OSError if it can't be read.
    """
    try:
        _check_readable(path, os.stat(path).st_mode, pipes)  # a device is never opened
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileRefused(path, LOOP) from error
        raise
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY | _CLOEXEC | _BINARY)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
            raise FileRefused(path, "it is not a file that can be read") from error
        raise
    try:
        info = os.fstat(descriptor)
        _check_readable(path, info.st_mode, pipes)  # what is open now, whatever the name meant a moment ago
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        if stat.S_ISFIFO(info.st_mode):
            _wait_when_writing(descriptor)  # a pipe with no writer ends at once; one with a writer is waited for
        return _read_at_most(descriptor, path, limit)
    finally:
        os.close(descriptor)


def _check_readable(path: Path, mode: int, pipes: bool) -> None:
    if stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode)):
        return
    if stat.S_ISDIR(mode):
        raise FileRefused(path, "it is a directory, not a file")
    if stat.S_ISFIFO(mode):
        raise FileRefused(path, "it is a pipe, not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise FileRefused(path, "it is a device, not a file")
    raise FileRefused(path, "it is not a regular file")


def _read_at_most(descriptor: int, path: Path, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(path, None, limit)


__all__ = ["FileRefused", "FileTooLarge", "descriptor_named", "read_file", "write_file", "write_text"]
