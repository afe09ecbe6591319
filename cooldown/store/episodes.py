"""The episode log: one SQLite file, private to the user.

Every step of a cool-down is written as it happens, so a closed terminal loses
nothing. Times are stored as ISO 8601 text with their UTC offset, plus the epoch
seconds of the start for ordering and range queries.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from cooldown.core.episode import OPEN_STATUSES, Episode, Outcome, Status
from cooldown.core.instant import utc
from cooldown.paths import PRIVATE_FILE, ensure_private_dir

COLUMNS = (
    "uid",
    "started_at",
    "protocol_used",
    "statement",
    "anger_before",
    "activity",
    "return_at",
    "returned_at",
    "reschedules",
    "outcome",
    "anger_after",
    "note",
    "status",
)

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE episodes (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        started_at TEXT NOT NULL,
        started_ts REAL NOT NULL,
        protocol_used INTEGER NOT NULL,
        statement INTEGER NOT NULL,
        anger_before INTEGER,
        activity TEXT,
        return_at TEXT,
        returned_at TEXT,
        reschedules INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        anger_after INTEGER,
        note TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL
    );
    CREATE INDEX episodes_by_start ON episodes (started_ts);
    CREATE INDEX episodes_by_status ON episodes (status, started_ts);
    """,
)
"""Schema versions in order; PRAGMA user_version says how many have run."""


class StoreError(Exception):
    """The log could not be read or written. The message names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"The log at {path} could not be used: {reason}")


class EpisodeLog:
    """Read and write episodes in the SQLite log at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._translate_errors():
            ensure_private_dir(path.parent)
            _create_private(path)
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            try:
                self._migrate()
            except sqlite3.Error:
                self._db.close()
                raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def save(self, episode: Episode) -> Episode:
        """Insert or update `episode`; returns it with its id."""
        values = _to_row(episode)
        with self._translate_errors(), self._transaction():
            if episode.id is None:
                cursor = self._db.execute(
                    f"INSERT INTO episodes ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' for _ in values)})",
                    tuple(values.values()),
                )
                return episode.model_copy(update={"id": cursor.lastrowid})
            assignments = ", ".join(f"{name} = ?" for name in values)
            self._db.execute(
                f"UPDATE episodes SET {assignments} WHERE id = ?",
                (*values.values(), episode.id),
            )
            return episode

    def get(self, episode_id: int) -> Episode | None:
        with self._translate_errors():
            row = self._db.execute("SELECT * FROM episodes WHERE id = ?", (episode_id,)).fetchone()
        return _from_row(row) if row else None

    def open_episode(self) -> Episode | None:
        """The newest episode with a running or unrecorded cool-down, if any."""
        marks = ", ".join("?" for _ in OPEN_STATUSES)
        with self._translate_errors():
            row = self._db.execute(
                f"SELECT * FROM episodes WHERE status IN ({marks}) "
                "ORDER BY started_ts DESC, id DESC LIMIT 1",
                tuple(OPEN_STATUSES),
            ).fetchone()
        return _from_row(row) if row else None

    def abandon_unfinished(self) -> int:
        """Mark episodes left during the statements as abandoned; returns how many."""
        with self._translate_errors(), self._transaction():
            cursor = self._db.execute(
                "UPDATE episodes SET status = ? WHERE status = ?",
                (Status.ABANDONED, Status.STATEMENTS),
            )
        return cursor.rowcount

    def episodes(self) -> Iterator[Episode]:
        """Every episode, oldest first."""
        with self._translate_errors():
            rows = self._db.execute("SELECT * FROM episodes ORDER BY started_ts, id").fetchall()
        return (_from_row(row) for row in rows)

    def outcome_counts(self, since: datetime) -> dict[Outcome, int]:
        """How many sidesteps and fights started at or after `since`."""
        counts = dict.fromkeys(Outcome, 0)
        with self._translate_errors():
            rows = self._db.execute(
                "SELECT outcome, COUNT(*) FROM episodes "
                "WHERE started_ts >= ? AND outcome IS NOT NULL GROUP BY outcome",
                (utc(since).timestamp(),),
            ).fetchall()
        for outcome, count in rows:
            counts[Outcome(outcome)] = count
        return counts

    def _migrate(self) -> None:
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(
                f"it was written by a newer cooldown (schema {version}); please upgrade"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self._db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _translate_errors(self) -> _ErrorTranslator:
        return _ErrorTranslator(self.path)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        elif self._db.in_transaction:
            self._db.execute("ROLLBACK")


class _ErrorTranslator:
    """Turn sqlite3 and OS errors into a StoreError that names the file."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, sqlite3.Error | OSError):
            raise StoreError(self._path, _plain_reason(exc)) from exc


def _plain_reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def _create_private(path: Path) -> None:
    """Create the log file with 0600 before SQLite opens it."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
        os.chmod(path, PRIVATE_FILE)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _to_row(episode: Episode) -> dict[str, Any]:
    return {
        "uid": episode.uid,
        "started_at": _iso(episode.started_at),
        "started_ts": utc(episode.started_at).timestamp(),
        "protocol_used": int(episode.protocol_used),
        "statement": episode.statement,
        "anger_before": episode.anger_before,
        "activity": episode.activity,
        "return_at": _iso(episode.return_at),
        "returned_at": _iso(episode.returned_at),
        "reschedules": episode.reschedules,
        "outcome": episode.outcome.value if episode.outcome else None,
        "anger_after": episode.anger_after,
        "note": episode.note,
        "status": episode.status.value,
    }


def _from_row(row: sqlite3.Row) -> Episode:
    data = {name: row[name] for name in COLUMNS}
    data["protocol_used"] = bool(data["protocol_used"])
    return Episode.model_validate({"id": row["id"], **data})
