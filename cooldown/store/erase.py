"""Erasing for good: episodes taken out of the log so their text is gone from the file, files zeroed before removal.

Deleting a row in SQLite only marks its space as free: the words stay in the file, and
in the write-ahead journal, until something happens to overwrite them. So episodes are
deleted with `PRAGMA secure_delete` on (SQLite writes zeros over the space it frees),
together with the alerts sent for them; the journal is then folded into the log and
emptied (`PRAGMA wal_checkpoint(TRUNCATE)`), the log is rebuilt with `VACUUM`, and
the journal emptied again. A whole file is overwritten with zeros and synced before
it is unlinked. On copy-on-write file systems (btrfs, ZFS, APFS) and on flash storage
the old blocks may survive elsewhere on the device, out of reach of any file: there,
this is the best a program can do.

This module reads the log with plain SQL and never migrates it: it works on the log
and on the copies made before a schema change alike.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cooldown.store.episodes import StoreError
from cooldown.store.pending import OPEN_STATUSES, RESUME_WINDOW_SECONDS

BUSY_SECONDS = 5.0
"""How long a step waits for another cooldown (a status line, the alarm) to finish its read."""
CHUNK = 1 << 20
JOURNALS = ("-wal", "-shm", "-journal")
"""What SQLite adds to a database file's name for its journals."""
SCHEMA_BACKUP = re.compile(r"\.schema-\d+-backup$")
"""The end of the name of a copy made before a schema change (see `store.log_file.backup_path`)."""


class JournalBusy(StoreError):
    """The episodes were deleted, but another process kept reading, so the journal could not be emptied yet."""

    def __init__(self, path: Path, removed: int = 0) -> None:
        super().__init__(path, "another cooldown is reading it")
        self.removed = removed
        self.args = (
            f"The episodes were taken out of {path}, but another cooldown is reading it, "
            f"so their words may still be in {path.name}-wal",
        )

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Tally:
    """The episodes a `--episodes-before` would forget, and those it would keep."""

    forgotten: int
    kept: int
    running: tuple[str, ...]
    """The uids of forgotten cool-downs whose promise is still open (a background alarm may watch them)."""


@dataclass(frozen=True)
class Erased:
    """What became of one file."""

    path: Path
    removed: bool
    wiped: bool = False
    """Its bytes were overwritten with zeros and synced (never for a link, or for a file already gone)."""
    problem: str = ""
    """Why it could not be overwritten or removed, in a few words ("" if all went well)."""
    link: bool = False
    """It was a symbolic link: the link went, the file it points to is left."""


# Episodes


def count_episodes(path: Path) -> int:
    """How many episodes the log (or a copy of it) at `path` holds; StoreError if it can't be read."""
    with _reading(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0])


def tally_before(path: Path, before: datetime, now: datetime) -> Tally:
    """The episodes started before `before` (forgotten) and the others (kept)."""
    cutoff = before.timestamp()
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    with _reading(path) as db:
        forgotten, kept = db.execute(
            "SELECT COALESCE(SUM(started_ts < ?), 0), COALESCE(SUM(started_ts >= ?), 0) FROM episodes",
            (cutoff, cutoff),
        ).fetchone()
        running = db.execute(
            f"SELECT uid FROM episodes WHERE started_ts < ? AND started_ts >= ? AND status IN ({marks})",
            (cutoff, now.timestamp() - RESUME_WINDOW_SECONDS, *OPEN_STATUSES),
        ).fetchall()
    return Tally(int(forgotten), int(kept), tuple(uid for (uid,) in running))


def forget_before(path: Path, before: datetime) -> int:
    """Delete the episodes started before `before`, and their alerts, leaving none of their text in the file.

    Returns how many episodes went. Works on any version of the log's schema (the alerts
    table came with the fifth). StoreError if it fails; the deletion itself is all or nothing.
    """
    cutoff = before.timestamp()
    with _connection(path, write=True) as db:
        db.execute("PRAGMA secure_delete = ON")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        db.execute("BEGIN IMMEDIATE")
        try:
            if "alerts" in tables:
                db.execute("DELETE FROM alerts WHERE uid IN (SELECT uid FROM episodes WHERE started_ts < ?)", (cutoff,))
            removed = db.execute("DELETE FROM episodes WHERE started_ts < ?", (cutoff,)).rowcount
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        try:
            _rebuild(db, path)
        except JournalBusy as busy:
            raise JournalBusy(path, removed) from busy
    return removed


