"""What an imported episode must be beyond its types: the rules cooldown keeps for its own episodes.

The model checks each field on its own (a rating from 0 to 9, a time with its
offset). An export can still hold what cooldown would never write: a start in
the future or in year 1, a return before the start, a finished episode with no
outcome, text longer than anything the app lets a person type. `broken_rules`
names each such field, so an import refuses the file as a whole and says where.

An episode still under way where it was exported (saying the statements, cooling
down, back but not yet talked) is kept, but as abandoned: its return time and its
alarm belong to the machine it ran on, and it must never be resumed here as if
it were running. `settled` makes that change.

Pure: the time now is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from cooldown.core.episode import NOTE_LIMIT, Episode, Status
from cooldown.core.settings import NAME_LIMIT

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""No episode starts before this."""
CLOCK_SKEW = timedelta(days=1)
"""How far ahead of this machine's clock another machine's may have been."""
ORDER_SKEW = timedelta(minutes=5)
"""How far a clock corrected during an episode may make one of its times precede its start."""
AHEAD = timedelta(days=366)
"""How far after its start an episode's return time or talk can be (the app allows a day, moved a few times)."""
UID_LIMIT = 64
"""The longest uid (the app's are 32 hex digits)."""
READINGS_LIMIT = 1000
"""The most ratings, pulses or requests for more time in one episode."""

UNDER_WAY = (Status.STATEMENTS, Status.COOLING, Status.RETURNED, Status.TALK_LATER)
"""Statuses that mean the episode was still running where it was exported."""

_PAST = ("agreed_at", "returned_at")
"""Times that have happened by the time an episode is written down."""
_AHEAD = ("return_at", "talk_at")
"""Times agreed for later."""


def broken_rules(episode: Episode, now: datetime) -> list[tuple[str, str]]:
    """(field, what is wrong) for each rule `episode` breaks; empty if it could have come from cooldown."""
    return rules_at(now)(episode)


def rules_at(now: datetime) -> Callable[[Episode], list[tuple[str, str]]]:
    """`broken_rules` at `now`, for checking many episodes: what depends only on the time is worked out once."""
    latest = (_utc(now) or now) + CLOCK_SKEW  # `now` itself is always a usable time

    def broken(episode: Episode) -> list[tuple[str, str]]:
        found = list(_times(episode, latest))
        found += list(_texts(episode))
        found += list(_outcome(episode))
        return found

    return broken


def settled(episode: Episode) -> Episode:
    """`episode` as it is kept here: one still under way elsewhere becomes abandoned, never resumed."""
    return episode.abandon() if episode.status in UNDER_WAY else episode


def under_way(episode: Episode) -> bool:
    """True for an episode still running where it was exported."""
    return episode.status in UNDER_WAY


# Times


def _times(episode: Episode, latest: datetime) -> Iterator[tuple[str, str]]:
    """Each time out of place; `latest` is the latest an episode's time may be that has happened."""
    start = _utc(episode.started_at)
    if start is None or not EARLIEST <= start <= latest:
        yield "started_at", _start_problem(episode.started_at, start)
        return  # every other time is checked against the start
    earliest, agreed = start - ORDER_SKEW, start + AHEAD
    bounds = {name: latest for name in _PAST} | {name: agreed for name in _AHEAD}
    for name, limit in bounds.items():
        value = getattr(episode, name)
        if value is not None and (reason := _misplaced(value, earliest, limit)):
            yield name, f"is {reason} (got {_iso(value)})"
    for name, moments in _timed_items(episode, latest, agreed):
        for value, limit in moments:
            if reason := _misplaced(value, earliest, limit):
                yield name, f"has an item timed {_iso(value)}, which is {reason}"
                break


def _timed_items(
    episode: Episode, latest: datetime, agreed: datetime
) -> Iterator[tuple[str, list[tuple[datetime, datetime]]]]:
    """Each list of timed items, with (a time in it, the latest it may be) for every time."""
    yield "anger_during", [(reading.at, latest) for reading in episode.anger_during]
    yield "pulses", [(reading.at, latest) for reading in episode.pulses]
    moves: list[tuple[datetime, datetime]] = []
    for move in episode.moves:
        moves += [(move.at, latest), (move.to, agreed)] + ([(move.was, agreed)] if move.was is not None else [])
    yield "moves", moves


def _start_problem(value: datetime, moment: datetime | None) -> str:
    early = value.year < EARLIEST.year if moment is None else moment < EARLIEST
    if early:
        return f"is before {EARLIEST.year} (got {_iso(value)}); cooldown keeps episodes from {EARLIEST.year} on"
    return f"is in the future (got {_iso(value)}); an export holds only episodes that have begun"


def _misplaced(value: datetime, earliest: datetime, latest: datetime) -> str:
    """'' if `value` is from `earliest` to `latest`; else where it is, in a few words."""
    moment = _utc(value)
    if moment is None:  # past the first or last instant a datetime can hold
        return "before the episode started" if value.year < EARLIEST.year else "too far in the future"
    if moment < earliest:
        return "before the episode started"
    if moment > latest:
        return "too far in the future"
    return ""


def _utc(value: datetime) -> datetime | None:
    """The instant in UTC, or None for one that has none (year 1 at +23:59, year 9999 at -23:59)."""
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _iso(value: datetime) -> str:
    return repr(value.isoformat())


# Text and lists


def _texts(episode: Episode) -> Iterator[tuple[str, str]]:
    if not episode.uid.strip():
        yield "uid", "is empty; it must be the episode's identity, as `cooldown export` writes it"
    elif len(episode.uid) > UID_LIMIT:
        yield "uid", f"is too long: at most {UID_LIMIT} characters (got {len(episode.uid):,})"
    if episode.activity is not None and len(episode.activity) > NAME_LIMIT:
        yield "activity", f"is too long: at most {NAME_LIMIT} characters (got {len(episode.activity):,})"
    if len(episode.note) > NOTE_LIMIT:  # the model checks this too; kept here so the rule reads whole
        yield "note", f"is too long: at most {NOTE_LIMIT} characters (got {len(episode.note):,})"
    for name in ("anger_during", "pulses", "moves"):
        items = getattr(episode, name)
        if len(items) > READINGS_LIMIT:
            yield name, f"has too many items: at most {READINGS_LIMIT:,} (got {len(items):,})"


# Status and outcome


def _outcome(episode: Episode) -> Iterator[tuple[str, str]]:
    if episode.status is Status.DONE and episode.outcome is None:
        yield "outcome", "is empty, but the status is 'done'; a finished episode has 'sidestep' or 'fight'"
    elif episode.outcome is not None and episode.status is not Status.DONE:
        yield (
            "outcome",
            f"is {episode.outcome.value!r}, but the status is {episode.status.value!r}; "
            "only a 'done' episode has an outcome",
        )


__all__ = [
    "AHEAD",
    "CLOCK_SKEW",
    "EARLIEST",
    "READINGS_LIMIT",
    "UID_LIMIT",
    "broken_rules",
    "rules_at",
    "settled",
    "under_way",
]
