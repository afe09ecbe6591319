"""`cooldown export` (JSON, CSV) and `cooldown import` on a big log, against a plain dump of the same rows.

The plain dump is what any export must at least do: read every row with the
sqlite3 module and write `json.dumps(dict(row))` for each to a file. Targets:
an export at most 2x the dump, with memory flat (peak RSS about the same for
10,000 episodes as for 100,000); an import of the exported file into an empty
log at most 3x the dump.

Each command runs in a fresh process, all of them interleaved run after run
(dump, then each installation's export and import in turn), so that a busy
machine slows them alike; the medians and their ratios to the dump's median are
printed, with each command's peak RSS (from wait4). Give one Python per
installation to compare (a venv's bin/python); the default is this one.

Usage: python benchmarks/export_speed.py [--runs N] [--episodes N] [--log FILE] [PYTHON ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUMP = r"""
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.row_factory = sqlite3.Row
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in db.execute("SELECT * FROM episodes"):
        out.write(json.dumps(dict(row)))
        out.write("\n")
"""


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(  # from a neutral folder: `-m cooldown` must not find a source tree in the cwd
        command, env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return seconds, usage.ru_maxrss / 1024


def seed(path: Path, count: int) -> None:
    code = "import sys; from pathlib import Path; from benchmarks.seed import seed_log; seed_log(Path(sys.argv[1]), int(sys.argv[2]), 10)"
    subprocess.run([sys.executable, "-c", code, str(path), str(count)], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--log", type=Path, help="an existing log to export (else one is seeded)")
    parser.add_argument("pythons", nargs="*", default=[sys.executable])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cooldown-export-") as folder:
        work = Path(folder)
        home = work / "home"
        home.mkdir()
        log = home / "episodes.sqlite3"
        if args.log is not None:
            shutil.copyfile(args.log, log)
        else:
            seed(log, args.episodes)
        base = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "COOLDOWN_HOME": str(home)}
        times: dict[str, list[float]] = {}
        peaks: dict[str, float] = {}

        def run(name: str, command: list[str], environment: dict[str, str]) -> None:
            seconds, peak = measure(command, environment)
            times.setdefault(name, []).append(seconds)
            peaks[name] = max(peaks.get(name, 0.0), peak)

        for _ in range(args.runs):
            run("plain dump", [sys.executable, "-c", DUMP, str(log), str(work / "dump.out")], base)
            for number, python in enumerate(args.pythons, start=1):
                exported = work / f"export-{number}.json"
                run(f"[{number}] export json", [python, "-m", "cooldown", "export", "--output", str(exported)], env)
                run(
                    f"[{number}] export csv",
                    [
                        python,
                        "-m",
                        "cooldown",
                        "export",
                        "--format",
                        "csv",
                        "--output",
                        str(work / f"export-{number}.csv"),
                    ],
                    env,
                )
                target = work / f"import-{number}"
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir()
                run(
                    f"[{number}] import json",
                    [python, "-m", "cooldown", "import", str(exported)],
                    {**base, "COOLDOWN_HOME": str(target)},
                )
        dump = statistics.median(times["plain dump"])
        for number, python in enumerate(args.pythons, start=1):
            print(f"[{number}] {python}")
        print(f"{'command':<18} {'median s':>9} {'x dump':>7} {'peak MB':>8}")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:<18} {median:>9.2f} {median / dump:>7.2f} {peaks[name]:>8.0f}")


if __name__ == "__main__":
    main()
