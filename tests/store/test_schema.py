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


def schema_two_log(path: Path) -> None:
    """A log as the cooldown before check-ins wrote it: schema 2, one finished episode."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(f"BEGIN; {MIGRATIONS[0]}; {MIGRATIONS[1]}; PRAGMA user_version = 2; COMMIT;")
    db.execute(
        "INSERT INTO episodes (uid, started_at, started_ts, protocol_used, statement, anger_before, activity, "
        "return_at, outcome, anger_after, status) VALUES ('old', '2026-11-21T18:00:00+01:00', ?, 1, 4, 8, "
        "'go for a walk', '2026-11-21T18:30:00+01:00', 'sidestep', 2, 'done')",
        (datetime.fromisoformat("2026-11-21T18:00:00+01:00").timestamp(),),
    )
    db.close()


def test_a_schema_two_log_gains_the_check_ins_and_keeps_a_private_backup(tmp_path: Path) -> None:
    path = tmp_path / "episodes.sqlite3"
    schema_two_log(path)
    with EpisodeLog(path) as log:
        [episode] = list(log.episodes())
        assert (episode.anger_before, episode.anger_after, episode.outcome) == (8, 2, Outcome.SIDESTEP)
        assert (episode.anger_during, episode.pulses, episode.breathing_seconds) == ((), (), 0)
    backup = tmp_path / "episodes.sqlite3.schema-2-backup"
    assert backup.stat().st_mode & 0o777 == 0o600
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA user_version").fetchone() == (2,)
        assert old.execute("SELECT uid, anger_before FROM episodes").fetchall() == [("old", 8)]
        assert "pulses" not in [row[1] for row in old.execute("PRAGMA table_info(episodes)")]
    finally:
        old.close()
    EpisodeLog(path).close()  # opened again: nothing more to migrate, no second copy
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == ["episodes.sqlite3.schema-2-backup"]


def test_a_new_log_needs_no_backup(tmp_path: Path) -> None:
    EpisodeLog(tmp_path / "episodes.sqlite3").close()
    assert [p.name for p in tmp_path.iterdir()] == ["episodes.sqlite3"]


def test_readings_are_kept_with_their_times(tmp_path: Path) -> None:
    from cooldown.core.episode import Episode

    start = datetime.fromisoformat("2026-11-21T18:00:00+01:00")
    episode = Episode.begin(start, anger=8).rate_anger_during(5, datetime.fromisoformat("2026-11-21T18:20:00+01:00"))
    episode = episode.count_pulse(104, datetime.fromisoformat("2026-11-21T18:21:00+01:00")).breathe(95)
    with EpisodeLog(tmp_path / "episodes.sqlite3") as log:
        saved = log.save(episode)
    with EpisodeLog(tmp_path / "episodes.sqlite3") as log:
        assert log.get(saved.id) == saved
        raw = log.query("SELECT anger_during, pulses FROM episodes")[0]
    assert tuple(raw) == (
        '[{"at":"2026-11-21T18:20:00+01:00","value":5}]',
        '[{"at":"2026-11-21T18:21:00+01:00","bpm":104}]',
    )
