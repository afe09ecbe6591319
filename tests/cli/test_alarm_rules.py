"""The background alarm's rules, on an injected clock: when it sends, repeats, defers and stops."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown.alarm.watch import CHECK_SECONDS, DEFER_SECONDS, Alarm
from cooldown.core.episode import Episode
from cooldown.store.episodes import EpisodeLog
from tests.conftest import BERLIN

START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
BACK = START + timedelta(minutes=30)
LOCAL_BACK = f"{BACK.astimezone():%H:%M}"
"""The alarm speaks in the machine's own zone."""


class Clock:
    def __init__(self, at: datetime) -> None:
        self.now = at.timestamp()

    def __call__(self) -> float:
        return self.now

    def at(self, moment: datetime) -> None:
        self.now = moment.timestamp()


@pytest.fixture
def config(cooldown_home: Path) -> Path:
    cooldown_home.mkdir(parents=True, exist_ok=True)
    path = cooldown_home / "config.toml"
    path.write_text("[notifications]\ndesktop = false\nrepeat_minutes = 5\nrepeat_times = 2\n", encoding="utf-8")
    return path


def cooling(log_path: Path) -> Episode:
    with EpisodeLog(log_path) as log:
        return log.save(Episode.begin(START).choose_activity("go for a walk").agree_return(BACK, START))


def test_it_waits_for_the_time_then_sends_once_and_repeats_on_schedule(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    clock = Clock(START + timedelta(minutes=1))
    alarm = Alarm(episode.uid, log_path, config, clock=clock)
    assert alarm.step() == CHECK_SECONDS  # far off: look again in a moment
    clock.at(BACK - timedelta(seconds=0.25))
    assert alarm.step() == pytest.approx(0.25 + DEFER_SECONDS)  # it wakes right after the time
    clock.at(BACK + timedelta(seconds=DEFER_SECONDS))
    alarm.step()
    alarm.step()
    assert [(sent.number, sent.words) for sent in alarm.sent] == [(1, f"It's {LOCAL_BACK}: time to go back and talk.")]
    for minutes in (5, 10, 15, 20):  # each repeat 5 minutes after the last went out
        clock.at(BACK + timedelta(minutes=minutes, seconds=minutes))
        alarm.step()
    assert [sent.number for sent in alarm.sent] == [1, 2, 3]  # the first and two repeats, then it stops
    assert alarm.sent[1].words == f"It's time to go back and talk (since {LOCAL_BACK})."
    assert alarm.step() == CHECK_SECONDS  # still watching: more time may be asked


def test_an_open_app_that_alerted_first_keeps_it_quiet(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    with EpisodeLog(log_path) as log:
        assert log.claim_alert(episode.uid, BACK.timestamp(), 1, BACK.timestamp())  # the app, a second in
    clock = Clock(BACK + timedelta(seconds=3))
    alarm = Alarm(episode.uid, log_path, config, clock=clock)
    alarm.step()
    assert alarm.sent == []


def test_a_time_long_past_when_it_starts_is_left_to_the_person_at_the_machine(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    clock = Clock(BACK + timedelta(hours=2))  # re-armed by a status bar after a reboot
    alarm = Alarm(episode.uid, log_path, config, clock=clock)
    assert alarm.step() == CHECK_SECONDS
    assert alarm.sent == []
    later = BACK + timedelta(hours=3)
    with EpisodeLog(log_path) as log:
        log.save(episode.reschedule(later, BACK + timedelta(hours=2)), expected=episode)
    clock.at(later + timedelta(seconds=DEFER_SECONDS))
    alarm.step()
    assert [sent.due_at for sent in alarm.sent] == [later]  # a new time alerts as usual


def test_it_stops_once_they_are_back(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    with EpisodeLog(log_path) as log:
        log.save(episode.come_back(BACK), expected=episode)
    alarm = Alarm(episode.uid, log_path, config, clock=Clock(BACK + timedelta(minutes=1)))
    assert alarm.step() is None


def test_it_stops_when_the_episode_is_deleted_or_too_old(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    old = Alarm(episode.uid, log_path, config, clock=Clock(START + timedelta(hours=49)))
    assert old.step() is None
    with EpisodeLog(log_path) as log:
        log.delete(episode.id)
    gone = Alarm(episode.uid, log_path, config, clock=Clock(BACK))
    assert gone.step() is None


def test_a_missing_log_stops_it(tmp_path: Path, config: Path) -> None:
    assert Alarm("nobody", tmp_path / "none.sqlite3", config, clock=Clock(BACK)).step() is None
