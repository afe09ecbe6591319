"""Time to first paint of the installed cooldown, against a minimal Textual app and `python -c pass`.

Installs the repository into a venv as a user does (`python -m venv` and `pip install <repo>`,
not editable; `--venv DIR` keeps it for the next run), then launches, each in an 80x24
pseudo-terminal with a hermetic environment (HOME and XDG folders in a temporary folder, no
PYTHONDONTWRITEBYTECODE):

- the `cooldown` console script with a fresh, empty COOLDOWN_HOME (a new folder each run);
- the same with a lived-in home: 100,000 episodes, nine activities, ten themes of the user's own
  (one chosen), nothing running or left open, so it too opens on statement 1;
- benchmarks/minimal_app.py, a Textual app showing the same line, with the venv's Python;
- `python -c pass` with the venv's Python (to its exit).

Each is timed from the process's start until "I recognize that I am getting angry" is on the
screen (the output's text with escape sequences taken out). The cases alternate, one of each per
round, so the machine's noise falls on all alike; medians and ratios of medians are printed.
Linux only (pty, /proc).

    python benchmarks/first_paint.py                       # 10 rounds, a new venv
    python benchmarks/first_paint.py --runs 20 --venv /tmp/cooldown-bench-venv
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.installed import (  # noqa: E402
    HERE,
    STATEMENT_1,
    add_install_options,
    child_env,
    install,
    lived_in_home,
    median_ms,
    open_statements,
    verdict,
)
from benchmarks.terminal import Program  # noqa: E402

TARGET = 1.15
"""cooldown's first paint at most this many times the minimal Textual app's."""


def first_paint(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from the start of `argv` in a pty until statement 1 is on screen."""
    program = Program(argv, env)
    try:
        return program.wait_for(STATEMENT_1)
    finally:
        program.stop()


def bare_python(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from the start of `argv` in a pty to its end."""
    program = Program(argv, env)
    try:
        return program.wait_exit()
    finally:
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds, one launch of each case per round (10)")
    parser.add_argument("--episodes", type=int, default=100_000, help="episodes in the lived-in log (100,000)")
    add_install_options(parser)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cooldown-first-paint-") as folder:
        scratch = Path(folder)
        found = install(options, scratch)
        lived_in = lived_in_home(scratch / "lived-in", found, options.episodes)
        fresh_count = 0

        def fresh_home() -> dict[str, str]:
            nonlocal fresh_count
            fresh_count += 1
            home = scratch / f"fresh-{fresh_count}"
            home.mkdir()
            return child_env(scratch, found, home)

        cases = {
            "cooldown, fresh home": lambda: first_paint([found.cooldown], fresh_home()),
            f"cooldown, lived-in home ({options.episodes:,} episodes)": lambda: first_paint(
                [found.cooldown], child_env(scratch, found, lived_in)
            ),
            "minimal Textual app": lambda: first_paint(
                [found.python, str(HERE / "minimal_app.py")], child_env(scratch, found)
            ),
            "python -c pass": lambda: bare_python([found.python, "-c", "pass"], child_env(scratch, found)),
        }
        for case in cases.values():  # warm the file cache; the lived-in log's first open
            case()
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(options.runs):
            for name, case in cases.items():
                times[name].append(case())
        left_open = open_statements(lived_in / "episodes.sqlite3")
        if left_open:
            raise SystemExit(f"the lived-in log has {left_open} episodes open: the launches did not start afresh")

    medians = {name: median_ms(taken) for name, taken in times.items()}
    minimal, bare = medians["minimal Textual app"], medians["python -c pass"]
    print(f"\nstatement 1 on screen, 80x24 pty, median of {options.runs} alternating rounds:")
    print(f"  {'case':<44} {'median':>9}  {'/ minimal':>9}  {'/ python':>8}  target")
    for name, median in medians.items():
        against = median / minimal
        target = f"<= {TARGET}x {verdict(against, TARGET)}" if name.startswith("cooldown") else ""
        print(f"  {name:<44} {median:7.0f} ms  {against:8.2f}x  {median / bare:7.1f}x  {target}")


if __name__ == "__main__":
    main()
