"""How long a key press waits for its save while another process uses the same log.

This process plays the open app: whole protocol runs through the session layer
(statement 1 with a rating, statement 2, an activity, a return time, a rating
during the cool-down, more time, back, the outcome, the afterwards, what set it
off), each step one save to a real log, as a key press makes it. Each step and
each `EpisodeLog.save` inside it is timed. Meanwhile another process, started
fresh for each scenario, does one thing over and over until told to stop:

- nothing (no other process: the baseline);
- `cooldown log` (its entry point called in a loop, as the console script calls it);
- `cooldown import` of a 400-episode export already in the log (one longer write each time);
- `cooldown export` to nowhere (a reader reading the whole log, again and again);
- `cooldown export` into a pipe nobody reads (`cooldown export | sleep 60`: it fills
  the pipe and waits, midway through its read, for the whole scenario);
- that stalled export and `cooldown log` in a loop, both at once;
- a second app going through protocol runs of its own.

Every log holds 2,000 episodes first. A save that fails (StoreError, e.g.
"database is locked") is counted, as are the other process's failed commands.
The busy timeout (`store.episodes.BUSY_TIMEOUT`) is the longest a save can wait;
the target is a worst wait far below it. Usage: python benchmarks/two_processes.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.seed import synthetic_episodes
from cooldown.core.episode import Outcome
from cooldown.core.settings import Settings
from cooldown.session.logbook import Logbook
from cooldown.session.preferences import Preferences
from cooldown.session.protocol import ProtocolRun
from cooldown.store.episodes import BUSY_TIMEOUT, EpisodeLog, StoreError
from cooldown.store.export import write_json

ROOT = Path(__file__).resolve().parent.parent
SEEDED = 2000
IMPORTED = 400
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)

REPEAT = r"""
import contextlib, io, sys, time
from pathlib import Path
stop, what = Path(sys.argv[1]), sys.argv[2:]
from cooldown.cli import main
calls, failed, worst = 0, 0, 0.0

def call():
    global calls, failed, worst
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*what[:-1], f"{what[-1]} {calls}"] if what[0] == "log" else what)
    worst = max(worst, time.perf_counter() - start)
    calls += 1
    if code:
        failed += 1
        sys.stderr.write(err.getvalue())

call()  # the imports and the first open: not what is measured
worst = 0.0
print("ready", flush=True)
while not stop.exists():
    call()
print("done", calls, failed, worst, flush=True)
"""
"""Calls the cooldown entry point with the arguments given until the stop file appears (a log's note gets a count)."""

SECOND_APP = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from benchmarks.two_processes import Side, protocol_runs
stop, log_path = Path(sys.argv[1]), Path(sys.argv[2])
side = Side()
protocol_runs(log_path, side, until=lambda: False, hour=10_000, runs=1)  # the imports and the first open
side = Side()
print("ready", flush=True)
runs = 1 + protocol_runs(log_path, side, until=stop.exists, hour=10_001)
print("done", runs, side.failed, max(side.saves, default=0.0), flush=True)
"""
"""A second open app: protocol runs of its own (in later hours) until the stop file appears."""


@dataclass
class Side:
    """What one process measured: each save, each step, and the saves that failed."""

    saves: list[float] = field(default_factory=list)
    steps: list[float] = field(default_factory=list)
    failed: int = 0
    problems: list[str] = field(default_factory=list)


class StepClock:
    """The clock of the measured runs: set by hand before each step."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def timed_saves(log: EpisodeLog, side: Side) -> None:
    """Time every save on `log` (and count those that fail) without changing what it does."""
    save = log.save

    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the same call, timed
        start = time.perf_counter()
        try:
            return save(*args, **kwargs)
        except StoreError as error:
            side.failed += 1
            side.problems.append(error.reason)
            raise
        finally:
            side.saves.append(time.perf_counter() - start)

    log.save = timed  # type: ignore[method-assign]


def steps(run: ProtocolRun, start: datetime) -> list[tuple[int, Callable[[], object]]]:
    """The steps of one whole protocol run begun at `start`: (minutes after `start`, the step)."""
    return [
        (0, lambda: run.say(1, anger=7)),
        (0, lambda: run.say(2)),
        (1, lambda: run.choose_activity("go for a walk", 30)),
        (1, lambda: run.agree_return(start + timedelta(minutes=31))),
        (15, lambda: run.rate_anger_now(4)),
        (20, lambda: run.reschedule(start + timedelta(minutes=45))),
        (46, run.come_back),
        (60, lambda: run.record_outcome(Outcome.SIDESTEP)),
        (61, lambda: run.reflect(2, "a walk helped")),
        (62, lambda: run.notice("money", ())),
    ]


def protocol_runs(
    log_path: Path, side: Side, *, until: Callable[[], bool], hour: int = 0, runs: int | None = None
) -> int:
    """Whole protocol runs, one save a step, until `until()` (or `runs` of them); how many were made."""
    clock = StepClock()
    logbook = Logbook(log_path)
    assert logbook.log is not None, logbook.problem
    timed_saves(logbook.log, side)
    run = ProtocolRun(logbook, Preferences(log_path.with_name("config.toml"), Settings()), clock)
    made = 0
    try:
        while not until() and (runs is None or made < runs):
            start = START + timedelta(hours=hour + made)
            for minutes, step in steps(run, start):
                clock.now = start + timedelta(minutes=minutes)
                began = time.perf_counter()
                step()
                side.steps.append(time.perf_counter() - began)
            run.begin_afresh_abandoning_stale()
            made += 1
    finally:
        logbook.close()
    return made


def seeded_folder(parent: Path, name: str) -> Path:
    """A folder whose log holds SEEDED episodes, and an export of IMPORTED of them beside it."""
    folder = parent / name
    folder.mkdir()
    episodes = list(synthetic_episodes(SEEDED, 2, START - timedelta(days=1)))
    with EpisodeLog(folder / "episodes.sqlite3") as log:
        log.add_new(episodes)
    with (folder / "export.json").open("w", encoding="utf-8") as out:
        write_json(episodes[:IMPORTED], out)
    return folder


def environment(folder: Path) -> dict[str, str]:
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "COOLDOWN_HOME": str(folder), "PYTHONPATH": os.pathsep.join(path)}


