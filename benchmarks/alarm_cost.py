"""What the background alarm costs while it waits: CPU time per hour and memory (RSS).

It seeds a COOLDOWN_HOME with a cool-down whose return time is two hours away,
starts the alarm as cooldown does (detached, `python -m cooldown.alarm`), and
reads its CPU time and resident memory from /proc after a warm-up and again
after the measured seconds; CPU is given per hour of waiting. A bare
`python -c "import time; time.sleep(...)"` is measured beside it for scale.
Linux only. Usage: python benchmarks/alarm_cost.py [seconds]
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WARM_UP = 5.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def alarm_pid(home: Path) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"cooldown.alarm" in argv and any(str(home).encode() in part for part in argv):
                return int(entry.name)
        time.sleep(0.1)
    raise SystemExit("the alarm did not start")


def measure(pid: int, seconds: float) -> tuple[float, float]:
    """(CPU seconds per hour, RSS MiB) of `pid` over `seconds` after the warm-up."""
    time.sleep(WARM_UP)
    before = cpu_seconds(pid)
    time.sleep(seconds)
    used = cpu_seconds(pid) - before
    return used * 3600 / seconds, rss_mib(pid)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
    from cooldown import alarm
    from cooldown.clock import system_clock
    from cooldown.core.episode import Episode
    from cooldown.store.episodes import EpisodeLog

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir()
        os.environ["COOLDOWN_HOME"] = str(home)
        now = system_clock()
        episode = Episode.begin(now).choose_activity("go for a walk").agree_return(now + timedelta(hours=2), now)
        with EpisodeLog(home / "episodes.sqlite3") as log:
            log.save(episode)
        alarm.ensure_running(episode.uid, home / "episodes.sqlite3")
        pid = alarm_pid(home)
        bare = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds + WARM_UP + 5})"])
        try:
            cpu, rss = measure(pid, seconds)
            bare_rss = rss_mib(bare.pid)
        finally:
            os.kill(pid, signal.SIGKILL)
            bare.kill()
    print(
        f"alarm, waiting {seconds:.0f} s: {cpu:.2f} s of CPU per hour ({cpu / 36:.3f}% of one core), RSS {rss:.1f} MiB"
    )
    print(f"bare python sleeping: RSS {bare_rss:.1f} MiB")


if __name__ == "__main__":
    main()
