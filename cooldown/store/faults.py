"""What can go wrong with the episode log, in plain words, and what is done about a damaged one.

`StoreError` names the file, the reason and what the person can do; `DamagedLog`
is a file at the log's place that is not a whole SQLite log (not a database, cut
short, corrupt); `LogSetAside` is the news that such a file was moved aside. A
damaged log is never deleted or overwritten: `set_aside` moves it, with the files
SQLite keeps beside it, to a dated name in the same folder.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

DAMAGED_MARK = ".damaged-"
"""Between the log's name and the date in the name of a damaged log moved aside."""
COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a log; a damaged log is moved aside with them."""


class StoreError(Exception):
    """The log could not be read or written. The message names the file, and says what to do if anything can be."""

    def __init__(self, path: Path, reason: str, advice: str = "") -> None:
        self.path = path
        self.reason = reason
        self.advice = advice
        """What the person can do about it, in a sentence ('' if nothing)."""
        message = f"The log at {path} could not be used: {reason}"
        super().__init__(f"{message}. {advice}" if advice else message)


DAMAGED_ADVICE = (
    "It is left exactly as it is; the next time cooldown opens, it is moved aside, whole, and a new log is started"
)


class DamagedLog(StoreError):
    """The file at the log's place is not a whole SQLite log: not a database, cut short, or corrupt."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(path, f"it is damaged ({cause})", DAMAGED_ADVICE)
        self.cause = cause
        """SQLite's word for the damage ("file is not a database", "database disk image is malformed")."""
        self.identity = _identity(path)
        """(device, inode) of the damaged file when it was found, so only that file is ever moved aside."""


class LogSetAside(StoreError):
    """Not a failure but news: a damaged log was moved aside, whole, and a new one started in its place."""

    def __init__(self, path: Path, moved_to: Path, cause: str) -> None:
        self.moved_to = moved_to
        """Where the damaged log is now, byte for byte as it was found."""
        super().__init__(path, f"it was damaged ({cause})")
        Exception.__init__(
            self,
            f"The log at {path} was damaged ({cause}), so it was moved to {moved_to}, "
            "kept exactly as it was, and a new log was started. Your earlier episodes are in that file.",
        )


HEADER = b"SQLite format 3\x00"


def damage_of(path: Path) -> str | None:
    """What is wrong with the file at `path`, read from its header before SQLite opens it; None if nothing shows.

    SQLite, opening a file, may replay or remove the -wal beside it: a file that is plainly not a log,
    or is shorter than its own header says (half a file), is refused before SQLite touches either.
    The length is only checked with no -wal beside it, since a checkpoint cut short leaves the
    rest of the log in the -wal for SQLite to finish.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except FileNotFoundError:
        return None
    if not header:
        return None  # an empty file: a new log
    if len(header) < 100 or not header.startswith(HEADER):
        return "file is not a database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # SQLite's sign that the page count in the header is current
    wal = Path(f"{path}-wal")
    if counted and pages and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        return "the file is cut short"
    return None


def set_aside(path: Path, when: datetime, identity: tuple[int, int] | None = None) -> Path:
    """Move the damaged log at `path`, with its -wal, -shm and -journal files, to a dated name beside it.

    `episodes.sqlite3` becomes `episodes.sqlite3.damaged-2026-11-21T1800` (then `-2`, `-3` if that
    name is taken), and its `-wal` goes with it under the new name, so SQLite still reads the two
    together. Nothing is deleted or overwritten: each file is linked under its new name before its
    old name goes, and a name already taken is never used. The companions move first, so a new
    log never meets a stale one. With `identity`, a file that is no longer the one found damaged
    (another window already moved it aside and started afresh) is left alone. Returns the new
    path of the log; raises OSError if it could not be moved.
    """
    if identity is not None and _identity(path) != identity:
        return _newest_copy(path)
    stamp = f"{path.name}{DAMAGED_MARK}{when:%Y-%m-%dT%H%M}"
    number = 1
    while True:
        target = path.with_name(stamp if number == 1 else f"{stamp}-{number}")
        if not any(os.path.lexists(f"{target}{end}") for end in ("", *COMPANIONS)):
            break
        number += 1
    for end in COMPANIONS:
        if os.path.lexists(f"{path}{end}"):
            _move(Path(f"{path}{end}"), Path(f"{target}{end}"))
    _move(path, target)
    return target


def damaged_copies(path: Path) -> list[Path]:
    """The damaged logs moved aside beside the log at `path`, oldest first (their companions left out)."""
    found = [
        copy
        for copy in path.parent.glob(f"{path.name}{DAMAGED_MARK}*")
        if not copy.name.endswith(COMPANIONS) and copy.is_file()
    ]
    return sorted(found, key=lambda copy: (copy.stat().st_mtime, copy.name))


def _newest_copy(path: Path) -> Path:
    copies = sorted(path.parent.glob(f"{path.name}{DAMAGED_MARK}*"), key=lambda copy: copy.name)
    return next((copy for copy in reversed(copies) if not copy.name.endswith(COMPANIONS)), path)


def _move(source: Path, target: Path) -> None:
    """Give `source` the name `target`, never replacing a file already called that."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: a rename, once the name is known to be free
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "a file already has that name", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code for `error` (None if it is not SQLite's)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


READ_ONLY = "Make {folder} writable (or set COOLDOWN_HOME to a folder that is); the next step is saved once it is"
FULL = "Free some space on that disk; the next step is saved once there is room"
FOLDER_IN_THE_WAY = "Move or rename that folder, then start cooldown again"


def advice(error: BaseException, path: Path) -> str:
    """What the person can do about `error`, in a sentence ('' when nothing simple helps)."""
    code = sqlite_code(error)
    number = getattr(error, "errno", None)
    if code == sqlite3.SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return FULL
    if code == sqlite3.SQLITE_READONLY or number in (errno.EROFS, errno.EACCES, errno.EPERM):
        return READ_ONLY.format(folder=path.parent)
    if isinstance(error, IsADirectoryError):
        return FOLDER_IN_THE_WAY
    if code == sqlite3.SQLITE_CANTOPEN:
        if not path.parent.is_dir():
            return "Check that its folder is there and can be reached, then start cooldown again"
        if not os.access(path.parent, os.W_OK):  # SQLite could not make its -shm file beside the log
            return READ_ONLY.format(folder=path.parent)
    return ""


def describe(error: BaseException, path: Path) -> tuple[str, str]:
    """`error` in plain words, and what the person can do about it."""
    reason = plain_reason(error)
    if sqlite_code(error) == sqlite3.SQLITE_CANTOPEN and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        reason = f"its folder can't be written ({reason})"
    return reason, advice(error, path)


def invalid_episode(error: BaseException) -> bool:
    """Whether `error` is the episode model refusing a stored row (pydantic's ValidationError).

    Only a loaded pydantic can raise one, so a command that never builds an episode (`cooldown stats`)
    never has to import it just to know that."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(error, pydantic.ValidationError)


def plain_reason(error: BaseException) -> str:
    if isinstance(error, IsADirectoryError):
        return "a folder is where the log file should be"
    if isinstance(error, FileExistsError | NotADirectoryError):
        return "a file is in the way where a folder should be"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    if invalid_episode(error):
        return f"a stored episode is not valid ({error.error_count()} problem(s))"
    return str(error) or type(error).__name__
