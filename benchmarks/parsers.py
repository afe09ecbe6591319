"""How long each parser takes on the worst inputs found, against a plain input.

A parser that backtracks or grows with its input shows here as a ratio far from 1.
Inputs: the longest text each one reads, text just past its cap (refused before
reading), pathological inputs for its patterns (long runs of digits, spaces,
repeated units, a lone unit at the end) and, for the TOML files, the largest
file read, deep nesting and a theme value of many spaces before a number.

Each case runs in turn, round after round, so the machine's noise falls on all
alike; a round calls each case 50 times, or fewer once it has taken 0.2 s. Prints, for each
parser, the median and the slowest call in microseconds and the median's ratio
to the plain input's. Usage: python benchmarks/parsers.py [rounds]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cooldown.core import returntime, when
from cooldown.core.duration import LENGTH_LIMIT, read_seconds
from cooldown.core.returntime import ReturnTimeError, parse_return_time
from cooldown.core.settings import Settings
from cooldown.core.when import WhenError, parse_since, parse_when
from cooldown.store.config import config_text, load_config
from cooldown.store.themes import ThemeError, bundled_themes_dir, load_theme_file
from cooldown.store.toml_file import SIZE_LIMIT

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
BUDGET = 0.2
"""Seconds one case may take in one round; a slower case is called fewer times."""
CALLS = 50
"""Calls of one case in one round, at most."""

Case = tuple[str, Callable[[], object]]


def refused(parse: Callable[[str, datetime], object], errors: type[Exception]) -> Callable[[str], Callable[[], object]]:
    """A caller of `parse` on one text that treats the parser's own error as an answer."""

    def bind(text: str) -> Callable[[], object]:
        def call() -> object:
            try:
                return parse(text, NOW)
            except errors as error:
                return error

        return call

    return bind


