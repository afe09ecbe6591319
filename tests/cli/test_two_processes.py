"""Two processes on one log at once: the command line twice, or the open app and the command line.

Nothing may be lost on either side, no command may fail with "database is locked",
and the open app follows what the command line changed. Every process here is
real and every log a real SQLite file in the test's folder. How long a save waits
meanwhile is measured by benchmarks/two_processes.py, not asserted here.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

import cooldown
from cooldown.clock import system_clock
from cooldown.core.episode import Episode, Outcome, Status
from cooldown.store.episodes import EpisodeLog
from cooldown.store.export import write_json
from cooldown.tui.app import FOLLOW_TICKS, CooldownApp
from cooldown.tui.screens.coming_back import ComingBackScreen
from cooldown.tui.screens.cooldown import CoolDownScreen
from cooldown.tui.screens.outcome import OutcomeScreen
from cooldown.tui.screens.reflect import ReflectScreen
from tests.conftest import FakeClock
from tests.tui.conftest import SIZE, flat, visible_text

SOURCE_ROOT = Path(cooldown.__file__).resolve().parent.parent
IN_PROCESS_RUNS = 500
"""`cooldown log` calls per process when the entry point is called in a loop (a spawn costs ~0.4 s here)."""
SPAWNED_RUNS = 20
"""`cooldown log` console scripts started one after another by each of two loops."""
HAMMER_RUNS = 200
"""`cooldown log` calls made by another process while the app goes through the protocol."""
PIPE_BUFFER = 65536
"""What a pipe holds before its writer blocks (Linux)."""
SEEDED = 400
"""Episodes in the log a stalled export is writing out: well over a full pipe of JSON."""
WAIT = 120.0
"""Longest wait for a child process: never reached unless something hangs."""

LOGGER = """
import contextlib, io, sys, time
from pathlib import Path
go, runs, name = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
from cooldown.cli import main
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
out, err, codes = io.StringIO(), io.StringIO(), []
for n in range(runs):
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        codes.append(main(["log", "fight" if n % 2 else "sidestep", "--note", f"{name} {n}"]))
print("codes", *sorted(set(codes)), flush=True)
print("said", sum(line.startswith("Logged a ") for line in out.getvalue().splitlines()), flush=True)
sys.stderr.write(err.getvalue())
"""
"""Waits for the go file, then calls the `cooldown log` entry point `runs` times, as the console script does."""


def console_script() -> str:
    script = Path(sys.executable).with_name("cooldown")  # the console script, as installed beside Python
    assert script.exists(), f"install the project first: {script} is missing"
    return str(script)


@pytest.fixture
def env(cooldown_home: Path) -> dict[str, str]:
    """The environment of every child: this test's COOLDOWN_HOME and HOME (set by conftest), this cooldown first."""
    path = [str(SOURCE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path), "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    """Child processes started by a test; any still running at the end is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=WAIT)


