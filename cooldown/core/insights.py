"""What works for this person: per activity, per topic and per first sign, and the promise ledger.

Plain arithmetic on the aggregates storage hands over (see `store/tallies.py`):
how often each ended in a sidestep, how far the anger came down (the rating
before, less the rating after, where both were given), and how often the person
came back on time. Below `ENOUGH` episodes a line says "too few to tell" rather
than pretend. The ledger is the promise kept: came back on time, week by week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cooldown.core.stats import Tally, week_start
from cooldown.core.wording import counted, plural

ENOUGH = 3
"""Fewer episodes than this are too few to tell what works."""
LEDGER_WEEKS = 12


@dataclass(frozen=True)
class Effect:
    """How one activity (or topic, or first sign) went, over every episode that had it."""

    label: str
    used: int
    tally: Tally
    """Sidesteps and fights among them."""
    drop_total: int = 0
    """The anger's fall (before less after), summed over the `rated` episodes with both ratings."""
    rated: int = 0
    on_time: int = 0
    """Came back no later than the grace after the agreed time."""
    returned: int = 0
    """Came back at all, with a time agreed."""

    @property
    def enough(self) -> bool:
        return self.used >= ENOUGH

    @property
    def anger_drop(self) -> float | None:
        """The average fall of the anger, 0-9 points; None without a rating before and after."""
        return self.drop_total / self.rated if self.rated else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.returned if self.returned else None


EffectRow = tuple[str, int, int, int, int, int, int, int]
"""(label, used, sidesteps, fights, drop total, rated, on time, returned), as storage reads it."""


def effects(rows: Iterable[EffectRow], *, most_often: bool = False) -> list[Effect]:
    """Effects from storage's rows, what helps most first (those with too few episodes after the rest),
    or with `most_often`, what comes up most first (for topics and first signs)."""
    found = [
        Effect(label, used, Tally(sidesteps or 0, fights or 0), drop or 0, rated or 0, on_time or 0, returned or 0)
        for label, used, sidesteps, fights, drop, rated, on_time, returned in rows
    ]
    return sorted(found, key=_most_often if most_often else _helps_most)


def _most_often(effect: Effect) -> tuple[object, ...]:
    return (-effect.used, -effect.tally.fights, effect.label.casefold())


def _helps_most(effect: Effect) -> tuple[object, ...]:
    drop = effect.anger_drop
    return (
        not effect.enough,
        -(effect.tally.rate or 0.0),
        -(drop if drop is not None else -10.0),
        -(effect.on_time_rate or 0.0),
        -effect.used,
        effect.label.casefold(),
    )


def effect_line(effect: Effect) -> str:
    """ "money: 4 fights, 1 sidestep" (a topic or a first sign, in a sentence)."""
    tally = effect.tally
    said = counted((tally.fights, "fight"), (tally.sidesteps, "sidestep"))
    return f"{effect.label}: {said or plural(effect.used, 'time') + ', with no outcome recorded'}"


@dataclass(frozen=True)
class LedgerWeek:
    """One week of the promise: cool-downs with a time agreed, and how many came back on time."""

    start: date
    cool_downs: int
    returned: int
    on_time: int

    @property
    def label(self) -> str:
        return f"{self.start.day} {self.start:%b}"


@dataclass(frozen=True)
class Ledger:
    """The promise kept over the last weeks: on-time returns, requests for more time, talks put off."""

    weeks: tuple[LedgerWeek, ...]
    reschedules: int
    talks_put_off: int

    @property
    def cool_downs(self) -> int:
        return sum(week.cool_downs for week in self.weeks)

    @property
    def returned(self) -> int:
        return sum(week.returned for week in self.weeks)

    @property
    def on_time(self) -> int:
        return sum(week.on_time for week in self.weeks)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.returned if self.returned else None

    @property
    def reschedules_per_cool_down(self) -> float | None:
        return self.reschedules / self.cool_downs if self.cool_downs else None

    @property
    def empty(self) -> bool:
        return self.cool_downs == 0


LedgerRow = tuple[str, int, int, int, int, int]
"""(local day, cool-downs, returned, on time, reschedules, talks put off), as storage reads it."""


def ledger_since(today: date, weeks: int = LEDGER_WEEKS) -> date:
    """The first day the ledger counts: the start of the week `weeks - 1` weeks before this one."""
    return week_start(today) - timedelta(weeks=weeks - 1)


def ledger(rows: Iterable[LedgerRow], today: date, weeks: int = LEDGER_WEEKS) -> Ledger:
    """The last `weeks` weeks (this one included, oldest first) from per-day rows."""
    first = ledger_since(today, weeks)
    starts = [first + timedelta(weeks=n) for n in range(weeks)]
    totals = {start: [0, 0, 0] for start in starts}
    reschedules = talks = 0
    for day, cool_downs, returned, on_time, moved, put_off in rows:
        start = week_start(date.fromisoformat(day))
        if start not in totals:
            continue
        totals[start][0] += cool_downs or 0
        totals[start][1] += returned or 0
        totals[start][2] += on_time or 0
        reschedules += moved or 0
        talks += put_off or 0
    return Ledger(
        tuple(LedgerWeek(start, *totals[start]) for start in starts),
        reschedules=reschedules,
        talks_put_off=talks,
    )


def more_time_words(ledger: Ledger) -> str:
    """ "more time asked 3 times in 12 cool-downs" ('' if never)."""
    if not ledger.reschedules:
        return ""
    return f"more time asked {plural(ledger.reschedules, 'time')} in {plural(ledger.cool_downs, 'cool-down')}"
