"""Tests for cooldown.core.review: the weekly look back from hand-built episodes, no files, no clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.cues import Cue
from cooldown.core.episode import Episode, Outcome
from cooldown.core.instant import elapsed
from cooldown.core.review import (
    FIGHTS_ASK,
    LATE,
    ON_TIME,
    PRACTICE,
    PROGRESS,
    QUIET,
    CueCount,
    Helped,
    Peak,
    bounds,
    review,
    review_due,
    rows,
    shown,
    span_text,
    title,
    window,
)
from cooldown.core.stats import Tally

BERLIN = ZoneInfo("Europe/Berlin")
SATURDAY = date(2026, 11, 21)
"""The conftest clock's day; the last seven days are Sun 15 to Sat 21 November 2026."""
HEART, VOICE, HURT = (
    Cue(group="body", name="heart racing"),
    Cue(group="actions", name="raising my voice"),
    Cue(group="feelings", name="hurt"),
)


def at(day: int, hour: int = 18, minute: int = 0, month: int = 11, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=zone)


def cool_down(
    start: datetime,
    outcome: Outcome | None = Outcome.SIDESTEP,
    *,
    activity: str = "go for a walk",
    before: int | None = None,
    after: int | None = None,
    during: tuple[int, ...] = (),
    late_minutes: int = 0,
    topic: str = "",
    cues: tuple[Cue, ...] = (),
) -> Episode:
    """A cool-down of 30 minutes, back `late_minutes` after the agreed time, with what was said after it."""
    episode = Episode.begin(start, anger=before).choose_activity(activity)
    episode = episode.agree_return(start + timedelta(minutes=30), start)
    for number, value in enumerate(during, start=1):
        episode = episode.rate_anger_during(value, start + timedelta(minutes=number))
    episode = episode.come_back(start + timedelta(minutes=30 + late_minutes))
    if outcome is not None:
        episode = episode.record_outcome(outcome).reflect(after, "").notice(topic, cues)
    return episode


def week(*episodes: Episode, today: date = SATURDAY, weeks_back: int = 0):
    return review(episodes, today=today, zone=BERLIN, weeks_back=weeks_back)


# The window


def test_the_last_seven_days_end_today_and_earlier_weeks_step_back_seven_days() -> None:
    assert window(SATURDAY) == (date(2026, 11, 15), date(2026, 11, 21))
    assert window(SATURDAY, 1) == (date(2026, 11, 8), date(2026, 11, 14))
    assert window(date(2027, 1, 2), 0) == (date(2026, 12, 27), date(2027, 1, 2))


def test_a_window_across_the_autumn_change_runs_midnight_to_midnight_and_is_an_hour_longer() -> None:
    # Berlin leaves summer time on Sun 25 Oct 2026 at 03:00 (back to 02:00).
    first, last = window(date(2026, 10, 28))
    start, end = bounds(first, last, BERLIN)
    assert (start, end) == (at(22, 0, month=10), at(29, 0, month=10))
    assert (start.utcoffset(), end.utcoffset()) == (timedelta(hours=2), timedelta(hours=1))
    assert elapsed(start, end) == timedelta(days=7, hours=1)


def test_a_window_across_the_spring_change_is_an_hour_shorter() -> None:
    # Berlin goes to summer time on Sun 29 Mar 2026 at 02:00 (on to 03:00).
    start, end = bounds(*window(date(2026, 3, 31)), BERLIN)
    assert elapsed(start, end) == timedelta(days=7, hours=-1)


def test_episodes_count_by_their_local_day_across_a_daylight_saving_change() -> None:
    today = date(2026, 10, 28)  # the window is Thu 22 to Wed 28 October, 25 October in the middle
    inside = [
        cool_down(at(22, 0, 5, month=10)),  # the first minutes of the first day
        cool_down(datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=0)),  # 02:30 summer time
        cool_down(datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1)),  # 02:30 again, an hour later
        cool_down(at(28, 23, 55, month=10), Outcome.FIGHT),  # the last minutes of the last day
        cool_down(datetime(2026, 10, 21, 22, 30, tzinfo=UTC)),  # recorded in UTC: 00:30 on the 22nd in Berlin
    ]
    outside = [
        cool_down(at(21, 23, 55, month=10)),  # the day before
        cool_down(datetime(2026, 10, 28, 23, 30, tzinfo=UTC)),  # 00:30 on the 29th in Berlin
    ]
    found = week(*inside, *outside, today=today)
    assert (found.first_day, found.last_day) == (date(2026, 10, 22), date(2026, 10, 28))
    assert found.cool_downs == 5
    assert found.tally == Tally(sidesteps=4, fights=1)
    assert found.returned == found.on_time == 5


