"""Each aggregate query behind the history's summary, timed alone on a log: which one costs what.

Usage: python benchmarks/tally_costs.py path/to/episodes.sqlite3 [runs]
Prints the median milliseconds of each `store/tallies.py` function, of the whole
`summary`, and SQLite's plan for each of the new queries.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from cooldown.core.insights import ledger_since
from cooldown.store import tallies
from cooldown.store.episodes import EpisodeLog


def main() -> None:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    today = date.today()
    since = ledger_since(today)
    calls = {
        "day_tallies": lambda log: tallies.day_tallies(log),
        "first_day": lambda log: tallies.first_day(log),
        "returns": lambda log: tallies.returns(log),
        "length_histogram": lambda log: tallies.length_histogram(log),
        "activity_rows": lambda log: tallies.activity_rows(log),
        "delay_rows": lambda log: tallies.delay_rows(log),
        "effect_rows": lambda log: tallies.effect_rows(log),
        "topic_rows": lambda log: tallies.topic_rows(log),
        "cue_rows": lambda log: tallies.cue_rows(log),
        "ledger_rows": lambda log: tallies.ledger_rows(log, since),
        "summary (all, with summarize)": lambda log: tallies.summary(log, today),
    }
    with EpisodeLog(path) as log:
        tallies.summary(log, today)  # warm the page cache
        for name, call in calls.items():
            times = []
            for _ in range(runs):
                tick = time.perf_counter()
                rows = call(log)
                times.append(time.perf_counter() - tick)
            size = len(rows) if isinstance(rows, list) else "-"
            print(f"{name:32} {statistics.median(times) * 1000:7.1f} ms  ({size} rows)")
        db = log._db  # the plans of the new queries, as sent (the trace gives the SQL with its values)
        for name in ("effect_rows", "topic_rows", "cue_rows", "ledger_rows"):
            sent: list[str] = []
            db.set_trace_callback(sent.append)
            calls[name](log)
            db.set_trace_callback(None)
            plan = " / ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sent[-1]}"))
            print(f"plan of {name}: {plan}")


if __name__ == "__main__":
    main()
