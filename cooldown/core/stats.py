"""Statistics over the episode log, computed from plain values.

Storage hands over small aggregates (outcomes per local day, a histogram of
cool-down lengths, counts per activity); everything here is arithmetic on them,
with `today` passed in. Days are the person's local calendar days, so streaks
are right across midnight and daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cooldown.core.instant import normalise
from cooldown.core.wording import counted, percent, plural, whole_minutes

if TYPE_CHECKING:
    from cooldown.core.episode import Outcome
    from cooldown.core.insights import Effect, Ledger

ON_TIME_GRACE = timedelta(minutes=5)
"""Coming back this late still counts as on time."""

DELAY_BUCKETS: tuple[tuple[int, str], ...] = (
    (20, "under 20 min"),
    (40, "20-39 min"),
    (60, "40-59 min"),
    (120, "1-2 h"),
    (24 * 60 + 1, "2 h or more"),
)
"""Upper bounds (minutes, exclusive) and labels for planned cool-down lengths."""


@dataclass(frozen=True)
class Tally:
    """Sidesteps and fights, and the sidestep rate."""

    sidesteps: int = 0
    fights: int = 0

    @property
    def total(self) -> int:
        return self.sidesteps + self.fights

    @property
    def rate(self) -> float | None:
        """Share of sidesteps, 0 to 1; None with nothing recorded."""
        return self.sidesteps / self.total if self.total else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.sidesteps + other.sidesteps, self.fights + other.fights)


@dataclass(frozen=True)
class DayTally:
    """Outcomes recorded for one local calendar day."""

    day: date
    tally: Tally


@dataclass(frozen=True)
class Bar:
    """One column of the chart: a week or a month."""

    label: str
    start: date
    tally: Tally


@dataclass(frozen=True)
class Result:
    """How often something was used and how it ended (an activity, a delay)."""

    label: str
    used: int
    tally: Tally


@dataclass(frozen=True)
class Streaks:
    """Days without a fight."""

    current: int | None
    """Days since the last fight (or since the first record, with no fight yet)."""
    longest: int | None
    """The longest run of days between fights, the current one included."""
    last_fight: date | None


@dataclass(frozen=True)
class Summary:
    """Everything the history screen and `cooldown stats` show at the top."""

    today: date
    week: Tally
    month: Tally
    all_time: Tally
    streaks: Streaks
    on_time: int
    """Cool-downs ended no later than the grace after the agreed time."""
    returned: int
    """Cool-downs with both an agreed and an actual return time."""
    typical_minutes: int | None
    """The median cool-down length in minutes, from start to coming back."""
    activities: list[Result] = field(default_factory=list)
    delays: list[Result] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    """Per activity: sidesteps, the anger's fall and returns on time, what helps most first."""
    topics: list[Effect] = field(default_factory=list)
    """Per topic that set an episode off."""
    cues: list[Effect] = field(default_factory=list)
    """Per first sign noticed."""
    ledger: Ledger | None = None
    """The promise kept over the last 12 weeks."""

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.returned if self.returned else None

    @property
    def empty(self) -> bool:
        return self.all_time.total == 0 and self.returned == 0 and not self.activities


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def month_start(now: datetime) -> datetime:
    """Midnight on the first day of `now`'s month, in `now`'s zone."""
    return normalise(now.replace(day=1, hour=0, minute=0, second=0, microsecond=0, fold=0))


PERIODS = ("all time", "this week", "this month", "last 3 months", "this year")
"""The periods the episode list can be narrowed to."""


def period_start(period: str, now: datetime) -> datetime | None:
    """The first instant of `period` (one of PERIODS) in `now`'s zone; None for all time."""
    today = now.date()
    starts = {
        "this week": week_start(today),
        "this month": today.replace(day=1),
        "last 3 months": today - timedelta(days=91),
        "this year": today.replace(month=1, day=1),
    }
    if period not in starts:
        return None
    start = starts[period]
    return normalise(datetime(start.year, start.month, start.day, tzinfo=now.tzinfo))


def total(days: Iterable[DayTally], since: date | None = None, until: date | None = None) -> Tally:
    """Sum of the days from `since` to `until`, both included (open-ended where None)."""
    result = Tally()
    for entry in days:
        if (since is None or entry.day >= since) and (until is None or entry.day <= until):
            result = result + entry.tally
    return result


def streaks(days: Sequence[DayTally], first_day: date | None, today: date) -> Streaks:
    """Current and longest streak of days without a fight."""
    fight_days = [entry.day for entry in days if entry.tally.fights]
    if first_day is None:
        return Streaks(None, None, None)
    if not fight_days:
        run = (today - first_day).days
        return Streaks(run, run, None)
    edges = [first_day, *fight_days, today]
    longest = max((later - earlier).days for earlier, later in zip(edges, edges[1:], strict=False))
    return Streaks((today - fight_days[-1]).days, longest, fight_days[-1])


