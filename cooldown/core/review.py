"""The weekly look back: seven local days of episodes, summed up the way a check-in asks.

Anger-management programmes end each week with a short check-in: the highest
level reached and what set it off, the first signs, what was tried and what
helped. Here it is worked out from the episodes of seven local calendar days
(the last seven, or seven further back), with `today` and the zone passed in,
so a window across a daylight-saving change still runs midnight to midnight.
It ends with one line for the next week, chosen by plain rules: the same data
always gives the same words. Nothing here blames; a fight is still practice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from cooldown.core.cues import GROUPS
from cooldown.core.episode import Episode, Outcome
from cooldown.core.instant import normalise, quoted, utc
from cooldown.core.stats import ON_TIME_GRACE, Tally
from cooldown.core.text import without_controls
from cooldown.core.wording import counted, plural, points

DAYS = 7
"""The look back covers this many local days."""
TOP_CUES = 3
"""The first signs named, most often seen first."""
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

QUIET = "A quiet week. On a calm day, say the four statements out loud once, so they come easily when needed."
LATE = (
    "Coming back at the agreed time is the promise that matters. "
    "If you need longer, come back anyway and ask for a specific extra time."
)
FIGHTS_ASK = "A fight is still practice. For next week: what is the first sign you could notice a little earlier?"
FIGHTS_ASK_CUE = (
    "A fight is still practice. For next week: when you notice “{cue}”, could that be your moment to step out?"
)
ON_TIME = "Back on time, every time: that is the promise kept. Keep it next week too."
PROGRESS = "Progress, not perfection: what helped this week is worth choosing again."
PRACTICE = "Each time you step away is practice. Next week, try the statements at the first sign."


@dataclass(frozen=True)
class Peak:
    """The highest anger rating of the week, with the day and what set it off."""

    value: int
    """0 (calm) to 9 (furious), before, during or after."""
    day: date
    """The local day the episode started."""
    topic: str
    """What set it off, in their own words; empty if not said."""


@dataclass(frozen=True)
class CueCount:
    """One first sign and in how many of the week's episodes it was noticed."""

    group: str
    name: str
    count: int


@dataclass(frozen=True)
class Helped:
    """The activity of the week's cool-downs that went best."""

    activity: str
    used: int
    tally: Tally
    """Sidesteps and fights after it."""
    drop: float | None
    """The anger's average fall (before less after) where both were rated; None if never both."""


@dataclass(frozen=True)
class WeekReview:
    """Seven local days looked back on: what happened, what helped, and a line for the next week."""

    first_day: date
    last_day: date
    """Both included."""
    weeks_back: int
    """0 for the last seven days, 1 for the seven before, and so on."""
    cool_downs: int
    """Uses of the protocol that reached an agreed return time."""
    logged: int
    """Fights and sidesteps recorded afterwards, without the protocol."""
    tally: Tally
    """Sidesteps and fights, the protocol's and the logged ones together."""
    peak: Peak | None
    """The highest anger; None when nothing was rated."""
    cues: tuple[CueCount, ...]
    """The first signs seen most (at most `TOP_CUES`)."""
    helped: Helped | None
    """None when too few to tell."""
    returned: int
    """Cool-downs come back from."""
    on_time: int
    """Of those, back no later than the grace after the agreed time."""
    more_time: int
    """Requests for more time."""
    talks_put_off: int
    """Times "not now" moved the talk to an agreed later time."""
    next_week: str
    """One line of encouragement or a question for the next week."""

    @property
    def empty(self) -> bool:
        return self.cool_downs == 0 and self.logged == 0

    @property
    def late(self) -> int:
        return self.returned - self.on_time


def window(today: date, weeks_back: int = 0) -> tuple[date, date]:
    """The first and last local day (both included) of the seven days `weeks_back` weeks before today's."""
    last = today - timedelta(days=DAYS * weeks_back)
    return last - timedelta(days=DAYS - 1), last


