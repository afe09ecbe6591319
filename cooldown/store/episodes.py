"""The episode log: one SQLite file, private to the user.

Every step of a cool-down is written as it happens, so a closed terminal loses nothing. Errors from
SQLite or the file system come out as `StoreError`, naming the file and what to do (see store/faults.py).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self

from cooldown.core.instant import utc
from cooldown.core.text import visible
from cooldown.paths import ensure_private_dir
from cooldown.store import alerts
from cooldown.store.faults import (
    DamagedLog,
    LogSetAside,
    StoreError,
    damage_of,
    describe,
    invalid_episode,
    plain_reason,
    sqlite_code,
)
from cooldown.store.log_file import back_up, create_private, use_wal
from cooldown.store.schema import migrate

TYPE_CHECKING = False  # the episode model (pydantic) loads only once an episode is read or written
if TYPE_CHECKING:
    from pathlib import Path

    from cooldown.core.episode import Episode, Outcome

__all__ = ["DamagedLog", "EpisodeChanged", "EpisodeLog", "Filter", "LogSetAside", "StoreError"]

BUSY_TIMEOUT = 2.0
"""Seconds a write waits for another process's write to finish before giving up.

With the WAL journal a reader never holds a writer up, so only another save can,
and a save takes milliseconds: a longer wait would only freeze a key press."""
TOUCHED = "COALESCE(touched_ts, started_ts)"
"""When an episode's last step was confirmed (its start, for one saved without that time)."""
WRITE_POLL = 0.001
"""Seconds between tries for the write lock while another process holds it."""
ROW_ERRORS = (sqlite3.Error, OSError, IndexError, json.JSONDecodeError)
"""What SQLite, the file system and a stored row can raise; the episode model's own refusal is `invalid_episode`."""


@dataclass(frozen=True)
class Filter:
    """Which episodes a list or count covers."""

    outcome: Outcome | None = None
    """Only this outcome; see `unfinished` for episodes without one."""
    unfinished: bool = False
    """Only episodes with no outcome (running, abandoned)."""
    since: datetime | None = None
    """Started at or after this instant."""
    until: datetime | None = None
    """Started before this instant."""

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.unfinished:
            clauses.append("outcome IS NULL")
        elif self.outcome is not None:
            clauses.append("outcome = ?")
            params.append(self.outcome.value)
        if self.since is not None:
            clauses.append("started_ts >= ?")
            params.append(utc(self.since).timestamp())
        if self.until is not None:
            clauses.append("started_ts < ?")
            params.append(utc(self.until).timestamp())
        return (" AND ".join(clauses) or "1"), params


class EpisodeChanged(Exception):
    """The stored episode is not the one this process last saw: another window changed it."""

    def __init__(self, stored: Episode) -> None:
        super().__init__(f"episode {stored.id} was changed elsewhere")
        self.stored = stored


