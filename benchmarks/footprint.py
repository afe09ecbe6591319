"""Memory of the installed cooldown over a whole run and over a long history, against a minimal Textual app.

Installs the repository into a venv as a user does (`--venv DIR` keeps it for the next run) and
launches everything in an 80x24 pseudo-terminal with a hermetic environment. Memory is read from
/proc/PID/status: VmHWM (the peak resident set since the start) and VmRSS (resident now).

- The whole flow, in a fresh home, driven by keys: statement 1 (anger 6, Enter), statement 2
  (Enter), statement 3 (activity 1), statement 4 (a return time typed: "in 25 min", Enter), the
  "Say it, then go" card (Enter), then the running cool-down for two seconds. Its peak against the
  minimal app's (benchmarks/minimal_app.py, two seconds after its first paint).
- `cooldown history` on a log of 100,000 episodes: the Episodes tab after its first page, then
  after scrolling down 5,000 episodes with PageDown (five at a time, until the 5,000th newest
  or an older one is on screen).

Rounds alternate the cases; medians are printed. Linux only (pty, /proc).

    python benchmarks/footprint.py                         # 3 rounds, a new venv
    python benchmarks/footprint.py --runs 5 --venv /tmp/cooldown-bench-venv
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.installed import (  # noqa: E402
    HERE,
    STATEMENT_1,
    Install,
    add_install_options,
    child_env,
    install,
    lived_in_home,
    stop_alarms,
    verdict,
)
from benchmarks.terminal import WINDOW, Program, plain  # noqa: E402

FLOW_TARGET = 1.3
"""The whole flow's peak at most this many times the minimal app's."""
SCROLL_TARGET = 10.0
"""MB the history may grow from its first page to 5,000 episodes scrolled."""
SCROLLED = 5_000
SETTLE = 2.0
"""Seconds drained before memory is read, so the screen is drawn and idle."""
PAGES_AT_ONCE = 5
"""PageDowns pressed before the screen is read (so it may go up to five pages past the 5,000th)."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def whole_flow(found: Install, env: dict[str, str]) -> float:
    """Peak MB of one run through the four statements into the running cool-down."""
    program = Program([found.cooldown], env)
    try:
        program.wait_for(STATEMENT_1)
        program.press("6", then=STATEMENT_1)
        program.press("enter", then="I care about the relationship")
        program.press("enter", then="What will you do?")
        program.press("1", then="back at")
        program.press("ctrl+u", then="in 45 minutes")  # the suggestion cleared: the examples show
        program.press("in 25 min", then="Back at")
        program.press("enter", then="Read it aloud")
        program.press("enter", then="Cooling down")
        program.drain(SETTLE)
        return program.peak_rss_mb()
    finally:
        program.stop()
        stop_alarms(Path(env["COOLDOWN_HOME"]))


def minimal_app(found: Install, env: dict[str, str]) -> float:
    """Peak MB of the minimal Textual app, once it has drawn its line."""
    program = Program([found.python, str(HERE / "minimal_app.py")], env)
    try:
        program.wait_for(STATEMENT_1)
        program.drain(SETTLE)
        return program.peak_rss_mb()
    finally:
        program.stop()


ROW_DAY = re.compile(rb"\b(\d{1,2}) (" + b"|".join(m.encode() for m in MONTHS) + rb")(?: (\d{4}))? (\d\d):(\d\d)\b")
"""A day and time in the list, as shown for an episode over a week old: "14 Nov 23:28", "3 Jun 2025 09:05"."""


def nth_newest(log: Path, newest: int) -> tuple[int, int, int, int, int]:
    """The wall time the `newest`-th newest episode started at, as (year, month, day, hour, minute)."""
    with sqlite3.connect(f"file:{log}?mode=ro", uri=True) as db:
        (started,) = db.execute(
            "SELECT started_at FROM episodes ORDER BY started_ts DESC LIMIT 1 OFFSET ?", (newest - 1,)
        ).fetchone()
    moment = datetime.fromisoformat(started)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute)


