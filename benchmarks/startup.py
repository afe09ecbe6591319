"""How quickly cooldown shows statement 1, and how much memory that takes.

Runs each measurement in a fresh Python process (so imports are counted) and
prints the median of several runs. Usage: python benchmarks/startup.py [runs]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

FIRST_SCREEN = r"""
import time
start = time.perf_counter()
import asyncio, json, resource
from cooldown.tui.app import CooldownApp
from cooldown.tui.screens.statement import StatementScreen

async def main():
    app = CooldownApp()
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, StatementScreen) or not app.screen.is_mounted:
            await pilot.pause(0)
        shown = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": shown, "peak_mb": peak_kb / 1024}))

asyncio.run(main())
"""

VERSION = r"""
import time
start = time.perf_counter()
from cooldown.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
import sys
print(time.perf_counter() - start, file=sys.stderr)
"""


def run(code: str, home: str) -> str:
    env = {**os.environ, "COOLDOWN_HOME": home}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout if done.stdout.strip().startswith("{") else done.stderr


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        run(FIRST_SCREEN, home)  # warm the file cache and create the log
        screens = [json.loads(run(FIRST_SCREEN, home)) for _ in range(runs)]
        versions = [float(run(VERSION, home).strip().splitlines()[-1]) for _ in range(runs)]
    first = statistics.median(s["seconds"] for s in screens)
    peak = max(s["peak_mb"] for s in screens)
    version = statistics.median(versions)
    print(f"statement 1 on screen (headless, 80x24): median {first * 1000:.0f} ms over {runs} runs")
    print(f"peak memory of that process:             {peak:.0f} MB")
    print(f"cooldown --version:                       median {version * 1000:.0f} ms")
    print(f"ratio first screen / --version:           {first / version:.1f}x")


if __name__ == "__main__":
    main()