def start_repeating(folder: Path, *what: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", REPEAT, str(folder / "stop"), *what],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(folder),
    )
    assert child.stdout is not None and child.stdout.readline() == "ready\n", child.communicate()
    return child


def start_second_app(folder: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", SECOND_APP, str(folder / "stop"), str(folder / "episodes.sqlite3"), str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(folder),
    )
    assert child.stdout is not None and child.stdout.readline() == "ready\n", child.communicate()
    return child


def start_stalled_export(folder: Path) -> subprocess.Popen[str]:
    """`cooldown export` into a pipe nobody reads, once it has filled the pipe and sleeps writing to it."""
    script = Path(sys.executable).with_name("cooldown")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "cooldown"]
    child = subprocess.Popen([*argv, "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(folder))
    deadline = time.monotonic() + 60
    while "pipe_write" not in Path(f"/proc/{child.pid}/wchan").read_text():
        if child.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the export did not stall on its pipe: is the log big enough?")
        time.sleep(0.01)
    return child  # type: ignore[return-value]


def stop(
    folder: Path, others: list[subprocess.Popen[str]], stalled: subprocess.Popen[str] | None
) -> tuple[list[str], int]:
    """Tell the repeating processes to stop: what each said, and how many calls went through.

    A stalled export is read to its end.
    """
    (folder / "stop").touch()
    said, through = [], 0
    for child in others:
        out, err = child.communicate(timeout=120)
        words = out.split()
        calls, failed, worst = int(words[-3]), int(words[-2]), float(words[-1])
        through += calls - failed
        said.append(
            f"other: {calls} calls, {failed} failed, its worst {worst * 1000:.0f} ms"
            + (f"; it said: {err.strip().splitlines()[-1]}" if err.strip() else "")
        )
    if stalled is not None:
        out, err = stalled.communicate(timeout=120)
        said.append(f"stalled export: exit {stalled.returncode}, {len(out) // 1024} KiB once read")
    return said, through


Started = tuple[list[subprocess.Popen[str]], subprocess.Popen[str] | None]
SCENARIOS: dict[str, tuple[Callable[[Path], Started], bool]] = {
    "nobody else": (lambda folder: ([], None), False),
    "cooldown log in a loop": (
        lambda folder: ([start_repeating(folder, "log", "fight", "--note", "loop")], None),
        True,
    ),
    "cooldown import in a loop": (
        lambda folder: ([start_repeating(folder, "import", str(folder / "export.json"))], None),
        False,
    ),
    "cooldown export in a loop": (
        lambda folder: ([start_repeating(folder, "export", "--output", str(folder / "out.json"))], None),
        False,
    ),
    "cooldown export | sleep (stalled)": (lambda folder: ([], start_stalled_export(folder)), False),
    "stalled export + cooldown log loop": (
        lambda folder: ([start_repeating(folder, "log", "fight", "--note", "loop")], start_stalled_export(folder)),
        True,
    ),
    "a second app's protocol runs": (lambda folder: ([start_second_app(folder)], None), True),
}
"""Each scenario: how to start the other processes, and whether each call of theirs adds an episode."""


def milliseconds(values: list[float], share: float) -> str:
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000:7.1f}"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    print(f"{runs} protocol runs ({runs * 10} saves) per scenario, on a log of {SEEDED} episodes")
    print(f"busy timeout {BUSY_TIMEOUT:.1f} s; times in ms (a step is one key press's save, with its model work)")
    print(f"{'scenario':<36} {'median':>7} {'p99':>7} {'worst':>7} {'step worst':>10} {'failed':>6}  WAL KiB")
    notes = []
    with tempfile.TemporaryDirectory() as parent:
        for number, (name, (start_others, adding)) in enumerate(SCENARIOS.items()):
            folder = seeded_folder(Path(parent), f"scenario-{number}")
            others, stalled = start_others(folder)
            time.sleep(0.3)  # let the other process get going
            side = Side()
            try:
                protocol_runs(folder / "episodes.sqlite3", side, until=lambda: False, runs=runs)
                wal = folder / "episodes.sqlite3-wal"
                wal_kib = wal.stat().st_size // 1024 if wal.exists() else 0
            finally:
                said, through = stop(folder, others, stalled)
            with EpisodeLog(folder / "episodes.sqlite3") as log:
                kept = log.count()
            expected = SEEDED + runs + (through if adding else 0)
            whole = "nothing lost" if kept == expected else f"LOST {expected - kept}"
            saves = side.saves
            print(
                f"{name:<36} {statistics.median(saves) * 1000:7.1f} {milliseconds(saves, 0.99)}"
                f" {max(saves) * 1000:7.1f} {max(side.steps) * 1000:10.1f} {side.failed:6d}  {wal_kib:7d}"
            )
            problems = f"; failed saves: {sorted(set(side.problems))}" if side.problems else ""
            notes.append(
                f"  {name}: {'; '.join(said) or 'no other process'}; {kept} episodes in the log, {whole}{problems}"
            )
    print("\n".join(notes))


if __name__ == "__main__":
    main()