def weekly_bars(days: Iterable[DayTally], today: date, weeks: int = 12) -> list[Bar]:
    """Sidesteps and fights per week for the last `weeks` weeks, oldest first."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    starts = [first + timedelta(weeks=n) for n in range(weeks)]
    tallies = dict.fromkeys(starts, Tally())
    for entry in days:
        start = week_start(entry.day)
        if start in tallies:
            tallies[start] = tallies[start] + entry.tally
    return [Bar(f"{start:%b} {start.day}", start, tallies[start]) for start in starts]


def monthly_bars(days: Iterable[DayTally], today: date, months: int = 12) -> list[Bar]:
    """Sidesteps and fights per month for the last `months` months, oldest first."""
    starts: list[date] = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.insert(0, date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    tallies = dict.fromkeys(starts, Tally())
    for entry in days:
        start = entry.day.replace(day=1)
        if start in tallies:
            tallies[start] = tallies[start] + entry.tally
    return [Bar(f"{start:%b}", start, tallies[start]) for start in starts]


def median_minutes(histogram: Iterable[tuple[int, int]]) -> int | None:
    """The median of a histogram of (minutes, count) pairs, in whole minutes; None if empty.

    Of an even count, the two middle values averaged, halves up (33 and 110 give 72)."""
    pairs = sorted((minutes, count) for minutes, count in histogram if count > 0)
    size = sum(count for _, count in pairs)
    if size == 0:
        return None
    middle = [(size - 1) // 2, size // 2]
    found: list[int] = []
    seen = 0
    for minutes, count in pairs:
        seen += count
        while middle and seen > middle[0]:
            middle.pop(0)
            found.append(minutes)
    return whole_minutes(sum(found) / len(found))


def activity_results(rows: Iterable[tuple[str, int, int, int]]) -> list[Result]:
    """(activity, used, sidesteps, fights) rows, best sidestep rate first, then most used."""
    results = [Result(name, used, Tally(sidesteps, fights)) for name, used, sidesteps, fights in rows]
    return sorted(results, key=lambda r: (-(r.tally.rate or 0.0), -r.used, r.label.casefold()))


def bucket_label(minutes: int) -> str:
    """The DELAY_BUCKETS label for a planned cool-down of `minutes`."""
    for bound, label in DELAY_BUCKETS:
        if minutes < bound:
            return label
    return DELAY_BUCKETS[-1][1]


def delay_results(rows: Iterable[tuple[int, int, int, int]]) -> list[Result]:
    """(planned minutes, used, sidesteps, fights) rows grouped into DELAY_BUCKETS, shortest first."""
    used = dict.fromkeys((label for _, label in DELAY_BUCKETS), 0)
    tallies = dict.fromkeys(used, Tally())
    for minutes, count, sidesteps, fights in rows:
        label = bucket_label(minutes)
        used[label] += count
        tallies[label] = tallies[label] + Tally(sidesteps, fights)
    return [Result(label, used[label], tallies[label]) for label in used if used[label]]


def summarize(
    days: Sequence[DayTally],
    *,
    first_day: date | None,
    today: date,
    on_time: int = 0,
    returned: int = 0,
    lengths: Iterable[tuple[int, int]] = (),
    activities: Iterable[tuple[str, int, int, int]] = (),
    delays: Iterable[tuple[int, int, int, int]] = (),
) -> Summary:
    """Put the top of the history together from storage's aggregates."""
    return Summary(
        today=today,
        week=total(days, week_start(today), today),
        month=total(days, today.replace(day=1), today),
        all_time=total(days),
        streaks=streaks(days, first_day, today),
        on_time=on_time,
        returned=returned,
        typical_minutes=median_minutes(lengths),
        activities=activity_results(activities),
        delays=delay_results(delays),
    )


def facts_line(summary: Summary) -> str:
    """Streaks, returns on time and the typical length, in one or two sentences."""
    streaks = summary.streaks
    parts: list[str] = []
    if streaks.current is not None:
        longest = streaks.longest or 0
        if streaks.last_fight is None:
            parts.append(
                f"No fight recorded in {plural(streaks.current, 'day')}"
                if streaks.current
                else "No fight recorded since you started today"
            )
        elif streaks.current == 0:
            parts.append(
                f"Last fight today (longest run without one: {plural(longest, 'day')})"
                if longest
                else "Last fight today"
            )
        else:
            parts.append(f"{plural(streaks.current, 'day')} since the last fight (longest: {plural(longest, 'day')})")
    if summary.returned:
        parts.append(f"back on time {percent(summary.on_time_rate)}")
    if summary.typical_minutes is not None:
        typical = f"{summary.typical_minutes} min" if summary.typical_minutes else "under a minute"
        parts.append(f"typical cool-down {typical}")
    line = " · ".join(parts)
    return line[:1].upper() + line[1:] + ("." if parts else "")


def outcome_summary(counts: dict[Outcome, int], period: str = "this month") -> str:
    """One line such as '3 sidesteps, 1 fight this month' (a part that is zero is left out)."""
    from cooldown.core.episode import Outcome  # the model loads only where episodes are counted by outcome

    said = counted((counts.get(Outcome.SIDESTEP, 0), "sidestep"), (counts.get(Outcome.FIGHT, 0), "fight"))
    return f"{said} {period}" if said else f"No sidestep or fight recorded yet {period}"
