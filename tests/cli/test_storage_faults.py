"""The installed console script on a log that fails for real, in a pseudo-terminal: the protocol still runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from cooldown.core.episode import Episode, Status
from cooldown.store.episodes import EpisodeLog
from tests.conftest import BERLIN
from tests.mounts import needs_mounts, shell_with_own_mounts
from tests.terminal import Terminal, plain

GARBAGE = b"this is not an SQLite database\x00\xff" * 100


def cooldown_script() -> str:
    script = Path(sys.executable).with_name("cooldown")
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


def walk_to_the_cool_down(terminal: Terminal) -> None:
    """Say the four statements, agree the suggested return time, start the cool-down."""
    terminal.wait_for("I recognize that I am getting angry.")
    for key, then in (("\r", "I care about the relationship."), ("\r", "withdraw"), ("1", "back at")):
        terminal.send(key)
        terminal.wait_for(then)
    terminal.send("\r")
    terminal.wait_for("Read it aloud")
    terminal.send("\r")
    terminal.wait_for("Back at")


def leave(terminal: Terminal) -> str:
    """End the app as a closed terminal would (SIGTERM); what it said on the way out."""
    shown = len(terminal.output)
    os.kill(terminal.pid, signal.SIGTERM)
    assert terminal.wait() == 128 + signal.SIGTERM
    return plain(terminal.output[shown:])


def stats() -> subprocess.CompletedProcess[str]:
    return subprocess.run([cooldown_script(), "stats"], capture_output=True, text=True, env=dict(os.environ))


def test_a_garbage_log_the_protocol_runs_and_the_log_is_moved_aside_whole(cooldown_home: Path) -> None:
    log_path = cooldown_home / "episodes.sqlite3"
    cooldown_home.mkdir()
    log_path.write_bytes(GARBAGE)
    read = stats()  # a reader says what is wrong and changes nothing
    assert read.returncode == 1
    assert read.stderr.strip() == (
        f"cooldown stats: The log at {log_path} could not be used: it is damaged (file is not a database). It is left "
        "exactly as it is; the next time cooldown opens, it is moved aside, whole, and a new log is started"
    )
    assert log_path.read_bytes() == GARBAGE
    terminal = Terminal([cooldown_script()], dict(os.environ), size=(200, 50))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        terminal.wait_for("was damaged (file is not a database), so it was moved to")
        [moved] = [path for path in cooldown_home.iterdir() if ".damaged-" in path.name]
        assert f"The log at {log_path} was damaged" in plain(terminal.output)
        assert str(moved) in plain(terminal.output)
        walk_to_the_cool_down(terminal)
        farewell = leave(terminal)
    finally:
        terminal.close()
    assert "Your cool-down keeps running until" in farewell
    assert moved.read_bytes() == GARBAGE
    with EpisodeLog(log_path) as log:
        [episode] = log.episodes()
    assert episode.status is Status.COOLING
    read = stats()
    assert read.returncode == 0, read.stderr


@needs_mounts
def test_a_read_only_data_folder_the_protocol_runs_and_says_plainly_nothing_is_saved(cooldown_home: Path) -> None:
    log_path = cooldown_home / "episodes.sqlite3"
    with EpisodeLog(log_path) as log:
        from datetime import datetime

        log.save(Episode.begin(datetime(2026, 11, 20, 18, 0, tzinfo=BERLIN)))
    before = log_path.read_bytes()
    folder = str(cooldown_home)
    setup = f"mount --bind '{folder}' '{folder}'; mount -o remount,bind,ro '{folder}'"
    terminal = Terminal(shell_with_own_mounts(setup, [cooldown_script()]), dict(os.environ), size=(200, 50))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        terminal.wait_for(f"Not saved: the log at {log_path} can't be used")
        terminal.wait_for(f"Make {folder} writable")
        walk_to_the_cool_down(terminal)
        farewell = leave(terminal)
    finally:
        terminal.close()
    assert "The log can't be written, so this cool-down will not be there next time." in farewell
    assert log_path.read_bytes() == before  # nothing half written
    read = subprocess.run(
        shell_with_own_mounts(setup, [cooldown_script(), "stats"]), capture_output=True, text=True, env=dict(os.environ)
    )
    assert read.returncode == 1
    assert read.stderr.startswith(f"cooldown stats: The log at {log_path} could not be used: its folder can't be")
    assert f"Make {folder} writable" in read.stderr


def test_a_command_that_moves_a_damaged_log_aside_says_so(cooldown_home: Path) -> None:
    import subprocess
    import sys

    cooldown_home.mkdir(parents=True, exist_ok=True)
    damaged = cooldown_home / "episodes.sqlite3"
    damaged.write_bytes(b"not a log at all" * 300)
    script = Path(sys.executable).with_name("cooldown")
    done = subprocess.run([str(script), "log", "sidestep"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    [moved] = cooldown_home.glob("episodes.sqlite3.damaged-*")
    assert moved.read_bytes() == b"not a log at all" * 300
    assert "was damaged" in done.stderr and str(moved) in done.stderr
    assert "Logged a sidestep" in done.stdout
