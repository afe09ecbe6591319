"""Migrations: a log written by the first schema is upgraded in place, values kept."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from cooldown.core.episode import Outcome
from cooldown.store.episodes import EpisodeLog
from cooldown.store.schema import MIGRATIONS
from cooldown.store.tallies import activity_rows, day_tallies, delay_rows, length_histogram


def test_first_schema_is_upgraded_with_derived_columns(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {MIGRATIONS[0]}; PRAGMA user_version = 1; COMMIT;")
    db.execute(
        "INSERT INTO episodes (uid, started_at, started_ts, protocol_used, statement, activity, "
        "return_at, returned_at, outcome, status) VALUES (?, ?, ?, 1, 4, ?, ?, ?, ?, 'done')",
        (
            "abc",
            "2026-11-21T23:50:00+01:00",
            datetime.fromisoformat("2026-11-21T23:50:00+01:00").timestamp(),
            "go for a walk",
            "2026-11-22T00:35:00+01:00",
            "2026-11-22T00:41:30+01:00",
            "sidestep",
        ),
    )
    db.commit()
    db.close()

    with EpisodeLog(path) as log:
        assert log.query("PRAGMA user_version")[0][0] == len(MIGRATIONS)
        row = log.query("SELECT day, planned_minutes, length_minutes, return_ts FROM episodes")[0]
        return_ts = datetime.fromisoformat("2026-11-22T00:35:00+01:00").timestamp()
        assert tuple(row) == ("2026-11-21", 45, 51, return_ts)
        [episode] = list(log.episodes())
        assert episode.outcome is Outcome.SIDESTEP
        assert [(d.day, d.tally.sidesteps) for d in day_tallies(log)] == [(date(2026, 11, 21), 1)]
        assert activity_rows(log) == [("go for a walk", 1, 1, 0)]
        assert delay_rows(log) == [(45, 1, 1, 0)]
        assert length_histogram(log) == [(51, 1)]
