"""The background alarm as a real process: it survives the app being killed, follows the log, and runs once.

Each test seeds a cool-down whose return time is a few seconds ahead of the real
clock (the alarm follows the wall clock; no switch changes its time), with
`[notifications] command` set to a small recorder, and reads what it recorded.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cooldown import alarm
from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog
from tests.terminal import Terminal, plain

pytestmark = pytest.mark.skipif(not alarm.can_run(), reason="the background alarm needs POSIX locks and sessions")

RECORDER = """\
import json, os, sys, time
names = ("COOLDOWN_RETURN_AT", "COOLDOWN_ACTIVITY", "COOLDOWN_STATE", "COOLDOWN_MESSAGE", "COOLDOWN_ALERT_NUMBER")
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps({"at": time.time(), **{name: os.environ.get(name) for name in names}}) + "\\n")
"""


@pytest.fixture
def runs(cooldown_home: Path) -> Iterator[Path]:
    """config.toml: no desktop, the recorder as the command; yields the file it appends to."""
    cooldown_home.mkdir(parents=True, exist_ok=True)
    recorder = cooldown_home / "recorder.py"
    recorder.write_text(RECORDER, encoding="utf-8")
    recorded = cooldown_home / "runs.jsonl"
    command = json.dumps([sys.executable, str(recorder), str(recorded)])
    (cooldown_home / "config.toml").write_text(
        f"[notifications]\ndesktop = false\ncommand = {command}\n", encoding="utf-8"
    )
    yield recorded
    for pid in alarm_pids(cooldown_home):  # leave nothing running behind the test
        os.kill(pid, signal.SIGKILL)


def recorded_runs(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def alarm_pids(home: Path) -> list[int]:
    """The alarm processes watching a log in `home` (from /proc, where there is one)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"cooldown.alarm" in argv and any(str(home).encode() in part for part in argv):
            found.append(int(entry.name))
    return found


def seed(home: Path, seconds: float) -> tuple[Episode, datetime]:
    """A walk agreed 20 minutes ago, back `seconds` from now (to the second, as stored)."""
    now = system_clock()
    start = now - timedelta(minutes=20)
    back = now + timedelta(seconds=seconds)
    episode = Episode.begin(start).choose_activity("go for a walk").agree_return(back, start)
    with EpisodeLog(home / "episodes.sqlite3") as log:
        return log.save(episode), back


def wait_until(condition, timeout: float) -> bool:  # noqa: ANN001 - () -> bool
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def cooldown_script() -> str:
    script = Path(sys.executable).with_name("cooldown")
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


def test_the_alarm_started_by_the_app_alerts_once_after_the_app_is_killed(cooldown_home: Path, runs: Path) -> None:
    episode, back = seed(cooldown_home, 15)  # time enough for the app to start on a slow machine
    terminal = Terminal([cooldown_script()], dict(os.environ))
    try:
        terminal.wait_for("Back at")  # the app resumed the cool-down and started the alarm
        assert wait_until(lambda: alarm.is_running(cooldown_home / "episodes.sqlite3", episode.uid), 10)
        os.kill(terminal.pid, signal.SIGKILL)
    finally:
        terminal.close()
    assert time.time() < back.timestamp(), "the machine was too slow to kill the app before the time"
    assert wait_until(lambda: recorded_runs(runs), 30), "the command never ran"
    time.sleep(3)  # nothing more comes
    [run] = recorded_runs(runs)
    assert back.timestamp() <= run["at"] <= back.timestamp() + 5
    assert run["COOLDOWN_STATE"] == "due"
    assert run["COOLDOWN_ACTIVITY"] == "go for a walk"
    assert run["COOLDOWN_ALERT_NUMBER"] == "1"
    assert datetime.fromisoformat(run["COOLDOWN_RETURN_AT"]) == back
    assert run["COOLDOWN_MESSAGE"] == f"It's {back:%H:%M}: time to go back and talk."
    assert len(alarm_pids(cooldown_home)) == 1  # still watching: repeats follow until they are back


def test_a_reschedule_from_another_window_moves_the_alert(cooldown_home: Path, runs: Path) -> None:
    episode, back = seed(cooldown_home, 4)
    log_path = cooldown_home / "episodes.sqlite3"
    assert alarm.ensure_running(episode.uid, log_path)
    later = back + timedelta(seconds=6)
    with EpisodeLog(log_path) as log:
        log.save(episode.reschedule(later, system_clock()), expected=episode)
    assert wait_until(lambda: recorded_runs(runs), 30)
    [run] = recorded_runs(runs)
    assert later.timestamp() <= run["at"] <= later.timestamp() + 5


def test_coming_back_before_the_time_stops_the_alarm_and_nothing_runs(cooldown_home: Path, runs: Path) -> None:
    episode, back = seed(cooldown_home, 10)
    log_path = cooldown_home / "episodes.sqlite3"
    assert alarm.ensure_running(episode.uid, log_path)
    assert wait_until(lambda: alarm.is_running(log_path, episode.uid), 10)
    result = Terminal([cooldown_script(), "back"], dict(os.environ))
    try:
        assert result.wait() == 0
    finally:
        result.close()
    assert "Welcome back" in plain(result.output)
    with EpisodeLog(log_path) as log:
        assert log.get(episode.id).status is Status.RETURNED  # the outcome is asked next launch
    assert wait_until(lambda: not alarm.is_running(log_path, episode.uid), 10), "the alarm kept running"
    time.sleep(max(0.0, back.timestamp() - time.time()) + 3)
    assert recorded_runs(runs) == []
    assert not (cooldown_home / "alarms" / f"{episode.uid}.lock").exists()  # it left nothing behind


def test_two_launches_and_a_status_bar_never_make_two_alarms(cooldown_home: Path, runs: Path) -> None:
    episode, back = seed(cooldown_home, 12)
    log_path = cooldown_home / "episodes.sqlite3"
    for _ in range(3):
        assert alarm.ensure_running(episode.uid, log_path)
    status = Terminal([cooldown_script(), "status"], dict(os.environ))
    try:
        assert status.wait() == 0
    finally:
        status.close()
    assert "back at" in plain(status.output)
    assert wait_until(lambda: len(alarm_pids(cooldown_home)) == 1, 10)  # the losers of the lock have gone
    assert wait_until(lambda: recorded_runs(runs), 30)
    time.sleep(3)
    assert len(recorded_runs(runs)) == 1


def test_the_status_line_re_arms_an_alarm_that_is_gone(cooldown_home: Path, runs: Path) -> None:
    episode, _ = seed(cooldown_home, 60)
    log_path = cooldown_home / "episodes.sqlite3"
    assert not alarm.is_running(log_path, episode.uid)  # as after a reboot
    status = Terminal([cooldown_script(), "status"], dict(os.environ))
    try:
        assert status.wait() == 0
    finally:
        status.close()
    assert wait_until(lambda: alarm.is_running(log_path, episode.uid), 5)
    [pid] = alarm_pids(cooldown_home)
    assert os.getsid(pid) == pid  # its own session: no terminal to lose


def test_the_alarm_holds_no_terminal_and_no_pipe_of_its_caller(cooldown_home: Path, runs: Path) -> None:
    episode, _ = seed(cooldown_home, 60)
    assert alarm.ensure_running(episode.uid, cooldown_home / "episodes.sqlite3")
    assert wait_until(lambda: alarm_pids(cooldown_home), 5)
    [pid] = alarm_pids(cooldown_home)
    for number in (0, 1, 2):
        assert os.readlink(f"/proc/{pid}/fd/{number}") == os.devnull
