"""CPU of a running cool-down, with the breathing guide on and off, against a bare Textual app.

Each case launches the installed `cooldown` console script in an 80x24
pseudo-terminal with a log holding a cool-down two hours from its end, so the
app opens onto the running cool-down. After a warm-up it reads the process's
CPU time from /proc over the measured seconds (60 by default), while its output is drained.
Cases alternate (on, off, bare, on, off, bare ...) so the machine's noise falls
on all of them alike. Linux only. Usage: python benchmarks/cooldown_cpu.py [seconds] [rounds]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.installed import stop_alarms  # noqa: E402
from benchmarks.terminal import Program  # noqa: E402

HERE = Path(__file__).resolve().parent
WARM_UP = 3.0


def cooling_home(folder: Path, *, guide: bool) -> dict[str, str]:
    """A COOLDOWN_HOME with a cool-down running (two hours to go) and the guide on or off."""
    from cooldown.clock import system_clock
    from cooldown.core.episode import Episode
    from cooldown.store.episodes import EpisodeLog

    folder.mkdir()
    (folder / "config.toml").write_text(f"[breathing]\nenabled = {'true' if guide else 'false'}\n")
    now = system_clock()
    episode = Episode.begin(now).choose_activity("go for a walk").agree_return(now + timedelta(hours=2), now)
    with EpisodeLog(folder / "episodes.sqlite3") as log:
        log.save(episode)
    return {**launch_env(), "COOLDOWN_HOME": str(folder)}


def launch_env() -> dict[str, str]:
    """This environment without PYTHONDONTWRITEBYTECODE, so the launched programs use their cached bytecode."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str], env: dict[str, str], marker: bytes, seconds: float) -> tuple[float, float]:
    """(% of one core, RSS in MB) of `argv` idling for `seconds` once `marker` is on screen."""
    program = Program(argv, env)
    try:
        program.wait_for(marker)
        program.drain(WARM_UP)
        before = program.cpu_seconds()
        program.drain(seconds)
        used = program.cpu_seconds() - before
        return 100 * used / seconds, program.rss_mb()
    finally:
        program.stop()
        if "COOLDOWN_HOME" in env:
            stop_alarms(Path(env["COOLDOWN_HOME"]))  # the alarm the running cool-down keeps armed


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    script = str(Path(sys.executable).with_name("cooldown"))
    results: dict[str, list[tuple[float, float]]] = {"guide on": [], "guide off": [], "bare Textual app": []}
    with tempfile.TemporaryDirectory() as scratch:
        homes = {
            "guide on": cooling_home(Path(scratch) / "on", guide=True),
            "guide off": cooling_home(Path(scratch) / "off", guide=False),
        }
        for _ in range(rounds):
            for name, env in homes.items():
                results[name].append(measure([script], env, b"Cooling down", seconds))
            bare = [sys.executable, str(HERE / "minimal_app.py")]
            results["bare Textual app"].append(measure(bare, launch_env(), b"I recognize", seconds))
    bare_cpu = statistics.median(cpu for cpu, _ in results["bare Textual app"])
    print(f"CPU of one core over {seconds:.0f} s idle, median of {rounds} alternating rounds (RSS at the end):")
    for name, runs in results.items():
        cpu = statistics.median(c for c, _ in runs)
        rss = statistics.median(r for _, r in runs)
        print(f"  {name:<17} {cpu:5.2f}%   {rss:5.0f} MB   ({cpu / bare_cpu if bare_cpu else float('nan'):.1f}x bare)")


if __name__ == "__main__":
    main()