def test_an_earlier_week_leaves_this_one_out() -> None:
    this_week, week_before = cool_down(at(20), Outcome.FIGHT), cool_down(at(10))
    found = week(this_week, week_before, weeks_back=1)
    assert (found.first_day, found.last_day, found.weeks_back) == (date(2026, 11, 8), date(2026, 11, 14), 1)
    assert found.tally == Tally(sidesteps=1, fights=0)
    assert title(found) == "The 7 days before: 8–14 Nov 2026"
    assert title(week(weeks_back=3)).startswith("3 weeks back: ")


# Edges


def test_a_week_with_no_data() -> None:
    found = week()
    assert found.empty
    assert (found.cool_downs, found.logged, found.tally, found.returned, found.on_time) == (0, 0, Tally(), 0, 0)
    assert (found.peak, found.cues, found.helped, found.more_time, found.talks_put_off) == (None, (), None, 0, 0)
    assert found.next_week == QUIET
    assert title(found) == "The last 7 days: 15–21 Nov 2026"


def test_stray_starts_do_not_count_but_logged_outcomes_do() -> None:
    stray = Episode.begin(at(19), anger=8).abandon()  # opened, then left before agreeing a time
    logged = Episode.logged(at(18), Outcome.SIDESTEP)
    found = week(stray, logged)
    assert (found.cool_downs, found.logged, found.tally) == (0, 1, Tally(sidesteps=1))
    assert found.peak is None  # the stray start's rating is not the week's
    assert found.next_week == PROGRESS
    assert dict(rows(found))["Episodes"] == "1 logged afterwards"
    assert dict(rows(found))["Back on time"] == "no cool-downs"


def test_one_episode_with_everything_said() -> None:
    episode = cool_down(
        at(17, 21, 15), before=7, during=(8, 5), after=3, topic="money", cues=(HEART, HURT), activity="go for a walk"
    )
    found = week(episode)
    assert found.cool_downs == 1 and found.logged == 0
    assert found.peak == Peak(8, date(2026, 11, 17), "money")
    assert found.cues == (CueCount("body", "heart racing", 1), CueCount("feelings", "hurt", 1))
    assert found.helped == Helped("go for a walk", 1, Tally(sidesteps=1), 4.0)
    assert (found.returned, found.on_time, found.late) == (1, 1, 0)
    assert found.next_week == ON_TIME
    assert rows(found) == [
        ("Episodes", "1 cool-down"),
        ("Outcomes", "1 sidestep"),
        ("Highest anger", "8 of 9, Tue 17 Nov (money)"),
        ("First signs", "heart racing (1), hurt (1)"),
        ("What helped", "go for a walk: 1 sidestep, anger fell by 4"),
        ("Back on time", "1 of 1"),
        ("Talks put off", "none"),
    ]


def test_missing_ratings_leave_the_highest_anger_and_the_fall_unknown() -> None:
    found = week(cool_down(at(16)), cool_down(at(18), before=6))  # no rating after: no fall to tell
    assert found.peak == Peak(6, date(2026, 11, 18), "")
    assert found.helped == Helped("go for a walk", 2, Tally(sidesteps=2), None)
    assert dict(rows(found))["What helped"] == "go for a walk: 2 sidesteps"
    assert dict(rows(found))["Highest anger"] == "6 of 9, Wed 18 Nov"
    unrated = week(cool_down(at(16), Outcome.FIGHT))
    assert unrated.peak is None and unrated.helped is None
    assert dict(rows(unrated))["Highest anger"] == "not rated"
    assert dict(rows(unrated))["What helped"] == "too few to tell yet"
    assert dict(rows(unrated))["First signs"] == "none noted"


def test_the_highest_anger_can_come_from_a_rating_during_or_after() -> None:
    assert week(cool_down(at(16), during=(9,))).peak == Peak(9, date(2026, 11, 16), "")
    assert week(cool_down(at(16), before=2, after=5)).peak == Peak(5, date(2026, 11, 16), "")


def test_of_equal_highs_the_one_with_a_topic_then_the_earliest() -> None:
    first, second = cool_down(at(15), before=7), cool_down(at(19), before=7, topic="chores")
    assert week(second, first).peak == Peak(7, date(2026, 11, 19), "chores")
    assert week(cool_down(at(19), before=7), first).peak == Peak(7, date(2026, 11, 15), "")


def test_the_cues_seen_most_top_three_with_counts_ties_in_the_order_asked() -> None:
    thought = Cue(group="thoughts", name="wanting to win")
    found = week(
        cool_down(at(15), cues=(thought, HURT, VOICE)),
        cool_down(at(16), cues=(HURT, VOICE, HEART)),
        cool_down(at(17), cues=(HURT,)),
        cool_down(at(18), cues=(thought,)),
    )
    assert found.cues == (
        CueCount("feelings", "hurt", 3),
        CueCount("actions", "raising my voice", 2),
        CueCount("thoughts", "wanting to win", 2),
    )