def rebuild(path: Path) -> None:
    """Fold the journal into the log, rewrite the log without its free space, and empty the journal again."""
    with _connection(path, write=True) as db:
        _rebuild(db, path)


def _rebuild(db: sqlite3.Connection, path: Path) -> None:
    _checkpoint(db, path)
    db.execute("VACUUM")
    _checkpoint(db, path)


def _checkpoint(db: sqlite3.Connection, path: Path) -> None:
    """Copy the journal into the log and cut it to nothing; StoreError while another process still reads it."""
    row = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if row is not None and row[0]:
        raise JournalBusy(path)


def journal_has_text(path: Path) -> bool:
    """True if the log's write-ahead journal beside it is not empty (an earlier erase was held up)."""
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to read `path` with: read-write where it can be, so that on closing SQLite folds the
    journal back and removes the `-wal` and `-shm` files it made (a read-only one would leave them)."""
    write = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    with _connection(path, write=write) as db:
        yield db


@contextmanager
def _connection(path: Path, *, write: bool) -> Iterator[sqlite3.Connection]:
    """A connection to an existing SQLite file (never created here); its errors as StoreError naming it."""
    name = os.fspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    db: sqlite3.Connection | None = None
    try:
        if not path.is_file():
            raise FileNotFoundError(2, "No such file")
        db = sqlite3.connect(
            f"file:{name}?mode={'rw' if write else 'ro'}", uri=True, isolation_level=None, timeout=BUSY_SECONDS
        )
        yield db
    except (sqlite3.Error, OSError) as error:
        reason = error.strerror.lower() if isinstance(error, OSError) and error.strerror else str(error)
        raise StoreError(path, reason or type(error).__name__) from error
    finally:
        if db is not None:
            db.close()


# Files


def beside(path: Path) -> list[Path]:
    """The files next to `path` that belong to it: its name and more (journals, copies, damaged logs put aside),
    and the temporary files a write through a temporary file can leave (`.name.*.tmp`). Sorted by name."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    found = [
        Path(entry.path)
        for entry in entries
        if entry.name != path.name
        and (
            entry.name.startswith(path.name)
            or (entry.name.startswith(f".{path.name}.") and entry.name.endswith(".tmp"))
        )
        and (entry.is_symlink() or entry.is_file(follow_symlinks=False))
    ]
    return sorted(found)


def erase_file(path: Path) -> Erased:
    """Overwrite `path` with zeros, sync it and remove it. A symbolic link is only removed.

    Never raises: what went wrong is in the answer. A file that could not be overwritten
    is still removed (and says so); one already gone counts as removed.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Erased(path, removed=True)
    except OSError as error:
        return Erased(path, removed=False, problem=_reason(error))
    link = stat.S_ISLNK(info.st_mode)
    wiped, problem = False, ""
    if stat.S_ISREG(info.st_mode):
        try:
            _zero(path, info.st_size)
            wiped = True
        except OSError as error:
            problem = _reason(error)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        return Erased(path, removed=False, wiped=wiped, problem=_reason(error), link=link)
    _sync_folder(path.parent)
    return Erased(path, removed=True, wiped=wiped, problem=problem, link=link)


def remove_folder(path: Path) -> str:
    """Remove the empty folder `path`; "" if it went (or was not there), else why not."""
    try:
        path.rmdir()
    except FileNotFoundError:
        return ""
    except OSError as error:
        return _reason(error)
    _sync_folder(path.parent)
    return ""


def _zero(path: Path, size: int) -> None:
    """Write `size` zero bytes over the file at `path`, from its start, and sync them to the disk."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except PermissionError:
        os.chmod(path, 0o600)  # a file of the user's made read-only: theirs to write again
        handle = os.open(path, flags)
    try:
        zeros = bytes(min(size, CHUNK))
        left = size
        while left > 0:
            left -= os.write(handle, zeros[: min(left, CHUNK)])
        os.fsync(handle)
    finally:
        os.close(handle)


def _sync_folder(folder: Path) -> None:
    """Make a removal in `folder` durable (where folders can be opened and synced)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)