class EpisodeLog:
    """Read and write episodes in the SQLite log at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._reconnect = False
        """Set when a write met a read-only log: the next write opens the file afresh (it may be writable now)."""
        with self._errors():
            ensure_private_dir(path.parent)
            create_private(path)
            if (damage := damage_of(path)) is not None:
                raise DamagedLog(path, damage)
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        """Open the log, on the WAL journal and the current schema.

        SQLite opens a file it may not write read-only, and such a connection stays
        read-only even once the file or its disk can be written again.
        """
        db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        db.row_factory = sqlite3.Row
        try:
            use_wal(db, BUSY_TIMEOUT)
            migrate(db, back_up=lambda version: back_up(db, self.path, version))
        except sqlite3.Error:
            db.close()
            raise
        return db

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # Writing

    def save(self, episode: Episode, *, expected: Episode | None = None, touched: datetime | None = None) -> Episode:
        """Insert or update `episode`; returns it with its id.

        With `expected`, the update only happens if the stored episode still
        equals it; otherwise `EpisodeChanged` carries the stored one and nothing
        is written. That keeps two open windows from undoing each other's steps.
        `touched` is when the step being saved was confirmed (see `left_statements`).
        """
        from cooldown.store.rows import epoch, from_row, insert_sql, to_row

        values = to_row(episode)
        if touched is not None:
            values["touched_ts"] = epoch(touched)
        with self._errors(), self._transaction():
            if episode.id is None:
                cursor = self._db.execute(insert_sql(values), tuple(values.values()))
                return episode.model_copy(update={"id": cursor.lastrowid})
            if expected is not None:
                row = self._db.execute("SELECT * FROM episodes WHERE id = ?", (episode.id,)).fetchone()
                if row is not None and (stored := from_row(row)) != expected:
                    raise EpisodeChanged(stored)
            assignments = ", ".join(f"{name} = ?" for name in values)
            cursor = self._db.execute(f"UPDATE episodes SET {assignments} WHERE id = ?", (*values.values(), episode.id))
            if cursor.rowcount == 0:  # deleted meanwhile (another window): keep what was confirmed
                self._db.execute(insert_sql({"id": episode.id, **values}), (episode.id, *values.values()))
            return episode

    def add_new(self, episodes: Iterable[Episode]) -> int:
        """Insert every episode whose uid is not in the log yet, all or nothing.

        Returns how many were added; ids in `episodes` are ignored.
        """
        from cooldown.store.bulk_insert import insert_new
        from cooldown.store.rows import to_row

        rows = [to_row(episode) for episode in episodes]
        if not rows:
            return 0
        with self._errors(), self._transaction():
            return insert_new(self._db, rows)

    def delete(self, episode_id: int) -> bool:
        """Remove one episode for good; True if it was there."""
        with self._errors(), self._transaction():
            cursor = self._db.execute("DELETE FROM episodes WHERE id = ?", (episode_id,))
        return cursor.rowcount > 0

    def abandon_unfinished(self, before: datetime) -> int:
        """Mark episodes left during the statements, last touched before `before`, as abandoned.

        Recent ones are left alone: they are carried on, and another window may still be in
        the middle of them. Returns how many were marked.
        """
        from cooldown.core.episode import Status

        with self._errors(), self._transaction():
            cursor = self._db.execute(
                f"UPDATE episodes SET status = ? WHERE status = ? AND {TOUCHED} < ?",
                (Status.ABANDONED, Status.STATEMENTS, utc(before).timestamp()),
            )
        return cursor.rowcount

    def left_statements(self, since: datetime) -> Episode | None:
        """The newest episode still in the statements whose last step was confirmed at or after `since`."""
        from cooldown.core.episode import Status

        found = self._read(
            f"SELECT * FROM episodes WHERE status = ? AND {TOUCHED} >= ? ORDER BY {TOUCHED} DESC, id DESC LIMIT 1",
            (Status.STATEMENTS, utc(since).timestamp()),
        )
        return found[0] if found else None

    # Alerts sent, shared between processes (see store/alerts.py)

    def alerts_sent(self, uid: str, due_ts: float, channel: str = alerts.HERE) -> tuple[int, float | None]:
        with self._errors():
            found = alerts.sent(self._db, uid, due_ts, channel)
        return found.count, found.last_ts

    def claim_alert(self, uid: str, due_ts: float, number: int, now_ts: float, channel: str = alerts.HERE) -> bool:
        """Claim the `number`-th alert for a due time on `channel`; True if this process won it."""
        with self._errors():
            return alerts.claim(self._db, uid, due_ts, number, now_ts, channel)

    def acknowledge_alert(self, uid: str, due_ts: float, now_ts: float) -> None:
        """The alert for a due time was seen: it is not repeated."""
        with self._errors():
            alerts.acknowledge(self._db, uid, due_ts, now_ts)

    # Reading

    def get(self, episode_id: int) -> Episode | None:
        found = self._read("SELECT * FROM episodes WHERE id = ?", (episode_id,))
        return found[0] if found else None

    def open_episode(self, since: datetime) -> Episode | None:
        """The newest episode started after `since` with a running or unrecorded cool-down."""
        from cooldown.core.episode import OPEN_STATUSES

        marks = ", ".join("?" for _ in OPEN_STATUSES)
        found = self._read(
            f"SELECT * FROM episodes WHERE status IN ({marks}) AND started_ts >= ? "
            "ORDER BY started_ts DESC, id DESC LIMIT 1",
            (*OPEN_STATUSES, utc(since).timestamp()),
        )
        return found[0] if found else None

    def topics(self, limit: int = 30) -> tuple[str, ...]:
        """The topics episodes were set off by, most recently used first (each once).

        Read straight from the log, so control characters are shown as pictures, as the episode model shows them.
        """
        with self._errors():
            rows = self._db.execute(
                "SELECT topic FROM episodes WHERE topic != '' GROUP BY topic ORDER BY MAX(started_ts) DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return tuple(dict.fromkeys(visible(str(row[0])) for row in rows))

    def episodes(self, where: Filter = Filter()) -> Iterator[Episode]:
        """Matching episodes, oldest first, read in batches."""
        from cooldown.store.rows import from_row

        condition, params = where.where()
        with self._errors():
            cursor = self._db.execute(f"SELECT * FROM episodes WHERE {condition} ORDER BY started_ts, id", params)
            while batch := cursor.fetchmany(500):
                yield from (from_row(row) for row in batch)

    def exported(self, where: Filter = Filter()) -> Iterator[dict[str, Any]]:
        """Matching episodes as an export writes them (store/export_rows.py), oldest first, read in batches."""
        from cooldown.store.export_rows import export_records

        condition, params = where.where()
        with self._errors():
            yield from export_records(self._db, condition, params)

    def page(
        self, where: Filter = Filter(), *, after: Episode | None = None, limit: int = 100, oldest_first: bool = False
    ) -> list[Episode]:
        """Up to `limit` matching episodes, newest (or oldest) first, continuing after `after`."""
        condition, params = where.where()
        beyond, order = (">", "ASC") if oldest_first else ("<", "DESC")
        if after is not None:
            from cooldown.store.rows import epoch

            condition += f" AND (started_ts, id) {beyond} (?, ?)"
            params += [epoch(after.started_at), after.id]
        return self._read(
            f"SELECT * FROM episodes WHERE {condition} ORDER BY started_ts {order}, id {order} LIMIT ?",
            (*params, limit),
        )

    def count(self, where: Filter = Filter()) -> int:
        """How many episodes match."""
        condition, params = where.where()
        return self.query(f"SELECT COUNT(*) FROM episodes WHERE {condition}", params)[0][0]

    def outcome_counts(self, since: datetime) -> dict[Outcome, int]:
        """How many sidesteps and fights started at or after `since`."""
        from cooldown.core.episode import Outcome

        counts = dict.fromkeys(Outcome, 0)
        rows = self.query(
            "SELECT outcome, COUNT(*) FROM episodes WHERE started_ts >= ? AND outcome IS NOT NULL GROUP BY outcome",
            (utc(since).timestamp(),),
        )
        for outcome, count in rows:
            counts[Outcome(outcome)] = count
        return counts

    def _read(self, sql: str, params: Sequence[Any]) -> list[Episode]:
        from cooldown.store.rows import from_row

        with self._errors():
            return [from_row(row) for row in self._db.execute(sql, params).fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read-only query; errors come out as StoreError."""
        with self._errors():
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write, all or nothing: whatever fails (the COMMIT too), the connection is left clean."""
        if self._reconnect:
            self._open_afresh()
        self._begin_write()
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _begin_write(self) -> None:
        """BEGIN IMMEDIATE, tried every `WRITE_POLL` seconds until `BUSY_TIMEOUT`.

        SQLite's own busy wait backs off to 100 ms between tries, so a neighbour saving back to back
        keeps winning the lock in the gaps; trying often takes the next gap."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if sqlite_code(error) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                        raise
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(WRITE_POLL)
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {round(BUSY_TIMEOUT * 1000)}")

    def data_version(self) -> int:
        """A number that moves whenever another connection (another process) has written to the log."""
        with self._errors():
            return self._db.execute("PRAGMA data_version").fetchone()[0]

    def _open_afresh(self) -> None:
        """Close the read-only connection and open the log again (SQLite shares one view of a file per process,
        so the old connection must go first). If it still can't be opened, reads carry on through a plain one."""
        self._db.close()
        try:
            self._db = self._connect()
        except sqlite3.Error:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
            self._db.row_factory = sqlite3.Row
            raise
        self._reconnect = False

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn sqlite3, OS and row errors into a StoreError that names the file (a DamagedLog for a damaged one)."""
        try:
            yield
        except Exception as error:
            if not isinstance(error, ROW_ERRORS) and not invalid_episode(error):
                raise
            code = sqlite_code(error)
            if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise DamagedLog(self.path, plain_reason(error)) from error
            if code == sqlite3.SQLITE_READONLY:
                self._reconnect = True
            raise StoreError(self.path, *describe(error, self.path)) from error
