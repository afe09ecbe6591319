"""Tests for cooldown.core.episode and cooldown.core.stats: pure values, fixed times."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pydantic
import pytest

from cooldown.core.episode import OPEN_STATUSES, Episode, Outcome, Status
from cooldown.core.stats import month_start, outcome_summary, plural

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
ASUNCION = ZoneInfo("America/Asuncion")

START = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
RETURN = datetime(2026, 11, 21, 19, 30, tzinfo=BERLIN)


def cooling() -> Episode:
    return Episode.begin(START, anger=7).choose_activity("go for a walk").agree_return(RETURN)


# --- transitions --------------------------------------------------------------


def test_begin(clock) -> None:
    episode = Episode.begin(clock(), anger=6)
    assert episode.started_at == datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)
    assert episode.statement == 1
    assert episode.anger_before == 6
    assert episode.status is Status.STATEMENTS
    assert episode.id is None
    assert episode.protocol_used is True
    assert episode.activity is None
    assert episode.return_at is None
    assert episode.returned_at is None
    assert episode.reschedules == 0
    assert episode.outcome is None
    assert episode.anger_after is None
    assert episode.note == ""


def test_begin_without_anger() -> None:
    assert Episode.begin(START).anger_before is None


def test_each_episode_gets_its_own_uid() -> None:
    first, second = Episode.begin(START), Episode.begin(START)
    assert re.fullmatch(r"[0-9a-f]{32}", first.uid)
    assert first.uid != second.uid


def test_transitions_keep_the_uid() -> None:
    episode = Episode.begin(START)
    assert cooling().uid != episode.uid  # a different begin
    assert episode.reach(2).agree_return(RETURN).come_back(RETURN).uid == episode.uid


@pytest.mark.parametrize(("steps", "expected"), [((2,), 2), ((3, 2), 3), ((4, 1), 4), ((2, 3, 2, 1), 3)])
def test_reach_never_goes_backwards(steps: tuple[int, ...], expected: int) -> None:
    episode = Episode.begin(START)
    for step in steps:
        episode = episode.reach(step)
    assert episode.statement == expected
    assert episode.status is Status.STATEMENTS


def test_transitions_return_new_episodes_and_leave_the_old_one() -> None:
    episode = Episode.begin(START)
    later = episode.reach(3)
    assert later is not episode
    assert episode.statement == 1
    assert later.statement == 3


def test_rate_anger() -> None:
    episode = Episode.begin(START).rate_anger(4)
    assert episode.anger_before == 4
    assert episode.rate_anger(None).anger_before is None


def test_choose_activity() -> None:
    episode = Episode.begin(START).reach(2).choose_activity("go for a walk")
    assert episode.activity == "go for a walk"
    assert episode.statement == 3
    assert episode.status is Status.STATEMENTS


def test_choose_activity_after_statement_four_keeps_progress() -> None:
    episode = Episode.begin(START).reach(4).choose_activity("read")
    assert episode.statement == 4
    assert episode.activity == "read"


def test_agree_return_starts_cooling() -> None:
    episode = Episode.begin(START).choose_activity("go for a walk").agree_return(RETURN)
    assert episode.status is Status.COOLING
    assert episode.statement == 4
    assert episode.return_at == RETURN
    assert episode.activity == "go for a walk"
    assert episode.status in OPEN_STATUSES


def test_reschedule_counts_and_moves_the_time() -> None:
    first = RETURN + timedelta(minutes=15)
    second = RETURN + timedelta(minutes=45)
    episode = cooling().reschedule(first)
    assert episode.reschedules == 1
    assert episode.return_at == first
    episode = episode.reschedule(second)
    assert episode.reschedules == 2
    assert episode.return_at == second
    assert episode.status is Status.COOLING


def test_come_back() -> None:
    back = RETURN + timedelta(minutes=3)
    episode = cooling().come_back(back)
    assert episode.status is Status.RETURNED
    assert episode.returned_at == back
    assert episode.return_at == RETURN
    assert episode.status in OPEN_STATUSES


@pytest.mark.parametrize("outcome", list(Outcome))
def test_record_outcome(outcome: Outcome) -> None:
    episode = cooling().come_back(RETURN).record_outcome(outcome)
    assert episode.outcome is outcome
    assert episode.status is Status.DONE
    assert episode.status not in OPEN_STATUSES


def test_outcome_values() -> None:
    assert Outcome.SIDESTEP.value == "sidestep"
    assert Outcome.FIGHT.value == "fight"


def test_reflect() -> None:
    done = cooling().come_back(RETURN).record_outcome(Outcome.SIDESTEP)
    episode = done.reflect(2, "Talking after the walk went well.")
    assert episode.anger_after == 2
    assert episode.note == "Talking after the walk went well."
    assert episode.status is Status.DONE
    assert episode.outcome is Outcome.SIDESTEP


def test_reflect_without_rating() -> None:
    episode = cooling().come_back(RETURN).record_outcome(Outcome.FIGHT).reflect(None, "")
    assert episode.anger_after is None
    assert episode.note == ""


def test_abandon() -> None:
    episode = Episode.begin(START).reach(2).abandon()
    assert episode.status is Status.ABANDONED
    assert episode.statement == 2
    assert episode.outcome is None
    assert episode.status not in OPEN_STATUSES


def test_full_walk_through() -> None:
    episode = (
        Episode.begin(START, anger=8)
        .reach(2)
        .choose_activity("breathe")
        .agree_return(RETURN)
        .reschedule(RETURN + timedelta(minutes=30))
        .come_back(RETURN + timedelta(minutes=31))
        .record_outcome(Outcome.SIDESTEP)
        .reflect(3, "ok")
    )
    assert episode.model_dump() == {
        "id": None,
        "uid": episode.uid,
        "started_at": START,
        "protocol_used": True,
        "statement": 4,
        "anger_before": 8,
        "activity": "breathe",
        "agreed_at": None,
        "return_at": RETURN + timedelta(minutes=30),
        "returned_at": RETURN + timedelta(minutes=31),
        "reschedules": 1,
        "outcome": Outcome.SIDESTEP,
        "anger_after": 3,
        "anger_during": (),
        "pulses": (),
        "breathing_seconds": 0,
        "moves": (),
        "talk_at": None,
        "topic": "",
        "cues": (),
        "note": "ok",
        "status": Status.DONE,
    }


# --- validation ---------------------------------------------------------------


@pytest.mark.parametrize("anger", [0, 5, 9])
def test_anger_in_range_is_accepted(anger: int) -> None:
    assert Episode.begin(START, anger=anger).anger_before == anger
    assert Episode.begin(START).rate_anger(anger).anger_before == anger
    assert cooling().reflect(anger, "").anger_after == anger


@pytest.mark.parametrize("anger", [-1, 10, 100])
def test_anger_out_of_range_is_refused(anger: int) -> None:
    with pytest.raises(pydantic.ValidationError):
        Episode.begin(START, anger=anger)
    with pytest.raises(pydantic.ValidationError):
        Episode.begin(START).rate_anger(anger)
    with pytest.raises(pydantic.ValidationError):
        cooling().reflect(anger, "")


def test_naive_start_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="UTC offset"):
        Episode.begin(datetime(2026, 11, 21, 18, 0))


@pytest.mark.parametrize(
    "step",
    [
        lambda e: e.agree_return(datetime(2026, 11, 21, 19, 30)),
        lambda e: e.reschedule(datetime(2026, 11, 21, 19, 30)),
        lambda e: e.come_back(datetime(2026, 11, 21, 19, 30)),
    ],
    ids=["agree_return", "reschedule", "come_back"],
)
def test_naive_times_are_refused_at_every_step(step) -> None:
    with pytest.raises(pydantic.ValidationError, match="UTC offset"):
        step(cooling())


def test_statement_beyond_four_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        Episode.begin(START).reach(5)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        Episode(started_at=START, mood="grumpy")  # type: ignore[call-arg]


def test_episode_is_frozen() -> None:
    episode = Episode.begin(START)
    with pytest.raises(pydantic.ValidationError):
        episode.statement = 3  # type: ignore[misc]


# --- is_due -------------------------------------------------------------------


def test_not_due_without_return_time() -> None:
    assert Episode.begin(START).is_due(START + timedelta(days=1)) is False


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (RETURN - timedelta(seconds=1), False),
        (RETURN, True),
        (RETURN + timedelta(minutes=5), True),
    ],
)
def test_is_due_at_the_return_time(now: datetime, due: bool) -> None:
    assert cooling().is_due(now) is due


def test_is_due_compares_across_zones() -> None:
    episode = cooling()  # back at 19:30 Berlin = 18:30 UTC
    assert episode.is_due(datetime(2026, 11, 21, 18, 29, tzinfo=UTC)) is False
    assert episode.is_due(datetime(2026, 11, 21, 18, 30, tzinfo=UTC)) is True
    assert episode.is_due(datetime(2026, 11, 21, 13, 30, tzinfo=NEW_YORK)) is True


# On 1 November 2026 New York falls back: 01:00-02:00 happens twice,
# first in EDT (fold=0, UTC-4) and then in EST (fold=1, UTC-5).
def ny(hour: int, minute: int, fold: int) -> datetime:
    return datetime(2026, 11, 1, hour, minute, fold=fold, tzinfo=NEW_YORK)


def test_fold_fixture_is_what_we_think() -> None:
    assert ny(1, 30, 0).utcoffset() == timedelta(hours=-4)
    assert ny(1, 30, 1).utcoffset() == timedelta(hours=-5)


def test_is_due_across_fall_back_second_hour_return() -> None:
    # Return at the second 01:30 (06:30 UTC). The first 01:45 (05:45 UTC) looks
    # later on the wall but is 45 minutes earlier in real time.
    episode = Episode.begin(ny(0, 50, 0)).agree_return(ny(1, 30, 1))
    assert episode.return_at.utcoffset() == timedelta(hours=-5)  # the second 01:30, held at its offset
    assert episode.is_due(ny(1, 45, 0)) is False
    assert episode.is_due(ny(1, 59, 0)) is False
    assert episode.is_due(ny(1, 10, 1)) is False
    assert episode.is_due(ny(1, 30, 1)) is True
    assert episode.is_due(ny(1, 45, 1)) is True


def test_is_due_across_fall_back_first_hour_return() -> None:
    # Return at the first 01:45 (05:45 UTC). The second 01:10 (06:10 UTC) looks
    # earlier on the wall but is 25 minutes later in real time.
    episode = Episode.begin(ny(0, 50, 0)).agree_return(ny(1, 45, 0))
    assert episode.is_due(ny(1, 10, 1)) is True
    assert episode.is_due(ny(1, 40, 0)) is False


def test_fold_survives_later_transitions() -> None:
    episode = Episode.begin(ny(0, 50, 0)).agree_return(ny(1, 30, 1)).reach(4).reschedule(ny(1, 40, 1))
    assert episode.return_at.utcoffset() == timedelta(hours=-5)
    assert episode.is_due(ny(1, 50, 0)) is False


# --- stats --------------------------------------------------------------------


def test_month_start_berlin(clock) -> None:
    start = month_start(clock())
    assert start == datetime(2026, 11, 1, 0, 0, tzinfo=BERLIN)
    assert start.utcoffset() == timedelta(hours=1)
    assert start.astimezone(UTC) == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)


def test_month_start_drops_seconds_and_microseconds() -> None:
    start = month_start(datetime(2026, 5, 17, 13, 14, 15, 161718, tzinfo=BERLIN))
    assert (start.year, start.month, start.day) == (2026, 5, 1)
    assert (start.hour, start.minute, start.second, start.microsecond) == (0, 0, 0, 0)
    assert start.tzinfo is BERLIN


def test_month_start_on_the_first_at_midnight_is_itself() -> None:
    moment = datetime(2026, 3, 1, 0, 0, tzinfo=BERLIN)
    assert month_start(moment) == moment


def test_month_start_before_a_dst_change_in_the_month() -> None:
    # New York on 21 November is on EST (UTC-5), but 1 November at midnight was EDT.
    start = month_start(datetime(2026, 11, 21, 18, 0, tzinfo=NEW_YORK))
    assert start.utcoffset() == timedelta(hours=-4)
    assert start.astimezone(UTC) == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)


def test_month_start_from_the_repeated_hour() -> None:
    start = month_start(ny(1, 30, 1))
    assert start.fold == 0
    assert start.astimezone(UTC) == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)


def test_month_start_in_a_month_that_begins_with_a_dst_change() -> None:
    # Paraguay sprang forward at midnight on 1 October 2023: 00:00 became 01:00,
    # so the month began at 01:00 -03 = 04:00 UTC.
    start = month_start(datetime(2023, 10, 15, 12, 0, tzinfo=ASUNCION))
    assert start.astimezone(UTC) == datetime(2023, 10, 1, 4, 0, tzinfo=UTC)
    assert start.astimezone(UTC).astimezone(ASUNCION).hour == 1
    assert start.hour == 1  # midnight never happened that day; the month starts at 01:00
    # Nothing in September is counted, nothing in October is missed.
    last_of_september = datetime(2023, 9, 30, 23, 59, 59, tzinfo=ASUNCION).astimezone(UTC)
    first_of_october = datetime(2023, 10, 1, 1, 0, tzinfo=ASUNCION).astimezone(UTC)
    assert last_of_september < start.astimezone(UTC) <= first_of_october


def test_month_start_with_a_fixed_offset() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    start = month_start(datetime(2026, 2, 28, 23, 59, tzinfo=india))
    assert start == datetime(2026, 2, 1, 0, 0, tzinfo=india)
    assert start.utcoffset() == timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "fight", "0 fights"),
        (1, "fight", "1 fight"),
        (2, "fight", "2 fights"),
        (1, "sidestep", "1 sidestep"),
        (12, "sidestep", "12 sidesteps"),
    ],
)
def test_plural(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({Outcome.SIDESTEP: 3, Outcome.FIGHT: 1}, "3 sidesteps, 1 fight this month"),
        ({Outcome.SIDESTEP: 1, Outcome.FIGHT: 0}, "1 sidestep this month"),
        ({Outcome.FIGHT: 2}, "2 fights this month"),
        ({}, "No sidestep or fight recorded yet this month"),
    ],
)
def test_outcome_summary(counts: dict[Outcome, int], expected: str) -> None:
    assert outcome_summary(counts) == expected


def test_outcome_summary_with_another_period() -> None:
    assert outcome_summary({Outcome.SIDESTEP: 1, Outcome.FIGHT: 1}, "this week") == "1 sidestep, 1 fight this week"


def test_a_note_edited_on_an_episode_under_way_leaves_it_under_way() -> None:
    edited = cooling().edit(None, "a note")
    assert (edited.status, edited.note) == (Status.COOLING, "a note")
    done = cooling().come_back(RETURN).record_outcome(Outcome.FIGHT)
    assert done.edit(None, "").status is Status.ABANDONED  # an outcome cleared: never resumed


def test_more_time_remembers_the_time_it_replaced() -> None:
    later, asked = RETURN + timedelta(minutes=15), RETURN - timedelta(minutes=10)
    [move] = cooling().reschedule(later, asked).moves
    assert (move.was, move.to, move.at) == (RETURN, later, asked)
