"""The background alarm's rules, on an injected clock: when it sends, repeats, defers and stops."""

from __future__ import annotations

import json
import sys
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
    command = json.dumps([sys.executable, "-c", "pass"])  # a command that works: the alarm has a way to reach them
    path.write_text(
        f"[notifications]\ndesktop = false\ncommand = {command}\nrepeat_minutes = 5\nrepeat_times = 2\n",
        encoding="utf-8",
    )
    return path


def cooling(log_path: Path) -> Episode:
    with EpisodeLog(log_path) as log:
        return log.save(Episode.begin(START).choose_activity("go for a walk").agree_return(BACK, START))


def test_it_waits_for_the_time_then_sends_once_and_repeats_on_schedule(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    clock = Clock(START + timedelta(minutes=1))
    alarm = Alarm(episode.uid, log_path, config, clock=clock)
    assert alarm.step() == CHECK_SECONDS  # far off: look again in a moment
    clock.at(BACK + timedelta(seconds=DEFER_SECONDS - 1.5))
    assert alarm.step() == pytest.approx(1.5)  # it wakes right after the time
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
        assert log.claim_alert(episode.uid, BACK.timestamp(), 1, BACK.timestamp(), "away")  # the app, a second in
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


def test_with_nothing_that_can_reach_them_it_claims_nothing(log_path: Path, config: Path) -> None:
    """An alarm with no working notifier leaves the alert to an open app (which has the bell)."""
    config.write_text("[notifications]\ndesktop = false\n", encoding="utf-8")
    episode = cooling(log_path)
    alarm = Alarm(episode.uid, log_path, config, clock=Clock(BACK + timedelta(seconds=DEFER_SECONDS)))
    assert alarm.step() == CHECK_SECONDS
    with EpisodeLog(log_path) as log:
        assert log.alerts_sent(episode.uid, BACK.timestamp(), "away") == (0, None)


def test_odd_stored_values_never_stop_it_at_once(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    import sqlite3

    db = sqlite3.connect(log_path)
    db.execute("UPDATE episodes SET return_at = 'not a time' WHERE uid = ?", (episode.uid,))
    db.commit()
    db.close()
    alarm = Alarm(episode.uid, log_path, config, clock=Clock(BACK))
    assert alarm.step() == CHECK_SECONDS  # looks again
    alarm.clock = Clock(BACK + timedelta(minutes=11))
    alarm.step()
    assert alarm.step() is None  # only after ten minutes of nothing but errors


def test_a_deleted_log_stops_it(log_path: Path, config: Path) -> None:
    episode = cooling(log_path)
    alarm = Alarm(episode.uid, log_path, config, clock=Clock(START))
    assert alarm.step() == CHECK_SECONDS
    log_path.unlink()
    assert alarm.step() is None


def test_what_could_not_be_sent_is_noted_once_for_the_next_launch(log_path: Path, config: Path) -> None:
    from cooldown.alarm import take_problems

    failing = json.dumps([sys.executable, "-c", "import sys; sys.exit('no network')"])
    config.write_text(f"[notifications]\ndesktop = false\ncommand = {failing}\n", encoding="utf-8")
    episode = cooling(log_path)
    clock = Clock(BACK + timedelta(seconds=DEFER_SECONDS))
    alarm = Alarm(episode.uid, log_path, config, clock=clock)
    alarm.step()
    clock.at(BACK + timedelta(minutes=5, seconds=10))
    alarm.step()  # the repeat fails too: told once
    [line] = take_problems(log_path)
    assert line.startswith(f"The alert at {LOCAL_BACK}: command failed (")
    assert "no network" in line
    assert take_problems(log_path) == []  # told once, then forgotten


def test_nothing_to_reach_them_is_noted_unless_an_open_app_alerted(log_path: Path, config: Path) -> None:
    from cooldown.alarm import take_problems

    config.write_text("[notifications]\ndesktop = false\n", encoding="utf-8")
    episode = cooling(log_path)
    Alarm(episode.uid, log_path, config, clock=Clock(BACK + timedelta(seconds=DEFER_SECONDS))).step()
    [line] = take_problems(log_path)
    assert f"The alert at {LOCAL_BACK} could not reach you once cooldown was closed" in line
    later = BACK + timedelta(hours=1)
    with EpisodeLog(log_path) as log:
        stored = log.get(episode.id)
        log.save(stored.reschedule(later, BACK), expected=stored)
        log.claim_alert(episode.uid, later.timestamp(), 1, later.timestamp(), "here")  # the app rang its bell
    Alarm(episode.uid, log_path, config, clock=Clock(later + timedelta(seconds=DEFER_SECONDS))).step()
    assert take_problems(log_path) == []
