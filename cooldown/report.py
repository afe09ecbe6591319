"""The statistics summary as plain text or JSON, for `cooldown stats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cooldown.core.stats import Result, Summary, Tally, facts_line, percent

EMPTY = (
    "Nothing recorded yet. The next time you feel anger rising, type cooldown.\n"
    "To record a fight or sidestep that already happened: cooldown log fight (or sidestep)."
)


def as_text(summary: Summary) -> str:
    """A few aligned lines a person reads at a glance."""
    if summary.empty:
        return EMPTY
    periods = (("This week", summary.week), ("This month", summary.month), ("All time", summary.all_time))
    lines = [f"{'':<14}" + "".join(f"{name:>12}" for name, _ in periods)]
    for label, cell in (
        ("Sidesteps", lambda t: str(t.sidesteps)),
        ("Fights", lambda t: str(t.fights)),
        ("Sidestep rate", lambda t: percent(t.rate)),
    ):
        lines.append(f"{label:<14}" + "".join(f"{cell(tally):>12}" for _, tally in periods))
    lines += ["", facts_line(summary)]
    lines += _results("Activity", summary.activities)
    lines += _results("Cool-down length", summary.delays)
    return "\n".join(lines)


def _results(heading: str, results: Sequence[Result]) -> list[str]:
    if not results:
        return []
    width = min(30, max(len(heading), *(len(r.label) for r in results)))
    lines = ["", f"{heading:<{width}}  {'Used':>6}  {'Sidesteps':>9}  {'Rate':>5}"]
    for result in results:
        label = result.label if len(result.label) <= width else result.label[: width - 1] + "…"
        lines.append(
            f"{label:<{width}}  {result.used:>6}  {result.tally.sidesteps:>9}  {percent(result.tally.rate):>5}"
        )
    return lines


def as_data(summary: Summary) -> dict[str, Any]:
    """The same summary as plain JSON-ready values."""

    def tally(t: Tally) -> dict[str, Any]:
        return {"sidesteps": t.sidesteps, "fights": t.fights, "sidestep_rate": t.rate}

    def results(items: Sequence[Result]) -> list[dict[str, Any]]:
        return [{"label": r.label, "used": r.used, **tally(r.tally)} for r in items]

    streaks = summary.streaks
    return {
        "today": summary.today.isoformat(),
        "this_week": tally(summary.week),
        "this_month": tally(summary.month),
        "all_time": tally(summary.all_time),
        "streak": {
            "current_days": streaks.current,
            "longest_days": streaks.longest,
            "last_fight": streaks.last_fight.isoformat() if streaks.last_fight else None,
        },
        "returns": {"on_time": summary.on_time, "returned": summary.returned, "on_time_rate": summary.on_time_rate},
        "typical_minutes": summary.typical_minutes,
        "activities": results(summary.activities),
        "cool_down_lengths": results(summary.delays),
    }