def text_cases() -> dict[str, list[Case]]:
    back = refused(parse_return_time, ReturnTimeError)
    at = refused(parse_when, WhenError)
    since = refused(parse_since, WhenError)
    longest = returntime.TEXT_LIMIT
    when_longest = when.TEXT_LIMIT
    return {
        "parse_return_time": [
            ("plain: 20m", back("20m")),
            ("clock: 7:30pm", back("7:30pm")),
            ("1 hour and 30 minutes", back("1 hour and 30 minutes")),
            (
                f"longest: 1w 2d 3h 4m 5s padded to {longest}",
                back("1 week, 2 days, 3 hours, 4 mins, 5 secs "[:longest]),
            ),
            (f"{longest} digits", back("9" * longest)),
            (f"{longest} digits then m", back("9" * (longest - 1) + "m")),
            ("repeated units: 1m x 20", back("1m" * (longest // 2))),
            ("repeated joins: 1h and x 6", back("1h and " * (longest // 7))),
            ("digits and dots: 1.1.1...", back("1." * (longest // 2))),
            (f"{4 * longest} spaces around 20m", back(" " * (4 * longest - 3) + "20m")),
            (f"over the cap: {4 * longest + 1} digits", back("9" * (4 * longest + 1))),
            ("over the cap: 10,000,000 digits", back("9" * 10_000_000)),
        ],
        "read_seconds (durations)": [
            ("plain: 20m", lambda: read_seconds("20m")),
            ("1w2d3h4m5s", lambda: read_seconds("1w2d3h4m5s")),
            (f"longest: {LENGTH_LIMIT} digits then s", lambda: read_seconds("9" * (LENGTH_LIMIT - 1) + "s")),
            ("repeated units: 1m x 40", lambda: read_seconds("1m" * (LENGTH_LIMIT // 2))),
            ("a lone unit at the end: digits then h", lambda: read_seconds("1" * (LENGTH_LIMIT - 2) + " h")),
        ],
        "parse_when (--at)": [
            ("plain: 2h ago", at("2h ago")),
            ("yesterday 21:00", at("yesterday 21:00")),
            ("2026-11-17T21:00:00+01:00", at("2026-11-17T21:00:00+01:00")),
            (f"longest: 1h x {when_longest // 2 - 2} ago", at("1h" * (when_longest // 2 - 2) + " ago")),
            ("repeated joins: 1 h, x 10 ago", at(("1 h, " * 12)[: when_longest - 4] + " ago")),
            (f"{when_longest} letters", at("a" * when_longest)),
            ("digits then ago: 1...1 ago", at("1" * (when_longest - 4) + " ago")),
            ("word then spaces: last" + " x" * 5, at("last" + " x" * ((when_longest - 4) // 2))),
            (f"over the cap: {4 * when_longest + 1} characters", at("1h" * (2 * when_longest + 1))),
            ("over the cap: 10,000,000 characters", at("1h" * 5_000_000)),
        ],
        "parse_since (--since)": [
            ("plain: this week", since("this week")),
            ("last 30 days", since("last 30 days")),
            (f"longest: 1w x {when_longest // 2}", since("1w" * (when_longest // 2))),
            (f"{when_longest} digits", since("9" * when_longest)),
            ("over the cap: 10,000,000 characters", since("1w" * 5_000_000)),
        ],
    }


def file_cases(folder: Path) -> dict[str, list[Case]]:
    def config(name: str, content: bytes) -> Callable[[], object]:
        path = folder / f"{name}.toml"
        path.write_bytes(content)
        return lambda: load_config(path)

    def theme(name: str, content: bytes) -> Callable[[], object]:
        path = folder / "themes" / f"{name}.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content.replace(b"@NAME@", name.encode()))

        def call() -> object:
            try:
                return load_theme_file(path)
            except ThemeError as error:
                return error

        return call

    def padded(content: bytes) -> bytes:
        """`content` and a comment, to the largest file read."""
        return content + b"# " + b"x" * (SIZE_LIMIT - len(content) - 3) + b"\n"

    written = config_text(Settings()).encode()
    activity = b'[[activities]]\nname = "go for a walk"\nminutes = 30\n'
    bundled = (bundled_themes_dir() / "cooldown-dusk.toml").read_bytes().replace(b"cooldown-dusk", b"@NAME@")
    spaces = [1_000, 2_000, 4_000]
    cases = {
        "load_config": [
            ("plain: every key written out", config("plain", written)),
            ("largest: a 256 KiB file", config("largest", padded(written))),
            ("many activities (256 KiB)", config("activities", activity * (SIZE_LIMIT // len(activity)))),
            ("deep nesting: a = [[[[...", config("nested", b"a = " + b"[" * 100_000)),
            ("one key, 256 KiB of spaces", config("spaces", b"partner_name = " + b" " * (SIZE_LIMIT - 30) + b'"x"')),
            ("over the cap: 256 KiB + 1", config("over", b"#" * (SIZE_LIMIT + 1))),
        ],
        "load_theme_file": [
            ("plain: cooldown-dusk", theme("plain", bundled)),
            ("largest: 256 KiB of comment", theme("largest", padded(bundled.replace(b"@NAME@", b"largest")))),
            ("a 100,000-letter colour", theme("letters", b'name = "@NAME@"\nprimary = "' + b"x" * 100_000 + b'"\n')),
            *(
                (
                    f"a variable: x, {count:,} spaces, 1",
                    theme(
                        f"spaces{count}",
                        b'name = "@NAME@"\nprimary = "#fff"\n[variables]\nborder = "x' + b" " * count + b'1"\n',
                    ),
                )
                for count in spaces
            ),
            ("over the cap: 256 KiB + 1", theme("over", b"#" * (SIZE_LIMIT + 1))),
        ],
    }
    for rows in cases.values():  # the plain and the largest file must be read, not refused
        for name, call in rows[:2]:
            answer = call()
            if isinstance(answer, ThemeError) or getattr(answer, "problems", ()):
                raise SystemExit(f"{name}: refused: {answer}")
    return cases


def measure(cases: dict[str, list[Case]], rounds: int) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {
        parser: {name: [] for name, _ in rows} for parser, rows in cases.items()
    }
    for _, rows in cases.items():  # warm up: imports, caches, compiled patterns
        for _, call in rows:
            call()
    for _ in range(rounds):
        for parser, rows in cases.items():
            for name, call in rows:
                spent = 0.0
                for _ in range(CALLS):
                    start = time.perf_counter()
                    call()
                    took = time.perf_counter() - start
                    times[parser][name].append(took)
                    spent += took
                    if spent >= BUDGET:
                        break
    return times


def report(times: dict[str, dict[str, list[float]]]) -> None:
    for parser, rows in times.items():
        plain_name = next(iter(rows))
        plain = statistics.median(rows[plain_name])
        print(parser)
        print(f"  {'input':<44} {'calls':>6} {'median µs':>11} {'max µs':>11} {'x plain':>9}")
        for name, taken in rows.items():
            median = statistics.median(taken)
            print(
                f"  {name:<44} {len(taken):>6} {median * 1e6:>11.1f} {max(taken) * 1e6:>11.1f} {median / plain:>9.1f}"
            )
        worst = max(rows, key=lambda name: statistics.median(rows[name]))
        print(f"  slowest: {worst} ({statistics.median(rows[worst]) / plain:.1f}x plain)")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        cases = text_cases() | file_cases(Path(folder))
        times = measure(cases, rounds)
    print(f"{rounds} interleaved rounds, up to {BUDGET:g} s of calls per input per round:")
    report(times)


if __name__ == "__main__":
    main()
