"""Wall time of the installed cooldown's commands on a log of 100,000 episodes, against `python -c pass`.

Installs the repository into a venv as a user does (`--venv DIR` keeps it for the next run) and
times each command as a fresh process with a hermetic environment (HOME and XDG folders in a
temporary folder, no PYTHONDONTWRITEBYTECODE), output to a file or /dev/null:

- `cooldown --version`, `--help`, `status`, `stats`, `review` on the lived-in home (100,000
  episodes, nine activities, ten themes); `log fight` on a copy of it (one episode more each round);
- `cooldown export --output FILE` of that log, beside a plain dump of the same rows (sqlite3
  `SELECT * FROM episodes`, each row a dict through `json.dumps`, one a line, into a file, in the
  venv's Python): the floor for reading and writing them;
- `cooldown import` of that export into a fresh, empty home each round, against the same dump.

Rounds run every case once, in turn, so the machine's noise falls on all alike; the table gives
medians and ratios of medians against the baseline named in each row.

    python benchmarks/commands.py                          # 5 rounds, a new venv
    python benchmarks/commands.py --runs 15 --venv /tmp/cooldown-bench-venv
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.installed import (  # noqa: E402
    add_install_options,
    child_env,
    install,
    lived_in_home,
    median_ms,
    verdict,
)

DUMP = """
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT * FROM episodes")
names = [column[0] for column in rows.description]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in rows:
        out.write(json.dumps(dict(zip(names, row))))
        out.write("\\n")
"""

PYTHON = "python -c pass"
PLAIN_DUMP = "plain dump (sqlite3 + json.dumps)"
TARGETS = {
    "cooldown --version": (PYTHON, 2.0),
    "cooldown --help": (PYTHON, 2.0),
    "cooldown status": (PYTHON, 3.0),
    "cooldown stats": (PYTHON, 12.0),
    "cooldown log fight": (PYTHON, 12.0),
    "cooldown review": (PYTHON, 12.0),
    "cooldown export": (PLAIN_DUMP, 2.0),
    "cooldown import": (PLAIN_DUMP, 3.0),
}
"""Each command's baseline and the ratio of medians it should stay within."""


def timed(argv: list[str], env: dict[str, str], *, ok: tuple[int, ...] = (0,)) -> float:
    """Seconds `argv` took from its start to its end; stops the benchmark if it failed."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - started
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited with {done.returncode}: {done.stderr.decode()[-2000:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds, every case once per round (5)")
    parser.add_argument("--episodes", type=int, default=100_000, help="episodes in the log (100,000)")
    add_install_options(parser)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cooldown-commands-") as folder:
        scratch = Path(folder)
        found = install(options, scratch)
        lived_in = lived_in_home(scratch / "lived-in", found, options.episodes)
        logging = scratch / "logging"
        shutil.copytree(lived_in, logging)
        env = child_env(scratch, found, lived_in)
        exported = scratch / "export.json"
        dumped = scratch / "dump.jsonl"
        imports = itertools.count()

        def import_into_fresh_home() -> float:
            home = scratch / f"imported-{next(imports)}"
            home.mkdir()
            took = timed([found.cooldown, "import", str(exported)], child_env(scratch, found, home))
            shutil.rmtree(home)
            return took

        cooldown = found.cooldown
        cases: dict[str, Callable[[], float]] = {
            PYTHON: lambda: timed([found.python, "-c", "pass"], env),
            "cooldown --version": lambda: timed([cooldown, "--version"], env),
            "cooldown --help": lambda: timed([cooldown, "--help"], env),
            "cooldown status": lambda: timed([cooldown, "status"], env, ok=(0, 1)),  # 1: nothing running
            "cooldown stats": lambda: timed([cooldown, "stats"], env),
            "cooldown log fight": lambda: timed([cooldown, "log", "fight"], child_env(scratch, found, logging)),
            "cooldown review": lambda: timed([cooldown, "review"], env),
            PLAIN_DUMP: lambda: timed([found.python, "-c", DUMP, str(lived_in / "episodes.sqlite3"), str(dumped)], env),
            "cooldown export": lambda: timed([cooldown, "export", "--output", str(exported)], env),
            "cooldown import": import_into_fresh_home,
        }
        print(f"warming up (and the export the import reads), {len(cases)} cases ...", flush=True)
        for case in cases.values():
            case()
        times: dict[str, list[float]] = {name: [] for name in cases}
        for round_number in range(options.runs):
            print(f"round {round_number + 1} of {options.runs}", flush=True)
            for name, case in cases.items():
                times[name].append(case())

    medians = {name: median_ms(taken) for name, taken in times.items()}
    print(f"\n{options.episodes:,} episodes, median of {options.runs} interleaved rounds:")
    print(f"  {'command':<36} {'median':>10}  {'ratio':>6}  {'against':<16} {'target':>7}  result")
    for name, median in medians.items():
        if name in TARGETS:
            baseline, target = TARGETS[name]
            ratio = median / medians[baseline]
            against = "python -c pass" if baseline == PYTHON else "the plain dump"
            print(
                f"  {name:<36} {median:7.0f} ms  {ratio:5.2f}x  {against:<16} {target:6.0f}x  {verdict(ratio, target)}"
            )
        else:
            print(f"  {name:<36} {median:7.0f} ms  {'':6}  {'(baseline)':<16}")


if __name__ == "__main__":
    main()