def oldest_shown(output: bytes) -> tuple[int, int, int, int, int] | None:
    """The oldest day and time in `output`'s text (a year left out is this year's)."""
    shown = [
        (int(year or datetime.now().year), MONTHS.index(month.decode()) + 1, int(day), int(hour), int(minute))
        for day, month, year, hour, minute in ROW_DAY.findall(plain(output))
    ]
    return min(shown, default=None)


def history(
    found: Install, env: dict[str, str], count: int, target: tuple[int, int, int, int, int]
) -> tuple[float, float, float, int]:
    """(RSS after the first page, RSS and peak after `SCROLLED` episodes, PageDowns pressed), in MB."""
    program = Program([found.cooldown, "history"], env)
    try:
        program.wait_for("Episodes (e)")
        program.press("e", then=f"{count:,} episodes")
        program.drain(SETTLE)
        first_page = program.rss_mb()
        presses = 0
        while True:
            program.press(*["pagedown"] * PAGES_AT_ONCE)
            presses += PAGES_AT_ONCE
            seen, quiet_from = b"", time.monotonic()
            while time.monotonic() - quiet_from < 0.3:  # until the screen has settled
                if data := program.read():
                    seen, quiet_from = (seen + data)[-WINDOW:], time.monotonic()
            oldest = oldest_shown(seen)
            if oldest is not None and oldest <= target:
                break
            if presses > SCROLLED:
                raise RuntimeError(f"{presses} PageDowns and still not {SCROLLED:,} episodes down: {plain(seen)!r}")
        program.drain(SETTLE)
        return first_page, program.rss_mb(), program.peak_rss_mb(), presses
    finally:
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="alternating rounds (3)")
    parser.add_argument("--episodes", type=int, default=100_000, help="episodes in the history's log (100,000)")
    add_install_options(parser)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cooldown-footprint-") as folder:
        scratch = Path(folder)
        found = install(options, scratch)
        lived_in = lived_in_home(scratch / "lived-in", found, options.episodes)
        target = nth_newest(lived_in / "episodes.sqlite3", SCROLLED)
        flows: list[float] = []
        minimals: list[float] = []
        histories: list[tuple[float, float, float, int]] = []
        for run in range(options.runs):
            fresh = scratch / f"fresh-{run}"
            fresh.mkdir()
            flows.append(whole_flow(found, child_env(scratch, found, fresh)))
            minimals.append(minimal_app(found, child_env(scratch, found)))
            histories.append(history(found, child_env(scratch, found, lived_in), options.episodes, target))

    minimal = statistics.median(minimals)
    flow = statistics.median(flows)
    first_page = statistics.median(h[0] for h in histories)
    scrolled = statistics.median(h[1] for h in histories)
    peak = statistics.median(h[2] for h in histories)
    grown = statistics.median(h[1] - h[0] for h in histories)
    rows = (
        ("minimal Textual app, peak (VmHWM)", minimal, ""),
        (
            "whole flow to the running cool-down, peak (VmHWM)",
            flow,
            f"{flow / minimal:.2f}x minimal (target <= {FLOW_TARGET}x: {verdict(flow / minimal, FLOW_TARGET)})",
        ),
        (f"history of {options.episodes:,}, first page (VmRSS)", first_page, f"{first_page / minimal:.2f}x minimal"),
        (
            f"history, {SCROLLED:,} episodes scrolled (VmRSS)",
            scrolled,
            f"{scrolled / minimal:.2f}x minimal; peak {peak:.1f} MB; {histories[0][3]} PageDowns",
        ),
        ("grown while scrolling", grown, f"target <= {SCROLL_TARGET:.0f} MB: {verdict(grown, SCROLL_TARGET)}"),
    )
    print(f"\nmemory, 80x24 pty, median of {options.runs} alternating rounds:")
    for name, mb, note in rows:
        print(f"  {name:<52} {mb:6.1f} MB  {note}")


if __name__ == "__main__":
    main()
