"""The statistics summary as plain text or JSON, for `cooldown stats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cooldown.core.insights import Effect, Ledger, effect_line, more_time_words
from cooldown.core.stats import Result, Summary, Tally, facts_line
from cooldown.core.text import visible_lines
from cooldown.core.wording import percent, plural, points

EMPTY = (
    "Nothing recorded yet. The next time you feel anger rising, type cooldown.\n"
    "To record a fight or sidestep that already happened: cooldown log fight (or sidestep)."
)


def as_text(summary: Summary) -> str:
    """A few aligned lines a person reads at a glance (labels from the log with their control characters as pictures)."""
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
    lines += _effects(summary.effects)
    for heading, found in (("What sets it off", summary.topics), ("First signs you noticed", summary.cues)):
        if found:
            lines += ["", heading, *(f"  {effect_line(effect)}" for effect in found)]
    lines += _results("Cool-down length", summary.delays)
    ledger = summary.ledger
    if ledger is not None and not ledger.empty:
        lines += [
            "",
            f"Last 12 weeks: back on time {ledger.on_time} of {ledger.returned} ({percent(ledger.on_time_rate)})",
        ]
        if ledger.reschedules:
            lines.append(f"  {more_time_words(ledger)}")
        if ledger.talks_put_off:
            lines.append(f"  {plural(ledger.talks_put_off, 'talk')} put off to an agreed time")
    return visible_lines("\n".join(lines))


def _effects(effects: Sequence[Effect]) -> list[str]:
    if not effects:
        return []
    width = min(30, max(len("Activity"), *(len(e.label) for e in effects)))
    lines = ["", f"{'Activity':<{width}}  {'Times':>5}  {'Sidesteps':>9}  {'Anger fell':>10}  {'On time':>7}"]
    for effect in effects:
        label = effect.label if len(effect.label) <= width else effect.label[: width - 1] + "…"
        if not effect.enough:
            lines.append(f"{label:<{width}}  {effect.used:>5}  too few to tell")
            continue
        drop = "–" if effect.anger_drop is None else points(effect.anger_drop)
        rate, on_time = percent(effect.tally.rate), percent(effect.on_time_rate)
        lines.append(f"{label:<{width}}  {effect.used:>5}  {rate:>9}  {drop:>10}  {on_time:>7}")
    return lines


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
        "what_works": [effect_data(e) for e in summary.effects],
        "topics": [effect_data(e) for e in summary.topics],
        "first_signs": [effect_data(e) for e in summary.cues],
        "promise": None if summary.ledger is None else ledger_data(summary.ledger),
    }


def effect_data(effect: Effect) -> dict[str, Any]:
    return {
        "label": effect.label,
        "used": effect.used,
        "sidesteps": effect.tally.sidesteps,
        "fights": effect.tally.fights,
        "sidestep_rate": effect.tally.rate,
        "anger_drop": effect.anger_drop,
        "on_time": effect.on_time,
        "returned": effect.returned,
        "enough": effect.enough,
    }


def ledger_data(ledger: Ledger) -> dict[str, Any]:
    return {
        "weeks": [
            {
                "start": week.start.isoformat(),
                "cool_downs": week.cool_downs,
                "returned": week.returned,
                "on_time": week.on_time,
            }
            for week in ledger.weeks
        ],
        "on_time": ledger.on_time,
        "returned": ledger.returned,
        "reschedules": ledger.reschedules,
        "talks_put_off": ledger.talks_put_off,
    }