def test_what_helped_prefers_sidesteps_then_the_larger_fall() -> None:
    found = week(
        cool_down(at(15), Outcome.FIGHT, activity="run errands", before=8, after=1),
        cool_down(at(16), activity="exercise", before=8, after=6),
        cool_down(at(17), activity="go for a walk", before=8, after=2),
    )
    assert found.helped == Helped("go for a walk", 1, Tally(sidesteps=1), 6.0)
    only_fights = week(cool_down(at(15), Outcome.FIGHT, before=8, after=3))
    assert only_fights.helped == Helped("go for a walk", 1, Tally(fights=1), 5.0)  # the anger still fell
    assert dict(rows(only_fights))["What helped"] == "go for a walk: anger fell by 5"


def test_on_time_means_no_later_than_five_minutes_after_the_agreed_time() -> None:
    assert week(cool_down(at(15), late_minutes=5)).on_time == 1
    found = week(cool_down(at(15), late_minutes=6), cool_down(at(16)))
    assert (found.returned, found.on_time, found.late) == (2, 1, 1)
    assert found.next_week == LATE
    assert "name" not in LATE and "specific extra time" in LATE


def test_more_time_and_talks_put_off_are_counted() -> None:
    start = at(18)
    episode = Episode.begin(start, anger=5).choose_activity("exercise").agree_return(start + timedelta(minutes=20))
    episode = episode.reschedule(start + timedelta(minutes=35), start + timedelta(minutes=20))
    episode = episode.reschedule(start + timedelta(minutes=45), start + timedelta(minutes=35))
    episode = episode.come_back(start + timedelta(minutes=44)).put_off_talk(start + timedelta(hours=3))
    found = week(episode)
    assert (found.more_time, found.talks_put_off, found.returned, found.on_time) == (2, 1, 1, 1)
    assert dict(rows(found))["Back on time"] == "1 of 1, more time asked 2 times"
    assert dict(rows(found))["Talks put off"] == "1"
    assert dict(rows(found))["Outcomes"] == "none recorded yet"


# The line for next week


def test_more_fights_than_sidesteps_asks_about_the_first_sign_seen_most() -> None:
    found = week(cool_down(at(15), Outcome.FIGHT, cues=(VOICE,)), cool_down(at(16), Outcome.FIGHT))
    assert found.next_week == (
        "A fight is still practice. For next week: when you notice “raising my voice”, "
        "could that be your moment to step out?"
    )
    assert week(Episode.logged(at(15), Outcome.FIGHT)).next_week == FIGHTS_ASK


def test_late_returns_come_before_everything_else_and_practice_is_the_fallback() -> None:
    assert week(cool_down(at(15), Outcome.FIGHT, late_minutes=20)).next_week == LATE
    unfinished = week(cool_down(at(15), None).keep_cooling())  # still cooling down: no return, no outcome
    assert unfinished.next_week == PRACTICE
    assert dict(rows(unfinished))["Back on time"] == "no returns yet"


def test_the_same_week_always_gives_the_same_words() -> None:
    episodes = [cool_down(at(15 + n), Outcome.FIGHT if n % 2 else Outcome.SIDESTEP, before=n) for n in range(6)]
    assert week(*episodes) == week(*reversed(episodes))


# When the closing screen offers it


@pytest.mark.parametrize(
    ("last_seen", "week_of_history", "due"),
    [
        (None, False, False),  # new here: no week to look back on yet
        (None, True, True),
        (date(2026, 11, 15), True, False),  # six days ago
        (date(2026, 11, 14), False, True),  # seven days ago
        (date(2026, 11, 21), True, False),  # today
    ],
)
def test_review_is_due_a_week_after_it_was_last_seen(last_seen: date | None, week_of_history: bool, due: bool) -> None:
    assert review_due(last_seen, SATURDAY, week_of_history=week_of_history) is due


# Words


def test_spans_across_months_and_years() -> None:
    assert span_text(date(2026, 10, 26), date(2026, 11, 1)) == "26 Oct – 1 Nov 2026"
    assert span_text(date(2026, 12, 29), date(2027, 1, 4)) == "29 Dec 2026 – 4 Jan 2027"


def test_user_text_is_shown_without_control_characters_and_shortened() -> None:
    assert shown("mon\x1b[31mey\n") == "mon[31mey"
    assert shown("a" * 40, 10) == "a" * 9 + "…"
    found = week(cool_down(at(16), before=9, topic="the bell"))
    assert dict(rows(found))["Highest anger"] == "9 of 9, Mon 16 Nov (the bell)"