def bounds(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The window as instants: local midnight starting `first` to local midnight after `last`."""

    def midnight(day: date) -> datetime:
        return normalise(datetime(day.year, day.month, day.day, tzinfo=zone))

    return midnight(first), midnight(last + timedelta(days=1))


def local_day(moment: datetime, zone: tzinfo) -> date:
    """The calendar day of `moment` in `zone`."""
    return utc(moment).astimezone(zone).date()


def counts(episode: Episode) -> bool:
    """A cool-down taken (a return time agreed) or an outcome recorded; a stray start does not count."""
    return not episode.protocol_used or episode.return_at is not None or episode.outcome is not None


def review(episodes: Iterable[Episode], *, today: date, zone: tzinfo, weeks_back: int = 0) -> WeekReview:
    """The look back over the episodes that started in the window (any others are left out)."""
    first, last = window(today, weeks_back)
    week = sorted(
        (e for e in episodes if counts(e) and first <= local_day(e.started_at, zone) <= last),
        key=lambda e: utc(e.started_at),
    )
    cool_downs = [e for e in week if e.protocol_used]
    back = [e for e in cool_downs if e.return_at is not None and e.returned_at is not None]
    on_time = sum(1 for e in back if _on_time(e))
    tally = Tally(
        sum(1 for e in week if e.outcome is Outcome.SIDESTEP),
        sum(1 for e in week if e.outcome is Outcome.FIGHT),
    )
    found = WeekReview(
        first_day=first,
        last_day=last,
        weeks_back=weeks_back,
        cool_downs=len(cool_downs),
        logged=len(week) - len(cool_downs),
        tally=tally,
        peak=peak(week, zone),
        cues=top_cues(week),
        helped=helped(cool_downs),
        returned=len(back),
        on_time=on_time,
        more_time=sum(e.reschedules for e in cool_downs),
        talks_put_off=sum(1 for e in cool_downs if e.talk_at is not None),
        next_week="",
    )
    return replace(found, next_week=next_week_line(found))


def _on_time(episode: Episode) -> bool:
    assert episode.return_at is not None and episode.returned_at is not None
    return utc(episode.returned_at) <= utc(episode.return_at) + ON_TIME_GRACE


def ratings(episode: Episode) -> list[int]:
    """Every anger rating of an episode: before, during, after."""
    values = [episode.anger_before, *(reading.value for reading in episode.anger_during), episode.anger_after]
    return [value for value in values if value is not None]


def peak(episodes: Iterable[Episode], zone: tzinfo) -> Peak | None:
    """The highest rating; of equals, one with a topic said, then the earliest."""
    best: tuple[int, bool, Episode] | None = None
    for episode in episodes:  # oldest first, so the earliest of equals stays
        values = ratings(episode)
        if not values:
            continue
        candidate = (max(values), bool(episode.topic), episode)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    value, _, episode = best
    return Peak(value, local_day(episode.started_at, zone), episode.topic)


def top_cues(episodes: Iterable[Episode], most: int = TOP_CUES) -> tuple[CueCount, ...]:
    """The first signs noticed in the most episodes; of equals, in the order the groups are asked, then by name."""
    seen = Counter((cue.group, cue.name) for episode in episodes for cue in set(episode.cues))
    ranked = sorted(seen.items(), key=lambda item: (-item[1], GROUPS.index(item[0][0]), item[0][1].casefold()))
    return tuple(CueCount(group, name, count) for (group, name), count in ranked[:most])


def helped(cool_downs: Iterable[Episode]) -> Helped | None:
    """The activity that went best: most often a sidestep, then the anger falling furthest, then used most.

    Only an activity that ended in a sidestep or with the anger falling counts; None if none did.
    """
    used: Counter[str] = Counter()
    sidesteps: Counter[str] = Counter()
    fights: Counter[str] = Counter()
    drops: dict[str, list[int]] = {}
    for episode in cool_downs:
        if not episode.activity:
            continue
        name = episode.activity
        used[name] += 1
        sidesteps[name] += episode.outcome is Outcome.SIDESTEP
        fights[name] += episode.outcome is Outcome.FIGHT
        if episode.anger_before is not None and episode.anger_after is not None:
            drops.setdefault(name, []).append(episode.anger_before - episode.anger_after)
    found = [
        Helped(
            name,
            used[name],
            Tally(sidesteps[name], fights[name]),
            sum(drops[name]) / len(drops[name]) if name in drops else None,
        )
        for name in used
    ]
    good = [h for h in found if h.tally.sidesteps or (h.drop or 0) > 0]
    if not good:
        return None
    return min(good, key=lambda h: (-(h.tally.rate or 0.0), -(h.drop or 0.0), -h.used, h.activity.casefold()))


def next_week_line(found: WeekReview) -> str:
    """One line for the next week, by rules in order: nothing yet, late returns, more fights, all on time, more
    sidesteps, and otherwise practice."""
    if found.empty:
        return QUIET
    if found.late:
        return LATE
    if found.tally.fights > found.tally.sidesteps:
        return FIGHTS_ASK_CUE.format(cue=shown(found.cues[0].name, 30)) if found.cues else FIGHTS_ASK
    if found.returned and found.on_time == found.returned:
        return ON_TIME
    if found.tally.sidesteps:
        return PROGRESS
    return PRACTICE


def review_due(last_seen: date | None, today: date, *, week_of_history: bool) -> bool:
    """Whether the closing screen mentions the look back: seven days after it was last seen, or, never seen,
    once the log holds an episode from before the last seven days (`week_of_history`), so there is a week to see."""
    if last_seen is not None:
        return (today - last_seen).days >= DAYS
    return week_of_history


def span_text(first: date, last: date) -> str:
    """'15–21 Nov 2026', '26 Oct – 1 Nov 2026', '29 Dec 2026 – 4 Jan 2027' (English, whatever the locale)."""
    end = f"{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year != last.year:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {end}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} – {end}"
    return f"{first.day}–{end}"


def day_text(day: date) -> str:
    """'Tue 17 Nov'."""
    return f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


NOTHING = "Nothing recorded these seven days."


def shown(text: str, limit: int = 28) -> str:
    """User text for a line of the review: no control characters, one line, at most `limit` characters."""
    return quoted(" ".join(without_controls(text).split()), limit)


def title(found: WeekReview) -> str:
    """'The last 7 days: 15–21 Nov 2026', or 'Two weeks back: ...'."""
    span = span_text(found.first_day, found.last_day)
    if found.weeks_back == 0:
        return f"The last 7 days: {span}"
    if found.weeks_back == 1:
        return f"The 7 days before: {span}"
    return f"{found.weeks_back} weeks back: {span}"


def rows(found: WeekReview) -> list[tuple[str, str]]:
    """The review as (label, words) pairs, the same in the terminal app and on the command line."""
    return [
        ("Episodes", episodes_words(found)),
        ("Outcomes", outcome_words(found.tally)),
        ("Highest anger", peak_words(found.peak)),
        ("First signs", cue_words(found.cues)),
        ("What helped", helped_words(found.helped)),
        ("Back on time", return_words(found)),
        ("Talks put off", str(found.talks_put_off) if found.talks_put_off else "none"),
    ]


def episodes_words(found: WeekReview) -> str:
    """'3 cool-downs, 1 logged afterwards'."""
    parts = [plural(found.cool_downs, "cool-down")] if found.cool_downs or not found.logged else []
    if found.logged:
        parts.append(f"{found.logged} logged afterwards")
    return ", ".join(parts)


def outcome_words(tally: Tally) -> str:
    """'2 sidesteps, 1 fight', or a word that none is recorded yet."""
    return counted((tally.sidesteps, "sidestep"), (tally.fights, "fight")) or "none recorded yet"


def peak_words(found: Peak | None) -> str:
    """'8 of 9, Tue 17 Nov (money)'."""
    if found is None:
        return "not rated"
    words = f"{found.value} of 9, {day_text(found.day)}"
    return f"{words} ({shown(found.topic, 30)})" if found.topic else words


def cue_words(cues: Iterable[CueCount]) -> str:
    """'heart racing (3), hurt (2), pacing (1)'."""
    return ", ".join(f"{shown(cue.name, 24)} ({cue.count})" for cue in cues) or "none noted"


def helped_words(found: Helped | None) -> str:
    """'go for a walk: 2 sidesteps, anger fell by 3.5', or 'too few to tell yet'."""
    if found is None:
        return "too few to tell yet"
    parts = [plural(found.tally.sidesteps, "sidestep")] if found.tally.sidesteps else []
    if found.drop is not None and found.drop > 0:
        parts.append(f"anger fell by {points(found.drop, in_words=True)}")
    return f"{shown(found.activity)}: {', '.join(parts)}"


def return_words(found: WeekReview) -> str:
    """'2 of 3, more time asked once'."""
    if not found.returned:
        words = "no returns yet" if found.cool_downs else "no cool-downs"
    else:
        words = f"{found.on_time} of {found.returned}"
    if found.more_time:
        asked = "once" if found.more_time == 1 else f"{found.more_time} times"
        words += f", more time asked {asked}"
    return words
