"""How fast `cooldown status` answers, against Python doing nothing.

A status bar runs `cooldown status` every second, so it should cost little more
than starting Python (target: median at most 3x `python -c pass`). Each round
starts three fresh processes, in turn so the machine's noise falls on all alike:
`python -c pass`, the installed `cooldown status` with an empty COOLDOWN_HOME
(no log: nothing pending), and the same with a log holding a running cool-down.
Wall time includes starting the process.

All of it twice: with bytecode cached (as after `pip install`, which compiles it;
here in a temporary PYTHONPYCACHEPREFIX so the checkout stays clean), and with
the environment as it is (where PYTHONDONTWRITEBYTECODE=1 is set, every run
compiles cooldown's modules afresh). Usage: python benchmarks/status_speed.py [rounds]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

TARGET = 3.0


def cooling_home(folder: Path) -> dict[str, str]:
    """A COOLDOWN_HOME whose log holds a cool-down running for another two hours."""
    from cooldown.clock import system_clock
    from cooldown.core.episode import Episode
    from cooldown.store.episodes import EpisodeLog

    folder.mkdir()
    now = system_clock()
    episode = Episode.begin(now).choose_activity("go for a walk").agree_return(now + timedelta(hours=2), now)
    with EpisodeLog(folder / "episodes.sqlite3") as log:
        log.save(episode)
    return {**os.environ, "COOLDOWN_HOME": str(folder)}


def cached_bytecode(prefix: Path) -> dict[str, str]:
    """Environment changes that let Python write and reuse bytecode, kept under `prefix`."""
    return {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": ""}


def seconds(argv: list[str], env: dict[str, str], expect: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(f"{argv} exited {done.returncode}, not {expect}: {done.stderr.decode()}")
    return took


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    script = Path(sys.executable).with_name("cooldown")
    status = [str(script), "status"] if script.exists() else [sys.executable, "-m", "cooldown", "status"]
    with tempfile.TemporaryDirectory() as folder:
        empty = {**os.environ, "COOLDOWN_HOME": str(Path(folder) / "empty")}
        cooling = cooling_home(Path(folder) / "cooling")
        cases: dict[tuple[str, str], tuple[list[str], dict[str, str], int]] = {}
        for how, change in (("bytecode cached", cached_bytecode(Path(folder) / "pycache")), ("as is", {})):
            cases[how, "python -c pass"] = ([sys.executable, "-c", "pass"], empty | change, 0)
            cases[how, "cooldown status, empty home"] = (status, empty | change, 1)
            cases[how, "cooldown status, cool-down running"] = (status, cooling | change, 0)
        for argv, env, expect in cases.values():  # warm the file cache (and write the bytecode)
            seconds(argv, env, expect)
        times: dict[tuple[str, str], list[float]] = {case: [] for case in cases}
        for _ in range(rounds):
            for case, (argv, env, expect) in cases.items():
                times[case].append(seconds(argv, env, expect))
    medians = {case: statistics.median(taken) for case, taken in times.items()}
    print(f"medians of {rounds} interleaved rounds of {' '.join(status)}:")
    for how in dict.fromkeys(how for how, _ in cases):
        bare = medians[how, "python -c pass"]
        print(how)
        for (group, name), median in medians.items():
            if group == how:
                print(f"  {name:<36} {median * 1000:6.1f} ms  {median / bare:4.2f}x")
        worst = max(median for (group, _), median in medians.items() if group == how) / bare
        print(
            f"  slowest / python -c pass: {worst:.2f}x (target at most {TARGET:.0f}x): {'ok' if worst <= TARGET else 'TOO SLOW'}"
        )


if __name__ == "__main__":
    main()
