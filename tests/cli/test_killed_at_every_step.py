"""The real `cooldown` in a pseudo-terminal, killed with SIGKILL after each confirmed step and started
again: every confirmed value is in the log, the step where it stopped comes back, the cool-down keeps
its return time, the background alarm is armed once, and nothing is duplicated."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog
from tests.cli.test_alarm import alarm_pids
from tests.terminal import Terminal, plain

STATEMENT_1 = "I recognize that I am getting angry."


def cooldown_script() -> str:
    script = Path(sys.executable).with_name("cooldown")
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


class Launches:
    """Starts the app in a pty, one launch at a time, and kills it like a closed laptop would."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.terminal: Terminal | None = None

    def start(self, shows: str) -> Terminal:
        self.terminal = Terminal([cooldown_script()], dict(os.environ))
        self.terminal.wait_for(shows)
        return self.terminal

    def keys(self, keys: str, then: str) -> None:
        assert self.terminal is not None
        shown = len(self.terminal.output)
        self.terminal.send(keys)
        deadline = time.monotonic() + 20
        while then not in plain(self.terminal.output[shown:]):
            assert time.monotonic() < deadline, f"{then!r} never appeared: {plain(self.terminal.output)[-1500:]!r}"
            self.terminal.read()

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is saved on the way out."""
        assert self.terminal is not None
        time.sleep(0.3)  # the step's write is made on the key press; give the screen a moment to draw it
        os.kill(self.terminal.pid, signal.SIGKILL)
        self.terminal.wait()
        self.terminal.close()
        self.terminal = None

    def close(self) -> None:
        if self.terminal is not None:
            self.terminal.close()

    def episodes(self) -> list[Episode]:
        with EpisodeLog(self.home / "episodes.sqlite3") as log:
            return list(log.episodes())

    def only(self) -> Episode:
        [episode] = self.episodes()
        return episode


@pytest.fixture
def launches(cooldown_home: Path) -> Iterator[Launches]:
    running = Launches(cooldown_home)
    yield running
    running.close()


def wait_for_alarms(home: Path, count: int) -> list[int]:
    deadline = time.monotonic() + 10
    while len(pids := alarm_pids(home)) != count and time.monotonic() < deadline:
        time.sleep(0.1)
    return pids


def test_killed_after_every_step_of_the_statements_and_the_cool_down(launches: Launches, cooldown_home: Path) -> None:
    launches.start(STATEMENT_1)
    launches.keys("6", STATEMENT_1)
    launches.keys("\r", "I care about the relationship.")
    launches.kill()
    first = launches.only()
    assert (first.status, first.statement, first.anger_before) == (Status.STATEMENTS, 1, 6)

    launches.start("I care about the relationship.")  # statement 2, where it stopped
    launches.terminal.wait_for("Carrying on from")
    launches.keys("\r", "What will you do?")
    launches.kill()
    assert launches.only().statement == 2

    launches.start("What will you do?")  # statement 3
    launches.keys("1", "back at")
    launches.kill()
    chosen = launches.only()
    assert (chosen.uid, chosen.activity, chosen.statement) == (first.uid, "go for a walk", 3)

    launches.start("back at")  # statement 4
    launches.keys("\x15", "in 45 minutes")  # ctrl+u clears the suggestion: the examples show
    launches.keys("in 25 min", "Back at")
    launches.keys("\r", "Read it aloud")
    launches.kill()
    agreed = launches.only()
    assert agreed.uid == first.uid and agreed.status is Status.COOLING
    assert agreed.return_at is not None
    promised = agreed.return_at
    assert abs(promised - (agreed.agreed_at + timedelta(minutes=25))) < timedelta(minutes=1)
    assert len(wait_for_alarms(cooldown_home, 1)) == 1

    launches.start("Back at")  # the cool-down, to the same return time
    launches.keys("a", "How angry")
    launches.keys("4", "Noted: 4")
    launches.kill()
    checked = launches.only()
    assert checked.return_at == promised
    assert [reading.value for reading in checked.anger_during] == [4]
    assert len(wait_for_alarms(cooldown_home, 1)) == 1  # still armed, once

    launches.start("Back at")
    assert launches.only() == checked  # a launch alone changes nothing
    assert len(alarm_pids(cooldown_home)) == 1
    launches.kill()
    assert launches.only() == checked
    assert [episode.uid for episode in launches.episodes()] == [first.uid]


def test_killed_after_the_alert_the_outcome_and_a_half_typed_note(launches: Launches, cooldown_home: Path) -> None:
    now = system_clock()
    due = (
        Episode.begin(now - timedelta(minutes=30), anger=7)
        .reach(2)
        .choose_activity("go for a walk")
        .agree_return(now - timedelta(minutes=1), now - timedelta(minutes=29))
    )
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        due = log.save(due)

    launches.start("I'm back")  # the alert's two ways on, a minute after the time
    launches.keys("b", "Coming back")
    launches.kill()
    back = launches.only()
    assert back.status is Status.RETURNED and back.returned_at is not None

    launches.start("Coming back")  # the card again: the talk may not have started
    assert launches.only() == back
    launches.keys("w", "How did the talk go?")  # we talked
    launches.keys("s", "Saved")
    launches.kill()
    done = launches.only()
    assert (done.status, done.outcome, done.returned_at) == (Status.DONE, Outcome.SIDESTEP, back.returned_at)

    launches.start(STATEMENT_1)  # over: the next launch is a fresh start
    launches.kill()
    assert launches.episodes() == [done]

    with sqlite3.connect(cooldown_home / "episodes.sqlite3") as db:  # straight after the outcome, once more
        db.execute("UPDATE episodes SET status = 'returned', outcome = NULL WHERE uid = ?", (done.uid,))
    launches.start("Coming back")
    launches.keys("w", "How did the talk go?")
    launches.keys("s", "Saved")
    launches.terminal.send("n")  # into the note
    time.sleep(0.5)
    launches.keys("half a no", "half a no")
    launches.kill()
    [kept] = launches.episodes()
    assert (kept.uid, kept.outcome, kept.note) == (done.uid, Outcome.SIDESTEP, "")  # the note was never saved
    assert wait_for_alarms(cooldown_home, 0) == []  # done: no alarm left behind
