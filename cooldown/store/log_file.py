"""The log's file on disk: created private, on the WAL journal, copied aside before its schema changes.

What `store.episodes` does to the file itself before and while it opens it, apart from reading and writing episodes.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from pathlib import Path

from cooldown.paths import PRIVATE_FILE


def use_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch the log to the WAL journal, so a reader (an export piped into a pager) never blocks a save.

    The switch needs a moment alone with a log still on the old journal, and SQLite
    does not wait for it as it waits for a write: another process mid-save makes it
    fail at once. So it is tried again for `timeout` seconds. SQLite gives the
    `-wal` and `-shm` files the log's own permissions (0600), and removes them when
    the last connection closes.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                return  # a log that can't be written (read-only media) is still read, on its old journal
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def backup_path(path: Path, version: int) -> Path:
    """Where the log is copied before schema `version` is changed: episodes.sqlite3.schema-2-backup."""
    return path.with_name(f"{path.name}.schema-{version}-backup")


def back_up(db: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy the whole log, as it is at schema `version`, to a private file beside it.

    The copy's name is claimed first: if it is there already (another process is
    upgrading the same log, or did), that copy stands and no second one is made.
    """
    target = backup_path(path, version)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        return
    os.chmod(target, PRIVATE_FILE)
    copy = sqlite3.connect(target)
    try:
        db.backup(copy)
    finally:
        copy.close()


def create_private(path: Path) -> None:
    """Create the log file with 0600 before SQLite opens it (a folder in its place is refused)."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder is where the log file should be", str(path))
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
        os.chmod(path, PRIVATE_FILE)
