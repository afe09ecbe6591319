"""An unexpected error in the terminal UI: the terminal is given back and the exit status says so."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.terminal import Terminal, plain, python

BROKEN_STEP = python(
    "import sys",
    "from cooldown.tui.screens.statement import StatementScreen",
    "def broken(self):",
    "    raise RuntimeError('a bug in statement 1')",
    "StatementScreen.action_next = broken  # a bug as a person would meet it: on a key press",
    "from cooldown.cli import main",
    "sys.exit(main([]))",
)


def test_an_unexpected_error_exits_non_zero_with_the_terminal_restored(cooldown_home: Path) -> None:
    terminal = Terminal(BROKEN_STEP, dict(os.environ))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        shown = len(terminal.output)
        terminal.send("\r")
        status = terminal.wait()
    finally:
        terminal.close()
    after = terminal.output[shown:]
    assert status == 1
    assert "\x1b[?1049l" in after  # out of the alternate screen
    assert "\x1b[?25h" in after  # the cursor is shown again
    assert "\x1b[?1000l" in after  # mouse reporting is off
    assert "a bug in statement 1" in plain(after)
    assert "cooldown closed because of an unexpected error" in plain(after)
    assert "type cooldown to carry on" in plain(after)


def test_a_normal_quit_exits_zero(cooldown_home: Path) -> None:
    script = Path(sys.executable).with_name("cooldown")  # the console script, as installed beside Python
    assert script.exists(), f"install the project first: {script} is missing"
    terminal = Terminal([str(script)], dict(os.environ))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        terminal.send("\x11")  # ctrl+q
        status = terminal.wait()
    finally:
        terminal.close()
    assert status == 0
    assert "unexpected error" not in plain(terminal.output)


def cooldown_script() -> str:
    script = Path(sys.executable).with_name("cooldown")
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


def test_sigterm_gives_the_terminal_back_and_keeps_the_cool_down(cooldown_home: Path) -> None:
    import signal

    from cooldown.core.episode import Status
    from cooldown.store.episodes import EpisodeLog

    terminal = Terminal([cooldown_script()], dict(os.environ))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        for key, then in (("\r", "I care about the relationship."), ("\r", "withdraw"), ("1", "back at")):
            terminal.send(key)
            terminal.wait_for(then)
        terminal.send("\r")
        terminal.wait_for("Read it aloud")
        terminal.send("\r")
        terminal.wait_for("Back at")
        shown = len(terminal.output)
        os.kill(terminal.pid, signal.SIGTERM)
        status = terminal.wait()
    finally:
        terminal.close()
    after = terminal.output[shown:]
    assert status == 128 + signal.SIGTERM
    assert "\x1b[?1049l" in after  # out of the alternate screen
    assert "\x1b[?25h" in after  # the cursor is shown again
    assert "\x1b[?1000l" in after  # mouse reporting is off
    assert "Your cool-down keeps running until" in plain(after)
    assert "Traceback" not in plain(after)
    with EpisodeLog(cooldown_home / "episodes.sqlite3") as log:
        [episode] = list(log.episodes())
    assert episode.status is Status.COOLING and episode.activity == "go for a walk"


def test_sighup_from_a_closed_terminal_ends_it_cleanly(cooldown_home: Path) -> None:
    import signal

    terminal = Terminal([cooldown_script()], dict(os.environ))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        os.kill(terminal.pid, signal.SIGHUP)
        status = terminal.wait()
    finally:
        terminal.close()
    assert status == 128 + signal.SIGHUP
    assert "\x1b[?1049l" in terminal.output
    assert "Traceback" not in plain(terminal.output)


def test_sighup_during_the_statements_says_how_to_carry_on(cooldown_home: Path) -> None:
    import signal

    terminal = Terminal([cooldown_script()], dict(os.environ))
    try:
        terminal.wait_for("I recognize that I am getting angry.")
        terminal.send("\r")
        terminal.wait_for("I care about the relationship.")
        shown = len(terminal.output)
        os.kill(terminal.pid, signal.SIGHUP)
        status = terminal.wait()
    finally:
        terminal.close()
    assert status == 128 + signal.SIGHUP
    assert "type cooldown within 10 minutes to carry on where you left off" in plain(terminal.output[shown:])


def test_a_terminal_closed_during_the_cool_down_leaves_no_cooldown_behind(cooldown_home: Path) -> None:
    """The terminal goes away for real (its master end closed: SIGHUP and SIGCONT from the kernel)."""
    import time

    from cooldown.core.episode import Status
    from cooldown.store.episodes import EpisodeLog

    for attempt in range(3):  # the hang it guards against came at random moments of the exit
        home = cooldown_home / f"try-{attempt}"
        terminal = Terminal([cooldown_script()], {**os.environ, "COOLDOWN_HOME": str(home)})
        terminal.wait_for("I recognize that I am getting angry.")
        for key, then in (("\r", "I care about the relationship."), ("\r", "withdraw"), ("1", "back at")):
            terminal.send(key)
            terminal.wait_for(then)
        terminal.send("\r")
        terminal.wait_for("Read it aloud")
        terminal.send("\r")
        terminal.wait_for("Back at")
        os.close(terminal.fd)  # the window is closed
        deadline = time.monotonic() + 20
        while os.waitpid(terminal.pid, os.WNOHANG) == (0, 0):
            assert time.monotonic() < deadline, "cooldown is still running with no terminal"
            time.sleep(0.1)
        with EpisodeLog(home / "episodes.sqlite3") as log:
            [episode] = list(log.episodes())
        assert episode.status is Status.COOLING
