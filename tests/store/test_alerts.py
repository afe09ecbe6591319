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
