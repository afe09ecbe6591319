"""Alerts sent, in the log: each claim is won by exactly one process."""

from __future__ import annotations

from pathlib import Path

from cooldown.store.episodes import EpisodeLog


def test_each_alert_is_won_once_between_two_connections(log_path: Path) -> None:
    with EpisodeLog(log_path) as app, EpisodeLog(log_path) as background:
        assert app.alerts_sent("uid", 100.0) == (0, None)
        assert app.claim_alert("uid", 100.0, 1, 100.5) is True
        assert background.claim_alert("uid", 100.0, 1, 100.6) is False  # already sent
        assert background.alerts_sent("uid", 100.0) == (1, 100.5)
        assert background.claim_alert("uid", 100.0, 2, 400.0) is True  # the first repeat
        assert app.claim_alert("uid", 100.0, 2, 400.1) is False
        assert app.claim_alert("uid", 100.0, 3, 700.0) is True
        assert app.alerts_sent("uid", 100.0) == (3, 700.0)


def test_a_new_due_time_is_a_new_alert(log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        assert log.claim_alert("uid", 100.0, 1, 100.0)
        assert log.claim_alert("uid", 900.0, 1, 900.0)  # more time: the new return time alerts too
        assert log.claim_alert("other", 100.0, 1, 100.0)
        assert not log.claim_alert("uid", 100.0, 3, 101.0)  # no skipping ahead


def test_each_channel_is_claimed_on_its_own(log_path: Path) -> None:
    """The alarm sending the desktop notification first never silences the open app's bell."""
    with EpisodeLog(log_path) as app, EpisodeLog(log_path) as alarm:
        assert alarm.claim_alert("uid", 100.0, 1, 102.5, "away")
        assert app.claim_alert("uid", 100.0, 1, 103.0, "here")
        assert not app.claim_alert("uid", 100.0, 1, 103.0, "away")
        assert app.alerts_sent("uid", 100.0, "away") == (1, 102.5)


def test_an_acknowledged_alert_is_never_repeated_on_any_channel(log_path: Path) -> None:
    with EpisodeLog(log_path) as log:
        assert log.claim_alert("uid", 100.0, 1, 100.0, "here")
        log.acknowledge_alert("uid", 100.0, 200.0)
        for channel in ("here", "away"):
            count, _ = log.alerts_sent("uid", 100.0, channel)
            assert count >= 1000
            assert not log.claim_alert("uid", 100.0, 2, 400.0, channel)  # a repeat finds no count of 1 to follow


def test_alerts_sent_before_the_channels_count_for_both(tmp_path: Path) -> None:
    """A log from before schema 6 keeps its alerts: they were sent on every channel then."""
    import sqlite3

    from cooldown.store.schema import MIGRATIONS, statements

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in statements(script):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO alerts (uid, due_ts, sent, first_ts, last_ts) VALUES ('uid', 100.0, 2, 100.0, 400.0)")
    db.close()
    with EpisodeLog(path) as log:
        assert log.alerts_sent("uid", 100.0, "here") == (2, 400.0)
        assert log.alerts_sent("uid", 100.0, "away") == (2, 400.0)
