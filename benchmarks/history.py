"""The history at scale: 100,000 episodes over 10 years, generated here.

Measures, each in a fresh process so imports count:
- the history screen showing its summary and first rows, with the big log and
  with an empty one (target: at most 1.5x the empty time);
- scrolling the episode list a page at a time (each step should stay well
  under a frame budget of 100 ms, including loading the next page);
- the What works tab and the Look back tab shown: the same, until the tab's
  content is on screen after its key (w, k) is pressed, once the history is shown;
- `cooldown stats` (target: under 0.5 s), `cooldown review` (the last seven days)
  and peak memory (target: under 150 MB).

Usage: python benchmarks/history.py [runs] [episodes]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHOW_HISTORY = r"""
import time
start = time.perf_counter()
import asyncio, json, resource, sys
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.history import HistoryScreen
from cooldown.tui.widgets.episode_table import EpisodeTable
from cooldown.tui.widgets.review_panel import ReviewPanel
from cooldown.tui.widgets.what_works import WhatWorks

TABS = {"works": ("w", WhatWorks), "review": ("k", ReviewPanel)}

async def main():
    app = CooldownApp(mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, HistoryScreen) and app.screen.is_mounted
                   and app.screen.query_one("#filters").visual is not None
                   and str(app.screen.query_one("#filters").content)):
            await pilot.pause(0)
        shown = time.perf_counter() - start
        steps = []
        if sys.argv[1] == "scroll":
            await pilot.press("e")
            await pilot.pause()
            table = app.screen.query_one(EpisodeTable)
            for _ in range(40):
                tick = time.perf_counter()
                await pilot.press("pagedown")
                await pilot.pause()
                steps.append(time.perf_counter() - tick)
            rows = table.row_count
        elif sys.argv[1] in TABS:
            key, kind = TABS[sys.argv[1]]
            tick = time.perf_counter()
            app.simulate_key(key)  # not pilot.press, which also waits out the tab underline's animation
            content = app.screen.query_one(kind)
            while not (content.is_on_screen and content.visual is not None and str(content.content)):
                await pilot.pause(0)
            steps.append(time.perf_counter() - tick)  # from the key to the tab's content on screen
            shown = time.perf_counter() - start
            rows = app.screen.query_one(EpisodeTable).row_count
        else:
            rows = app.screen.query_one(EpisodeTable).row_count
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:  # ru_maxrss carries over from the parent through fork; VmHWM starts afresh at exec
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        pass
    print(json.dumps({"seconds": shown, "peak_mb": peak, "steps": steps, "rows": rows}))

asyncio.run(main())
"""


def run(args: list[str], home: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOLDOWN_HOME": home, "PYTHONPATH": str(ROOT)}
    return subprocess.run(args, env=env, capture_output=True, text=True, check=True)


def history(home: str, what: str = "show") -> dict:
    return json.loads(run([sys.executable, "-c", SHOW_HISTORY, what], home).stdout)


def command_seconds(home: str, command: str = "stats") -> tuple[float, float]:
    """Seconds for `cooldown <command>` in a fresh process, and that process's peak memory in MB."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"subprocess.run([sys.executable, '-m', 'cooldown', {command!r}], check=True, stdout=subprocess.DEVNULL);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    seconds, peak = run([sys.executable, "-c", code], home).stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        started = time.perf_counter()
        seed = "import sys; from pathlib import Path; from benchmarks.seed import seed_log; seed_log(Path(sys.argv[1]), int(sys.argv[2]), 10)"
        run([sys.executable, "-c", seed, str(Path(full) / "episodes.sqlite3"), str(count)], full)
        print(f"seeded {count:,} episodes over 10 years in {time.perf_counter() - started:.1f} s")
        history(empty), history(full)  # warm the file cache
        empty_runs, full_runs = [], []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            empty_runs.append(history(empty))
            full_runs.append(history(full))
        scroll = history(full, "scroll")
        tabs: dict[str, dict[str, list[dict]]] = {"works": {}, "review": {}}
        for tab, found in tabs.items():
            found["empty"], found["full"] = [], []
            for _ in range(runs):
                found["empty"].append(history(empty, tab))
                found["full"].append(history(full, tab))
        stats = [command_seconds(full) for _ in range(runs)]
        reviews_empty, reviews = [], []
        for _ in range(runs):
            reviews_empty.append(command_seconds(empty, "review"))
            reviews.append(command_seconds(full, "review"))

    empty_s = statistics.median(r["seconds"] for r in empty_runs)
    full_s = statistics.median(r["seconds"] for r in full_runs)
    steps = sorted(scroll["steps"])
    stats_s = statistics.median(s for s, _ in stats)
    review_s = statistics.median(s for s, _ in reviews)
    tab_peak = max(r["peak_mb"] for found in tabs.values() for r in found["full"])
    peak = max(max(r["peak_mb"] for r in full_runs), scroll["peak_mb"], tab_peak, max(p for _, p in stats + reviews))
    print(f"history shown, empty log:        median {empty_s * 1000:.0f} ms")
    print(
        f"history shown, {count:,} episodes: median {full_s * 1000:.0f} ms  ({full_s / empty_s:.2f}x empty; target <= 1.5x)"
    )
    print(
        f"scrolling 40 pages:              median {statistics.median(steps) * 1000:.0f} ms, "
        f"worst {steps[-1] * 1000:.0f} ms per page ({scroll['rows']:,} rows loaded)"
    )
    for tab, title in (("works", "What works tab"), ("review", "Look back tab ")):
        shown_empty = statistics.median(r["seconds"] for r in tabs[tab]["empty"])
        shown_full = statistics.median(r["seconds"] for r in tabs[tab]["full"])
        key_empty = statistics.median(r["steps"][0] for r in tabs[tab]["empty"])
        key_full = statistics.median(r["steps"][0] for r in tabs[tab]["full"])
        print(
            f"{title} shown, empty / {count:,}: median {shown_empty * 1000:.0f} / {shown_full * 1000:.0f} ms "
            f"({shown_full / shown_empty:.2f}x empty); from its key {key_empty * 1000:.0f} / {key_full * 1000:.0f} ms"
        )
    print(f"cooldown stats:                  median {stats_s * 1000:.0f} ms (target < 500 ms)")
    print(
        f"cooldown review:                 median {review_s * 1000:.0f} ms "
        f"(empty log {statistics.median(s for s, _ in reviews_empty) * 1000:.0f} ms)"
    )
    print(
        f"peak memory:                     {peak:.0f} MB (target < 150 MB; history "
        f"{max(r['peak_mb'] for r in full_runs):.0f} MB, empty {max(r['peak_mb'] for r in empty_runs):.0f} MB, "
        f"scrolling {scroll['peak_mb']:.0f} MB, tabs {tab_peak:.0f} MB, stats {max(p for _, p in stats):.0f} MB, "
        f"review {max(p for _, p in reviews):.0f} MB)"
    )


if __name__ == "__main__":
    main()
