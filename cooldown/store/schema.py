"""The SQLite schema of the episode log and its migrations.

`PRAGMA user_version` counts the migrations that have run. The third adds the
check-ins of a cool-down (anger ratings and pulses with their times, as JSON
arrays) and the seconds the breathing guide was shown; the fourth each request for
more time (`moves`, a JSON array) and the time agreed for a talk put off (`talk_at`);
the fifth a table of alerts sent (see `store/alerts.py`), so that every process
alerts each due time once between them; the sixth what set an episode off
(`topic`) and the first signs noticed (`cues`, a JSON array), with indexes that
hold everything "what works" sums per activity, topic and set of signs (so it
reads only the index), and counts the
alerts sent per channel (what reaches the person at the terminal, and what
reaches them away from it). The indexes after
the first serve the history's aggregate queries (see `store/tallies.py`), each
of which then reads an index instead of every row. Times are kept as
ISO 8601 text with their UTC offset (what the person saw), plus epoch seconds
(`*_ts`) for ordering, ranges and arithmetic, and a few values derived once on
write (the local `day`, `planned_minutes`, `length_minutes`) so the history's
aggregates group on indexed columns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

EPOCH_OF = "ROUND((julianday({column}) - 2440587.5) * 86400.0, 3)"
"""SQL turning an ISO 8601 column into epoch seconds."""

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
    f"""
    ALTER TABLE episodes ADD COLUMN agreed_at TEXT;
    ALTER TABLE episodes ADD COLUMN return_ts REAL;
    ALTER TABLE episodes ADD COLUMN returned_ts REAL;
    ALTER TABLE episodes ADD COLUMN day TEXT;
    ALTER TABLE episodes ADD COLUMN planned_minutes INTEGER;
    ALTER TABLE episodes ADD COLUMN length_minutes INTEGER;
    UPDATE episodes SET return_ts = {EPOCH_OF.format(column="return_at")},
                        returned_ts = {EPOCH_OF.format(column="returned_at")},
                        day = substr(started_at, 1, 10);
    UPDATE episodes SET planned_minutes = CAST((return_ts - started_ts) / 60 AS INTEGER),
                        length_minutes = CAST((returned_ts - started_ts) / 60 AS INTEGER);
    CREATE INDEX episodes_by_outcome ON episodes (outcome, started_ts);
    CREATE INDEX episodes_by_day ON episodes (day, outcome);
    CREATE INDEX episodes_by_activity ON episodes (activity, outcome);
    CREATE INDEX episodes_by_plan ON episodes (planned_minutes, outcome);
    CREATE INDEX episodes_by_length ON episodes (length_minutes);
    CREATE INDEX episodes_by_return ON episodes (returned_ts, return_ts);
    """,
    """
    ALTER TABLE episodes ADD COLUMN anger_during TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE episodes ADD COLUMN pulses TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE episodes ADD COLUMN breathing_seconds INTEGER NOT NULL DEFAULT 0;
    """,
    """
    ALTER TABLE episodes ADD COLUMN moves TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE episodes ADD COLUMN talk_at TEXT;
    ALTER TABLE episodes ADD COLUMN talk_ts REAL;
    """,
    """
    CREATE TABLE alerts (
        uid TEXT NOT NULL,
        due_ts REAL NOT NULL,
        sent INTEGER NOT NULL,
        first_ts REAL NOT NULL,
        last_ts REAL NOT NULL,
        PRIMARY KEY (uid, due_ts)
    );
    """,
    """
    ALTER TABLE episodes ADD COLUMN topic TEXT NOT NULL DEFAULT '';
    ALTER TABLE episodes ADD COLUMN cues TEXT NOT NULL DEFAULT '[]';
    DROP INDEX episodes_by_activity;
    CREATE INDEX episodes_effect_by_activity ON episodes
        (activity, outcome, anger_before, anger_after, returned_ts, return_ts);
    CREATE INDEX episodes_effect_by_topic ON episodes
        (topic COLLATE NOCASE, outcome, anger_before, anger_after, returned_ts, return_ts) WHERE topic != '';
    CREATE INDEX episodes_effect_by_cues ON episodes
        (cues, outcome, anger_before, anger_after, returned_ts, return_ts) WHERE cues != '[]';
    CREATE TABLE alerts_by_channel (
        uid TEXT NOT NULL,
        due_ts REAL NOT NULL,
        channel TEXT NOT NULL,
        sent INTEGER NOT NULL,
        first_ts REAL NOT NULL,
        last_ts REAL NOT NULL,
        PRIMARY KEY (uid, due_ts, channel)
    );
    INSERT INTO alerts_by_channel SELECT uid, due_ts, 'here', sent, first_ts, last_ts FROM alerts;
    INSERT INTO alerts_by_channel SELECT uid, due_ts, 'away', sent, first_ts, last_ts FROM alerts;
    DROP TABLE alerts;
    ALTER TABLE alerts_by_channel RENAME TO alerts;
    """,
    """
    ALTER TABLE episodes ADD COLUMN touched_ts REAL;
    CREATE INDEX episodes_by_touch ON episodes (status, touched_ts) WHERE status = 'statements';
    """,
)


def migrate(db: sqlite3.Connection, back_up: Callable[[int], None] | None = None) -> None:
    """Bring the schema up to date; refuse a log written by a newer cooldown.

    The migrations run in one `BEGIN IMMEDIATE` transaction, after the version is
    read again inside it: two processes opening a new log at once take turns, and
    the second finds the work done. Before a log that already holds a schema is
    changed, `back_up(version)` is called, outside the transaction: a copy is a
    read, and a read never waits for a writer. `db` must be in autocommit mode
    (`isolation_level=None`).
    """
    version = _version(db)
    if version == len(MIGRATIONS):
        return
    if version and back_up is not None:
        back_up(version)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements(script):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _version(db: sqlite3.Connection) -> int:
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > len(MIGRATIONS):
        raise sqlite3.DatabaseError(f"it was written by a newer cooldown (schema {version}); please upgrade cooldown")
    return version


def statements(script: str) -> list[str]:
    """The SQL statements of `script`, one by one (executescript would commit the transaction)."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        found.append(pending.strip())
    return found