def start_loggers(
    count: int, runs: int, env: dict[str, str], tmp_path: Path, children: list[subprocess.Popen[str]]
) -> list[subprocess.Popen[str]]:
    """`count` LOGGER processes, each ready and waiting for the go file (tmp_path/go)."""
    loggers = []
    for n in range(count):
        child = subprocess.Popen(
            [sys.executable, "-c", LOGGER, str(tmp_path / "go"), str(runs), f"process-{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        children.append(child)
        loggers.append(child)
    for child in loggers:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.communicate(timeout=WAIT)
    return loggers


def finish_logger(child: subprocess.Popen[str], runs: int) -> None:
    """The logger ended well: exit 0, every call exited 0 and said so, nothing on stderr."""
    out, err = child.communicate(timeout=WAIT)
    assert child.returncode == 0, err
    assert out.splitlines() == ["codes 0", f"said {runs}"], err
    assert err == ""


def notes_counted(log_path: Path) -> dict[str, int]:
    """note -> how many stored episodes carry it, read over a fresh connection."""
    db = sqlite3.connect(log_path)
    try:
        return dict(db.execute("SELECT note, COUNT(*) FROM episodes GROUP BY note").fetchall())
    finally:
        db.close()


def each_once(names: list[str], runs: int) -> dict[str, int]:
    return {f"{name} {n}": 1 for name in names for n in range(runs)}


def cooldown(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed console script, run to its end."""
    return subprocess.run([console_script(), *args], env=env, capture_output=True, text=True, timeout=WAIT)


# --- the command line, twice at once -----------------------------------------


@pytest.mark.slow  # about 30 s on two busy cores
def test_two_processes_logging_500_times_each_lose_nothing(
    log_path: Path, env: dict[str, str], tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    loggers = start_loggers(2, IN_PROCESS_RUNS, env, tmp_path, children)
    (tmp_path / "go").touch()
    for child in loggers:
        finish_logger(child, IN_PROCESS_RUNS)

    assert notes_counted(log_path) == each_once(["process-0", "process-1"], IN_PROCESS_RUNS)
    with EpisodeLog(log_path) as log:
        assert log.count() == 2 * IN_PROCESS_RUNS
        assert {(episode.status, episode.protocol_used) for episode in log.episodes()} == {(Status.DONE, False)}


@pytest.mark.slow  # about 30 s on two busy cores
def test_two_loops_of_the_console_script_at_once_lose_nothing(log_path: Path, env: dict[str, str]) -> None:
    results: dict[str, list[subprocess.CompletedProcess[str]]] = {"loop-0": [], "loop-1": []}
    go = threading.Barrier(len(results))

    def loop(name: str) -> None:
        go.wait()
        for n in range(SPAWNED_RUNS):
            results[name].append(cooldown("log", "fight", "--note", f"{name} {n}", env=env))

    threads = [threading.Thread(target=loop, args=(name,)) for name in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * SPAWNED_RUNS)

    for name, runs in results.items():
        assert len(runs) == SPAWNED_RUNS, name
        failed = [(run.returncode, run.stderr) for run in runs if run.returncode != 0 or run.stderr]
        assert failed == [], name
        assert all(run.stdout.startswith("Logged a fight on ") for run in runs), name
    assert notes_counted(log_path) == each_once(list(results), SPAWNED_RUNS)


# --- the open app while the command line writes -------------------------------


def make_app(clock: FakeClock, log_path: Path) -> CooldownApp:
    """The real app on the test's clock and log; the background alarm (a real process) is not started."""
    app = CooldownApp(clock=clock, log_path=log_path, start_alarm=lambda uid: True)
    app.bell = lambda: None  # type: ignore[method-assign]
    return app


def problems_shown(app: CooldownApp) -> list[str]:
    """The log problems the app has met (it shows each as a notice)."""
    return [str(app.logbook.problem)] if app.logbook.problem is not None else []


def exported(episodes: list[Episode], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        write_json(episodes, out)
    return path


async def test_the_open_app_and_the_command_line_lose_nothing_and_the_app_follows(
    log_path: Path, env: dict[str, str], tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    clock = FakeClock(system_clock())  # the commands follow the wall clock: the app starts from it too
    [hammer] = start_loggers(1, HAMMER_RUNS, env, tmp_path, children)
    backup = exported(
        [Episode.logged(clock.now - timedelta(days=n), Outcome.SIDESTEP, note=f"imported {n}") for n in (1, 2)],
        tmp_path / "backup.json",
    )
    app = make_app(clock, log_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        (tmp_path / "go").touch()  # another process logs all through the statements
        await pilot.press("7", "enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        finish_logger(hammer, HAMMER_RUNS)

        logged = cooldown("log", "fight", "--note", "from a shell", env=env)
        imported = cooldown("import", str(backup), env=env)
        back = cooldown("back", env=env)
        assert (logged.returncode, logged.stderr) == (0, "")
        assert (imported.returncode, imported.stdout, imported.stderr) == (0, "Imported 2 episodes.\n", "")
        assert (back.returncode, back.stderr) == (0, "")
        assert back.stdout.startswith("Welcome back: your return at ")

        for _ in range(FOLLOW_TICKS):  # the app reads the episode in hand again every FOLLOW_TICKS seconds
            app.tick()
        await pilot.pause()
        assert isinstance(app.screen, ComingBackScreen)
        assert "Is now a good time to talk?" in flat(visible_text(app))
        assert any("changed elsewhere" in notice.message for notice in app._notifications)

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("2", "enter", "enter")
        await pilot.pause()
        assert problems_shown(app) == []

    with EpisodeLog(log_path) as log:
        episodes = list(log.episodes())
    [ours] = [episode for episode in episodes if episode.protocol_used]
    assert (ours.status, ours.outcome, ours.anger_before, ours.anger_after) == (Status.DONE, Outcome.SIDESTEP, 7, 2)
    assert ours.activity == "go for a walk"
    assert ours.returned_at is not None  # recorded by `cooldown back`, kept by the app
    assert notes_counted(log_path) == {
        "": 1,
        "from a shell": 1,
        "imported 1": 1,
        "imported 2": 1,
        **each_once(["process-0"], HAMMER_RUNS),
    }


async def test_the_open_history_follows_an_episode_logged_from_a_shell(log_path: Path, env: dict[str, str]) -> None:
    clock = FakeClock(system_clock())
    app = make_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert "Nothing recorded yet." in flat(visible_text(app))
        assert cooldown("log", "fight", "--note", "from a shell", env=env).returncode == 0
        for _ in range(FOLLOW_TICKS):  # as the protocol follows the episode in hand
            app.tick()
        await pilot.pause()
        text = flat(visible_text(app))
        assert "Nothing recorded yet." not in text
        assert "Fights 1 1 1" in text  # this week, this month, all time


# --- a reader that never reads, while the app saves a whole protocol run ------


def waiting_in_pipe(child: subprocess.Popen[bytes]) -> int:
    """How many bytes the child has written into its stdout pipe that nobody has read."""
    assert child.stdout is not None
    buffer = bytearray(4)
    fcntl.ioctl(child.stdout.fileno(), termios.FIONREAD, buffer)
    return int.from_bytes(buffer, sys.byteorder)


def blocked_writing(child: subprocess.Popen[bytes]) -> bool:
    """True once the child is asleep in a write to its full stdout pipe.

    A pipe's pages fill only partly, so the bytes waiting stay somewhat under
    64 KiB; where the kernel does not say what a process waits on, a count that
    has stopped growing over half a second stands in.
    """
    try:
        waits_on = Path(f"/proc/{child.pid}/wchan").read_text()
    except OSError:
        waits_on = "0"
    if waits_on not in ("", "0"):
        return "pipe_write" in waits_on and waiting_in_pipe(child) > PIPE_BUFFER // 2
    before = waiting_in_pipe(child)
    time.sleep(0.5)
    return before == waiting_in_pipe(child) > PIPE_BUFFER // 2


def stalled_export(env: dict[str, str], children: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    """`cooldown export | sleep 60`: the export has filled its pipe and waits, midway through the log."""
    child = subprocess.Popen([console_script(), "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    children.append(child)  # type: ignore[arg-type]
    deadline = time.monotonic() + WAIT
    while not blocked_writing(child):
        assert child.poll() is None, "the export ended: the log is too small to fill the pipe"
        assert time.monotonic() < deadline, "the export never filled its pipe"
        time.sleep(0.01)
    return child


async def test_a_stalled_export_holds_up_neither_a_whole_protocol_run_nor_a_log(
    log_path: Path, env: dict[str, str], children: list[subprocess.Popen[bytes]]
) -> None:
    clock = FakeClock(system_clock())
    start = clock.now - timedelta(days=SEEDED)
    with EpisodeLog(log_path) as log:
        log.add_new(
            Episode.logged(start + timedelta(days=n), Outcome.FIGHT, note=f"seeded {n} " + "x" * 100)
            for n in range(SEEDED)
        )
    export = stalled_export(env, children)
    app = make_app(clock, log_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter", "enter", "1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        clock.advance(minutes=10)
        await pilot.press("a", "4")  # how angry now
        await pilot.pause()
        await pilot.press("m", "up", "enter")  # more time
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        logged = cooldown("log", "sidestep", "--note", "while the export waits", env=env)
        clock.advance(minutes=30)
        await pilot.press("b", "w", "f")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        await pilot.press("3", "n", *"we talked it through", "enter")
        await pilot.pause()
        await pilot.press("1", "t", *"money", "enter")
        await pilot.pause()
        assert problems_shown(app) == []
        assert export.poll() is None  # still waiting on its pipe all along
    assert (logged.returncode, logged.stderr) == (0, "")

    with EpisodeLog(log_path) as log:
        episodes = list(log.episodes())
    [ours] = [episode for episode in episodes if episode.protocol_used]
    assert (ours.status, ours.outcome, ours.anger_before, ours.anger_after) == (Status.DONE, Outcome.FIGHT, 7, 3)
    assert [reading.value for reading in ours.anger_during] == [4]
    assert (ours.reschedules, ours.note, ours.topic, len(ours.cues)) == (1, "we talked it through", "money", 1)
    assert len(episodes) == SEEDED + 2

    out, err = export.communicate(timeout=WAIT)  # the reader reads at last: the export is whole
    assert (export.returncode, err) == (0, b"")
    assert [episode["note"] for episode in json.loads(out)] == [f"seeded {n} " + "x" * 100 for n in range(SEEDED)]
