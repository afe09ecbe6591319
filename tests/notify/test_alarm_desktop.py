"""The background alarm end to end on a private session bus: its desktop notification, and its "I'm back"."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from cooldown import alarm
from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog
from tests.notify.test_desktop import needs_bus

pytestmark = [needs_bus, pytest.mark.skipif(not alarm.can_run(), reason="the background alarm needs POSIX")]


def wait_until(condition, timeout: float = 15.0) -> bool:  # noqa: ANN001 - () -> bool
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_the_alarm_shows_a_desktop_notification_and_its_im_back_records_the_return(
    cooldown_home: Path, start_service, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = start_service()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)  # the alarm inherits it
    cooldown_home.mkdir(parents=True, exist_ok=True)
    (cooldown_home / "config.toml").write_text("[notifications]\ndesktop = true\n", encoding="utf-8")
    now = system_clock()
    back = now + timedelta(seconds=3)
    log_path = cooldown_home / "episodes.sqlite3"
    with EpisodeLog(log_path) as log:
        episode = log.save(Episode.begin(now).choose_activity("go for a walk").agree_return(back, now))
    assert alarm.ensure_running(episode.uid, log_path)

    assert wait_until(lambda: service.calls()), "no notification was shown"
    [shown] = service.calls()
    assert shown["body"] == f"It's {back:%H:%M}: time to go back and talk."
    assert "back" in shown["actions"]
    assert time.time() <= back.timestamp() + 5

    service.emit(1, "back")  # the person presses "I'm back"

    def returned() -> bool:
        with EpisodeLog(log_path) as log:
            return log.get(episode.id).status is Status.RETURNED

    assert wait_until(returned), "the return was not recorded"
    assert wait_until(lambda: not alarm.is_running(log_path, episode.uid)), "the alarm kept running"
    assert wait_until(lambda: service.calls("CloseNotification")), "the notification was left on screen"
