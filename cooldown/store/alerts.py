"""Alerts sent, in the log, so that every cooldown process alerts each time once between them.

The open app and the background alarm both watch the same cool-down. Before
sending the n-th alert for a due time on a channel, a process claims it here:
the claim is a single SQLite statement that only one process can win (an insert
for the first alert, a conditional update for each repeat). Whoever wins sends;
the others stay quiet. There are two channels: `HERE`, what reaches a person at
the terminal (the bell, the on-screen alert, the terminal's notification), sent
by an open app; and `AWAY`, what reaches them anywhere (the desktop
notification, their own command), sent by the app or the background alarm,
whichever is first. So an alarm that got there first never silences the bell.
Standard library only (the background alarm uses it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

HERE, AWAY = "here", "away"
CHANNELS = (HERE, AWAY)


@dataclass(frozen=True)
class Sent:
    """What has gone out for one due time."""

    count: int
    last_ts: float | None


def sent(db: sqlite3.Connection, uid: str, due_ts: float, channel: str = HERE) -> Sent:
    """How many alerts went out for (`uid`, `due_ts`) on `channel`, and when the last did."""
    row = db.execute(
        "SELECT sent, last_ts FROM alerts WHERE uid = ? AND due_ts = ? AND channel = ?", (uid, due_ts, channel)
    ).fetchone()
    return Sent(0, None) if row is None else Sent(int(row[0]), float(row[1]))


def claim(db: sqlite3.Connection, uid: str, due_ts: float, number: int, now_ts: float, channel: str = HERE) -> bool:
    """Claim the `number`-th alert (1 for the first) for (`uid`, `due_ts`) on `channel`; True if this process won it.

    `db` must be in autocommit mode: each claim is one statement, committed at once.
    """
    if number == 1:
        cursor = db.execute(
            "INSERT OR IGNORE INTO alerts (uid, due_ts, channel, sent, first_ts, last_ts) VALUES (?, ?, ?, 1, ?, ?)",
            (uid, due_ts, channel, now_ts, now_ts),
        )
    else:
        cursor = db.execute(
            "UPDATE alerts SET sent = ?, last_ts = ? WHERE uid = ? AND due_ts = ? AND channel = ? AND sent = ?",
            (number, now_ts, uid, due_ts, channel, number - 1),
        )
    return cursor.rowcount == 1


ACKNOWLEDGED = 1000
"""The count an acknowledged due time is given: more than any schedule sends, so nothing more goes out."""


def acknowledge(db: sqlite3.Connection, uid: str, due_ts: float, now_ts: float) -> None:
    """The person has seen the alert for (`uid`, `due_ts`): no repeat goes out, on any channel, from any process."""
    for channel in CHANNELS:
        db.execute(
            "INSERT INTO alerts (uid, due_ts, channel, sent, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uid, due_ts, channel) DO UPDATE SET sent = excluded.sent, last_ts = excluded.last_ts",
            (uid, due_ts, channel, ACKNOWLEDGED, now_ts, now_ts),
        )
