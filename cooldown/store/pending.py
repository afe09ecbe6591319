"""The promise pending in the log, read with the standard library only.

`cooldown status` (run every second by a status bar) and the background alarm
need to know one thing: is a cool-down running, due, or a talk put off, and
until when. They read it here with a plain read-only SQLite query, never
importing pydantic or the rest of the store, so they start in a few
milliseconds. The stages mean what `session.status.Stage` means.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime

RESUME_WINDOW_SECONDS = 48 * 3600
"""Only cool-downs started this recently are pending (as `session.status.RESUME_WINDOW`)."""
OPEN_STATUSES = ("cooling", "returned", "talk_later")
"""The stored statuses of an episode with a promise still open (as `core.episode.OPEN_STATUSES`)."""
BUSY_MILLISECONDS = 2000

COOLING, DUE, RETURNED, TALK_LATER, TALK_DUE = "cooling", "due", "returned", "talk_later", "talk_due"
STAGES = (COOLING, DUE, RETURNED, TALK_LATER, TALK_DUE)

_COLUMNS = "uid, status, started_ts, activity, return_at, talk_at"


class Pending:
    """An episode with an agreed return time, as stored.

    A plain class rather than a dataclass: `dataclasses` alone would double the
    start-up time of `cooldown status`.
    """

    __slots__ = ("uid", "status", "started_ts", "activity", "return_at", "talk_at")

    def __init__(
        self,
        uid: str,
        status: str,
        started_ts: float,
        activity: str | None,
        return_at: datetime | None,
        talk_at: datetime | None,
    ) -> None:
        self.uid = uid
        self.status = status
        self.started_ts = started_ts
        self.activity = activity
        self.return_at = return_at
        self.talk_at = talk_at

    def __repr__(self) -> str:
        return f"Pending({self.uid!r}, {self.status!r}, return_at={self.return_at!r}, talk_at={self.talk_at!r})"

    @property
    def is_open(self) -> bool:
        """True while the episode still holds a promise (running, unrecorded or a talk put off)."""
        return self.status in OPEN_STATUSES and self.return_at is not None

    def stage(self, now: datetime) -> str | None:
        """One of `STAGES` at `now`, or None once the episode is closed."""
        if not self.is_open:
            return None
        if self.status == "cooling":
            assert self.return_at is not None
            return DUE if now >= self.return_at else COOLING
        if self.status == "talk_later":
            return TALK_DUE if self.talk_at is not None and now >= self.talk_at else TALK_LATER
        return RETURNED

    def recent(self, now: datetime) -> bool:
        """True if it started within the resume window."""
        return now.timestamp() - self.started_ts <= RESUME_WINDOW_SECONDS


def open_read_only(path: str | os.PathLike[str]) -> sqlite3.Connection | None:
    """A read-only connection to the log at `path`, or None if there is no log there.

    Raises sqlite3.Error if the file is there but can't be read.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        return None
    name = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    db = sqlite3.connect(f"file:{name}?mode=ro", uri=True, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_MILLISECONDS}")
    return db


def newest(db: sqlite3.Connection, now: datetime) -> Pending | None:
    """The newest episode started within the resume window whose promise is still open."""
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    row = db.execute(
        f"SELECT {_COLUMNS} FROM episodes WHERE status IN ({marks}) AND started_ts >= ? "
        "AND return_at IS NOT NULL ORDER BY started_ts DESC, id DESC LIMIT 1",
        (*OPEN_STATUSES, now.timestamp() - RESUME_WINDOW_SECONDS),
    ).fetchone()
    return None if row is None else _pending(row)


def episode(db: sqlite3.Connection, uid: str) -> Pending | None:
    """The episode `uid` as stored, whatever its status (None once deleted)."""
    row = db.execute(f"SELECT {_COLUMNS} FROM episodes WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else _pending(row)


def _pending(row: tuple) -> Pending:
    uid, status, started_ts, activity, return_at, talk_at = row
    return Pending(
        uid=uid,
        status=status,
        started_ts=float(started_ts),
        activity=activity,
        return_at=_instant(return_at),
        talk_at=_instant(talk_at),
    )


def _instant(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
